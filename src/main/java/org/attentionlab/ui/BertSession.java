package org.attentionlab.ui;

import java.nio.file.Path;
import java.util.List;

import org.attentionlab.engine.BertConfig;
import org.attentionlab.engine.trace.BertOutput;
import org.attentionlab.engine.trace.EncoderLayerTrace;
import org.attentionlab.engine.trace.MaskPrediction;
import org.attentionlab.text.BertTokenizer;
import org.attentionlab.text.Encoding;

/**
 * A BERT checkpoint the user opened (File → Open model…), as the views see it: its sizes, its
 * tokenizer (the folder's {@code vocab.txt}) and forward passes that answer in plain trace
 * records. The ND4J arrays stay behind this interface. Immutable and shared by every view; the
 * forward methods are slow and run on the background executor, never on the FX thread.
 */
public interface BertSession {

    /** The folder it was loaded from. */
    Path folder();

    /** A short name for titles: the folder's name. */
    default String name() {
        Path f = folder().getFileName();
        return f == null ? folder().toString() : f.toString();
    }

    /** {@code config.json}: layers, heads, hidden size, max_position_embeddings, … */
    BertConfig config();

    /** Whether the checkpoint carries the masked-LM head ({@code cls.predictions.*}), so fill-mask works. */
    boolean hasMlmHead();

    /** WordPiece with the folder's vocabulary and {@code do_lower_case}. */
    BertTokenizer tokenizer();

    /**
     * Every layer's attention and hidden state.
     *
     * @param encoding at most {@code max_position_embeddings} positions
     */
    BertOutput forward(Encoding encoding);

    /** Every stage of one layer (from 0): its input, each head's Q, K, V, weights and Z_i, the concatenation and W^O. */
    EncoderLayerTrace traceLayer(Encoding encoding, int layer);

    /**
     * The model's token, segment and position tables with its vocabulary, for the embedding view;
     * empty when this session cannot hand them out.
     */
    default java.util.Optional<ModelEmbeddings> embeddings() {
        return java.util.Optional.empty();
    }

    /** The {@code k} most probable tokens at each {@code [MASK]} position (empty when there is none). */
    List<MaskPrediction> fillMask(Encoding encoding, int k);
}
