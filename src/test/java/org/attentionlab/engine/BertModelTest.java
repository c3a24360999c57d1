package org.attentionlab.engine;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import java.util.List;

import org.attentionlab.engine.trace.BertOutput;
import org.attentionlab.engine.trace.MaskPrediction;
import org.attentionlab.engine.trace.TokenPrediction;
import org.attentionlab.testing.Golden;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** BERT's behaviour beyond the golden numbers: truncation, padding invariance, validation, immutability. */
class BertModelTest {

    static final BertConfig SMALL = new BertConfig(50, 16, 2, 4, 32, Activation.GELU, 10, 2, 1e-12);
    static BertModel model;

    @BeforeAll
    static void build() {
        model = BertModel.of(SMALL, BertWeights.random(SMALL, 7, true));
    }

    @Test
    void inputsLongerThanMaxPositionsAreTruncatedWithANotice() {
        int[] ids = new int[14];
        for (int i = 0; i < ids.length; i++) {
            ids[i] = 5 + i;
        }
        BertOutput out = model.forward(BertInput.of(ids));
        assertTrue(out.truncated());
        assertEquals(10, out.length());
        assertEquals(14, out.originalLength());
        assertEquals("input has 14 tokens; only the first 10 were used (max_position_embeddings is 10)", out.notice());
        BertOutput first10 = model.forward(BertInput.of(Arrays.copyOf(ids, 10)));
        assertEquals(first10.hiddenStates(), out.hiddenStates());
        assertEquals("", first10.notice());
        assertEquals(10, model.mlmLogits(BertInput.of(ids)).length);
    }

    @Test
    void paddingDoesNotChangeTheRealTokens() {
        int[] ids = {2, 11, 12, 13, 3};
        BertOutput plain = model.forward(BertInput.of(ids));
        BertOutput padded = model.forward(new BertInput(new int[] {2, 11, 12, 13, 3, 0, 0, 0}, new int[8],
                new int[] {1, 1, 1, 1, 1, 0, 0, 0}));
        for (int l = 0; l <= SMALL.layers(); l++) {
            double[][] a = plain.hiddenStates().get(l).toArray();
            double[][] b = Arrays.copyOf(padded.hiddenStates().get(l).toArray(), 5);
            Golden.assertAllClose(b, a, 0, 1e-5, "hidden state " + l);
        }
        for (int l = 0; l < SMALL.layers(); l++) {
            for (int h = 0; h < SMALL.heads(); h++) {
                double[][] w = padded.attention(l, h).toArray();
                for (double[] row : w) {
                    assertEquals(0.0, row[5] + row[6] + row[7], 0.0, "padding keys get exactly zero weight");
                    assertEquals(1.0, Arrays.stream(row).sum(), 1e-6);
                }
                double[][] cut = new double[5][];
                for (int i = 0; i < 5; i++) {
                    cut[i] = Arrays.copyOf(w[i], 5);
                }
                Golden.assertAllClose(cut, plain.attention(l, h).toArray(), 0, 1e-6, "attention " + l + "/" + h);
            }
        }
        Golden.assertAllClose(padded.pooler(), plain.pooler(), 0, 1e-5, "pooler");
    }

    @Test
    void outputsHaveTheDocumentedShapesAndAreImmutable() {
        BertInput in = new BertInput(new int[] {2, 7, 3, 8, 3}, new int[] {0, 0, 0, 1, 1}, new int[] {1, 1, 1, 1, 1});
        BertOutput out = model.forward(in);
        assertEquals(2, out.layers());
        assertEquals(4, out.heads());
        assertEquals(3, out.hiddenStates().size());
        assertEquals(5, out.attention(1, 3).rows());
        assertEquals(5, out.attention(1, 3).cols());
        assertEquals(16, out.lastHiddenState().cols());
        assertEquals(16, out.pooler().length);
        for (double p : out.pooler()) {
            assertTrue(Math.abs(p) <= 1, "tanh range");
        }
        int[] ids = out.inputIds();
        ids[0] = 99;
        assertEquals(2, out.inputIds()[0]);
        double[] pooler = out.pooler();
        pooler[0] = 42;
        assertFalse(out.pooler()[0] == 42);
        assertThrows(UnsupportedOperationException.class, () -> out.hiddenStates().add(null));
        assertThrows(UnsupportedOperationException.class, () -> out.attentions().get(0).clear());
        assertArrayEquals(in.tokenTypeIds(), out.tokenTypeIds());
        assertNotSame(model.forward(in), out);
        assertEquals(model.forward(in), out, "deterministic");
    }

    @Test
    void fillMaskReturnsTheTopKOfASoftmaxOverTheVocabulary() {
        BertInput in = BertInput.of(2, 10, 4, 11, 4, 3);
        List<MaskPrediction> preds = model.fillMask(in, 4, 3);
        assertEquals(List.of(2, 4), preds.stream().map(MaskPrediction::position).toList());
        double[][] logits = model.mlmLogits(in);
        for (MaskPrediction p : preds) {
            List<TokenPrediction> top = p.top();
            assertEquals(3, top.size());
            double[] row = logits[p.position()];
            int best = 0;
            for (int v = 1; v < row.length; v++) {
                best = row[v] > row[best] ? v : best;
            }
            assertEquals(best, top.get(0).tokenId());
            assertTrue(top.get(0).probability() >= top.get(1).probability() && top.get(1).probability() >= top.get(2).probability());
            double max = Arrays.stream(row).max().orElseThrow();
            double sum = Arrays.stream(row).map(z -> Math.exp(z - max)).sum();
            assertEquals(Math.exp(row[best] - max) / sum, top.get(0).probability(), 1e-12);
        }
        assertEquals(List.of(), model.fillMask(BertInput.of(2, 3), 4, 3));
    }

    @Test
    void badInputsAreNamed() {
        assertEquals("input_ids[1] is 50; expected 0 to 49 (vocab_size is 50)",
                assertThrows(IllegalArgumentException.class, () -> model.forward(BertInput.of(2, 50))).getMessage());
        assertEquals("token_type_ids[0] is 2; expected 0 to 1 (type_vocab_size is 2)",
                assertThrows(IllegalArgumentException.class,
                        () -> model.forward(new BertInput(new int[] {2}, new int[] {2}, new int[] {1}))).getMessage());
        assertEquals("attention_mask is all 0; expected at least one real token (1)",
                assertThrows(IllegalArgumentException.class,
                        () -> new BertInput(new int[] {2, 3}, new int[2], new int[2])).getMessage());
        assertEquals("attention_mask[1] is 2; expected 0 or 1", assertThrows(IllegalArgumentException.class,
                () -> new BertInput(new int[] {2, 3}, new int[2], new int[] {1, 2})).getMessage());
        assertTrue(assertThrows(IllegalArgumentException.class, () -> new BertInput(new int[0], new int[0], new int[0]))
                .getMessage().startsWith("input_ids is empty"));
        assertTrue(assertThrows(IllegalArgumentException.class, () -> new BertInput(new int[] {1, 2}, new int[1], new int[] {1, 1}))
                .getMessage().startsWith("token_type_ids has 1 entries but input_ids has 2"));
        BertModel noHead = BertModel.of(SMALL, BertWeights.random(SMALL, 1, false));
        assertThrows(IllegalStateException.class, () -> noHead.mlmLogits(BertInput.of(2, 3)));
    }

    @Test
    void weightsThatDoNotFitTheConfigAreAllListed() {
        BertConfig other = new BertConfig(50, 16, 3, 4, 24, Activation.GELU, 10, 2, 1e-12);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> BertModel.of(other, BertWeights.random(SMALL, 7, false)));
        assertTrue(e.getMessage().startsWith("BERT weights do not fit the config: 2 layers given but num_hidden_layers is 3"),
                e.getMessage());
        assertTrue(e.getMessage().contains("layer 0 W₁ is [16, 32], expected [16, 24]"), e.getMessage());
        assertTrue(e.getMessage().contains("layer 1 b₁ is [32], expected [24]"), e.getMessage());
    }

    @Test
    void configIsValidated() {
        assertEquals("hidden_size (16) is not divisible by num_attention_heads (3)", assertThrows(IllegalArgumentException.class,
                () -> new BertConfig(50, 16, 2, 3, 32, Activation.GELU, 10, 2, 1e-12)).getMessage());
        assertEquals("layer_norm_eps is 0.0; expected a small positive number", assertThrows(IllegalArgumentException.class,
                () -> new BertConfig(50, 16, 2, 4, 32, Activation.GELU, 10, 2, 0)).getMessage());
    }
}
