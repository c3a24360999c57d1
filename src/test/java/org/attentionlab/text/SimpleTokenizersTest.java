package org.attentionlab.text;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;

import org.junit.jupiter.api.Test;

class SimpleTokenizersTest {

    @Test
    void whitespace() {
        TextTokenizer t = new WhitespaceTokenizer();
        assertEquals("whitespace", t.name());
        assertEquals(List.of("The", "weather", "is", "nice", "today."), t.tokenize("  The weather\tis nice\ntoday. "));
        assertEquals(List.of("我爱你。我爱自然语言处理。"), t.tokenize("我爱你。我爱自然语言处理。"));
        assertEquals(List.of("中文", "空格"), t.tokenize("中文\u3000空格"));
        assertEquals(List.of(), t.tokenize(" \u00A0 "));
    }

    @Test
    void character() {
        TextTokenizer t = new CharacterTokenizer();
        assertEquals("character", t.name());
        assertEquals(List.of("猫", "狗", "爱", "跑"), t.tokenize("猫 狗 爱 跑"));
        assertEquals(List.of("c", "a", "t", "😺"), t.tokenize("cat 😺"));
        assertEquals(List.of("e", "\u0301"), t.tokenize("e\u0301"));
    }

    @Test
    void bertIsATextTokenizerToo() {
        TextTokenizer t = new BertTokenizer(Corpus.shippedVocabulary(), true);
        assertEquals("bert-wordpiece", t.name());
        assertEquals(List.of("猫", "爱", "跑", "!"), t.tokenize("猫爱跑!"));
    }
}
