package org.attentionlab.robust;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;

import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.IntRange;

import org.attentionlab.text.BertTokenizer;
import org.attentionlab.text.Encoding;
import org.attentionlab.text.Vocabulary;
import org.attentionlab.ui.qkv.QkvViewModel;

/**
 * Any text into the BERT tokenizer (with the shipped vocabulary) and into the Q/K/V view's
 * splitter: never an exception; every id is in the vocabulary; a max_length is honoured with
 * [CLS] first and [SEP] last; the three id lists have one entry per token.
 */
class TokenizerTextPropertiesTest {

    private static final BertTokenizer TOKENIZER;

    static {
        try {
            TOKENIZER = new BertTokenizer(Vocabulary.load(Path.of(Vocabulary.SHIPPED_PATH)), true);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    @Provide
    Arbitrary<String> text() {
        return HostileText.strings(30);
    }

    @Property(tries = 300)
    void anyTextTokenizes(@ForAll("text") String a, @ForAll("text") String b, @ForAll @IntRange(min = 3, max = 64) int max) {
        int size = TOKENIZER.vocabulary().size();
        for (Encoding e : List.of(TOKENIZER.encode(a), TOKENIZER.encode(a, b), TOKENIZER.encode(a, b, max))) {
            assertEquals(e.tokens().size(), e.inputIdsArray().length);
            assertEquals(e.tokens().size(), e.tokenTypeIdsArray().length);
            assertEquals(e.tokens().size(), e.attentionMaskArray().length);
            for (int id : e.inputIdsArray()) {
                assertTrue(id >= 0 && id < size, "id " + id);
            }
            assertEquals("[CLS]", e.tokens().get(0));
            assertTrue(e.tokens().contains("[SEP]"));
        }
        assertTrue(TOKENIZER.encode(a, b, max).size() <= max);
    }

    @Property(tries = 300)
    void anyTextSplitsIntoPrintableTokens(@ForAll("text") String s) {
        for (QkvViewModel.Split how : QkvViewModel.Split.values()) {
            for (String t : QkvViewModel.split(s, how)) {
                assertTrue(!t.isEmpty() && !t.codePoints().allMatch(Character::isISOControl), "token «" + t + "»");
            }
        }
    }
}
