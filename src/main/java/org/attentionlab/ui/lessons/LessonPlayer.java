package org.attentionlab.ui.lessons;

import java.io.File;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

import javafx.beans.property.BooleanProperty;
import javafx.beans.property.SimpleBooleanProperty;
import javafx.scene.Scene;
import javafx.scene.control.CheckMenuItem;
import javafx.scene.control.MenuItem;
import javafx.scene.control.SeparatorMenuItem;
import javafx.scene.control.TextInputControl;
import javafx.scene.input.KeyCode;
import javafx.scene.input.KeyCodeCombination;
import javafx.scene.input.KeyCombination;
import javafx.scene.input.KeyEvent;
import javafx.scene.text.Font;
import javafx.stage.DirectoryChooser;
import javafx.stage.Screen;

import org.attentionlab.lesson.FormulaCheck;
import org.attentionlab.ui.Appearance;
import org.attentionlab.ui.I18n;
import org.attentionlab.ui.Services;
import org.attentionlab.ui.shell.CjkFonts;
import org.attentionlab.ui.shell.MainWindow;
import org.attentionlab.ui.shell.Page;
import org.attentionlab.ui.shell.ShellViewModel;
import org.attentionlab.ui.widgets.FormulaRenderer;

/**
 * The lesson player put together: its page in the navigation (the library), the step panel
 * docked beside the view a step drives, the step keys (←/→, PageUp/PageDown as presentation
 * clickers send them, Home/End, 1–8 to answer, ↑/↓ to scroll the step's text), File → Open
 * lesson folder…, and presenter mode
 * (View → Presenter mode, F5: full screen, large type, the teacher's window on a second screen;
 * View → Teacher's window, F6, opens it on any screen).
 *
 * <p>Made in two steps because the player and the shell need each other: {@link #page()} goes into
 * the page list before the shell exists, {@link #attach} wires the rest once shell and window do.
 */
public final class LessonPlayer {

    public static final String PAGE_ID = "lessons";
    /** Presenter mode's root font size: legible from the back of a lecture hall at 1080p. */
    public static final double PRESENTER_FONT_SIZE = 28;
    static final String OPENED_FOLDER_KEY = "lessons.openedFolder";

    private static final List<KeyCode> DIGITS = List.of(KeyCode.DIGIT1, KeyCode.DIGIT2, KeyCode.DIGIT3, KeyCode.DIGIT4,
            KeyCode.DIGIT5, KeyCode.DIGIT6, KeyCode.DIGIT7, KeyCode.DIGIT8);
    private static final List<KeyCode> NUMPAD = List.of(KeyCode.NUMPAD1, KeyCode.NUMPAD2, KeyCode.NUMPAD3, KeyCode.NUMPAD4,
            KeyCode.NUMPAD5, KeyCode.NUMPAD6, KeyCode.NUMPAD7, KeyCode.NUMPAD8);

    private final Services services;
    private final Path libraryFolder;
    private final Clock clock;
    private final BooleanProperty presenting = new SimpleBooleanProperty(this, "presenting");
    private final BooleanProperty teacherShown = new SimpleBooleanProperty(this, "teacherShown");
    private LessonPlayerViewModel vm;
    private LessonsView view;
    private final javafx.scene.layout.StackPane frame = new javafx.scene.layout.StackPane();
    private TeacherWindow teacher;
    private ShellViewModel shell;
    private MainWindow window;
    private LessonProgress progress;
    private double fontBefore = Appearance.DEFAULT_FONT_SIZE;
    /** The navigation list while presenter mode hides it. */
    private javafx.scene.Node hiddenNavigation;

    /**
     * @param libraryFolder the lessons folder to list, or null when there is none (see {@link #defaultLibrary()})
     */
    public LessonPlayer(Services services, Path libraryFolder) {
        this(services, libraryFolder, Clock.systemUTC());
    }

    /** With a clock of the caller's (tests of the teacher's timer). */
    public LessonPlayer(Services services, Path libraryFolder, Clock clock) {
        this.services = Objects.requireNonNull(services, "services");
        this.libraryFolder = libraryFolder;
        this.clock = Objects.requireNonNull(clock, "clock");
    }

    /**
     * The player's page: the library (and text-only steps). The page's node is a frame that
     * {@link #attach} fills, so the page may be the first one the window shows, before the window
     * it needs exists.
     */
    public Page page() {
        return new Page("lessons", "nav.lessons", () -> frame);
    }

    /** Wires the player to the shell and the window: builds its nodes, menus and keys, and starts reading the lessons. */
    public void attach(ShellViewModel shellViewModel, MainWindow mainWindow) {
        this.shell = Objects.requireNonNull(shellViewModel, "shell");
        this.window = Objects.requireNonNull(mainWindow, "window");
        I18n i18n = services.i18n();
        progress = new LessonProgress(services.settings(), services.executors().background(),
                why -> services.executors().fx().execute(() -> shell.showNotice(i18n.format("lessons.notice.notSaved", why))));
        vm = new LessonPlayerViewModel(new ShellViews(shell, PAGE_ID), progress, services.executors(), formulaCheck(), clock);
        StepPane steps = new StepPane(vm, i18n, services.appearance(), services.formulas(), services.executors());
        LibraryPane library = new LibraryPane(vm, i18n, this::chooseFolder);
        view = new LessonsView(vm, library, steps, services.appearance(), node -> window.root().setRight(node),
                window.scene().widthProperty());
        frame.getChildren().setAll(view);
        String css = Objects.requireNonNull(LessonPlayer.class.getResource("/org/attentionlab/ui/attention-lab.css")).toExternalForm();
        teacher = new TeacherWindow(vm, i18n, CjkFonts.choose(Font.getFamilies()).orElse(null), css, scene -> {
            installKeys(scene);
            // the teacher's window has no menu bar: the presenter keys work there too
            scene.getAccelerators().put(new KeyCodeCombination(KeyCode.F5), this::togglePresenter);
            scene.getAccelerators().put(new KeyCodeCombination(KeyCode.F6), () -> showTeacher(false));
        });
        installKeys(window.scene());
        menus(i18n);
        vm.loadLibrary(libraryFolder);
        services.settings().getString(OPENED_FOLDER_KEY).map(Path::of).filter(Files::isDirectory).ifPresent(vm::openFolder);
    }

    public LessonPlayerViewModel viewModel() {
        return Objects.requireNonNull(vm, "LessonPlayer.attach was not called");
    }

    /** Whether presenter mode is on (full screen, large type). */
    public BooleanProperty presentingProperty() {
        return presenting;
    }

    /** Whether the teacher's window is open. */
    public BooleanProperty teacherShownProperty() {
        return teacherShown;
    }

    /** The teacher's window's scene while it is open (tests), or empty. */
    public Optional<Scene> teacherScene() {
        return teacher != null && teacher.isShowing() ? Optional.ofNullable(teacher.scene()) : Optional.empty();
    }

    /**
     * Presenter mode on or off: full screen, the presenter font size, the navigation list put away
     * (the view and the step panel need the width at that size; Ctrl+1…9 still switch views), and
     * with a second screen attached the teacher's window on it. Off restores all of it.
     */
    public void togglePresenter() {
        Appearance a = services.appearance();
        if (!presenting.get()) {
            fontBefore = a.getFontSize();
            a.fontSizeProperty().set(Math.max(fontBefore, PRESENTER_FONT_SIZE));
            hiddenNavigation = window.root().getLeft();
            window.root().setLeft(null);
            shell.fullScreenProperty().set(true);
            presenting.set(true);
            if (Screen.getScreens().size() > 1) {
                showTeacher(true);
            }
        } else {
            a.fontSizeProperty().set(fontBefore);
            if (hiddenNavigation != null) {
                window.root().setLeft(hiddenNavigation);
                hiddenNavigation = null;
            }
            shell.fullScreenProperty().set(false);
            presenting.set(false);
            showTeacher(false);
        }
    }

    /** Opens or closes the teacher's window (on any screen: for rehearsing on a laptop). */
    public void showTeacher(boolean on) {
        if (on) {
            teacher.show(window.scene().getWindow());
        } else {
            teacher.hide();
        }
        teacherShown.set(teacher.isShowing());
    }

    /** Asks for a lesson folder (or a folder of lessons) and opens it. */
    public void chooseFolder() {
        DirectoryChooser chooser = new DirectoryChooser();
        chooser.setTitle(services.i18n().get("lessons.openFolder"));
        services.settings().getString(OPENED_FOLDER_KEY).map(Path::of).map(Path::getParent).filter(Files::isDirectory)
                .ifPresent(p -> chooser.setInitialDirectory(p.toFile()));
        File chosen = chooser.showDialog(window.scene().getWindow());
        if (chosen != null) {
            openFolder(chosen.toPath());
        }
    }

    /**
     * Opens a lesson folder (or a folder of lesson folders) from anywhere and shows the library
     * (closing the open lesson); remembered for the next run.
     */
    public void openFolder(Path folder) {
        services.settings().put(OPENED_FOLDER_KEY, folder.toAbsolutePath().normalize().toString());
        progress.saveSoon();
        vm.openFolder(folder);
        if (vm.lessonProperty().get() != null) {
            vm.close(); // the user is choosing what to open next: the library shows
        }
        shell.show(PAGE_ID);
    }

    /**
     * The lessons folder the app lists: {@code -Dattentionlab.lessons=DIR}, else {@code lessons/}
     * in the working directory, else a {@code lessons/} folder beside (or up to two levels above)
     * the app's jar; null when there is none (the library then says how to open one).
     */
    public static Path defaultLibrary() {
        String property = System.getProperty("attentionlab.lessons");
        if (property != null && !property.isBlank()) {
            return Path.of(property);
        }
        Path here = Path.of("lessons");
        if (Files.isDirectory(here)) {
            return here;
        }
        try {
            Path code = Path.of(LessonPlayer.class.getProtectionDomain().getCodeSource().getLocation().toURI());
            Path dir = Files.isDirectory(code) ? code : code.getParent();
            for (int up = 0; dir != null && up < 3; up++, dir = dir.getParent()) {
                if (Files.isDirectory(dir.resolve("lessons"))) {
                    return dir.resolve("lessons");
                }
            }
        } catch (URISyntaxException | RuntimeException e) {
            // no code source (an unusual class loader): there is no folder beside the app
        }
        return null;
    }

    /** Reads formulas with the app's renderer, so the library names a step whose formula cannot be drawn. */
    private static FormulaCheck formulaCheck() {
        return latex -> {
            try {
                FormulaRenderer.parse(latex);
                return Optional.empty();
            } catch (FormulaRenderer.FormulaException e) {
                Throwable why = e.getCause() != null && e.getCause().getMessage() != null ? e.getCause() : e;
                return Optional.of(why.getMessage());
            }
        };
    }

    private void menus(I18n i18n) {
        MenuItem open = new MenuItem();
        open.textProperty().bind(i18n.text("lessons.openFolder"));
        open.setAccelerator(new KeyCodeCombination(KeyCode.O, KeyCombination.SHORTCUT_DOWN));
        open.setOnAction(e -> chooseFolder());
        window.findMenu("menu.file").ifPresent(m -> m.getItems().addAll(0, List.of(open, new SeparatorMenuItem())));

        CheckMenuItem present = new CheckMenuItem();
        present.setId("menu-presenter");
        present.textProperty().bind(i18n.text("lessons.presenter"));
        present.setAccelerator(new KeyCodeCombination(KeyCode.F5));
        present.setSelected(presenting.get());
        presenting.addListener((obs, was, now) -> present.setSelected(now));
        present.setOnAction(e -> {
            if (present.isSelected() != presenting.get()) {
                togglePresenter();
            }
        });
        CheckMenuItem notes = new CheckMenuItem();
        notes.setId("menu-teacher");
        notes.textProperty().bind(i18n.text("lessons.teacherWindow"));
        notes.setAccelerator(new KeyCodeCombination(KeyCode.F6));
        teacherShown.addListener((obs, was, now) -> notes.setSelected(now));
        notes.setOnAction(e -> showTeacher(notes.isSelected()));
        window.findMenu("menu.view").ifPresent(m -> m.getItems().addAll(new SeparatorMenuItem(), present, notes));
    }

    /** Whether a focused control needs ↑/↓ itself (a list, a drop-down, a spinner, a heatmap's selection…). */
    private static boolean usesArrows(javafx.scene.Node focus) {
        return focus instanceof javafx.scene.control.ListView || focus instanceof javafx.scene.control.ComboBoxBase
                || focus instanceof javafx.scene.control.Spinner || focus instanceof javafx.scene.control.Slider
                || focus instanceof javafx.scene.control.ScrollPane || focus instanceof javafx.scene.control.TreeView
                || focus instanceof javafx.scene.control.TableView || focus instanceof org.attentionlab.ui.widgets.Heatmap;
    }

    /** The step keys, on the main window and on the teacher's. */
    private void installKeys(Scene scene) {
        scene.addEventFilter(KeyEvent.KEY_PRESSED, e -> {
            if (vm.lessonProperty().get() == null || e.isShortcutDown() || e.isControlDown() || e.isAltDown() || e.isMetaDown()) {
                return;
            }
            boolean typing = scene.getFocusOwner() instanceof TextInputControl;
            KeyCode c = e.getCode();
            Runnable action = null;
            if (c == KeyCode.PAGE_DOWN) {
                action = vm::next;
            } else if (c == KeyCode.PAGE_UP) {
                action = vm::previous;
            } else if (!typing) {
                int digit = DIGITS.contains(c) ? DIGITS.indexOf(c) : NUMPAD.indexOf(c);
                if (c == KeyCode.RIGHT || c == KeyCode.KP_RIGHT) {
                    action = vm::next;
                } else if (c == KeyCode.LEFT || c == KeyCode.KP_LEFT) {
                    action = vm::previous;
                } else if (c == KeyCode.HOME) {
                    action = vm::first;
                } else if (c == KeyCode.END) {
                    action = vm::last;
                } else if (digit >= 0 && !vm.revealedProperty().get()) {
                    action = () -> vm.answer(digit);
                } else if ((c == KeyCode.DOWN || c == KeyCode.UP) && !usesArrows(scene.getFocusOwner())) {
                    int lines = c == KeyCode.DOWN ? 3 : -3;
                    action = () -> view.scrollSteps(lines);
                }
            }
            if (action != null) {
                action.run();
                e.consume();
            }
        });
    }
}
