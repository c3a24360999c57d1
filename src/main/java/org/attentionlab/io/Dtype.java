package org.attentionlab.io;

import java.util.Arrays;
import java.util.Optional;

/**
 * The element types of the safetensors format, with their sizes in bytes. Only the floating-point
 * ones ({@link #F64}, {@link #F32}, {@link #F16}, {@link #BF16}) can be read as numbers; the others
 * are recognised so that a file holding, say, an int64 {@code position_ids} buffer still opens.
 */
public enum Dtype {
    BOOL(1), U8(1), I8(1), F8_E4M3(1), F8_E5M2(1),
    I16(2), U16(2), F16(2), BF16(2),
    I32(4), U32(4), F32(4),
    I64(8), U64(8), F64(8);

    private final int bytes;

    Dtype(int bytes) {
        this.bytes = bytes;
    }

    /** Bytes per element. */
    public int bytes() {
        return bytes;
    }

    /** Whether {@link SafetensorsFile#readFloats} can convert this type. */
    public boolean isFloat() {
        return this == F64 || this == F32 || this == F16 || this == BF16;
    }

    /** The dtype spelled exactly as in a safetensors header, or empty. */
    public static Optional<Dtype> parse(String name) {
        return Arrays.stream(values()).filter(d -> d.name().equals(name)).findFirst();
    }
}
