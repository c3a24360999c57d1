package org.attentionlab.ui.tokenizer;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.List;
import java.util.Map;
import java.util.Queue;

import org.attentionlab.lesson.StateMap;
import org.attentionlab.lesson.StateValue;
import org.attentionlab.text.Encoding;
import org.attentionlab.text.TokenKind;
import org.attentionlab.ui.Message;
import org.attentionlab.ui.UiExecutors;
import org.attentionlab.ui.tokenizer.TokenizerViewModel.Chip;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The tokenizer view-model without a Stage (synchronous executors; tests run in the module root,
 * where the shipped vocabulary is). Token ids of the shipped vocabulary are quoted from
 * {@code tokenize} runs, which the Hugging Face differential test covers.
 */
class TokenizerViewModelTest {

    private final TokenizerViewModel vm = new TokenizerViewModel(UiExecutors.direct());

    private List<String> tokens() {
        return vm.chipsProperty().get().stream().map(Chip::token).toList();
    }

    private List<String> noteKeys() {
        return vm.notesProperty().get().stream().map(Message::key).toList();
    }

    @Test
    void theNotebookParagraphIsPreloadedAndEveryChipHasItsKind() {
        assertTrue(vm.vocabularyInfoProperty().get().shipped());
        assertEquals(1556, vm.vocabularyInfoProperty().get().size());
        List<Chip> chips = vm.chipsProperty().get();
        assertEquals(104, chips.size(), "the notebook's 103 tokens, with Transformer in two pieces here");
        assertEquals(List.of("[CLS]", "transform", "##er", "是", "一"), tokens().subList(0, 5));
        assertEquals(List.of(TokenKind.SPECIAL, TokenKind.WORD_START, TokenKind.PIECE, TokenKind.CJK),
                chips.subList(0, 4).stream().map(Chip::kind).toList());
        assertEquals(TokenKind.WORD, chips.get(19).kind(), "full-width comma: " + chips.get(19).token());
        assertEquals("，", chips.get(19).token());
        assertEquals(TokenKind.SPECIAL, chips.get(103).kind());
        assertEquals(List.of(101, 1509, 1517, 682), chips.subList(0, 4).stream().map(Chip::id).toList());
        assertNull(vm.chipNoticeProperty().get());
        assertNull(vm.lengthNoticeProperty().get());
        assertNull(vm.errorProperty().get());
        assertEquals(Message.of("tokenizer.explain.herePieces", "Transformer", "transform ##er", "[1509, 1517]"),
                vm.transformerExampleProperty().get());
    }

    @Test
    void rowsBeneathTheChipsAreAlignedWithTheEncoding() {
        vm.pairModeProperty().set(true);
        vm.pairProperty().set("i like it");
        Encoding e = vm.encodingProperty().get();
        List<Chip> chips = vm.chipsProperty().get();
        assertEquals(e.size(), chips.size());
        for (int i = 0; i < chips.size(); i++) {
            Chip c = chips.get(i);
            assertEquals(i, c.index());
            assertEquals(e.tokens().get(i), c.token());
            assertEquals(e.inputIds().get(i), c.id());
            assertEquals(e.tokenTypeIds().get(i), c.typeId());
            assertEquals(e.attentionMask().get(i), c.mask());
            assertEquals(e.kinds().get(i), c.kind());
        }
    }

    @Test
    void keepingCaseTurnsTransformerIntoUnkId100AsInTheNotebook() {
        vm.casedProperty().set(true);
        assertEquals(103, vm.chipsProperty().get().size(), "the notebook prints 103 ids");
        Chip unk = vm.chipsProperty().get().get(1);
        assertEquals("[UNK]", unk.token());
        assertEquals(TokenizerViewModel.NOTEBOOK_UNK_ID, unk.id());
        assertEquals(TokenKind.UNKNOWN, unk.kind());
        assertEquals(Message.of("tokenizer.explain.hereUnk", "Transformer", "[UNK]", "[100]"),
                vm.transformerExampleProperty().get());
        Message unknown = vm.notesProperty().get().stream().filter(m -> m.key().equals("tokenizer.roundtrip.unknown"))
                .findFirst().orElseThrow();
        assertEquals(List.of(1L, "Transformer"), unknown.args());
        assertFalse(vm.decodedProperty().get().contains("Transformer"), "skip_special_tokens drops [UNK]");
        assertTrue(vm.decodedProperty().get().startsWith("是 一 种"), vm.decodedProperty().get());
    }

    @Test
    void pairModeGivesSegmentOneToSentenceBAndItsSep() {
        vm.textProperty().set("this movie is great");
        vm.pairModeProperty().set(true);
        vm.pairProperty().set("i like it");
        assertEquals(List.of("[CLS]", "this", "movie", "is", "great", "[SEP]", "i", "like", "it", "[SEP]"), tokens());
        assertEquals(List.of(0, 0, 0, 0, 0, 0, 1, 1, 1, 1), vm.chipsProperty().get().stream().map(Chip::typeId).toList());
        assertEquals(List.of(1, 1, 1, 1, 1, 1, 1, 1, 1, 1), vm.chipsProperty().get().stream().map(Chip::mask).toList());
        assertEquals(List.of("tokenizer.roundtrip.exact"), noteKeys(), "A + space + B decodes back exactly");
        vm.pairModeProperty().set(false);
        assertEquals(6, tokens().size());
    }

    @Test
    void theSliderTruncatesLongestFirstAndPads() {
        vm.textProperty().set("the weather is nice today");
        vm.pairModeProperty().set(true);
        vm.pairProperty().set("i like it");
        vm.truncateProperty().set(true);
        vm.maxLengthProperty().set(8);
        // budget 8 − 3 = 5 for 5 + 3 tokens: the shorter B gets 2, the longer A 3 (Hugging Face's Rust rule)
        assertEquals(List.of("[CLS]", "the", "weather", "is", "[SEP]", "i", "like", "[SEP]"), tokens());
        assertEquals(Message.of("tokenizer.length.pairCut", 8, 3, 5, 3, 3, 2), vm.lengthNoticeProperty().get());
        assertTrue(noteKeys().contains("tokenizer.roundtrip.truncated"), noteKeys().toString());
        vm.maxLengthProperty().set(16);
        assertEquals(16, tokens().size());
        assertEquals(List.of("[PAD]", "[PAD]", "[PAD]", "[PAD]", "[PAD]"), tokens().subList(11, 16));
        assertEquals(List.of(0, 0, 0, 0, 0), vm.chipsProperty().get().subList(11, 16).stream().map(Chip::mask).toList());
        assertEquals(List.of(0, 0, 0, 0, 0), vm.chipsProperty().get().subList(11, 16).stream().map(Chip::id).toList());
        assertEquals(Message.of("tokenizer.length.padded", 16, 5), vm.lengthNoticeProperty().get());
        vm.pairModeProperty().set(false);
        vm.maxLengthProperty().set(4);
        assertEquals(List.of("[CLS]", "the", "weather", "[SEP]"), tokens());
        assertEquals(Message.of("tokenizer.length.cut", 4, 3), vm.lengthNoticeProperty().get());
        vm.truncateProperty().set(false);
        assertEquals(7, tokens().size());
        assertNull(vm.lengthNoticeProperty().get());
        assertTrue(vm.sliderMaxProperty().get() >= 16);
    }

    @Test
    void aMaxLengthTooSmallForThePairIsNamedAndTheNearestAllowedIsShown() {
        vm.textProperty().set("the weather");
        vm.pairModeProperty().set(true);
        vm.truncateProperty().set(true);
        vm.maxLengthProperty().set(2);
        assertEquals(Message.of("tokenizer.error.maxLengthPair", 2, 3, TokenizerViewModel.MAX_LENGTH), vm.errorProperty().get());
        assertEquals(List.of("[CLS]", "[SEP]", "[SEP]"), tokens());
        vm.maxLengthProperty().set(5);
        assertNull(vm.errorProperty().get());
    }

    @Test
    void decodeNotesNameWhatTheRoundTripChanged() {
        vm.textProperty().set("the weather is nice today");
        assertEquals(List.of("tokenizer.roundtrip.exact"), noteKeys());
        vm.textProperty().set("The Weather");
        assertEquals(Message.of("tokenizer.roundtrip.case", "The", "the"), vm.notesProperty().get().get(0));
        vm.textProperty().set("café");
        assertEquals(List.of("tokenizer.roundtrip.accents", "tokenizer.roundtrip.unknown"), noteKeys());
        assertEquals(List.of("café", "cafe"), vm.notesProperty().get().get(0).args());
        vm.textProperty().set("the   weather\nis");
        assertEquals(List.of("tokenizer.roundtrip.spaces"), noteKeys());
        vm.textProperty().set("我爱你");
        assertEquals("我 爱 你", vm.decodedProperty().get());
        assertEquals(List.of("tokenizer.roundtrip.cjkSpaces"), noteKeys());
        vm.textProperty().set("the\u0000 weather\u200b");
        assertTrue(noteKeys().contains("tokenizer.roundtrip.control"), noteKeys().toString());
        assertEquals(2L, vm.notesProperty().get().get(0).args().get(0));
    }

    @Test
    void aTextOf100000CharactersIsTokenizedInFullButOnly600ChipsAreMade() {
        StringBuilder sb = new StringBuilder();
        while (sb.length() < 100_000) {
            sb.append(TokenizerViewModel.NOTEBOOK_PARAGRAPH);
        }
        String text = sb.substring(0, 100_000);
        vm.textProperty().set(text);
        Encoding e = vm.encodingProperty().get();
        assertTrue(e.size() > 90_000, "tokens: " + e.size());
        assertEquals(TokenizerViewModel.MAX_CHIPS, vm.chipsProperty().get().size());
        assertEquals(Message.of("tokenizer.notice.chips", TokenizerViewModel.MAX_CHIPS, e.size()), vm.chipNoticeProperty().get());
        assertEquals(TokenizerViewModel.MAX_DECODED_CHARS + 1, vm.decodedProperty().get().length());
        assertTrue(vm.decodedProperty().get().endsWith("…"));
        assertEquals(TokenizerViewModel.MAX_LENGTH, vm.sliderMaxProperty().get());
        vm.truncateProperty().set(true);
        vm.maxLengthProperty().set(512);
        assertEquals(512, vm.chipsProperty().get().size());
        assertEquals(e.size() - 512, vm.encodingProperty().get().truncatedTokens());
    }

    @Test
    void tokenizingRunsInTheBackgroundAndOnlyTheNewestResultIsShown() {
        Queue<Runnable> background = new ArrayDeque<>();
        TokenizerViewModel queued = new TokenizerViewModel(new UiExecutors(background::add, Runnable::run));
        assertTrue(queued.busyBinding().get(), "the vocabulary loads in the background");
        assertTrue(queued.chipsProperty().get().isEmpty());
        background.poll().run(); // vocabulary loaded: it asks for the first tokenization
        queued.textProperty().set("the weather");
        queued.textProperty().set("the weather is nice");
        assertTrue(queued.chipsProperty().get().isEmpty(), "nothing is tokenized on the FX thread");
        while (!background.isEmpty()) {
            background.poll().run();
        }
        assertFalse(queued.busyBinding().get());
        assertEquals(6, queued.chipsProperty().get().size(), "the newest text wins");
    }

    @Test
    void badVocabularyFilesAreNamedAndTheVocabularyInUseStays(@TempDir Path dir) throws IOException {
        List<Chip> before = vm.chipsProperty().get();
        vm.openVocabulary(dir.resolve("nope.txt"));
        assertEquals(Message.of("tokenizer.error.vocabMissing", dir.resolve("nope.txt").toString()), vm.errorProperty().get());
        vm.openVocabulary(dir);
        assertEquals(Message.of("tokenizer.error.vocabFolder", dir.toString()), vm.errorProperty().get());
        Path empty = Files.writeString(dir.resolve("empty.txt"), "");
        vm.openVocabulary(empty);
        assertEquals("tokenizer.error.vocab", vm.errorProperty().get().key());
        assertTrue(vm.errorProperty().get().args().get(1).toString().contains("empty"), vm.errorProperty().get().toString());
        Path latin1 = dir.resolve("latin1.txt");
        Files.write(latin1, new byte[] {'[', 'P', 'A', 'D', ']', '\n', 'c', 'a', 'f', (byte) 0xE9, '\n'});
        vm.openVocabulary(latin1);
        assertTrue(vm.errorProperty().get().args().get(1).toString().contains("line 2"), vm.errorProperty().get().toString());
        Path noUnk = Files.writeString(dir.resolve("no-unk.txt"), "[PAD]\n[CLS]\n[SEP]\n我\n", StandardCharsets.UTF_8);
        vm.openVocabulary(noUnk);
        assertTrue(vm.errorProperty().get().args().get(1).toString().contains("[UNK]"), vm.errorProperty().get().toString());
        Path noCls = Files.writeString(dir.resolve("no-cls.txt"), "[PAD]\n[UNK]\n[SEP]\n我\n", StandardCharsets.UTF_8);
        vm.openVocabulary(noCls);
        assertTrue(vm.errorProperty().get().args().get(1).toString().contains("[CLS]"), vm.errorProperty().get().toString());
        assertTrue(vm.vocabularyInfoProperty().get().shipped(), "the shipped vocabulary is still in use");
        assertEquals(before, vm.chipsProperty().get());
    }

    @Test
    void anyVocabTxtGivesItsLineNumbersAsIdsAndALessonPutsItAside(@TempDir Path dir) throws IOException {
        Path vocab = Files.writeString(dir.resolve("vocab.txt"), "[PAD]\n[UNK]\n[CLS]\n[SEP]\n[MASK]\n我\n爱\n你\n",
                StandardCharsets.UTF_8);
        vm.openVocabulary(vocab);
        vm.textProperty().set("我爱你们");
        assertNull(vm.errorProperty().get());
        assertFalse(vm.vocabularyInfoProperty().get().shipped());
        assertEquals(8, vm.vocabularyInfoProperty().get().size());
        assertEquals(List.of(2, 5, 6, 7, 1, 3), vm.chipsProperty().get().stream().map(Chip::id).toList());
        assertEquals(TokenKind.UNKNOWN, vm.chipsProperty().get().get(4).kind(), "们 is not in this vocabulary");
        vm.applyLessonState(StateMap.of(Map.of("text", new StateValue.Text("我爱你"))));
        assertEquals(Message.of("tokenizer.notice.lessonVocabulary", vocab.toString()), vm.noticeProperty().get());
        assertTrue(vm.vocabularyInfoProperty().get().shipped());
        assertEquals(List.of(101, 599, 784, 308, 102), vm.chipsProperty().get().stream().map(Chip::id).toList());
    }

    @Test
    void aLessonStateIsCompleteAbsentKeysTakeTheDefaults() {
        vm.applyLessonState(StateMap.of(Map.of(
                "text", new StateValue.Text("this movie is great"),
                "pair", new StateValue.Text("i like it"),
                "maxLength", new StateValue.Int(12),
                "cased", new StateValue.Bool(false),
                "token", new StateValue.Int(6))));
        assertTrue(vm.pairModeProperty().get());
        assertTrue(vm.truncateProperty().get());
        assertEquals(12, tokens().size());
        Chip focused = vm.focusedProperty().get();
        assertNotNull(focused);
        assertEquals("i", focused.token());
        assertEquals(1, focused.typeId());
        vm.applyLessonState(StateMap.empty());
        assertEquals(TokenizerViewModel.NOTEBOOK_PARAGRAPH, vm.textProperty().get());
        assertFalse(vm.pairModeProperty().get());
        assertFalse(vm.truncateProperty().get());
        assertFalse(vm.casedProperty().get());
        assertNull(vm.focusedProperty().get());
        assertEquals(104, tokens().size());
        vm.applyLessonState(StateMap.of(Map.of("text", new StateValue.Text("我爱你"), "token", new StateValue.Int(9))));
        assertEquals(Message.of("tokenizer.error.focus", 9, 4), vm.errorProperty().get());
    }

    @Test
    void specialTokensTypedInTheTextStaySpecial() {
        vm.textProperty().set("我爱自然[MASK]言处理");
        assertEquals(List.of("[CLS]", "我", "爱", "自", "然", "[MASK]", "言", "处", "理", "[SEP]"), tokens());
        assertEquals(103, vm.chipsProperty().get().get(5).id());
        assertEquals(TokenKind.SPECIAL, vm.chipsProperty().get().get(5).kind());
    }
}
