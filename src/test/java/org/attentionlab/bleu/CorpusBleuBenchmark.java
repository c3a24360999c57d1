package org.attentionlab.bleu;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;

/**
 * A benchmark, not a test: corpus BLEU (13a, exp) over 100 000 segment pairs of about 30 tokens.
 * Run it by hand: {@code java -cp target/classes:target/test-classes org.attentionlab.bleu.CorpusBleuBenchmark}.
 * It prints the time of each of five runs (the first includes JIT warm-up).
 */
public final class CorpusBleuBenchmark {

    private CorpusBleuBenchmark() {
    }

    public static void main(String[] args) {
        int segments = args.length > 0 ? Integer.parseInt(args[0]) : 100_000;
        Random rng = new Random(42);
        String[] vocab = new String[5000];
        for (int i = 0; i < vocab.length; i++) {
            vocab[i] = "w" + Integer.toString(i, 36);
        }
        List<String> hyps = new ArrayList<>(segments);
        List<String> refs = new ArrayList<>(segments);
        for (int s = 0; s < segments; s++) {
            StringBuilder h = new StringBuilder();
            StringBuilder r = new StringBuilder();
            int len = 25 + rng.nextInt(11);
            for (int i = 0; i < len; i++) {
                // Zipf-ish words so that n-grams actually repeat and match.
                String w = vocab[(int) Math.floor(Math.pow(rng.nextDouble(), 3) * vocab.length)];
                r.append(w).append(i % 9 == 8 ? ", " : " ");
                h.append(rng.nextInt(4) == 0 ? vocab[rng.nextInt(vocab.length)] : w).append(' ');
            }
            hyps.add(h.append('.').toString());
            refs.add(r.append('.').toString());
        }
        SacreBleu bleu = new SacreBleu(BleuConfig.corpusDefaults());
        for (int run = 1; run <= 5; run++) {
            long t0 = System.nanoTime();
            BleuScore score = bleu.corpusScore(hyps, List.of(refs));
            long ms = (System.nanoTime() - t0) / 1_000_000;
            System.out.println("run " + run + ": " + ms + " ms  " + score.formatted());
        }
    }
}
