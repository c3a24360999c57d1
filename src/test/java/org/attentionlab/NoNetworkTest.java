package org.attentionlab;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.InetSocketAddress;
import java.net.Proxy;
import java.net.ProxySelector;
import java.net.Socket;
import java.net.SocketAddress;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import java.util.Locale;
import java.util.concurrent.TimeUnit;

import javafx.application.Platform;

import org.attentionlab.cli.Cli;
import org.attentionlab.io.SettingsStore;
import org.attentionlab.ui.Appearance;
import org.attentionlab.ui.AttentionLabApp;
import org.attentionlab.ui.I18n;
import org.attentionlab.ui.Nd4jEngineService;
import org.attentionlab.ui.Services;
import org.attentionlab.ui.UiExecutors;
import org.attentionlab.ui.qkv.QkvAutosave;
import org.attentionlab.ui.qkv.QkvView;
import org.attentionlab.ui.qkv.QkvViewModel;
import org.attentionlab.ui.shell.ShellViewModel;
import org.attentionlab.ui.widgets.FormulaRenderer;
import org.testfx.util.WaitForAsyncUtils;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The app never touches the network. Every plain socket goes through a {@link java.net.SocketImplFactory}
 * and every HTTP(S) client asks the default {@link ProxySelector} first; both are replaced here by
 * recorders that refuse, and the main flows run: every command (info, attend, pe, tokenize, bleu,
 * lessons validate, trace on a tiny checkpoint) and the app composed headless with the Q/K/V view
 * computing and saving. Any attempt fails the test.
 */
class NoNetworkTest {

    static {
        // a 1080p screen for Monocle, read when the toolkit starts (as in the window tests)
        System.setProperty("headless.geometry", "1920x1080-32");
    }

    private static final List<String> ATTEMPTS = new CopyOnWriteArrayList<>();
    private static ProxySelector previous;

    @BeforeAll
    @SuppressWarnings("deprecation") // setSocketImplFactory is deprecated, but it is the one hook every java.net.Socket passes
    static void refuseTheNetwork() throws IOException {
        previous = ProxySelector.getDefault();
        ProxySelector.setDefault(new ProxySelector() {
            @Override
            public List<Proxy> select(URI uri) {
                ATTEMPTS.add("proxy lookup for " + uri);
                throw new IllegalStateException("network access attempted: " + uri);
            }

            @Override
            public void connectFailed(URI uri, SocketAddress sa, IOException ioe) {
                ATTEMPTS.add("connect failed " + uri);
            }
        });
        try {
            Socket.setSocketImplFactory(() -> {
                ATTEMPTS.add("socket created on " + Thread.currentThread().getName());
                throw new IllegalStateException("network access attempted: a socket was created");
            });
        } catch (java.net.SocketException e) {
            // a factory is already installed by an earlier test in this JVM: the proxy check still runs
        }
    }

    @AfterAll
    static void restore() {
        ProxySelector.setDefault(previous);
    }

    @Test
    void theRecordersCatchAnAttempt() {
        int before = ATTEMPTS.size();
        try (Socket s = new Socket()) {
            s.connect(new InetSocketAddress("127.0.0.1", 9));
        } catch (IOException | RuntimeException expected) {
            // refused, as it should be
        }
        assertTrue(ATTEMPTS.size() > before, "the socket factory must see a socket being made");
        ATTEMPTS.subList(before, ATTEMPTS.size()).clear();
    }

    @Test
    void headlessFlowsMakeNoConnection(@TempDir Path dir) throws Exception {
        Path hyp = Files.writeString(dir.resolve("hyp.txt"), "男孩 踢 足球\n");
        Path ref = Files.writeString(dir.resolve("ref.txt"), "一个 小 男孩 在 踢 足球\n");
        Path bert = Path.of(NoNetworkTest.class.getResource("/bert/plain-f32").toURI());
        String[][] flows = {
            {"info"},
            {"attend", "--q", "[[0.5,0.5]]", "--k", "[[1,0],[0,1],[1,1]]", "--v", "[[1,0],[0,1],[1,1]]", "--no-scale"},
            {"pe", "--positions", "50", "--dim", "128"},
            {"tokenize", "--text", "我爱自然语言处理 Transformer"},
            {"bleu", ref.toString(), "-i", hyp.toString(), "-tok", "zh"},
            {"lessons", "validate", "lessons"},
            {"trace", "--model", bert.toString(), "--ids", "2,5,7,3"},
        };
        for (String[] args : flows) {
            StringWriter err = new StringWriter();
            int code = Cli.run(new PrintWriter(new StringWriter(), true), new PrintWriter(err, true), args);
            assertEquals(0, code, String.join(" ", args) + ": " + err);
        }
        assertEquals(List.of(), ATTEMPTS, "no flow may touch the network");
    }

    /**
     * The app itself, built by its composition root on a headless stage with settings and autosave
     * in a temporary app-data folder: the backend loads, the Q/K/V view computes, a cell and a
     * sentence are edited, the language and font change, and everything is saved.
     */
    @Test
    void theComposedAppMakesNoConnection(@TempDir Path home) throws Exception {
        javafx.stage.Stage stage = org.testfx.api.FxToolkit.registerPrimaryStage();
        java.util.concurrent.ExecutorService engineThread = AttentionLabApp.newEngineThread();
        try {
            SettingsStore settings = SettingsStore.open(home.resolve("settings.json"));
            AttentionLabApp.Ui ui = WaitForAsyncUtils.asyncFx(() -> {
                I18n i18n = new I18n(Locale.ENGLISH);
                AttentionLabApp.Ui built = AttentionLabApp.compose(new Services(i18n, new Appearance(), new Nd4jEngineService(),
                        new UiExecutors(engineThread, Platform::runLater), new FormulaRenderer(null), settings));
                built.window().attach(stage);
                stage.setX(0);
                stage.setY(0);
                stage.setWidth(1920);
                stage.setHeight(1080);
                stage.show();
                built.shell().loadBackend();
                return built;
            }).get(60, TimeUnit.SECONDS);
            QkvView view = WaitForAsyncUtils.asyncFx(() -> (QkvView) ui.shell().pages().stream().filter(p -> p.id().equals("qkv")).findFirst().orElseThrow().view()).get();
            QkvViewModel vm = view.viewModel();
            WaitForAsyncUtils.waitFor(60, TimeUnit.SECONDS, () -> WaitForAsyncUtils.asyncFx(() ->
                    ui.shell().backendStateProperty().get() == ShellViewModel.BackendState.READY
                            && !vm.busyProperty().get() && vm.stage(QkvViewModel.Stage.WEIGHTS) != null).get());
            WaitForAsyncUtils.asyncFx(() -> {
                vm.editX(0, 0, 0.5);
                vm.sentenceProperty().set("我爱自然语言处理");
                vm.splitProperty().set(QkvViewModel.Split.CHARACTERS);
                vm.applySentence();
                ui.shell().appearance().bigger();
                ui.shell().setLanguage(Locale.SIMPLIFIED_CHINESE);
            }).get();
            WaitForAsyncUtils.waitFor(60, TimeUnit.SECONDS, () -> WaitForAsyncUtils.asyncFx(() ->
                    !vm.busyProperty().get() && vm.stage(QkvViewModel.Stage.WEIGHTS).rows() == 8).get());
            WaitForAsyncUtils.asyncFx(ui::saveNow).get();
            assertTrue(Files.readString(home.resolve("settings.json")).contains("zh-CN"));
            assertTrue(Files.exists(home.resolve("autosave").resolve(QkvAutosave.FILE_NAME)));
        } finally {
            engineThread.shutdownNow();
            org.testfx.api.FxToolkit.cleanupStages();
        }
        assertEquals(List.of(), ATTEMPTS, "the app may not touch the network");
    }
}
