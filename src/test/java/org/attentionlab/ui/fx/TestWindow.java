package org.attentionlab.ui.fx;

import java.nio.file.Path;
import java.util.Locale;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

import javafx.application.Platform;
import javafx.stage.Stage;

import org.attentionlab.ui.Appearance;
import org.attentionlab.ui.AttentionLabApp;
import org.attentionlab.ui.I18n;
import org.attentionlab.ui.Nd4jEngineService;
import org.attentionlab.ui.UiExecutors;
import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.testfx.api.FxToolkit;
import org.testfx.util.WaitForAsyncUtils;

/**
 * The app's window as the window tests open it: composed as {@code AttentionLabApp.start} does
 * (the real ND4J engine, work on the given engine thread, results back on the FX thread) and shown
 * at 1920×1080 in the top left corner of a 1080p headless screen — a classroom projector — so that
 * every screenshot is taken at the size students see.
 *
 * <p>A window test declares one per test, next to TestFX's {@code ApplicationExtension} (which
 * registers the primary stage first and resolves the {@code FxRobot} parameters):
 * <pre>{@code
 * @RegisterExtension
 * final TestWindow window = TestWindow.opening(ui -> ui.shell().show("qkv"));
 * }</pre>
 * Before each test it opens the window in English with a fresh engine thread, then runs the
 * class's {@code setup} on the FX thread; after each test (after the class's own {@code @AfterEach})
 * it stops the engine thread.
 */
final class TestWindow implements BeforeEachCallback, AfterEachCallback {

    static final int WIDTH = 1920;
    static final int HEIGHT = 1080;

    static {
        projectorScreen(); // a test class that holds a TestWindow gets the projector before the toolkit starts
    }

    private final Consumer<AttentionLabApp.Ui> setup;
    private javafx.stage.Stage stage;
    private ExecutorService engineThread;
    private I18n i18n;
    private Appearance appearance;
    private AttentionLabApp.Ui ui;

    private TestWindow(Consumer<AttentionLabApp.Ui> setup) {
        this.setup = setup;
    }

    /** The app's window, opened before each test; then {@code setup} runs on the FX thread (open a page, load the backend). */
    static TestWindow opening(Consumer<AttentionLabApp.Ui> setup) {
        return new TestWindow(setup);
    }

    /** The app's window as it opens (on the lessons). */
    static TestWindow opening() {
        return new TestWindow(ui -> { });
    }

    @Override
    public void beforeEach(ExtensionContext context) throws Exception {
        stage = FxToolkit.registerPrimaryStage();
        FxToolkit.setupFixture(() -> {
            engineThread = AttentionLabApp.newEngineThread();
            i18n = new I18n(Locale.ENGLISH);
            appearance = new Appearance();
            ui = open(stage, i18n, appearance, engineThread);
            setup.accept(ui);
        });
    }

    @Override
    public void afterEach(ExtensionContext context) {
        if (engineThread != null) {
            engineThread.shutdownNow();
        }
    }

    AttentionLabApp.Ui ui() {
        return ui;
    }

    I18n i18n() {
        return i18n;
    }

    Appearance appearance() {
        return appearance;
    }

    ExecutorService engineThread() {
        return engineThread;
    }

    javafx.stage.Stage stage() {
        return stage;
    }

    /** Saves a screenshot of the whole window as {@code target/screenshots/<name>.png}. */
    Path save(String name) {
        return FxScreens.save(stage.getScene(), name);
    }

    /** {@link #settle(ExecutorService, long)} on this window's engine thread. */
    void settle(long seconds) throws Exception {
        settle(engineThread, seconds);
    }

    /**
     * Makes Monocle's headless screen a 1080p projector. Call it from the test class's static
     * initialiser: the screen is read once, when the toolkit starts.
     */
    static void projectorScreen() {
        System.setProperty("headless.geometry", WIDTH + "x" + HEIGHT + "-32");
    }

    /** Composes the app and shows its window on {@code stage} (on the FX thread). */
    static AttentionLabApp.Ui open(Stage stage, I18n i18n, Appearance appearance, ExecutorService engineThread) {
        AttentionLabApp.Ui ui = AttentionLabApp.compose(i18n, appearance, new Nd4jEngineService(),
                new UiExecutors(engineThread, Platform::runLater));
        show(ui, stage);
        return ui;
    }

    /** Shows {@code ui}'s window on {@code stage} at the projector's size (on the FX thread). */
    static void show(AttentionLabApp.Ui ui, Stage stage) {
        ui.window().attach(stage);
        stage.setX(0);
        stage.setY(0);
        stage.setWidth(WIDTH);
        stage.setHeight(HEIGHT);
        stage.show();
    }

    /** Waits up to a minute until {@code condition}, asked on the FX thread, holds; then lets the FX thread catch up. */
    static void waitUntil(Callable<Boolean> condition) throws Exception {
        waitUntil(60, condition);
    }

    static void waitUntil(long seconds, Callable<Boolean> condition) throws Exception {
        WaitForAsyncUtils.waitFor(seconds, TimeUnit.SECONDS, () -> WaitForAsyncUtils.asyncFx(condition).get());
        WaitForAsyncUtils.waitForFxEvents();
    }

    /**
     * Lets work in flight finish: the engine thread's queue and what its answers start on the FX
     * thread (a formula drawn, a display recomputed), three rounds deep.
     */
    static void settle(ExecutorService engineThread, long seconds) throws Exception {
        for (int i = 0; i < 3; i++) {
            engineThread.submit(() -> { }).get(seconds, TimeUnit.SECONDS);
            WaitForAsyncUtils.waitForFxEvents();
        }
    }
}
