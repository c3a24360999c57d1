package org.attentionlab.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.io.IOException;

import org.attentionlab.engine.trace.EncoderLayerTrace;
import org.attentionlab.engine.trace.MultiHeadTrace;
import org.attentionlab.io.BertCheckpoint;
import org.attentionlab.testing.Golden;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * {@link BertModel#traceLayer}: the traced layer of a real checkpoint against the same numpy
 * float64 reference as the forward pass ({@code make_bert_golden.py}): each head's weights are the
 * reference attentions, the layer's input and output are the reference hidden states l and l + 1.
 */
class BertLayerTraceTest {

    @ParameterizedTest
    @ValueSource(strings = {"plain-f32", "bert-prefix-mlm-f32", "bf16-no-pooler"})
    void everyTracedLayerMatchesTheReference(String name) throws IOException {
        JsonNode exp = BertGoldenTest.expected(name);
        BertModel model = BertCheckpoint.load(BertGoldenTest.checkpoint(name)).model();
        int hidden = model.config().hiddenSize();
        int heads = model.config().heads();
        for (JsonNode c : exp.get("cases")) {
            String where = name + "/" + c.get("name").asText();
            BertInput input = new BertInput(Golden.intVector(c.get("input_ids")), Golden.intVector(c.get("token_type_ids")),
                    Golden.intVector(c.get("attention_mask")));
            int t = input.length();
            for (int l = 0; l < model.config().layers(); l++) {
                EncoderLayerTrace tr = model.traceLayer(input, l);
                MultiHeadTrace mh = tr.attention();
                assertEquals(heads, mh.heads().size(), where + " heads");
                for (int h = 0; h < heads; h++) {
                    Golden.assertAllClose(mh.heads().get(h).attention().weights().toArray(),
                            Golden.matrix(c.get("attentions").get(l).get(h)), 0, BertGoldenTest.TOL,
                            where + " layer " + l + " head " + h);
                    assertEquals(t, mh.heads().get(h).attention().output().rows());
                    assertEquals(hidden / heads, mh.heads().get(h).attention().output().cols());
                }
                Golden.assertAllClose(tr.input().toArray(), Golden.matrix(c.get("hidden_states").get(l)), 0,
                        BertGoldenTest.TOL, where + " input of layer " + l);
                Golden.assertAllClose(tr.output().toArray(), Golden.matrix(c.get("hidden_states").get(l + 1)), 0,
                        BertGoldenTest.TOL, where + " output of layer " + l);
                assertEquals(t, mh.concat().rows());
                assertEquals(hidden, mh.concat().cols());
                assertEquals(hidden, mh.wo().rows());
                assertEquals(hidden, mh.wo().cols());
            }
        }
    }

    @Test
    void aLayerOutsideTheModelIsRefusedWithItsRange() throws IOException {
        BertModel model = BertCheckpoint.load(BertGoldenTest.checkpoint("plain-f32")).model();
        var e = assertThrows(IllegalArgumentException.class, () -> model.traceLayer(BertInput.of(2, 5, 3), 2));
        assertEquals("layer is 2; expected 0 to 1 (num_hidden_layers is 2)", e.getMessage());
    }
}
