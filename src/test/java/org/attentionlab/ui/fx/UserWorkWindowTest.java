package org.attentionlab.ui.fx;

import static org.attentionlab.ui.fx.TestWindow.waitUntil;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.TimeUnit;

import javafx.application.Platform;
import javafx.scene.Node;
import javafx.scene.control.Label;
import javafx.scene.input.KeyCode;
import javafx.scene.input.KeyEvent;

import org.attentionlab.io.SettingsStore;
import org.attentionlab.ui.Appearance;
import org.attentionlab.ui.AttentionLabApp;
import org.attentionlab.ui.I18n;
import org.attentionlab.ui.Nd4jEngineService;
import org.attentionlab.ui.Services;
import org.attentionlab.ui.UiExecutors;
import org.attentionlab.ui.qkv.QkvAutosave;
import org.attentionlab.ui.qkv.QkvView;
import org.attentionlab.ui.qkv.QkvViewModel.Stage;
import org.attentionlab.ui.shell.CjkFonts;
import org.attentionlab.ui.shell.ShellViewModel;
import org.attentionlab.ui.widgets.FormulaRenderer;
import org.attentionlab.ui.widgets.Cell;
import org.attentionlab.ui.widgets.Heatmap;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.testfx.api.FxToolkit;
import org.testfx.util.WaitForAsyncUtils;

/**
 * The whole window with the user's app-data folder on disk: a number typed into X's heatmap and
 * the appearance come back after a restart; "1e400" typed into a cell is refused in the view and
 * nothing changes; a 600-word sentence shows the truncation notice; corrupted settings and
 * autosave files are set aside and the notice bar says so. Screenshots: target/screenshots/robust-*.png.
 */
class UserWorkWindowTest {

    static {
        TestWindow.projectorScreen();
    }

    @TempDir
    Path home;

    private ExecutorService engineThread;
    private javafx.stage.Stage stage;

    @BeforeEach
    void toolkit() throws Exception {
        stage = FxToolkit.registerPrimaryStage();
        engineThread = AttentionLabApp.newEngineThread();
    }

    @AfterEach
    void stop() throws Exception {
        engineThread.shutdownNow();
        FxToolkit.cleanupStages();
    }

    /** Builds the app as {@code AttentionLabApp.start} does, with the app-data folder in {@code home}. */
    private AttentionLabApp.Ui open() throws Exception {
        SettingsStore settings = SettingsStore.open(home.resolve("settings.json"));
        AttentionLabApp.Ui ui = WaitForAsyncUtils.asyncFx(() -> {
            String cjk = CjkFonts.choose(javafx.scene.text.Font.getFamilies()).orElse(null);
            AttentionLabApp.Ui built = AttentionLabApp.compose(new Services(new I18n(Locale.ENGLISH), new Appearance(),
                    new Nd4jEngineService(), new UiExecutors(engineThread, Platform::runLater), new FormulaRenderer(cjk), settings));
            TestWindow.show(built, stage);
            built.shell().loadBackend();
            built.shell().show("qkv"); // the app opens on the lessons
            return built;
        }).get(60, TimeUnit.SECONDS);
        waitUntil(() -> ui.shell().backendStateProperty().get() == ShellViewModel.BackendState.READY
                && !qkv(ui).viewModel().busyProperty().get() && qkv(ui).heatmap(Stage.WEIGHTS).cellText(0, 0) != null);
        return ui;
    }

    private static QkvView qkv(AttentionLabApp.Ui ui) {
        return (QkvView) ui.shell().pages().stream().filter(p -> p.id().equals("qkv")).findFirst().orElseThrow().view();
    }

    /** Types {@code text} into a cell's editor and presses Enter, as a person does. */
    private static void type(Heatmap map, Cell cell, String text) throws Exception {
        WaitForAsyncUtils.asyncFx(() -> {
            map.startEdit(cell);
            map.editor().setText(text);
            map.editor().fireEvent(new KeyEvent(KeyEvent.KEY_PRESSED, "", "", KeyCode.ENTER, false, false, false, false));
        }).get();
        WaitForAsyncUtils.waitForFxEvents();
    }

    private static String visibleText(Node root, String styleClass) {
        return root.lookupAll("." + styleClass).stream().filter(Node::isVisible).filter(n -> n instanceof Label)
                .map(n -> ((Label) n).getText()).filter(t -> !t.isEmpty()).reduce("", (a, b) -> a + b + "\n");
    }

    @Test
    void typedNumbersAndAppearanceComeBackAfterARestart() throws Exception {
        AttentionLabApp.Ui first = open();
        Heatmap x = qkv(first).heatmap(Stage.X);
        type(x, new Cell(0, 0), "1e400");
        assertTrue(x.isEditing(), "bad text keeps the editor open");
        assertTrue(visibleText(qkv(first), "error-text").contains("X: '1e400' is not a finite number"),
                visibleText(qkv(first), "error-text"));
        assertEquals("1.00", x.cellText(0, 0));
        FxScreens.save(stage.getScene(), "robust-bad-cell");
        type(x, new Cell(0, 0), "0,75");
        waitUntil(() -> !qkv(first).viewModel().busyProperty().get() && "0.75".equals(x.cellText(0, 0)));
        WaitForAsyncUtils.asyncFx(() -> {
            first.shell().appearance().bigger();
            first.shell().setLanguage(Locale.SIMPLIFIED_CHINESE);
        }).get();
        WaitForAsyncUtils.asyncFx(first::saveNow).get();
        assertTrue(Files.exists(home.resolve("autosave").resolve(QkvAutosave.FILE_NAME)));
        double size = first.shell().appearance().getFontSize();
        FxToolkit.cleanupStages();

        stage = FxToolkit.registerPrimaryStage();
        AttentionLabApp.Ui second = open();
        assertEquals(size, second.shell().appearance().getFontSize());
        assertEquals(Locale.SIMPLIFIED_CHINESE, second.shell().i18n().getLocale());
        assertEquals("0.75", qkv(second).heatmap(Stage.X).cellText(0, 0));
        assertEquals("", second.shell().noticeProperty().get());
    }

    @Test
    void aLongSentenceIsTruncatedWithANoticeInTheView() throws Exception {
        AttentionLabApp.Ui ui = open();
        WaitForAsyncUtils.asyncFx(() -> {
            qkv(ui).viewModel().sentenceProperty().set("word ".repeat(600));
            qkv(ui).viewModel().applySentence();
        }).get();
        waitUntil(() -> !qkv(ui).viewModel().busyProperty().get() && qkv(ui).heatmap(Stage.WEIGHTS).getData().rows() == 512);
        assertTrue(visibleText(qkv(ui), "hint").contains("The sentence has 600 tokens; only the first 512 are used."),
                visibleText(qkv(ui), "hint"));
        FxScreens.save(stage.getScene(), "robust-truncated");
    }

    @Test
    void corruptedSettingsAndAutosaveAreSetAsideWithANotice() throws Exception {
        Files.writeString(home.resolve("settings.json"), "{\"appearance.fontSize\": 24,");
        Files.createDirectories(home.resolve("autosave"));
        Files.writeString(home.resolve("autosave").resolve(QkvAutosave.FILE_NAME), "half a file");
        AttentionLabApp.Ui ui = open();
        String notice = ui.shell().noticeProperty().get();
        assertTrue(notice.contains("settings.json could not be used"), notice);
        assertTrue(notice.contains("Your autosaved work could not be used, so the view starts fresh: kept as "), notice);
        assertTrue(notice.contains("qkv.safetensors.corrupt-"), notice);
        assertEquals(Appearance.DEFAULT_FONT_SIZE, ui.shell().appearance().getFontSize());
        assertEquals("1.00", qkv(ui).heatmap(Stage.X).cellText(0, 0), "the lecture's example");
        try (var files = Files.list(home.resolve("autosave"))) {
            Path aside = files.filter(p -> p.getFileName().toString().startsWith(QkvAutosave.FILE_NAME + ".corrupt-"))
                    .findFirst().orElseThrow();
            assertEquals("half a file", Files.readString(aside), "set aside, never deleted");
        }
        FxScreens.save(stage.getScene(), "robust-notices");
    }
}
