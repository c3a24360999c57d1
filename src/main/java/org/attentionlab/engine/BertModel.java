package org.attentionlab.engine;

import static org.nd4j.linalg.indexing.NDArrayIndex.all;
import static org.nd4j.linalg.indexing.NDArrayIndex.interval;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;

import org.attentionlab.engine.trace.BertOutput;
import org.attentionlab.engine.trace.EncoderLayerTrace;
import org.attentionlab.engine.trace.MaskPrediction;
import org.attentionlab.engine.trace.Matrix;
import org.attentionlab.engine.trace.TokenPrediction;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.ops.transforms.Transforms;

/**
 * BERT (Devlin et al. 2019): a stack of the paper's post-LN encoder layers (Vaswani et al. 2017,
 * section 3.1) over learned embeddings, with exactly Hugging Face {@code BertModel}'s semantics:
 * <pre>
 * h₀ = LayerNorm(E_word[input_ids] + E_pos[0..T−1] + E_type[token_type_ids])   (section 3.2 of BERT)
 * hᵢ = EncoderLayer_i(hᵢ₋₁, padding mask)                                      (i = 1..L)
 * pooler = tanh(h_L[CLS]·W_p + b_p)
 * MLM logits = LayerNorm(act(h_L·W_t + b_t))·E_decoderᵀ + b
 * </pre>
 * Padding keys ({@code attention_mask} 0) get exactly zero weight; Hugging Face adds the dtype's
 * most negative value instead, which gives the same weights to float precision. GELU is the exact
 * erf form for {@code hidden_act = gelu}; every layer norm uses the config's ε.
 *
 * <p>Shapes: T tokens, H hidden, V vocabulary, L layers. Inputs longer than
 * {@code max_position_embeddings} are cut to that length, and the output says so in its notice.
 * Results are immutable plain-array records; no ND4J array leaves this class.
 */
public final class BertModel {

    private final BertConfig config;
    private final Precision precision;
    private final INDArray wordEmbeddings;
    private final INDArray positionEmbeddings;
    private final INDArray tokenTypeEmbeddings;
    private final LayerNorm embeddingNorm;
    private final List<EncoderLayer> layers;
    private final Linear pooler;
    private final Linear mlmTransform;
    private final LayerNorm mlmNorm;
    private final INDArray mlmDecoder;
    private final INDArray mlmBias;

    private BertModel(BertConfig config, BertWeights w, Precision p) {
        this.config = config;
        this.precision = p;
        int v = config.vocabSize();
        int h = config.hiddenSize();
        int f = config.intermediateSize();
        List<String> bad = new ArrayList<>();
        var e = w.embeddings();
        expect(bad, e.word(), "embeddings.word", v, h);
        expect(bad, e.position(), "embeddings.position", config.maxPositions(), h);
        expect(bad, e.tokenType(), "embeddings.token_type", config.typeVocabSize(), h);
        expect(bad, e.lnGamma(), "embeddings.LayerNorm.gamma", h);
        expect(bad, e.lnBeta(), "embeddings.LayerNorm.beta", h);
        if (w.layers().size() != config.layers()) {
            bad.add(w.layers().size() + " layers given but num_hidden_layers is " + config.layers());
        }
        for (int i = 0; i < w.layers().size(); i++) {
            BertWeights.Layer l = w.layers().get(i);
            String n = "layer " + i + " ";
            expect(bad, l.wq(), n + "W^Q", h, h);
            expect(bad, l.bq(), n + "b^Q", h);
            expect(bad, l.wk(), n + "W^K", h, h);
            expect(bad, l.bk(), n + "b^K", h);
            expect(bad, l.wv(), n + "W^V", h, h);
            expect(bad, l.bv(), n + "b^V", h);
            expect(bad, l.wo(), n + "W^O", h, h);
            expect(bad, l.bo(), n + "b^O", h);
            expect(bad, l.ln1Gamma(), n + "LN₁ γ", h);
            expect(bad, l.ln1Beta(), n + "LN₁ β", h);
            expect(bad, l.w1(), n + "W₁", h, f);
            expect(bad, l.b1(), n + "b₁", f);
            expect(bad, l.w2(), n + "W₂", f, h);
            expect(bad, l.b2(), n + "b₂", h);
            expect(bad, l.ln2Gamma(), n + "LN₂ γ", h);
            expect(bad, l.ln2Beta(), n + "LN₂ β", h);
        }
        if (w.pooler() != null) {
            expect(bad, w.pooler().w(), "pooler W", h, h);
            expect(bad, w.pooler().b(), "pooler b", h);
        }
        if (w.mlm() != null) {
            var m = w.mlm();
            expect(bad, m.transformW(), "MLM transform W", h, h);
            expect(bad, m.transformB(), "MLM transform b", h);
            expect(bad, m.lnGamma(), "MLM LayerNorm γ", h);
            expect(bad, m.lnBeta(), "MLM LayerNorm β", h);
            if (m.decoder() != null) {
                expect(bad, m.decoder(), "MLM decoder", v, h);
            }
            expect(bad, m.bias(), "MLM bias", v);
        }
        if (!bad.isEmpty()) {
            throw new IllegalArgumentException("BERT weights do not fit the config: " + String.join("; ", bad));
        }
        double eps = config.layerNormEps();
        ModelConfig mc = config.modelConfig(p);
        this.wordEmbeddings = e.word().toNd4j(p);
        this.positionEmbeddings = e.position().toNd4j(p);
        this.tokenTypeEmbeddings = e.tokenType().toNd4j(p);
        this.embeddingNorm = new LayerNorm(e.lnGamma().toNd4j(p), e.lnBeta().toNd4j(p), eps);
        List<EncoderLayer> ls = new ArrayList<>();
        for (BertWeights.Layer l : w.layers()) {
            MultiHeadAttention mha = new MultiHeadAttention(mc, linear(l.wq(), l.bq(), "W^Q"), linear(l.wk(), l.bk(), "W^K"),
                    linear(l.wv(), l.bv(), "W^V"), linear(l.wo(), l.bo(), "W^O"));
            FeedForward ffn = new FeedForward(linear(l.w1(), l.b1(), "W₁"), linear(l.w2(), l.b2(), "W₂"), config.activation());
            ls.add(new EncoderLayer(mc, mha, new LayerNorm(l.ln1Gamma().toNd4j(p), l.ln1Beta().toNd4j(p), eps), ffn,
                    new LayerNorm(l.ln2Gamma().toNd4j(p), l.ln2Beta().toNd4j(p), eps)));
        }
        this.layers = List.copyOf(ls);
        this.pooler = w.pooler() == null ? null : linear(w.pooler().w(), w.pooler().b(), "pooler");
        if (w.mlm() == null) {
            this.mlmTransform = null;
            this.mlmNorm = null;
            this.mlmDecoder = null;
            this.mlmBias = null;
        } else {
            var m = w.mlm();
            this.mlmTransform = linear(m.transformW(), m.transformB(), "MLM transform");
            this.mlmNorm = new LayerNorm(m.lnGamma().toNd4j(p), m.lnBeta().toNd4j(p), eps);
            this.mlmDecoder = m.decoder() == null ? wordEmbeddings : m.decoder().toNd4j(p); // tied: share the array
            this.mlmBias = m.bias().toNd4j(p).reshape(1, v);
        }
    }

    /** A float32 model. */
    public static BertModel of(BertConfig config, BertWeights weights) {
        return of(config, weights, Precision.FLOAT32);
    }

    /**
     * @throws IllegalArgumentException listing every weight whose shape does not fit the config
     */
    public static BertModel of(BertConfig config, BertWeights weights, Precision precision) {
        Objects.requireNonNull(config, "config");
        Objects.requireNonNull(weights, "weights");
        Objects.requireNonNull(precision, "precision");
        return new BertModel(config, weights, precision);
    }

    public BertConfig config() {
        return config;
    }

    public Precision precision() {
        return precision;
    }

    public boolean hasPooler() {
        return pooler != null;
    }

    public boolean hasMlmHead() {
        return mlmTransform != null;
    }

    /**
     * The model's token, segment and position tables (BERT section 3.2), read one row at a time
     * as float64 copies: what the embedding view adds up for the current sentence. The tables
     * themselves stay inside the engine.
     */
    public EmbeddingTables embeddingTables() {
        return new EmbeddingTables() {
            @Override
            public int hiddenSize() {
                return config.hiddenSize();
            }

            @Override
            public int vocabSize() {
                return config.vocabSize();
            }

            @Override
            public int maxPositions() {
                return config.maxPositions();
            }

            @Override
            public int typeVocabSize() {
                return config.typeVocabSize();
            }

            @Override
            public double[] token(int id) {
                return row(wordEmbeddings, id, "token");
            }

            @Override
            public double[] segment(int type) {
                return row(tokenTypeEmbeddings, type, "segment");
            }

            @Override
            public double[] position(int position) {
                return row(positionEmbeddings, position, "position");
            }
        };
    }

    private static double[] row(INDArray table, int index, String name) {
        if (index < 0 || index >= table.rows()) {
            throw new IndexOutOfBoundsException("row " + index + " outside the " + name + " table (rows 0.."
                    + (table.rows() - 1) + ")");
        }
        return table.getRow(index).castTo(DataType.DOUBLE).toDoubleVector();
    }

    /** Every layer's attentions and hidden states, and the pooler output. */
    public BertOutput forward(BertInput input) {
        Objects.requireNonNull(input, "input");
        int originalLength = input.length();
        BertInput in = fit(input);
        int t = in.length();
        int h = config.hiddenSize();
        int heads = config.heads();
        // 1. embeddings -> (T, H)
        INDArray x = embed(in);
        List<Matrix> hidden = new ArrayList<>(config.layers() + 1);
        List<List<Matrix>> attentions = new ArrayList<>(config.layers());
        hidden.add(matrix(x));
        Mask mask = mask(in);
        // 2. the encoder stack, keeping every layer's attention weights and output
        INDArray state = x.reshape(1, t, h); // -> (1, T, H)
        for (EncoderLayer layer : layers) {
            List<double[]> weights = new ArrayList<>(heads);
            state = layer.forward(state, mask, weights);
            hidden.add(matrix(state.reshape(t, h)));
            List<Matrix> perHead = new ArrayList<>(heads);
            for (double[] w : weights) { // one (T, T) row-major array per head
                perHead.add(Matrix.adopt(t, t, w));
            }
            attentions.add(perHead);
        }
        // 3. pooler: tanh of a dense layer on the [CLS] (first) token
        double[] pooled = new double[0];
        if (pooler != null) {
            INDArray cls = state.reshape(t, h).get(interval(0, 1), all()); // -> (1, H)
            pooled = Tensors.toVector(Transforms.tanh(pooler.apply(cls), false));
        }
        String notice = originalLength > t
                ? "input has " + originalLength + " tokens; only the first " + t
                        + " were used (max_position_embeddings is " + config.maxPositions() + ")"
                : "";
        return new BertOutput(in.inputIds(), in.tokenTypeIds(), in.attentionMask(), attentions, hidden, pooled,
                originalLength, notice);
    }

    /**
     * Every stage of one encoder layer for {@code input} (after any truncation): its input
     * h_layer (T, H), each head's Q, K, V, scores, weights and output Z_i, the concatenation,
     * W^O and the rest of the layer (section 3.2.2 of Vaswani et al.; BERT's post-LN layer). The
     * layers below run without tracing. The weights equal {@link #forward}'s for that layer.
     *
     * @param layer from 0 to L − 1
     */
    public EncoderLayerTrace traceLayer(BertInput input, int layer) {
        Objects.requireNonNull(input, "input");
        if (layer < 0 || layer >= layers.size()) {
            throw new IllegalArgumentException("layer is " + layer + "; expected 0 to " + (layers.size() - 1)
                    + " (num_hidden_layers is " + layers.size() + ")");
        }
        BertInput in = fit(input);
        int t = in.length();
        int h = config.hiddenSize();
        Mask mask = mask(in);
        INDArray state = embed(in).reshape(1, t, h); // -> (1, T, H)
        for (int i = 0; i < layer; i++) {
            state = layers.get(i).forward(state, mask);
        }
        return layers.get(layer).trace(state.reshape(t, h), mask);
    }

    /**
     * The masked-LM head's logits at every position, (T, V), T after truncation.
     *
     * @throws IllegalStateException if the checkpoint has no MLM head
     */
    public double[][] mlmLogits(BertInput input) {
        return Tensors.toMatrix(logits(fit(input)));
    }

    /**
     * Fill-mask: at every position holding {@code maskTokenId}, the {@code k} most probable
     * tokens (softmax over the whole vocabulary), most probable first.
     */
    public List<MaskPrediction> fillMask(BertInput input, int maskTokenId, int k) {
        if (k <= 0) {
            throw new IllegalArgumentException("k is " + k + "; expected a positive number of predictions");
        }
        BertInput in = fit(input);
        int[] ids = in.inputIds();
        List<Integer> positions = new ArrayList<>();
        for (int i = 0; i < ids.length; i++) {
            if (ids[i] == maskTokenId) {
                positions.add(i);
            }
        }
        if (positions.isEmpty()) {
            return List.of();
        }
        double[][] logits = Tensors.toMatrix(logits(in));
        List<MaskPrediction> out = new ArrayList<>();
        for (int pos : positions) {
            out.add(new MaskPrediction(pos, top(logits[pos], k)));
        }
        return out;
    }

    /** The k largest of a row softmax, computed max-subtracted in float64. */
    static List<TokenPrediction> top(double[] logits, int k) {
        double max = Double.NEGATIVE_INFINITY;
        for (double z : logits) {
            max = Math.max(max, z);
        }
        double sum = 0;
        for (double z : logits) {
            sum += Math.exp(z - max);
        }
        Integer[] order = new Integer[logits.length];
        for (int i = 0; i < order.length; i++) {
            order[i] = i;
        }
        Arrays.sort(order, (a, b) -> a.equals(b) ? 0 : logits[b] != logits[a] ? Double.compare(logits[b], logits[a]) : a - b);
        List<TokenPrediction> out = new ArrayList<>(k);
        for (int i = 0; i < Math.min(k, order.length); i++) {
            int id = order[i];
            out.add(new TokenPrediction(id, Math.exp(logits[id] - max) / sum, logits[id]));
        }
        return out;
    }

    private INDArray logits(BertInput in) {
        if (!hasMlmHead()) {
            throw new IllegalStateException("this checkpoint has no masked-LM head (cls.predictions.*)");
        }
        int t = in.length();
        int h = config.hiddenSize();
        INDArray state = embed(in).reshape(1, t, h);
        Mask mask = mask(in);
        for (EncoderLayer layer : layers) {
            state = layer.forward(state, mask);
        }
        // t = LN(act(h·W_t + b_t)); logits = t·Eᵀ + b -> (T, V)
        INDArray transformed = mlmNorm.apply(FeedForward.activate(mlmTransform.apply(state.reshape(t, h)), config.activation()));
        INDArray logits = Nd4j.createUninitialized(mlmDecoder.dataType(), t, config.vocabSize());
        return Nd4j.gemm(transformed, mlmDecoder, logits, false, true, 1.0, 0.0).addiRowVector(mlmBias);
    }

    /** Checks ids against the config and cuts to max_position_embeddings. */
    private BertInput fit(BertInput input) {
        int[] ids = input.inputIds();
        int[] types = input.tokenTypeIds();
        for (int i = 0; i < ids.length; i++) {
            if (ids[i] < 0 || ids[i] >= config.vocabSize()) {
                throw new IllegalArgumentException("input_ids[" + i + "] is " + ids[i] + "; expected 0 to "
                        + (config.vocabSize() - 1) + " (vocab_size is " + config.vocabSize() + ")");
            }
            if (types[i] < 0 || types[i] >= config.typeVocabSize()) {
                throw new IllegalArgumentException("token_type_ids[" + i + "] is " + types[i] + "; expected 0 to "
                        + (config.typeVocabSize() - 1) + " (type_vocab_size is " + config.typeVocabSize() + ")");
            }
        }
        if (input.length() <= config.maxPositions()) {
            return input;
        }
        BertInput cut = input.truncate(config.maxPositions());
        if (Arrays.stream(cut.attentionMask()).noneMatch(m -> m == 1)) {
            throw new IllegalArgumentException("the first " + config.maxPositions()
                    + " positions (max_position_embeddings) are all padding; expected at least one real token");
        }
        return cut;
    }

    /** LayerNorm(word + position + token type) -> (T, H). */
    private INDArray embed(BertInput in) {
        int t = in.length();
        INDArray x = wordEmbeddings.getRows(in.inputIds()); // -> (T, H), a copy
        x.addi(positionEmbeddings.get(interval(0, t), all()));
        x.addi(tokenTypeEmbeddings.getRows(in.tokenTypeIds()));
        return embeddingNorm.apply(x);
    }

    private static Mask mask(BertInput in) {
        int[] m = in.attentionMask();
        return Arrays.stream(m).allMatch(v -> v == 1) ? Mask.none() : Mask.padding(new int[][] {m}, m.length);
    }

    private Linear linear(FloatTensor w, FloatTensor b, String name) {
        return new Linear(w.toNd4j(precision), b.toNd4j(precision), name);
    }

    private static Matrix matrix(INDArray a) {
        return Tensors.matrixOf(a); // float32 widens to float64 in the one copy
    }

    private static void expect(List<String> bad, FloatTensor t, String name, int... shape) {
        if (t == null) {
            bad.add(name + " is missing (expected " + Arrays.toString(shape) + ")");
        } else if (!t.hasShape(shape)) {
            bad.add(name + " is " + t.shapeString() + ", expected " + Arrays.toString(shape));
        }
    }
}
