package org.attentionlab.ui.shell;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

import org.attentionlab.ui.I18n;
import org.junit.jupiter.api.Test;

/** Uncaught errors are counted and logged, and only one dialog is queued at a time. */
class CrashReporterTest {

    @Test
    void oneDialogAtATimeAndDetailsNameTheThreadAndLog() {
        List<Runnable> queued = new ArrayList<>();
        CrashReporter r = new CrashReporter(new I18n(Locale.ENGLISH), Path.of("/tmp/logs/attention-lab-0.log"), queued::add);
        Thread t = new Thread(() -> { }, "attention-lab-engine");
        r.uncaughtException(t, new IllegalStateException("boom"));
        r.uncaughtException(t, new IllegalStateException("again"));
        assertEquals(2, r.reported());
        assertEquals(1, queued.size(), "the second error waits behind the open dialog");
        assertTrue(r.isShowing());
        String details = r.details(t, new IllegalStateException("boom"));
        assertTrue(details.contains("thread: attention-lab-engine"));
        assertTrue(details.contains("log: /tmp/logs/attention-lab-0.log"));
        assertTrue(details.contains("java.lang.IllegalStateException: boom"));
    }
}
