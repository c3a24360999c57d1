package org.attentionlab.ui.export;

import java.io.File;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.function.Supplier;
import java.util.stream.Collectors;

import javafx.scene.Scene;
import javafx.scene.control.Alert;
import javafx.scene.control.ButtonBar;
import javafx.scene.control.ButtonType;
import javafx.scene.control.ChoiceDialog;
import javafx.scene.control.Dialog;
import javafx.stage.DirectoryChooser;
import javafx.stage.FileChooser;

import org.attentionlab.ui.I18n;

/**
 * The export questions as real dialogs, in the window's language, font, size and theme: a choice of
 * 1×, 2×, 3× (2× preselected: sharp on a projector and in slides), the platform's file and folder
 * choosers, and a confirmation that names every file it would replace (Cancel is the default).
 */
public final class FxDialogs implements ExportActions.Dialogs {

    private final I18n i18n;
    private final Supplier<Scene> owner;
    private File lastFolder;

    public FxDialogs(I18n i18n, Supplier<Scene> owner) {
        this.i18n = i18n;
        this.owner = owner;
    }

    @Override
    public Optional<Integer> scale() {
        List<String> choices = Snapshots.SCALES.stream().map(s -> s + "×").toList();
        ChoiceDialog<String> d = new ChoiceDialog<>("2×", choices);
        d.setTitle(i18n.get("export.scale.title"));
        d.setHeaderText(i18n.get("export.scale.header"));
        d.setContentText(i18n.get("export.scale.label"));
        style(d);
        return d.showAndWait().map(s -> Integer.parseInt(s.substring(0, s.length() - 1)));
    }

    @Override
    public Optional<Path> pngFile(String suggestedName) {
        FileChooser c = new FileChooser();
        c.setTitle(i18n.get("export.png.title"));
        c.getExtensionFilters().add(new FileChooser.ExtensionFilter(i18n.get("export.png.filter"), "*.png"));
        c.setInitialFileName(suggestedName);
        if (lastFolder != null && lastFolder.isDirectory()) {
            c.setInitialDirectory(lastFolder);
        }
        File f = c.showSaveDialog(owner.get() == null ? null : owner.get().getWindow());
        if (f != null) {
            lastFolder = f.getParentFile();
        }
        return Optional.ofNullable(f).map(File::toPath);
    }

    @Override
    public Optional<Path> csvFolder() {
        DirectoryChooser c = new DirectoryChooser();
        c.setTitle(i18n.get("export.csv.title"));
        if (lastFolder != null && lastFolder.isDirectory()) {
            c.setInitialDirectory(lastFolder);
        }
        File f = c.showDialog(owner.get() == null ? null : owner.get().getWindow());
        if (f != null) {
            lastFolder = f;
        }
        return Optional.ofNullable(f).map(File::toPath);
    }

    @Override
    public boolean replace(List<Path> existing) {
        ButtonType yes = new ButtonType(i18n.get("export.replace.yes"), ButtonBar.ButtonData.OK_DONE);
        ButtonType no = new ButtonType(i18n.get("export.replace.no"), ButtonBar.ButtonData.CANCEL_CLOSE);
        Alert a = new Alert(Alert.AlertType.CONFIRMATION, "", yes, no);
        a.setTitle(i18n.get("export.replace.title"));
        a.setHeaderText(i18n.format("export.replace.header", existing.size()));
        a.setContentText(existing.stream().map(Path::toString).limit(12).collect(Collectors.joining("\n"))
                + (existing.size() > 12 ? "\n…" : ""));
        ((javafx.scene.control.Button) a.getDialogPane().lookupButton(yes)).setDefaultButton(false);
        ((javafx.scene.control.Button) a.getDialogPane().lookupButton(no)).setDefaultButton(true);
        style(a);
        return a.showAndWait().filter(b -> b == yes).isPresent();
    }

    /** The window's stylesheets and theme, so that the dialog reads as well as the window. */
    private void style(Dialog<?> d) {
        Scene s = owner.get();
        if (s == null) {
            return;
        }
        d.getDialogPane().getStylesheets().setAll(s.getStylesheets());
        if (s.getRoot().getStyleClass().contains("high-contrast")) {
            d.getDialogPane().getStyleClass().add("high-contrast");
        }
        if (s.getWindow() != null) {
            d.initOwner(s.getWindow());
        }
    }
}
