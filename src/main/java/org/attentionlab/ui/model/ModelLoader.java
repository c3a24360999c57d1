package org.attentionlab.ui.model;

import java.io.IOException;
import java.nio.file.Path;
import java.util.Objects;
import java.util.concurrent.atomic.AtomicInteger;

import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyDoubleProperty;
import javafx.beans.property.ReadOnlyDoubleWrapper;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyObjectWrapper;

import org.attentionlab.io.BertCheckpoint;
import org.attentionlab.io.ModelFileException;
import org.attentionlab.text.VocabularyException;
import org.attentionlab.ui.BertSession;
import org.attentionlab.ui.EngineService;
import org.attentionlab.ui.LatestOnly;
import org.attentionlab.ui.UiExecutors;
import org.attentionlab.ui.Message;

/**
 * The BERT checkpoint the user opened (File → Open model…), shared by the model view and the
 * multi-head view: loads a folder on the background executor with progress, and on failure says
 * which file and what is wrong while the previous model (or none) stays in use.
 */
public final class ModelLoader {

    private final EngineService engine;
    private final UiExecutors executors;
    private final LatestOnly runs;
    private final ReadOnlyObjectWrapper<BertSession> model = new ReadOnlyObjectWrapper<>(this, "model");
    private final ReadOnlyObjectWrapper<Path> loading = new ReadOnlyObjectWrapper<>(this, "loading");
    private final ReadOnlyDoubleWrapper progress = new ReadOnlyDoubleWrapper(this, "progress", 0);
    private final ReadOnlyObjectWrapper<Message> error = new ReadOnlyObjectWrapper<>(this, "error");

    public ModelLoader(EngineService engine, UiExecutors executors) {
        this.engine = Objects.requireNonNull(engine, "engine");
        this.executors = Objects.requireNonNull(executors, "executors");
        this.runs = new LatestOnly(executors);
    }

    /** The model in use, or null before one is opened. */
    public ReadOnlyObjectProperty<BertSession> modelProperty() {
        return model.getReadOnlyProperty();
    }

    public BertSession model() {
        return model.get();
    }

    /** The folder being loaded, or null when idle. */
    public ReadOnlyObjectProperty<Path> loadingProperty() {
        return loading.getReadOnlyProperty();
    }

    /** Fraction of the weights read, 0 to 1, while loading. */
    public ReadOnlyDoubleProperty progressProperty() {
        return progress.getReadOnlyProperty();
    }

    /** Why the last folder could not be opened (naming the file), or null. */
    public ReadOnlyObjectProperty<Message> errorProperty() {
        return error.getReadOnlyProperty();
    }

    /** True while a folder is loading. */
    public ReadOnlyBooleanProperty busyProperty() {
        return runs.busyProperty();
    }

    /** Loads {@code folder} in the background; a newer call supersedes this one. Call on the FX thread. */
    public void open(Path folder) {
        Objects.requireNonNull(folder, "folder");
        loading.set(folder);
        progress.set(0);
        error.set(null);
        AtomicInteger shownPercent = new AtomicInteger(-1);
        runs.submit(() -> load(folder, p -> {
            // the reader reports every tensor; the FX thread hears of whole percents only
            int percent = (int) Math.floor(p * 100);
            if (percent > shownPercent.getAndAccumulate(percent, Math::max)) {
                executors.fx().execute(() -> {
                    if (folder.equals(loading.get())) {
                        progress.set(percent / 100.0);
                    }
                });
            }
        }), session -> {
            model.set(session);
            progress.set(1);
            loading.set(null);
        }, e -> {
            error.set(e instanceof LoadFailure f ? f.problem : Message.of("model.error.load", String.valueOf(e.getMessage())));
            loading.set(null);
        });
    }

    private BertSession load(Path folder, java.util.function.DoubleConsumer onProgress) {
        try {
            return engine.openBert(folder, onProgress);
        } catch (ModelFileException | VocabularyException e) {
            // both name the file (a vocabulary without [UNK], [CLS], [SEP] or [PAD] names vocab.txt)
            throw new LoadFailure(Message.of("model.error.load", e.getMessage()));
        } catch (IllegalArgumentException e) {
            // weights whose shapes do not fit config.json
            throw new LoadFailure(Message.of("model.error.load", folder.resolve(BertCheckpoint.WEIGHTS) + ": " + e.getMessage()));
        } catch (IOException e) {
            throw new LoadFailure(Message.of("model.error.read", folder, String.valueOf(e.getMessage())));
        } catch (OutOfMemoryError e) {
            throw new LoadFailure(Message.of("model.error.memory", folder, Runtime.getRuntime().maxMemory() >> 20));
        }
    }

    /** A load that failed, with the message for the user. */
    private static final class LoadFailure extends RuntimeException {
        private static final long serialVersionUID = 1L;
        private final transient Message problem;

        LoadFailure(Message problem) {
            super(problem.key());
            this.problem = problem;
        }
    }
}
