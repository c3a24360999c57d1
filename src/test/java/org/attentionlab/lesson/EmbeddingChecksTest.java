package org.attentionlab.lesson;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.attentionlab.engine.trace.Matrix;
import org.junit.jupiter.api.Test;

/**
 * The check kinds tokenize, vector-similarity and pca: right statements pass, wrong ones get a
 * message naming the value, and impossible inputs are refused when the lesson loads.
 */
class EmbeddingChecksTest {

    private static StateMap map(Object... kv) {
        Map<String, StateValue> m = new LinkedHashMap<>();
        for (int i = 0; i < kv.length; i += 2) {
            m.put((String) kv[i], (StateValue) kv[i + 1]);
        }
        return StateMap.of(m);
    }

    private static StateValue.Texts texts(String... t) {
        return new StateValue.Texts(List.of(t));
    }

    private static StateValue.Ints ints(Integer... v) {
        return new StateValue.Ints(List.of(v));
    }

    private static StateValue.WordVectors datawhale() {
        Map<String, StateValue.Vector> w = new LinkedHashMap<>();
        w.put("猫", new StateValue.Vector(new double[] {0.3, 0.4, 0.25}));
        w.put("狗", new StateValue.Vector(new double[] {0.35, 0.45, 0.3}));
        w.put("爱", new StateValue.Vector(new double[] {0.8, 0.8, 0.8}));
        w.put("跑", new StateValue.Vector(new double[] {0.1, 0.2, 0.6}));
        return new StateValue.WordVectors(w);
    }

    @Test
    void tokenizeChecksTheShippedVocabularysTokensAndIds() {
        CheckKind k = CheckCatalog.standard().find("tokenize").orElseThrow();
        StateMap in = map("text", new StateValue.Text("Transformer 是"), "cased", new StateValue.Bool(true));
        assertEquals(List.of(), k.run(in, map("tokens", texts("[CLS]", "[UNK]", "是", "[SEP]"), "inputIds", ints(101, 100, 682, 102),
                "length", new StateValue.Int(4), "decoded", new StateValue.Text("是")), 0));
        assertEquals(List.of("input_ids at position 1 is 100 but the lesson says 99"),
                k.run(in.overlaidWith(map("positions", ints(0, 1))), map("inputIds", ints(101, 99)), 0));
        assertEquals(List.of("position 9 is beyond the 4 tokens (positions 0 to 3)"),
                k.run(in.overlaidWith(map("positions", ints(9))), map("inputIds", ints(1)), 0));
        assertEquals(List.of("there are 4 positions but the lesson says 5"), k.run(in, map("length", new StateValue.Int(5)), 0));
        assertEquals(List.of("decoded text is \"是\" but the lesson says \"Transformer 是\""),
                k.run(in, map("decoded", new StateValue.Text("Transformer 是")), 0));
        StateMap pair = map("text", new StateValue.Text("the weather is nice today"), "pair", new StateValue.Text("i like it"),
                "maxLength", new StateValue.Int(8));
        assertEquals(List.of(), k.run(pair, map("truncated", new StateValue.Int(3), "tokenTypeIds", ints(0, 0, 0, 0, 0, 1, 1, 1)), 0));
        assertEquals(List.of("maxLength 2 leaves no room for a pair's [CLS], [SEP], [SEP]; expected at least 3"),
                k.validate(pair.overlaidWith(map("maxLength", new StateValue.Int(2))), StateMap.empty()));
        assertEquals(List.of("expect tokens has 1 entries but positions has 2"),
                k.validate(in.overlaidWith(map("positions", ints(0, 1))), map("tokens", texts("[CLS]"))));
    }

    @Test
    void vectorSimilarityRecomputesEveryMeasureAndTheNearestWord() {
        CheckKind k = CheckCatalog.standard().find("vector-similarity").orElseThrow();
        StateMap in = map("words", datawhale(), "between", texts("猫", "爱"));
        assertEquals(List.of(), k.run(in, map("dot", new StateValue.Num(0.76), "cosine", new StateValue.Num(0.9812),
                "euclidean", new StateValue.Num(0.8441), "angle", new StateValue.Num(11.14), "nearestByDistance", new StateValue.Text("狗"),
                "nearestByCosine", new StateValue.Text("狗"), "nearestByDot", new StateValue.Text("爱")), 0.005));
        assertEquals(List.of("cosine 猫–爱 is 0.981156 but the lesson says 0.46 (tolerance 0.0005)"),
                k.run(in, map("cosine", new StateValue.Num(0.46)), 0.0005));
        assertEquals(List.of("the word nearest to '猫' by dot product is '爱' but the lesson says '狗'"),
                k.run(in, map("nearestByDot", new StateValue.Text("狗")), 0));
        assertEquals(List.of("between names '鸟', which is not one of the words [猫, 狗, 爱, 跑]",
                        "dot, cosine, angle and euclidean need two words in between; got [鸟]"),
                k.validate(map("words", datawhale(), "between", texts("鸟")), map("dot", new StateValue.Num(1))));
    }

    @Test
    void pcaRecomputesTheSharesOfVariance() {
        CheckKind k = CheckCatalog.standard().find("pca").orElseThrow();
        StateMap in = map("words", datawhale());
        assertEquals(List.of(), k.run(in, map("explainedVarianceRatio", new StateValue.Vector(new double[] {0.804, 0.196}),
                "keptRatio", new StateValue.Num(0.99996)), 0.0005));
        assertTrue(k.run(in, map("keptRatio", new StateValue.Num(0.9)), 0.0005).get(0)
                .startsWith("variance kept by 2 components is 0.99995"));
        assertEquals(List.of("give words (or a step state with words) or a matrix"), k.validate(StateMap.empty(), StateMap.empty()));
        assertEquals(List.of("components is 3 but the vectors have only 2 numbers"),
                k.validate(map("matrix", new StateValue.Mat(Matrix.of(new double[][] {{1, 2}, {3, 4}})), "components", new StateValue.Int(3)),
                        StateMap.empty()));
    }
}
