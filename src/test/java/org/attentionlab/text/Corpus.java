package org.attentionlab.text;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** Test resources of the text package: the escaped corpus and the shipped vocabulary. */
final class Corpus {

    /** One corpus case: its line in corpus.txt (1-based) and the unescaped text. */
    record Line(int lineNumber, String text) {
        @Override
        public String toString() {
            String shown = text.length() > 40 ? text.substring(0, 40) + "…" : text;
            return "corpus.txt:" + lineNumber + " " + shown.replaceAll("\\p{C}", "·");
        }
    }

    static final Path RESOURCES = Path.of("src", "test", "resources", "text");
    static final Path SHIPPED_VOCAB = Path.of(Vocabulary.SHIPPED_PATH);

    private Corpus() {
    }

    static List<Line> lines() {
        Path file = RESOURCES.resolve("corpus.txt");
        try {
            List<String> raw = Files.readAllLines(file, StandardCharsets.UTF_8);
            List<Line> out = new ArrayList<>();
            for (int i = 0; i < raw.size(); i++) {
                if (!raw.get(i).startsWith("#!")) {
                    out.add(new Line(i + 1, unescape(raw.get(i), i + 1)));
                }
            }
            return out;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static String unescape(String s, int lineNumber) {
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c != '\\') {
                sb.append(c);
                continue;
            }
            char e = s.charAt(++i);
            switch (e) {
                case 't' -> sb.append('\t');
                case 'n' -> sb.append('\n');
                case 'r' -> sb.append('\r');
                case '\\' -> sb.append('\\');
                case 'u' -> {
                    sb.append((char) Integer.parseInt(s.substring(i + 1, i + 5), 16));
                    i += 4;
                }
                case 'U' -> {
                    sb.appendCodePoint(Integer.parseInt(s.substring(i + 1, i + 9), 16));
                    i += 8;
                }
                default -> throw new IllegalArgumentException("corpus.txt line " + lineNumber + ": unknown escape \\" + e);
            }
        }
        return sb.toString();
    }

    static Vocabulary shippedVocabulary() {
        try {
            return Vocabulary.load(SHIPPED_VOCAB);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
