package org.attentionlab.io;

import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A tiny file that claims a 2⁶³-byte header or a tensor of 10¹² elements is refused having
 * allocated only what reading a 100-byte header takes: measured with the JVM's per-thread
 * allocation counter over 2000 refusals (a refusal that allocated what the header claims would
 * need terabytes). The time per refusal is printed for the report; speed is not asserted here.
 */
class SafetensorsRefusalCostTest {

    private static final int RUNS = 2000;
    /** Generous: parsing a 100-byte JSON header with Jackson allocates a few kilobytes. */
    private static final long MAX_BYTES_PER_REFUSAL = 64 * 1024;

    static byte[] file(long headerLength, String header) {
        byte[] h = header.getBytes(StandardCharsets.UTF_8);
        return ByteBuffer.allocate(8 + h.length + 8).order(ByteOrder.LITTLE_ENDIAN).putLong(headerLength).put(h).array();
    }

    private static void refusedCheaply(Path f, String what) throws IOException {
        com.sun.management.ThreadMXBean mx = (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
        long id = Thread.currentThread().getId();
        for (int i = 0; i < 200; i++) { // warm-up
            assertThrows(ModelFileException.class, () -> SafetensorsFile.open(f).close());
        }
        long before = mx.getThreadAllocatedBytes(id);
        long t0 = System.nanoTime();
        for (int i = 0; i < RUNS; i++) {
            assertThrows(ModelFileException.class, () -> SafetensorsFile.open(f).close());
        }
        long nanos = System.nanoTime() - t0;
        long perRefusal = (mx.getThreadAllocatedBytes(id) - before) / RUNS;
        System.out.printf("safetensors refusal (%s): %.1f µs and %d bytes allocated per file%n", what, nanos / 1e3 / RUNS, perRefusal);
        assertTrue(perRefusal < MAX_BYTES_PER_REFUSAL, what + ": " + perRefusal + " bytes allocated per refusal");
    }

    @Test
    void aHeaderClaiming2To63BytesCostsNothing(@TempDir Path dir) throws IOException {
        refusedCheaply(Files.write(dir.resolve("a.safetensors"), file(Long.MIN_VALUE, "{}")), "header of 2^63 bytes");
    }

    @Test
    void aTensorClaiming10To12ElementsCostsNothing(@TempDir Path dir) throws IOException {
        String header = "{\"w\":{\"dtype\":\"F32\",\"shape\":[1000000,1000000],\"data_offsets\":[0,4000000000000]}}";
        refusedCheaply(Files.write(dir.resolve("b.safetensors"), file(header.length(), header)), "tensor of 10^12 elements");
    }
}
