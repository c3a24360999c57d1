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
import org.attentionlab.ui.qkv.QkvView;
import org.attentionlab.ui.qkv.QkvViewModel;
import org.attentionlab.ui.shell.CjkFonts;
import org.attentionlab.ui.shell.CrashReporter;
import org.attentionlab.ui.shell.MainWindow;
import org.attentionlab.ui.shell.Page;
import org.attentionlab.ui.shell.ShellViewModel;

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
        Path logFile = Logging.logToFolder(AppDirs.forCurrentUser().logs());
        new CrashReporter(i18n, logFile, Platform::runLater).install();
        engineThread = newEngineThread();
        FirstFrameGate engine = new FirstFrameGate(engineThread); // ND4J loads after the window is painted
        UiExecutors executors = new UiExecutors(engine, Platform::runLater);
        Ui ui = compose(i18n, new Appearance(), new Nd4jEngineService(), executors);
        ui.window().attach(stage);
        stage.setMaximized(true);
        stage.show();
        ui.shell().loadBackend();
        engine.openAfterFirstFrame();
        org.attentionlab.ui.bench.FirstFrameProbe.installIfRequested(stage, ui.shell().backendStateProperty());
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

    /** The built window and its view-model. */
    public record Ui(MainWindow window, ShellViewModel shell) {
    }

    /**
     * Builds the object graph. Must run on the FX thread. Tests call it directly with their own
     * engine and executors.
     */
    public static Ui compose(I18n i18n, Appearance appearance, EngineService engine, UiExecutors executors) {
        List<Page> pages = new ArrayList<>();
        QkvViewModel qkv = new QkvViewModel(engine, executors);
        pages.add(new Page("qkv", "nav.qkv", () -> new QkvView(qkv, i18n, appearance)));
        ShellViewModel shell = new ShellViewModel(i18n, appearance, engine, executors, pages);
        MainWindow window = new MainWindow(shell, CjkFonts.choose(Font.getFamilies()).orElse(null));
        return new Ui(window, shell);
    }
}
