package org.attentionlab.io;

import java.io.EOFException;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.MappedByteBuffer;
import java.nio.ShortBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * A safetensors file, opened for reading. The format: an unsigned 64-bit little-endian header
 * length N, N bytes of UTF-8 JSON, then the raw little-endian data. The header maps each tensor
 * name to {@code {"dtype", "shape", "data_offsets": [begin, end]}} (offsets relative to the data
 * area) and may hold a {@code "__metadata__"} object of strings.
 *
 * <p>Everything is checked when the file is opened, before any tensor memory is allocated: the
 * header length is at most {@value #MAX_HEADER_BYTES} bytes and inside the file, the header is one
 * JSON object without duplicate names, every dtype is known, every shape entry is a whole number
 * ≥ 0 and the byte size of the shape (computed with overflow checks) equals {@code end − begin},
 * and the tensors lie inside the data area without overlapping. So a header that claims 2⁶³ bytes
 * or a tensor of 10¹² elements is refused at once, with a {@link ModelFileException} that names
 * the file, the tensor and the problem.
 *
 * <p>Tensor data is memory-mapped one tensor at a time and converted straight into the returned
 * {@code float[]}: a 400 MB checkpoint is never copied into the heap as bytes first.
 */
public final class SafetensorsFile implements AutoCloseable {

    /** The largest header accepted (100 MiB; real checkpoints have a few hundred kilobytes). */
    public static final long MAX_HEADER_BYTES = 100L * 1024 * 1024;

    private static final String METADATA = "__metadata__";

    private static final ObjectMapper MAPPER = new ObjectMapper()
            .enable(DeserializationFeature.FAIL_ON_READING_DUP_TREE_KEY)
            .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS);

    private final Path file;
    private final FileChannel channel;
    private final long dataStart;
    private final Map<String, TensorInfo> tensors;
    private final Map<String, String> metadata;

    private SafetensorsFile(Path file, FileChannel channel, long dataStart, Map<String, TensorInfo> tensors,
                            Map<String, String> metadata) {
        this.file = file;
        this.channel = channel;
        this.dataStart = dataStart;
        this.tensors = Collections.unmodifiableMap(tensors);
        this.metadata = Collections.unmodifiableMap(metadata);
    }

    /**
     * Opens and validates a file.
     *
     * @throws ModelFileException if the content is not a valid safetensors file
     * @throws IOException        if the file cannot be read at all
     */
    public static SafetensorsFile open(Path file) throws IOException {
        FileChannel ch = FileChannel.open(file, StandardOpenOption.READ);
        try {
            return read(file, ch);
        } catch (IOException | RuntimeException e) {
            ch.close();
            throw e;
        }
    }

    private static SafetensorsFile read(Path file, FileChannel ch) throws IOException {
        long size = ch.size();
        if (size < 8) {
            throw new ModelFileException(file, null, "truncated: the file has " + size
                    + " bytes but a safetensors file starts with an 8-byte header length");
        }
        ByteBuffer lenBuf = ByteBuffer.allocate(8).order(ByteOrder.LITTLE_ENDIAN);
        readFully(ch, lenBuf, 0);
        long n = lenBuf.getLong(0);
        String claimed = Long.toUnsignedString(n);
        if (n < 0 || n > MAX_HEADER_BYTES) {
            throw new ModelFileException(file, null, "header length is " + claimed + " bytes; expected at most "
                    + MAX_HEADER_BYTES + " (is this a safetensors file?)");
        }
        if (n > size - 8) {
            throw new ModelFileException(file, null, "truncated: the header length is " + claimed
                    + " bytes but only " + (size - 8) + " bytes follow it");
        }
        if (n < 2) {
            throw new ModelFileException(file, null, "header length is " + n + " bytes; expected a JSON object");
        }
        ByteBuffer header = ByteBuffer.allocate((int) n);
        readFully(ch, header, 8);
        JsonNode root;
        try {
            root = MAPPER.readTree(StrictUtf8.decode(header.array(), file, "header"));
        } catch (JsonProcessingException e) {
            var loc = e.getLocation();
            throw new ModelFileException(file, null, "header is not valid JSON (" + JsonErrors.plain(e)
                    + (loc == null ? "" : " at column " + loc.getColumnNr()) + ")", e);
        }
        if (root == null || !root.isObject()) {
            throw new ModelFileException(file, null, "header is " + describe(root)
                    + "; expected a JSON object mapping tensor names to {dtype, shape, data_offsets}");
        }
        long dataLength = size - 8 - n;
        Map<String, TensorInfo> tensors = new LinkedHashMap<>();
        Map<String, String> metadata = new LinkedHashMap<>();
        for (Iterator<Map.Entry<String, JsonNode>> it = root.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> e = it.next();
            if (e.getKey().equals(METADATA)) {
                readMetadata(file, e.getValue(), metadata);
            } else {
                tensors.put(e.getKey(), parseTensor(file, e.getKey(), e.getValue(), dataLength));
            }
        }
        requireDisjoint(file, tensors);
        return new SafetensorsFile(file, ch, 8 + n, tensors, metadata);
    }

    private static void readMetadata(Path file, JsonNode node, Map<String, String> out) {
        if (!node.isObject()) {
            throw new ModelFileException(file, METADATA, "is " + describe(node) + "; expected an object of strings");
        }
        for (Iterator<Map.Entry<String, JsonNode>> it = node.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> e = it.next();
            if (!e.getValue().isTextual()) {
                throw new ModelFileException(file, METADATA, "\"" + e.getKey() + "\" is " + describe(e.getValue())
                        + "; expected a string");
            }
            out.put(e.getKey(), e.getValue().asText());
        }
    }

    private static TensorInfo parseTensor(Path file, String name, JsonNode node, long dataLength) {
        String where = "tensor \"" + name + "\"";
        if (!node.isObject()) {
            throw new ModelFileException(file, where, "is " + describe(node)
                    + "; expected an object {dtype, shape, data_offsets}");
        }
        JsonNode dtypeNode = node.get("dtype");
        if (dtypeNode == null || !dtypeNode.isTextual()) {
            throw new ModelFileException(file, where, "dtype is " + describe(dtypeNode) + "; expected a string such as \"F32\"");
        }
        Dtype dtype = Dtype.parse(dtypeNode.asText()).orElseThrow(() -> new ModelFileException(file, where,
                "unknown dtype \"" + dtypeNode.asText() + "\"; expected one of F64, F32, F16, BF16 (or another safetensors dtype)"));
        long[] shape = wholeNumbers(file, where, "shape", node.get("shape"), -1);
        long[] offsets = wholeNumbers(file, where, "data_offsets", node.get("data_offsets"), 2);
        long begin = offsets[0];
        long end = offsets[1];
        if (begin > end) {
            throw new ModelFileException(file, where, "data_offsets [" + begin + ", " + end + "] end before they begin");
        }
        long bytes;
        try {
            long count = 1;
            for (long s : shape) {
                count = Math.multiplyExact(count, s);
            }
            bytes = Math.multiplyExact(count, (long) dtype.bytes());
        } catch (ArithmeticException overflow) {
            throw new ModelFileException(file, where, "shape " + java.util.Arrays.toString(shape)
                    + " has more than 2^63 bytes of " + dtype);
        }
        if (bytes != end - begin) {
            throw new ModelFileException(file, where, "shape " + java.util.Arrays.toString(shape) + " of " + dtype
                    + " needs " + bytes + " bytes but data_offsets [" + begin + ", " + end + "] hold " + (end - begin));
        }
        if (end > dataLength) {
            throw new ModelFileException(file, where, "data_offsets [" + begin + ", " + end
                    + "] reach past the end of the data (" + dataLength + " bytes); the file may be truncated");
        }
        return new TensorInfo(name, dtype, shape, begin, end);
    }

    private static long[] wholeNumbers(Path file, String where, String field, JsonNode node, int length) {
        String expected = length < 0 ? "an array of whole numbers ≥ 0" : "an array of " + length + " whole numbers ≥ 0";
        if (node == null || !node.isArray()) {
            throw new ModelFileException(file, where, field + " is " + describe(node) + "; expected " + expected);
        }
        if (length >= 0 && node.size() != length) {
            throw new ModelFileException(file, where, field + " has " + node.size() + " entries; expected " + expected);
        }
        if (node.size() > 64) {
            throw new ModelFileException(file, where, field + " has " + node.size() + " dimensions; expected at most 64");
        }
        long[] out = new long[node.size()];
        for (int i = 0; i < out.length; i++) {
            JsonNode x = node.get(i);
            if (!x.isIntegralNumber() || !x.canConvertToLong() || x.asLong() < 0) {
                throw new ModelFileException(file, where, field + "[" + i + "] is " + describe(x) + "; expected " + expected);
            }
            out[i] = x.asLong();
        }
        return out;
    }

    /** Sorted by begin, each tensor must start at or after the previous one's end. */
    private static void requireDisjoint(Path file, Map<String, TensorInfo> tensors) {
        List<TensorInfo> sorted = new ArrayList<>(tensors.values());
        sorted.sort(Comparator.comparingLong(TensorInfo::begin).thenComparingLong(TensorInfo::end));
        for (int i = 1; i < sorted.size(); i++) {
            TensorInfo prev = sorted.get(i - 1);
            TensorInfo t = sorted.get(i);
            if (t.begin() < prev.end()) {
                throw new ModelFileException(file, "tensor \"" + t.name() + "\"", "data_offsets [" + t.begin() + ", "
                        + t.end() + "] overlap those of tensor \"" + prev.name() + "\" [" + prev.begin() + ", " + prev.end() + "]");
            }
        }
    }

    private static void readFully(FileChannel ch, ByteBuffer buf, long position) throws IOException {
        long pos = position;
        while (buf.hasRemaining()) {
            int r = ch.read(buf, pos);
            if (r < 0) {
                throw new EOFException("unexpected end of file at byte " + pos);
            }
            pos += r;
        }
        buf.flip();
    }

    private static String describe(JsonNode n) {
        if (n == null || n.isMissingNode()) {
            return "missing";
        }
        if (n.isNull()) {
            return "null";
        }
        if (n.isObject()) {
            return "an object";
        }
        if (n.isArray()) {
            return "an array";
        }
        if (n.isTextual()) {
            String s = n.asText();
            return "the string \"" + (s.length() > 40 ? s.substring(0, 40) + "…" : s) + "\"";
        }
        String s = n.toString();
        return s.length() > 40 ? s.substring(0, 40) + "…" : s;
    }

    public Path path() {
        return file;
    }

    /** Every tensor, in header order. */
    public Map<String, TensorInfo> tensors() {
        return tensors;
    }

    public Optional<TensorInfo> tensor(String name) {
        return Optional.ofNullable(tensors.get(name));
    }

    /** The {@code __metadata__} strings (empty when absent). */
    public Map<String, String> metadata() {
        return metadata;
    }

    /**
     * A float tensor's values as float32, row-major (F64 is rounded, F16 and BF16 are exact).
     *
     * @throws ModelFileException if the tensor is absent, not a float type or too large for one array
     */
    public float[] readFloats(String name) throws IOException {
        TensorInfo t = requireFloat(name);
        int n = (int) t.elementCount();
        float[] out = new float[n];
        if (n == 0) {
            return out;
        }
        ByteBuffer b = map(t);
        switch (t.dtype()) {
            case F32 -> b.asFloatBuffer().get(out);
            case F64 -> {
                var d = b.asDoubleBuffer();
                for (int i = 0; i < n; i++) {
                    out[i] = (float) d.get(i);
                }
            }
            case F16 -> {
                ShortBuffer s = b.asShortBuffer();
                for (int i = 0; i < n; i++) {
                    out[i] = HalfFloats.halfToFloat(s.get(i));
                }
            }
            case BF16 -> {
                ShortBuffer s = b.asShortBuffer();
                for (int i = 0; i < n; i++) {
                    out[i] = HalfFloats.bf16ToFloat(s.get(i));
                }
            }
            default -> throw new IllegalStateException(t.dtype().name());
        }
        return out;
    }

    /** A float tensor's values as float64, row-major (exact for every float dtype). */
    public double[] readDoubles(String name) throws IOException {
        TensorInfo t = requireFloat(name);
        if (t.dtype() == Dtype.F64) {
            double[] out = new double[(int) t.elementCount()];
            if (out.length > 0) {
                map(t).asDoubleBuffer().get(out);
            }
            return out;
        }
        float[] f = readFloats(name);
        double[] out = new double[f.length];
        for (int i = 0; i < f.length; i++) {
            out[i] = f[i];
        }
        return out;
    }

    private TensorInfo requireFloat(String name) {
        TensorInfo t = tensors.get(name);
        String where = "tensor \"" + name + "\"";
        if (t == null) {
            throw new ModelFileException(file, where, "not in the file");
        }
        if (!t.dtype().isFloat()) {
            throw new ModelFileException(file, where, "has dtype " + t.dtype() + "; expected F64, F32, F16 or BF16");
        }
        if (t.elementCount() > Integer.MAX_VALUE - 8 || t.end() - t.begin() > Integer.MAX_VALUE) {
            throw new ModelFileException(file, where, "has " + t.elementCount()
                    + " elements; too many to hold in one array");
        }
        return t;
    }

    private ByteBuffer map(TensorInfo t) throws IOException {
        MappedByteBuffer m = channel.map(FileChannel.MapMode.READ_ONLY, dataStart + t.begin(), t.end() - t.begin());
        return m.order(ByteOrder.LITTLE_ENDIAN);
    }

    @Override
    public void close() throws IOException {
        channel.close();
    }

    @Override
    public String toString() {
        return "SafetensorsFile(" + file + ", " + tensors.size() + " tensors)";
    }
}
