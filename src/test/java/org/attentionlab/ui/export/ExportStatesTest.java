package org.attentionlab.ui.export;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;

import org.attentionlab.lesson.StateMap;
import org.attentionlab.lesson.ViewCatalog;
import org.attentionlab.lesson.ViewSpec;
import org.junit.jupiter.api.Test;

/** The export command's table from options to state keys: every key exists in the lesson catalogue; bad options say why. */
class ExportStatesTest {

    @Test
    void everyMappedKeyIsAStateKeyOfItsView() {
        for (var e : ExportStates.TABLE.entrySet()) {
            ViewSpec v = ViewCatalog.standard().find(e.getKey()).orElseThrow(() -> new AssertionError("no view " + e.getKey()));
            ExportStates.Row row = e.getValue();
            for (String key : new String[] {row.text(), row.heads(), row.mask()}) {
                if (key != null) {
                    assertTrue(v.key(key).isPresent(), e.getKey() + " has no state key " + key);
                }
            }
        }
        assertTrue(ExportStates.views().containsAll(List.of("qkv", "multihead", "pe", "mask")));
    }

    @Test
    void optionsBecomeTheViewsState() {
        StateMap qkv = ExportStates.state("qkv", "the cat sat", 2, "causal", null);
        assertEquals("the cat sat", qkv.text("input").orElseThrow());
        assertEquals(2L, qkv.integer("heads").orElseThrow());
        assertEquals("causal", qkv.text("mask").orElseThrow());
        StateMap mask = ExportStates.state("mask", "我 爱 你| 你 好 ", null, "both", List.of("matrix", "weights"));
        assertEquals(List.of("我 爱 你", "你 好"), mask.texts("sentences").orElseThrow());
        assertEquals("both", mask.text("mode").orElseThrow());
        assertEquals(List.of("matrix", "weights"), mask.texts("panels").orElseThrow());
        assertTrue(ExportStates.state("pe", null, null, null, null).isEmpty());
    }

    @Test
    void badOptionsNameTheOptionAndWhatWasExpected() {
        assertMessage("--view is 'heatmapp'; expected one of qkv, multihead, pe, mask, tokenizer, bleu",
                () -> ExportStates.state("heatmapp", null, null, null, null));
        assertMessage("--heads does not apply to view pe", () -> ExportStates.state("pe", null, 2, null, null));
        assertMessage("--heads is 0; expected a whole number from 1 to 64", () -> ExportStates.state("qkv", null, 0, null, null));
        assertMessage("--mask is 'diagonal'; for view qkv expected one of none, causal",
                () -> ExportStates.state("qkv", null, null, "diagonal", null));
        assertMessage("--mask does not apply to view pe", () -> ExportStates.state("pe", null, null, "causal", null));
        assertMessage("--text is empty; expected some words", () -> ExportStates.state("qkv", " ", null, null, null));
        assertTrue(assertThrows(IllegalArgumentException.class, () -> ExportStates.state("mask", "a||b", null, null, null))
                .getMessage().startsWith("--text has an empty sentence"));
        assertMessage("--panels has 'curves'; view pe has the panels plot, heatmap, controls, formula, similarity, sum",
                () -> ExportStates.state("pe", null, null, null, List.of("plot", "curves")));
    }

    private static void assertMessage(String expected, org.junit.jupiter.api.function.Executable e) {
        assertEquals(expected, assertThrows(IllegalArgumentException.class, e).getMessage());
    }
}
