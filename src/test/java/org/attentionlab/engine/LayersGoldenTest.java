package org.attentionlab.engine;

import static org.attentionlab.testing.Golden.assertAllClose;
import static org.attentionlab.testing.Golden.matrix;
import static org.attentionlab.testing.Golden.vector;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.ArrayList;
import java.util.List;

import org.attentionlab.engine.trace.DecoderLayerTrace;
import org.attentionlab.engine.trace.EncoderLayerTrace;
import org.attentionlab.testing.Golden;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.nd4j.linalg.api.ndarray.INDArray;

import com.fasterxml.jackson.databind.JsonNode;

/** Positional encoding, layer norm, activations, encoder and decoder stacks against the numpy reference. */
class LayersGoldenTest {

    @Test
    void sinusoidalPositionalEncoding() {
        for (JsonNode c : Golden.cases("positional_encoding.json")) {
            int n = c.get("positions").asInt();
            int d = c.get("dim").asInt();
            assertAllClose(PositionalEncoding.sinusoidal(n, d), matrix(c.get("expected")), 1e-12, 1e-12, "PE " + n + "×" + d);
        }
    }

    @Test
    void layerNorm() {
        int k = 0;
        for (JsonNode c : Golden.cases("layer_norm.json")) {
            LayerNorm ln = LayerNorm.of(vector(c.get("gamma")), vector(c.get("beta")), c.get("eps").asDouble(), Precision.FLOAT64);
            INDArray y = ln.apply(Tensors.matrix(matrix(c.get("x")), Precision.FLOAT64, "x"));
            // around an offset of 1e4 one rounding step is ~2e-12: the reference README asks atol 1e-9 there
            assertAllClose(Tensors.toMatrix(y), matrix(c.get("expected")), 1e-9, 1e-9, "layer norm case " + k++);
        }
    }

    @Test
    void activations() {
        JsonNode a = Golden.load("activations.json");
        double[] x = vector(a.get("x"));
        for (Activation act : Activation.values()) {
            String key = switch (act) {
                case RELU -> "relu";
                case GELU -> "gelu";
                case GELU_TANH -> "gelu_tanh";
            };
            for (Precision p : Precision.values()) {
                INDArray y = FeedForward.activate(Tensors.vector(x, p, "x"), act);
                double tol = p == Precision.FLOAT64 ? 1e-12 : 1e-6;
                assertAllClose(Tensors.toVector(y), vector(a.get(key)), tol, tol, key + " " + p);
            }
        }
        INDArray one = FeedForward.activate(Tensors.vector(new double[] {1}, Precision.FLOAT64, "x"), Activation.GELU);
        assertEquals(0.8413447460685429, one.getDouble(0), 1e-15, "GELU(1) = Φ(1)");
    }

    static List<JsonNode> encoderCases() {
        return Golden.cases("encoder.json");
    }

    static List<JsonNode> decoderCases() {
        return Golden.cases("decoder.json");
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("encoderCases")
    void encoderStack(JsonNode c) {
        for (Precision p : Precision.values()) {
            double tol = p == Precision.FLOAT64 ? 1e-9 : 2e-5;
            ModelConfig cfg = config(c, p);
            List<EncoderLayerWeights> ws = new ArrayList<>();
            for (JsonNode l : c.get("layers")) {
                ws.add(new EncoderLayerWeights(MultiHeadGoldenTest.weights(l.get("attention")), ln(l.get("ln1")), ffn(l.get("ffn")),
                        ln(l.get("ln2"))));
            }
            Encoder enc = Encoder.of(cfg, ws);
            double[][] x = matrix(c.get("x"));
            Mask mask = Mask.padding(new int[][] {Golden.intVector(c.get("attention_mask"))}, x.length);
            List<EncoderLayerTrace> traces = enc.trace(x, mask);
            JsonNode e = c.get("expected");
            for (int i = 0; i < traces.size(); i++) {
                assertAllClose(traces.get(i).output(), matrix(e.get("layer_outputs").get(i)), tol, tol, p + " layer " + i);
            }
            INDArray batched = enc.forward(Tensors.matrix(x, p, "x").reshape(1, x.length, x[0].length), mask);
            assertAllClose(Tensors.toMatrix(batched.slice(0)), matrix(e.get("output")), tol, tol, p + " forward");
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("decoderCases")
    void decoderStackAndOutputProjection(JsonNode c) {
        for (Precision p : Precision.values()) {
            double tol = p == Precision.FLOAT64 ? 1e-9 : 2e-5;
            ModelConfig cfg = config(c, p);
            List<DecoderLayerWeights> ws = new ArrayList<>();
            for (JsonNode l : c.get("layers")) {
                ws.add(new DecoderLayerWeights(MultiHeadGoldenTest.weights(l.get("self_attention")),
                        MultiHeadGoldenTest.weights(l.get("cross_attention")), ln(l.get("ln1")), ln(l.get("ln2")),
                        ln(l.get("ln3")), ffn(l.get("ffn"))));
            }
            Decoder dec = Decoder.of(cfg, ws);
            double[][] y = matrix(c.get("y"));
            double[][] mem = matrix(c.get("memory"));
            Mask memMask = Mask.padding(new int[][] {Golden.intVector(c.get("memory_mask"))}, y.length);
            List<DecoderLayerTrace> traces = dec.trace(y, mem, Mask.none(), memMask);
            JsonNode e = c.get("expected");
            for (int i = 0; i < traces.size(); i++) {
                assertAllClose(traces.get(i).output(), matrix(e.get("layer_outputs").get(i)), tol, tol, p + " layer " + i);
            }
            INDArray out = dec.forward(Tensors.matrix(y, p, "y").reshape(1, y.length, y[0].length),
                    Tensors.matrix(mem, p, "m").reshape(1, mem.length, mem[0].length), Mask.none(), memMask).slice(0);
            assertAllClose(Tensors.toMatrix(out), matrix(e.get("output")), tol, tol, p + " forward");
            JsonNode op = c.get("output_projection");
            OutputProjection proj = OutputProjection.of(matrix(op.get("w")), vector(op.get("b")), p);
            assertAllClose(Tensors.toMatrix(proj.logits(out)), matrix(e.get("logits")), tol, tol, p + " logits");
            assertAllClose(Tensors.toMatrix(proj.probabilities(out)), matrix(e.get("probs")), tol, tol, p + " probabilities");
        }
    }

    private static ModelConfig config(JsonNode c, Precision p) {
        int d = c.get("d_model").asInt();
        int h = c.get("heads").asInt();
        Activation act = switch (c.get("activation").asText()) {
            case "relu" -> Activation.RELU;
            case "gelu" -> Activation.GELU;
            case "gelu_tanh" -> Activation.GELU_TANH;
            default -> throw new IllegalArgumentException(c.get("activation").asText());
        };
        return ModelConfig.of(d, h).withDFF(c.get("d_ff").asInt()).withLayers(c.get("layers").size()).withActivation(act)
                .withNorm(c.get("norm").asText().equals("pre") ? NormPlacement.PRE : NormPlacement.POST)
                .withLayerNormEps(c.get("eps").asDouble()).withPrecision(p);
    }

    private static LayerNormWeights ln(JsonNode n) {
        return new LayerNormWeights(vector(n.get("gamma")), vector(n.get("beta")));
    }

    private static FeedForwardWeights ffn(JsonNode n) {
        return new FeedForwardWeights(matrix(n.get("w1")), vector(n.get("b1")), matrix(n.get("w2")), vector(n.get("b2")));
    }
}
