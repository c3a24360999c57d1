package org.attentionlab.engine.train;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.attentionlab.engine.Activation;
import org.attentionlab.engine.Decoder;
import org.attentionlab.engine.Encoder;
import org.attentionlab.engine.Mask;
import org.attentionlab.engine.ModelConfig;
import org.attentionlab.engine.OutputProjection;
import org.attentionlab.engine.Precision;
import org.attentionlab.engine.Tensors;
import org.attentionlab.engine.trace.DecoderLayerTrace;
import org.attentionlab.engine.trace.Matrix;
import org.attentionlab.io.ModelFileException;
import org.attentionlab.testing.Golden;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * The trainable encoder-decoder: it computes exactly what the inference engine computes on the
 * same weights (so the views, which trace the engine, show the trained model's numbers), it is
 * deterministic, and its folder format round-trips and rejects broken files by name.
 */
class Seq2SeqModelTest {

    @TempDir
    Path tmp;

    private static Seq2SeqTransformer tiny(Precision p, long seed) {
        ModelConfig c = ModelConfig.of(8, 2).withDFF(16).withLayers(2).withActivation(Activation.RELU).withPrecision(p);
        return Seq2SeqTransformer.init(new Seq2SeqConfig(c, 9, 10, 10), seed);
    }

    @Test
    void trainingModelAndInferenceEngineAgreeOnTheSameWeights() {
        Seq2SeqTransformer model = tiny(Precision.FLOAT64, 3);
        int[] src = {4, 7, 5, 8, Seq2SeqTransformer.EOS};
        int[] tgtIn = {Seq2SeqTransformer.BOS, 6, 9, 4};
        INDArray logits = model.forward(new int[][] {src}, new int[][] {tgtIn});
        ModelConfig c = model.config().model();
        Encoder encoder = Encoder.of(c, model.encoderWeights());
        Decoder decoder = Decoder.of(c, model.decoderWeights());
        double[][] memory = encoder.trace(model.embedSource(src), Mask.none()).get(1).output().toArray();
        List<DecoderLayerTrace> layers = decoder.trace(model.embedTarget(tgtIn), memory, Mask.none(), Mask.none());
        OutputProjection out = OutputProjection.of(model.outputWeight().toArray(), model.outputBias(), Precision.FLOAT64);
        double[][] expected = Tensors.toMatrix(out.logits(Tensors.matrix(layers.get(1).output().toArray(), Precision.FLOAT64, "h")));
        Golden.assertAllClose(Tensors.toMatrix(logits), expected, 1e-12, 1e-12, "logits");
        // and the attention the training model records is the engine's
        Matrix engineCross = layers.get(1).crossAttention().heads().get(1).attention().weights();
        Golden.assertAllClose(model.crossAttention(0, 4, 5).get(1).get(1), engineCross.toArray(), 1e-12, 1e-12, "cross-attention");
    }

    @Test
    void theSameSeedGivesTheSameModelAndTheSameTrainingToTheLastBit() {
        double[] a = trainBriefly(5);
        double[] b = trainBriefly(5);
        assertArrayEquals(a, b, 0.0, "same seed, same losses and weights, bit for bit");
        double[] c = trainBriefly(6);
        assertTrue(a[0] != c[0], "another seed, another run");
    }

    /** Eight float32 steps; returns the losses followed by every parameter. */
    private static double[] trainBriefly(long seed) {
        Seq2SeqTransformer m = tiny(Precision.FLOAT32, seed);
        java.util.SplittableRandom r = new java.util.SplittableRandom(seed);
        Seq2SeqTraining.Batches batches = () -> {
            List<int[]> s = new java.util.ArrayList<>();
            List<int[]> t = new java.util.ArrayList<>();
            for (int i = 0; i < 4; i++) {
                int[] x = r.ints(2 + r.nextInt(4), 4, 9).toArray();
                s.add(x);
                t.add(x.clone());
            }
            return Seq2SeqBatch.of(s, t);
        };
        Seq2SeqTraining task = new Seq2SeqTraining("t", m, batches, new Seq2SeqTraining.Settings(8, 3e-3, 4, 1.0, 0.1),
                new Seq2SeqTraining.Probe(new int[] {4, 5}, new int[] {4, 5}, List.of("a", "b"), List.of("a", "b")));
        double[] losses = new double[8];
        for (int i = 1; i <= 8; i++) {
            losses[i - 1] = task.step(i).loss();
        }
        assertTrue(losses[7] < losses[0], "the loss falls");
        double[] w = m.parameters().valuesCopy();
        double[] out = new double[8 + w.length];
        System.arraycopy(losses, 0, out, 0, 8);
        System.arraycopy(w, 0, out, 8, w.length);
        return out;
    }

    @Test
    void foldersRoundTripAndAreWrittenByteForByteTheSame() throws IOException {
        Seq2SeqTransformer m = tiny(Precision.FLOAT32, 9);
        TokenVocabulary src = TokenVocabulary.build("src", List.of("a b c d e"));
        TokenVocabulary tgt = TokenVocabulary.build("tgt", List.of("p q r s t u"));
        Map<String, Object> info = new LinkedHashMap<>();
        info.put("seed", 9);
        Seq2SeqCheckpoint.save(tmp.resolve("a"), m, src, tgt, info);
        Seq2SeqCheckpoint.save(tmp.resolve("b"), m, src, tgt, info);
        for (String f : List.of(Seq2SeqCheckpoint.CONFIG, Seq2SeqCheckpoint.WEIGHTS, Seq2SeqCheckpoint.SOURCE_VOCAB,
                Seq2SeqCheckpoint.TARGET_VOCAB)) {
            assertArrayEquals(Files.readAllBytes(tmp.resolve("a").resolve(f)), Files.readAllBytes(tmp.resolve("b").resolve(f)), f);
        }
        Seq2SeqCheckpoint.Loaded l = Seq2SeqCheckpoint.load(tmp.resolve("a"), Precision.FLOAT32);
        assertArrayEquals(m.parameters().valuesCopy(), l.model().parameters().valuesCopy(), 0.0);
        assertEquals(src.tokens(), l.source().tokens());
        assertEquals(List.of("<pad>", "<bos>", "<eos>", "<unk>", "p", "q", "r", "s", "t", "u"), l.target().tokens());
        assertEquals(9, l.config().get("training").get("seed").asInt());
    }

    @Test
    void brokenFoldersNameTheFileAndTheEntry() throws IOException {
        Seq2SeqTransformer m = tiny(Precision.FLOAT32, 9);
        TokenVocabulary src = TokenVocabulary.build("src", List.of("a b c d e"));
        TokenVocabulary tgt = TokenVocabulary.build("tgt", List.of("p q r s t u"));
        Path dir = tmp.resolve("m");
        Seq2SeqCheckpoint.save(dir, m, src, tgt, Map.of());
        Path cfg = dir.resolve(Seq2SeqCheckpoint.CONFIG);
        String good = Files.readString(cfg);

        Files.writeString(cfg, good.replace("\"d_model\" : 8", "\"d_model\" : 12"));
        ModelFileException shape = assertThrows(ModelFileException.class, () -> Seq2SeqCheckpoint.load(dir, Precision.FLOAT32));
        assertTrue(shape.getMessage().startsWith(dir.resolve(Seq2SeqCheckpoint.WEIGHTS) + ": "), shape.getMessage());
        assertTrue(shape.getMessage().contains("tensor \"source_embedding.weight\" has shape [9, 8] but the config needs [9, 12]"),
                shape.getMessage());

        Files.writeString(cfg, good.replace("\"heads\" : 2", "\"heads\" : \"two\""));
        assertEquals(cfg + ": heads: should be a whole number but is \"two\"",
                assertThrows(ModelFileException.class, () -> Seq2SeqCheckpoint.load(dir, Precision.FLOAT32)).getMessage());

        Files.writeString(cfg, "{ not json");
        assertTrue(assertThrows(ModelFileException.class, () -> Seq2SeqCheckpoint.load(dir, Precision.FLOAT32)).getMessage()
                .startsWith(cfg + ": is not valid JSON"));

        Files.writeString(cfg, good);
        Files.writeString(dir.resolve(Seq2SeqCheckpoint.SOURCE_VOCAB), "<pad>\n<s>\n<eos>\n<unk>\na\nb\nc\nd\ne\n");
        assertEquals(dir.resolve(Seq2SeqCheckpoint.SOURCE_VOCAB) + ": line 2: should be <bos> (the first lines are <pad> <bos> <eos> <unk>)",
                assertThrows(ModelFileException.class, () -> Seq2SeqCheckpoint.load(dir, Precision.FLOAT32)).getMessage());
    }

    @Test
    void shapesAreCheckedWithBothShapesInTheMessage() {
        LinearLayer l = LinearLayer.glorot("W^Q", 4, 3, new org.attentionlab.engine.Init(1, Precision.FLOAT64));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> l.forward(org.nd4j.linalg.factory.Nd4j.zeros(5, 6)));
        assertEquals("W^Q input has shape [5, 6] but (any, 4) was expected", e.getMessage());
        IllegalStateException early = assertThrows(IllegalStateException.class,
                () -> LinearLayer.glorot("W^K", 4, 3, new org.attentionlab.engine.Init(1, Precision.FLOAT64))
                        .backward(org.nd4j.linalg.factory.Nd4j.zeros(5, 3)));
        assertEquals("W^K: backward was called before forward", early.getMessage());
        Seq2SeqTransformer m = tiny(Precision.FLOAT32, 1);
        IllegalArgumentException tooLong = assertThrows(IllegalArgumentException.class,
                () -> m.forward(new int[][] {{4, 5, 6, 7, 8, 4, 5, 6, 7, 8, 2}}, new int[][] {{1, 4}}));
        assertEquals("a sequence of 11 tokens is longer than the model's maximum of 10 (with its start or end token)",
                tooLong.getMessage());
        IllegalArgumentException badId = assertThrows(IllegalArgumentException.class,
                () -> m.forward(new int[][] {{4, 99, 2}}, new int[][] {{1, 4}}));
        assertEquals("source_embedding: token id 99 at position 1 is outside the vocabulary 0..8", badId.getMessage());
    }
}
