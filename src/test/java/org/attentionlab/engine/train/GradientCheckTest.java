package org.attentionlab.engine.train;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.TreeMap;
import java.util.function.DoubleSupplier;
import java.util.function.Function;

import org.attentionlab.engine.Activation;
import org.attentionlab.engine.Init;
import org.attentionlab.engine.Mask;
import org.attentionlab.engine.ModelConfig;
import org.attentionlab.engine.NormPlacement;
import org.attentionlab.engine.Precision;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * Every hand-written backward pass against finite differences of its own forward pass, in
 * float64, on tiny shapes: relative error below 10⁻⁶ in every parameter and every input
 * (see {@link GradientCheck} for the error measure). The loss of a single layer is
 * L = Σ y ⊙ R with a fixed random R, so ∂L/∂y = R.
 */
class GradientCheckTest {

    static final double TOLERANCE = 1e-6;
    private static final Map<String, Double> WORST = new TreeMap<>();

    private final SplittableRandom random = new SplittableRandom(20240607);
    private final Init init = new Init(7, Precision.FLOAT64);

    @AfterAll
    static void printWorst() {
        StringBuilder sb = new StringBuilder("max relative errors of the gradient checks:\n");
        WORST.forEach((k, v) -> sb.append(String.format("  %-34s %.2e%n", k, v)));
        System.out.print(sb);
    }

    INDArray rand(long... shape) {
        long n = 1;
        for (long s : shape) {
            n *= s;
        }
        double[] v = new double[(int) n];
        for (int i = 0; i < v.length; i++) {
            v[i] = 2 * random.nextDouble() - 1;
        }
        return Nd4j.create(v, shape, DataType.DOUBLE);
    }

    /** Randomises a parameter (biases and γ too, so that a bias or gain bug cannot hide behind 0 or 1). */
    void randomise(List<Parameter> params) {
        for (Parameter p : params) {
            double[] v = new double[(int) p.length()];
            for (int i = 0; i < v.length; i++) {
                v[i] = (2 * random.nextDouble() - 1) * (p.name().endsWith("gamma") ? 0.3 : 0.8)
                        + (p.name().endsWith("gamma") ? 1 : 0);
            }
            p.set(v);
        }
    }

    /** Checks every parameter and the input of a layer y = f(x) with L = Σ y ⊙ R. */
    void checkLayer(String layer, INDArray x, List<Parameter> params, Function<INDArray, INDArray> forward,
                    Function<INDArray, INDArray> backward) {
        checkLayer(layer, x, params, forward, backward, 400);
    }

    /** The same, checking at most {@code maxEntries} entries (drawn at random) per array. */
    void checkLayer(String layer, INDArray x, List<Parameter> params, Function<INDArray, INDArray> forward,
                    Function<INDArray, INDArray> backward, int maxEntries) {
        params.forEach(p -> p.grad().assign(0));
        INDArray y = forward.apply(x);
        INDArray r = rand(y.shape());
        INDArray dx = backward.apply(r);
        DoubleSupplier loss = () -> forward.apply(x).mul(r).sumNumber().doubleValue();
        List<GradientCheck.Result> results = new ArrayList<>();
        for (Parameter p : params) {
            results.add(GradientCheck.check(p.name(), p.value(), p.grad(), loss, maxEntries, 1));
        }
        if (dx != null) {
            results.add(GradientCheck.check("input", x, dx, loss, 2 * maxEntries, 2));
        }
        assertAll(layer, results);
    }

    static void assertAll(String what, List<GradientCheck.Result> results) {
        double worst = 0;
        for (GradientCheck.Result r : results) {
            assertTrue(r.maxRelativeError() < TOLERANCE, what + ": " + r);
            worst = Math.max(worst, r.maxRelativeError());
        }
        WORST.merge(what, worst, Math::max);
    }

    @Test
    void theChecksCatchAGradientThatIsSlightlyWrong() {
        LinearLayer l = LinearLayer.glorot("linear", 4, 3, init);
        randomise(l.parameters());
        INDArray x = rand(5, 4);
        INDArray r = rand(5, 3);
        l.parameters().forEach(p -> p.grad().assign(0));
        l.forward(x);
        l.backward(r);
        INDArray wrong = l.weight().grad().dup();
        wrong.putScalar(7, wrong.getDouble(7) * 1.001); // one entry off by 0.1 %
        DoubleSupplier loss = () -> l.forward(x).mul(r).sumNumber().doubleValue();
        assertTrue(GradientCheck.check("W", l.weight().value(), wrong, loss, 100, 1).maxRelativeError() > 1e-4);
        assertTrue(GradientCheck.checkDirection("W", l.weight().value(), wrong, loss, 1).maxRelativeError() > 1e-5);
        assertTrue(GradientCheck.checkDirection("W", l.weight().value(), l.weight().grad(), loss, 1).maxRelativeError() < 1e-9);
    }

    @Test
    void linear() {
        LinearLayer l = LinearLayer.glorot("linear", 4, 3, init);
        randomise(l.parameters());
        checkLayer("linear", rand(5, 4), l.parameters(), l::forward, l::backward);
    }

    @Test
    void embeddingAddsTheGradientOfARepeatedTokenTwice() {
        Embedding e = Embedding.normal("embedding", 6, 4, init);
        int[] ids = {2, 5, 2, 0, 3};
        checkLayer("embedding", rand(1), e.parameters(), ignored -> e.forward(ids), dy -> {
            e.backward(dy);
            return null;
        });
    }

    @Test
    void maskedSoftmaxWithAFullyMaskedRow() {
        INDArray allowed = Nd4j.create(new double[][] {{1, 1, 0, 1, 1}, {0, 0, 0, 0, 0}, {1, 0, 0, 0, 0}, {1, 1, 1, 1, 1}});
        INDArray scores = rand(4, 5).muli(3);
        INDArray[] weights = new INDArray[1];
        checkLayer("softmax (masked)", scores, List.of(), s -> weights[0] = MaskedSoftmax.forward(s, allowed),
                dw -> MaskedSoftmax.backward(weights[0], dw));
        INDArray w = MaskedSoftmax.forward(scores, allowed);
        assertEquals(0.0, w.getRow(1).sumNumber().doubleValue(), 0.0, "a fully masked row has zero weights");
        assertEquals(0.0, w.getDouble(0, 2), 0.0, "a masked weight is exactly 0");
        INDArray g = MaskedSoftmax.backward(w, rand(4, 5));
        assertEquals(0.0, g.getRow(1).norm2Number().doubleValue(), 0.0, "and zero gradients");
        assertFalse(g.isNaN().any() || w.isNaN().any());
    }

    @Test
    void scaledDotProductAttentionWithMasksQueriesKeysAndValues() {
        // G = 2 groups, T = 3 queries, S = 4 keys; group 1's row 2 is fully masked
        double[] mask = {1, 1, 1, 1, 1, 1, 0, 0, 1, 0, 1, 0, /* group 1 */ 1, 0, 0, 0, 1, 1, 1, 0, 0, 0, 0, 0};
        INDArray allowed = Nd4j.create(mask, new long[] {2, 3, 4}, DataType.DOUBLE);
        INDArray q = rand(2, 3, 5);
        INDArray k = rand(2, 4, 5);
        INDArray v = rand(2, 4, 2);
        DotProductAttention a = new DotProductAttention();
        double scale = 1 / Math.sqrt(5);
        checkLayer("attention: ∂Q", q, List.of(), x -> a.forward(x, k, v, allowed, scale), dOut -> a.backward(dOut).dQ());
        checkLayer("attention: ∂K", k, List.of(), x -> a.forward(q, x, v, allowed, scale), dOut -> a.backward(dOut).dK());
        checkLayer("attention: ∂V", v, List.of(), x -> a.forward(q, k, x, allowed, scale), dOut -> a.backward(dOut).dV());
        INDArray out = a.forward(q, k, v, allowed, scale);
        DotProductAttention.Gradients g = a.backward(rand(2, 3, 2));
        assertEquals(0.0, out.slice(1).getRow(2).norm2Number().doubleValue(), 0.0, "a fully masked query outputs 0");
        assertEquals(0.0, g.dQ().slice(1).getRow(2).norm2Number().doubleValue(), 0.0, "and gets no gradient");
        assertFalse(g.dQ().isNaN().any() || g.dK().isNaN().any() || g.dV().isNaN().any());
    }

    @Test
    void multiHeadSelfAttentionWithACausalMask() {
        MultiHeadAttentionLayer m = MultiHeadAttentionLayer.init("self", 6, 2, 3, 2, true, init);
        randomise(m.parameters());
        AttentionMask mask = new AttentionMask(Mask.causal(4), 2, 4, 4);
        checkLayer("multi-head self-attention", rand(2, 4, 6), m.parameters(), x -> m.forward(x, x, mask), dOut -> {
            MultiHeadAttentionLayer.Gradients g = m.backward(dOut);
            return g.dQuery().add(g.dMemory());
        }, 24);
    }

    @Test
    void multiHeadCrossAttentionWithPaddedMemory() {
        MultiHeadAttentionLayer m = MultiHeadAttentionLayer.init("cross", 6, 3, 2, 2, true, init);
        randomise(m.parameters());
        AttentionMask mask = new AttentionMask(Mask.padding(new int[][] {{1, 1, 1, 1, 0}, {1, 1, 0, 0, 0}}, 3), 2, 3, 5);
        INDArray query = rand(2, 3, 6);
        INDArray memory = rand(2, 5, 6);
        checkLayer("multi-head cross-attention", query, m.parameters(), x -> m.forward(x, memory, mask),
                dOut -> m.backward(dOut).dQuery(), 24);
        checkLayer("multi-head cross-attention", memory, List.of(), x -> m.forward(query, x, mask),
                dOut -> m.backward(dOut).dMemory(), 24);
    }

    @Test
    void layerNorm() {
        LayerNormLayer n = LayerNormLayer.identity("norm", 5, 1e-5, init);
        randomise(n.parameters());
        checkLayer("layer norm", rand(4, 5).muli(2), n.parameters(), n::forward, n::backward);
    }

    @Test
    void feedForwardWithRelu() {
        FeedForwardLayer f = FeedForwardLayer.init("ffn", 4, 7, Activation.RELU, init);
        randomise(f.parameters());
        // finite differences are meaningless across ReLU's kink: draw inputs (deterministically) until
        // no pre-activation lies within 0.01 of it, far outside the stencil's ±2h = ±0.002
        INDArray x = rand(5, 4);
        while (org.nd4j.linalg.ops.transforms.Transforms.abs(f.first().forward(x), true).minNumber().doubleValue() <= 0.01) {
            x = rand(5, 4);
        }
        checkLayer("feed-forward (ReLU)", x, f.parameters(), f::forward, f::backward);
    }

    @Test
    void feedForwardWithExactGelu() {
        FeedForwardLayer f = FeedForwardLayer.init("ffn", 4, 7, Activation.GELU, init);
        randomise(f.parameters());
        checkLayer("feed-forward (GELU, erf)", rand(5, 4).muli(2), f.parameters(), f::forward, f::backward);
    }

    @Test
    void meanPooling() {
        MeanPooling p = new MeanPooling();
        checkLayer("mean pooling", rand(2, 3, 4), List.of(), p::forward, p::backward);
    }

    @Test
    void meanSquaredError() {
        MseLoss mse = new MseLoss();
        INDArray target = rand(3, 2);
        INDArray prediction = rand(3, 2);
        mse.forward(prediction, target);
        GradientCheck.Result r = GradientCheck.check("prediction", prediction, mse.backward(),
                () -> new MseLoss().forward(prediction, target), 100, 3);
        assertAll("MSE", List.of(r));
    }

    @Test
    void crossEntropyWithLabelSmoothingIgnoresPadding() {
        CrossEntropyLoss ce = new CrossEntropyLoss(0.1, 0);
        int[] targets = {3, 0, 1, 4, 0};
        INDArray logits = rand(5, 6).muli(4);
        double loss = ce.forward(logits, targets);
        INDArray g = ce.backward();
        GradientCheck.Result r = GradientCheck.check("logits", logits, g, () -> ce.forward(logits, targets), 100, 4);
        assertAll("cross-entropy (ε = 0.1, padding ignored)", List.of(r));
        assertEquals(0.0, g.getRow(1).norm2Number().doubleValue(), 0.0, "a padding row gets no gradient");
        assertEquals(3, ce.counted());
        assertTrue(loss > 0);
        CrossEntropyLoss empty = new CrossEntropyLoss(0.1, 0);
        assertEquals(0.0, empty.forward(logits, new int[] {0, 0, 0, 0, 0}), 0.0, "nothing to predict: loss 0, not NaN");
        assertFalse(empty.backward().isNaN().any());
    }

    @Test
    void residualsInEncoderLayersPostAndPreNorm() {
        for (NormPlacement placement : NormPlacement.values()) {
            for (Activation act : List.of(Activation.RELU, Activation.GELU)) {
                ModelConfig c = ModelConfig.of(6, 2).withDFF(8).withNorm(placement).withActivation(act)
                        .withPrecision(Precision.FLOAT64);
                EncoderBlock e = EncoderBlock.init("encoder", c, init);
                randomise(e.parameters());
                AttentionMask mask = new AttentionMask(Mask.padding(new int[][] {{1, 1, 1, 1}, {1, 1, 1, 0}}, 4), 2, 4, 4);
                checkLayer("encoder layer (" + placement + ", " + act + ")", rand(2, 4, 6), e.parameters(),
                        x -> e.forward(x, mask), e::backward, 3);
            }
        }
    }

    @Test
    void decoderLayersPostAndPreNorm() {
        for (NormPlacement placement : NormPlacement.values()) {
            ModelConfig c = ModelConfig.of(6, 2).withDFF(8).withNorm(placement).withActivation(Activation.GELU)
                    .withPrecision(Precision.FLOAT64);
            DecoderBlock d = DecoderBlock.init("decoder", c, init);
            randomise(d.parameters());
            AttentionMask self = new AttentionMask(Mask.causal(3), 2, 3, 3);
            AttentionMask cross = new AttentionMask(Mask.padding(new int[][] {{1, 1, 1, 1}, {1, 1, 0, 0}}, 3), 2, 3, 4);
            INDArray y = rand(2, 3, 6);
            INDArray memory = rand(2, 4, 6);
            checkLayer("decoder layer (" + placement + ")", y, d.parameters(), x -> d.forward(x, memory, self, cross),
                    dOut -> d.backward(dOut).dInput(), 3);
            checkLayer("decoder layer (" + placement + ")", memory, List.of(), x -> d.forward(y, x, self, cross),
                    dOut -> d.backward(dOut).dMemory(), 3);
        }
    }

    @Test
    void wholeTwoLayerEncoderDecoder() {
        // the paper's post-LN model; every layer type was checked entry by entry above, so here every one
        // of its 88 tensors is checked along a random direction (all its entries at once): that checks
        // the wiring (√d_model scaling, residual sums, the memory gradient
        // that every decoder layer adds into the encoder)
        ModelConfig c = ModelConfig.of(8, 2).withDFF(12).withLayers(2).withActivation(Activation.GELU)
                .withPrecision(Precision.FLOAT64);
        Seq2SeqTransformer model = Seq2SeqTransformer.init(new Seq2SeqConfig(c, 9, 8, 8), 11);
        model.setLabelSmoothing(0.1);
        randomise(model.parameters().list());
        Seq2SeqBatch batch = Seq2SeqBatch.of(List.of(new int[] {4, 5, 6, 7}, new int[] {8, 4}),
                List.of(new int[] {5, 6, 4}, new int[] {7, 7, 6, 5}));
        model.parameters().zeroGrad();
        model.forwardLoss(batch);
        model.backward();
        List<GradientCheck.Result> results = new ArrayList<>();
        long seed = 100;
        for (Parameter p : model.parameters()) {
            results.add(GradientCheck.checkDirection(p.name(), p.value(), p.grad(), () -> model.forwardLoss(batch), seed++));
        }
        assertEquals(88, results.size(), "2 embeddings, 2 × 16 encoder and 2 × 26 decoder tensors, the output layer's 2");
        assertAll("whole 2-layer encoder-decoder", results);
    }
}
