package org.attentionlab.bench;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;

import org.attentionlab.bleu.BleuConfig;
import org.attentionlab.bleu.SacreBleu;
import org.attentionlab.text.BertTokenizer;
import org.attentionlab.text.Vocabulary;

/**
 * The tokenizer (lines per second) and corpus BLEU (segments per second) on a fixed, generated
 * corpus of mixed Chinese and English lines, the kind the lessons use.
 */
public final class TextBenchmarks {

    /** Lines of the tokenizer corpus and segments of the BLEU corpus. */
    public static final int LINES = 2_000;

    private static final String[] SENTENCES = {
        "The animal didn't cross the street because it was too tired.",
        "Transformer 是一种基于自注意力机制的模型架构，广泛应用于自然语言处理任务。",
        "Attention weights say how much each query looks at each key; every row sums to one.",
        "与传统的循环神经网络不同，它能够并行处理整个序列，并捕捉长距离依赖。",
        "Multi-head attention runs h heads in parallel and concatenates their outputs (section 3.2.2).",
        "今天天气很好，我们去公园散步吧。",
        "BERT's WordPiece splits unaffordable into un ##af ##ford ##able, and 北京 into 北 京.",
        "位置编码用正弦和余弦函数，让模型知道每个词的位置。",
        "Scaled dot-product attention divides by √d_k so the softmax does not saturate.",
        "The cat sat on the mat, and the dog — tired, hungry — slept by the door!",
    };

    private final boolean quick;
    private final boolean smoke;

    public TextBenchmarks(boolean quick) {
        this(quick, false);
    }

    /** @param smoke one pass each, no warm-up: checks that the cases run (tests) */
    public TextBenchmarks(boolean quick, boolean smoke) {
        this.quick = quick;
        this.smoke = smoke;
    }

    private double time(Runnable body) {
        return smoke ? Timer.medianMs(body, 0, 1, 0, 1) : Timer.medianMs(body, quick ? 300 : 1_000, quick ? 7 : 15, quick ? 3_000 : 10_000);
    }

    /** The generated corpus: sentences cut and joined differently on every line. */
    public static List<String> corpus() {
        SplittableRandom r = new SplittableRandom(9);
        List<String> lines = new ArrayList<>(LINES);
        for (int i = 0; i < LINES; i++) {
            String a = SENTENCES[r.nextInt(SENTENCES.length)];
            String b = SENTENCES[r.nextInt(SENTENCES.length)];
            int from = r.nextInt(a.length() / 2);
            int to = b.length() / 2 + r.nextInt(b.length() - b.length() / 2 + 1);
            lines.add(a.substring(from) + " " + b.substring(0, to));
        }
        return lines;
    }

    /** WordPiece encoding (with [CLS]/[SEP]) of every line, warm. */
    public BenchResult tokenizer(Vocabulary vocabulary) {
        BertTokenizer tok = new BertTokenizer(vocabulary, true);
        List<String> lines = corpus();
        long[] tokens = {0};
        Runnable pass = () -> {
            long n = 0;
            for (String line : lines) {
                n += tok.encode(line).inputIds().size();
            }
            tokens[0] = n;
        };
        double ms = time(pass);
        return new BenchResult("tokenizer", 0, "attention-lab", ms, 0, Map.of("lines", lines.size(), "wordpieces", tokens[0],
                "lines_per_s", Math.round(lines.size() / (ms / 1e3))));
    }

    /** sacreBLEU's corpus score (13a tokenizer, exp smoothing) of damaged lines against the originals. */
    public BenchResult bleuCorpus() {
        List<String> refs = corpus();
        List<String> hyps = new ArrayList<>(refs.size());
        SplittableRandom r = new SplittableRandom(10);
        for (String ref : refs) {
            String[] words = ref.split(" ");
            StringBuilder b = new StringBuilder();
            for (String w : words) {
                if (r.nextInt(6) != 0) { // drop about one word in six, swap in a wrong one sometimes
                    b.append(r.nextInt(10) == 0 ? "something" : w).append(' ');
                }
            }
            hyps.add(b.toString().trim());
        }
        SacreBleu bleu = new SacreBleu(BleuConfig.corpusDefaults());
        List<List<String>> streams = List.of(refs);
        double[] score = {0};
        double ms = time(() -> score[0] = bleu.corpusScore(hyps, streams).score());
        return new BenchResult("bleu-corpus", 0, "attention-lab", ms, 0, Map.of("segments", hyps.size(),
                "segments_per_s", Math.round(hyps.size() / (ms / 1e3)), "bleu", Math.round(score[0] * 100) / 100.0));
    }
}
