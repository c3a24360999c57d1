package org.attentionlab.io;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** Round trips through the writer and reader, the float conversions, and every kind of broken or hostile file. */
class SafetensorsFileTest {

    @TempDir
    Path dir;

    @Test
    void roundTripsEveryFloatDtypeWithMetadata() throws IOException {
        float[] values = {0f, 1f, -2.5f, 3.14159f, 1e-3f, -65504f, 0.1f, 7f};
        double[] doubles = {Math.PI, -Math.E, 1e-300, 1e300};
        Path f = dir.resolve("t.safetensors");
        new SafetensorsWriter().metadata("format", "pt")
                .add("a.f32", Dtype.F32, new long[] {2, 4}, values)
                .add("b.f16", Dtype.F16, new long[] {8}, values)
                .add("c.bf16", Dtype.BF16, new long[] {4, 2}, values)
                .addF64("d.f64", new long[] {2, 2}, doubles)
                .add("e.empty", Dtype.F32, new long[] {0, 3}, new float[0])
                .write(f);
        try (SafetensorsFile st = SafetensorsFile.open(f)) {
            assertEquals(Map.of("format", "pt"), st.metadata());
            assertEquals(List.of("a.f32", "b.f16", "c.bf16", "d.f64", "e.empty"), List.copyOf(st.tensors().keySet()));
            assertArrayEquals(new long[] {2, 4}, st.tensors().get("a.f32").shape());
            assertArrayEquals(values, st.readFloats("a.f32"));
            float[] half = st.readFloats("b.f16");
            float[] bf = st.readFloats("c.bf16");
            for (int i = 0; i < values.length; i++) {
                assertEquals(values[i], half[i], Math.abs(values[i]) * 1e-3 + 1e-7, "F16 " + i);
                assertEquals(values[i], bf[i], Math.abs(values[i]) * 8e-3, "BF16 " + i);
            }
            assertArrayEquals(doubles, st.readDoubles("d.f64"));
            assertEquals(0, st.readFloats("e.empty").length);
            assertEquals(Dtype.F16, st.tensors().get("b.f16").dtype());
        }
        // the header is padded to a multiple of 8 bytes, as Hugging Face's writer does
        ByteBuffer b = ByteBuffer.wrap(Files.readAllBytes(f)).order(ByteOrder.LITTLE_ENDIAN);
        assertEquals(0, b.getLong(0) % 8);
        try (var files = Files.list(dir)) {
            assertEquals(1, files.count(), "the atomic writer leaves no temporary file behind");
        }
    }

    @Test
    void halfPrecisionConversionsRoundToNearestEven() {
        assertEquals(0x3c00, HalfFloats.floatToHalf(1f) & 0xffff);
        assertEquals(0x7bff, HalfFloats.floatToHalf(65504f) & 0xffff);
        assertEquals(0x7c00, HalfFloats.floatToHalf(65520f) & 0xffff, "65520 rounds up to ∞");
        assertEquals(0x7bff, HalfFloats.floatToHalf(65519f) & 0xffff);
        assertEquals(0x0001, HalfFloats.floatToHalf(0x1p-24f) & 0xffff, "smallest subnormal");
        assertEquals(0x0000, HalfFloats.floatToHalf(0x1p-25f) & 0xffff, "a tie rounds to even (0)");
        assertEquals(0x0400, HalfFloats.floatToHalf(0x1p-14f) & 0xffff, "smallest normal");
        assertEquals(0x3c00, HalfFloats.floatToHalf(1f + 0x1p-11f) & 0xffff, "tie to even: down");
        assertEquals(0x3c02, HalfFloats.floatToHalf(1f + 3 * 0x1p-11f) & 0xffff, "tie to even: up");
        assertEquals(0xc000, HalfFloats.floatToHalf(-2f) & 0xffff);
        assertTrue(Float.isNaN(HalfFloats.halfToFloat(HalfFloats.floatToHalf(Float.NaN))));
        for (int h = 0; h < 0x10000; h++) {
            float f = HalfFloats.halfToFloat(h);
            if (!Float.isNaN(f)) {
                assertEquals(h, HalfFloats.floatToHalf(f) & 0xffff, "every half survives a round trip: " + Integer.toHexString(h));
            }
        }
        assertEquals(0x3f80, HalfFloats.floatToBf16(1f) & 0xffff);
        assertEquals(0x3f80, HalfFloats.floatToBf16(Float.intBitsToFloat(0x3f808000)) & 0xffff, "tie to even: down");
        assertEquals(0x3f82, HalfFloats.floatToBf16(Float.intBitsToFloat(0x3f818000)) & 0xffff, "tie to even: up");
        assertEquals(1f, HalfFloats.bf16ToFloat(0x3f80));
    }

    @Test
    void otherKnownDtypesOpenButAreNotReadAsNumbers() throws IOException {
        Path f = raw("ids.safetensors", "{\"position_ids\":{\"dtype\":\"I64\",\"shape\":[1,2],\"data_offsets\":[0,16]}}", 16);
        try (SafetensorsFile st = SafetensorsFile.open(f)) {
            assertEquals(Dtype.I64, st.tensors().get("position_ids").dtype());
            ModelFileException e = assertThrows(ModelFileException.class, () -> st.readFloats("position_ids"));
            assertTrue(e.getMessage().contains("tensor \"position_ids\": has dtype I64"), e.getMessage());
            e = assertThrows(ModelFileException.class, () -> st.readFloats("nope"));
            assertTrue(e.getMessage().contains("tensor \"nope\": not in the file"), e.getMessage());
        }
    }

    static Stream<Arguments> hostile() {
        String ok = "\"dtype\":\"F32\",\"shape\":[2],\"data_offsets\":[0,8]";
        return Stream.of(
                Arguments.of("truncated-length", bytes(new byte[] {1, 2, 3}), "truncated: the file has 3 bytes"),
                Arguments.of("huge-header-length", withLength(Long.MAX_VALUE, "{}"),
                        "header length is 9223372036854775807 bytes; expected at most 104857600"),
                Arguments.of("header-2^63", withLength(Long.MIN_VALUE, "{}"),
                        "header length is 9223372036854775808 bytes; expected at most 104857600"),
                Arguments.of("header-past-end", withLength(1000, "{}"),
                        "truncated: the header length is 1000 bytes but only 2 bytes follow it"),
                Arguments.of("invalid-json", file("{\"a\": {" , 0), "header is not valid JSON"),
                Arguments.of("trailing-garbage", file("{} {}", 0), "header is not valid JSON"),
                Arguments.of("not-an-object", file("[1, 2]", 0), "header is an array; expected a JSON object"),
                Arguments.of("duplicate-name", file("{\"a\":{" + ok + "},\"a\":{" + ok + "}}", 8), "header is not valid JSON (Duplicate field 'a'"),
                Arguments.of("unknown-dtype", file(w("F17", "[2]", "[0,8]"), 8),
                        "tensor \"w\": unknown dtype \"F17\""),
                Arguments.of("missing-dtype", file("{\"w\":{\"shape\":[2],\"data_offsets\":[0,8]}}", 8),
                        "tensor \"w\": dtype is missing"),
                Arguments.of("negative-shape", file(w("F32", "[-2]", "[0,8]"), 8),
                        "tensor \"w\": shape[0] is -2; expected an array of whole numbers ≥ 0"),
                Arguments.of("fractional-shape", file(w("F32", "[2.5]", "[0,8]"), 8),
                        "tensor \"w\": shape[0] is 2.5"),
                Arguments.of("wrong-byte-size", file(w("F32", "[3]", "[0,8]"), 8),
                        "tensor \"w\": shape [3] of F32 needs 12 bytes but data_offsets [0, 8] hold 8"),
                Arguments.of("10^12-elements", file(w("F32", "[1000000,1000000]", "[0,8]"), 8),
                        "tensor \"w\": shape [1000000, 1000000] of F32 needs 4000000000000 bytes but data_offsets [0, 8] hold 8"),
                Arguments.of("10^12-elements-claimed-data", file(w("F32", "[1000000,1000000]", "[0,4000000000000]"), 8),
                        "tensor \"w\": data_offsets [0, 4000000000000] reach past the end of the data (8 bytes)"),
                Arguments.of("shape-overflow", file(w("F64", "[4294967296,4294967296]", "[0,8]"), 8),
                        "tensor \"w\": shape [4294967296, 4294967296] has more than 2^63 bytes of F64"),
                Arguments.of("offsets-past-data", file(w("F32", "[4]", "[0,16]"), 8),
                        "tensor \"w\": data_offsets [0, 16] reach past the end of the data (8 bytes); the file may be truncated"),
                Arguments.of("offsets-reversed", file(w("F32", "[2]", "[8,0]"), 8),
                        "tensor \"w\": data_offsets [8, 0] end before they begin"),
                Arguments.of("offsets-one-number", file(w("F32", "[2]", "[8]"), 8),
                        "tensor \"w\": data_offsets has 1 entries; expected an array of 2 whole numbers ≥ 0"),
                Arguments.of("overlapping", file("{\"a\":{\"dtype\":\"F32\",\"shape\":[2],\"data_offsets\":[0,8]},"
                        + "\"b\":{\"dtype\":\"F32\",\"shape\":[2],\"data_offsets\":[4,12]}}", 12),
                        "tensor \"b\": data_offsets [4, 12] overlap those of tensor \"a\" [0, 8]"),
                Arguments.of("metadata-not-strings", file("{\"__metadata__\":{\"format\":1}}", 0),
                        "__metadata__: \"format\" is 1; expected a string"),
                Arguments.of("deeply-nested", file("{\"a\":" + "[".repeat(5000) + "]".repeat(5000) + "}", 0),
                        "header is not valid JSON"),
                Arguments.of("tensor-not-object", file("{\"w\":[1,2]}", 0), "tensor \"w\": is an array; expected an object"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("hostile")
    void aBrokenOrHostileFileGetsAClearErrorNamingFileTensorAndProblem(String name, byte[] content, String expected)
            throws IOException {
        Path f = dir.resolve(name + ".safetensors");
        Files.write(f, content);
        long start = System.nanoTime();
        ModelFileException e = assertThrows(ModelFileException.class, () -> SafetensorsFile.open(f).close());
        long micros = (System.nanoTime() - start) / 1000;
        assertTrue(e.getMessage().startsWith(f.toString() + ": "), e.getMessage());
        assertTrue(e.getMessage().contains(expected), "expected «" + expected + "» in: " + e.getMessage());
        assertFalse(e.getMessage().contains("\n"), "one line");
        assertEquals(f, e.file());
        // not a timed assertion (benchmarks are benchmarks); printed so a slow path would be noticed
        if (micros > 1_000_000) {
            System.out.println(name + " took " + micros + " µs");
        }
    }

    @Test
    void aTruncatedTensorAreaIsRefused() throws IOException {
        Path good = dir.resolve("good.safetensors");
        new SafetensorsWriter().add("w", Dtype.F32, new long[] {4, 4}, new float[16]).write(good);
        byte[] all = Files.readAllBytes(good);
        Path cut = dir.resolve("cut.safetensors");
        Files.write(cut, java.util.Arrays.copyOf(all, all.length - 10));
        ModelFileException e = assertThrows(ModelFileException.class, () -> SafetensorsFile.open(cut));
        assertTrue(e.getMessage().contains("tensor \"w\": data_offsets [0, 64] reach past the end of the data (54 bytes)"),
                e.getMessage());
    }

    @Test
    void theWriterRefusesBadInput() {
        SafetensorsWriter w = new SafetensorsWriter().add("a", Dtype.F32, new long[] {2}, new float[2]);
        assertThrows(IllegalArgumentException.class, () -> w.add("a", Dtype.F32, new long[] {1}, new float[1]));
        assertThrows(IllegalArgumentException.class, () -> w.add("b", Dtype.F32, new long[] {3}, new float[2]));
        assertThrows(IllegalArgumentException.class, () -> w.add("c", Dtype.I32, new long[] {1}, new float[1]));
        assertThrows(IllegalArgumentException.class, () -> w.add("__metadata__", Dtype.F32, new long[] {1}, new float[1]));
    }

    @Test
    void atomicWritesReplaceTheOldFileAndCleanUpAfterAFailure() throws IOException {
        Path f = dir.resolve("settings.json");
        AtomicFiles.writeString(f, "old");
        assertThrows(IOException.class, () -> AtomicFiles.write(f, out -> {
            out.write("half".getBytes(StandardCharsets.UTF_8));
            throw new IOException("disk full");
        }));
        assertEquals("old", Files.readString(f), "a failed write leaves the old version");
        try (var files = Files.list(dir)) {
            assertEquals(1, files.count(), "and no temporary file");
        }
        AtomicFiles.writeString(f, "new");
        assertEquals("new", Files.readString(f));
    }

    // ---- helpers: raw files

    private Path raw(String name, String header, int dataBytes) throws IOException {
        Path f = dir.resolve(name);
        Files.write(f, file(header, dataBytes));
        return f;
    }

    static byte[] file(String header, int dataBytes) {
        byte[] h = header.getBytes(StandardCharsets.UTF_8);
        return ByteBuffer.allocate(8 + h.length + dataBytes).order(ByteOrder.LITTLE_ENDIAN)
                .putLong(h.length).put(h).array();
    }

    /** A header with one tensor "w", its fields as written in JSON (the shape and offsets as arrays). */
    static String w(String dtype, String shape, String dataOffsets) {
        return "{\"w\":{\"dtype\":\"" + dtype + "\",\"shape\":" + shape + ",\"data_offsets\":" + dataOffsets + "}}";
    }

    static byte[] withLength(long length, String rest) {
        byte[] h = rest.getBytes(StandardCharsets.UTF_8);
        return ByteBuffer.allocate(8 + h.length).order(ByteOrder.LITTLE_ENDIAN).putLong(length).put(h).array();
    }

    static byte[] bytes(byte[] b) {
        return b;
    }
}
