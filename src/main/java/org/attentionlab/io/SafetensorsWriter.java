package org.attentionlab.io;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * Writes a safetensors file atomically ({@link AtomicFiles}): tensors in the order added, laid
 * out back to back, the header padded with spaces to a multiple of 8 bytes as Hugging Face's
 * writer does. Values are given as float32 (stored as F32, F16 or BF16, rounded to nearest even)
 * or float64 (stored as F64). Not thread-safe; one writer per file.
 */
public final class SafetensorsWriter {

    private record Entry(String name, Dtype dtype, long[] shape, float[] floats, double[] doubles) {
    }

    private final List<Entry> entries = new ArrayList<>();
    private final Map<String, String> metadata = new LinkedHashMap<>();

    /** Adds a {@code __metadata__} string. */
    public SafetensorsWriter metadata(String key, String value) {
        metadata.put(key, value);
        return this;
    }

    /** Adds a tensor from float32 values (row-major), stored as F32, F16 or BF16. */
    public SafetensorsWriter add(String name, Dtype dtype, long[] shape, float[] values) {
        if (dtype != Dtype.F32 && dtype != Dtype.F16 && dtype != Dtype.BF16) {
            throw new IllegalArgumentException("tensor \"" + name + "\": float values can be stored as F32, F16 or BF16, not " + dtype);
        }
        check(name, shape, values.length);
        entries.add(new Entry(name, dtype, shape.clone(), values.clone(), null));
        return this;
    }

    /** Adds a tensor from float64 values (row-major), stored as F64. */
    public SafetensorsWriter addF64(String name, long[] shape, double[] values) {
        check(name, shape, values.length);
        entries.add(new Entry(name, Dtype.F64, shape.clone(), null, values.clone()));
        return this;
    }

    private void check(String name, long[] shape, int length) {
        if (name == null || name.isEmpty() || name.equals("__metadata__")) {
            throw new IllegalArgumentException("tensor name \"" + name + "\" is not allowed");
        }
        if (entries.stream().anyMatch(e -> e.name.equals(name))) {
            throw new IllegalArgumentException("tensor \"" + name + "\" was added twice");
        }
        long n = 1;
        for (long s : shape) {
            if (s < 0) {
                throw new IllegalArgumentException("tensor \"" + name + "\": shape " + Arrays.toString(shape) + " has a negative entry");
            }
            n = Math.multiplyExact(n, s);
        }
        if (n != length) {
            throw new IllegalArgumentException("tensor \"" + name + "\": shape " + Arrays.toString(shape) + " needs "
                    + n + " values but " + length + " were given");
        }
    }

    /** Writes the file (replacing any old one atomically). */
    public void write(Path file) throws IOException {
        byte[] header = header();
        AtomicFiles.write(file, out -> {
            ByteBuffer len = ByteBuffer.allocate(8).order(ByteOrder.LITTLE_ENDIAN).putLong(header.length);
            out.write(len.array());
            out.write(header);
            for (Entry e : entries) {
                writeData(out, e);
            }
        });
    }

    private byte[] header() throws JsonProcessingException {
        ObjectMapper mapper = new ObjectMapper();
        ObjectNode root = mapper.createObjectNode();
        if (!metadata.isEmpty()) {
            ObjectNode m = root.putObject("__metadata__");
            metadata.forEach(m::put);
        }
        long offset = 0;
        for (Entry e : entries) {
            ObjectNode t = root.putObject(e.name);
            t.put("dtype", e.dtype.name());
            ArrayNode shape = t.putArray("shape");
            for (long s : e.shape) {
                shape.add(s);
            }
            long bytes = (long) length(e) * e.dtype.bytes();
            t.putArray("data_offsets").add(offset).add(offset + bytes);
            offset += bytes;
        }
        byte[] json = mapper.writeValueAsString(root).getBytes(StandardCharsets.UTF_8);
        int padded = (json.length + 7) / 8 * 8;
        byte[] out = Arrays.copyOf(json, padded);
        Arrays.fill(out, json.length, padded, (byte) ' ');
        return out;
    }

    private static int length(Entry e) {
        return e.floats != null ? e.floats.length : e.doubles.length;
    }

    private static void writeData(OutputStream out, Entry e) throws IOException {
        int n = length(e);
        int chunk = 1 << 14;
        ByteBuffer buf = ByteBuffer.allocate(chunk * e.dtype.bytes()).order(ByteOrder.LITTLE_ENDIAN);
        for (int start = 0; start < n; start += chunk) {
            buf.clear();
            int stop = Math.min(n, start + chunk);
            for (int i = start; i < stop; i++) {
                switch (e.dtype) {
                    case F32 -> buf.putFloat(e.floats[i]);
                    case F16 -> buf.putShort(HalfFloats.floatToHalf(e.floats[i]));
                    case BF16 -> buf.putShort(HalfFloats.floatToBf16(e.floats[i]));
                    case F64 -> buf.putDouble(e.doubles[i]);
                    default -> throw new IllegalStateException(e.dtype.name());
                }
            }
            out.write(buf.array(), 0, buf.position());
        }
    }
}
