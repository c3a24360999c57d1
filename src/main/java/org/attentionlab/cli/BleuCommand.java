package org.attentionlab.cli;

import java.io.PrintWriter;
import java.math.BigDecimal;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import java.util.stream.Collectors;

import org.attentionlab.bleu.BleuConfig;
import org.attentionlab.bleu.BleuScore;
import org.attentionlab.bleu.BleuSignature;
import org.attentionlab.bleu.BleuTokenizer;
import org.attentionlab.bleu.NltkBleu;
import org.attentionlab.bleu.NltkResult;
import org.attentionlab.bleu.NltkSmoothing;
import org.attentionlab.bleu.SacreBleu;
import org.attentionlab.bleu.Smoothing;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/**
 * {@code bleu REF_FILE [REF_FILE ...] -i HYP_FILE}: sacreBLEU-compatible BLEU on files, with
 * sacreBLEU's flags ({@code -tok -s -sv -lc -sl -f -w}), or NLTK's semantics with
 * {@code --nltk-smoothing methodN}.
 */
@Command(name = "bleu",
        mixinStandardHelpOptions = true,
        versionProvider = VersionProvider.class,
        sortOptions = false,
        description = {
            "BLEU of a hypothesis file against one or more reference files, computed exactly as sacreBLEU 2.6.0 does",
            "(or as NLTK 3.8.1 does, with --nltk-smoothing). Files are UTF-8, one segment per line; each REF_FILE",
            "is one reference stream with as many lines as HYP_FILE. The signature names this program's version."
        })
public final class BleuCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Parameters(arity = "1..*", paramLabel = "REF_FILE", description = "Reference files, one reference stream each.")
    List<Path> referenceFiles;

    @Option(names = {"-i", "--input"}, required = true, paramLabel = "HYP_FILE", description = "The hypothesis (system output) file.")
    Path hypothesisFile;

    @Option(names = {"-tok", "--tokenize"}, paramLabel = "TOK",
            description = "Tokenizer: 13a (default), intl, zh, char or none. With --nltk-smoothing the default is whitespace only.")
    String tokenize;

    @Option(names = {"-s", "--smooth-method"}, paramLabel = "METHOD",
            description = "Smoothing: exp (default), floor, add-k or none.")
    String smoothMethod;

    @Option(names = {"-sv", "--smooth-value"}, paramLabel = "VALUE",
            description = "Value for floor (default 0.1) or add-k (default 1).")
    Double smoothValue;

    @Option(names = {"-lc", "--lowercase"}, description = "Lower-case hypotheses and references first.")
    boolean lowercase;

    @Option(names = {"-sl", "--sentence-level"}, description = "One score per line instead of one corpus score.")
    boolean sentenceLevel;

    @Option(names = "--effective-order", negatable = true,
            description = "Average only over the n-gram orders a segment has (default: on with --sentence-level, off otherwise).")
    Boolean effectiveOrder;

    @Option(names = "--max-ngram-order", paramLabel = "N", defaultValue = "4", description = "Highest n-gram order (default 4).")
    int maxNgramOrder;

    @Option(names = {"-f", "--format"}, paramLabel = "FORMAT", defaultValue = "text", description = "Output: text (default) or json.")
    String format;

    @Option(names = {"-w", "--width"}, paramLabel = "DIGITS", defaultValue = "2", description = "Decimals of the printed score (default 2).")
    int width;

    @Option(names = "--nltk-smoothing", paramLabel = "methodN",
            description = "Use NLTK's sentence_bleu/corpus_bleu with SmoothingFunction().methodN (0-7); score on 0-1.")
    String nltkSmoothing;

    @Option(names = "--nltk-weights", split = ",", paramLabel = "W",
            description = "NLTK weights, comma-separated (default: uniform over --max-ngram-order).")
    double[] nltkWeights;

    @Option(names = "--nltk-auto-reweigh", description = "NLTK's auto_reweigh.")
    boolean nltkAutoReweigh;

    private static final ObjectMapper JSON = new ObjectMapper();

    @Override
    public Integer call() {
        boolean json = parseFormat();
        if (width < 0 || width > 17) {
            throw new BadInputException("--width must be between 0 and 17, got " + width);
        }
        List<String> hyps = TextLines.read(hypothesisFile, "HYP_FILE");
        List<List<String>> refs = new ArrayList<>();
        for (Path f : referenceFiles) {
            List<String> lines = TextLines.read(f, "REF_FILE");
            if (lines.size() != hyps.size()) {
                throw new BadInputException("REF_FILE " + f + " has " + lines.size() + " lines but HYP_FILE " + hypothesisFile
                        + " has " + hyps.size() + "; every file needs one line per segment");
            }
            refs.add(lines);
        }
        PrintWriter out = spec.commandLine().getOut();
        if (nltkSmoothing != null) {
            runNltk(hyps, refs, json, out);
        } else {
            runSacre(hyps, refs, json, out);
        }
        out.flush();
        return 0;
    }

    private boolean parseFormat() {
        switch (format.toLowerCase(Locale.ROOT)) {
            case "text":
                return false;
            case "json":
                return true;
            default:
                throw new BadInputException("-f/--format must be text or json, got '" + format + "'");
        }
    }

    // ---- sacreBLEU ---------------------------------------------------------------------------

    private void runSacre(List<String> hyps, List<List<String>> refs, boolean json, PrintWriter out) {
        BleuTokenizer tok = tokenize == null ? BleuTokenizer.V13A : tokenizer(tokenize);
        Smoothing smoothing;
        try {
            smoothing = smoothMethod == null ? Smoothing.EXP : Smoothing.fromName(smoothMethod);
        } catch (IllegalArgumentException e) {
            throw new BadInputException("-s/--smooth-method: " + e.getMessage(), e);
        }
        if (smoothValue != null && !smoothing.takesValue()) {
            throw new BadInputException("-sv/--smooth-value " + smoothValue + " only applies to -s floor or -s add-k, not '"
                    + smoothing + "'");
        }
        boolean eff = effectiveOrder != null ? effectiveOrder : sentenceLevel;
        BleuConfig config;
        try {
            config = new BleuConfig(tok, lowercase, smoothing, smoothValue, maxNgramOrder, eff);
        } catch (IllegalArgumentException e) {
            throw new BadInputException(e.getMessage(), e);
        }
        SacreBleu bleu = new SacreBleu(config);
        List<BleuScore> scores = sentenceLevel ? bleu.sentenceScores(hyps, refs) : List.of(bleu.corpusScore(hyps, refs));
        for (BleuScore s : scores) {
            out.println(json ? toJson(s) : s.format(width));
        }
    }

    private String toJson(BleuScore s) {
        ObjectNode o = JSON.createObjectNode();
        o.put("name", "BLEU");
        // As sacreBLEU: the score rounded to the printed width.
        o.put("score", new BigDecimal(s.scoreString(width)));
        o.put("signature", s.signature().format());
        o.put("verbose_score", s.verboseScore());
        ArrayNode counts = o.putArray("counts");
        Arrays.stream(s.counts()).forEach(counts::add);
        ArrayNode totals = o.putArray("totals");
        Arrays.stream(s.totals()).forEach(totals::add);
        ArrayNode precisions = o.putArray("precisions");
        Arrays.stream(s.precisions()).forEach(precisions::add);
        o.put("bp", s.bp());
        o.put("sys_len", s.sysLen());
        o.put("ref_len", s.refLen());
        return o.toString();
    }

    private static BleuTokenizer tokenizer(String name) {
        try {
            return BleuTokenizer.fromName(name);
        } catch (IllegalArgumentException e) {
            throw new BadInputException("-tok/--tokenize: " + e.getMessage(), e);
        }
    }

    // ---- NLTK ----------------------------------------------------------------------------------

    private void runNltk(List<String> hyps, List<List<String>> refs, boolean json, PrintWriter out) {
        if (smoothMethod != null || smoothValue != null || effectiveOrder != null) {
            throw new BadInputException("--nltk-smoothing uses NLTK's smoothing; -s, -sv and --effective-order are sacreBLEU options"
                    + " and cannot be combined with it");
        }
        NltkSmoothing smoothing;
        try {
            smoothing = NltkSmoothing.of(nltkSmoothing);
        } catch (IllegalArgumentException e) {
            throw new BadInputException("--nltk-smoothing: " + e.getMessage(), e);
        }
        if (maxNgramOrder < 1 || maxNgramOrder > BleuConfig.MAX_SUPPORTED_ORDER) {
            throw new BadInputException("--max-ngram-order must be between 1 and " + BleuConfig.MAX_SUPPORTED_ORDER + ", got " + maxNgramOrder);
        }
        double[] weights = nltkWeights;
        if (weights == null) {
            weights = new double[maxNgramOrder];
            Arrays.fill(weights, 1.0 / maxNgramOrder);
        }
        BleuTokenizer tok = tokenize == null ? BleuTokenizer.NONE : tokenizer(tokenize);
        List<List<String>> hypTokens = new ArrayList<>();
        List<List<List<String>>> refTokens = new ArrayList<>();
        for (int i = 0; i < hyps.size(); i++) {
            hypTokens.add(tokens(hyps.get(i), tok));
            List<List<String>> rs = new ArrayList<>();
            for (List<String> stream : refs) {
                rs.add(tokens(stream.get(i), tok));
            }
            refTokens.add(rs);
        }
        String signature = "nltk:3.8.1|smooth:" + smoothing.method() + "|weights:"
                + Arrays.stream(weights).mapToObj(Double::toString).collect(Collectors.joining(","))
                + "|auto_reweigh:" + (nltkAutoReweigh ? "yes" : "no") + "|tok:" + (tokenize == null ? "whitespace" : tok.signatureName())
                + "|case:" + (lowercase ? "lc" : "mixed") + "|version:" + BleuSignature.ourVersion();
        List<NltkResult> results = new ArrayList<>();
        try {
            if (sentenceLevel) {
                for (int i = 0; i < hyps.size(); i++) {
                    results.add(NltkBleu.sentenceBleu(refTokens.get(i), hypTokens.get(i), weights, smoothing, nltkAutoReweigh));
                }
            } else {
                results.add(NltkBleu.corpusBleu(refTokens, hypTokens, List.of(weights), smoothing, nltkAutoReweigh));
            }
        } catch (IllegalArgumentException e) {
            throw new BadInputException("NLTK BLEU: " + e.getMessage(), e);
        }
        for (NltkResult r : results) {
            out.println(json ? nltkJson(r, signature) : "BLEU-NLTK|" + signature + " = " + String.format(Locale.ROOT, "%.4f", r.score())
                    + " " + nltkVerbose(r));
        }
    }

    private List<String> tokens(String line, BleuTokenizer tok) {
        String s = lowercase ? line.toLowerCase(Locale.ROOT) : line;
        return tok.tokens(s);
    }

    private static String nltkVerbose(NltkResult r) {
        String p = r.precisions() == null ? "no unigram matched"
                : Arrays.stream(r.precisions()).mapToObj(x -> String.format(Locale.ROOT, "%.4f", x)).collect(Collectors.joining("/"));
        return p + " (BP = " + String.format(Locale.ROOT, "%.3f", r.bp()) + " hyp_len = " + r.hypLength() + " ref_len = " + r.refLength() + ")";
    }

    private static String nltkJson(NltkResult r, String signature) {
        ObjectNode o = JSON.createObjectNode();
        o.put("name", "BLEU-NLTK");
        o.put("score", r.score());
        o.put("signature", signature);
        o.put("verbose_score", nltkVerbose(r));
        ArrayNode counts = o.putArray("counts");
        Arrays.stream(r.counts()).forEach(counts::add);
        ArrayNode totals = o.putArray("totals");
        Arrays.stream(r.totals()).forEach(totals::add);
        if (r.precisions() == null) {
            o.putNull("precisions");
        } else {
            ArrayNode precisions = o.putArray("precisions");
            Arrays.stream(r.precisions()).forEach(precisions::add);
        }
        o.put("bp", r.bp());
        o.put("sys_len", r.hypLength());
        o.put("ref_len", r.refLength());
        return o.toString();
    }
}
