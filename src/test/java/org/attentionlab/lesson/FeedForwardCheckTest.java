package org.attentionlab.lesson;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.attentionlab.engine.trace.Matrix;
import org.junit.jupiter.api.Test;

/**
 * The check kind feed-forward: FFN(x) = max(0, x·W₁ + b₁)·W₂ + b₂ on a small example worked out
 * by hand (the one lesson 21 uses), a wrong statement named, impossible shapes refused.
 */
class FeedForwardCheckTest {

    private static StateMap map(Object... kv) {
        Map<String, StateValue> m = new LinkedHashMap<>();
        for (int i = 0; i < kv.length; i += 2) {
            m.put((String) kv[i], (StateValue) kv[i + 1]);
        }
        return StateMap.of(m);
    }

    private static StateValue.Mat mat(double[]... rows) {
        return new StateValue.Mat(Matrix.of(rows));
    }

    private static StateValue.Vector vec(double... v) {
        return new StateValue.Vector(v);
    }

    // x₁ = [1, 2]: x·W₁ + b₁ = [3, 1, −1, 1] → ReLU [3, 1, 0, 1] → ·W₂ + b₂ = [1, 2]
    // x₂ = [2, −1]: x·W₁ + b₁ = [1, −3, 2, 3] → ReLU [1, 0, 2, 3] → ·W₂ + b₂ = [1, 4]
    private static final StateMap LESSON = map(
            "input", mat(new double[] {1, 2}, new double[] {2, -1}),
            "w1", mat(new double[] {1, -1, 0, 2}, new double[] {1, 1, -1, 0}),
            "b1", vec(0, 0, 1, -1),
            "w2", mat(new double[] {0.5, 0}, new double[] {0, 1}, new double[] {1, 1}, new double[] {-0.5, 0.5}),
            "b2", vec(0, 0.5));

    @Test
    void reluHiddenLayerAndOutputAsWorkedOutByHand() {
        CheckKind k = CheckCatalog.standard().find("feed-forward").orElseThrow();
        StateMap expect = map("hidden", mat(new double[] {3, 1, 0, 1}, new double[] {1, 0, 2, 3}),
                "output", mat(new double[] {1, 2}, new double[] {1, 4}));
        assertEquals(List.of(), k.validate(LESSON, expect));
        assertEquals(List.of(), k.run(LESSON, expect, 1e-12));
        assertEquals(List.of("output row 2, column 2 is 4 but the lesson says 3.5 (tolerance 0.0005)"),
                k.run(LESSON, map("output", mat(new double[] {1, 2}, new double[] {1, 3.5})), 0.0005));
    }

    @Test
    void geluIsBertsActivation() {
        CheckKind k = CheckCatalog.standard().find("feed-forward").orElseThrow();
        StateMap in = map("input", mat(new double[] {1}), "w1", mat(new double[] {1}), "b1", vec(0),
                "w2", mat(new double[] {1}), "b2", vec(0), "activation", new StateValue.Text("gelu"));
        // GELU(1) = Φ(1) = 0.8413447460685429
        assertEquals(List.of(), k.run(in, map("output", mat(new double[] {0.8413447460685429})), 1e-12));
    }

    @Test
    void shapesThatCannotMultiplyAreRefusedWhenTheLessonLoads() {
        CheckKind k = CheckCatalog.standard().find("feed-forward").orElseThrow();
        StateMap bad = LESSON.overlaidWith(map("w2", mat(new double[] {1, 0}, new double[] {0, 1}), "b1", vec(0, 0)));
        assertEquals(List.of("w2 is 2×2 but w1 is 2×4; expected W₂ to be 4×2 (d_ff × d_model)",
                "b1 has 2 numbers but W₁ has 4 columns (d_ff)"), k.validate(bad, StateMap.empty()));
    }
}
