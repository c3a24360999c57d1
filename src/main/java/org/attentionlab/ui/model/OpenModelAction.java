package org.attentionlab.ui.model;

import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.function.Supplier;
import java.util.logging.Level;
import java.util.logging.Logger;

import javafx.scene.control.MenuItem;
import javafx.scene.input.KeyCode;
import javafx.scene.input.KeyCodeCombination;
import javafx.scene.input.KeyCombination;
import javafx.stage.DirectoryChooser;
import javafx.stage.Window;

import org.attentionlab.io.SettingsStore;
import org.attentionlab.ui.I18n;
import org.attentionlab.ui.UiExecutors;

/**
 * File → Open model… (Ctrl+Shift+O): a {@link DirectoryChooser} for a Hugging Face BERT folder
 * ({@code config.json}, {@code model.safetensors}, {@code vocab.txt}), remembering where the last
 * one was; then the model view is shown while the folder loads in the background.
 */
public final class OpenModelAction {

    static final String LAST_FOLDER = "model.lastFolder";
    private static final Logger LOG = Logger.getLogger(OpenModelAction.class.getName());

    private final I18n i18n;
    private final ModelLoader loader;
    private final SettingsStore settings;
    private final UiExecutors executors;
    private final Supplier<Window> owner;
    private final Runnable showModelPage;

    /**
     * @param owner         the window the chooser belongs to
     * @param showModelPage brings the model view forward (it shows the progress)
     */
    public OpenModelAction(I18n i18n, ModelLoader loader, SettingsStore settings, UiExecutors executors,
                           Supplier<Window> owner, Runnable showModelPage) {
        this.i18n = i18n;
        this.loader = loader;
        this.settings = settings;
        this.executors = executors;
        this.owner = owner;
        this.showModelPage = showModelPage;
    }

    /** The menu item, with its accelerator. */
    public MenuItem menuItem() {
        MenuItem item = new MenuItem();
        item.textProperty().bind(i18n.text("menu.file.openModel"));
        item.setAccelerator(new KeyCodeCombination(KeyCode.O, KeyCombination.SHORTCUT_DOWN, KeyCombination.SHIFT_DOWN));
        item.setId("menu-open-model");
        item.setOnAction(e -> choose());
        return item;
    }

    /** Asks for a folder and opens it; nothing happens when the user cancels. */
    public void choose() {
        DirectoryChooser chooser = new DirectoryChooser();
        chooser.setTitle(i18n.get("model.chooser.title"));
        settings.getString(LAST_FOLDER).map(Path::of).filter(Files::isDirectory).ifPresent(p -> chooser.setInitialDirectory(p.toFile()));
        File folder = chooser.showDialog(owner.get());
        if (folder != null) {
            open(folder.toPath());
        }
    }

    /** Opens {@code folder} (what the chooser does once a folder is picked). */
    public void open(Path folder) {
        showModelPage.run();
        loader.open(folder);
        Path parent = folder.toAbsolutePath().getParent();
        if (parent != null) {
            settings.put(LAST_FOLDER, parent.toString());
            executors.background().execute(() -> {
                try {
                    settings.save();
                } catch (IOException e) {
                    LOG.log(Level.WARNING, "could not save the settings", e);
                }
            });
        }
    }
}
