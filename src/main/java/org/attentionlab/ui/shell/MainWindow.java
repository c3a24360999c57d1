package org.attentionlab.ui.shell;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Locale;

import javafx.beans.binding.Bindings;
import javafx.scene.Scene;
import javafx.scene.control.CheckMenuItem;
import javafx.scene.control.Label;
import javafx.scene.control.ListCell;
import javafx.scene.control.ListView;
import javafx.scene.control.Menu;
import javafx.scene.control.MenuBar;
import javafx.scene.control.MenuItem;
import javafx.scene.control.RadioMenuItem;
import javafx.scene.control.SeparatorMenuItem;
import javafx.scene.control.ToggleGroup;
import javafx.scene.control.Tooltip;
import javafx.scene.input.KeyCode;
import javafx.scene.input.KeyCodeCombination;
import javafx.scene.input.KeyCombination;
import javafx.scene.layout.BorderPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;
import javafx.scene.layout.StackPane;
import javafx.stage.Stage;

import org.controlsfx.control.NotificationPane;

import org.attentionlab.ui.Appearance;
import org.attentionlab.ui.I18n;
import org.attentionlab.ui.export.ExportActions;
import org.attentionlab.ui.export.FxDialogs;
import org.attentionlab.ui.widgets.ColorMap;

/**
 * The main window: menus on top, the navigation list on the left, the current view in the
 * middle, the status bar (ND4J backend, presenter keys) at the bottom. Only binds to
 * {@link ShellViewModel}; every action has a key (F11, Ctrl+=, Ctrl+−, Ctrl+0, Ctrl+Shift+H,
 * Ctrl+1…9 for the pages, F10/Alt for the menus).
 */
public final class MainWindow {

    private final ShellViewModel vm;
    private final I18n i18n;
    private final Appearance appearance;
    private final String fontFamily;
    private final BorderPane root = new BorderPane();
    private final Scene scene;
    private final ListView<Page> nav = new ListView<>();
    private final StackPane content = new StackPane();
    private final Label backendLabel = new Label();
    private final Label backendWarning = new Label("⚠");
    private Menu fileMenu;
    private String fontSheet;
    /** Held here so that the stage's weak listener lives exactly as long as this window. */
    private javafx.beans.value.ChangeListener<Boolean> stageFullScreen;
    private final ExportActions exports;

    /**
     * @param fontFamily the CJK-capable family for the whole scene (see {@link CjkFonts}), or
     *                   null to keep JavaFX's default
     */
    public MainWindow(ShellViewModel vm, String fontFamily) {
        this.vm = vm;
        this.i18n = vm.i18n();
        this.appearance = vm.appearance();
        this.fontFamily = fontFamily;
        this.exports = new ExportActions(i18n,
                () -> vm.selectedPageProperty().get() == null ? null : vm.selectedPageProperty().get().view(),
                () -> vm.selectedPageProperty().get() == null ? "view" : vm.selectedPageProperty().get().id(),
                vm::showNotice, vm.executors(), new FxDialogs(i18n, this::scene));
        root.getStyleClass().add("main-window");
        root.setTop(menuBar());
        root.setLeft(navigation());
        content.getStyleClass().add("content");
        root.setCenter(notices());
        root.setBottom(statusBar());
        scene = new Scene(root, 1600, 900);
        scene.getStylesheets().add(MainWindow.class.getResource("/org/attentionlab/ui/attention-lab.css").toExternalForm());
        applyFont();
        appearance.fontSizeProperty().addListener(x -> applyFont());
        appearance.highContrastProperty().addListener((obs, was, now) -> applyContrast(now));
        applyContrast(appearance.highContrastProperty().get());
        installPageKeys();
        vm.selectedPageProperty().addListener((obs, old, now) -> showPage(now));
        showPage(vm.selectedPageProperty().get());
    }

    public Scene scene() {
        return scene;
    }

    public BorderPane root() {
        return root;
    }

    /** File → Export… (tests replace its dialogs). */
    public ExportActions exportActions() {
        return exports;
    }

    /** Puts the scene on {@code stage} and ties title and full screen to the view-model. */
    public void attach(Stage stage) {
        stage.setScene(scene);
        stage.titleProperty().bind(i18n.text("app.title"));
        stage.setFullScreenExitKeyCombination(new KeyCodeCombination(KeyCode.F11));
        stage.fullScreenExitHintProperty().bind(i18n.text("shell.fullScreenHint"));
        vm.fullScreenProperty().addListener((obs, was, now) -> {
            if (stage.isFullScreen() != now) {
                stage.setFullScreen(now);
            }
        });
        // weakly: the stage may outlive this window (a test harness puts a new scene on the same
        // stage), and a strong listener would keep every view of every earlier window alive
        stageFullScreen = (obs, was, now) -> vm.fullScreenProperty().set(now);
        stage.fullScreenProperty().addListener(new javafx.beans.value.WeakChangeListener<>(stageFullScreen));
        stage.setMinWidth(900);
        stage.setMinHeight(600);
    }

    /** Adds actions that views contribute (File → Open model…) at the top of the File menu. */
    public void addFileMenuItems(MenuItem... items) {
        // opening things come first, above export and quit, with a separator after them
        fileMenu.getItems().addAll(0, java.util.List.of(items));
        if (!(fileMenu.getItems().get(items.length) instanceof SeparatorMenuItem)) {
            fileMenu.getItems().add(items.length, new SeparatorMenuItem());
        }
    }

    // ---------------------------------------------------------------- parts

    private MenuBar menuBar() {
        Menu file = menu("menu.file");
        MenuItem quit = item("menu.file.quit", new KeyCodeCombination(KeyCode.Q, KeyCombination.SHORTCUT_DOWN));
        quit.setOnAction(e -> {
            if (scene.getWindow() != null) {
                scene.getWindow().hide();
            }
        });
        // export the view shown: PNG at 1×/2×/3× for slides, its matrices as CSV
        MenuItem png = item("menu.file.exportPng", new KeyCodeCombination(KeyCode.E, KeyCombination.SHORTCUT_DOWN));
        png.setOnAction(e -> exports.exportPng());
        MenuItem csv = item("menu.file.exportCsv",
                new KeyCodeCombination(KeyCode.E, KeyCombination.SHORTCUT_DOWN, KeyCombination.SHIFT_DOWN));
        csv.setOnAction(e -> exports.exportCsv());
        file.setOnShowing(e -> {
            png.setDisable(!exports.canExport());
            csv.setDisable(!exports.canExport());
        });
        file.getItems().addAll(png, csv, new SeparatorMenuItem(), quit);
        fileMenu = file;

        Menu view = menu("menu.view");
        MenuItem fullScreen = item("menu.view.fullScreen", new KeyCodeCombination(KeyCode.F11));
        fullScreen.setOnAction(e -> vm.toggleFullScreen());
        MenuItem bigger = item("menu.view.bigger",
                new KeyCodeCombination(KeyCode.EQUALS, KeyCombination.SHORTCUT_DOWN, KeyCombination.SHIFT_ANY));
        bigger.setOnAction(e -> appearance.bigger());
        MenuItem smaller = item("menu.view.smaller", new KeyCodeCombination(KeyCode.MINUS, KeyCombination.SHORTCUT_DOWN));
        smaller.setOnAction(e -> appearance.smaller());
        MenuItem reset = item("menu.view.resetSize", new KeyCodeCombination(KeyCode.DIGIT0, KeyCombination.SHORTCUT_DOWN));
        reset.setOnAction(e -> appearance.resetSize());
        CheckMenuItem contrast = new CheckMenuItem();
        contrast.textProperty().bind(i18n.text("menu.view.highContrast"));
        contrast.setAccelerator(new KeyCodeCombination(KeyCode.H, KeyCombination.SHORTCUT_DOWN, KeyCombination.SHIFT_DOWN));
        contrast.selectedProperty().bindBidirectional(appearance.highContrastProperty());
        view.getItems().addAll(fullScreen, new SeparatorMenuItem(), bigger, smaller, reset, new SeparatorMenuItem(),
                contrast, new SeparatorMenuItem(),
                colorMapMenu("menu.view.weightsMap", ColorMap.Kind.SEQUENTIAL),
                colorMapMenu("menu.view.signedMap", ColorMap.Kind.DIVERGING));

        Menu language = menu("menu.language");
        ToggleGroup languages = new ToggleGroup();
        for (Locale l : I18n.SUPPORTED) {
            RadioMenuItem item = new RadioMenuItem(l.getLanguage().equals("zh") ? "中文" : "English");
            item.setId("lang-" + l.toLanguageTag());
            item.setToggleGroup(languages);
            item.setSelected(l.equals(i18n.getLocale()));
            item.setOnAction(e -> vm.setLanguage(l));
            language.getItems().add(item);
        }
        i18n.localeProperty().addListener((obs, old, now) -> languages.getToggles().forEach(
                t -> t.setSelected(((RadioMenuItem) t).getId().equals("lang-" + now.toLanguageTag()))));

        Menu help = menu("menu.help");
        MenuItem keys = item("menu.help.keys", new KeyCodeCombination(KeyCode.F1));
        keys.setOnAction(e -> KeysDialog.show(scene, i18n));
        help.getItems().add(keys);

        MenuBar bar = new MenuBar(file, view, language, help);
        bar.setUseSystemMenuBar(true);
        return bar;
    }

    private Menu colorMapMenu(String key, ColorMap.Kind kind) {
        Menu menu = menu(key);
        ToggleGroup group = new ToggleGroup();
        var property = kind == ColorMap.Kind.SEQUENTIAL ? appearance.sequentialMapProperty()
                : appearance.divergingMapProperty();
        for (ColorMap map : ColorMap.values()) {
            if (map.kind() != kind) {
                continue;
            }
            RadioMenuItem item = new RadioMenuItem();
            item.textProperty().bind(i18n.text(map.messageKey()));
            item.setToggleGroup(group);
            item.setSelected(property.get() == map);
            item.setOnAction(e -> property.set(map));
            property.addListener((obs, old, now) -> item.setSelected(now == map));
            menu.getItems().add(item);
        }
        return menu;
    }

    private Menu menu(String key) {
        Menu m = new Menu();
        m.setId(key);
        m.textProperty().bind(i18n.text(key));
        return m;
    }

    /**
     * A menu of the bar by its message key ({@code menu.file}, {@code menu.view}, …), for features
     * wired after the window is built (the lesson player adds its items this way).
     */
    public java.util.Optional<Menu> findMenu(String key) {
        return root.getTop() instanceof MenuBar bar
                ? bar.getMenus().stream().filter(m -> key.equals(m.getId())).findFirst() : java.util.Optional.empty();
    }

    private MenuItem item(String key, KeyCombination accelerator) {
        MenuItem m = new MenuItem();
        m.textProperty().bind(i18n.text(key));
        m.setAccelerator(accelerator);
        return m;
    }

    private ListView<Page> navigation() {
        nav.getStyleClass().add("navigation");
        nav.setId("navigation");
        nav.getItems().setAll(vm.pages());
        nav.setCellFactory(list -> new ListCell<>() {
            @Override
            protected void updateItem(Page page, boolean empty) {
                super.updateItem(page, empty);
                textProperty().unbind();
                if (empty || page == null) {
                    setText(null);
                } else {
                    int index = getIndex() + 1;
                    textProperty().bind(Bindings.concat(index <= 9 ? index + "  " : "", i18n.text(page.titleKey())));
                }
            }
        });
        nav.getSelectionModel().select(vm.selectedPageProperty().get());
        nav.getSelectionModel().selectedItemProperty().addListener((obs, old, now) -> {
            if (now != null) {
                vm.selectedPageProperty().set(now);
            }
        });
        vm.selectedPageProperty().addListener((obs, old, now) -> nav.getSelectionModel().select(now));
        nav.prefWidthProperty().bind(appearance.em(11)); // "Positional encoding" and "Multi-head" whole at every size
        return nav;
    }

    /** The content, with a bar above it for notices the user should read once (dismissed with ✕). */
    private NotificationPane notices() {
        NotificationPane pane = new NotificationPane(content);
        pane.setId("notice-pane");
        pane.getStyleClass().add("notice-pane");
        pane.setShowFromTop(true);
        pane.setCloseButtonVisible(true);
        Runnable sync = () -> {
            String text = vm.noticeProperty().get();
            if (text == null || text.isEmpty()) {
                pane.hide();
            } else {
                pane.show(text);
            }
        };
        vm.noticeProperty().addListener(x -> sync.run());
        pane.setOnHidden(e -> vm.dismissNotice());
        sync.run();
        return pane;
    }

    private HBox statusBar() {
        HBox bar = new HBox();
        bar.getStyleClass().add("status-bar");
        backendLabel.setId("backend-status");
        backendLabel.getStyleClass().add("backend-status");
        backendLabel.textProperty().bind(Bindings.createStringBinding(() -> switch (vm.backendStateProperty().get()) {
            case LOADING -> i18n.get("status.backend.loading");
            case READY -> i18n.format("status.backend.ready", vm.backendProperty().get().summary());
            case FAILED -> i18n.format("status.backend.failed", vm.backendErrorProperty().get());
        }, vm.backendStateProperty(), vm.backendProperty(), vm.backendErrorProperty(), i18n.localeProperty()));
        backendWarning.getStyleClass().add("backend-warning");
        backendWarning.visibleProperty().bind(Bindings.createBooleanBinding(() -> vm.backendStateProperty().get()
                == ShellViewModel.BackendState.FAILED || (vm.backendProperty().get() != null
                && !vm.backendProperty().get().note().isBlank()), vm.backendStateProperty(), vm.backendProperty()));
        backendWarning.managedProperty().bind(backendWarning.visibleProperty());
        Tooltip note = new Tooltip();
        note.textProperty().bind(Bindings.createStringBinding(() -> {
            var info = vm.backendProperty().get();
            if (info == null) {
                return vm.backendErrorProperty().get();
            }
            String base = info.nd4jClass() + (info.note().isBlank() ? "" : "\n" + info.note());
            return base;
        }, vm.backendProperty(), vm.backendErrorProperty()));
        note.setWrapText(true);
        note.setMaxWidth(700);
        backendLabel.setTooltip(note);
        backendWarning.setTooltip(note);
        Region spring = new Region();
        HBox.setHgrow(spring, Priority.ALWAYS);
        Label keys = new Label();
        keys.getStyleClass().add("status-keys");
        keys.textProperty().bind(i18n.text("status.keys"));
        bar.getChildren().addAll(backendWarning, backendLabel, spring, keys);
        return bar;
    }

    private void installPageKeys() {
        for (int i = 0; i < Math.min(9, vm.pages().size()); i++) {
            Page p = vm.pages().get(i);
            KeyCode digit = KeyCode.valueOf("DIGIT" + (i + 1));
            scene.getAccelerators().put(new KeyCodeCombination(digit, KeyCombination.SHORTCUT_DOWN),
                    () -> vm.selectedPageProperty().set(p));
        }
        // numeric-keypad + and − as well, for presenters with a keypad
        scene.getAccelerators().put(new KeyCodeCombination(KeyCode.ADD, KeyCombination.SHORTCUT_DOWN), appearance::bigger);
        scene.getAccelerators().put(new KeyCodeCombination(KeyCode.PLUS, KeyCombination.SHORTCUT_DOWN), appearance::bigger);
        scene.getAccelerators().put(new KeyCodeCombination(KeyCode.SUBTRACT, KeyCombination.SHORTCUT_DOWN),
                appearance::smaller);
    }

    private void showPage(Page page) {
        content.getChildren().setAll(page == null ? new Region() : page.view());
    }

    /**
     * The font family and size go in a generated stylesheet on the scene rather than in code on
     * every control: every node, popups and tooltips included, inherits them from {@code .root},
     * and presenter mode changes one number.
     */
    private void applyFont() {
        StringBuilder css = new StringBuilder(".root { -fx-font-size: ")
                .append(Math.round(appearance.getFontSize())).append("px;");
        if (fontFamily != null) {
            css.append(" -fx-font-family: \"").append(fontFamily.replace("\"", "")).append("\";");
        }
        css.append(" }\n");
        String uri = "data:text/css;base64," + Base64.getEncoder().encodeToString(css.toString().getBytes(StandardCharsets.UTF_8));
        if (fontSheet != null) {
            scene.getStylesheets().remove(fontSheet);
        }
        fontSheet = uri;
        scene.getStylesheets().add(uri);
    }

    private void applyContrast(boolean on) {
        if (on && !root.getStyleClass().contains("high-contrast")) {
            root.getStyleClass().add("high-contrast");
        } else if (!on) {
            root.getStyleClass().remove("high-contrast");
        }
    }
}
