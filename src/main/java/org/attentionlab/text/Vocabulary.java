package org.attentionlab.text;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CoderResult;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.OptionalInt;

/**
 * A WordPiece vocabulary: token ↔ id, read from a BERT {@code vocab.txt} (one token per line,
 * id = zero-based line number), so ids agree with Hugging Face for any published BERT model.
 *
 * <p>Reading rules, chosen to match Hugging Face's loaders (Python {@code load_vocab} and the
 * Rust {@code WordPiece} model) wherever a real vocabulary can tell the difference:
 * <ul>
 *   <li>the file must be UTF-8; an invalid byte is an error naming the line and byte, not a
 *       silently replaced character that would give a token nobody can type;</li>
 *   <li>lines end with {@code \n}, {@code \r\n} or {@code \r}; nothing else is stripped, so a
 *       token may contain trailing spaces (none of the published vocabularies have any);</li>
 *   <li>a final line break does not add an empty token; an empty line in the middle is a
 *       (useless) token of its own, because it still takes an id;</li>
 *   <li>a token listed twice keeps the <em>later</em> id for token → id, as Hugging Face's
 *       dictionary insert does, and the earlier id then has no token of its own
 *       ({@link #token(int)} answers {@code [UNK]} for it, as {@code convert_ids_to_tokens} does);</li>
 *   <li>a leading UTF-8 byte-order mark is dropped (Python would keep it as part of the first
 *       token; no one means that).</li>
 * </ul>
 *
 * <p>Immutable and thread-safe.
 */
public final class Vocabulary {

    /** The shipped vocabulary, relative to the application's root folder. */
    public static final String SHIPPED_PATH = "assets/vocab/attention-lab-vocab.txt";

    private final String source;
    private final String[] tokens;
    private final Map<String, Integer> ids;

    private Vocabulary(String source, List<String> lines) {
        this.source = source;
        this.tokens = lines.toArray(String[]::new);
        Map<String, Integer> map = new HashMap<>(lines.size() * 2);
        for (int i = 0; i < tokens.length; i++) {
            map.put(tokens[i], i); // a later duplicate wins, as in Hugging Face
        }
        this.ids = Map.copyOf(map);
    }

    /**
     * Builds a vocabulary from tokens in id order (id = index).
     *
     * @param source how error messages name it, e.g. {@code "lesson 3 vocabulary"}
     * @throws VocabularyException if {@code tokens} is empty
     */
    public static Vocabulary of(String source, List<String> tokens) {
        Objects.requireNonNull(source, "source");
        List<String> copy = List.copyOf(tokens);
        if (copy.isEmpty()) {
            throw new VocabularyException(source + ": the vocabulary is empty; expected at least one token");
        }
        return new Vocabulary(source, copy);
    }

    /**
     * Reads a {@code vocab.txt}.
     *
     * @throws NoSuchFileException if the file does not exist
     * @throws IOException if it cannot be read
     * @throws VocabularyException if it is empty or not valid UTF-8 (the message names file and line)
     */
    public static Vocabulary load(Path file) throws IOException {
        byte[] bytes = Files.readAllBytes(file);
        String source = file.toString();
        int start = 0;
        if (bytes.length >= 3 && (bytes[0] & 0xFF) == 0xEF && (bytes[1] & 0xFF) == 0xBB && (bytes[2] & 0xFF) == 0xBF) {
            start = 3;
        }
        List<String> lines = new ArrayList<>();
        CharsetDecoder decoder = StandardCharsets.UTF_8.newDecoder()
                .onMalformedInput(CodingErrorAction.REPORT)
                .onUnmappableCharacter(CodingErrorAction.REPORT);
        int lineStart = start;
        int i = start;
        while (i < bytes.length) {
            byte b = bytes[i];
            if (b == '\n' || b == '\r') {
                lines.add(decodeLine(decoder, bytes, lineStart, i, source, lines.size() + 1));
                i += (b == '\r' && i + 1 < bytes.length && bytes[i + 1] == '\n') ? 2 : 1;
                lineStart = i;
            } else {
                i++;
            }
        }
        if (lineStart < bytes.length) {
            lines.add(decodeLine(decoder, bytes, lineStart, bytes.length, source, lines.size() + 1));
        }
        if (lines.isEmpty()) {
            throw new VocabularyException(source + ": the vocabulary file is empty; expected one token per line (id = line number - 1)");
        }
        return new Vocabulary(source, lines);
    }

    private static String decodeLine(CharsetDecoder decoder, byte[] bytes, int from, int to, String source, int lineNumber) {
        decoder.reset();
        ByteBuffer in = ByteBuffer.wrap(bytes, from, to - from);
        CharBuffer out = CharBuffer.allocate((to - from) + 1);
        CoderResult result = decoder.decode(in, out, true);
        if (result.isUnderflow()) {
            result = decoder.flush(out);
        }
        if (result.isError()) {
            int offset = in.position() - from;
            String hex = String.format("0x%02X", bytes[in.position()] & 0xFF);
            throw new VocabularyException(source + " line " + lineNumber + ": invalid UTF-8 (byte " + hex + " at byte "
                    + (offset + 1) + " of the line); a vocab.txt must be UTF-8",
                    new CharacterCodingException());
        }
        out.flip();
        return out.toString();
    }

    /** The file path or name given at construction, for messages. */
    public String source() {
        return source;
    }

    /** Number of ids (lines), duplicates included. */
    public int size() {
        return tokens.length;
    }

    /** Whether {@code token} has an id. */
    public boolean contains(String token) {
        return ids.containsKey(token);
    }

    /** The id of {@code token}, or empty when it is not in the vocabulary. */
    public OptionalInt id(String token) {
        Integer id = ids.get(token);
        return id == null ? OptionalInt.empty() : OptionalInt.of(id);
    }

    /**
     * The token with this id. An id whose line was later repeated (a duplicate) has no token of
     * its own and answers {@code [UNK]}, as Hugging Face's {@code convert_ids_to_tokens} does.
     *
     * @throws IndexOutOfBoundsException if {@code id} is not in {@code [0, size())}
     */
    public String token(int id) {
        if (id < 0 || id >= tokens.length) {
            throw new IndexOutOfBoundsException("token id " + id + " is outside the vocabulary " + source
                    + " (ids 0.." + (tokens.length - 1) + ")");
        }
        String token = tokens[id];
        Integer owner = ids.get(token);
        return owner != null && owner == id ? token : BertTokenizer.UNK;
    }

    /**
     * The id of a token the caller cannot work without.
     *
     * @param why what it is needed for, completing "needed ...", e.g. {@code "to mark unknown words"}
     * @throws VocabularyException naming the source and the token when it is missing
     */
    public int require(String token, String why) {
        Integer id = ids.get(token);
        if (id == null) {
            throw new VocabularyException(source + ": the vocabulary has no " + token + " token (needed " + why
                    + "); expected a line that is exactly " + token);
        }
        return id;
    }

    /** All tokens in id order (duplicates as written in the file). */
    public List<String> tokens() {
        return List.copyOf(Arrays.asList(tokens));
    }

    @Override
    public String toString() {
        return "Vocabulary[" + source + ", " + tokens.length + " tokens]";
    }
}
