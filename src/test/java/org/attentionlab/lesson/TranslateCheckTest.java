package org.attentionlab.lesson;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

/**
 * The check kind translate on the shipped tiny translator: a sampled decoding draws among the
 * decoding view's default top 5 when the step names no top-k (so a check recomputes what the
 * view shows), one head's cross-attention can be stated as well as the heads' mean, the
 * renormalised probabilities of the draw are checked, and a wrong statement is named.
 */
class TranslateCheckTest {

    private static final String SOURCE = "the european economic area is modern";

    private static StateMap map(Object... kv) {
        Map<String, StateValue> m = new LinkedHashMap<>();
        for (int i = 0; i < kv.length; i += 2) {
            Object v = kv[i + 1];
            m.put((String) kv[i], v instanceof String s ? new StateValue.Text(s) : (StateValue) v);
        }
        return StateMap.of(m);
    }

    private static CheckKind kind() {
        return CheckCatalog.standard().find("translate").orElseThrow();
    }

    @Test
    void samplingWithoutTopKDrawsAmongTheViewsDefaultFive() {
        StateMap in = map("source", SOURCE, "sampling", "sample", "temperature", new StateValue.Num(2), "seed", new StateValue.Int(1));
        assertEquals(List.of(), kind().run(in, map("translation", "la zone bleue est moderne"), 0.0005));
        StateMap all = in.overlaidWith(map("topK", new StateValue.Int(0), "seed", new StateValue.Int(0)));
        assertEquals(List.of("the translation is 'quitte bleue est regarde' but the lesson says 'la zone bleue est moderne'"),
                kind().run(all, map("translation", "la zone bleue est moderne"), 0.0005));
    }

    @Test
    void theDrawnColumnIsTheTopKRenormalised() {
        StateMap in = map("source", SOURCE, "sampling", "sample", "temperature", new StateValue.Num(2), "topK", new StateValue.Int(5));
        assertEquals(List.of(), kind().run(in, map("top", new StateValue.Texts(List.of("la", "ma")),
                "probabilities", new StateValue.Vector(new double[] {0.266, 0.011}),
                "drawn", new StateValue.Vector(new double[] {0.860, 0.035})), 0.0005));
    }

    @Test
    void oneHeadOrTheMeanOfTheHeads() {
        StateMap in = map("source", SOURCE);
        // the article la: three heads read "the", one reads the noun "area"
        assertEquals(List.of(), kind().run(in, map("weights", new StateValue.Vector(new double[] {0.750, 0, 0.001, 0.249, 0, 0, 0})), 0.0005));
        assertEquals(List.of(), kind().run(in.overlaidWith(map("head", new StateValue.Int(2))),
                map("weights", new StateValue.Vector(new double[] {0, 0, 0.003, 0.996, 0, 0, 0})), 0.0005));
        assertEquals(List.of("head is 4 but the tiny-translator model has 4 heads per layer"),
                kind().run(in.overlaidWith(map("head", new StateValue.Int(4))), map("weights", new StateValue.Vector(new double[] {1})), 0.0005));
    }

    @Test
    void aWrongAlignmentIsNamed() {
        List<String> out = kind().run(map("source", SOURCE),
                map("alignment", new StateValue.Texts(List.of("the", "european", "economic", "area", "is", "modern"))), 0.0005);
        assertEquals(List.of("the target words [la, zone, économique, européenne, est, moderne] peak on "
                + "[the, area, economic, european, is, modern] but the lesson says [the, european, economic, area, is, modern]"), out);
    }
}
