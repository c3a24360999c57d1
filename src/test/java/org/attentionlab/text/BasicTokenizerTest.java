package org.attentionlab.text;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;

import org.junit.jupiter.api.Test;

/**
 * Golden cases for BERT's basic tokenizer on tricky input. Expected values are worked out by
 * hand from BERT's rules (and agree with Hugging Face's tokenizers, see the differential test).
 */
class BasicTokenizerTest {

    private final BasicTokenizer uncased = new BasicTokenizer(true);
    private final BasicTokenizer cased = new BasicTokenizer(false);

    @Test
    void controlCharactersAreDroppedAndWhitespaceSeparates() {
        assertEquals(List.of("hello", "world", "!"), uncased.tokenize("Hello\u0000 wor\u0007ld\t!"));
        assertEquals(List.of("zerowidth"), uncased.tokenize("zero\u200Bwidth"));      // Cf
        assertEquals(List.of("softhyphen"), uncased.tokenize("soft\u00ADhyphen"));    // Cf
        assertEquals(List.of("bominside"), uncased.tokenize("bom\uFEFFinside"));      // Cf
        assertEquals(List.of("ab"), uncased.tokenize("a\uFFFDb"));                    // replacement char
        assertEquals(List.of("ab"), uncased.tokenize("a\uE000b"));                    // private use
        assertEquals(List.of("ab"), uncased.tokenize("a\u0085b"));                    // NEL is Cc: removed, not a space
        assertEquals(List.of("a", "b", "c", "d"), uncased.tokenize("a\u00A0b\u3000c\u2028d"));
        assertEquals(List.of("line", "break", "windows"), uncased.tokenize("line\nbreak\r\nwindows"));
        assertEquals(List.of(), uncased.tokenize(" \t\r\n\u3000 "));
        assertEquals(List.of(), uncased.tokenize(""));
    }

    @Test
    void combiningAccentsAreStrippedOnlyWhenLowerCasing() {
        assertEquals(List.of("je", "suis", "etudiant"), uncased.tokenize("Je suis étudiant"));
        assertEquals(List.of("etudiant"), uncased.tokenize("e\u0301tudiant"));         // decomposed input
        assertEquals(List.of("etudiant"), uncased.tokenize("ÉTUDIANT"));
        assertEquals(List.of("Je", "suis", "étudiant"), cased.tokenize("Je suis étudiant"));
        assertEquals(List.of("e\u0301tudiant"), cased.tokenize("e\u0301tudiant"));      // left alone
        assertEquals(List.of("tieng", "viet"), uncased.tokenize("Tiếng Việt"));
        assertEquals(List.of("istanbul"), uncased.tokenize("İstanbul"));              // İ -> i + U+0307 -> i
        assertEquals(List.of("straße"), uncased.tokenize("Straße"));                  // ß is not an accent
        assertEquals(List.of("øslo"), uncased.tokenize("Øslo"));                      // ø has no decomposition
        assertEquals(List.of(), uncased.tokenize("\u0301"));                          // a lone mark vanishes
    }

    @Test
    void lowerCasingIsPerCharacter() {
        // Hugging Face lower-cases one character at a time: no final-sigma rule.
        assertEquals(List.of("οδοσ"), uncased.tokenize("ΟΔΟΣ"));
        assertEquals(List.of("k"), uncased.tokenize("\u212A"));                       // KELVIN SIGN
        assertEquals(List.of("ａｂｃ"), uncased.tokenize("ＡＢＣ"));                  // full-width letters stay full-width
    }

    @Test
    void everyCjkIdeographIsItsOwnToken() {
        assertEquals(List.of("猫", "狗", "爱", "跑"), uncased.tokenize("猫狗爱跑"));
        assertEquals(List.of("中", "文", "english", "混", "合"), uncased.tokenize("中文English混合"));
        assertEquals(List.of("\u3400", "\uD840\uDC00", "\uF900"), cased.tokenize("\u3400\uD840\uDC00\uF900")); // ext A, ext B, compatibility
        // Kana, hangul and CJK radicals are not in BERT's ranges: they stay glued together.
        assertEquals(List.of("こんにちは", "世", "界"), cased.tokenize("こんにちは世界"));
        assertEquals(List.of("⺀⺁"), cased.tokenize("⺀⺁"));
        assertEquals(List.of("〇"), cased.tokenize("〇"));
    }

    @Test
    void punctuationFollowsBertsDefinition() {
        // ASCII symbols count as punctuation although Unicode calls $ + < = > ^ ` | ~ symbols.
        assertEquals(List.of("$", "100", "+", "2", "=", "x", "^", "y", "|", "z", "~", "`"), cased.tokenize("$100+2=x^y|z~`"));
        assertEquals(List.of("don", "'", "t"), uncased.tokenize("don't"));
        assertEquals(List.of("他", "说", "：", "“", "你", "好", "！", "”"), uncased.tokenize("他说：“你好！”"));
        assertEquals(List.of("【", "注", "】", "《", "书", "》", "…", "—"), uncased.tokenize("【注】《书》…—"));
        assertEquals(List.of("¿", "que", "?", "¡", "hola", "!"), uncased.tokenize("¿Qué? ¡Hola!"));
        // Non-ASCII symbols (So, Sm, Sc) are not punctuation: they stay inside the word.
        assertEquals(List.of("a→b×c€"), cased.tokenize("a→b×c€"));
        assertEquals(List.of("x😀y"), cased.tokenize("x😀y"));
        assertEquals(List.of("multi", "-", "head"), uncased.tokenize("multi-head"));
        assertEquals(List.of("input", "_", "ids"), uncased.tokenize("input_ids"));
    }

    @Test
    void fullWidthPunctuationAndDigits() {
        assertEquals(List.of("１２３", "！", "？"), uncased.tokenize("１２３！？"));
        assertEquals(List.of("，", "。", "、", "；"), uncased.tokenize("，。、；"));
    }

    @Test
    void veryLongWordsStayOneWord() {
        String longWord = "a".repeat(250);
        assertEquals(List.of(longWord), uncased.tokenize(longWord));
    }

    @Test
    void characterClasses() {
        assertTrue(BasicTokenizer.isCjk(0x4E00));
        assertTrue(BasicTokenizer.isCjk(0x9FFF));
        assertFalse(BasicTokenizer.isCjk(0x3042));  // hiragana あ
        assertFalse(BasicTokenizer.isCjk(0xAC00));  // hangul 가
        assertTrue(BasicTokenizer.isPunctuation('~'));
        assertTrue(BasicTokenizer.isPunctuation(0x3002));  // 。
        assertFalse(BasicTokenizer.isPunctuation(0x00D7)); // × is Sm
        assertTrue(BasicTokenizer.isWhitespace(0x00A0));
        assertTrue(BasicTokenizer.isWhitespace(0x3000));
        assertFalse(BasicTokenizer.isWhitespace(0x200B));  // zero-width space is Cf, not whitespace
        assertTrue(BasicTokenizer.isControl(0x200D));
        assertFalse(BasicTokenizer.isControl('\t'));
    }
}
