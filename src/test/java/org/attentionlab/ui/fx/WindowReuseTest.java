package org.attentionlab.ui.fx;

import static org.junit.jupiter.api.Assertions.assertNull;

import java.lang.ref.WeakReference;
import java.util.Locale;
import java.util.concurrent.TimeUnit;

import javafx.application.Platform;
import javafx.stage.Stage;

import org.attentionlab.ui.Appearance;
import org.attentionlab.ui.AttentionLabApp;
import org.attentionlab.ui.I18n;
import org.attentionlab.ui.Nd4jEngineService;
import org.attentionlab.ui.UiExecutors;
import org.attentionlab.ui.shell.ShellViewModel;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.testfx.util.WaitForAsyncUtils;

/**
 * A stage that gets a new window's scene lets go of the old window: nothing the stage holds keeps
 * the earlier views alive (a strong listener on the stage once kept every test's whole app in
 * memory until the suite ran out of heap).
 */
@ExtendWith(ApplicationExtension.class)
class WindowReuseTest {

    static {
        TestWindow.projectorScreen();
    }

    private Stage stage;

    @Start
    void start(Stage stage) {
        this.stage = stage;
    }

    @Test
    void aReplacedWindowCanBeCollected() throws Exception {
        WeakReference<ShellViewModel> first = WaitForAsyncUtils.asyncFx(() -> {
            AttentionLabApp.Ui ui = AttentionLabApp.compose(new I18n(Locale.ENGLISH), new Appearance(),
                    new Nd4jEngineService(), new UiExecutors(Runnable::run, Platform::runLater));
            ui.window().attach(stage);
            stage.show();
            return new WeakReference<>(ui.shell());
        }).get(60, TimeUnit.SECONDS);
        WaitForAsyncUtils.asyncFx(() -> AttentionLabApp.compose(new I18n(Locale.ENGLISH), new Appearance(),
                new Nd4jEngineService(), new UiExecutors(Runnable::run, Platform::runLater)).window().attach(stage))
                .get(60, TimeUnit.SECONDS);
        WaitForAsyncUtils.waitForFxEvents();
        for (int i = 0; i < 20 && first.get() != null; i++) {
            System.gc();
            Thread.sleep(50);
            WaitForAsyncUtils.waitForFxEvents();
        }
        assertNull(first.get(), "the first window's view-model is still reachable from the stage");
    }
}
