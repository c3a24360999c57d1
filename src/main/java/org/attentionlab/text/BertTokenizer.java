package org.attentionlab.text;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;

/**
 * BERT's tokenizer (Devlin et al. 2019, section 3, "Input/Output Representations"): special
 * tokens cut out of the raw text, {@link BasicTokenizer}, {@link WordPiece} (Wu et al. 2016), then
 * the input layout {@code [CLS] A [SEP]} or {@code [CLS] A [SEP] B [SEP]} with segment ids, and
 * optionally truncation and padding to a fixed {@code max_length}.
 *
 * <p>Given the same {@code vocab.txt} it produces the tokens and ids of Hugging Face's
 * {@code BertTokenizerFast} / tokenizers library (checked by the differential test). Where the
 * Rust library and the Python {@code BertTokenizer} differ we follow the Rust library, which is
 * what {@code AutoTokenizer} loads by default:
 * <ul>
 *   <li>pair truncation, "longest first": the longer sequence loses tokens until both are
 *       equally long, then both lose tokens; when an odd budget is split between two equally
 *       long sequences the extra token goes to the <em>second</em> one (Python's token-by-token
 *       loop gives it to the first).</li>
 * </ul>
 * Decoding follows the Python {@code BertTokenizer}: join with spaces, glue {@code ##} pieces,
 * then (by default) {@link #cleanUpTokenization(String) clean up} the spaces before punctuation
 * on the whole string.
 *
 * <p>Special tokens ({@code [PAD] [UNK] [CLS] [SEP] [MASK]}, those present in the vocabulary) are
 * recognised anywhere in the raw text, case-sensitively and before lower-casing, even inside a
 * word ({@code a[MASK]b} → {@code a [MASK] b}), and never split.
 *
 * <p>Immutable and thread-safe.
 */
public final class BertTokenizer implements TextTokenizer {

    public static final String PAD = "[PAD]";
    public static final String UNK = "[UNK]";
    public static final String CLS = "[CLS]";
    public static final String SEP = "[SEP]";
    public static final String MASK = "[MASK]";

    private final Vocabulary vocabulary;
    private final BasicTokenizer basic;
    private final WordPiece wordPiece;
    private final int padId;
    private final int unkId;
    private final int clsId;
    private final int sepId;
    /** Special tokens in the vocabulary, longest first so that matching prefers the longest. */
    private final List<String> specials;
    private final Set<Integer> specialIds;

    /**
     * @param lowerCase lower-case and strip accents (uncased models and bert-base-chinese)
     * @throws VocabularyException if the vocabulary lacks {@code [UNK]}, {@code [CLS]},
     *     {@code [SEP]} or {@code [PAD]}; the message names the vocabulary's file
     */
    public BertTokenizer(Vocabulary vocabulary, boolean lowerCase) {
        this(vocabulary, lowerCase, lowerCase);
    }

    /** As {@link #BertTokenizer(Vocabulary, boolean)} with accent stripping chosen separately. */
    public BertTokenizer(Vocabulary vocabulary, boolean lowerCase, boolean stripAccents) {
        this.vocabulary = Objects.requireNonNull(vocabulary, "vocabulary");
        this.unkId = vocabulary.require(UNK, "to stand for words the vocabulary cannot spell");
        this.clsId = vocabulary.require(CLS, "to start every input");
        this.sepId = vocabulary.require(SEP, "to end every sentence");
        this.padId = vocabulary.require(PAD, "to pad inputs to max_length");
        this.basic = new BasicTokenizer(lowerCase, stripAccents);
        this.wordPiece = new WordPiece(vocabulary, UNK);
        List<String> present = new ArrayList<>();
        Set<Integer> ids = new LinkedHashSet<>();
        for (String s : List.of(PAD, UNK, CLS, SEP, MASK)) {
            if (vocabulary.contains(s)) {
                present.add(s);
                ids.add(vocabulary.id(s).orElseThrow());
            }
        }
        present.sort(Comparator.comparingInt(String::length).reversed());
        this.specials = List.copyOf(present);
        this.specialIds = Set.copyOf(ids);
    }

    @Override
    public String name() {
        return "bert-wordpiece";
    }

    public Vocabulary vocabulary() {
        return vocabulary;
    }

    public BasicTokenizer basicTokenizer() {
        return basic;
    }

    public WordPiece wordPiece() {
        return wordPiece;
    }

    public boolean lowerCase() {
        return basic.lowerCase();
    }

    /** The special tokens this vocabulary has, among {@code [PAD] [UNK] [CLS] [SEP] [MASK]}. */
    public Set<String> specialTokens() {
        return Set.copyOf(specials);
    }

    /** WordPiece tokens of {@code text}, without {@code [CLS]}/{@code [SEP]} (Hugging Face's {@code tokenize}). */
    @Override
    public List<String> tokenize(String text) {
        return pieces(text).stream().map(Piece::token).toList();
    }

    /** {@code [CLS] text [SEP]}, no truncation, no padding. */
    public Encoding encode(String text) {
        return build(pieces(text), null, -1);
    }

    /** {@code [CLS] a [SEP] b [SEP]}, no truncation, no padding. */
    public Encoding encode(String textA, String textB) {
        return build(pieces(textA), pieces(Objects.requireNonNull(textB, "textB")), -1);
    }

    /**
     * {@code [CLS] text [SEP]} cut to at most {@code maxLength} positions (the end of the text is
     * dropped, {@code [SEP]} stays) and padded with {@code [PAD]} to exactly {@code maxLength}.
     *
     * @throws IllegalArgumentException if {@code maxLength < 2}
     */
    public Encoding encode(String text, int maxLength) {
        checkMaxLength(maxLength, 2);
        return build(pieces(text), null, maxLength);
    }

    /**
     * {@code [CLS] a [SEP] b [SEP]} truncated "longest first" to at most {@code maxLength}
     * positions and padded with {@code [PAD]} to exactly {@code maxLength}.
     *
     * @param textB the second sentence, or null for a single sentence
     * @throws IllegalArgumentException if {@code maxLength} leaves no room for the special tokens
     */
    public Encoding encode(String textA, String textB, int maxLength) {
        checkMaxLength(maxLength, textB == null ? 2 : 3);
        return build(pieces(textA), textB == null ? null : pieces(textB), maxLength);
    }

    private static void checkMaxLength(int maxLength, int added) {
        if (maxLength < added) {
            throw new IllegalArgumentException("max_length " + maxLength + " is too small: "
                    + (added == 2 ? "a sentence needs 2 special tokens ([CLS], [SEP])"
                            : "a sentence pair needs 3 special tokens ([CLS], [SEP], [SEP])")
                    + ", so max_length must be at least " + added);
        }
    }

    /** One token with its kind, before ids. */
    private record Piece(String token, TokenKind kind) {
    }

    private List<Piece> pieces(String text) {
        Objects.requireNonNull(text, "text");
        List<Piece> out = new ArrayList<>();
        int segmentStart = 0;
        int i = 0;
        while (i < text.length()) {
            String special = specialAt(text, i);
            if (special == null) {
                i++;
                continue;
            }
            wordPieces(text.substring(segmentStart, i), out);
            out.add(new Piece(special, TokenKind.SPECIAL));
            i += special.length();
            segmentStart = i;
        }
        wordPieces(text.substring(segmentStart), out);
        return out;
    }

    private String specialAt(String text, int i) {
        if (text.charAt(i) != '[') {
            return null;
        }
        for (String s : specials) {
            if (text.startsWith(s, i)) {
                return s;
            }
        }
        return null;
    }

    private void wordPieces(String segment, List<Piece> out) {
        if (segment.isEmpty()) {
            return;
        }
        for (String word : basic.tokenize(segment)) {
            List<String> ps = wordPiece.tokenize(word);
            if (ps.size() == 1) {
                String p = ps.get(0);
                TokenKind kind;
                if (p.equals(UNK)) {
                    kind = TokenKind.UNKNOWN;
                } else if (word.codePointCount(0, word.length()) == 1 && BasicTokenizer.isCjk(word.codePointAt(0))) {
                    kind = TokenKind.CJK;
                } else {
                    kind = TokenKind.WORD;
                }
                out.add(new Piece(p, kind));
            } else {
                for (int k = 0; k < ps.size(); k++) {
                    out.add(new Piece(ps.get(k), k == 0 ? TokenKind.WORD_START : TokenKind.PIECE));
                }
            }
        }
    }

    private Encoding build(List<Piece> a, List<Piece> b, int maxLength) {
        int keepA = a.size();
        int keepB = b == null ? 0 : b.size();
        if (maxLength >= 0) {
            int budget = maxLength - (b == null ? 2 : 3);
            if (b == null) {
                keepA = Math.min(keepA, budget);
            } else if (keepA + keepB > budget) {
                // Longest first, as Hugging Face's Rust library computes it: the shorter sequence
                // keeps everything if the longer can make room; otherwise both get half the
                // budget, the longer one (the second one on a tie) taking the odd token.
                boolean swap = keepA > keepB;
                int shorter = Math.min(keepA, keepB);
                int longer = shorter > budget ? shorter : Math.max(shorter, budget - shorter);
                if (shorter + longer > budget) {
                    shorter = budget / 2;
                    longer = shorter + budget % 2;
                }
                keepA = Math.min(keepA, swap ? longer : shorter);
                keepB = Math.min(keepB, swap ? shorter : longer);
            }
        }
        int truncated = (a.size() - keepA) + (b == null ? 0 : b.size() - keepB);
        int capacity = Math.max(maxLength, keepA + keepB + 3);
        List<String> tokens = new ArrayList<>(capacity);
        List<Integer> ids = new ArrayList<>(capacity);
        List<Integer> types = new ArrayList<>(capacity);
        List<Integer> mask = new ArrayList<>(capacity);
        List<TokenKind> kinds = new ArrayList<>(capacity);
        Sink sink = (token, id, type, m, kind) -> {
            tokens.add(token);
            ids.add(id);
            types.add(type);
            mask.add(m);
            kinds.add(kind);
        };
        sink.add(CLS, clsId, 0, 1, TokenKind.SPECIAL);
        for (Piece p : a.subList(0, keepA)) {
            sink.add(p.token(), idOf(p.token()), 0, 1, p.kind());
        }
        sink.add(SEP, sepId, 0, 1, TokenKind.SPECIAL);
        if (b != null) {
            for (Piece p : b.subList(0, keepB)) {
                sink.add(p.token(), idOf(p.token()), 1, 1, p.kind());
            }
            sink.add(SEP, sepId, 1, 1, TokenKind.SPECIAL);
        }
        while (tokens.size() < maxLength) {
            sink.add(PAD, padId, 0, 0, TokenKind.SPECIAL);
        }
        return new Encoding(tokens, ids, types, mask, kinds, truncated);
    }

    @FunctionalInterface
    private interface Sink {
        void add(String token, int id, int type, int mask, TokenKind kind);
    }

    private int idOf(String token) {
        return vocabulary.id(token).orElse(unkId);
    }

    /** Ids of tokens; a token not in the vocabulary gets the {@code [UNK]} id. */
    public List<Integer> convertTokensToIds(List<String> tokens) {
        return tokens.stream().map(this::idOf).toList();
    }

    /**
     * Tokens of ids (Hugging Face's {@code convert_ids_to_tokens}).
     *
     * @throws IndexOutOfBoundsException naming the id and the valid range if an id is outside the vocabulary
     */
    public List<String> convertIdsToTokens(List<Integer> ids) {
        return ids.stream().map(vocabulary::token).toList();
    }

    /** {@link #decode(List, boolean, boolean)} with the clean-up on, as BertTokenizer does by default. */
    public String decode(List<Integer> ids, boolean skipSpecialTokens) {
        return decode(ids, skipSpecialTokens, true);
    }

    /** {@link #decode(List, boolean)} for an id array. */
    public String decode(int[] ids, boolean skipSpecialTokens) {
        return decode(java.util.Arrays.stream(ids).boxed().toList(), skipSpecialTokens, true);
    }

    /**
     * Text from ids, the way Hugging Face's {@code BertTokenizer.decode} builds it: tokens joined
     * by single spaces, every {@code " ##"} removed so pieces glue to the word before them, and
     * then, if {@code cleanUpTokenizationSpaces}, {@link #cleanUpTokenization(String)}.
     * Lower-casing, stripped accents, removed control characters, spaces around Chinese
     * characters and {@code [UNK]} do not come back: decoding is not the inverse of encoding.
     *
     * @param skipSpecialTokens drop {@code [CLS] [SEP] [PAD] [MASK] [UNK]}
     * @throws IndexOutOfBoundsException if an id is outside the vocabulary
     */
    public String decode(List<Integer> ids, boolean skipSpecialTokens, boolean cleanUpTokenizationSpaces) {
        StringBuilder sb = new StringBuilder();
        for (int id : ids) {
            String token = vocabulary.token(id);
            if (skipSpecialTokens && specialIds.contains(id)) {
                continue;
            }
            if (sb.length() > 0) {
                sb.append(' ');
            }
            sb.append(token);
        }
        String text = sb.toString().replace(" " + WordPiece.CONTINUATION, "").strip();
        return cleanUpTokenizationSpaces ? cleanUpTokenization(text) : text;
    }

    /**
     * Hugging Face's {@code clean_up_tokenization}: removes the space WordPiece decoding leaves
     * before {@code . ? ! ,} and re-attaches English contractions ({@code " n't" → "n't"},
     * {@code " 's"}, {@code " 'm"}, {@code " 've"}, {@code " 're"}, {@code " ' " → "'"}), applied in
     * this order to the whole string. It does not touch full-width punctuation such as {@code ，}.
     */
    public static String cleanUpTokenization(String text) {
        return text.replace(" .", ".")
                .replace(" ?", "?")
                .replace(" !", "!")
                .replace(" ,", ",")
                .replace(" ' ", "'")
                .replace(" n't", "n't")
                .replace(" 'm", "'m")
                .replace(" 's", "'s")
                .replace(" 've", "'ve")
                .replace(" 're", "'re");
    }
}
