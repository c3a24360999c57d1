package org.attentionlab.text;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

import org.junit.jupiter.api.Test;

/** Encoding, kinds, truncation, padding and decoding on the shipped vocabulary. */
class BertTokenizerTest {

    private static final String SEED_PARAGRAPH = "Transformer 是一种基于自注意力机制的模型架构，广泛应用于自然语言处理任务。"
            + "与传统的循环神经网络不同，它能够并行处理整个序列，并捕捉长距离依赖。"
            + "本文将介绍其基本组成部分，包括词嵌入、位置编码、自注意力、前馈网络等。";

    private final Vocabulary vocab = Corpus.shippedVocabulary();
    private final BertTokenizer uncased = new BertTokenizer(vocab, true);
    private final BertTokenizer cased = new BertTokenizer(vocab, false);

    private int id(String token) {
        return vocab.id(token).orElseThrow(() -> new AssertionError("not in vocabulary: " + token));
    }

    @Test
    void seedParagraphLikeTheNotebook() {
        Encoding e = uncased.encode(SEED_PARAGRAPH);
        // The notebook's bert-base-chinese gives 103 positions with [UNK] for "Transformer"; our
        // vocabulary spells it transform ##er, so one more. Everything else is one token per character.
        List<String> expected = new ArrayList<>(List.of("[CLS]", "transform", "##er"));
        SEED_PARAGRAPH.substring("Transformer ".length()).codePoints().forEach(cp -> expected.add(Character.toString(cp)));
        expected.add("[SEP]");
        assertEquals(expected, e.tokens());
        assertEquals(104, e.size());
        assertEquals(101, e.inputIds().get(0));
        assertEquals(102, e.inputIds().get(103));
        assertEquals(e.tokens().stream().map(this::id).toList(), e.inputIds());
        assertEquals(Collections.nCopies(104, 0), e.tokenTypeIds());
        assertEquals(Collections.nCopies(104, 1), e.attentionMask());
        assertEquals(List.of(TokenKind.SPECIAL, TokenKind.WORD_START, TokenKind.PIECE, TokenKind.CJK), e.kinds().subList(0, 4));
        assertEquals(TokenKind.WORD, e.kinds().get(19)); // the full-width comma
        assertEquals("，", e.tokens().get(19));
        assertEquals(0, e.truncatedTokens());
        String decoded = uncased.decode(e.inputIds(), true);
        assertTrue(decoded.startsWith("transformer 是 一 种 基 于 自 注 意 力 机 制 的 模 型 架 构 ， 广 泛"), decoded);
        assertTrue(decoded.endsWith("前 馈 网 络 等 。"), decoded);
    }

    @Test
    void lectureSentence() {
        Encoding e = uncased.encode("The animal didn't cross the street because it was too tired");
        assertEquals(List.of("[CLS]", "the", "animal", "didn", "'", "t", "cross", "the", "street", "because", "it", "was",
                "too", "tired", "[SEP]"), e.tokens());
        assertEquals("the animal didn't cross the street because it was too tired", uncased.decode(e.inputIds(), true));
        assertEquals("[CLS] the animal didn't cross the street because it was too tired [SEP]", uncased.decode(e.inputIds(), false));
        assertEquals("the animal didn ' t cross the street because it was too tired", uncased.decode(e.inputIds(), true, false));
    }

    @Test
    void casedModeKeepsCapitalsAndAccents() {
        // The shipped vocabulary is lower case: capitalised words have no full match.
        Encoding e = cased.encode("The cat");
        assertEquals(List.of("[CLS]", "[UNK]", "cat", "[SEP]"), e.tokens());
        assertEquals(List.of(TokenKind.SPECIAL, TokenKind.UNKNOWN, TokenKind.WORD, TokenKind.SPECIAL), e.kinds());
        assertEquals(List.of("[CLS]", "[UNK]", "[SEP]"), cased.encode("étudiant").tokens());
        assertEquals(List.of("[CLS]", "etudiant", "[SEP]"), uncased.encode("étudiant").tokens());
    }

    @Test
    void specialTokensInTheTextAreNeverSplit() {
        Encoding e = uncased.encode("a[MASK]b [CLS]");
        assertEquals(List.of("[CLS]", "a", "[MASK]", "b", "[CLS]", "[SEP]"), e.tokens());
        assertEquals(List.of(101, id("a"), 103, id("b"), 101, 102), e.inputIds());
        assertEquals(TokenKind.SPECIAL, e.kinds().get(2));
        // Only the exact upper-case spelling is special.
        assertEquals(List.of("[CLS]", "[", "mask", "]", "[SEP]"), uncased.encode("[mask]").tokens());
        assertEquals(List.of("[CLS]", "[UNK]", "[SEP]"), uncased.encode("[UNK]").tokens());
        assertEquals(TokenKind.SPECIAL, uncased.encode("[UNK]").kinds().get(1));
        assertEquals(TokenKind.UNKNOWN, uncased.encode("xyzzy").kinds().get(1));
    }

    @Test
    void pairsGetSegmentIds() {
        Encoding e = uncased.encode("this movie is great", "i like it");
        assertEquals(List.of("[CLS]", "this", "movie", "is", "great", "[SEP]", "i", "like", "it", "[SEP]"), e.tokens());
        assertEquals(List.of(0, 0, 0, 0, 0, 0, 1, 1, 1, 1), e.tokenTypeIds());
        assertEquals(Collections.nCopies(10, 1), e.attentionMask());
    }

    @Test
    void truncationAndPadding() {
        Encoding padded = uncased.encode("猫 狗", 6);
        assertEquals(List.of("[CLS]", "猫", "狗", "[SEP]", "[PAD]", "[PAD]"), padded.tokens());
        assertEquals(List.of(101, id("猫"), id("狗"), 102, 0, 0), padded.inputIds());
        assertEquals(List.of(1, 1, 1, 1, 0, 0), padded.attentionMask());
        assertEquals(4, padded.realLength());

        Encoding cut = uncased.encode("猫狗爱跑", 4);
        assertEquals(List.of("[CLS]", "猫", "狗", "[SEP]"), cut.tokens());
        assertEquals(2, cut.truncatedTokens());
        assertEquals(List.of("[CLS]", "[SEP]"), uncased.encode("猫狗爱跑", 2).tokens());

        // Longest first: the longer sentence gives up tokens until the lengths meet.
        Encoding pair = uncased.encode("我 爱 你 猫 狗 爱 跑", "猫 狗", 9);
        assertEquals(List.of("[CLS]", "我", "爱", "你", "猫", "[SEP]", "猫", "狗", "[SEP]"), pair.tokens());
        assertEquals(List.of(0, 0, 0, 0, 0, 0, 1, 1, 1), pair.tokenTypeIds());
        assertEquals(3, pair.truncatedTokens());
        // Equal lengths and an odd budget: the second sentence keeps the extra token (Hugging Face's Rust library).
        Encoding tie = uncased.encode("a b c d", "e f g h", 8);
        assertEquals(List.of("[CLS]", "a", "b", "[SEP]", "e", "f", "g", "[SEP]"), tie.tokens());
        // Padding of a pair uses segment 0, mask 0.
        Encoding pairPadded = uncased.encode("a", "b", 6);
        assertEquals(List.of(0, 0, 0, 1, 1, 0), pairPadded.tokenTypeIds());
        assertEquals(List.of(1, 1, 1, 1, 1, 0), pairPadded.attentionMask());
    }

    @Test
    void maxLengthMustLeaveRoomForSpecialTokens() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> uncased.encode("a", 1));
        assertEquals("max_length 1 is too small: a sentence needs 2 special tokens ([CLS], [SEP]), so max_length must be at least 2",
                e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> uncased.encode("a", "b", 2));
    }

    @Test
    void decodeGluesPiecesAndCleansUpLikeBertTokenizer() {
        List<Integer> ids = uncased.encode("Transformers tokenize text, don't they? Yes!").inputIds();
        assertEquals("[CLS] transform ##ers token ##ize text , don ' t they ? y ##es ! [SEP]",
                String.join(" ", uncased.convertIdsToTokens(ids)));
        assertEquals("transformers tokenize text, don't they? yes!", uncased.decode(ids, true));
        assertEquals("transformers tokenize text , don ' t they ? yes !", uncased.decode(ids, true, false));
        // Padding is special too.
        assertEquals("猫 狗", uncased.decode(uncased.encode("猫狗", 8).inputIds(), true));
        assertEquals("[CLS] 猫 狗 [SEP] [PAD] [PAD] [PAD] [PAD]", uncased.decode(uncased.encode("猫狗", 8).inputIdsArray(), false));
        assertEquals("", uncased.decode(List.of(), true));
    }

    @Test
    void cleanUpRulesInOrder() {
        assertEquals("a. b? c! d, e'f", BertTokenizer.cleanUpTokenization("a . b ? c ! d , e ' f"));
        assertEquals("isn't i'm it's we've they're", BertTokenizer.cleanUpTokenization("is n't i 'm it 's we 've they 're"));
        // " ' " goes first, so a WordPiece-decoded "it ' s" becomes "it's".
        assertEquals("it's", BertTokenizer.cleanUpTokenization("it ' s"));
        // Full-width punctuation is left alone.
        assertEquals("你好 ， 世界 。", BertTokenizer.cleanUpTokenization("你好 ， 世界 。"));
    }

    @Test
    void idsAndTokensRoundTrip() {
        assertEquals(List.of("[CLS]", "[SEP]", "[PAD]"), uncased.convertIdsToTokens(List.of(101, 102, 0)));
        assertEquals(List.of(101, 100, id("猫")), uncased.convertTokensToIds(List.of("[CLS]", "nope", "猫")));
        IndexOutOfBoundsException e = assertThrows(IndexOutOfBoundsException.class,
                () -> uncased.convertIdsToTokens(List.of(vocab.size())));
        assertTrue(e.getMessage().contains("outside the vocabulary"), e.getMessage());
        assertEquals(List.of("transform", "##er"), uncased.tokenize("Transformer"));
    }

    @Test
    void vocabularyWithoutRequiredSpecialTokensIsRejected() {
        VocabularyException e = assertThrows(VocabularyException.class,
                () -> new BertTokenizer(Vocabulary.of("my-vocab.txt", List.of("[PAD]", "a")), true));
        assertEquals("my-vocab.txt: the vocabulary has no [UNK] token (needed to stand for words the vocabulary cannot spell);"
                + " expected a line that is exactly [UNK]", e.getMessage());
        VocabularyException noSep = assertThrows(VocabularyException.class,
                () -> new BertTokenizer(Vocabulary.of("v", List.of("[PAD]", "[UNK]", "[CLS]")), true));
        assertTrue(noSep.getMessage().contains("no [SEP] token"), noSep.getMessage());
        // [MASK] is optional.
        BertTokenizer noMask = new BertTokenizer(Vocabulary.of("v", List.of("[PAD]", "[UNK]", "[CLS]", "[SEP]", "mask", "[", "]")), true);
        assertEquals(List.of("[CLS]", "[", "mask", "]", "[SEP]"), noMask.encode("[MASK]").tokens());
    }

    @Test
    void encodingIsImmutableAndChecked() {
        Encoding e = uncased.encode("猫");
        assertThrows(UnsupportedOperationException.class, () -> e.tokens().add("x"));
        int[] ids = e.inputIdsArray();
        ids[0] = 7;
        assertEquals(101, e.inputIds().get(0));
        assertThrows(IllegalArgumentException.class,
                () -> new Encoding(List.of("a"), List.of(), List.of(0), List.of(1), List.of(TokenKind.WORD), 0));
    }
}
