package org.attentionlab.engine.train;

import java.io.IOException;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Objects;

import org.attentionlab.io.ModelFileException;

/**
 * Sentence pairs: line n of the source file translates to line n of the target file. Sentences
 * are words separated by spaces; {@link #words} is the one tokenizer the translator uses
 * (lower-case, split on whitespace), so training and translation see the same tokens.
 */
public record ParallelCorpus(List<String> source, List<String> target) {

    /** The shipped corpus folder, relative to the application's root. */
    public static final String SHIPPED_PATH = "assets/corpora/tiny-translation";

    public ParallelCorpus {
        source = List.copyOf(source);
        target = List.copyOf(target);
        if (source.size() != target.size()) {
            throw new IllegalArgumentException("the corpus has " + source.size() + " source but " + target.size()
                    + " target sentences; every line needs its translation");
        }
    }

    /** Reads {@code dir/split.en} and {@code dir/split.fr} (UTF-8, one sentence per line). */
    public static ParallelCorpus load(Path dir, String split) throws IOException {
        Path en = dir.resolve(split + ".en");
        Path fr = dir.resolve(split + ".fr");
        List<String> src = readLines(en);
        List<String> tgt = readLines(fr);
        if (src.size() != tgt.size()) {
            throw new ModelFileException(fr, null, "has " + tgt.size() + " lines but " + en.getFileName() + " has "
                    + src.size() + "; line n of one must translate line n of the other");
        }
        for (int i = 0; i < src.size(); i++) {
            if (words(src.get(i)).isEmpty() || words(tgt.get(i)).isEmpty()) {
                throw new ModelFileException(words(src.get(i)).isEmpty() ? en : fr, "line " + (i + 1), "is empty");
            }
        }
        return new ParallelCorpus(src, tgt);
    }

    private static List<String> readLines(Path file) throws IOException {
        if (!Files.isRegularFile(file)) {
            throw new NoSuchFileException(file.toString(), null, "no such corpus file");
        }
        byte[] bytes = Files.readAllBytes(file);
        String text;
        try {
            text = StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT).decode(java.nio.ByteBuffer.wrap(bytes)).toString();
        } catch (CharacterCodingException e) {
            throw new ModelFileException(file, null, "is not valid UTF-8", e);
        }
        List<String> lines = new ArrayList<>(List.of(text.split("\r?\n", -1)));
        if (!lines.isEmpty() && lines.get(lines.size() - 1).isEmpty()) {
            lines.remove(lines.size() - 1);
        }
        return lines;
    }

    public int size() {
        return source.size();
    }

    /** Lower-cased words separated by whitespace: the translator's tokens. */
    public static List<String> words(String sentence) {
        Objects.requireNonNull(sentence, "sentence");
        String s = sentence.strip().toLowerCase(Locale.ROOT);
        return s.isEmpty() ? List.of() : List.of(s.split("\\s+"));
    }
}
