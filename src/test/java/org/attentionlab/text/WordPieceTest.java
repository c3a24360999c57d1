package org.attentionlab.text;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;

import org.junit.jupiter.api.Test;

/** WordPiece on a hand-made vocabulary (the "unaffable" example of BERT's README). */
class WordPieceTest {

    private final Vocabulary vocab = Vocabulary.of("test vocabulary",
            List.of("[UNK]", "un", "##aff", "##able", "a", "##a", "aff", "##b", "猫", "😀", "##😀"));
    private final WordPiece wp = new WordPiece(vocab, "[UNK]");

    @Test
    void greedyLongestMatchFirst() {
        assertEquals(List.of("un", "##aff", "##able"), wp.tokenize("unaffable"));
        assertEquals(List.of("aff"), wp.tokenize("aff"));
        assertEquals(List.of("a", "##a", "##a"), wp.tokenize("aaa"));
        assertEquals(List.of("猫"), wp.tokenize("猫"));
        assertEquals(List.of("😀", "##😀"), wp.tokenize("😀😀")); // code points, not UTF-16 units
    }

    @Test
    void aWordWithoutAFullMatchIsOneUnknown() {
        assertEquals(List.of("[UNK]"), wp.tokenize("unaffablex")); // not un ##aff ##able [UNK]
        assertEquals(List.of("[UNK]"), wp.tokenize("able"));       // ##able exists, able does not
        assertEquals(List.of("[UNK]"), wp.tokenize("狗"));
        assertEquals(List.of(), wp.tokenize(""));
    }

    @Test
    void wordsLongerThan100CodePointsAreUnknownWithoutTrying() {
        assertEquals(100, WordPiece.MAX_INPUT_CHARS_PER_WORD);
        List<String> hundred = wp.tokenize("a".repeat(100));
        assertEquals(100, hundred.size());
        assertEquals("a", hundred.get(0));
        assertEquals("##a", hundred.get(99));
        assertEquals(List.of("[UNK]"), wp.tokenize("a".repeat(101)));
        // 100 emoji are 200 chars in Java but 100 code points: still split.
        assertEquals(100, wp.tokenize("😀".repeat(100)).size());
        assertEquals(List.of("[UNK]"), wp.tokenize("😀".repeat(101)));
    }

    @Test
    void missingUnknownTokenIsAnError() {
        VocabularyException e = assertThrows(VocabularyException.class,
                () -> new WordPiece(Vocabulary.of("tiny.txt", List.of("a", "b")), "[UNK]"));
        assertTrue(e.getMessage().startsWith("tiny.txt: the vocabulary has no [UNK] token"), e.getMessage());
    }
}
