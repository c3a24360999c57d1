package org.attentionlab.ui.multihead;

import java.util.ArrayList;
import java.util.List;

import org.attentionlab.engine.trace.HeadTrace;
import org.attentionlab.engine.trace.MultiHeadTrace;
import org.attentionlab.io.LabeledMatrix;
import org.attentionlab.ui.multihead.MultiHeadViewModel.Display;
import org.attentionlab.ui.multihead.MultiHeadViewModel.Result;

/**
 * The matrices the multi-head view shows, named for CSV files: the layer's input X, the head in
 * focus's W_i^Q, W_i^K, W_i^V, Q_i, K_i, V_i, every head's weights as displayed (special tokens
 * hidden, pair filter) and output Z_i, the concatenation, W^O, the output and the combination of heads.
 */
final class MultiHeadExport {

    private MultiHeadExport() {
    }

    static List<LabeledMatrix> matrices(Result r, Display d, int focus) {
        if (r == null || d == null) {
            return List.of();
        }
        String l = "layer" + r.layer() + "-";
        List<String> tokens = r.tokens();
        MultiHeadTrace t = r.trace();
        List<LabeledMatrix> out = new ArrayList<>();
        out.add(new LabeledMatrix(l + "input-x", r.layerInput(), tokens, List.of()));
        if (focus >= 0 && focus < t.heads().size()) {
            HeadTrace h = t.heads().get(focus);
            String p = l + "head" + focus + "-";
            out.add(LabeledMatrix.of(p + "w_q", h.wq()));
            out.add(LabeledMatrix.of(p + "w_k", h.wk()));
            out.add(LabeledMatrix.of(p + "w_v", h.wv()));
            out.add(new LabeledMatrix(p + "q", h.attention().q(), tokens, List.of()));
            out.add(new LabeledMatrix(p + "k", h.attention().k(), tokens, List.of()));
            out.add(new LabeledMatrix(p + "v", h.attention().v(), tokens, List.of()));
        }
        for (int h = 0; h < d.heads().size(); h++) {
            out.add(new LabeledMatrix(l + "head" + h + "-weights", d.heads().get(h), d.rowTokens(), d.colTokens()));
        }
        for (int h = 0; h < t.heads().size(); h++) {
            out.add(new LabeledMatrix(l + "z" + h, t.heads().get(h).attention().output(), tokens, List.of()));
        }
        out.add(new LabeledMatrix(l + "concat", t.concat(), tokens, List.of()));
        out.add(LabeledMatrix.of(l + "w_o", t.wo()));
        out.add(new LabeledMatrix(l + "output", t.output(), tokens, List.of()));
        if (d.aggregate() != null) {
            out.add(new LabeledMatrix(l + d.kind().lessonName(), d.aggregate(), d.rowTokens(), d.colTokens()));
        }
        return out;
    }
}
