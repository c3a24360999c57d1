package org.attentionlab.io;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;

/** Ten quick changes make one save, on the saver's thread; flush writes at once; a failed save is reported. */
class DebouncedSaverTest {

    @Test
    void manyChangesMakeOneSaveOfTheLatestSnapshot() throws Exception {
        List<Integer> written = new CopyOnWriteArrayList<>();
        List<String> threads = new CopyOnWriteArrayList<>();
        CountDownLatch done = new CountDownLatch(1);
        try (DebouncedSaver saver = new DebouncedSaver("test-saver", Duration.ofMillis(200), e -> { })) {
            for (int i = 1; i <= 10; i++) {
                int snapshot = i;
                saver.schedule(() -> {
                    written.add(snapshot);
                    threads.add(Thread.currentThread().getName());
                    done.countDown();
                });
            }
            assertTrue(done.await(5, TimeUnit.SECONDS));
            Thread.sleep(300); // nothing else may follow
            assertEquals(List.of(10), written);
            assertEquals(List.of("test-saver"), threads);
            assertNotEquals(Thread.currentThread().getName(), threads.get(0));
            assertEquals(1, saver.saves());
        }
    }

    @Test
    void flushWritesWhatWaitsAtOnceAndCloseFlushes() {
        List<String> written = new CopyOnWriteArrayList<>();
        DebouncedSaver saver = new DebouncedSaver("test-saver", Duration.ofHours(1), e -> { });
        saver.schedule(() -> written.add("a"));
        saver.flush();
        assertEquals(List.of("a"), written);
        saver.flush(); // nothing waits: nothing runs
        assertEquals(List.of("a"), written);
        saver.schedule(() -> written.add("b"));
        saver.close();
        assertEquals(List.of("a", "b"), written);
        saver.schedule(() -> written.add("after close"));
        saver.flush();
        assertEquals(List.of("a", "b"), written, "a closed saver takes nothing new");
    }

    @Test
    void aFailedSaveIsReportedAndTheNextOneStillRuns() {
        List<Exception> errors = new CopyOnWriteArrayList<>();
        List<String> written = new CopyOnWriteArrayList<>();
        try (DebouncedSaver saver = new DebouncedSaver("test-saver", Duration.ofHours(1), errors::add)) {
            saver.schedule(() -> {
                throw new IOException("disk full");
            });
            saver.flush();
            saver.schedule(() -> written.add("ok"));
            saver.flush();
        }
        assertEquals(1, errors.size());
        assertEquals("disk full", errors.get(0).getMessage());
        assertEquals(List.of("ok"), written);
    }
}
