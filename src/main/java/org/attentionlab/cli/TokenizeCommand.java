package org.attentionlab.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;

import org.attentionlab.io.Assets;
import org.attentionlab.text.BertTokenizer;
import org.attentionlab.text.Encoding;
import org.attentionlab.text.Vocabulary;
import org.attentionlab.text.VocabularyException;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;

import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code tokenize}: what BERT's tokenizer makes of a sentence (or a pair), as the tokenizer
 * notebook prints it: tokens, input_ids, token_type_ids, attention_mask and the decoded text.
 *
 * <p>Without {@code --vocab} it uses the shipped vocabulary, {@value Vocabulary#SHIPPED_PATH},
 * looked up first under the working directory, then next to the application's jar (or classes
 * folder) and up to two folders above it; so it works from the repository root and from an
 * unpacked distribution whose {@code assets/} sits beside {@code lib/} or the jar.
 */
@Command(name = "tokenize",
        mixinStandardHelpOptions = true,
        description = {"Tokenize text the way BERT does (WordPiece, Chinese split per character) and print",
                "tokens, input_ids, token_type_ids, attention_mask and the decoded text."},
        footer = {"", "Examples:",
                "  tokenize --text \"The weather is nice today\"",
                "  tokenize --vocab bert-base-chinese/vocab.txt --text \"我爱你\" --format json",
                "  tokenize --text \"this movie is great\" --pair \"i like it\" --max-length 12"})
public final class TokenizeCommand implements Callable<Integer> {

    enum Format { json, text }

    @Spec
    CommandSpec spec;

    @Option(names = "--vocab", paramLabel = "FILE",
            description = "BERT vocab.txt (one token per line, id = line number). Default: the shipped "
                    + Vocabulary.SHIPPED_PATH)
    Path vocab;

    @Option(names = "--text", required = true, paramLabel = "TEXT", description = "The sentence to tokenize.")
    String text;

    @Option(names = "--pair", paramLabel = "TEXT", description = "A second sentence (segment B, token_type_id 1).")
    String pair;

    @Option(names = "--max-length", paramLabel = "N",
            description = "Truncate (longest first for pairs) and pad with [PAD] to exactly N tokens.")
    Integer maxLength;

    @Option(names = "--cased", description = "Keep case and accents (default: lower-case and strip accents, "
            + "as bert-base-uncased does).")
    boolean cased;

    @Option(names = "--format", paramLabel = "json|text", defaultValue = "text",
            description = "Output format: text (an aligned table) or json. Default: ${DEFAULT-VALUE}.")
    Format format;

    @Override
    public Integer call() {
        Path file = vocab != null ? vocab : locateShippedVocabulary();
        BertTokenizer tokenizer = new BertTokenizer(loadVocabulary(file), !cased);
        Encoding encoding;
        try {
            encoding = maxLength == null ? (pair == null ? tokenizer.encode(text) : tokenizer.encode(text, pair))
                    : tokenizer.encode(text, pair, maxLength);
        } catch (IllegalArgumentException e) {
            throw new BadInputException("--max-length: " + e.getMessage(), e);
        }
        String decoded = tokenizer.decode(encoding.inputIds(), true);
        PrintWriter out = spec.commandLine().getOut();
        if (format == Format.json) {
            out.println(json(encoding, decoded));
        } else {
            out.print(table(encoding, decoded));
        }
        out.flush();
        return Cli.OK;
    }

    static Vocabulary loadVocabulary(Path file) {
        try {
            if (Files.isDirectory(file)) {
                throw new BadInputException("--vocab " + file + ": is a folder; expected a vocab.txt file");
            }
            Vocabulary v = Vocabulary.load(file);
            v.require(BertTokenizer.UNK, "to stand for words the vocabulary cannot spell");
            return v;
        } catch (NoSuchFileException e) {
            throw new BadInputException("--vocab " + file + ": no such file", e);
        } catch (IOException e) {
            throw new BadInputException("--vocab " + file + ": cannot be read (" + e.getMessage() + ")", e);
        } catch (VocabularyException e) {
            throw new BadInputException(e.getMessage(), e);
        }
    }

    /** The shipped vocabulary: under the working directory, else beside the jar or classes folder. */
    static Path locateShippedVocabulary() {
        return Assets.find(Vocabulary.SHIPPED_PATH).orElseThrow(() -> new BadInputException(
                "no --vocab given and the shipped vocabulary " + Vocabulary.SHIPPED_PATH + " was not found (looked in "
                        + Assets.candidates(Vocabulary.SHIPPED_PATH) + "); pass --vocab FILE"));
    }

    static String json(Encoding e, String decoded) {
        Map<String, Object> root = new LinkedHashMap<>();
        root.put("tokens", e.tokens());
        root.put("input_ids", e.inputIds());
        root.put("token_type_ids", e.tokenTypeIds());
        root.put("attention_mask", e.attentionMask());
        root.put("decoded", decoded);
        try {
            return new ObjectMapper().writeValueAsString(root);
        } catch (JsonProcessingException ex) {
            throw new UncheckedIOException(ex);
        }
    }

    /**
     * One row per token, columns aligned by display width (a Chinese character is two columns
     * wide in a terminal or a monospaced slide font), then the decoded text.
     */
    static String table(Encoding e, String decoded) {
        String[] header = {"#", "token", "id", "type", "mask"};
        List<String[]> rows = new ArrayList<>();
        rows.add(header);
        for (int i = 0; i < e.size(); i++) {
            rows.add(new String[] {Integer.toString(i), printable(e.tokens().get(i)), e.inputIds().get(i).toString(),
                    e.tokenTypeIds().get(i).toString(), e.attentionMask().get(i).toString()});
        }
        int[] widths = new int[header.length];
        for (String[] row : rows) {
            for (int c = 0; c < row.length; c++) {
                widths[c] = Math.max(widths[c], displayWidth(row[c]));
            }
        }
        StringBuilder sb = new StringBuilder();
        for (String[] row : rows) {
            StringBuilder line = new StringBuilder();
            for (int c = 0; c < row.length; c++) {
                line.append(row[c]);
                if (c < row.length - 1) {
                    line.append(" ".repeat(widths[c] - displayWidth(row[c]) + 2));
                }
            }
            sb.append(line.toString().stripTrailing()).append('\n');
        }
        sb.append('\n').append("decoded: ").append(decoded).append('\n');
        if (e.truncatedTokens() > 0) {
            sb.append("truncated: ").append(e.truncatedTokens()).append(" token(s) cut to fit max_length ")
                    .append(e.size()).append('\n');
        }
        return sb.toString();
    }

    private static String printable(String token) {
        return token.isEmpty() ? "\"\"" : token;
    }

    /** Terminal columns: 2 for East Asian wide and full-width characters and emoji, 0 for marks. */
    static int displayWidth(String s) {
        return s.codePoints().map(cp -> {
            int type = Character.getType(cp);
            if (type == Character.NON_SPACING_MARK || type == Character.ENCLOSING_MARK || type == Character.FORMAT) {
                return 0;
            }
            boolean wide = (cp >= 0x1100 && cp <= 0x115F) || (cp >= 0x2E80 && cp <= 0x303E)
                    || (cp >= 0x3041 && cp <= 0x33FF) || (cp >= 0x3400 && cp <= 0x4DBF)
                    || (cp >= 0x4E00 && cp <= 0x9FFF) || (cp >= 0xA000 && cp <= 0xA4CF)
                    || (cp >= 0xAC00 && cp <= 0xD7A3) || (cp >= 0xF900 && cp <= 0xFAFF)
                    || (cp >= 0xFE30 && cp <= 0xFE4F) || (cp >= 0xFF00 && cp <= 0xFF60)
                    || (cp >= 0xFFE0 && cp <= 0xFFE6) || (cp >= 0x1F300 && cp <= 0x1F64F)
                    || (cp >= 0x1F900 && cp <= 0x1F9FF) || (cp >= 0x20000 && cp <= 0x3FFFD);
            return wide ? 2 : 1;
        }).sum();
    }
}
