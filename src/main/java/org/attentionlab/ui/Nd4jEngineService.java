package org.attentionlab.ui;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.function.DoubleConsumer;

import org.attentionlab.engine.AttentionWeights;
import org.attentionlab.engine.Backend;
import org.attentionlab.engine.BackendInfo;
import org.attentionlab.engine.BertConfig;
import org.attentionlab.engine.BertInput;
import org.attentionlab.engine.BertModel;
import org.attentionlab.engine.Encoder;
import org.attentionlab.engine.Init;
import org.attentionlab.engine.Mask;
import org.attentionlab.engine.ModelConfig;
import org.attentionlab.engine.MultiHeadAttention;
import org.attentionlab.engine.Precision;
import org.attentionlab.engine.Tensors;
import org.attentionlab.engine.trace.BertOutput;
import org.attentionlab.engine.trace.EncoderLayerTrace;
import org.attentionlab.engine.trace.MaskPrediction;
import org.attentionlab.engine.trace.MultiHeadTrace;
import org.attentionlab.io.BertCheckpoint;
import org.attentionlab.io.ModelFileException;
import org.attentionlab.text.BertTokenizer;
import org.attentionlab.text.Encoding;

/**
 * The engine on ND4J. The ND4J arrays made here live only inside one call, or inside a loaded
 * {@link BertSession}: what leaves is plain arrays and trace records. Stateless, so one instance
 * serves every view.
 */
public final class Nd4jEngineService implements EngineService {

    @Override
    public BackendInfo backend() {
        return Backend.describe();
    }

    @Override
    public AttentionWeights initialWeights(ModelConfig config, long seed) {
        return MultiHeadAttention.init(config, new Init(seed, config.precision())).weights();
    }

    @Override
    public MultiHeadTrace selfAttention(double[][] x, ModelConfig config, AttentionWeights weights, Mask mask) {
        var input = Tensors.matrix(x, config.precision(), "X");
        return MultiHeadAttention.of(config, weights).trace(input, input, mask);
    }

    @Override
    public List<EncoderLayerTrace> encoderTrace(double[][] x, ModelConfig config, long seed) {
        return Encoder.init(config, new Init(seed, config.precision())).trace(x, Mask.none());
    }

    @Override
    public BertSession openBert(Path folder, DoubleConsumer progress) throws IOException {
        // the vocabulary is checked first: without it the views cannot tokenize, and a missing
        // file should not cost the user the wait for 400 MB of weights
        Path vocab = folder.resolve(BertCheckpoint.VOCAB);
        if (Files.isDirectory(folder) && !Files.isRegularFile(vocab)) {
            throw new ModelFileException(vocab, null,
                    "no such file; the model's vocabulary is needed to split text into tokens");
        }
        BertCheckpoint ckpt = BertCheckpoint.load(folder, Precision.FLOAT32, progress);
        BertTokenizer tokenizer = new BertTokenizer(ckpt.vocabulary().orElseThrow(), ckpt.lowerCase());
        return new Session(ckpt.folder(), ckpt.config(), ckpt.model(), tokenizer, ckpt.lowerCase());
    }

    /** A loaded checkpoint; its model's arrays never leave it. */
    private record Session(Path folder, BertConfig config, BertModel model, BertTokenizer tokenizer, boolean lowerCase)
            implements BertSession {

        @Override
        public java.util.Optional<ModelEmbeddings> embeddings() {
            return java.util.Optional.of(new ModelEmbeddings(name(), model.embeddingTables(), tokenizer.vocabulary(), lowerCase));
        }

        @Override
        public boolean hasMlmHead() {
            return model.hasMlmHead();
        }

        @Override
        public BertOutput forward(Encoding encoding) {
            return model.forward(input(encoding));
        }

        @Override
        public EncoderLayerTrace traceLayer(Encoding encoding, int layer) {
            return model.traceLayer(input(encoding), layer);
        }

        @Override
        public List<MaskPrediction> fillMask(Encoding encoding, int k) {
            int mask = tokenizer.vocabulary().id(BertTokenizer.MASK).orElseThrow(() -> new IllegalArgumentException(
                    folder.resolve(BertCheckpoint.VOCAB) + " has no " + BertTokenizer.MASK + " token"));
            return model.fillMask(input(encoding), mask, k);
        }

        private static BertInput input(Encoding e) {
            return new BertInput(e.inputIdsArray(), e.tokenTypeIdsArray(), e.attentionMaskArray());
        }
    }
}
