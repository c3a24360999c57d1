package org.attentionlab.bench;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.List;

import org.attentionlab.engine.AttentionWeights;
import org.attentionlab.engine.EncoderLayerWeights;
import org.nd4j.shade.protobuf.ByteString;

import onnx.Onnx;

/**
 * ONNX models of the engine's cases, built in Java (no Python), so that ONNX Runtime can run the
 * same computation on the same weights. The ONNX protobuf classes come with ND4J's nd4j-api (its
 * ONNX importer uses them), so building a graph needs nothing beyond the normal build; running it
 * needs the {@code bench} profile.
 *
 * <p>Layout, as in the engine: x (1, T, D), W (in, out) so each projection is x·W + b; head i is
 * column block i. Graphs use opset 17 (LayerNormalization) and fixed shapes, and are written as
 * the plain pattern (MatMul, Reshape, Transpose, Softmax, …) that ONNX Runtime's optimiser fuses.
 */
public final class OnnxGraphs {

    public static final String INPUT = "x";
    public static final String OUTPUT = "y";
    private static final int FLOAT = 1;
    private static final int INT64 = 7;
    /** What the causal mask adds to a later key's score: e^(−1e9) underflows to 0 in float32. */
    private static final float MASKED = -1e9f;

    private final Onnx.GraphProto.Builder graph = Onnx.GraphProto.newBuilder().setName("attention-lab");
    private int counter;

    private OnnxGraphs() {
    }

    /** Multi-head self-attention (section 3.2.2) on (1, T, D), optionally causal. */
    public static byte[] multiHead(AttentionWeights w, int heads, int tokens, boolean causal) {
        OnnxGraphs g = new OnnxGraphs();
        int d = w.wq().length;
        g.input(tokens, d);
        String y = g.attention("attn", INPUT, w, heads, tokens, causal);
        return g.model(y, tokens, d);
    }

    /** A post-LN encoder layer with exact (erf) GELU: LN₂(h + FFN(h)), h = LN₁(x + MHA(x)). */
    public static byte[] encoderLayer(EncoderLayerWeights w, int heads, int tokens, double eps) {
        OnnxGraphs g = new OnnxGraphs();
        int d = w.attention().wq().length;
        g.input(tokens, d);
        String a = g.attention("attn", INPUT, w.attention(), heads, tokens, false);
        String h = g.layerNorm("ln1", g.op("Add", INPUT, a), w.ln1().gamma(), w.ln1().beta(), eps);
        String hidden = g.linear("ffn1", h, w.ffn().w1(), w.ffn().b1());
        // GELU(u) = u·(1 + erf(u/√2))/2
        String erf = g.op("Erf", g.op("Div", hidden, g.scalar(Math.sqrt(2))));
        String gelu = g.op("Mul", g.op("Mul", hidden, g.op("Add", erf, g.scalar(1))), g.scalar(0.5));
        String f = g.linear("ffn2", gelu, w.ffn().w2(), w.ffn().b2());
        String y = g.layerNorm("ln2", g.op("Add", h, f), w.ln2().gamma(), w.ln2().beta(), eps);
        return g.model(y, tokens, d);
    }

    private String attention(String name, String x, AttentionWeights w, int h, int t, boolean causal) {
        int hk = w.wq()[0].length;
        int hv = w.wv()[0].length;
        int dk = hk / h;
        int dv = hv / h;
        // 1. project and split: (1, T, H·d) -> (1, T, H, d) -> (1, H, T, d); K goes to (1, H, d_k, T)
        String q = transpose(reshape(linear(name + ".q", x, w.wq(), w.bq()), 1, t, h, dk), 0, 2, 1, 3);
        String k = transpose(reshape(linear(name + ".k", x, w.wk(), w.bk()), 1, t, h, dk), 0, 2, 3, 1);
        String v = transpose(reshape(linear(name + ".v", x, w.wv(), w.bv()), 1, t, h, dv), 0, 2, 1, 3);
        // 2. attend: softmax(Q·Kᵀ/√d_k + M)·V -> (1, H, T, d_v)
        String scores = op("Mul", op("MatMul", q, k), scalar(1 / Math.sqrt(dk)));
        if (causal) {
            float[] m = new float[t * t];
            for (int i = 0; i < t; i++) {
                for (int j = i + 1; j < t; j++) {
                    m[i * t + j] = MASKED;
                }
            }
            scores = op("Add", scores, floats(name + ".mask", m, t, t));
        }
        String weights = fresh("softmax");
        graph.addNode(node("Softmax", List.of(scores), weights).addAttribute(intAttr("axis", -1)));
        String z = op("MatMul", weights, v);
        // 3. concatenate: (1, H, T, d_v) -> (1, T, H, d_v) -> (1, T, H·d_v); 4. output projection
        String concat = reshape(transpose(z, 0, 2, 1, 3), 1, t, hv);
        return linear(name + ".o", concat, w.wo(), w.bo());
    }

    private String linear(String name, String x, double[][] weight, double[] bias) {
        String wName = floats(name + ".W", flatten(weight), weight.length, weight[0].length);
        String bName = floats(name + ".b", toFloats(bias), bias.length);
        return op("Add", op("MatMul", x, wName), bName);
    }

    private String layerNorm(String name, String x, double[] gamma, double[] beta, double eps) {
        String out = fresh(name);
        Onnx.AttributeProto.Builder epsilon = Onnx.AttributeProto.newBuilder().setName("epsilon")
                .setType(Onnx.AttributeProto.AttributeType.FLOAT).setF((float) eps);
        graph.addNode(node("LayerNormalization", List.of(x, floats(name + ".gamma", toFloats(gamma), gamma.length),
                floats(name + ".beta", toFloats(beta), beta.length)), out).addAttribute(intAttr("axis", -1)).addAttribute(epsilon));
        return out;
    }

    private String reshape(String x, long... shape) {
        String s = fresh("shape");
        graph.addInitializer(tensor(s, INT64, longBytes(shape), shape.length));
        return op("Reshape", x, s);
    }

    private String transpose(String x, long... perm) {
        String out = fresh("transpose");
        Onnx.AttributeProto.Builder a = Onnx.AttributeProto.newBuilder().setName("perm")
                .setType(Onnx.AttributeProto.AttributeType.INTS);
        for (long p : perm) {
            a.addInts(p);
        }
        graph.addNode(node("Transpose", List.of(x), out).addAttribute(a));
        return out;
    }

    private String scalar(double value) {
        String s = fresh("const");
        graph.addInitializer(tensor(s, FLOAT, floatBytes(new float[] {(float) value})));
        return s;
    }

    private String floats(String name, float[] values, long... dims) {
        graph.addInitializer(tensor(name, FLOAT, floatBytes(values), dims));
        return name;
    }

    private String op(String type, String... inputs) {
        String out = fresh(type.toLowerCase(java.util.Locale.ROOT));
        graph.addNode(node(type, List.of(inputs), out));
        return out;
    }

    private Onnx.NodeProto.Builder node(String type, List<String> inputs, String output) {
        return Onnx.NodeProto.newBuilder().setOpType(type).setName(output).addAllInput(inputs).addOutput(output);
    }

    private String fresh(String prefix) {
        return prefix + "_" + counter++;
    }

    private static Onnx.AttributeProto.Builder intAttr(String name, long value) {
        return Onnx.AttributeProto.newBuilder().setName(name).setType(Onnx.AttributeProto.AttributeType.INT).setI(value);
    }

    private void input(int t, int d) {
        graph.addInput(valueInfo(INPUT, 1, t, d));
    }

    private byte[] model(String result, int t, int d) {
        graph.addNode(node("Identity", List.of(result), OUTPUT));
        graph.addOutput(valueInfo(OUTPUT, 1, t, d));
        return Onnx.ModelProto.newBuilder().setIrVersion(8).setProducerName("attention-lab")
                .addOpsetImport(Onnx.OperatorSetIdProto.newBuilder().setDomain("").setVersion(17))
                .setGraph(graph).build().toByteArray();
    }

    private static Onnx.ValueInfoProto valueInfo(String name, long... dims) {
        Onnx.TensorShapeProto.Builder shape = Onnx.TensorShapeProto.newBuilder();
        for (long d : dims) {
            shape.addDimBuilder().setDimValue(d);
        }
        return Onnx.ValueInfoProto.newBuilder().setName(name)
                .setType(Onnx.TypeProto.newBuilder().setTensorType(Onnx.TypeProto.Tensor.newBuilder().setElemType(FLOAT).setShape(shape)))
                .build();
    }

    private static Onnx.TensorProto tensor(String name, int type, byte[] raw, long... dims) {
        Onnx.TensorProto.Builder b = Onnx.TensorProto.newBuilder().setName(name).setDataType(type).setRawData(ByteString.copyFrom(raw));
        for (long d : dims) {
            b.addDims(d);
        }
        return b.build();
    }

    private static byte[] floatBytes(float[] v) {
        ByteBuffer b = ByteBuffer.allocate(4 * v.length).order(ByteOrder.LITTLE_ENDIAN);
        b.asFloatBuffer().put(v);
        return b.array();
    }

    private static byte[] longBytes(long[] v) {
        ByteBuffer b = ByteBuffer.allocate(8 * v.length).order(ByteOrder.LITTLE_ENDIAN);
        b.asLongBuffer().put(v);
        return b.array();
    }

    static float[] flatten(double[][] m) {
        int cols = m[0].length;
        float[] out = new float[m.length * cols];
        for (int i = 0; i < m.length; i++) {
            for (int j = 0; j < cols; j++) {
                out[i * cols + j] = (float) m[i][j];
            }
        }
        return out;
    }

    private static float[] toFloats(double[] v) {
        float[] out = new float[v.length];
        for (int i = 0; i < v.length; i++) {
            out[i] = (float) v[i];
        }
        return out;
    }
}
