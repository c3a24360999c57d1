package org.attentionlab.engine.train;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.SplittableRandom;
import java.util.stream.IntStream;

import org.attentionlab.engine.Tensors;
import org.attentionlab.engine.trace.Matrix;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * Autoregressive decoding with a {@link Seq2SeqTransformer}: encode the source once, then feed
 * the decoder {@code <bos>} and every token chosen so far, take the last position's logits, pick
 * the next token, until {@code <eos>} or the length limit. The whole prefix is re-run at each
 * step (no key/value cache): the sentences are short, and it keeps one code path for training
 * and decoding.
 */
public final class Seq2SeqDecoder {

    /** How many candidates a greedy step lists. */
    public static final int DEFAULT_TOP = 10;

    private Seq2SeqDecoder() {
    }

    /**
     * Greedy decoding of a batch, every sentence at once.
     *
     * @param sources word ids without special tokens (the end token is added)
     * @param maxTokens at most this many generated tokens per sentence (the end token included)
     * @return the generated word ids of each sentence, without special tokens
     */
    public static List<int[]> greedy(Seq2SeqTransformer model, List<int[]> sources, int maxTokens) {
        if (sources.isEmpty()) {
            return List.of();
        }
        int limit = Math.min(maxTokens, model.config().maxLength() - 1);
        int[][] src = Seq2SeqBatch.of(sources, sources).source();
        requireFits(model, src[0].length);
        int b = src.length;
        int v = model.config().targetVocabulary();
        List<List<Integer>> out = new ArrayList<>();
        for (int i = 0; i < b; i++) {
            out.add(new ArrayList<>());
        }
        boolean[] done = new boolean[b];
        return TrainingWorkspace.run("attention-lab.decode", () -> {
            INDArray memory = model.encode(src);
            for (int t = 0; t < limit; t++) {
                int[][] prefix = new int[b][t + 1];
                for (int i = 0; i < b; i++) {
                    prefix[i][0] = Seq2SeqTransformer.BOS;
                    for (int j = 0; j < t; j++) {
                        prefix[i][j + 1] = done[i] && j >= out.get(i).size() ? Seq2SeqTransformer.PAD : out.get(i).get(j);
                    }
                }
                double[] logits = Tensors.toVector(model.decode(memory, src, prefix)); // (B·(t+1), V) row-major
                boolean all = true;
                for (int i = 0; i < b; i++) {
                    if (done[i]) {
                        continue;
                    }
                    int row = (i * (t + 1) + t) * v;
                    int best = argmax(logits, row, v);
                    if (best == Seq2SeqTransformer.EOS) {
                        done[i] = true;
                    } else {
                        out.get(i).add(best);
                        all = false;
                    }
                }
                if (all) {
                    break;
                }
            }
            List<int[]> result = new ArrayList<>(b);
            for (List<Integer> o : out) {
                result.add(o.stream().mapToInt(Integer::intValue).toArray());
            }
            return result;
        });
    }

    /**
     * Decodes one sentence and records every step: the decoder's masked self-attention, its
     * cross-attention, the logits and the distribution, the candidates and the choice.
     *
     * @param source     word ids without special tokens
     * @param targetWords spells target ids (for the candidates' {@code token})
     */
    public static Decoding decode(Seq2SeqTransformer model, int[] source, List<String> sourceTokens,
                                  TokenVocabulary targetWords, Sampling sampling, int maxTokens) {
        int limit = Math.min(maxTokens, model.config().maxLength() - 1);
        int[][] src = Seq2SeqBatch.of(List.of(source), List.of(source)).source();
        requireFits(model, src[0].length);
        int s = src[0].length;
        SplittableRandom random = new SplittableRandom(sampling.seed());
        List<Integer> chosenIds = new ArrayList<>();
        List<DecodingStep> steps = new ArrayList<>();
        boolean finished = false;
        for (int t = 0; t < limit && !finished; t++) {
            // 1. the decoder's inputs: <bos> and every token chosen so far
            int[] prefix = new int[t + 1];
            prefix[0] = Seq2SeqTransformer.BOS;
            for (int j = 0; j < t; j++) {
                prefix[j + 1] = chosenIds.get(j);
            }
            // 2. run encoder and decoder; keep the last position's logits and every attention map
            final int len = t + 1;
            StepOutput o = TrainingWorkspace.run("attention-lab.decode", () -> {
                INDArray memory = model.encode(src);
                double[] all = Tensors.toVector(model.decode(memory, src, new int[][] {prefix})); // (t + 1)·V
                int v = model.config().targetVocabulary();
                return new StepOutput(Arrays.copyOfRange(all, (len - 1) * v, len * v), model.decoderSelfAttention(0, len),
                        model.crossAttention(0, len, s));
            });
            double[] logits = o.logits();
            // 3. the distribution softmax(logits / T), candidates best first
            double[] probs = softmax(logits, sampling.greedy() ? 1.0 : sampling.temperature());
            // <pad> and <bos> are never written (a draw at a high temperature could pick them): they keep
            // their share of the distribution shown, but are no candidates
            Integer[] order = IntStream.range(0, probs.length)
                    .filter(i -> i != Seq2SeqTransformer.PAD && i != Seq2SeqTransformer.BOS).boxed().toArray(Integer[]::new);
            Arrays.sort(order, Comparator.comparingDouble((Integer i) -> -probs[i]).thenComparingInt(i -> i));
            int k = sampling.greedy() ? 1 : (sampling.topK() == 0 ? order.length : Math.min(sampling.topK(), order.length));
            double mass = 0;
            for (int i = 0; i < k; i++) {
                mass += probs[order[i]];
            }
            // 4. choose: the most probable, or a draw among the k most probable renormalised
            int choice = order[0];
            if (!sampling.greedy()) {
                double u = random.nextDouble() * mass;
                for (int i = 0; i < k; i++) {
                    choice = order[i];
                    u -= probs[order[i]];
                    if (u < 0) {
                        break;
                    }
                }
            }
            int shown = sampling.greedy() || sampling.topK() == 0 ? Math.min(DEFAULT_TOP, order.length) : k;
            List<TokenChoice> top = new ArrayList<>(shown);
            for (int i = 0; i < shown; i++) {
                int id = order[i];
                top.add(new TokenChoice(id, targetWords.token(id), logits[id], probs[id], i < k ? probs[id] / mass : 0.0));
            }
            int c = choice;
            TokenChoice chosen = new TokenChoice(c, targetWords.token(c), logits[c], probs[c], probs[c] / mass);
            // 5. record the step and append the choice; <eos> ends the sentence
            steps.add(new DecodingStep(t, targetWords.decode(prefix), o.self(), o.cross(), logits, probs, top, chosen));
            if (c == Seq2SeqTransformer.EOS) {
                finished = true;
            } else {
                chosenIds.add(c);
            }
        }
        int[] ids = chosenIds.stream().mapToInt(Integer::intValue).toArray();
        List<String> words = targetWords.decode(ids);
        List<String> src2 = new ArrayList<>(sourceTokens);
        src2.add(Seq2SeqTransformer.SPECIAL_TOKENS.get(Seq2SeqTransformer.EOS));
        return new Decoding(src2, steps, words, String.join(" ", words), finished);
    }

    /** What one decoder pass gives a step: the last position's logits and every attention map. */
    private record StepOutput(double[] logits, List<List<Matrix>> self, List<List<Matrix>> cross) {
    }

    /** softmax(z / T), max-subtracted. */
    static double[] softmax(double[] logits, double temperature) {
        double max = Double.NEGATIVE_INFINITY;
        for (double z : logits) {
            max = Math.max(max, z);
        }
        double[] p = new double[logits.length];
        double sum = 0;
        for (int i = 0; i < p.length; i++) {
            p[i] = Math.exp((logits[i] - max) / temperature);
            sum += p[i];
        }
        for (int i = 0; i < p.length; i++) {
            p[i] /= sum;
        }
        return p;
    }

    private static int argmax(double[] a, int from, int n) {
        int best = 0;
        for (int j = 1; j < n; j++) {
            if (a[from + j] > a[from + best]) {
                best = j;
            }
        }
        return best;
    }

    private static void requireFits(Seq2SeqTransformer model, int sourceLength) {
        if (sourceLength > model.config().maxLength()) {
            throw new IllegalArgumentException("the sentence has " + (sourceLength - 1) + " words but the model reads at most "
                    + (model.config().maxLength() - 1));
        }
    }
}
