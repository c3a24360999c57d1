package org.attentionlab.bench;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/** The performance targets of the speed issue, judged on one run's results. */
public final class Targets {

    private Targets() {
    }

    /**
     * @param met true or false, or null where the run lacks a number it needs
     */
    public record Verdict(String target, String measured, Boolean met) {
    }

    public static List<Verdict> judge(List<BenchResult> cases) {
        List<Verdict> out = new ArrayList<>();
        for (String kase : List.of("mha", "mha-causal")) {
            for (int t : new int[] {128, 512}) {
                ratio(out, cases, kase, t, "onnxruntime", 2.0, kase + " at " + t + " tokens ≤ 2× ONNX Runtime");
            }
        }
        for (BenchResult r : cases) {
            if (r.kase().equals("mha") && r.impl().equals("nd4j-op")) {
                ratio(out, cases, "mha", r.tokens(), "nd4j-op", 1.0, "mha at " + r.tokens() + " tokens faster than ND4J's op");
            }
        }
        Optional<BenchResult> bert = find(cases, "bert-base", 128, "attention-lab");
        Optional<BenchResult> ortLayer = find(cases, "encoder-layer", 128, "onnxruntime");
        if (bert.isPresent()) {
            double ms = bert.get().ms();
            if (ortLayer.isPresent()) {
                double limit = 2 * 12 * ortLayer.get().ms();
                out.add(new Verdict("bert-base at 128 tokens ≤ 2 × ONNX Runtime's encoder layer × 12",
                        String.format(Locale.ROOT, "%.1f ms vs limit %.1f ms (%.2f× of ONNX Runtime × 12)", ms, limit, ms / (limit / 2)),
                        ms <= limit));
            } else {
                out.add(new Verdict("bert-base at 128 tokens ≤ 2 × ONNX Runtime's encoder layer × 12",
                        "ONNX Runtime's encoder layer not measured in this run", null));
            }
            out.add(new Verdict("bert-base at 128 tokens ≤ 250 ms", String.format(Locale.ROOT, "%.1f ms", ms), ms <= 250));
        }
        limit(out, cases, "heatmap-512", "attention-lab", 8, "512×512 heatmap redraw ≤ 8 ms");
        limit(out, cases, "fx-pulse-gap", "attention-lab", 50, "FX thread never blocked > 50 ms while 512 tokens recompute");
        limit(out, cases, "cold-start", "attention-lab", 3000, "cold start to the first frame ≤ 3 s");
        find(cases, "cold-start", 0, "attention-lab").ifPresent(r -> {
            Object rss = r.extra().get("rss_mb");
            if (rss instanceof Number n) {
                out.add(new Verdict("RSS of the app ≤ 600 MB", n + " MB", n.doubleValue() <= 600));
            }
        });
        find(cases, "engine-memory", 128, "attention-lab").ifPresent(r -> {
            Object offHeap = r.extra().get("off_heap_growth_mb");
            Object rss = r.extra().get("rss_growth_mb");
            if (offHeap instanceof Number o && rss instanceof Number g) {
                out.add(new Verdict("engine memory flat over 1000 recomputations (off-heap +0, RSS within 32 MB)",
                        "off-heap " + signed(o.doubleValue()) + " MB, RSS " + signed(g.doubleValue()) + " MB",
                        o.doubleValue() <= 0.5 && g.doubleValue() <= 32));
            }
        });
        return out;
    }

    private static String signed(double v) {
        return String.format(Locale.ROOT, "%+.1f", v);
    }

    private static void ratio(List<Verdict> out, List<BenchResult> cases, String kase, int t, String peer, double max, String target) {
        Optional<BenchResult> ours = find(cases, kase, t, "attention-lab");
        if (ours.isEmpty()) {
            return;
        }
        Optional<BenchResult> other = find(cases, kase, t, peer);
        if (other.isEmpty()) {
            out.add(new Verdict(target, peer + " not measured in this run", null));
            return;
        }
        double r = ours.get().ms() / other.get().ms();
        out.add(new Verdict(target, String.format(Locale.ROOT, "%.2f ms vs %.2f ms = %.2f×", ours.get().ms(), other.get().ms(), r),
                max == 1.0 ? r < 1.0 : r <= max));
    }

    private static void limit(List<Verdict> out, List<BenchResult> cases, String kase, String impl, double maxMs, String target) {
        cases.stream().filter(r -> r.kase().equals(kase) && r.impl().equals(impl)).findFirst().ifPresent(r -> out.add(Double.isNaN(r.ms())
                ? new Verdict(target, String.valueOf(r.extra().getOrDefault("unavailable", "not measured")), null)
                : new Verdict(target, String.format(Locale.ROOT, "%.1f ms", r.ms()), r.ms() <= maxMs)));
    }

    /** The row of a case, length and implementation that has a time. */
    static Optional<BenchResult> find(List<BenchResult> cases, String kase, int t, String impl) {
        return cases.stream().filter(r -> r.kase().equals(kase) && r.tokens() == t && r.impl().equals(impl)
                && (!Double.isNaN(r.ms()) || impl.equals("attention-lab"))).findFirst();
    }
}
