package org.attentionlab.ui.export;

import java.awt.image.BufferedImage;
import java.util.Locale;
import java.util.concurrent.Callable;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.logging.Level;
import java.util.logging.Logger;

import javafx.application.Platform;
import javafx.scene.Node;
import javafx.scene.text.Font;
import javafx.stage.Stage;

import org.attentionlab.io.SettingsStore;
import org.attentionlab.lesson.StateMap;
import org.attentionlab.ui.Appearance;
import org.attentionlab.ui.AttentionLabApp;
import org.attentionlab.ui.I18n;
import org.attentionlab.ui.Nd4jEngineService;
import org.attentionlab.ui.Services;
import org.attentionlab.ui.UiExecutors;
import org.attentionlab.ui.shell.CjkFonts;
import org.attentionlab.ui.shell.Exportable;
import org.attentionlab.ui.shell.LessonView;
import org.attentionlab.ui.shell.Page;
import org.attentionlab.ui.widgets.FormulaRenderer;

/**
 * Renders a view without a display, exactly as the app's window shows it: JavaFX runs on Monocle's
 * headless screen, the window is built by {@link AttentionLabApp#compose(Services)} at
 * {@value #WIDTH}×{@value #HEIGHT} (a 1080p projector), the view gets the state through
 * {@link LessonView#applyLessonState}, and once it and every formula are drawn, its
 * {@link Exportable#exportNode()} is snapshotted.
 *
 * <p>JavaFX cannot be started twice in one JVM, so the toolkit is left running when this returns:
 * the command line's {@code System.exit} ends it, and tests in the same JVM keep using it.
 */
public final class HeadlessExport {

    public static final int WIDTH = 1920;
    public static final int HEIGHT = 1080;
    private static final long TIMEOUT_SECONDS = 180;

    /** Held strongly: java.util.logging keeps loggers weakly. */
    private static final Logger JAVAFX_LOG = Logger.getLogger("javafx");

    private HeadlessExport() {
    }

    /** The view could not be driven (no such page, or the view lacks an interface); the message says which. */
    public static final class NotExportable extends IllegalArgumentException {
        private static final long serialVersionUID = 1L;

        NotExportable(String message) {
            super(message);
        }
    }

    /**
     * Builds the window, shows the view called {@code view} in {@code state} and returns its picture.
     * Call from any thread but the FX thread.
     *
     * @throws NotExportable when no page shows a view of that name that implements both interfaces
     */
    public static BufferedImage render(String view, StateMap state, int scale, Locale locale) throws Exception {
        startToolkit();
        ThreadPoolExecutor engine = new ThreadPoolExecutor(1, 1, 0, TimeUnit.MILLISECONDS, new LinkedBlockingQueue<>(), r -> {
            Thread t = new Thread(r, "attention-lab-export-engine");
            t.setDaemon(true);
            return t;
        });
        // the export window may still ask for a formula while it closes: drop such work quietly
        engine.setRejectedExecutionHandler(new ThreadPoolExecutor.DiscardPolicy());
        Stage[] stage = new Stage[1];
        try {
            Node[] viewNode = new Node[1];
            onFx(() -> {
                I18n i18n = new I18n(locale);
                String cjk = CjkFonts.choose(Font.getFamilies()).orElse(null);
                Services services = new Services(i18n, new Appearance(), new Nd4jEngineService(),
                        new UiExecutors(engine, Platform::runLater), new FormulaRenderer(cjk), SettingsStore.inMemory());
                AttentionLabApp.Ui ui = AttentionLabApp.compose(services);
                Page page = find(ui, view);
                ui.shell().selectedPageProperty().set(page);
                stage[0] = new Stage();
                ui.window().attach(stage[0]);
                stage[0].setX(0);
                stage[0].setY(0);
                stage[0].setWidth(WIDTH);
                stage[0].setHeight(HEIGHT);
                stage[0].show();
                ((LessonView) page.view()).applyLessonState(state);
                viewNode[0] = page.view();
                return null;
            });
            LessonView lesson = (LessonView) viewNode[0];
            waitUntilDrawn(() -> !lesson.busyProperty().get(), engine);
            return onFx(() -> Snapshots.render(((Exportable) viewNode[0]).exportNode(), scale));
        } finally {
            if (stage[0] != null) {
                Platform.runLater(stage[0]::close);
            }
            engine.shutdownNow();
        }
    }

    /** The page whose view is a {@link LessonView} named {@code view} and {@link Exportable}. */
    private static Page find(AttentionLabApp.Ui ui, String view) {
        Page byId = ui.shell().pages().stream().filter(p -> p.id().equals(view)).findFirst().orElse(null);
        if (byId != null && drivable(byId.view(), view)) {
            return byId;
        }
        for (Page p : ui.shell().pages()) {
            if (p != byId && drivable(p.view(), view)) {
                return p;
            }
        }
        if (byId == null) {
            throw new NotExportable("--view " + view + ": this version of the app has no " + view
                    + " view yet, so it cannot be exported");
        }
        throw new NotExportable("--view " + view + ": the " + view + " view cannot be set up from the command line yet "
                + "(it does not implement " + (byId.view() instanceof LessonView ? "Exportable" : "LessonView") + ")");
    }

    private static boolean drivable(Node n, String view) {
        return n instanceof LessonView l && n instanceof Exportable && l.lessonViewName().equals(view);
    }

    /**
     * Waits until {@code done} holds on the FX thread and the engine thread is idle, three times in
     * a row: results land on the FX thread, which may start formulas on the engine thread, whose
     * images land on the FX thread again.
     */
    private static void waitUntilDrawn(Callable<Boolean> done, ThreadPoolExecutor engine) throws Exception {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(TIMEOUT_SECONDS);
        int quiet = 0;
        while (quiet < 3) {
            if (System.nanoTime() > deadline) {
                throw new TimeoutException("the view was still computing after " + TIMEOUT_SECONDS + " seconds");
            }
            boolean idle = onFx(() -> done.call() && engine.getQueue().isEmpty() && engine.getActiveCount() == 0);
            quiet = idle ? quiet + 1 : 0;
            Thread.sleep(idle ? 30 : 60);
        }
    }

    /** Runs {@code work} on the FX thread and waits for it. */
    static <T> T onFx(Callable<T> work) throws Exception {
        CompletableFuture<T> f = new CompletableFuture<>();
        Platform.runLater(() -> {
            try {
                f.complete(work.call());
            } catch (Throwable e) {
                f.completeExceptionally(e);
            }
        });
        try {
            return f.get(TIMEOUT_SECONDS, TimeUnit.SECONDS);
        } catch (ExecutionException e) {
            if (e.getCause() instanceof Exception ex) {
                throw ex;
            }
            throw e;
        }
    }

    /**
     * Starts JavaFX on Monocle's headless screen unless it is already running (as it is in tests
     * and when the export runs inside the app).
     */
    static synchronized void startToolkit() {
        try {
            Platform.runLater(() -> { });
            return; // already running
        } catch (IllegalStateException notYet) {
            // start it below
        }
        setDefault("glass.platform", "Monocle");
        setDefault("monocle.platform", "Headless");
        setDefault("prism.order", "sw");
        setDefault("prism.text", "t2k");
        setDefault("headless.geometry", WIDTH + "x" + HEIGHT + "-32");
        setDefault("java.awt.headless", "true");
        // JavaFX warns that it runs from the class path; on the command line that is the normal case
        JAVAFX_LOG.setLevel(Level.SEVERE);
        CompletableFuture<Void> started = new CompletableFuture<>();
        Platform.startup(() -> started.complete(null));
        Platform.setImplicitExit(false);
        started.join();
    }

    private static void setDefault(String key, String value) {
        if (System.getProperty(key) == null) {
            System.setProperty(key, value);
        }
    }
}
