package org.attentionlab.cli;

import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;

import org.attentionlab.bench.BenchResult;
import org.attentionlab.bench.EngineBenchmarks;
import org.attentionlab.engine.Backend;
import org.attentionlab.engine.BackendInfo;

import com.fasterxml.jackson.databind.ObjectMapper;

import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/** Measures the engine, warm, against the machine's own sgemm rate and against peers, in one run. */
@Command(name = "bench", mixinStandardHelpOptions = true,
        description = {"Times the engine (warm medians) at BERT-base width: multi-head self-attention (plain and causal)",
            "at 16, 128 and 512 tokens against ND4J's built-in op and plain Java loops on the same weights,",
            "and an encoder layer at 128 tokens; reports ms, GFLOP/s and the fraction of the sgemm 2048³ rate",
            "measured in the same run. For steady numbers set OMP_WAIT_POLICY=PASSIVE before starting Java."})
public final class BenchCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Option(names = "--quick", description = "fewer repetitions (well under two minutes)")
    boolean quick;

    @Option(names = "--format", defaultValue = "text", paramLabel = "text|json", description = "output format (default: ${DEFAULT-VALUE})")
    String format;

    @Override
    public Integer call() throws Exception {
        Options.requireOneOf("--format", format, "text", "json");
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        BackendInfo backend = Backend.describe();
        EngineBenchmarks b = new EngineBenchmarks(quick);
        err.println("bench: measuring on " + backend.summary() + " …");
        BenchResult peak = b.sgemmPeak();
        List<BenchResult> cases = new ArrayList<>();
        int[] lengths = {16, 128, 512};
        cases.addAll(b.multiHead(lengths, false, s -> err.println("bench: " + s)));
        cases.addAll(b.multiHead(lengths, true, s -> err.println("bench: " + s)));
        cases.add(b.encoderLayer(128));
        double peakGflops = peak.gflops();
        if (format.equals("json")) {
            Map<String, Object> root = new LinkedHashMap<>();
            root.put("backend", backend.kind());
            root.put("device", backend.device());
            root.put("threads", backend.threads());
            root.put("peak_gflops", round(peakGflops));
            List<Map<String, Object>> list = new ArrayList<>();
            for (BenchResult r : cases) {
                Map<String, Object> m = new LinkedHashMap<>();
                m.put("case", r.kase());
                m.put("tokens", r.tokens());
                m.put("impl", r.impl());
                m.put("ms", round(r.ms()));
                if (!Double.isNaN(r.gflops())) {
                    m.put("gflops", round(r.gflops()));
                    m.put("flops", r.flops());
                    m.put("fraction_of_peak", round(r.gflops() / peakGflops));
                }
                list.add(m);
            }
            root.put("cases", list);
            out.println(new ObjectMapper().writerWithDefaultPrettyPrinter().writeValueAsString(root));
        } else {
            out.printf(Locale.ROOT, "backend: %s%npeak: sgemm 2048³ %.1f ms = %.1f GFLOP/s (this run)%n%n", backend.summary(),
                    peak.ms(), peakGflops);
            out.printf(Locale.ROOT, "%-14s %6s  %-14s %10s %9s %8s %10s%n", "case", "tokens", "impl", "ms", "GFLOP/s", "of peak",
                    "vs ours");
            for (BenchResult r : cases) {
                double ours = cases.stream().filter(o -> o.kase().equals(r.kase()) && o.tokens() == r.tokens()
                        && o.impl().equals("attention-lab")).mapToDouble(BenchResult::ms).findFirst().orElse(Double.NaN);
                out.printf(Locale.ROOT, "%-14s %6d  %-14s %10.3f %9.1f %7.0f%% %9.2f×%n", r.kase(), r.tokens(), r.impl(), r.ms(),
                        r.gflops(), 100 * r.gflops() / peakGflops, r.ms() / ours);
            }
        }
        out.flush();
        return 0;
    }

    private static double round(double x) {
        return Math.round(x * 1000) / 1000.0;
    }
}
