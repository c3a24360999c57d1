package org.attentionlab.ui.fx;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.SplittableRandom;

import org.attentionlab.io.Dtype;
import org.attentionlab.io.SafetensorsWriter;

/**
 * A BERT checkpoint with BERT-base's grid, 12 layers × 12 heads, but tiny widths (hidden 48, heads
 * of 4) and the 40-token test vocabulary, written into a folder at test time (under 1 MB). Its
 * random weights are large enough that heads attend sharply, so the thumbnails differ.
 */
final class GridCheckpoint {

    static final int LAYERS = 12;
    static final int HEADS = 12;
    private static final int HIDDEN = 48;
    private static final int FFN = 96;
    private static final int VOCAB = 40;
    private static final int POSITIONS = 160;

    private GridCheckpoint() {
    }

    static Path write(Path dir, Path vocabFrom) throws IOException {
        Files.createDirectories(dir);
        SafetensorsWriter w = new SafetensorsWriter().metadata("format", "pt");
        SplittableRandom r = new SplittableRandom(12);
        add(w, r, "embeddings.word_embeddings.weight", 1.0, VOCAB, HIDDEN);
        add(w, r, "embeddings.position_embeddings.weight", 1.0, POSITIONS, HIDDEN);
        add(w, r, "embeddings.token_type_embeddings.weight", 0.5, 2, HIDDEN);
        ones(w, "embeddings.LayerNorm.weight");
        add(w, r, "embeddings.LayerNorm.bias", 0.1, HIDDEN);
        for (int l = 0; l < LAYERS; l++) {
            String p = "encoder.layer." + l + ".";
            add(w, r, p + "attention.self.query.weight", 0.6, HIDDEN, HIDDEN);
            add(w, r, p + "attention.self.query.bias", 0.1, HIDDEN);
            add(w, r, p + "attention.self.key.weight", 0.6, HIDDEN, HIDDEN);
            add(w, r, p + "attention.self.key.bias", 0.1, HIDDEN);
            add(w, r, p + "attention.self.value.weight", 0.2, HIDDEN, HIDDEN);
            add(w, r, p + "attention.self.value.bias", 0.1, HIDDEN);
            add(w, r, p + "attention.output.dense.weight", 0.2, HIDDEN, HIDDEN);
            add(w, r, p + "attention.output.dense.bias", 0.1, HIDDEN);
            ones(w, p + "attention.output.LayerNorm.weight");
            add(w, r, p + "attention.output.LayerNorm.bias", 0.1, HIDDEN);
            add(w, r, p + "intermediate.dense.weight", 0.2, FFN, HIDDEN);
            add(w, r, p + "intermediate.dense.bias", 0.1, FFN);
            add(w, r, p + "output.dense.weight", 0.2, HIDDEN, FFN);
            add(w, r, p + "output.dense.bias", 0.1, HIDDEN);
            ones(w, p + "output.LayerNorm.weight");
            add(w, r, p + "output.LayerNorm.bias", 0.1, HIDDEN);
        }
        w.write(dir.resolve("model.safetensors"));
        Files.writeString(dir.resolve("config.json"), "{\"vocab_size\": " + VOCAB + ", \"hidden_size\": " + HIDDEN
                + ", \"num_hidden_layers\": " + LAYERS + ", \"num_attention_heads\": " + HEADS + ", \"intermediate_size\": "
                + FFN + ", \"hidden_act\": \"gelu\", \"max_position_embeddings\": " + POSITIONS
                + ", \"type_vocab_size\": 2, \"layer_norm_eps\": 1e-12}");
        Files.copy(vocabFrom, dir.resolve("vocab.txt"));
        return dir;
    }

    private static void add(SafetensorsWriter w, SplittableRandom r, String name, double scale, int... shape) {
        int n = 1;
        long[] s = new long[shape.length];
        for (int i = 0; i < shape.length; i++) {
            n *= shape[i];
            s[i] = shape[i];
        }
        float[] v = new float[n];
        for (int i = 0; i < n; i++) {
            v[i] = (float) ((2 * r.nextDouble() - 1) * scale);
        }
        w.add(name, Dtype.F32, s, v);
    }

    private static void ones(SafetensorsWriter w, String name) {
        float[] v = new float[HIDDEN];
        java.util.Arrays.fill(v, 1f);
        w.add(name, Dtype.F32, new long[] {HIDDEN}, v);
    }
}
