package org.attentionlab.ui.fx;

import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.TimeUnit;

import javafx.application.Platform;
import javafx.stage.Stage;

import org.attentionlab.ui.Appearance;
import org.attentionlab.ui.AttentionLabApp;
import org.attentionlab.ui.I18n;
import org.attentionlab.ui.Nd4jEngineService;
import org.attentionlab.ui.UiExecutors;
import org.testfx.util.WaitForAsyncUtils;

/**
 * The app's window as the window tests open it: composed as {@code AttentionLabApp.start} does
 * (the real ND4J engine, work on the given engine thread, results back on the FX thread) and shown
 * at 1920×1080 in the top left corner of a 1080p headless screen — a classroom projector — so that
 * every screenshot is taken at the size students see.
 */
final class TestWindow {

    static final int WIDTH = 1920;
    static final int HEIGHT = 1080;

    private TestWindow() {
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
