package org.attentionlab.ui.multihead;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.ArrayList;
import java.util.List;

import org.attentionlab.engine.trace.Matrix;
import org.attentionlab.testing.Golden;
import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * The combinations of attention maps against the independent numpy float64 reference
 * ({@code src/test/python/make_multihead_golden.py}, {@code golden/multihead_views.json}), fed with
 * the same reference attentions, so these compare arithmetic with arithmetic (1e-12); plus small
 * cases worked by hand.
 */
class AttentionMapsTest {

    private static final double TOL = 1e-12;
    static final JsonNode GOLDEN = Golden.load("multihead_views.json");

    static List<List<Matrix>> attentions() {
        List<List<Matrix>> out = new ArrayList<>();
        for (JsonNode layer : GOLDEN.get("attentions")) {
            List<Matrix> heads = new ArrayList<>();
            layer.forEach(h -> heads.add(Matrix.of(Golden.matrix(h))));
            out.add(heads);
        }
        return out;
    }

    static List<Integer> ints(JsonNode n) {
        List<Integer> out = new ArrayList<>();
        n.forEach(x -> out.add(x.asInt()));
        return out;
    }

    @Test
    void meanAndMaxOverTheHeadsOfALayer() {
        List<List<Matrix>> a = attentions();
        for (int l = 0; l < a.size(); l++) {
            Golden.assertAllClose(AttentionMaps.mean(a.get(l)), Golden.matrix(GOLDEN.get("mean").get(l)), 0, TOL, "mean " + l);
            Golden.assertAllClose(AttentionMaps.max(a.get(l)), Golden.matrix(GOLDEN.get("max").get(l)), 0, TOL, "max " + l);
        }
        Golden.assertAllClose(AttentionMaps.mean(List.of(a.get(1).get(0), a.get(1).get(2))),
                Golden.matrix(GOLDEN.get("mean_layer1_heads_0_2")), 0, TOL, "mean of heads 0 and 2");
    }

    @Test
    void meanAndMaxOverEveryHeadOfEveryLayer() {
        List<Matrix> every = AttentionMaps.all(attentions());
        assertEquals(8, every.size());
        Golden.assertAllClose(AttentionMaps.mean(every), Golden.matrix(GOLDEN.get("mean_layers")), 0, TOL, "mean over layers");
        Golden.assertAllClose(AttentionMaps.max(every), Golden.matrix(GOLDEN.get("max_layers")), 0, TOL, "max over layers");
    }

    @Test
    void attentionRolloutThroughTheLayers() {
        List<Matrix> r = AttentionMaps.rollout(attentions());
        assertEquals(2, r.size());
        for (int l = 0; l < r.size(); l++) {
            Golden.assertAllClose(r.get(l), Golden.matrix(GOLDEN.get("rollout").get(l)), 0, TOL, "rollout " + l);
        }
    }

    @Test
    void rolloutByHandOnTwoTokens() {
        // layer 0: A = [[1, 0], [0.5, 0.5]] -> (A + I) row-normalised = [[1, 0], [0.25, 0.75]]
        // layer 1: A = [[0, 1], [0, 1]]     -> [[0.5, 0.5], [0, 1]]
        // R1 = [[0.5, 0.5], [0, 1]] · [[1, 0], [0.25, 0.75]] = [[0.625, 0.375], [0.25, 0.75]]
        Matrix a0 = Matrix.of(new double[][] {{1, 0}, {0.5, 0.5}});
        Matrix a1 = Matrix.of(new double[][] {{0, 1}, {0, 1}});
        List<Matrix> r = AttentionMaps.rollout(List.of(List.of(a0), List.of(a1)));
        Golden.assertAllClose(r.get(0), new double[][] {{1, 0}, {0.25, 0.75}}, 0, 1e-15, "R0");
        Golden.assertAllClose(r.get(1), new double[][] {{0.625, 0.375}, {0.25, 0.75}}, 0, 1e-15, "R1");
    }

    @Test
    void hidingTheSpecialTokensRenormalisesEveryRow() {
        List<List<Matrix>> a = attentions();
        List<Integer> specials = ints(GOLDEN.get("specials"));
        assertEquals(List.of(0, 7, 11), specials);
        Golden.assertAllClose(AttentionMaps.hideColumns(a.get(1).get(2), specials),
                Golden.matrix(GOLDEN.get("hide_layer1_head2")), 0, TOL, "one head");
        Golden.assertAllClose(AttentionMaps.hideColumns(AttentionMaps.mean(a.get(1)), specials),
                Golden.matrix(GOLDEN.get("hide_mean_layer1")), 0, TOL, "the mean");
        Golden.assertAllClose(AttentionMaps.hideColumns(AttentionMaps.rollout(a).get(1), specials),
                Golden.matrix(GOLDEN.get("hide_rollout_layer1")), 0, TOL, "the rollout");
    }

    @Test
    void aRowThatOnlyLookedAtASpecialTokenBecomesZeroNotNaN() {
        JsonNode hand = GOLDEN.get("hand");
        Matrix hidden = AttentionMaps.hideColumns(Matrix.of(Golden.matrix(hand.get("matrix"))), ints(hand.get("specials")));
        Golden.assertAllClose(hidden, Golden.matrix(hand.get("hidden")), 0, 1e-15, "hand case");
        assertEquals(0.0, hidden.get(0, 0));
        assertEquals(0.375, hidden.get(2, 1), 1e-15);
    }

    @Test
    void thePairFilterTakesTheRowsOfOneSentenceAndTheColumnsOfTheOther() {
        Matrix head = attentions().get(0).get(0);
        for (String name : List.of("a-to-a", "a-to-b", "b-to-a", "b-to-b")) {
            JsonNode f = GOLDEN.get("filters_layer0_head0").get(name);
            Golden.assertAllClose(AttentionMaps.select(head, ints(f.get("rows")), ints(f.get("cols"))),
                    Golden.matrix(f.get("matrix")), 0, TOL, name);
        }
    }

    @Test
    void combiningNothingOrMismatchedShapesSaysWhy() {
        assertEquals("no attention maps to combine; expected at least one head",
                assertThrows(IllegalArgumentException.class, () -> AttentionMaps.mean(List.of())).getMessage());
        Matrix two = Matrix.of(new double[][] {{1, 0}, {0, 1}});
        Matrix three = Matrix.of(new double[3][3]);
        assertEquals("attention map 1 is 3×3 but map 0 is 2×2",
                assertThrows(IllegalArgumentException.class, () -> AttentionMaps.max(List.of(two, three))).getMessage());
    }
}
