package org.attentionlab.ui;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

import javafx.application.Application;
import javafx.application.Platform;
import javafx.scene.text.Font;
import javafx.stage.Stage;

import org.attentionlab.Logging;
import org.attentionlab.io.AppDirs;
import org.attentionlab.io.SettingsStore;
import org.attentionlab.ui.lessons.LessonPlayer;
import org.attentionlab.ui.qkv.QkvView;
import org.attentionlab.ui.qkv.QkvViewModel;
import org.attentionlab.ui.shell.CjkFonts;
import org.attentionlab.ui.shell.CrashReporter;
import org.attentionlab.ui.shell.MainWindow;
import org.attentionlab.ui.shell.Page;
import org.attentionlab.ui.shell.ShellViewModel;
import org.attentionlab.ui.widgets.FormulaRenderer;

/**
 * The composition root of the desktop app: makes the one engine thread, the strings, the
 * appearance, every view-model and view, and hands each what it needs through its constructor.
 * Nothing else in the UI creates services or holds global state.
 */
public final class AttentionLabApp extends Application {

    private ExecutorService engineThread;

    /** Called by {@code Main} with no arguments. */
    public static void launchApp(String[] args) {
        Application.launch(AttentionLabApp.class, args);
    }

    @Override
    public void start(Stage stage) {
        I18n i18n = new I18n(Locale.getDefault());
        AppDirs dirs = AppDirs.forCurrentUser();
        Path logFile = Logging.logToFolder(dirs.logs());
        new CrashReporter(i18n, logFile, Platform::runLater).install();
        engineThread = newEngineThread();
        UiExecutors executors = new UiExecutors(engineThread, Platform::runLater);
        SettingsStore settings = SettingsStore.open(dirs.settings());
        FormulaRenderer formulas = new FormulaRenderer(CjkFonts.choose(Font.getFamilies()).orElse(null));
        Ui ui = compose(new Services(i18n, new Appearance(), new Nd4jEngineService(), executors, formulas, settings));
        ui.window().attach(stage);
        stage.setMaximized(true);
        stage.show();
        ui.shell().loadBackend();
        ui.shell().show(LessonPlayer.PAGE_ID); // a class starts from the lesson library
        settings.notice().ifPresent(n -> ui.shell().showNotice(i18n.format("shell.notice.settings", n)));
        // jlatexmath loads its fonts on first use (about a second): pay that now, off the FX thread
        executors.background().execute(formulas::warmUp);
    }

    @Override
    public void stop() {
        if (engineThread != null) {
            engineThread.shutdownNow();
        }
    }

    /** The single background thread all engine work runs on (a daemon: it never keeps the JVM alive). */
    public static ExecutorService newEngineThread() {
        return Executors.newSingleThreadExecutor(r -> {
            Thread t = new Thread(r, "attention-lab-engine");
            t.setDaemon(true);
            return t;
        });
    }

    /** The built window, its view-model and the lesson player. */
    public record Ui(MainWindow window, ShellViewModel shell, LessonPlayer lessons) {
    }

    /**
     * Builds the object graph with settings kept in memory. Must run on the FX thread. Tests call
     * it directly with their own engine and executors.
     */
    public static Ui compose(I18n i18n, Appearance appearance, EngineService engine, UiExecutors executors) {
        return compose(Services.inMemory(i18n, appearance, engine, executors, CjkFonts.choose(Font.getFamilies()).orElse(null)));
    }

    /** Builds the object graph: every view-model and view, in navigation order. Must run on the FX thread. */
    public static Ui compose(Services services) {
        I18n i18n = services.i18n();
        Appearance appearance = services.appearance();
        EngineService engine = services.engine();
        UiExecutors executors = services.executors();
        List<Page> pages = new ArrayList<>();
        QkvViewModel qkv = new QkvViewModel(engine, executors);
        pages.add(new Page("qkv", "nav.qkv", () -> new QkvView(qkv, i18n, appearance)));
        LessonPlayer lessons = new LessonPlayer(services, LessonPlayer.defaultLibrary());
        pages.add(lessons.page());
        ShellViewModel shell = new ShellViewModel(i18n, appearance, engine, executors, pages);
        MainWindow window = new MainWindow(shell, CjkFonts.choose(Font.getFamilies()).orElse(null));
        lessons.attach(shell, window);
        return new Ui(window, shell, lessons);
    }
}
