package org.attentionlab.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.math.BigDecimal;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;

import org.attentionlab.bleu.BleuConfig;
import org.attentionlab.bleu.BleuScore;
import org.attentionlab.bleu.SacreBleu;
import org.attentionlab.engine.train.ParallelCorpus;
import org.attentionlab.engine.train.Translator;
import org.attentionlab.io.ModelFileException;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code evaluate}: translates the held-out set and scores it with sacreBLEU-compatible BLEU. */
@Command(name = "evaluate", mixinStandardHelpOptions = true, sortOptions = false,
        description = {"Translate the held-out test set (test.en) greedily and print corpus BLEU against test.fr,",
            "computed exactly as sacreBLEU 2.6.0 does with its defaults (13a tokenizer, exp smoothing), with its",
            "signature, and how many sentences came out exactly right."},
        footer = {"", "Examples:",
            "  evaluate",
            "  evaluate --model my-translator --format json"})
public final class EvaluateCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Mixin
    TranslatorFiles model;

    @Option(names = "--test", paramLabel = "DIR", description = "folder with test.en and test.fr (default: the shipped "
            + ParallelCorpus.SHIPPED_PATH + ")")
    Path test;

    @Option(names = "--format", paramLabel = "text|json", defaultValue = "text", description = "text or json. Default: ${DEFAULT-VALUE}")
    String format;

    @Override
    public Integer call() throws IOException {
        Options.requireOneOf("--format", format, "text", "json");
        Path dir = test != null ? test : ShippedFiles.locate(ParallelCorpus.SHIPPED_PATH, "--test");
        ParallelCorpus corpus;
        try {
            corpus = ParallelCorpus.load(dir, "test");
        } catch (NoSuchFileException e) {
            throw new BadInputException("--test " + dir + ": " + e.getFile() + " does not exist (expected test.en and test.fr)", e);
        } catch (ModelFileException e) {
            throw new BadInputException(e.getMessage(), e);
        }
        Translator translator = model.load();
        List<String> hyps;
        try {
            hyps = translator.translateAll(corpus.source());
        } catch (IllegalArgumentException e) {
            throw new BadInputException("--test " + dir + ": " + e.getMessage(), e);
        }
        BleuScore score = new SacreBleu(BleuConfig.corpusDefaults()).corpusScore(hyps, List.of(corpus.target()));
        int exact = 0;
        for (int i = 0; i < hyps.size(); i++) {
            if (hyps.get(i).equals(String.join(" ", ParallelCorpus.words(corpus.target().get(i))))) {
                exact++;
            }
        }
        PrintWriter out = spec.commandLine().getOut();
        if (format.equals("json")) {
            ObjectNode o = new ObjectMapper().createObjectNode();
            o.put("name", "BLEU");
            o.put("score", new BigDecimal(score.scoreString(2)));
            o.put("signature", score.signature().format());
            o.put("verbose_score", score.verboseScore());
            ArrayNode p = o.putArray("precisions");
            for (double x : score.precisions()) {
                p.add(x);
            }
            o.put("bp", score.bp());
            o.put("sentences", hyps.size());
            o.put("exact", exact);
            out.println(o);
        } else {
            out.println(score.formatted());
            out.println(exact + " of " + hyps.size() + " sentences exactly right");
        }
        out.flush();
        return Cli.OK;
    }
}
