package org.attentionlab.ui.crossattention;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;

import org.attentionlab.engine.trace.Matrix;
import org.attentionlab.ui.LessonStates;
import org.attentionlab.ui.UiExecutors;
import org.attentionlab.ui.crossattention.CrossAttentionViewModel.Result;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The cross-attention view-model without a Stage, on the shipped models: the lecture's
 * adjective–noun pair crosses, a given target is read teacher-forced, copy is a diagonal and
 * reverse an anti-diagonal, and what cannot be shown says why.
 */
class CrossAttentionViewModelTest {

    private static ShippedModels models;

    @BeforeAll
    static void load() {
        models = new ShippedModels();
    }

    private static CrossAttentionViewModel vm() {
        return new CrossAttentionViewModel(UiExecutors.direct(), models);
    }

    private static int argmax(double[] row) {
        int best = 0;
        for (int j = 1; j < row.length; j++) {
            if (row[j] > row[best]) {
                best = j;
            }
        }
        return best;
    }

    @Test
    void thePreloadedSentenceTranslatesAndItsAdjectivesCross() {
        CrossAttentionViewModel vm = vm();
        vm.compute();
        Result r = vm.resultProperty().get();
        assertNotNull(r, () -> String.valueOf(vm.errorProperty().get()));
        assertFalse(r.teacherForced());
        assertEquals("le professeur visite la zone économique européenne", r.target());
        assertEquals(List.of("the", "teacher", "visits", "the", "european", "economic", "area", "<eos>"), r.sourceTokens());
        assertEquals(List.of("le", "professeur", "visite", "la", "zone", "économique", "européenne", "<eos>"), r.targetTokens());
        assertEquals(2, r.layers());
        assertEquals(4, r.heads());
        // the mean of the last layer's heads, shown by default: the adjectives read in mirror order
        Matrix mean = vm.focusProperty().get();
        assertEquals(1, vm.shownLayerProperty().get());
        assertEquals(-1, vm.shownHeadProperty().get());
        int european = r.sourceTokens().indexOf("european");
        int economic = r.sourceTokens().indexOf("economic");
        int area = r.sourceTokens().indexOf("area");
        assertEquals(area, argmax(mean.row(r.targetTokens().indexOf("zone"))));
        assertEquals(economic, argmax(mean.row(r.targetTokens().indexOf("économique"))));
        assertEquals(european, argmax(mean.row(r.targetTokens().indexOf("européenne"))));
        assertTrue(european < economic && economic < area, "English order");
        assertEquals(List.of("the", "teacher", "visits", "the", "area", "economic", "european"),
                CrossAttentionViewModel.alignment(mean, r.sourceTokens()), "zone ← area crosses économique ← economic and européenne ← european");
        for (double[] row : mean.toArray()) {
            assertEquals(1.0, java.util.Arrays.stream(row).sum(), 1e-5, "a mean of softmax rows sums to 1");
        }
    }

    @Test
    void aGivenTargetIsReadTeacherForcedAndHeadsCanBeChosen() {
        CrossAttentionViewModel vm = vm();
        vm.applyState(LessonStates.of("source", "a red chinese car follows the black dog", "target", "une voiture chinoise rouge suit le chien noir",
                "layer", 0, "head", 2));
        Result r = vm.resultProperty().get();
        assertTrue(r.teacherForced());
        assertEquals(List.of("une", "voiture", "chinoise", "rouge", "suit", "le", "chien", "noir", "<eos>"), r.targetTokens());
        assertEquals(0, vm.shownLayerProperty().get());
        assertEquals(2, vm.shownHeadProperty().get());
        assertEquals(r.cross().get(0).get(2), vm.focusProperty().get());
        assertEquals(4, vm.headMapsProperty().get().size());
        Matrix mean = CrossAttentionViewModel.headMean(r.cross().get(0));
        double sum = 0;
        for (Matrix h : r.cross().get(0)) {
            sum += h.get(1, 2);
        }
        assertEquals(sum / 4, mean.get(1, 2), 1e-15);
        vm.headProperty().set(-1);
        assertEquals(r.mean(0), vm.focusProperty().get());
    }

    @Test
    void copyIsADiagonalAndReverseAnAntiDiagonal() {
        CrossAttentionViewModel vm = vm();
        vm.applyState(LessonStates.of("model", "copy"));
        Result copy = vm.resultProperty().get();
        assertEquals("7 2 9 4 1 5", copy.target());
        for (int i = 0; i < 6; i++) {
            assertEquals(i, argmax(vm.focusProperty().get().row(i)), "copy row " + i);
        }
        vm.applyState(LessonStates.of("model", "reverse"));
        Result reverse = vm.resultProperty().get();
        assertEquals("5 1 4 9 2 7", reverse.target());
        for (int i = 0; i < 6; i++) {
            assertEquals(5 - i, argmax(vm.focusProperty().get().row(i)), "reverse row " + i);
        }
    }

    @Test
    void whatCannotBeReadOrShownSaysWhy() {
        CrossAttentionViewModel vm = vm();
        vm.sourceProperty().set("   ");
        vm.compute();
        assertEquals("cross.error.empty", vm.errorProperty().get().key());
        assertNull(vm.resultProperty().get());
        vm.sourceProperty().set("the dog ".repeat(13));
        vm.compute();
        assertEquals("cross.error.tooLong", vm.errorProperty().get().key());
        assertEquals(List.of(26, 23), vm.errorProperty().get().args());
        vm.sourceProperty().set("the zebra sees the dog");
        vm.compute();
        assertNull(vm.errorProperty().get());
        assertEquals("cross.notice.unknown", vm.noticeProperty().get().key());
        assertTrue(vm.resultProperty().get().sourceTokens().contains("<unk>"));
        vm.applyState(LessonStates.of("layer", 5, "head", 9));
        assertNotNull(vm.resultProperty().get());
        assertEquals("cross.error.head", vm.choiceProblemProperty().get().key());
        assertEquals(1, vm.shownLayerProperty().get(), "the last layer instead");
        assertEquals(-1, vm.shownHeadProperty().get(), "the mean instead");
    }

    @Test
    void choosingAnotherModelOpensItsExample() {
        CrossAttentionViewModel vm = vm();
        vm.compute();
        vm.modelProperty().set(ShippedModel.REVERSE);
        assertEquals("7 2 9 4 1 5", vm.sourceProperty().get());
        assertEquals("5 1 4 9 2 7", vm.resultProperty().get().target());
        vm.modelProperty().set(ShippedModel.TINY_TRANSLATOR);
        vm.sourceProperty().set("the girl sees a red car");
        vm.compute();
        vm.useExample();
        assertEquals(ShippedModel.TINY_TRANSLATOR.example(), vm.sourceProperty().get());
    }
}
