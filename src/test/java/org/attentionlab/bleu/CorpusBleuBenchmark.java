package org.attentionlab.bleu;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;

import org.attentionlab.io.SegmentFile;

/**
 * A benchmark, not a test: corpus BLEU over 100 000 segment pairs of about 30 tokens, by
 * sacreBLEU's rules (13a, exp; tokenizing included) and by NLTK's {@code corpus_bleu} rules on
 * whitespace tokens. It writes the data once to {@code DIR/hyp.txt} and {@code DIR/ref.txt}
 * (seeded, the same bytes every time) so that {@code src/test/python/nltk_corpus_bleu_bench.py DIR}
 * can time NLTK itself on exactly the same segments; both print the NLTK-rule score, which must agree.
 *
 * <pre>
 *   mvn -q test-compile
 *   java -cp target/classes:target/test-classes:$(cat cp.txt) org.attentionlab.bleu.CorpusBleuBenchmark [SEGMENTS] [DIR]
 *   /usr/bin/python3 src/test/python/nltk_corpus_bleu_bench.py DIR
 * </pre>
 *
 * Prints the wall time of each of six runs (the first includes JIT warm-up), the median of the
 * rest, and the median CPU time of the JVM process, garbage collection included (steadier than
 * wall time on a shared machine).
 */
public final class CorpusBleuBenchmark {

    private CorpusBleuBenchmark() {
    }

    public static void main(String[] args) throws IOException {
        int segments = args.length > 0 ? Integer.parseInt(args[0]) : 100_000;
        Path dir = Path.of(args.length > 1 ? args[1] : "target/bleu-bench");
        Path hypFile = dir.resolve("hyp.txt");
        Path refFile = dir.resolve("ref.txt");
        write(segments, hypFile, refFile);
        List<String> hyps = SegmentFile.read(hypFile);
        List<String> refs = SegmentFile.read(refFile);
        long tokens = hyps.stream().mapToLong(h -> h.split(" ").length).sum() + refs.stream().mapToLong(r -> r.split(" ").length).sum();
        System.out.printf("%d segment pairs, %.1f tokens per segment on average, %s%n", hyps.size(),
                tokens / (2.0 * hyps.size()), dir);

        SacreBleu bleu = new SacreBleu(BleuConfig.corpusDefaults());
        long[] sacre = new long[6];
        long[] sacreCpu = new long[6];
        BleuScore score = null;
        for (int run = 0; run < sacre.length; run++) {
            long c0 = processCpu();
            long t0 = System.nanoTime();
            score = bleu.corpusScore(hyps, List.of(refs));
            sacre[run] = System.nanoTime() - t0;
            sacreCpu[run] = processCpu() - c0;
        }
        report("sacreBLEU rules, 13a tokenizing included", sacre, sacreCpu, score.formatted());

        List<List<String>> hypTokens = new ArrayList<>();
        List<List<List<String>>> refTokens = new ArrayList<>();
        for (int i = 0; i < hyps.size(); i++) {
            hypTokens.add(Arrays.asList(hyps.get(i).split(" ")));
            refTokens.add(List.of(Arrays.asList(refs.get(i).split(" "))));
        }
        long[] nltk = new long[6];
        long[] nltkCpu = new long[6];
        NltkResult r = null;
        for (int run = 0; run < nltk.length; run++) {
            long c0 = processCpu();
            long t0 = System.nanoTime();
            r = NltkBleu.corpusBleu(refTokens, hypTokens, List.of(NltkBleu.defaultWeights()), NltkSmoothing.none(), false);
            nltk[run] = System.nanoTime() - t0;
            nltkCpu[run] = processCpu() - c0;
        }
        report("NLTK rules (corpus_bleu), whitespace tokens", nltk, nltkCpu, "score " + r.score());
    }

    /** CPU time of the whole JVM (garbage collector and JIT included), as Python's process_time counts its process. */
    private static long processCpu() {
        return ((com.sun.management.OperatingSystemMXBean) java.lang.management.ManagementFactory.getOperatingSystemMXBean())
                .getProcessCpuTime();
    }

    private static void report(String what, long[] nanos, long[] cpuNanos, String result) {
        StringBuilder runs = new StringBuilder();
        for (long n : nanos) {
            runs.append(String.format(" %d", n / 1_000_000));
        }
        System.out.printf("%-46s wall runs (ms):%s  warm median %d ms, CPU %d ms  %s%n", what, runs, warmMedian(nanos) / 1_000_000,
                warmMedian(cpuNanos) / 1_000_000, result);
    }

    private static long warmMedian(long[] nanos) {
        long[] warm = Arrays.copyOfRange(nanos, 1, nanos.length);
        Arrays.sort(warm);
        return warm[warm.length / 2];
    }

    /** Seeded segment pairs: Zipf-ish words so that n-grams repeat and match; a quarter of the hypothesis words replaced. */
    private static void write(int segments, Path hypFile, Path refFile) throws IOException {
        Random rng = new Random(42);
        String[] vocab = new String[5000];
        for (int i = 0; i < vocab.length; i++) {
            vocab[i] = "w" + Integer.toString(i, 36);
        }
        StringBuilder hyps = new StringBuilder();
        StringBuilder refs = new StringBuilder();
        for (int s = 0; s < segments; s++) {
            int len = 25 + rng.nextInt(11);
            for (int i = 0; i < len; i++) {
                String w = vocab[(int) Math.floor(Math.pow(rng.nextDouble(), 3) * vocab.length)];
                refs.append(w).append(i % 9 == 8 ? " , " : " ");
                hyps.append(rng.nextInt(4) == 0 ? vocab[rng.nextInt(vocab.length)] : w).append(' ');
            }
            hyps.append(".\n");
            refs.append(".\n");
        }
        Files.createDirectories(hypFile.getParent());
        Files.writeString(hypFile, hyps, StandardCharsets.UTF_8);
        Files.writeString(refFile, refs, StandardCharsets.UTF_8);
    }
}
