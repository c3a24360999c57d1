package org.attentionlab.cli;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;

import org.attentionlab.engine.train.Translator;

import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code translate}: greedy translation with an encoder-decoder model folder, one line per sentence. */
@Command(name = "translate", mixinStandardHelpOptions = true, sortOptions = false,
        description = {"Translate sentences greedily with a model folder written by 'train' (default: the shipped",
            "tiny English -> French-like translator). One translation per line on stdout. Words the model's",
            "vocabulary lacks are read as <unk>; each such line gets a note on stderr."},
        footer = {"", "Examples:",
            "  translate --text \"the teacher visits the european economic area\"",
            "  translate -i sentences.en",
            "  translate --model copy-model --text \"3 1 4 1 5\""})
public final class TranslateCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Mixin
    TranslatorFiles model;

    @Option(names = "--text", paramLabel = "TEXT", description = "one sentence to translate")
    String text;

    @Option(names = {"-i", "--input"}, paramLabel = "FILE", description = "a UTF-8 file, one sentence per line")
    Path input;

    @Override
    public Integer call() {
        if ((text == null) == (input == null)) {
            throw new BadInputException("give either --text or -i FILE (exactly one)");
        }
        if (text != null && text.isBlank()) {
            throw new BadInputException("--text is empty; give the sentence to translate");
        }
        List<String> lines = text != null ? List.of(text) : TextLines.read(input, "-i");
        Translator translator = model.load();
        String where = text != null ? "--text" : "-i " + input;
        for (int i = 0; i < lines.size(); i++) {
            int words = translator.sourceTokens(lines.get(i)).size();
            if (words > translator.maxWords()) {
                throw new BadInputException(where + (text != null ? "" : ": line " + (i + 1)) + " has " + words
                        + " words but the model reads at most " + translator.maxWords());
            }
        }
        List<String> out = translator.translateAll(lines);
        PrintWriter pw = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        for (int i = 0; i < lines.size(); i++) {
            List<String> unknown = translator.unknownWords(lines.get(i));
            if (!unknown.isEmpty()) {
                err.println("translate: " + (text != null ? "" : "line " + (i + 1) + ": ") + "not in the model's vocabulary, read as <unk>: "
                        + String.join(", ", unknown));
            }
            pw.println(out.get(i));
        }
        pw.flush();
        err.flush();
        return Cli.OK;
    }
}
