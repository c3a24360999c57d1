package org.attentionlab.lesson;

import static org.attentionlab.lesson.Key.optional;
import static org.attentionlab.lesson.Key.required;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Set;

import org.attentionlab.bleu.BleuComparison;
import org.attentionlab.bleu.BleuConfig;
import org.attentionlab.bleu.BleuScore;
import org.attentionlab.bleu.BleuTokenizer;
import org.attentionlab.bleu.MatchDetails;
import org.attentionlab.bleu.NgramMatch;
import org.attentionlab.bleu.NltkResult;
import org.attentionlab.bleu.NltkSmoothing;
import org.attentionlab.bleu.SacreBleu;
import org.attentionlab.bleu.Smoothing;
import org.attentionlab.bleu.TextbookBleu;

/**
 * Sentence BLEU of a candidate against its references (Papineni et al. 2002), computed by the
 * {@code bleu} package exactly as the BLEU view computes it: sacreBLEU (0–100, the default),
 * NLTK (0–1) or the d2l textbook formula (0–1, first reference only), all on the tokens of the
 * chosen sacreBLEU tokenizer. Every input but {@code smoothValue} may come from the step's state,
 * so a check states the numbers of exactly what the view shows.
 */
final class BleuCheck implements CheckKind {

    static final List<String> TOKENIZERS = List.of("13a", "zh", "char", "intl", "none");
    static final List<String> SMOOTHINGS = List.of("none", "floor", "add-k", "exp");
    static final List<String> MODES = List.of("sacrebleu", "nltk", "textbook");
    static final List<String> NLTK_METHODS = List.of("method0", "method1", "method2", "method3", "method4", "method5",
            "method6", "method7");
    private static final int MAX_ORDER = 4;

    @Override
    public String name() {
        return "bleu";
    }

    @Override
    public String description() {
        return "sentence BLEU-4 of a candidate against its references: sacreBLEU (0–100), NLTK (0–1) or the d2l textbook formula (0–1)";
    }

    @Override
    public List<Key> inputs() {
        return List.of(
                required("candidate", ValueType.text(), "the candidate translation; from the step's state when left out"),
                required("references", ValueType.texts(), "one or more references; from the state when left out"),
                optional("tokenize", ValueType.oneOf(TOKENIZERS.toArray(String[]::new)),
                        "sacreBLEU tokenizer, used by all three modes (default 13a; from the state)"),
                optional("smooth", ValueType.oneOf(SMOOTHINGS.toArray(String[]::new)),
                        "sacreBLEU smoothing (default exp, as sacreBLEU's sentence_bleu; from the state)"),
                optional("smoothValue", ValueType.number(0, 1e6), "the value of floor (default 0.1) or add-k (default 1)"),
                optional("effectiveOrder", ValueType.bool(),
                        "sacreBLEU: average only over the orders the candidate has (default true, as sentence_bleu; from the state)"),
                optional("mode", ValueType.oneOf(MODES.toArray(String[]::new)), "which implementation (default sacrebleu; from the state)"),
                optional("nltkSmoothing", ValueType.oneOf(NLTK_METHODS.toArray(String[]::new)),
                        "NLTK's SmoothingFunction method (default method0, none; from the state)"),
                optional("order", ValueType.integer(1, MAX_ORDER), "the n-gram order whose matches expect matched lists (default 1; from the state)"));
    }

    @Override
    public List<Key> expectations() {
        return List.of(
                optional("score", ValueType.number(), "BLEU on the mode's own scale: 0–100 for sacrebleu, 0–1 for nltk and textbook"),
                optional("precisions", ValueType.vector(),
                        "p₁ … p₄ after smoothing (sacrebleu in percent, nltk and textbook as fractions; textbook stops at the candidate's length)"),
                optional("bp", ValueType.number(0, 1), "the brevity penalty"),
                optional("counts", ValueType.integers(0, Integer.MAX_VALUE), "clipped n-gram matches per order, before smoothing"),
                optional("totals", ValueType.integers(0, Integer.MAX_VALUE),
                        "candidate n-grams per order (nltk: at least 1 per order, as NLTK counts them)"),
                optional("sys_len", ValueType.integer(0, Integer.MAX_VALUE), "c, the candidate's length in tokens"),
                optional("ref_len", ValueType.integer(0, Integer.MAX_VALUE), "r, the closest reference length (ties to the shorter)"),
                optional("matched", ValueType.texts(),
                        "the distinct candidate n-grams of the given order that earn credit, tokens joined by spaces, in order of first occurrence"));
    }

    @Override
    public Set<String> fromState() {
        return Set.of("candidate", "references", "tokenize", "smooth", "effectiveOrder", "mode", "nltkSmoothing", "order");
    }

    /** The view's defaults, so that a check of a step that leaves a key out states what the view shows. */
    @Override
    public StateMap defaults() {
        return StateMap.of(java.util.Map.of(
                "tokenize", new StateValue.Text("13a"),
                "smooth", new StateValue.Text("exp"),
                "effectiveOrder", new StateValue.Bool(true),
                "mode", new StateValue.Text("sacrebleu"),
                "nltkSmoothing", new StateValue.Text("method0"),
                "order", new StateValue.Int(1)));
    }

    @Override
    public List<String> validate(StateMap in, StateMap expect) {
        List<String> out = new ArrayList<>();
        String smooth = in.text("smooth").orElse("exp");
        if (in.number("smoothValue").isPresent() && !Smoothing.fromName(smooth).takesValue()) {
            out.add("smoothValue only applies to smooth floor or add-k, not " + smooth);
        }
        return out;
    }

    @Override
    public List<String> run(StateMap in, StateMap expect, double tol) {
        String candidate = in.text("candidate").orElseThrow();
        List<String> references = in.texts("references").orElseThrow();
        BleuConfig config = config(in);
        String mode = in.text("mode").orElse("sacrebleu");
        NltkSmoothing nltkSmoothing = NltkSmoothing.of(in.text("nltkSmoothing").orElse("method0"));
        BleuComparison all = BleuComparison.sentence(candidate, references, config, nltkSmoothing);
        List<String> out = new ArrayList<>();
        switch (mode) {
            case "nltk" -> {
                NltkResult r = all.nltk();
                if (r == null) {
                    return List.of("NLTK gives no number here: " + all.nltkProblem());
                }
                expect.number("score").ifPresent(s -> Compare.number(out, "NLTK BLEU", r.score(), s, tol));
                expect.vector("precisions").ifPresent(s -> {
                    if (r.precisions() == null) {
                        out.add("NLTK returns 0 before computing precisions (no unigram matches), but the lesson states precisions");
                    } else {
                        Compare.vector(out, "NLTK precisions", r.precisions(), s, tol);
                    }
                });
                expect.number("bp").ifPresent(s -> Compare.number(out, "BP", r.bp(), s, tol));
                counts(out, expect, "counts", r.counts());
                counts(out, expect, "totals", r.totals());
                lengths(out, expect, r.hypLength(), r.refLength());
            }
            case "textbook" -> {
                TextbookBleu.Result r = all.textbook();
                if (r == null) {
                    return List.of("the textbook formula divides by the candidate's length, and the candidate has no tokens");
                }
                expect.number("score").ifPresent(s -> Compare.number(out, "textbook BLEU", r.score(), s, tol));
                expect.vector("precisions").ifPresent(s -> Compare.vector(out, "textbook precisions", r.precisions(), s, tol));
                expect.number("bp").ifPresent(s -> Compare.number(out, "the brevity factor", r.brevityFactor(), s, tol));
                counts(out, expect, "counts", Arrays.stream(r.matches()).asLongStream().toArray());
                counts(out, expect, "totals", Arrays.stream(r.totals()).asLongStream().toArray());
                lengths(out, expect, r.predLength(), r.labelLength());
            }
            default -> {
                BleuScore r = all.sacre();
                expect.number("score").ifPresent(s -> Compare.number(out, "sacreBLEU", r.score(), s, tol));
                expect.vector("precisions").ifPresent(s -> Compare.vector(out, "sacreBLEU precisions (percent)", r.precisions(), s, tol));
                expect.number("bp").ifPresent(s -> Compare.number(out, "BP", r.bp(), s, tol));
                counts(out, expect, "counts", r.counts());
                counts(out, expect, "totals", r.totals());
                lengths(out, expect, r.sysLen(), r.refLen());
            }
        }
        expect.texts("matched").ifPresent(stated -> {
            int n = in.integer("order").orElseThrow().intValue();
            List<String> refs = mode.equals("textbook") ? references.subList(0, 1) : references;
            MatchDetails d = new SacreBleu(config).explain(candidate, refs);
            List<String> actual = d.order(n).ngrams().stream().filter(NgramMatch::matched).map(NgramMatch::text).toList();
            if (!actual.equals(stated)) {
                out.add("the matched " + n + "-grams are " + show(actual) + " but the lesson says " + show(stated));
            }
        });
        return out;
    }

    static BleuConfig config(StateMap in) {
        BleuTokenizer tok = BleuTokenizer.fromName(in.text("tokenize").orElse("13a"));
        Smoothing smooth = Smoothing.fromName(in.text("smooth").orElse("exp"));
        Double value = smooth.takesValue() ? in.number("smoothValue").orElse(null) : null;
        return new BleuConfig(tok, false, smooth, value, MAX_ORDER, in.flag("effectiveOrder").orElse(true));
    }

    private static void counts(List<String> out, StateMap expect, String key, long[] actual) {
        expect.integers(key).ifPresent(stated -> {
            List<Long> a = Arrays.stream(actual).boxed().toList();
            List<Long> s = stated.stream().map(Integer::longValue).toList();
            if (!a.equals(s)) {
                out.add(key + " are " + a + " but the lesson says " + s);
            }
        });
    }

    private static void lengths(List<String> out, StateMap expect, long c, long r) {
        expect.integer("sys_len").ifPresent(s -> Compare.number(out, "sys_len (c)", c, s, 0));
        expect.integer("ref_len").ifPresent(s -> Compare.number(out, "ref_len (r)", r, s, 0));
    }

    private static String show(List<String> ngrams) {
        return ngrams.stream().map(g -> "'" + g + "'").toList().toString();
    }
}
