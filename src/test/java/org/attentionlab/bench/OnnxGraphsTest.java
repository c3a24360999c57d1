package org.attentionlab.bench;

import static org.attentionlab.testing.Golden.assertAllClose;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;

import org.attentionlab.engine.Activation;
import org.attentionlab.engine.AttentionWeights;
import org.attentionlab.engine.EncoderLayer;
import org.attentionlab.engine.EncoderLayerWeights;
import org.attentionlab.engine.FeedForwardWeights;
import org.attentionlab.engine.LayerNormWeights;
import org.attentionlab.engine.Mask;
import org.attentionlab.engine.ModelConfig;
import org.attentionlab.engine.MultiHeadAttention;
import org.attentionlab.engine.NormPlacement;
import org.attentionlab.engine.Precision;
import org.attentionlab.engine.Tensors;
import org.junit.jupiter.api.Test;

import onnx.Onnx;

/**
 * The ONNX graphs ONNX Runtime runs in {@code bench}, checked without ONNX Runtime: parsed back
 * from their bytes and evaluated by a small interpreter written here from the ONNX operator
 * definitions (float64), then compared with the engine on the same weights.
 */
class OnnxGraphsTest {

    private static final int D = 8;
    private static final int H = 2;
    private static final int T = 5;

    @Test
    void multiHeadGraphComputesWhatTheEngineComputes() throws Exception {
        AttentionWeights w = weights(new SplittableRandom(1));
        double[][] x = matrix(new SplittableRandom(2), T, D, 1);
        ModelConfig c = new ModelConfig(D, H, D / H, D / H, 2 * D, 1, Activation.GELU, NormPlacement.POST, 1e-12, true, Precision.FLOAT64);
        MultiHeadAttention mha = MultiHeadAttention.of(c, w);
        for (boolean causal : new boolean[] {false, true}) {
            byte[] model = OnnxGraphs.multiHead(w, H, T, causal);
            Onnx.ModelProto m = Onnx.ModelProto.parseFrom(model);
            assertEquals(17, m.getOpsetImport(0).getVersion());
            assertEquals(List.of(1L, (long) T, (long) D), dims(m.getGraph().getInput(0)));
            assertTrue(m.getGraph().getNodeList().stream().anyMatch(n -> n.getOpType().equals("Softmax")));
            double[][] expected = Tensors.toMatrix(mha.forward(Tensors.matrix(x, Precision.FLOAT64, "x").reshape(1, T, D),
                    causal ? Mask.causal(T) : Mask.none()).slice(0));
            assertAllClose(evaluate(m, x), expected, 1e-4, 1e-5, "multi-head graph, causal " + causal);
        }
    }

    @Test
    void encoderLayerGraphComputesWhatTheEngineComputes() throws Exception {
        SplittableRandom r = new SplittableRandom(3);
        EncoderLayerWeights w = new EncoderLayerWeights(weights(r), norm(r),
                new FeedForwardWeights(matrix(r, D, 2 * D, 0.5), vector(r, 2 * D, 0.2), matrix(r, 2 * D, D, 0.5), vector(r, D, 0.2)),
                norm(r));
        ModelConfig c = new ModelConfig(D, H, D / H, D / H, 2 * D, 1, Activation.GELU, NormPlacement.POST, 1e-12, true, Precision.FLOAT64);
        double[][] x = matrix(new SplittableRandom(4), T, D, 1);
        double[][] expected = Tensors.toMatrix(EncoderLayer.of(c, w).forward(Tensors.matrix(x, Precision.FLOAT64, "x").reshape(1, T, D),
                Mask.none()).slice(0));
        Onnx.ModelProto m = Onnx.ModelProto.parseFrom(OnnxGraphs.encoderLayer(w, H, T, 1e-12));
        assertAllClose(evaluate(m, x), expected, 1e-4, 1e-5, "encoder-layer graph");
    }

    // ------------------------------------------------------------------ a tiny ONNX interpreter

    private record Tensor(double[] v, long[] shape) {
        int size(int axis) {
            return (int) shape[axis < 0 ? shape.length + axis : axis];
        }
    }

    private static double[][] evaluate(Onnx.ModelProto m, double[][] x) {
        Map<String, Tensor> env = new HashMap<>();
        for (Onnx.TensorProto t : m.getGraph().getInitializerList()) {
            env.put(t.getName(), decode(t));
        }
        double[] flat = Arrays.stream(x).flatMapToDouble(Arrays::stream).toArray();
        env.put(OnnxGraphs.INPUT, new Tensor(flat, new long[] {1, x.length, x[0].length}));
        for (Onnx.NodeProto n : m.getGraph().getNodeList()) {
            List<Tensor> in = new ArrayList<>();
            n.getInputList().forEach(name -> in.add(env.get(name)));
            env.put(n.getOutput(0), apply(n, in));
        }
        Tensor y = env.get(OnnxGraphs.OUTPUT);
        double[][] out = new double[x.length][x[0].length];
        for (int i = 0; i < out.length; i++) {
            System.arraycopy(y.v(), i * out[0].length, out[i], 0, out[0].length);
        }
        return out;
    }

    private static Tensor apply(Onnx.NodeProto n, List<Tensor> in) {
        return switch (n.getOpType()) {
            case "Identity" -> in.get(0);
            case "Add" -> broadcast(in.get(0), in.get(1), Double::sum);
            case "Mul" -> broadcast(in.get(0), in.get(1), (a, b) -> a * b);
            case "Div" -> broadcast(in.get(0), in.get(1), (a, b) -> a / b);
            case "Erf" -> new Tensor(Arrays.stream(in.get(0).v()).map(OnnxGraphsTest::erf).toArray(), in.get(0).shape());
            case "Reshape" -> new Tensor(in.get(0).v(), Arrays.stream(in.get(1).v()).mapToLong(d -> (long) d).toArray());
            case "Transpose" -> transpose(in.get(0), n.getAttribute(0).getIntsList().stream().mapToInt(Long::intValue).toArray());
            case "MatMul" -> matmul(in.get(0), in.get(1));
            case "Softmax" -> softmax(in.get(0));
            case "LayerNormalization" -> layerNorm(in.get(0), in.get(1), in.get(2), attr(n, "epsilon").getF());
            default -> throw new AssertionError("op not in the interpreter: " + n.getOpType());
        };
    }

    private static Onnx.AttributeProto attr(Onnx.NodeProto n, String name) {
        return n.getAttributeList().stream().filter(a -> a.getName().equals(name)).findFirst().orElseThrow();
    }

    private static Tensor broadcast(Tensor a, Tensor b, java.util.function.DoubleBinaryOperator f) {
        int rank = Math.max(a.shape().length, b.shape().length);
        long[] shape = new long[rank];
        for (int i = 0; i < rank; i++) {
            long da = dim(a, i, rank);
            long db = dim(b, i, rank);
            shape[i] = Math.max(da, db);
        }
        int n = (int) Arrays.stream(shape).reduce(1, (p, q) -> p * q);
        double[] out = new double[n];
        int[] idx = new int[rank];
        for (int k = 0; k < n; k++) {
            out[k] = f.applyAsDouble(a.v()[offset(a, idx, rank)], b.v()[offset(b, idx, rank)]);
            for (int i = rank - 1; i >= 0 && ++idx[i] == shape[i]; i--) {
                idx[i] = 0;
            }
        }
        return new Tensor(out, shape);
    }

    private static long dim(Tensor t, int i, int rank) {
        int j = i - (rank - t.shape().length);
        return j < 0 ? 1 : t.shape()[j];
    }

    private static int offset(Tensor t, int[] idx, int rank) {
        int off = 0;
        for (int i = 0; i < rank; i++) {
            long d = dim(t, i, rank);
            off = (int) (off * d + (d == 1 ? 0 : idx[i]));
        }
        return off;
    }

    private static Tensor transpose(Tensor t, int[] perm) {
        long[] shape = new long[perm.length];
        for (int i = 0; i < perm.length; i++) {
            shape[i] = t.shape()[perm[i]];
        }
        long[] stride = new long[t.shape().length];
        stride[stride.length - 1] = 1;
        for (int i = stride.length - 2; i >= 0; i--) {
            stride[i] = stride[i + 1] * t.shape()[i + 1];
        }
        double[] out = new double[t.v().length];
        int[] idx = new int[perm.length];
        for (int k = 0; k < out.length; k++) {
            long src = 0;
            for (int i = 0; i < perm.length; i++) {
                src += idx[i] * stride[perm[i]];
            }
            out[k] = t.v()[(int) src];
            for (int i = perm.length - 1; i >= 0 && ++idx[i] == shape[i]; i--) {
                idx[i] = 0;
            }
        }
        return new Tensor(out, shape);
    }

    /** (..., m, k)·(k, n) or (..., m, k)·(..., k, n) with the same leading dimensions. */
    private static Tensor matmul(Tensor a, Tensor b) {
        int m = a.size(-2);
        int k = a.size(-1);
        int n = b.size(-1);
        int batches = a.v().length / (m * k);
        boolean shared = b.shape().length == 2;
        long[] shape = a.shape().clone();
        shape[shape.length - 1] = n;
        double[] out = new double[batches * m * n];
        for (int p = 0; p < batches; p++) {
            int bo = shared ? 0 : p * k * n;
            for (int i = 0; i < m; i++) {
                for (int j = 0; j < n; j++) {
                    double s = 0;
                    for (int q = 0; q < k; q++) {
                        s += a.v()[p * m * k + i * k + q] * b.v()[bo + q * n + j];
                    }
                    out[p * m * n + i * n + j] = s;
                }
            }
        }
        return new Tensor(out, shape);
    }

    private static Tensor softmax(Tensor t) {
        int w = t.size(-1);
        double[] out = t.v().clone();
        for (int r = 0; r < out.length; r += w) {
            double max = Double.NEGATIVE_INFINITY;
            for (int j = 0; j < w; j++) {
                max = Math.max(max, out[r + j]);
            }
            double sum = 0;
            for (int j = 0; j < w; j++) {
                out[r + j] = Math.exp(out[r + j] - max);
                sum += out[r + j];
            }
            for (int j = 0; j < w; j++) {
                out[r + j] /= sum;
            }
        }
        return new Tensor(out, t.shape());
    }

    private static Tensor layerNorm(Tensor t, Tensor gamma, Tensor beta, double eps) {
        int w = t.size(-1);
        double[] out = t.v().clone();
        for (int r = 0; r < out.length; r += w) {
            double mean = 0;
            for (int j = 0; j < w; j++) {
                mean += out[r + j] / w;
            }
            double var = 0;
            for (int j = 0; j < w; j++) {
                var += (out[r + j] - mean) * (out[r + j] - mean) / w;
            }
            for (int j = 0; j < w; j++) {
                out[r + j] = (out[r + j] - mean) / Math.sqrt(var + eps) * gamma.v()[j] + beta.v()[j];
            }
        }
        return new Tensor(out, t.shape());
    }

    /** erf by Abramowitz and Stegun 7.1.26 (error below 1.5e-7). */
    private static double erf(double x) {
        double t = 1 / (1 + 0.3275911 * Math.abs(x));
        double y = 1 - ((((1.061405429 * t - 1.453152027) * t + 1.421413741) * t - 0.284496736) * t + 0.254829592) * t
                * Math.exp(-x * x);
        return Math.signum(x) * y;
    }

    private static Tensor decode(Onnx.TensorProto t) {
        ByteBuffer b = ByteBuffer.wrap(t.getRawData().toByteArray()).order(ByteOrder.LITTLE_ENDIAN);
        long[] shape = t.getDimsList().stream().mapToLong(Long::longValue).toArray();
        double[] v;
        if (t.getDataType() == 1) { // FLOAT
            v = new double[b.remaining() / 4];
            for (int i = 0; i < v.length; i++) {
                v[i] = b.getFloat();
            }
        } else { // INT64
            v = new double[b.remaining() / 8];
            for (int i = 0; i < v.length; i++) {
                v[i] = b.getLong();
            }
        }
        return new Tensor(v, shape);
    }

    private static List<Long> dims(Onnx.ValueInfoProto v) {
        List<Long> out = new ArrayList<>();
        v.getType().getTensorType().getShape().getDimList().forEach(d -> out.add(d.getDimValue()));
        return out;
    }

    // ------------------------------------------------------------------ data

    private static AttentionWeights weights(SplittableRandom r) {
        return new AttentionWeights(matrix(r, D, D, 0.5), vector(r, D, 0.2), matrix(r, D, D, 0.5), vector(r, D, 0.2),
                matrix(r, D, D, 0.5), vector(r, D, 0.2), matrix(r, D, D, 0.5), vector(r, D, 0.2));
    }

    private static LayerNormWeights norm(SplittableRandom r) {
        double[] g = vector(r, D, 0.2);
        for (int i = 0; i < D; i++) {
            g[i] += 1;
        }
        return new LayerNormWeights(g, vector(r, D, 0.2));
    }

    /** Values already on the float32 grid, so the graph's float32 weights are the engine's exactly. */
    private static double[][] matrix(SplittableRandom r, int rows, int cols, double scale) {
        double[][] m = new double[rows][];
        for (int i = 0; i < rows; i++) {
            m[i] = vector(r, cols, scale);
        }
        return m;
    }

    private static double[] vector(SplittableRandom r, int n, double scale) {
        double[] v = new double[n];
        for (int i = 0; i < n; i++) {
            v[i] = (float) ((r.nextDouble() * 2 - 1) * scale);
        }
        return v;
    }
}
