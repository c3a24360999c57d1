package org.attentionlab.ui.export;

import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Consumer;
import java.util.function.Supplier;

import javafx.scene.Node;

import org.attentionlab.io.LabeledMatrix;
import org.attentionlab.io.MatrixCsv;
import org.attentionlab.io.PngFiles;
import org.attentionlab.ui.I18n;
import org.attentionlab.ui.UiExecutors;
import org.attentionlab.ui.shell.Exportable;

/**
 * File → Export view as PNG… / Export matrices as CSV…: asks for the scale and the file (or
 * folder), asks before replacing any file that exists, takes the picture on the FX thread and
 * writes in the background (atomically), then says what was written in the window's notice bar.
 * The questions go through {@link Dialogs}, so tests answer them without a file chooser.
 */
public final class ExportActions {

    /** The questions the user answers; empty = cancelled. */
    public interface Dialogs {
        Optional<Integer> scale();

        Optional<Path> pngFile(String suggestedName);

        Optional<Path> csvFolder();

        /** Whether these existing files may be replaced. */
        boolean replace(List<Path> existing);
    }

    private final I18n i18n;
    private final Supplier<Node> view;
    private final Supplier<String> name;
    private final Consumer<String> notice;
    private final UiExecutors executors;
    private Dialogs dialogs;

    /**
     * @param view    the view shown now (exported when it is {@link Exportable})
     * @param name    a short name for file names ("pe")
     * @param notice  shows a message to the user (the window's notice bar)
     * @param dialogs asks the questions
     */
    public ExportActions(I18n i18n, Supplier<Node> view, Supplier<String> name, Consumer<String> notice,
                         UiExecutors executors, Dialogs dialogs) {
        this.i18n = Objects.requireNonNull(i18n, "i18n");
        this.view = Objects.requireNonNull(view, "view");
        this.name = Objects.requireNonNull(name, "name");
        this.notice = Objects.requireNonNull(notice, "notice");
        this.executors = Objects.requireNonNull(executors, "executors");
        this.dialogs = Objects.requireNonNull(dialogs, "dialogs");
    }

    /** Replaces the dialogs (tests answer the questions themselves). */
    public void setDialogs(Dialogs dialogs) {
        this.dialogs = Objects.requireNonNull(dialogs, "dialogs");
    }

    /** Whether the view shown now can be exported. */
    public boolean canExport() {
        return view.get() instanceof Exportable;
    }

    /** Export view as PNG…; on the FX thread. */
    public void exportPng() {
        if (!(view.get() instanceof Exportable e)) {
            notice.accept(i18n.get("export.notExportable"));
            return;
        }
        Optional<Integer> scale = dialogs.scale();
        if (scale.isEmpty()) {
            return;
        }
        Optional<Path> chosen = dialogs.pngFile(name.get() + ".png");
        if (chosen.isEmpty()) {
            return;
        }
        Path target = withPng(chosen.get());
        if (Files.exists(target) && !dialogs.replace(List.of(target))) {
            return;
        }
        BufferedImage image = Snapshots.render(e.exportNode(), scale.get());
        executors.background().execute(() -> {
            try {
                PngFiles.write(target, image);
                executors.fx().execute(() -> notice.accept(i18n.format("export.png.done", target.toString(),
                        image.getWidth(), image.getHeight())));
            } catch (IOException | RuntimeException ex) {
                executors.fx().execute(() -> notice.accept(i18n.format("export.failed", target.toString(), why(ex))));
            }
        });
    }

    /** Export matrices as CSV…; on the FX thread. */
    public void exportCsv() {
        if (!(view.get() instanceof Exportable e)) {
            notice.accept(i18n.get("export.notExportable"));
            return;
        }
        List<LabeledMatrix> matrices = e.exportMatrices();
        if (matrices.isEmpty()) {
            notice.accept(i18n.get("export.csv.nothing"));
            return;
        }
        Optional<Path> folder = dialogs.csvFolder();
        if (folder.isEmpty()) {
            return;
        }
        Path dir = folder.get();
        List<Path> files = MatrixCsv.fileNames(dir, name.get(), matrices);
        List<Path> existing = files.stream().filter(Files::exists).toList();
        if (!existing.isEmpty() && !dialogs.replace(existing)) {
            return;
        }
        executors.background().execute(() -> {
            try {
                List<Path> written = MatrixCsv.writeAll(dir, name.get(), matrices);
                executors.fx().execute(() -> notice.accept(i18n.format("export.csv.done", written.size(), dir.toString())));
            } catch (IOException | RuntimeException ex) {
                executors.fx().execute(() -> notice.accept(i18n.format("export.failed", dir.toString(), why(ex))));
            }
        });
    }

    /** The chosen file with ".png" added when it has no such ending. */
    static Path withPng(Path p) {
        String n = p.getFileName() == null ? "" : p.getFileName().toString();
        return n.toLowerCase(Locale.ROOT).endsWith(".png") ? p : p.resolveSibling(n + ".png");
    }

    private static String why(Exception e) {
        return e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
    }
}
