package org.attentionlab.ui.model;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.attentionlab.engine.trace.Matrix;
import org.attentionlab.lesson.StateMap;
import org.attentionlab.lesson.StateValue;
import org.attentionlab.testing.Golden;
import org.attentionlab.ui.BertSession;
import org.attentionlab.ui.Nd4jEngineService;
import org.attentionlab.ui.UiExecutors;
import org.attentionlab.ui.Message;
import org.attentionlab.ui.widgets.Cell;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * Opening model folders (good, missing, corrupted) and the model view's grid and fill-mask,
 * without a Stage, on the tiny checkpoints of {@code src/test/resources/bert} and their numpy
 * float64 reference ({@code make_bert_golden.py}, {@code make_multihead_golden.py}).
 */
class ModelViewModelTest {

    private static final Nd4jEngineService ENGINE = new Nd4jEngineService();
    private static final double TOL = 1e-4;

    @TempDir
    Path temp;

    static Path checkpoint(String name) {
        try {
            return Path.of(ModelViewModelTest.class.getResource("/bert/" + name).toURI());
        } catch (java.net.URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }

    private static ModelLoader loader() {
        return new ModelLoader(ENGINE, UiExecutors.direct());
    }

    /** A copy of a checkpoint folder (config, weights, vocabulary). */
    private Path copy(String name) throws IOException {
        Path dir = Files.createDirectories(temp.resolve(name + "-copy"));
        try (var files = Files.list(checkpoint(name))) {
            for (Path f : files.toList()) {
                Files.copy(f, dir.resolve(f.getFileName()));
            }
        }
        return dir;
    }

    private static String text(Message m) {
        return String.valueOf(m.args().get(0));
    }

    // ---------------------------------------------------------------- opening a folder

    @Test
    void aGoodFolderLoadsWithProgressToTheEnd() {
        ModelLoader loader = loader();
        List<Double> seen = new ArrayList<>();
        loader.progressProperty().addListener((obs, old, now) -> seen.add(now.doubleValue()));
        loader.open(checkpoint("bert-prefix-mlm-f32"));
        BertSession s = loader.model();
        assertNotNull(s);
        assertNull(loader.errorProperty().get());
        assertNull(loader.loadingProperty().get());
        assertFalse(loader.busyProperty().get());
        assertEquals(1.0, loader.progressProperty().get());
        assertTrue(seen.size() >= 3, "progress is reported while reading: " + seen);
        for (int i = 1; i < seen.size(); i++) {
            assertTrue(seen.get(i) >= seen.get(i - 1), "progress never goes back: " + seen);
        }
        assertEquals("bert-prefix-mlm-f32", s.name());
        assertEquals(2, s.config().layers());
        assertEquals(4, s.config().heads());
        assertTrue(s.hasMlmHead());
    }

    @Test
    void aMissingVocabularyIsNamedAndThePreviousModelStays() throws IOException {
        ModelLoader loader = loader();
        loader.open(checkpoint("plain-f32"));
        BertSession before = loader.model();
        Path dir = copy("bf16-no-pooler");
        Files.delete(dir.resolve("vocab.txt"));
        loader.open(dir);
        Message m = loader.errorProperty().get();
        assertEquals("model.error.load", m.key());
        assertEquals(dir.resolve("vocab.txt") + ": no such file; the model's vocabulary is needed to split text into tokens",
                text(m));
        assertSame(before, loader.model(), "the app keeps its previous model");
    }

    @Test
    void aTruncatedWeightsFileIsNamedWithTheProblem() throws IOException {
        ModelLoader loader = loader();
        Path dir = copy("plain-f32");
        Path weights = dir.resolve("model.safetensors");
        byte[] all = Files.readAllBytes(weights);
        Files.write(weights, java.util.Arrays.copyOf(all, all.length / 2));
        loader.open(dir);
        Message m = loader.errorProperty().get();
        assertEquals("model.error.load", m.key());
        assertTrue(text(m).startsWith(weights.toString() + ": "), text(m));
        assertNull(loader.model());
    }

    @Test
    void aBrokenConfigOrAMissingFolderIsNamed() throws IOException {
        ModelLoader loader = loader();
        Path dir = copy("plain-f32");
        Files.writeString(dir.resolve("config.json"), "{\"hidden_size\": 16,");
        loader.open(dir);
        assertTrue(text(loader.errorProperty().get()).startsWith(dir.resolve("config.json") + ": "),
                text(loader.errorProperty().get()));
        Path none = temp.resolve("no-such-model");
        loader.open(none);
        assertEquals("model.error.load", loader.errorProperty().get().key());
        assertTrue(text(loader.errorProperty().get()).startsWith(none + ": no such folder"), text(loader.errorProperty().get()));
    }

    @Test
    void weightsOfTheWrongShapeListEveryProblem() throws IOException {
        ModelLoader loader = loader();
        Path dir = copy("plain-f32");
        String config = Files.readString(dir.resolve("config.json")).replace("\"intermediate_size\": 32", "\"intermediate_size\": 48");
        Files.writeString(dir.resolve("config.json"), config);
        loader.open(dir);
        String message = text(loader.errorProperty().get());
        assertTrue(message.startsWith(dir.resolve("model.safetensors") + ": "), message);
        assertTrue(message.contains("encoder.layer.0.intermediate.dense.weight has shape [32, 16], expected [48, 16]"), message);
        assertTrue(message.contains("encoder.layer.1."), "every layer is listed: " + message);
    }

    // ---------------------------------------------------------------- the grid

    private static ModelViewModel view(ModelLoader loader) {
        return new ModelViewModel(UiExecutors.direct(), loader);
    }

    @Test
    void withoutAModelTheViewSaysHowToOpenOne() {
        ModelViewModel vm = view(loader());
        assertEquals(Message.of("model.error.noModel"), vm.errorProperty().get());
        assertNull(vm.grid());
        assertEquals(List.of(), vm.predictionsProperty().get());
    }

    @Test
    void theGridHoldsEveryLayerAndHeadOfTheReference() {
        ModelLoader loader = loader();
        ModelViewModel vm = view(loader);
        JsonNode golden = Golden.load("multihead_views.json");
        vm.textProperty().set(golden.get("text").asText());
        vm.pairProperty().set(golden.get("pair").asText());
        loader.open(checkpoint("bert-prefix-mlm-f32"));
        assertNull(vm.errorProperty().get());
        ModelViewModel.Grid g = vm.grid();
        assertEquals(2, g.layers());
        assertEquals(4, g.heads());
        assertEquals(12, g.tokens().size());
        for (int l = 0; l < 2; l++) {
            for (int h = 0; h < 4; h++) {
                Golden.assertAllClose(g.maps().get(l).get(h), Golden.matrix(golden.get("attentions").get(l).get(h)), 0, TOL,
                        "layer " + l + " head " + h);
            }
        }
        vm.hideSpecialProperty().set(true);
        Golden.assertAllClose(vm.grid().maps().get(1).get(2), Golden.matrix(golden.get("hide_layer1_head2")), 0, TOL,
                "hidden [CLS]/[SEP], renormalised");
        assertTrue(vm.grid().hideSpecial());
    }

    @Test
    void clickingAThumbnailOpensThatHeadWithTheSentence() {
        ModelLoader loader = loader();
        ModelViewModel vm = view(loader);
        loader.open(checkpoint("plain-f32"));
        List<Object> opened = new ArrayList<>();
        vm.openerProperty().set((text, pair, layer, head, hide) -> opened.addAll(List.of(text, pair, layer, head, hide)));
        vm.textProperty().set("the dog ran");
        vm.hideSpecialProperty().set(true);
        vm.openHead(1, 0);
        assertEquals(List.of("the dog ran", "", 1, 0, true), opened);
        assertEquals(new Cell(1, 0), vm.selectedProperty().get());
    }

    @Test
    void aLessonMarksAThumbnailAndALayerBeyondTheModelIsReported() {
        ModelLoader loader = loader();
        loader.open(checkpoint("plain-f32"));
        ModelViewModel vm = view(loader);
        vm.applyLessonState(StateMap.of(Map.of("layer", new StateValue.Int(1), "head", new StateValue.Int(1),
                "text", new StateValue.Text("the cat sat"))));
        assertEquals(new Cell(1, 1), vm.selectedProperty().get());
        assertEquals(List.of("[CLS]", "the", "cat", "sat", "[SEP]"), vm.grid().tokens());
        vm.applyLessonState(StateMap.of(Map.of("layer", new StateValue.Int(5))));
        assertEquals(Message.of("model.error.cell", 5, 0, 2, 2), vm.errorProperty().get());
        assertNull(vm.selectedProperty().get());
        assertNotNull(vm.grid(), "the grid is still drawn");
    }

    @Test
    void aLongSentenceIsCutWithANotice() {
        ModelLoader loader = loader();
        loader.open(checkpoint("plain-f32"));
        ModelViewModel vm = view(loader);
        vm.textProperty().set("the cat sat on the mat and the dog ran to the big street because it was too tired");
        vm.compute();
        assertEquals(Message.of("multihead.notice.truncatedModel", 21, 16), vm.noticeProperty().get());
        assertEquals(16, vm.grid().tokens().size());
        Matrix m = vm.grid().maps().get(0).get(0);
        assertEquals(16, m.rows());
    }

    // ---------------------------------------------------------------- fill-mask

    @Test
    void fillMaskGivesTheReferencesTopFive() {
        ModelLoader loader = loader();
        ModelViewModel vm = view(loader);
        loader.open(checkpoint("bert-prefix-mlm-f32"));
        vm.maskedProperty().set("the cat [MASK] on the mat");
        vm.predict();
        assertNull(vm.fillErrorProperty().get());
        List<ModelViewModel.Prediction> p = vm.predictionsProperty().get();
        assertEquals(1, p.size());
        assertEquals(3, p.get(0).position());
        // make_bert_golden.py, case "masked" (its padding token changes nothing at the real positions)
        JsonNode f = null;
        try {
            f = new com.fasterxml.jackson.databind.ObjectMapper().readTree(
                    checkpoint("bert-prefix-mlm-f32").resolve("expected.json").toFile());
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
        JsonNode expected = null;
        for (JsonNode c : f.get("cases")) {
            if (c.get("name").asText().equals("masked")) {
                expected = c.get("fill_mask").get(0);
            }
        }
        assertNotNull(expected);
        for (int k = 0; k < 5; k++) {
            ModelViewModel.Candidate c = p.get(0).candidates().get(k);
            assertEquals(expected.get("top_ids").get(k).asInt(), c.id());
            assertEquals(expected.get("top_probs").get(k).asDouble(), c.probability(), TOL);
        }
        assertEquals("is", p.get(0).candidates().get(0).token(), "id 37 in the vocabulary");
        vm.topKProperty().set(2);
        vm.predict();
        assertEquals(2, vm.predictionsProperty().get().get(0).candidates().size());
    }

    @Test
    void fillMaskExplainsWhatIsMissing() {
        ModelLoader loader = loader();
        ModelViewModel vm = view(loader);
        loader.open(checkpoint("bert-prefix-mlm-f32"));
        vm.maskedProperty().set("the cat sat");
        vm.predict();
        assertEquals(Message.of("model.fill.noMask", "[MASK]"), vm.fillErrorProperty().get());
        vm.maskedProperty().set("the cat [MASK]");
        vm.topKProperty().set(0);
        vm.predict();
        assertEquals(Message.of("model.fill.badTopK", 0, ModelViewModel.MAX_TOP_K), vm.fillErrorProperty().get());
        loader.open(checkpoint("plain-f32"));
        assertEquals(Message.of("model.fill.noHead", "plain-f32"), vm.fillErrorProperty().get(),
                "a plain BertModel checkpoint has no masked-LM head");
    }
}
