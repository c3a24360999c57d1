package org.attentionlab.ui.shell;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;
import java.util.logging.Level;
import java.util.logging.Logger;

import javafx.application.Platform;
import javafx.scene.control.Alert;
import javafx.scene.control.ButtonBar;
import javafx.scene.control.ButtonType;
import javafx.scene.control.TextArea;
import javafx.scene.input.Clipboard;
import javafx.scene.input.ClipboardContent;

import org.attentionlab.AppVersion;
import org.attentionlab.ui.I18n;

/**
 * Catches exceptions nobody handled, on any thread, so that a slip in front of 200 students shows
 * a dialog instead of ending the app: the message, a "copy details" button and the log file's
 * path. The app keeps running. One dialog at a time: errors that arrive while it is open are
 * logged and counted, not stacked.
 */
public final class CrashReporter implements Thread.UncaughtExceptionHandler {

    private static final Logger LOG = Logger.getLogger(CrashReporter.class.getName());

    private final I18n i18n;
    private final Path logFile;
    private final Consumer<Runnable> fxThread;
    private final AtomicBoolean showing = new AtomicBoolean();
    private final AtomicInteger reported = new AtomicInteger();

    /**
     * @param logFile  where the log goes, or null when there is none
     * @param fxThread runs a task on the FX thread ({@code Platform::runLater} in the app)
     */
    public CrashReporter(I18n i18n, Path logFile, Consumer<Runnable> fxThread) {
        this.i18n = i18n;
        this.logFile = logFile;
        this.fxThread = fxThread;
    }

    /** Becomes the handler of every thread, including the FX thread that calls this. */
    public void install() {
        Thread.setDefaultUncaughtExceptionHandler(this);
        Thread.currentThread().setUncaughtExceptionHandler(this);
    }

    /** How many errors have been reported since start. */
    public int reported() {
        return reported.get();
    }

    @Override
    public void uncaughtException(Thread thread, Throwable error) {
        reported.incrementAndGet();
        LOG.log(Level.SEVERE, "uncaught on thread " + thread.getName(), error);
        if (!showing.compareAndSet(false, true)) {
            return;
        }
        try {
            fxThread.accept(() -> show(thread, error));
        } catch (RuntimeException e) {
            showing.set(false);
        }
    }

    /** The text behind "copy details": version, Java, thread and stack trace. */
    public String details(Thread thread, Throwable error) {
        StringWriter trace = new StringWriter();
        error.printStackTrace(new PrintWriter(trace));
        return "Attention Lab " + AppVersion.get() + ", Java " + System.getProperty("java.version") + ", "
                + System.getProperty("os.name") + " " + System.getProperty("os.arch") + "\n"
                + "thread: " + thread.getName() + "\n" + (logFile == null ? "" : "log: " + logFile + "\n") + "\n" + trace;
    }

    private void show(Thread thread, Throwable error) {
        try {
            String details = details(thread, error);
            Alert alert = new Alert(Alert.AlertType.ERROR);
            alert.setTitle(i18n.get("crash.title"));
            alert.setHeaderText(i18n.get("crash.header"));
            String message = error.getMessage() == null ? error.getClass().getSimpleName() : error.getMessage();
            alert.setContentText(message + "\n\n" + (logFile == null ? i18n.get("crash.noLog") : i18n.format("crash.log", logFile)));
            TextArea area = new TextArea(details);
            area.setEditable(false);
            area.setWrapText(false);
            alert.getDialogPane().setExpandableContent(area);
            ButtonType copy = new ButtonType(i18n.get("crash.copy"), ButtonBar.ButtonData.LEFT);
            alert.getButtonTypes().setAll(copy, ButtonType.OK);
            alert.getDialogPane().lookupButton(copy).addEventFilter(javafx.event.ActionEvent.ACTION, e -> {
                ClipboardContent content = new ClipboardContent();
                content.putString(details);
                Clipboard.getSystemClipboard().setContent(content);
                e.consume();
            });
            alert.setOnHidden(e -> showing.set(false));
            alert.show();
        } catch (RuntimeException e) {
            showing.set(false);
            LOG.log(Level.SEVERE, "could not show the error dialog", e);
        }
    }

    /** Whether a dialog is open now. */
    public boolean isShowing() {
        return showing.get();
    }

    /** For the app: the FX thread's runLater. */
    public static Consumer<Runnable> fx() {
        return Platform::runLater;
    }
}
