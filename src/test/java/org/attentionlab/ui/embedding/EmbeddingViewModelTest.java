package org.attentionlab.ui.embedding;

import static org.attentionlab.testing.Golden.assertAllClose;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Queue;
import java.util.function.Supplier;

import org.attentionlab.engine.AttentionWeights;
import org.attentionlab.engine.BackendInfo;
import org.attentionlab.engine.EmbeddingTables;
import org.attentionlab.engine.Mask;
import org.attentionlab.engine.ModelConfig;
import org.attentionlab.engine.Pca;
import org.attentionlab.engine.trace.Matrix;
import org.attentionlab.engine.trace.MultiHeadTrace;
import org.attentionlab.lesson.StateMap;
import org.attentionlab.lesson.StateValue;
import org.attentionlab.testing.Golden;
import org.attentionlab.text.Vocabulary;
import org.attentionlab.ui.EngineService;
import org.attentionlab.ui.Message;
import org.attentionlab.ui.ModelEmbeddings;
import org.attentionlab.ui.UiExecutors;
import org.attentionlab.ui.embedding.EmbeddingViewModel.InputEmbeddings;
import org.attentionlab.ui.embedding.EmbeddingViewModel.PcaSource;
import org.attentionlab.ui.embedding.EmbeddingViewModel.Point;
import org.attentionlab.ui.embedding.EmbeddingViewModel.Similarity;
import org.attentionlab.ui.widgets.Cell;
import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * The embedding view-model without a Stage: every table against the numpy float64 reference
 * (src/test/python/make_embedding_golden.py), a loaded model's tables plugged in through
 * {@link EngineService#bertEmbeddings()}, editing, lesson state and errors.
 */
class EmbeddingViewModelTest {

    private static final JsonNode GOLDEN = Golden.load("embedding.json");

    /** An engine with nothing but (optionally) a loaded model's embedding tables. */
    static final class ModelOnly implements EngineService {
        private final Supplier<Optional<ModelEmbeddings>> model;

        ModelOnly(Supplier<Optional<ModelEmbeddings>> model) {
            this.model = model;
        }

        @Override
        public BackendInfo backend() {
            throw new UnsupportedOperationException("not used by the embedding view");
        }

        @Override
        public AttentionWeights initialWeights(ModelConfig config, long seed) {
            throw new UnsupportedOperationException("not used by the embedding view");
        }

        @Override
        public MultiHeadTrace selfAttention(double[][] x, ModelConfig config, AttentionWeights weights, Mask mask) {
            throw new UnsupportedOperationException("not used by the embedding view");
        }

        @Override
        public Optional<ModelEmbeddings> bertEmbeddings() {
            return model.get();
        }
    }

    private final EmbeddingViewModel vm = new EmbeddingViewModel(new ModelOnly(Optional::empty), UiExecutors.direct());

    /** The golden tables as a "loaded model" whose vocabulary is [PAD] [UNK] [CLS] [SEP] [MASK] w5 … w19. */
    static ModelEmbeddings goldenModel() {
        JsonNode in = GOLDEN.get("input");
        EmbeddingTables t = EmbeddingTables.of(Golden.matrix(in.get("token")), Golden.matrix(in.get("segment")),
                Golden.matrix(in.get("position")));
        List<String> tokens = new ArrayList<>(List.of("[PAD]", "[UNK]", "[CLS]", "[SEP]", "[MASK]"));
        for (int i = 5; i < 20; i++) {
            tokens.add("w" + i);
        }
        return new ModelEmbeddings("golden-test-model", t, Vocabulary.of("golden vocabulary", tokens), true);
    }

    @Test
    void theDatawhaleWordsTablesMatchNumpy() {
        JsonNode w = GOLDEN.get("words");
        assertEquals(List.of("猫", "狗", "爱", "跑"), vm.wordLabelsProperty().get());
        assertEquals(List.of("x", "y", "z"), vm.coordinateLabelsProperty().get());
        assertAllClose(vm.coordinatesProperty().get(), Golden.matrix(w.get("vectors")), 0, 0, "coordinates");
        assertAllClose(vm.distancesProperty().get(), Golden.matrix(w.get("euclidean")), 1e-12, 1e-15, "distances");
        assertAllClose(vm.similaritiesProperty().get(), Golden.matrix(w.get("cosine")), 1e-12, 1e-15, "cosines");
        vm.similarityProperty().set(Similarity.DOT);
        assertAllClose(vm.similaritiesProperty().get(), Golden.matrix(w.get("dot")), 1e-12, 1e-15, "dot products");
        assertEquals(Message.of("embedding.pair", "猫", "狗", "0.3600", "0.9997", "1.49", "0.0866"), vm.pairReadoutProperty().get());
        vm.selectedPairProperty().set(new Cell(0, 2));
        assertEquals(Message.of("embedding.pair", "猫", "爱", "0.7600", "0.9812", "11.14", "0.8441"), vm.pairReadoutProperty().get());
        List<Point> pts = vm.pointsProperty().get();
        assertEquals(4, pts.size());
        assertEquals(new Point("爱", 0.8, 0.8, 0.8, false), pts.get(2));
        assertNull(vm.plotNoticeProperty().get());
        assertNull(vm.errorProperty().get());
    }

    @Test
    void thePcaOfTheWordsMatchesNumpy() {
        JsonNode c = GOLDEN.get("pca").get(0);
        assertEquals("datawhale-3d-to-2d", c.get("name").asText());
        double[][] expected = Golden.matrix(c.get("projected"));
        List<Point> pts = vm.pcaPointsProperty().get();
        assertEquals(4, pts.size());
        for (int i = 0; i < 4; i++) {
            assertEquals(expected[i][0], pts.get(i).x(), 1e-10, "PC1 of " + pts.get(i).label());
            assertEquals(expected[i][1], pts.get(i).y(), 1e-10, "PC2 of " + pts.get(i).label());
        }
        assertAllClose(vm.pcaRatioProperty().get(), Golden.vector(c.get("explained_variance_ratio")), 1e-9, 1e-12, "ratio");
        assertEquals(Message.of("embedding.pca.kept", "80.4\u00A0%", "19.6\u00A0%", "99.996\u00A0%"), vm.pcaKeptProperty().get());
        assertEquals(Message.of("embedding.pca.words", 4), vm.pcaWhatProperty().get());
    }

    @Test
    void editingACoordinateRecomputesAndBadInputIsRefused() {
        vm.editCoordinate(0, 2, 0.3); // 猫 = [0.3, 0.4, 0.3]
        assertEquals(Math.sqrt(0.05 * 0.05 * 2), vm.distancesProperty().get().get(0, 1), 1e-15);
        assertEquals(0.3, vm.pointsProperty().get().get(0).z(), 0);
        Matrix before = vm.coordinatesProperty().get();
        vm.editCoordinate(1, 0, Double.NaN);
        assertEquals(Message.of("embedding.error.notFinite", "狗", 0), vm.errorProperty().get());
        assertEquals(before, vm.coordinatesProperty().get());
        vm.reportBadCell("abc");
        assertEquals(Message.of("embedding.error.badCell", "abc"), vm.errorProperty().get());
    }

    @Test
    void wordsCanBeAddedAndRemovedWithinLimits() {
        vm.addWord("  鱼 ");
        assertEquals(List.of("猫", "狗", "爱", "跑", "鱼"), vm.wordLabelsProperty().get());
        assertEquals(List.of(0.0, 0.0, 0.0), java.util.Arrays.stream(vm.coordinatesProperty().get().row(4)).boxed().toList());
        assertEquals(Message.of("embedding.notice.zeroVector"), vm.noticeProperty().get(), "鱼 sits at the origin");
        vm.addWord("猫");
        assertEquals(Message.of("embedding.error.duplicateWord", "猫"), vm.errorProperty().get());
        vm.addWord(" ");
        assertEquals(Message.of("embedding.error.emptyWord"), vm.errorProperty().get());
        vm.removeWord(4);
        vm.removeWord(0);
        vm.removeWord(0);
        vm.removeWord(0);
        assertEquals(List.of("跑"), vm.wordLabelsProperty().get());
        vm.removeWord(0);
        assertEquals(Message.of("embedding.error.lastWord"), vm.errorProperty().get());
        assertEquals(new Cell(0, 0), vm.selectedPairProperty().get());
        for (int i = 0; i < EmbeddingViewModel.MAX_WORDS; i++) {
            vm.addWord("w" + i);
        }
        assertEquals(Message.of("embedding.error.tooManyWords", EmbeddingViewModel.MAX_WORDS), vm.errorProperty().get());
        vm.loadDatawhaleWords();
        assertEquals(4, vm.wordLabelsProperty().get().size());
    }

    @Test
    void aLessonStateSetsEverythingAndAbsentKeysTakeTheDefaults() {
        Map<String, StateValue.Vector> flat = new LinkedHashMap<>();
        flat.put("king", new StateValue.Vector(new double[] {0.9, 0.8}));
        flat.put("queen", new StateValue.Vector(new double[] {0.85, 0.9}));
        vm.applyLessonState(StateMap.of(Map.of(
                "words", new StateValue.WordVectors(flat),
                "highlight", new StateValue.Texts(List.of("queen")),
                "similarity", new StateValue.Text("dot"),
                "text", new StateValue.Text("my dog is happy"),
                "pca", new StateValue.Text("tokens"),
                "yaw", new StateValue.Num(10),
                "pitch", new StateValue.Num(-5))));
        assertEquals(List.of("king", "queen"), vm.wordLabelsProperty().get());
        assertEquals(List.of("d0", "d1"), vm.coordinateLabelsProperty().get());
        assertEquals(Message.of("embedding.plot.padded", 2), vm.plotNoticeProperty().get());
        assertTrue(vm.pointsProperty().get().get(1).highlighted());
        assertEquals(Similarity.DOT, vm.similarityProperty().get());
        assertEquals(0.9 * 0.85 + 0.8 * 0.9, vm.similaritiesProperty().get().get(0, 1), 1e-15);
        assertFalse(vm.pairModeProperty().get(), "text without pair: one sentence");
        assertEquals(List.of("[CLS]", "my", "dog", "is", "happy", "[SEP]"), vm.inputProperty().get().tokens());
        assertEquals(PcaSource.TOKENS, vm.pcaSourceProperty().get());
        assertEquals(10, vm.yawProperty().get(), 0);
        assertEquals(-5, vm.pitchProperty().get(), 0);
        vm.dimsProperty().set(8);
        vm.applyLessonState(StateMap.empty());
        assertEquals(List.of("猫", "狗", "爱", "跑"), vm.wordLabelsProperty().get());
        assertEquals(Similarity.COSINE, vm.similarityProperty().get());
        assertTrue(vm.pairModeProperty().get());
        assertEquals(10, vm.inputProperty().get().tokens().size());
        assertEquals(EmbeddingViewModel.DEFAULT_DIMS, vm.dimsProperty().get());
        assertEquals(EmbeddingViewModel.DEFAULT_YAW, vm.yawProperty().get(), 0);
        assertEquals(PcaSource.WORDS, vm.pcaSourceProperty().get());
        assertNull(vm.errorProperty().get());
    }

    @Test
    void longerVectorsArePlottedByTheirFirstThreePrincipalComponents() {
        Map<String, StateValue.Vector> five = new LinkedHashMap<>();
        double[][] x = Golden.matrix(GOLDEN.get("pca").get(1).get("x"));
        for (int i = 0; i < 5; i++) {
            five.put("v" + i, new StateValue.Vector(x[i]));
        }
        vm.applyLessonState(StateMap.of(Map.of("words", new StateValue.WordVectors(five))));
        assertEquals(List.of("PC1", "PC2", "PC3"), vm.axesProperty().get());
        double[][] rows = java.util.Arrays.copyOf(x, 5);
        Pca p = Pca.fit(rows, 3);
        assertEquals(p.projected()[2][1], vm.pointsProperty().get().get(2).y(), 1e-12);
        assertEquals("embedding.plot.pca", vm.plotNoticeProperty().get().key());
    }

    @Test
    void aHighlightOfAnUnknownWordIsNamed() {
        vm.highlightProperty().set(List.of("猫", "鸟"));
        assertEquals(Message.of("embedding.error.highlight", "鸟", "猫, 狗, 爱, 跑"), vm.errorProperty().get());
        assertTrue(vm.pointsProperty().get().get(0).highlighted());
    }

    @Test
    void seededInputEmbeddingsAddUpForThePairOfTheBertNotes() {
        InputEmbeddings in = vm.inputProperty().get();
        assertNotNull(in);
        assertEquals(List.of("[CLS]", "this", "movie", "is", "great", "[SEP]", "i", "like", "it", "[SEP]"), in.tokens());
        assertEquals(List.of("A", "A", "A", "A", "A", "A", "B", "B", "B", "B"), in.segments());
        assertEquals(List.of("0", "1", "2", "3", "4", "5", "6", "7", "8", "9"), in.positions());
        assertEquals(4, in.sum().cols());
        for (int i = 0; i < 10; i++) {
            for (int j = 0; j < 4; j++) {
                assertEquals(in.token().get(i, j) + in.segment().get(i, j) + in.position().get(i, j), in.sum().get(i, j), 0);
            }
        }
        // a lookup table: the two [SEP] rows are the same token row, the same segment rows within a sentence
        assertTrue(java.util.Arrays.equals(in.token().row(5), in.token().row(9)));
        assertTrue(java.util.Arrays.equals(in.segment().row(0), in.segment().row(5)));
        assertFalse(java.util.Arrays.equals(in.segment().row(5), in.segment().row(6)));
        assertEquals(Message.of("embedding.source.seeded", 4, "42"), vm.inputSourceProperty().get());
        assertNull(vm.inputNoticeProperty().get());
        vm.seedProperty().set(7);
        assertFalse(java.util.Arrays.equals(in.token().row(0), vm.inputProperty().get().token().row(0)), "another seed");
    }

    @Test
    void aLoadedModelsOwnTablesArePluggedInAndMatchNumpy() {
        EmbeddingViewModel withModel = new EmbeddingViewModel(new ModelOnly(() -> Optional.of(goldenModel())),
                UiExecutors.direct());
        withModel.textProperty().set("w7 w11 w5");
        withModel.pairProperty().set("w9 w14");
        withModel.dimsProperty().set(6);
        JsonNode golden = GOLDEN.get("input");
        InputEmbeddings in = withModel.inputProperty().get();
        assertEquals(List.of("[CLS]", "w7", "w11", "w5", "[SEP]", "w9", "w14", "[SEP]"), in.tokens());
        assertAllClose(in.sum(), Golden.matrix(golden.get("sum")), 1e-12, 1e-14, "sum");
        assertEquals(Message.of("embedding.source.model", "golden-test-model", 20, 6), withModel.inputSourceProperty().get());
        withModel.dimsProperty().set(4);
        assertEquals(4, withModel.inputProperty().get().sum().cols());
        assertEquals(Message.of("embedding.input.cutDims", 4, 6), withModel.inputNoticeProperty().get());
        withModel.pcaSourceProperty().set(PcaSource.TOKENS);
        assertEquals(List.of("[CLS]", "w7", "w11", "w5", "[SEP]", "w9", "w14"),
                withModel.pcaPointsProperty().get().stream().map(Point::label).toList(), "distinct tokens, full width");
        assertEquals(Message.of("embedding.pca.tokens", 7, 6), withModel.pcaWhatProperty().get());
    }

    @Test
    void theModelOpenedInTheAppReplacesTheSeededTablesAndClosingItBringsThemBack() {
        javafx.beans.property.ObjectProperty<org.attentionlab.ui.BertSession> opened =
                new javafx.beans.property.SimpleObjectProperty<>();
        EmbeddingViewModel app = new EmbeddingViewModel(new ModelOnly(Optional::empty), UiExecutors.direct(), opened);
        app.textProperty().set("w7 w11 w5");
        app.pairProperty().set("w9 w14");
        app.dimsProperty().set(6);
        assertEquals("embedding.source.seeded", app.inputSourceProperty().get().key());
        opened.set(new GoldenSession());
        assertEquals(Message.of("embedding.source.model", "golden-test-model", 20, 6), app.inputSourceProperty().get());
        assertAllClose(app.inputProperty().get().sum(), Golden.matrix(GOLDEN.get("input").get("sum")), 1e-12, 1e-14, "sum");
        opened.set(null);
        assertEquals("embedding.source.seeded", app.inputSourceProperty().get().key());
    }

    /** A "loaded checkpoint" that only hands out the golden tables. */
    private static final class GoldenSession implements org.attentionlab.ui.BertSession {
        @Override
        public java.nio.file.Path folder() {
            return java.nio.file.Path.of("golden-test-model");
        }

        @Override
        public Optional<ModelEmbeddings> embeddings() {
            return Optional.of(goldenModel());
        }

        @Override
        public org.attentionlab.engine.BertConfig config() {
            throw new UnsupportedOperationException("not used by the embedding view");
        }

        @Override
        public boolean hasMlmHead() {
            return false;
        }

        @Override
        public org.attentionlab.text.BertTokenizer tokenizer() {
            throw new UnsupportedOperationException("not used by the embedding view");
        }

        @Override
        public org.attentionlab.engine.trace.BertOutput forward(org.attentionlab.text.Encoding encoding) {
            throw new UnsupportedOperationException("not used by the embedding view");
        }

        @Override
        public org.attentionlab.engine.trace.EncoderLayerTrace traceLayer(org.attentionlab.text.Encoding encoding, int layer) {
            throw new UnsupportedOperationException("not used by the embedding view");
        }

        @Override
        public List<org.attentionlab.engine.trace.MaskPrediction> fillMask(org.attentionlab.text.Encoding encoding, int k) {
            throw new UnsupportedOperationException("not used by the embedding view");
        }
    }

    @Test
    void aLongSentenceShowsItsFirst32Tokens() {
        vm.pairModeProperty().set(false);
        vm.textProperty().set("the weather is nice today ".repeat(10));
        assertEquals(EmbeddingViewModel.MAX_INPUT_TOKENS, vm.inputProperty().get().tokens().size());
        assertEquals(Message.of("embedding.input.cutTokens", 32, 52), vm.inputNoticeProperty().get());
    }

    @Test
    void tablesAreLookedUpInTheBackgroundAndAFailingEngineIsNamed() {
        Queue<Runnable> background = new ArrayDeque<>();
        EmbeddingViewModel queued = new EmbeddingViewModel(new ModelOnly(Optional::empty), new UiExecutors(background::add, Runnable::run));
        assertNotNull(queued.distancesProperty().get(), "word tables are immediate");
        assertNull(queued.inputProperty().get(), "nothing looked up on the FX thread");
        assertTrue(queued.busyProperty().get());
        while (!background.isEmpty()) {
            background.poll().run();
        }
        assertNotNull(queued.inputProperty().get());
        assertFalse(queued.busyProperty().get());
        EmbeddingViewModel failing = new EmbeddingViewModel(new ModelOnly(() -> {
            throw new IllegalStateException("model file vanished");
        }), UiExecutors.direct());
        assertEquals(Message.of("embedding.error.input", "model file vanished"), failing.errorProperty().get());
        assertNotNull(failing.distancesProperty().get(), "the word vectors still show");
    }

    @Test
    void percentagesKeepEnoughDecimalsNotToRoundToAWholeHundred() {
        assertEquals("80.4\u00A0%", EmbeddingViewModel.percent(0.80399));
        assertEquals("99.996\u00A0%", EmbeddingViewModel.percent(0.99995643));
        assertEquals("100.0\u00A0%", EmbeddingViewModel.percent(1.0));
        assertEquals("0.0\u00A0%", EmbeddingViewModel.percent(0.0));
        assertEquals("0.004\u00A0%", EmbeddingViewModel.percent(0.0000436));
    }
}
