package org.attentionlab.engine.train;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import org.attentionlab.engine.Precision;

/**
 * A trained encoder-decoder with its two vocabularies: what the translate and evaluate commands
 * and the decoding view use. Sentences are tokenized by {@link ParallelCorpus#words}; a word the
 * source vocabulary lacks becomes {@code <unk>}.
 *
 * <p>Not thread-safe (the model keeps the activations of its last pass): give each thread its
 * own, or call from one background thread.
 */
public final class Translator {

    /** The shipped model folder, relative to the application's root. */
    public static final String SHIPPED_PATH = "assets/models/tiny-translator";

    private final Seq2SeqTransformer model;
    private final TokenVocabulary source;
    private final TokenVocabulary target;

    public Translator(Seq2SeqTransformer model, TokenVocabulary source, TokenVocabulary target) {
        if (model.config().sourceVocabulary() != source.size() || model.config().targetVocabulary() != target.size()) {
            throw new IllegalArgumentException("the model's vocabularies (" + model.config().sourceVocabulary() + ", "
                    + model.config().targetVocabulary() + " tokens) do not match the given ones (" + source.size() + ", "
                    + target.size() + ")");
        }
        this.model = model;
        this.source = source;
        this.target = target;
    }

    /** Loads a model folder ({@link Seq2SeqCheckpoint}) in float32. */
    public static Translator load(Path dir) throws IOException {
        return load(dir, Precision.FLOAT32);
    }

    public static Translator load(Path dir, Precision precision) throws IOException {
        Seq2SeqCheckpoint.Loaded l = Seq2SeqCheckpoint.load(dir, precision);
        return new Translator(l.model(), l.source(), l.target());
    }

    public Seq2SeqTransformer model() {
        return model;
    }

    public TokenVocabulary sourceVocabulary() {
        return source;
    }

    public TokenVocabulary targetVocabulary() {
        return target;
    }

    /** The longest sentence the model reads, in words. */
    public int maxWords() {
        return model.config().maxLength() - 1;
    }

    /** The source tokens the encoder will see (unknown words as {@code <unk>}), without the end token. */
    public List<String> sourceTokens(String sentence) {
        return source.decode(source.encode(sentence));
    }

    /** The words of {@code sentence} the source vocabulary lacks, in order. */
    public List<String> unknownWords(String sentence) {
        List<String> out = new ArrayList<>();
        for (String w : ParallelCorpus.words(sentence)) {
            if (!source.contains(w)) {
                out.add(w);
            }
        }
        return out;
    }

    /** Greedy translation of one sentence. */
    public String translate(String sentence) {
        return translateAll(List.of(sentence)).get(0);
    }

    /** Greedy translations, decoded in batches of 64 sentences at once; an empty sentence translates to "". */
    public List<String> translateAll(List<String> sentences) {
        List<int[]> ids = new ArrayList<>();
        List<Integer> where = new ArrayList<>();
        for (int i = 0; i < sentences.size(); i++) {
            int[] e = source.encode(sentences.get(i));
            requireLength(e.length);
            if (e.length > 0) {
                ids.add(e);
                where.add(i);
            }
        }
        String[] out = new String[sentences.size()];
        java.util.Arrays.fill(out, "");
        for (int from = 0; from < ids.size(); from += 64) {
            List<int[]> batch = ids.subList(from, Math.min(ids.size(), from + 64));
            List<int[]> ys = Seq2SeqDecoder.greedy(model, batch, maxWords());
            for (int k = 0; k < ys.size(); k++) {
                out[where.get(from + k)] = String.join(" ", target.decode(ys.get(k)));
            }
        }
        return List.of(out);
    }

    /**
     * The attention of the model reading {@code sentence} and writing {@code translation}
     * (teacher forcing: the decoder is given the translation, whether or not it would have
     * produced it), per layer and head: encoder self-attention, decoder masked self-attention and
     * cross-attention, labelled as {@link Seq2SeqTraining#probeAttention()} labels them. For the
     * cross-attention view: source tokens × target tokens for any pair, such as a reference.
     */
    public List<AttentionMap> attention(String sentence, String translation) {
        List<String> src = ParallelCorpus.words(sentence);
        List<String> tgt = ParallelCorpus.words(translation);
        requireLength(src.size());
        requireLength(tgt.size());
        Seq2SeqTraining.Probe pair = new Seq2SeqTraining.Probe(source.encode(src), target.encode(tgt),
                source.decode(source.encode(src)), target.decode(target.encode(tgt)));
        return TrainingWorkspace.run("attention-lab.decode", () -> Seq2SeqTraining.attentionOf(model, pair, false));
    }

    /** One sentence decoded step by step, with every step's attention and distribution. */
    public Decoding decode(String sentence, Sampling sampling) {
        int[] ids = source.encode(sentence);
        requireLength(ids.length);
        return Seq2SeqDecoder.decode(model, ids, source.decode(ids), target, sampling, maxWords());
    }

    private void requireLength(int words) {
        if (words > maxWords()) {
            throw new IllegalArgumentException("the sentence has " + words + " words but the model reads at most " + maxWords());
        }
    }
}
