package org.attentionlab.io;

/**
 * IEEE 754 half precision (F16) and bfloat16 (BF16) to and from float32, by bit manipulation
 * (Java 17 has no {@code Float.float16ToFloat}). Narrowing rounds to nearest, ties to even, as
 * numpy and PyTorch do.
 */
final class HalfFloats {

    private HalfFloats() {
    }

    /** F16 bits (low 16 bits of {@code h}) to float32; exact. */
    static float halfToFloat(int h) {
        int sign = (h & 0x8000) << 16;
        int exp = (h >>> 10) & 0x1f;
        int mant = h & 0x3ff;
        if (exp == 0x1f) {
            return Float.intBitsToFloat(sign | 0x7f800000 | (mant << 13));
        }
        if (exp == 0) {
            // zero or subnormal: mant · 2^-24, exact in float32
            float v = mant * 0x1p-24f;
            return sign == 0 ? v : -v;
        }
        return Float.intBitsToFloat(sign | ((exp + 112) << 23) | (mant << 13));
    }

    /** float32 to F16 bits, rounded to nearest even; overflow gives ±∞, NaN stays NaN. */
    static short floatToHalf(float f) {
        int bits = Float.floatToRawIntBits(f);
        int sign = (bits >>> 16) & 0x8000;
        int val = bits & 0x7fffffff;
        if (val >= 0x7f800000) {
            return (short) (sign | 0x7c00 | (val > 0x7f800000 ? 0x200 : 0));
        }
        if (val >= 0x47800000) {
            return (short) (sign | 0x7c00);
        }
        if (val >= 0x38800000) {
            // normal: re-bias the exponent (127 -> 15) and round away 13 mantissa bits; a carry
            // into the exponent is the correct next binade (or ∞)
            int r = val - 0x38000000;
            int h = r >>> 13;
            int rem = r & 0x1fff;
            if (rem > 0x1000 || (rem == 0x1000 && (h & 1) == 1)) {
                h++;
            }
            return (short) (sign | h);
        }
        int e = val >>> 23;
        int shift = 126 - e;
        if (shift > 24) {
            return (short) sign;
        }
        int mant = (val & 0x7fffff) | 0x800000;
        int h = mant >>> shift;
        int rem = mant & ((1 << shift) - 1);
        int half = 1 << (shift - 1);
        if (rem > half || (rem == half && (h & 1) == 1)) {
            h++;
        }
        return (short) (sign | h);
    }

    /** BF16 bits to float32; exact. */
    static float bf16ToFloat(int b) {
        return Float.intBitsToFloat((b & 0xffff) << 16);
    }

    /** float32 to BF16 bits, rounded to nearest even; NaN stays NaN. */
    static short floatToBf16(float f) {
        int bits = Float.floatToRawIntBits(f);
        if ((bits & 0x7fffffff) > 0x7f800000) {
            return (short) ((bits >>> 16) | 0x40);
        }
        int rounding = 0x7fff + ((bits >>> 16) & 1);
        return (short) ((bits + rounding) >>> 16);
    }
}
