package org.attentionlab.io;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import org.attentionlab.engine.Precision;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Loading checkpoint folders: names, prefixes, legacy names, tied heads, and all problems at once. */
class BertCheckpointTest {

    @TempDir
    Path dir;

    static Path golden(String name) {
        try {
            return Path.of(BertCheckpointTest.class.getResource("/bert/" + name).toURI());
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }

    @Test
    void loadsEveryGoldenCheckpointWithItsVocabulary() throws IOException {
        for (String name : List.of("plain-f32", "bert-prefix-mlm-f32", "bert-prefix-f16", "bf16-no-pooler", "legacy-gamma-beta-f64")) {
            List<Double> progress = new ArrayList<>();
            BertCheckpoint c = BertCheckpoint.load(golden(name), Precision.FLOAT32, progress::add);
            assertEquals(40, c.vocabulary().orElseThrow().size(), name);
            assertEquals("[MASK]", c.vocabulary().orElseThrow().token(4));
            assertTrue(c.lowerCase());
            assertEquals(2, c.config().layers());
            assertEquals(1.0, progress.get(progress.size() - 1), 1e-12, name + ": progress ends at 1");
            assertEquals(name.contains("prefix") || name.contains("legacy") ? "bert." : "", c.prefix(), name);
        }
    }

    /** A copy of a golden folder whose safetensors has some tensors dropped and some reshaped. */
    private Path damaged(String name, List<String> drop, String reshape, long[] newShape) throws IOException {
        Path src = golden(name);
        Path out = dir.resolve(name);
        Files.createDirectories(out);
        Files.copy(src.resolve("config.json"), out.resolve("config.json"));
        SafetensorsWriter w = new SafetensorsWriter();
        try (SafetensorsFile st = SafetensorsFile.open(src.resolve("model.safetensors"))) {
            for (TensorInfo t : st.tensors().values()) {
                if (drop.contains(t.name()) || !t.dtype().isFloat()) {
                    continue;
                }
                float[] v = st.readFloats(t.name());
                long[] shape = t.name().equals(reshape) ? newShape : t.shape();
                if (t.name().equals(reshape)) {
                    v = java.util.Arrays.copyOf(v, (int) (shape[0] * shape[1]));
                }
                w.add(t.name(), Dtype.F32, shape, v);
            }
        }
        w.write(out.resolve("model.safetensors"));
        return out;
    }

    @Test
    void missingAndMisShapedTensorsAreListedAllAtOnceWithShapes() throws IOException {
        Path bad = damaged("plain-f32", List.of("encoder.layer.1.output.dense.bias", "embeddings.LayerNorm.weight",
                "pooler.dense.bias"), "encoder.layer.0.intermediate.dense.weight", new long[] {16, 32});
        ModelFileException e = assertThrows(ModelFileException.class, () -> BertCheckpoint.load(bad));
        String m = e.getMessage();
        assertEquals(4, e.problems().size(), m);
        assertTrue(m.startsWith(bad.resolve("model.safetensors") + ": 4 problems: "), m);
        assertTrue(m.contains("missing embeddings.LayerNorm.weight (expected shape [16])"), m);
        assertTrue(m.contains("encoder.layer.0.intermediate.dense.weight has shape [16, 32], expected [32, 16]"), m);
        assertTrue(m.contains("missing encoder.layer.1.output.dense.bias (expected shape [16])"), m);
        assertTrue(m.contains("missing pooler.dense.bias (expected shape [16])"), m);
    }

    @Test
    void aHalfPresentMaskedLmHeadIsReported() throws IOException {
        Path bad = damaged("bert-prefix-mlm-f32", List.of("cls.predictions.bias"), null, null);
        ModelFileException e = assertThrows(ModelFileException.class, () -> BertCheckpoint.load(bad));
        assertTrue(e.getMessage().contains("missing cls.predictions.bias (expected shape [40])"), e.getMessage());
    }

    @Test
    void nonFiniteWeightsAreRefused() throws IOException {
        Path src = golden("plain-f32");
        Path out = dir.resolve("nan");
        Files.createDirectories(out);
        Files.copy(src.resolve("config.json"), out.resolve("config.json"));
        SafetensorsWriter w = new SafetensorsWriter();
        try (SafetensorsFile st = SafetensorsFile.open(src.resolve("model.safetensors"))) {
            for (TensorInfo t : st.tensors().values()) {
                float[] v = st.readFloats(t.name());
                if (t.name().equals("encoder.layer.0.attention.self.key.bias")) {
                    v[3] = Float.NaN;
                }
                w.add(t.name(), Dtype.F32, t.shape(), v);
            }
        }
        w.write(out.resolve("model.safetensors"));
        ModelFileException e = assertThrows(ModelFileException.class, () -> BertCheckpoint.load(out));
        assertTrue(e.getMessage().contains("encoder.layer.0.attention.self.key.bias holds NaN at index 3; expected finite numbers"),
                e.getMessage());
    }

    @Test
    void aConfigThatDoesNotFitTheWeightsIsReported() throws IOException {
        Path src = golden("plain-f32");
        Path out = dir.resolve("wrong-config");
        Files.createDirectories(out);
        Files.copy(src.resolve("model.safetensors"), out.resolve("model.safetensors"));
        Files.writeString(out.resolve("config.json"), Files.readString(src.resolve("config.json"))
                .replace("\"num_hidden_layers\": 2", "\"num_hidden_layers\": 3"));
        ModelFileException e = assertThrows(ModelFileException.class, () -> BertCheckpoint.load(out));
        assertEquals(16, e.problems().size(), e.getMessage());
        assertTrue(e.problems().get(0).startsWith("missing encoder.layer.2.attention.self.query.weight"), e.getMessage());
    }

    @Test
    void missingFilesAndFoldersAreNamed() throws IOException {
        Path none = dir.resolve("none");
        assertTrue(assertThrows(ModelFileException.class, () -> BertCheckpoint.load(none)).getMessage().contains("no such folder"));
        Path empty = Files.createDirectories(dir.resolve("empty"));
        assertTrue(assertThrows(ModelFileException.class, () -> BertCheckpoint.load(empty)).getMessage()
                .contains("config.json: no such file"));
        Files.copy(golden("plain-f32").resolve("config.json"), empty.resolve("config.json"));
        ModelFileException e = assertThrows(ModelFileException.class, () -> BertCheckpoint.load(empty));
        assertTrue(e.getMessage().contains("model.safetensors: no such file"), e.getMessage());
    }

    @Test
    void aVocabularyLargerThanTheModelIsRefused() throws IOException {
        Path out = damaged("plain-f32", List.of(), null, null);
        StringBuilder v = new StringBuilder();
        for (int i = 0; i < 41; i++) {
            v.append(i == 1 ? "[UNK]" : "tok" + i).append('\n');
        }
        Files.writeString(out.resolve("vocab.txt"), v);
        ModelFileException e = assertThrows(ModelFileException.class, () -> BertCheckpoint.load(out));
        assertTrue(e.getMessage().contains("vocab.txt: has 41 tokens but config.json says vocab_size is 40"), e.getMessage());
        Files.delete(out.resolve("vocab.txt"));
        BertCheckpoint c = BertCheckpoint.load(out);
        assertFalse(c.vocabulary().isPresent(), "vocab.txt is optional for --ids");
        assertNotNull(c.model());
    }
}
