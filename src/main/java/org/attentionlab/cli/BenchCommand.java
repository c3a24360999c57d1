package org.attentionlab.cli;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.function.Consumer;

import org.attentionlab.bench.BenchResult;
import org.attentionlab.bench.EngineBenchmarks;
import org.attentionlab.bench.Peers;
import org.attentionlab.bench.Targets;
import org.attentionlab.bench.TextBenchmarks;
import org.attentionlab.bench.ChildBenchmarks;
import org.attentionlab.engine.Backend;
import org.attentionlab.engine.BackendInfo;
import org.attentionlab.engine.NativeEnvironment;

import com.fasterxml.jackson.databind.ObjectMapper;

import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/** Measures the engine, warm, against the machine's own sgemm rate and against peers, in one run. */
@Command(name = "bench", mixinStandardHelpOptions = true,
        description = {"Times, in one run (warm medians of many repetitions, d_model 768, 12 heads, float32):",
            "multi-head self-attention (plain and causal) at 16, 128 and 512 tokens against ONNX Runtime, ND4J's",
            "built-in op and plain Java loops on the same weights; a BERT-base encoder layer and the 12-layer forward",
            "at 128 tokens; the 512×512 heatmap redraw; the tokenizer; corpus BLEU; the app's cold start and RSS;",
            "the engine's memory over 1000 recomputations. Reports ms, GFLOP/s, the fraction of the sgemm 2048³ rate",
            "measured in the same run, ratios, and each performance target met or missed.",
            "ONNX Runtime is only in builds made with: mvn -Pbench -DskipTests package"})
public final class BenchCommand implements Callable<Integer> {

    /** Every case, in the order they run. */
    static final List<String> CASES = List.of("mha", "mha-causal", "encoder-layer", "bert-base", "heatmap-512",
            "fx-pulse-gap", "tokenizer", "bleu-corpus", "cold-start", "engine-memory");

    @Spec
    CommandSpec spec;

    @Option(names = "--quick", description = "fewer repetitions (within two minutes)")
    boolean quick;

    @Option(names = "--format", defaultValue = "text", paramLabel = "text|json", description = "output format (default: ${DEFAULT-VALUE})")
    String format;

    @Option(names = "--cases", split = ",", paramLabel = "CASE",
            description = "only these cases (comma-separated): mha, mha-causal, encoder-layer, bert-base, heatmap-512, "
                    + "fx-pulse-gap, tokenizer, bleu-corpus, cold-start, engine-memory (default: all)")
    List<String> only;

    @Option(names = "--save-json", paramLabel = "FILE",
            description = "also write the JSON of this run to FILE (one run gives both tables)")
    Path saveJson;

    @Option(names = "--smoke", hidden = true, description = "one repetition of everything (tests: it runs, it measures nothing)")
    boolean smoke;

    @Option(names = "--tokens", split = ",", paramLabel = "N", description = "attention lengths (default: 16,128,512)")
    List<Integer> tokens;

    @Override
    public Integer call() throws Exception {
        Options.requireOneOf("--format", format, "text", "json");
        Set<String> run = new LinkedHashSet<>(only == null ? CASES : only);
        for (String c : run) {
            if (!CASES.contains(c)) {
                throw new BadInputException("--cases: unknown case '" + c + "'; expected some of " + String.join(", ", CASES));
            }
        }
        int[] lengths = (tokens == null ? List.of(16, 128, 512) : tokens).stream().mapToInt(Integer::intValue).toArray();
        for (int t : lengths) {
            if (t < 1 || t > 4096) {
                throw new BadInputException("--tokens: " + t + " is out of range; expected 1 to 4096");
            }
        }
        if (saveJson != null) {
            Path dir = saveJson.toAbsolutePath().getParent();
            if (dir == null || !java.nio.file.Files.isDirectory(dir) || java.nio.file.Files.isDirectory(saveJson)) {
                throw new BadInputException("--save-json " + saveJson + ": expected a file in an existing folder");
            }
        }
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        Consumer<String> log = s -> {
            err.println("bench: " + s);
            err.flush();
        };
        long started = System.nanoTime();
        String waitPolicy = NativeEnvironment.applied();
        BackendInfo backend = Backend.describe();
        log.accept("measuring on " + backend.summary() + "; " + waitPolicy + (quick ? "; quick" : ""));
        Peers.Found onnx = Peers.onnxRuntime(backend.threads());
        log.accept("onnxruntime: " + (onnx.available() ? onnx.peer().describe() : "unavailable, " + onnx.whyNot()));
        EngineBenchmarks engine = new EngineBenchmarks(quick, smoke, onnx.peer(), onnx.whyNot());
        BenchResult peak = engine.sgemmPeak();
        log.accept(String.format(Locale.ROOT, "sgemm 2048³: %.1f GFLOP/s", peak.gflops()));
        List<BenchResult> cases = new ArrayList<>();
        if (run.contains("mha")) {
            cases.addAll(engine.multiHead(lengths, false, log));
        }
        if (run.contains("mha-causal")) {
            cases.addAll(engine.multiHead(lengths, true, log));
        }
        if (run.contains("encoder-layer")) {
            cases.addAll(engine.encoderLayer(128, log));
        }
        if (run.contains("bert-base")) {
            cases.add(engine.bertBase(128, log));
        }
        ChildBenchmarks ui = new ChildBenchmarks(quick, log);
        if (run.contains("heatmap-512")) {
            cases.add(ui.heatmap());
        }
        if (run.contains("fx-pulse-gap")) {
            cases.add(ui.pulseGaps());
        }
        TextBenchmarks text = new TextBenchmarks(quick, smoke);
        if (run.contains("tokenizer")) {
            Path vocab = TokenizeCommand.locateShippedVocabulary();
            cases.add(text.tokenizer(TokenizeCommand.loadVocabulary(vocab)));
            log.accept("tokenizer");
        }
        if (run.contains("bleu-corpus")) {
            cases.add(text.bleuCorpus());
            log.accept("bleu-corpus");
        }
        if (run.contains("cold-start")) {
            cases.add(ui.coldStart());
        }
        if (run.contains("engine-memory")) {
            cases.add(ui.memory(1_000));
        }
        ui.close();
        // sgemm again at the end: a busy moment at the start must not make everything look fast
        BenchResult peakAtEnd = engine.sgemmPeak();
        log.accept(String.format(Locale.ROOT, "sgemm 2048³ at the end: %.1f GFLOP/s", peakAtEnd.gflops()));
        if (peakAtEnd.ms() < peak.ms()) {
            peak = peakAtEnd;
        }
        List<Targets.Verdict> verdicts = Targets.judge(cases);
        double seconds = (System.nanoTime() - started) / 1e9;
        String json = json(backend, waitPolicy, onnx, peak, cases, verdicts, seconds);
        if (saveJson != null) {
            try {
                java.nio.file.Files.writeString(saveJson, json + System.lineSeparator());
            } catch (java.io.IOException e) {
                throw new BadInputException("--save-json " + saveJson + ": cannot write (" + e.getMessage() + ")", e);
            }
        }
        if (format.equals("json")) {
            out.println(json);
        } else {
            out.print(text(backend, waitPolicy, onnx, peak, cases, verdicts, seconds));
        }
        out.flush();
        return 0;
    }

    private String json(BackendInfo backend, String waitPolicy, Peers.Found onnx, BenchResult peak, List<BenchResult> cases,
                        List<Targets.Verdict> verdicts, double seconds) throws Exception {
        Map<String, Object> root = new LinkedHashMap<>();
        root.put("backend", backend.kind());
        root.put("device", backend.device());
        root.put("blas", backend.blasVendor());
        root.put("threads", backend.threads());
        root.put("peak_gflops", round(peak.gflops()));
        root.put("peak_case", "sgemm 2048³ (2·2048³ FLOP), " + round(peak.ms()) + " ms: the faster of two, at the start and the end of the run");
        root.put("omp_wait_policy", waitPolicy);
        root.put("onnxruntime", onnx.available() ? onnx.peer().describe() : "unavailable: " + onnx.whyNot());
        root.put("flops", "mha: 8·T·D² + 4·T²·D; encoder-layer: mha + 16·T·D²; bert-base: 12 × encoder-layer (D = 768)");
        root.put("quick", quick);
        if (smoke) {
            root.put("smoke", "one repetition of everything: these times are not measurements");
        }
        List<Map<String, Object>> list = new ArrayList<>();
        for (BenchResult r : cases) {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("case", r.kase());
            m.put("tokens", r.tokens());
            m.put("impl", r.impl());
            m.put("ms", Double.isNaN(r.ms()) ? null : round(r.ms()));
            if (!Double.isNaN(r.gflops())) {
                m.put("gflops", round(r.gflops()));
                m.put("flops", r.flops());
                m.put("fraction_of_peak", round(r.gflops() / peak.gflops()));
            }
            double ours = ours(cases, r);
            if (!Double.isNaN(r.ms()) && !Double.isNaN(ours) && !r.impl().equals("attention-lab")) {
                m.put("ratio_to_attention_lab", round(r.ms() / ours));
            }
            m.putAll(r.extra());
            list.add(m);
        }
        root.put("cases", list);
        List<Map<String, Object>> targets = new ArrayList<>();
        for (Targets.Verdict v : verdicts) {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("target", v.target());
            m.put("measured", v.measured());
            m.put("met", v.met());
            targets.add(m);
        }
        root.put("targets", targets);
        root.put("seconds", round(seconds));
        return new ObjectMapper().writerWithDefaultPrettyPrinter().writeValueAsString(root);
    }

    private String text(BackendInfo backend, String waitPolicy, Peers.Found onnx, BenchResult peak, List<BenchResult> cases,
                        List<Targets.Verdict> verdicts, double seconds) {
        StringBuilder b = new StringBuilder();
        b.append(String.format(Locale.ROOT, "backend: %s%n", backend.summary()));
        b.append(String.format(Locale.ROOT, "native: %s%n", waitPolicy));
        b.append(String.format(Locale.ROOT, "onnxruntime: %s%n", onnx.available() ? onnx.peer().describe() : "unavailable, " + onnx.whyNot()));
        b.append(String.format(Locale.ROOT, "peak: sgemm 2048³ %.1f ms = %.1f GFLOP/s (this run: the faster of its start and end)%n",
                peak.ms(), peak.gflops()));
        b.append("FLOP counts: mha 8·T·D² + 4·T²·D; encoder-layer mha + 16·T·D²; bert-base 12 layers (D = 768)\n\n");
        b.append(String.format(Locale.ROOT, "%-14s %6s  %-14s %10s %9s %8s %9s  %s%n", "case", "tokens", "impl", "ms", "GFLOP/s",
                "of peak", "÷ ours", "notes"));
        for (BenchResult r : cases) {
            double ours = ours(cases, r);
            String note = notes(r);
            if (Double.isNaN(r.ms())) {
                b.append(String.format(Locale.ROOT, "%-14s %6s  %-14s %10s %9s %8s %9s  %s%n", r.kase(), tokens(r), r.impl(), "—", "",
                        "", "", note));
                continue;
            }
            boolean flops = !Double.isNaN(r.gflops());
            b.append(String.format(Locale.ROOT, "%-14s %6s  %-14s %10.3f %9s %8s %9s  %s%n", r.kase(), tokens(r), r.impl(), r.ms(),
                    flops ? String.format(Locale.ROOT, "%.1f", r.gflops()) : "",
                    flops ? String.format(Locale.ROOT, "%.0f%%", 100 * r.gflops() / peak.gflops()) : "",
                    Double.isNaN(ours) ? "" : String.format(Locale.ROOT, "%.2f×", r.ms() / ours), note));
        }
        b.append("\ntargets:\n");
        for (Targets.Verdict v : verdicts) {
            b.append(String.format(Locale.ROOT, "  [%s] %s: %s%n", v.met() == null ? "n/a" : v.met() ? "met" : "MISSED", v.target(), v.measured()));
        }
        b.append(String.format(Locale.ROOT, "%nbench ran %.0f s%n", seconds));
        return b.toString();
    }

    private static String tokens(BenchResult r) {
        return r.tokens() == 0 ? "" : Integer.toString(r.tokens());
    }

    private static String notes(BenchResult r) {
        List<String> parts = new ArrayList<>();
        r.extra().forEach((k, v) -> parts.add(k + " " + v));
        return String.join("; ", parts);
    }

    /** Our time for the same case and length, or NaN. */
    private static double ours(List<BenchResult> cases, BenchResult r) {
        return cases.stream().filter(o -> o.kase().equals(r.kase()) && o.tokens() == r.tokens() && o.impl().equals("attention-lab"))
                .mapToDouble(BenchResult::ms).findFirst().orElse(Double.NaN);
    }

    private static double round(double x) {
        return Math.round(x * 1000) / 1000.0;
    }
}
