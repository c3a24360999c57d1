package org.attentionlab.engine;

import static org.attentionlab.testing.Golden.assertAllClose;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;

import org.attentionlab.engine.VectorSimilarity.Measure;
import org.attentionlab.testing.Golden;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * Similarities, PCA and BERT's input sums against src/test/python/make_embedding_golden.py (numpy,
 * float64; PCA by LAPACK's SVD, a different method from our Jacobi rotations).
 */
class EmbeddingGoldenTest {

    private static final JsonNode GOLDEN = Golden.load("embedding.json");

    @Test
    void datawhaleWordsDistancesCosinesDotsAndAngles() {
        JsonNode w = GOLDEN.get("words");
        double[][] v = Golden.matrix(w.get("vectors"));
        assertAllClose(VectorSimilarity.table(Measure.DOT, v), Golden.matrix(w.get("dot")), 1e-12, 1e-15, "dot");
        assertAllClose(VectorSimilarity.table(Measure.COSINE, v), Golden.matrix(w.get("cosine")), 1e-12, 1e-15, "cosine");
        assertAllClose(VectorSimilarity.table(Measure.EUCLIDEAN, v), Golden.matrix(w.get("euclidean")), 1e-12, 1e-15, "euclidean");
        double[][] angles = Golden.matrix(w.get("angle_degrees"));
        for (int i = 0; i < v.length; i++) {
            for (int j = 0; j < v.length; j++) {
                // arccos is ill-conditioned at cos = 1: the diagonal is 0 to within 1e-5°
                double tol = i == j ? 1e-5 : 1e-9;
                assertEquals(angles[i][j], VectorSimilarity.angleDegrees(v[i], v[j]), tol, "angle " + i + "," + j);
            }
        }
    }

    @Test
    void aZeroVectorHasCosineZeroNeverNaN() {
        JsonNode z = GOLDEN.get("zero_vector");
        double[][] v = Golden.matrix(z.get("vectors"));
        assertAllClose(VectorSimilarity.table(Measure.COSINE, v), Golden.matrix(z.get("cosine")), 1e-12, 1e-15, "cosine");
        assertTrue(VectorSimilarity.hasZeroVector(v));
        assertEquals(90, VectorSimilarity.angleDegrees(v[0], v[1]), 1e-12);
        assertThrows(IllegalArgumentException.class, () -> VectorSimilarity.dot(new double[2], new double[3]));
    }

    static List<JsonNode> pcaCases() {
        List<JsonNode> out = new ArrayList<>();
        GOLDEN.get("pca").forEach(out::add);
        return out;
    }

    @ParameterizedTest(name = "{index}: {0}")
    @MethodSource("pcaCases")
    void pcaMatchesNumpysSvd(JsonNode c) {
        String name = c.get("name").asText();
        int k = c.get("k").asInt();
        Pca p = Pca.fit(Golden.matrix(c.get("x")), k);
        assertEquals(k, p.components());
        assertAllClose(p.mean(), Golden.vector(c.get("mean")), 1e-12, 1e-14, name + " mean");
        assertAllClose(p.explainedVariance(), Golden.vector(c.get("explained_variance")), 1e-9, 1e-12, name + " variance");
        assertAllClose(p.explainedVarianceRatio(), Golden.vector(c.get("explained_variance_ratio")), 1e-9, 1e-12, name + " ratio");
        // both sides orient each axis the same way (entries summing to a positive number)
        assertAllClose(p.axes(), Golden.matrix(c.get("axes")), 1e-8, 1e-10, name + " axes");
        assertAllClose(p.projected(), Golden.matrix(c.get("projected")), 1e-8, 1e-10, name + " projected");
    }

    @Test
    void pcaRefusesBadInputWithAClearMessage() {
        assertThrows(IllegalArgumentException.class, () -> Pca.fit(new double[0][], 1));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> Pca.fit(new double[][] {{1, 2}, {3}}, 1));
        assertTrue(e.getMessage().contains("row 2"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> Pca.fit(new double[][] {{1, 2}}, 3));
        assertTrue(e.getMessage().contains("1 to d = 2"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> Pca.fit(new double[][] {{1, Double.NaN}}, 1));
        assertTrue(e.getMessage().contains("column 2"), e.getMessage());
    }

    @Test
    void aSingleVectorOrIdenticalVectorsHaveNoVarianceAndNoNaN() {
        Pca one = Pca.fit(new double[][] {{1, 2, 3}}, 2);
        assertAllClose(one.projected(), new double[][] {{0, 0}}, 0, 0, "projected");
        assertAllClose(one.explainedVarianceRatio(), new double[] {0, 0}, 0, 0, "ratio");
        Pca same = Pca.fit(new double[][] {{1, 2, 3, 4}, {1, 2, 3, 4}}, 2);
        assertAllClose(same.projected(), new double[][] {{0, 0}, {0, 0}}, 0, 0, "projected");
    }

    @Test
    void bertsInputIsTheSumOfTheThreeLookedUpRows() {
        JsonNode in = GOLDEN.get("input");
        EmbeddingTables t = EmbeddingTables.of(Golden.matrix(in.get("token")), Golden.matrix(in.get("segment")),
                Golden.matrix(in.get("position")));
        int[] ids = Golden.intVector(in.get("input_ids"));
        int[] types = Golden.intVector(in.get("token_type_ids"));
        double[][][] rows = t.lookUp(ids, types);
        assertAllClose(rows[3], Golden.matrix(in.get("sum")), 1e-12, 1e-14, "sum");
        assertAllClose(rows[0][1], Golden.matrix(in.get("token"))[ids[1]], 0, 0, "token row of id " + ids[1]);
        assertAllClose(rows[1][6], Golden.matrix(in.get("segment"))[1], 0, 0, "segment B");
        assertAllClose(rows[2][7], Golden.matrix(in.get("position"))[7], 0, 0, "position 7");
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> t.lookUp(new int[] {20}, new int[] {0}));
        assertTrue(e.getMessage().contains("input_ids[0] is 20; expected 0 to 19"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> t.lookUp(new int[17], new int[17]));
        assertTrue(e.getMessage().contains("max_position_embeddings is 16"), e.getMessage());
    }

    @Test
    void seededTablesAreLookupTablesWithTwoDecimals() {
        EmbeddingTables s = EmbeddingTables.seeded(4, 1556, 42);
        assertAllClose(s.token(1142), s.token(1142), 0, 0, "same id, same row");
        assertTrue(!java.util.Arrays.equals(s.token(1142), s.token(1143)));
        for (double x : s.position(3)) {
            assertTrue(x >= -1 && x <= 1 && Math.abs(x * 100 - Math.rint(x * 100)) < 1e-9, "two decimals: " + x);
        }
        assertEquals(2, s.typeVocabSize());
        assertEquals(512, s.maxPositions());
    }

    @Test
    void aLoadedModelsTablesAreItsOwnRows() {
        BertConfig c = new BertConfig(50, 16, 1, 4, 32, Activation.GELU, 10, 2, 1e-12);
        BertWeights w = BertWeights.random(c, 5, false);
        EmbeddingTables t = BertModel.of(c, w).embeddingTables();
        assertEquals(50, t.vocabSize());
        assertEquals(16, t.hiddenSize());
        assertEquals(10, t.maxPositions());
        float[] word = w.embeddings().word().toArray();
        float[] pos = w.embeddings().position().toArray();
        float[] type = w.embeddings().tokenType().toArray();
        for (int j = 0; j < 16; j++) {
            assertEquals(word[7 * 16 + j], t.token(7)[j], 0.0);
            assertEquals(pos[9 * 16 + j], t.position(9)[j], 0.0);
            assertEquals(type[16 + j], t.segment(1)[j], 0.0);
        }
        IndexOutOfBoundsException e = assertThrows(IndexOutOfBoundsException.class, () -> t.token(50));
        assertTrue(e.getMessage().contains("rows 0..49"), e.getMessage());
    }
}
