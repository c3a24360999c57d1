package org.attentionlab.ui.decoding;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.attentionlab.engine.train.Decoding;
import org.attentionlab.engine.train.DecodingStep;
import org.attentionlab.engine.train.Sampling;
import org.attentionlab.engine.train.TokenChoice;
import org.attentionlab.engine.train.Translator;
import org.attentionlab.lesson.StateMap;
import org.attentionlab.lesson.StateValue;
import org.attentionlab.ui.LessonStates;
import org.attentionlab.ui.UiExecutors;
import org.attentionlab.ui.bleu.BleuViewModel;
import org.attentionlab.ui.crossattention.CrossAttentionViewModel;
import org.attentionlab.ui.crossattention.ShippedModels;
import org.attentionlab.ui.decoding.DecodingViewModel.Mode;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The decoding view-model without a Stage: its steps are {@link Translator#decode}'s, each
 * distribution sums to 1 and is sorted, sampling replays with its seed, stepping stays inside
 * the decoding, and Send to BLEU fills the BLEU view-model with the translation and the
 * held-out reference.
 */
class DecodingViewModelTest {

    private static final String SENTENCE = "a red chinese car follows the black dog";
    private static final String REFERENCE = "une voiture chinoise rouge suit le chien noir";
    private static ShippedModels models;
    private static Translator own;

    @BeforeAll
    static void load() throws Exception {
        models = new ShippedModels();
        own = Translator.load(Path.of(Translator.SHIPPED_PATH)); // a second copy, decoding on its own
    }

    private static DecodingViewModel vm() {
        return new DecodingViewModel(UiExecutors.direct(), models, new HeldOutSet());
    }

    @Test
    void greedyStepsAreTheTranslatorsAndEachDistributionSumsToOne() {
        DecodingViewModel vm = vm();
        vm.applyState(LessonStates.of("source", SENTENCE));
        Decoding shown = vm.resultProperty().get().decoding();
        Decoding expected = own.decode(SENTENCE, Sampling.greedyDecoding());
        assertEquals(REFERENCE, shown.text());
        assertEquals(expected.steps().size(), shown.steps().size());
        assertEquals(9, shown.steps().size(), "8 words and <eos>");
        for (int t = 0; t < shown.steps().size(); t++) {
            DecodingStep a = shown.steps().get(t);
            DecodingStep b = expected.steps().get(t);
            assertEquals(b.chosen().token(), a.chosen().token());
            assertArrayEquals(b.probabilities(), a.probabilities(), 1e-12);
            assertEquals(b.inputTokens(), a.inputTokens());
            double sum = 0;
            for (double p : a.probabilities()) {
                sum += p;
            }
            assertEquals(1.0, sum, 1e-9, "step " + t);
            for (int i = 1; i < a.top().size(); i++) {
                assertTrue(a.top().get(i - 1).probability() >= a.top().get(i).probability(), "best first");
            }
            assertEquals(a.top().get(0).token(), a.chosen().token(), "greedy takes the most probable");
        }
        assertEquals("<eos>", shown.steps().get(8).chosen().token());
        // the step shown: inputs <bos> + t words, its maps (t + 1) rows
        vm.stepProperty().set(3);
        DecodingStep s = vm.currentProperty().get();
        assertEquals(List.of("<bos>", "une", "voiture", "chinoise"), s.inputTokens());
        assertEquals("rouge", s.chosen().token());
        assertEquals(4, vm.selfMapProperty().get().rows());
        assertEquals(4, vm.selfMapProperty().get().cols());
        assertEquals(0.0, vm.selfMapProperty().get().get(1, 2), 0.0, "masked: a word never sees the next one");
        assertEquals(9, vm.crossMapProperty().get().cols(), "8 source words and <eos>");
        assertEquals(CrossAttentionViewModel.headMean(s.crossAttention().get(1)), vm.crossMapProperty().get());
        // "rouge" is written while the decoder reads "red", after the noun: the crossing
        double[] last = vm.crossMapProperty().get().row(3);
        int best = 0;
        for (int j = 1; j < last.length; j++) {
            best = last[j] > last[best] ? j : best;
        }
        assertEquals("red", shown.sourceTokens().get(best));
    }

    @Test
    void nextBackFirstAndRunToEndStayInsideTheDecoding() {
        DecodingViewModel vm = vm();
        vm.decode();
        assertEquals(0, vm.shownStepProperty().get());
        vm.back();
        assertEquals(0, vm.shownStepProperty().get());
        vm.next();
        vm.next();
        assertEquals(2, vm.shownStepProperty().get());
        vm.runToEnd();
        int last = vm.resultProperty().get().steps() - 1;
        assertEquals(last, vm.shownStepProperty().get());
        assertEquals("<eos>", vm.currentProperty().get().chosen().token());
        vm.next();
        assertEquals(last, vm.shownStepProperty().get());
        vm.first();
        assertEquals(0, vm.shownStepProperty().get());
        vm.applyState(LessonStates.of("step", 40));
        assertEquals("decoding.error.step", vm.choiceProblemProperty().get().key());
        assertEquals(last, vm.shownStepProperty().get());
    }

    @Test
    void samplingIsSeededAndKeepsToTheTopK() {
        DecodingViewModel vm = vm();
        vm.applyState(LessonStates.of("source", SENTENCE, "sampling", "sample", "temperature", 3.0, "topK", 4, "seed", 11));
        Decoding a = vm.resultProperty().get().decoding();
        assertEquals(own.decode(SENTENCE, Sampling.sample(3.0, 4, 11)).text(), a.text(), "the engine's draw for seed 11");
        vm.seedProperty().set(12);
        vm.seedProperty().set(11);
        assertEquals(a.text(), vm.resultProperty().get().decoding().text(), "the same seed replays the same choices");
        for (DecodingStep s : a.steps()) {
            assertEquals(4, s.top().size());
            assertTrue(s.top().stream().map(TokenChoice::token).toList().contains(s.chosen().token()), "drawn from the top 4");
            double renormalised = s.top().stream().mapToDouble(TokenChoice::sampling).sum();
            assertEquals(1.0, renormalised, 1e-9);
        }
        // a hot temperature makes some seed choose differently from greedy
        List<String> texts = new ArrayList<>();
        for (int seed = 0; seed < 6; seed++) {
            vm.seedProperty().set(seed);
            texts.add(vm.resultProperty().get().decoding().text());
        }
        assertTrue(texts.stream().anyMatch(t -> !t.equals(REFERENCE)), texts.toString());
        vm.modeProperty().set(Mode.GREEDY);
        assertEquals(REFERENCE, vm.resultProperty().get().decoding().text());
    }

    @Test
    void sendToBleuFillsTheBleuViewWithTheTranslationAndTheHeldOutReference() {
        BleuViewModel bleu = new BleuViewModel(UiExecutors.direct());
        DecodingViewModel vm = vm();
        List<String> sent = new ArrayList<>();
        vm.bleuTargetProperty().set((candidate, reference) -> {
            sent.add(candidate);
            bleu.applyState(StateMap.of(Map.of("candidate", new StateValue.Text(candidate),
                    "references", new StateValue.Texts(List.of(reference)))));
        });
        vm.applyState(LessonStates.of("source", "the european economic area is modern"));
        assertEquals("la zone économique européenne est moderne", vm.resultProperty().get().heldOut(), "test.fr line 2");
        assertTrue(vm.sendToBleu());
        assertEquals(List.of("la zone économique européenne est moderne"), sent);
        assertEquals("la zone économique européenne est moderne", bleu.candidateProperty().get());
        assertEquals(List.of("la zone économique européenne est moderne"), bleu.referenceTexts());
        assertEquals(100.0, bleu.analysisProperty().get().comparison().sacre().score(), 1e-9);

        // not a held-out sentence: a typed reference, or a message saying one is needed
        vm.applyState(LessonStates.of("source", "the girl sees a red car"));
        assertNull(vm.resultProperty().get().heldOut());
        assertFalse(vm.sendToBleu());
        assertEquals("decoding.error.noReference", vm.errorProperty().get().key());
        vm.referenceProperty().set("la fille voit une voiture rouge");
        assertTrue(vm.sendToBleu());
        assertEquals(List.of("la fille voit une voiture rouge"), bleu.referenceTexts());
        assertNotNull(bleu.analysisProperty().get());
    }

    @Test
    void badInputSaysWhatWasWrong() {
        DecodingViewModel vm = vm();
        vm.sourceProperty().set("");
        vm.decode();
        assertEquals("decoding.error.empty", vm.errorProperty().get().key());
        vm.sourceProperty().set("a ".repeat(30));
        vm.decode();
        assertEquals("decoding.error.tooLong", vm.errorProperty().get().key());
        vm.sourceProperty().set("the zebra sees the dog");
        vm.decode();
        assertEquals("decoding.notice.unknown", vm.noticeProperty().get().key());
        assertNotEquals(0, vm.resultProperty().get().steps());
        vm.applyState(LessonStates.of("layer", 7));
        assertEquals("decoding.error.layer", vm.choiceProblemProperty().get().key());
    }
}
