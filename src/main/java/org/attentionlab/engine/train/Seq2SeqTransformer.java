package org.attentionlab.engine.train;

import static org.nd4j.linalg.indexing.NDArrayIndex.all;
import static org.nd4j.linalg.indexing.NDArrayIndex.interval;

import java.util.ArrayList;
import java.util.List;

import org.attentionlab.engine.AttentionWeights;
import org.attentionlab.engine.DecoderLayerWeights;
import org.attentionlab.engine.EncoderLayerWeights;
import org.attentionlab.engine.FeedForwardWeights;
import org.attentionlab.engine.Init;
import org.attentionlab.engine.LayerNormWeights;
import org.attentionlab.engine.Mask;
import org.attentionlab.engine.ModelConfig;
import org.attentionlab.engine.PositionalEncoding;
import org.attentionlab.engine.Tensors;
import org.attentionlab.engine.trace.Matrix;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * The whole encoder-decoder Transformer of Figure 1 (section 3), trainable: token embeddings
 * scaled by √d_model plus sinusoidal positional encodings (sections 3.4, 3.5), N encoder layers,
 * N decoder layers, the output projection to target-vocabulary logits, and the label-smoothed
 * cross-entropy (section 5.4), with the backward pass through all of it.
 *
 * <p>Token ids 0–3 are special in both vocabularies: {@link #PAD}, {@link #BOS}, {@link #EOS},
 * {@link #UNK}. Dimensions: B batch, S source length (with its end token), T target length
 * (with the start token), D = d_model, V target vocabulary.
 *
 * <p>Parameters are drawn from one seeded stream in a fixed order (source embedding, target
 * embedding, encoder layers, decoder layers, output projection), so a seed fixes the model.
 */
public final class Seq2SeqTransformer {

    public static final int PAD = 0;
    public static final int BOS = 1;
    public static final int EOS = 2;
    public static final int UNK = 3;
    /** The first id that is a word. */
    public static final int FIRST_WORD = 4;
    /** The special tokens' spellings in vocabulary files, in id order. */
    public static final List<String> SPECIAL_TOKENS = List.of("<pad>", "<bos>", "<eos>", "<unk>");

    private final Seq2SeqConfig config;
    private final Embedding sourceEmbedding;
    private final Embedding targetEmbedding;
    private final List<EncoderBlock> encoder;
    private final List<DecoderBlock> decoder;
    private final LinearLayer output;
    private final Parameters parameters;
    private final INDArray positional;
    private final double embeddingScale;
    private CrossEntropyLoss loss;
    private Seq2SeqBatch lastBatch;

    private Seq2SeqTransformer(Seq2SeqConfig config, Init init) {
        ModelConfig c = config.model();
        this.config = config;
        this.sourceEmbedding = Embedding.normal("source_embedding", config.sourceVocabulary(), c.dModel(), init);
        this.targetEmbedding = Embedding.normal("target_embedding", config.targetVocabulary(), c.dModel(), init);
        List<EncoderBlock> enc = new ArrayList<>();
        for (int i = 0; i < c.layers(); i++) {
            enc.add(EncoderBlock.init("encoder." + i, c, init));
        }
        List<DecoderBlock> dec = new ArrayList<>();
        for (int i = 0; i < c.layers(); i++) {
            dec.add(DecoderBlock.init("decoder." + i, c, init));
        }
        this.encoder = List.copyOf(enc);
        this.decoder = List.copyOf(dec);
        this.output = LinearLayer.glorot("output", c.dModel(), config.targetVocabulary(), init);
        List<Parameter> all = new ArrayList<>(sourceEmbedding.parameters());
        all.addAll(targetEmbedding.parameters());
        encoder.forEach(l -> all.addAll(l.parameters()));
        decoder.forEach(l -> all.addAll(l.parameters()));
        all.addAll(output.parameters());
        this.parameters = new Parameters(all);
        this.positional = Tensors.matrix(PositionalEncoding.sinusoidal(config.maxLength(), c.dModel()), c.precision(), "PE");
        this.embeddingScale = Math.sqrt(c.dModel());
        this.loss = new CrossEntropyLoss(0.0, PAD);
    }

    /** A freshly initialised model: Glorot-uniform projections, N(0, 1/D) embeddings, γ = 1, β = 0. */
    public static Seq2SeqTransformer init(Seq2SeqConfig config, long seed) {
        return new Seq2SeqTransformer(config, new Init(seed, config.model().precision()));
    }

    public Seq2SeqConfig config() {
        return config;
    }

    public Parameters parameters() {
        return parameters;
    }

    /** Label smoothing ε of the training loss (section 5.4); 0 by default. */
    public void setLabelSmoothing(double epsilon) {
        this.loss = new CrossEntropyLoss(epsilon, PAD);
    }

    // ------------------------------------------------------------------ training

    /** Teacher-forced forward pass and the cross-entropy over the non-padding target positions. */
    public double forwardLoss(Seq2SeqBatch batch) {
        INDArray logits = forward(batch.source(), batch.targetIn());
        this.lastBatch = batch;
        return loss.forward(logits, flatten(batch.targetOut()));
    }

    /** The backward pass of the last {@link #forwardLoss}: adds ∂L/∂θ into every parameter's gradient. */
    public void backward() {
        Shapes.requireForward(lastBatch, "seq2seq model");
        int b = lastBatch.size();
        int s = lastBatch.sourceLength();
        int t = lastBatch.targetLength();
        int d = config.model().dModel();
        // 5. back through the output projection
        INDArray dDecoder = output.backward(loss.backward()).reshape(b, t, d);
        // 4. back through the decoder stack; every layer adds its share of ∂L/∂memory
        INDArray dMemory = Nd4j.zeros(parameters.dataType(), b, s, d);
        for (int i = decoder.size() - 1; i >= 0; i--) {
            DecoderBlock.Gradients g = decoder.get(i).backward(dDecoder);
            dDecoder = g.dInput();
            dMemory.addi(g.dMemory());
        }
        // 3. back into the target embedding (the positional encoding is fixed)
        targetEmbedding.backward(dDecoder.reshape((long) b * t, d).muli(embeddingScale));
        // 2. back through the encoder stack, 1. into the source embedding
        INDArray dEncoder = dMemory;
        for (int i = encoder.size() - 1; i >= 0; i--) {
            dEncoder = encoder.get(i).backward(dEncoder);
        }
        sourceEmbedding.backward(dEncoder.reshape((long) b * s, d).muli(embeddingScale));
    }

    // ------------------------------------------------------------------ forward

    /** Logits (B·T, V) for padded sources (B, S) and decoder inputs (B, T). */
    INDArray forward(int[][] source, int[][] targetIn) {
        INDArray memory = encode(source);
        return decode(memory, source, targetIn);
    }

    /**
     * Steps 1–2: embed the sources and run the encoder stack.
     *
     * @param source (B, S) ids, padded with {@link #PAD}
     * @return the memory (B, S, D); engine-internal
     */
    INDArray encode(int[][] source) {
        int b = source.length;
        int s = requireRectangular(source, "source");
        AttentionMask mask = new AttentionMask(Mask.padding(keep(source), s), b, s, s);
        // 1. x = E_src[ids]·√D + PE
        INDArray h = embed(sourceEmbedding, source);
        // 2. the encoder layers
        for (EncoderBlock layer : encoder) {
            h = layer.forward(h, mask);
        }
        return h;
    }

    /**
     * Steps 3–5: embed the decoder inputs, run the decoder stack over the memory, project to logits.
     *
     * @param memory   (B, S, D) from {@link #encode}
     * @param source   (B, S) the same sources (their padding masks the memory)
     * @param targetIn (B, T) decoder inputs, starting with {@link #BOS}
     * @return logits (B·T, V)
     */
    INDArray decode(INDArray memory, int[][] source, int[][] targetIn) {
        int b = targetIn.length;
        int t = requireRectangular(targetIn, "decoder input");
        int s = source[0].length;
        if (source.length != b) {
            throw new IllegalArgumentException(b + " decoder inputs for " + source.length + " sources");
        }
        AttentionMask selfMask = new AttentionMask(Mask.causal(t).and(Mask.padding(keep(targetIn), t)), b, t, t);
        AttentionMask memoryMask = new AttentionMask(Mask.padding(keep(source), t), b, t, s);
        // 3. y = E_tgt[ids]·√D + PE
        INDArray h = embed(targetEmbedding, targetIn);
        // 4. the decoder layers, each attending to the same memory
        for (DecoderBlock layer : decoder) {
            h = layer.forward(h, memory, selfMask, memoryMask);
        }
        // 5. logits = h·W_out + b_out
        return output.forward(h.reshape((long) b * t, config.model().dModel()));
    }

    /** E[ids]·√D + PE[0..L) -> (B, L, D). */
    private INDArray embed(Embedding table, int[][] ids) {
        int b = ids.length;
        int len = ids[0].length;
        int d = config.model().dModel();
        if (len > config.maxLength()) {
            throw new IllegalArgumentException("a sequence of " + len + " tokens is longer than the model's maximum of "
                    + config.maxLength() + " (with its start or end token)");
        }
        INDArray pe = positional.get(interval(0, len), all()).dup('c').reshape(1, (long) len * d); // -> (1, L·D)
        return table.forward(flatten(ids)).muli(embeddingScale).reshape(b, (long) len * d).addiRowVector(pe).reshape(b, len, d);
    }

    // ------------------------------------------------------------------ attention for the views

    /**
     * The attention weights of sequence {@code n} of the last forward pass, per layer and head,
     * cut to the given numbers of query and key positions (the rest is padding).
     *
     * @return [layer][head] (queries, keys)
     */
    public List<List<Matrix>> encoderSelfAttention(int n, int length) {
        List<List<Matrix>> out = new ArrayList<>();
        for (EncoderBlock l : encoder) {
            out.add(heads(l.attention(), n, length, length));
        }
        return out;
    }

    /** Decoder masked self-attention of sequence n: [layer][head] (targetLength, targetLength). */
    public List<List<Matrix>> decoderSelfAttention(int n, int targetLength) {
        List<List<Matrix>> out = new ArrayList<>();
        for (DecoderBlock l : decoder) {
            out.add(heads(l.selfAttention(), n, targetLength, targetLength));
        }
        return out;
    }

    /** Cross-attention of sequence n: [layer][head] (targetLength, sourceLength). */
    public List<List<Matrix>> crossAttention(int n, int targetLength, int sourceLength) {
        List<List<Matrix>> out = new ArrayList<>();
        for (DecoderBlock l : decoder) {
            out.add(heads(l.crossAttention(), n, targetLength, sourceLength));
        }
        return out;
    }

    private static List<Matrix> heads(MultiHeadAttentionLayer layer, int n, int rows, int cols) {
        INDArray w = layer.weights();
        Shapes.requireForward(w, "attention");
        int h = layer.heads();
        List<Matrix> out = new ArrayList<>(h);
        for (int i = 0; i < h; i++) {
            INDArray m = w.slice((long) n * h + i); // -> (T, S)
            double[][] full = Tensors.toMatrix(m);
            double[][] cut = new double[rows][cols];
            for (int r = 0; r < rows; r++) {
                System.arraycopy(full[r], 0, cut[r], 0, cols);
            }
            out.add(Matrix.of(cut));
        }
        return out;
    }

    // ------------------------------------------------------------------ the inference engine's view of the same weights

    /** The encoder layers' weights as the inference engine ({@link org.attentionlab.engine.Encoder}) takes them. */
    public List<EncoderLayerWeights> encoderWeights() {
        List<EncoderLayerWeights> out = new ArrayList<>();
        for (EncoderBlock l : encoder) {
            out.add(new EncoderLayerWeights(attentionWeights(l.attention()), norm(l.norm1()), ffn(l.ffn()), norm(l.norm2())));
        }
        return out;
    }

    /** The decoder layers' weights as the inference engine ({@link org.attentionlab.engine.Decoder}) takes them. */
    public List<DecoderLayerWeights> decoderWeights() {
        List<DecoderLayerWeights> out = new ArrayList<>();
        for (DecoderBlock l : decoder) {
            out.add(new DecoderLayerWeights(attentionWeights(l.selfAttention()), attentionWeights(l.crossAttention()),
                    norm(l.norm1()), norm(l.norm2()), norm(l.norm3()), ffn(l.ffn())));
        }
        return out;
    }

    private static AttentionWeights attentionWeights(MultiHeadAttentionLayer a) {
        List<LinearLayer> p = a.projections();
        return new AttentionWeights(w(p.get(0)), v(p.get(0)), w(p.get(1)), v(p.get(1)), w(p.get(2)), v(p.get(2)),
                w(p.get(3)), v(p.get(3)));
    }

    private static LayerNormWeights norm(LayerNormLayer l) {
        return new LayerNormWeights(l.gamma().values(), l.beta().values());
    }

    private static FeedForwardWeights ffn(FeedForwardLayer f) {
        return new FeedForwardWeights(w(f.first()), v(f.first()), w(f.second()), v(f.second()));
    }

    private static double[][] w(LinearLayer l) {
        return l.weight().valueMatrix().toArray();
    }

    private static double[] v(LinearLayer l) {
        return l.bias().values();
    }

    /** The scaled embedding plus positional encoding of ids, as plain numbers (the inference engine's input). */
    public double[][] embedTarget(int[] ids) {
        return Tensors.toMatrix(embed(targetEmbedding, new int[][] {ids}).reshape(ids.length, config.model().dModel()));
    }

    /** The same for a source sequence. */
    public double[][] embedSource(int[] ids) {
        return Tensors.toMatrix(embed(sourceEmbedding, new int[][] {ids}).reshape(ids.length, config.model().dModel()));
    }

    /** The output projection's weight (D, V) and bias (V) as plain numbers. */
    public Matrix outputWeight() {
        return output.weight().valueMatrix();
    }

    public double[] outputBias() {
        return output.bias().values();
    }

    // ------------------------------------------------------------------ helpers

    /** 1 for a real token, 0 for padding: the attention_mask rows of the padding masks. */
    private static int[][] keep(int[][] ids) {
        int[][] m = new int[ids.length][];
        for (int i = 0; i < ids.length; i++) {
            m[i] = new int[ids[i].length];
            for (int j = 0; j < ids[i].length; j++) {
                m[i][j] = ids[i][j] == PAD ? 0 : 1;
            }
        }
        return m;
    }

    static int[] flatten(int[][] ids) {
        int w = ids[0].length;
        int[] out = new int[ids.length * w];
        for (int i = 0; i < ids.length; i++) {
            System.arraycopy(ids[i], 0, out, i * w, w);
        }
        return out;
    }

    private static int requireRectangular(int[][] ids, String what) {
        if (ids.length == 0 || ids[0].length == 0) {
            throw new IllegalArgumentException("the " + what + " is empty");
        }
        for (int[] row : ids) {
            if (row.length != ids[0].length) {
                throw new IllegalArgumentException("the " + what + " rows have different lengths; pad them");
            }
        }
        return ids[0].length;
    }
}
