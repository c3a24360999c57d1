package org.attentionlab.engine;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.SplittableRandom;

/**
 * The parameters of a BERT encoder, in the engine's convention: every projection multiplies
 * from the right, y = x·W + b, with W of shape (in, out) — the transpose of how PyTorch stores
 * {@code nn.Linear}. Shapes: V vocabulary, P positions, TT token types, H hidden, F intermediate.
 *
 * @param embeddings the three embedding tables and their layer norm
 * @param layers     one entry per encoder layer
 * @param pooler     the [CLS] pooler, or null when the checkpoint has none
 * @param mlm        the masked-LM head, or null when the checkpoint has none
 */
public record BertWeights(Embeddings embeddings, List<Layer> layers, Pooler pooler, MlmHead mlm) {

    public BertWeights {
        Objects.requireNonNull(embeddings, "embeddings");
        layers = List.copyOf(layers);
    }

    /**
     * @param word      (V, H)
     * @param position  (P, H)
     * @param tokenType (TT, H)
     * @param lnGamma   (H)
     * @param lnBeta    (H)
     */
    public record Embeddings(FloatTensor word, FloatTensor position, FloatTensor tokenType, FloatTensor lnGamma,
                             FloatTensor lnBeta) {
    }

    /**
     * One post-LN encoder layer: attention (W^Q, W^K, W^V (H, H), W^O (H, H)), its layer norm,
     * the feed-forward network (W₁ (H, F), W₂ (F, H)) and its layer norm; biases and γ/β are vectors.
     */
    public record Layer(FloatTensor wq, FloatTensor bq, FloatTensor wk, FloatTensor bk, FloatTensor wv, FloatTensor bv,
                        FloatTensor wo, FloatTensor bo, FloatTensor ln1Gamma, FloatTensor ln1Beta,
                        FloatTensor w1, FloatTensor b1, FloatTensor w2, FloatTensor b2,
                        FloatTensor ln2Gamma, FloatTensor ln2Beta) {
    }

    /** tanh(h_[CLS]·W + b): W (H, H), b (H). */
    public record Pooler(FloatTensor w, FloatTensor b) {
    }

    /**
     * The masked-LM head: t = LN(act(h·W + b)); logits = t·Eᵀ + bias.
     *
     * @param transformW (H, H)
     * @param transformB (H)
     * @param lnGamma    (H)
     * @param lnBeta     (H)
     * @param decoder    E, (V, H) — PyTorch's own layout, the same as the word embedding it is
     *                   usually tied to; null means "tied": use the word embedding
     * @param bias       (V)
     */
    public record MlmHead(FloatTensor transformW, FloatTensor transformB, FloatTensor lnGamma, FloatTensor lnBeta,
                          FloatTensor decoder, FloatTensor bias) {
    }

    /**
     * Random weights of the given shapes (normal, σ = 0.02 as BERT initialises; γ = 1, β and biases
     * 0), from one seeded stream; with a pooler, and a tied MLM head when asked.
     */
    public static BertWeights random(BertConfig c, long seed, boolean withMlm) {
        SplittableRandom r = new SplittableRandom(seed);
        int h = c.hiddenSize();
        int f = c.intermediateSize();
        Embeddings e = new Embeddings(normal(r, c.vocabSize(), h), normal(r, c.maxPositions(), h),
                normal(r, c.typeVocabSize(), h), ones(h), zeros(h));
        List<Layer> ls = new ArrayList<>();
        for (int i = 0; i < c.layers(); i++) {
            ls.add(new Layer(normal(r, h, h), zeros(h), normal(r, h, h), zeros(h), normal(r, h, h), zeros(h),
                    normal(r, h, h), zeros(h), ones(h), zeros(h), normal(r, h, f), zeros(f), normal(r, f, h), zeros(h),
                    ones(h), zeros(h)));
        }
        Pooler p = new Pooler(normal(r, h, h), zeros(h));
        MlmHead m = withMlm ? new MlmHead(normal(r, h, h), zeros(h), ones(h), zeros(h), null, zeros(c.vocabSize())) : null;
        return new BertWeights(e, ls, p, m);
    }

    private static FloatTensor normal(SplittableRandom r, int rows, int cols) {
        float[] d = new float[rows * cols];
        for (int i = 0; i < d.length; i += 2) {
            // Box–Muller, two values per draw
            double u1 = 1.0 - r.nextDouble();
            double u2 = r.nextDouble();
            double rad = 0.02 * Math.sqrt(-2 * Math.log(u1));
            d[i] = (float) (rad * Math.cos(2 * Math.PI * u2));
            if (i + 1 < d.length) {
                d[i + 1] = (float) (rad * Math.sin(2 * Math.PI * u2));
            }
        }
        return FloatTensor.wrap(d, rows, cols);
    }

    private static FloatTensor zeros(int n) {
        return FloatTensor.wrap(new float[n], n);
    }

    private static FloatTensor ones(int n) {
        float[] d = new float[n];
        java.util.Arrays.fill(d, 1f);
        return FloatTensor.wrap(d, n);
    }
}
