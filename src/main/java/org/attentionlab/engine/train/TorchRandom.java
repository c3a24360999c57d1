package org.attentionlab.engine.train;

/**
 * PyTorch's CPU random numbers, so that a seed here draws what {@code torch.manual_seed(seed)}
 * draws there: the same 32-bit Mersenne Twister (MT19937, seeded with {@code init_genrand}),
 * the same bits per float32 uniform, the same Box–Muller layout for {@code torch.randn}, the same
 * bounds for {@code nn.Linear}'s default initialisation. With seed 42 this reproduces the
 * course notebook's printed initial W_Q and, trained the notebook's way, its printed losses.
 *
 * <p>What is reproduced and how exactly:
 * <ul>
 *   <li>{@link #uniform}: bit for bit (PyTorch's float32 uniform is (x &amp; (2²⁴ − 1))·2⁻²⁴
 *       scaled with float32 arithmetic);</li>
 *   <li>{@link #randn} for n ≥ 16 (PyTorch's vectorised path: all n uniforms first, Box–Muller
 *       on blocks of 16 pairing entry j with j + 8, the last 16 entries redrawn when n is not a
 *       multiple of 16): the same numbers up to the last bit of float32, because PyTorch takes
 *       log, cos and sin in float32 (or in SIMD) and this class in float64;</li>
 *   <li>{@link #linear}: weight (out, in) then bias (out), both U(−1/√in, 1/√in), the bound
 *       computed as {@code kaiming_uniform_(a=√5)} computes it.</li>
 * </ul>
 * Fewer than 16 normals at once take another path in PyTorch, which this class does not copy.
 */
public final class TorchRandom {

    private static final int N = 624;
    private static final int M = 397;

    private final int[] state = new int[N];
    private int next;

    /** {@code torch.manual_seed(seed)} (the low 32 bits, as PyTorch's CPU generator uses). */
    public TorchRandom(long seed) {
        state[0] = (int) seed;
        for (int i = 1; i < N; i++) {
            int prev = state[i - 1];
            state[i] = 1812433253 * (prev ^ (prev >>> 30)) + i;
        }
        next = N;
    }

    /** The next 32 random bits (MT19937 {@code genrand_int32}), as an unsigned value. */
    public long nextUnsignedInt() {
        if (next >= N) {
            twist();
        }
        int y = state[next++];
        y ^= y >>> 11;
        y ^= (y << 7) & 0x9d2c5680;
        y ^= (y << 15) & 0xefc60000;
        y ^= y >>> 18;
        return y & 0xffffffffL;
    }

    private void twist() {
        for (int k = 0; k < N; k++) {
            int y = (state[k] & 0x80000000) | (state[(k + 1) % N] & 0x7fffffff);
            state[k] = state[(k + M) % N] ^ (y >>> 1) ^ ((y & 1) != 0 ? 0x9908b0df : 0);
        }
        next = 0;
    }

    /** One float32 uniform in [from, to), as {@code tensor.uniform_(from, to)} draws it. */
    public float uniform(float from, float to) {
        float x = (nextUnsignedInt() & ((1 << 24) - 1)) * 0x1p-24f;
        return x * (to - from) + from;
    }

    /** n uniforms in [from, to), in order (the bounds are rounded to float32 first, as PyTorch does). */
    public float[] uniform(int n, double from, double to) {
        float[] out = new float[n];
        for (int i = 0; i < n; i++) {
            out[i] = uniform((float) from, (float) to);
        }
        return out;
    }

    /** {@code torch.randn(n)} in float32, for n ≥ 16. */
    public float[] randn(int n) {
        if (n < 16) {
            throw new IllegalArgumentException("PyTorch draws fewer than 16 normals (here " + n + ") another way, "
                    + "which is not reproduced; draw at least 16");
        }
        float[] data = uniform(n, 0, 1);
        for (int i = 0; i + 16 <= n; i += 16) {
            boxMuller16(data, i);
        }
        if (n % 16 != 0) {
            // PyTorch redraws the last 16 entries and transforms them as one more block
            int start = n - 16;
            for (int j = 0; j < 16; j++) {
                data[start + j] = uniform(0f, 1f);
            }
            boxMuller16(data, start);
        }
        return data;
    }

    /** Box–Muller on 16 uniforms: entry j and j + 8 become a pair of independent normals. */
    private static void boxMuller16(float[] d, int at) {
        for (int j = 0; j < 8; j++) {
            double u1 = 1.0f - d[at + j]; // (0, 1], so the log is finite
            double u2 = d[at + j + 8];
            double radius = Math.sqrt(-2 * Math.log(u1));
            double theta = 2.0 * Math.PI * u2;
            d[at + j] = (float) (radius * Math.cos(theta));
            d[at + j + 8] = (float) (radius * Math.sin(theta));
        }
    }

    /**
     * {@code nn.Linear(in, out)}'s parameters as PyTorch initialises them: first the weight
     * (out, in), row-major, then the bias (out), all U(−b, b) with b = 1/√in.
     *
     * @return {weight (out·in values, row-major), bias (out values)}
     */
    public float[][] linear(int in, int out) {
        // kaiming_uniform_(a = √5): gain = √(2 / (1 + a²)), std = gain / √fan_in, bound = √3 · std
        double a = Math.sqrt(5.0);
        double gain = Math.sqrt(2.0 / (1 + a * a));
        double bound = Math.sqrt(3.0) * (gain / Math.sqrt(in));
        float[] weight = uniform(out * in, -bound, bound);
        double biasBound = 1 / Math.sqrt(in);
        float[] bias = uniform(out, -biasBound, biasBound);
        return new float[][] {weight, bias};
    }
}
