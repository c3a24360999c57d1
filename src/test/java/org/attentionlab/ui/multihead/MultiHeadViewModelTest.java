package org.attentionlab.ui.multihead;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;

import javafx.beans.property.SimpleObjectProperty;

import org.attentionlab.engine.BertConfig;
import org.attentionlab.engine.trace.BertOutput;
import org.attentionlab.engine.trace.EncoderLayerTrace;
import org.attentionlab.engine.trace.MaskPrediction;
import org.attentionlab.engine.trace.Matrix;
import org.attentionlab.engine.trace.MultiHeadTrace;
import org.attentionlab.lesson.Lesson;
import org.attentionlab.lesson.LessonLibrary;
import org.attentionlab.lesson.StateMap;
import org.attentionlab.lesson.StateValue;
import org.attentionlab.lesson.Step;
import org.attentionlab.testing.Golden;
import org.attentionlab.text.BertTokenizer;
import org.attentionlab.text.Encoding;
import org.attentionlab.ui.BertSession;
import org.attentionlab.ui.EngineService;
import org.attentionlab.ui.Message;
import org.attentionlab.ui.Nd4jEngineService;
import org.attentionlab.ui.UiExecutors;
import org.attentionlab.ui.multihead.MultiHeadViewModel.Aggregate;
import org.attentionlab.ui.multihead.MultiHeadViewModel.Display;
import org.attentionlab.ui.multihead.MultiHeadViewModel.PairFilter;
import org.attentionlab.ui.multihead.MultiHeadViewModel.Result;
import org.attentionlab.ui.multihead.MultiHeadViewModel.Source;
import org.attentionlab.ui.multihead.MultiHeadViewModel.Stage;
import org.attentionlab.ui.qkv.QkvViewModel.Split;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * The multi-head view-model without a Stage: synchronous executors, the real engine, random weights
 * and the tiny BERT checkpoints of {@code src/test/resources/bert}. Numbers of the combined views
 * are compared with the numpy float64 reference ({@code golden/multihead_views.json}) within 1e-4
 * (the engine runs BERT in float32).
 */
class MultiHeadViewModelTest {

    private static final EngineService ENGINE = new Nd4jEngineService();
    private static final double TOL = 1e-4;
    private static final JsonNode GOLDEN = AttentionMapsTest.GOLDEN;
    private static BertSession mlm;

    @BeforeAll
    static void loadModel() throws IOException {
        mlm = ENGINE.openBert(checkpoint("bert-prefix-mlm-f32"), p -> { });
    }

    static Path checkpoint(String name) {
        try {
            return Path.of(MultiHeadViewModelTest.class.getResource("/bert/" + name).toURI());
        } catch (java.net.URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }

    private static MultiHeadViewModel random() {
        return new MultiHeadViewModel(ENGINE, UiExecutors.direct(), new SimpleObjectProperty<>());
    }

    private static MultiHeadViewModel withModel(BertSession session) {
        return new MultiHeadViewModel(ENGINE, UiExecutors.direct(), new SimpleObjectProperty<>(session));
    }

    private static StateMap state(Object... kv) {
        Map<String, StateValue> m = new java.util.LinkedHashMap<>();
        for (int i = 0; i < kv.length; i += 2) {
            Object v = kv[i + 1];
            StateValue sv = v instanceof String s ? new StateValue.Text(s)
                    : v instanceof Boolean b ? new StateValue.Bool(b)
                    : v instanceof List<?> l ? new StateValue.Ints(l.stream().map(x -> (Integer) x).toList())
                    : new StateValue.Int(((Number) v).longValue());
            m.put((String) kv[i], sv);
        }
        return StateMap.of(m);
    }

    // ---------------------------------------------------------------- random weights, the lecture

    @Test
    void startsWithEightHeadsOfWidth64OnTheLecturesSentence() {
        MultiHeadViewModel vm = random();
        Result r = vm.result();
        assertNotNull(r);
        assertNull(vm.errorProperty().get());
        assertFalse(vm.busyProperty().get());
        assertEquals(Source.RANDOM, r.source());
        assertEquals(List.of("The", "animal", "didn't", "cross", "the", "street", "because", "it", "was", "too", "tired"),
                r.tokens());
        MultiHeadTrace t = r.trace();
        assertEquals(8, t.heads().size());
        for (var h : t.heads()) {
            assertEquals(11, h.attention().output().rows());
            assertEquals(64, h.attention().output().cols(), "d_v = 512 / 8");
            assertEquals(512, h.wq().rows());
            assertEquals(64, h.wq().cols());
            for (int i = 0; i < 11; i++) {
                double s = 0;
                for (double w : h.attention().weights().row(i)) {
                    s += w;
                }
                assertEquals(1.0, s, 1e-6, "softmax rows sum to 1");
            }
        }
        assertEquals(11, t.concat().rows());
        assertEquals(512, t.concat().cols());
        assertEquals(512, t.wo().rows());
        assertEquals(512, t.output().cols());
        assertEquals(11, r.layerInput().rows());
        assertEquals(512, r.layerInput().cols());
        Display d = vm.display();
        assertEquals(8, d.heads().size());
        assertEquals(r.tokens(), d.rowTokens());
        assertNull(d.aggregate());
    }

    @Test
    void theConcatenationIsTheHeadsOutputsSideBySide() {
        MultiHeadTrace t = random().result().trace();
        for (int h = 0; h < 8; h++) {
            Matrix z = t.heads().get(h).attention().output();
            for (int i = 0; i < z.rows(); i++) {
                for (int j = 0; j < z.cols(); j++) {
                    assertEquals(z.get(i, j), t.concat().get(i, h * 64 + j), 1e-6, "Z_" + h + " sits in columns " + h * 64 + "…");
                }
            }
        }
    }

    @Test
    void lesson8DrivesTheSixStepsWithDeepLearning() {
        LessonLibrary library = LessonLibrary.load(Path.of("lessons"));
        Lesson lesson = library.find("multihead").orElseThrow();
        MultiHeadViewModel vm = random();
        List<Stage> seen = new java.util.ArrayList<>();
        for (Step step : lesson.steps()) {
            vm.applyLessonState(step.state());
            assertNull(vm.errorProperty().get(), step.id());
            seen.add(vm.stageProperty().get());
            assertEquals(List.of("deep", "learning"), vm.result().tokens());
            assertEquals(8, vm.result().trace().heads().size());
            assertEquals(2, vm.result().trace().concat().rows());
            assertEquals(512, vm.result().trace().concat().cols());
        }
        assertEquals(List.of(Stage.values()), seen, "the lecture's six steps, in order");
        assertEquals(3, vm.headProperty().get(), "step 'attend' focuses head 3 and later steps inherit it");
        assertEquals(3, vm.focusedHead().index());
        assertEquals(42, vm.seedProperty().get());
    }

    @Test
    void dModelNotDivisibleByHeadsSaysSoAndKeepsThePreviousResult() {
        MultiHeadViewModel vm = random();
        Result before = vm.result();
        vm.dModelProperty().set(500);
        assertEquals(Message.of("multihead.error.divisible", 500, 8), vm.errorProperty().get());
        assertSame(before, vm.result());
        vm.dModelProperty().set(480);
        assertNull(vm.errorProperty().get());
        assertEquals(60, vm.result().trace().heads().get(0).attention().output().cols(), "480 / 8");
    }

    @Test
    void aLayerOrHeadThatDoesNotExistIsReportedAndNothingIsLost() {
        MultiHeadViewModel vm = random();
        Result before = vm.result();
        vm.applyLessonState(state("layers", 2, "layer", 5));
        assertEquals(Message.of("multihead.error.layer", 5, 2, 1), vm.errorProperty().get());
        assertSame(before, vm.result());
        vm.applyLessonState(state("heads", 4, "dModel", 8, "head", 6));
        assertEquals(Message.of("multihead.error.head", 6, 4, 3), vm.errorProperty().get());
        assertSame(before, vm.result());
    }

    @Test
    void anEmptySentenceOrAnInputTooBigToKeepIsRefusedWithTheNumbers() {
        MultiHeadViewModel vm = random();
        Result before = vm.result();
        vm.textProperty().set("   ");
        vm.applyText();
        assertEquals(Message.of("multihead.error.empty"), vm.errorProperty().get());
        assertSame(before, vm.result());
        vm.applyLessonState(state("text", "w ".repeat(100), "heads", 64, "dModel", 64, "layers", 12));
        assertEquals(Message.of("multihead.error.tooBig", 100L, 64, 12, 7_680_000L, MultiHeadViewModel.MAX_ATTENTION_CELLS),
                vm.errorProperty().get());
        assertSame(before, vm.result());
        vm.applyLessonState(state("dModel", 1024, "layers", 12));
        assertEquals(Message.of("multihead.error.tooManyWeights", 1024, 12, 12L * 1024 * 1024 * 12,
                MultiHeadViewModel.MAX_PARAMETERS), vm.errorProperty().get());
    }

    @Test
    void severalLayersEachWithTheirOwnAttention() {
        MultiHeadViewModel vm = random();
        vm.applyLessonState(state("text", "deep learning is fun", "heads", 2, "dModel", 8, "layers", 3, "layer", 2));
        Result r = vm.result();
        assertEquals(3, r.layers());
        assertEquals(2, r.layer());
        for (int h = 0; h < 2; h++) {
            assertEquals(r.attentions().get(2).get(h), r.trace().heads().get(h).attention().weights(),
                    "the traced layer is the layer in focus");
        }
        assertFalse(r.attentions().get(0).get(0).equals(r.attentions().get(2).get(0)));
        assertEquals(2, vm.display().layer());
        vm.layersProperty().set(2);
        assertEquals(1, vm.layerProperty().get(), "the layer in focus follows a smaller stack");
        assertEquals(1, vm.result().layer());
    }

    @Test
    void charactersSplitAChineseSentence() {
        MultiHeadViewModel vm = random();
        vm.splitProperty().set(Split.CHARACTERS);
        vm.textProperty().set("深度学习");
        vm.applyText();
        assertEquals(List.of("深", "度", "学", "习"), vm.result().tokens());
    }

    @Test
    void randomWeightsHideLiteralSpecialTokensAndFilterAPair() {
        MultiHeadViewModel vm = random();
        vm.applyLessonState(state("text", "[CLS] deep learning [SEP]", "pair", "is fun [SEP]", "heads", 2, "dModel", 8,
                "hideSpecial", true, "pairFilter", "b-to-a"));
        Display d = vm.display();
        assertEquals(List.of("is", "fun", "[SEP]"), d.rowTokens());
        assertEquals(List.of("[CLS]", "deep", "learning", "[SEP]"), d.colTokens());
        for (Matrix m : d.heads()) {
            for (int i = 0; i < m.rows(); i++) {
                assertEquals(0.0, m.get(i, 0), "no attention to [CLS]");
                assertEquals(0.0, m.get(i, 3), "no attention to [SEP]");
            }
        }
        // B→A keeps the renormalised weights of the whole row: what B's tokens give to A
        Matrix full = AttentionMaps.hideColumns(vm.result().attentions().get(0).get(1), Set.of(0, 3, 6));
        assertEquals(full.get(4, 1), d.heads().get(1).get(0, 1), 1e-15);
    }

    @Test
    void aPairFilterWithoutAPairShowsEverythingAndSaysWhy() {
        MultiHeadViewModel vm = random();
        vm.pairFilterProperty().set(PairFilter.A_TO_B);
        assertEquals(Message.of("multihead.notice.displayNeedsPair", "a-to-b"), vm.noticeProperty().get());
        assertEquals(PairFilter.ALL, vm.display().filter());
        assertEquals(11, vm.display().colTokens().size());
        vm.pairFilterProperty().set(PairFilter.ALL);
        assertNull(vm.noticeProperty().get());
    }

    @Test
    void switchingHeadsOffLeavesThemOutOfTheMeanAndNoHeadsLeavesNothingToCombine() {
        MultiHeadViewModel vm = random();
        vm.applyLessonState(state("text", "a b c", "heads", 4, "dModel", 8, "aggregate", "mean", "shownHeads", List.of(1, 3)));
        List<Matrix> layer = vm.result().attentions().get(0);
        assertEquals(AttentionMaps.mean(List.of(layer.get(1), layer.get(3))), vm.display().aggregate());
        assertTrue(vm.display().shown(1));
        assertFalse(vm.display().shown(0));
        vm.toggleHead(0);
        assertEquals(AttentionMaps.mean(List.of(layer.get(0), layer.get(1), layer.get(3))), vm.display().aggregate());
        vm.showOnlyHead(2);
        assertEquals(layer.get(2), vm.display().aggregate());
        vm.toggleHead(2);
        assertNull(vm.display().aggregate());
        assertEquals(Message.of("multihead.notice.displayNoHeads"), vm.noticeProperty().get());
        vm.showAllHeads();
        assertEquals(AttentionMaps.mean(layer), vm.display().aggregate());
    }

    @Test
    void displayOptionsDoNotRerunTheEngine() {
        MultiHeadViewModel vm = random();
        Result before = vm.result();
        vm.aggregateProperty().set(Aggregate.MAX);
        vm.hideSpecialProperty().set(true);
        vm.headProperty().set(5);
        vm.stageProperty().set(Stage.CONCAT);
        assertSame(before, vm.result());
        assertEquals(AttentionMaps.max(before.attentions().get(0)), vm.display().aggregate());
        assertEquals(5, vm.focusedHead().index());
    }

    @Test
    void aFocusHeadBeyondTheHeadsIsAnErrorUntilFixed() {
        MultiHeadViewModel vm = random();
        vm.headProperty().set(8);
        assertEquals(Message.of("multihead.error.head", 8, 8, 7), vm.errorProperty().get());
        assertNull(vm.focusedHead());
        vm.headProperty().set(7);
        assertNull(vm.errorProperty().get());
        vm.headsProperty().set(4);
        assertEquals(3, vm.headProperty().get(), "fewer heads pull the focus in");
    }

    // ---------------------------------------------------------------- a real checkpoint

    private static MultiHeadViewModel goldenPair(BertSession session) {
        MultiHeadViewModel vm = withModel(session);
        vm.applyLessonState(state("source", "model", "text", GOLDEN.get("text").asText(), "pair", GOLDEN.get("pair").asText()));
        return vm;
    }

    @Test
    void aLoadedModelIsUsedWithItsWordPieceTokens() {
        MultiHeadViewModel vm = goldenPair(mlm);
        assertNull(vm.errorProperty().get());
        Result r = vm.result();
        assertEquals(Source.MODEL, r.source());
        assertEquals(AttentionMapsTest.GOLDEN.get("tokens").size(), r.tokens().size());
        for (int i = 0; i < r.tokens().size(); i++) {
            assertEquals(GOLDEN.get("tokens").get(i).asText(), r.tokens().get(i));
            assertEquals(GOLDEN.get("token_type_ids").get(i).asInt(), r.segments().get(i));
        }
        assertEquals(Set.of(0, 7, 11), r.specials());
        assertEquals(2, r.layers());
        assertEquals(4, r.heads());
        for (int l = 0; l < 2; l++) {
            for (int h = 0; h < 4; h++) {
                Golden.assertAllClose(r.attentions().get(l).get(h), Golden.matrix(GOLDEN.get("attentions").get(l).get(h)), 0,
                        TOL, "layer " + l + " head " + h);
            }
        }
        assertEquals(32, r.trace().concat().cols());
        assertEquals(8, r.trace().heads().get(0).attention().output().cols(), "hidden 32 / 4 heads");
    }

    @Test
    void meanMaxAndRolloutOfTheModelMatchTheReference() {
        MultiHeadViewModel vm = goldenPair(mlm);
        for (int l = 0; l < 2; l++) {
            vm.layerProperty().set(l);
            vm.aggregateProperty().set(Aggregate.MEAN);
            Golden.assertAllClose(vm.display().aggregate(), Golden.matrix(GOLDEN.get("mean").get(l)), 0, TOL, "mean " + l);
            vm.aggregateProperty().set(Aggregate.MAX);
            Golden.assertAllClose(vm.display().aggregate(), Golden.matrix(GOLDEN.get("max").get(l)), 0, TOL, "max " + l);
            vm.aggregateProperty().set(Aggregate.ROLLOUT);
            Golden.assertAllClose(vm.display().aggregate(), Golden.matrix(GOLDEN.get("rollout").get(l)), 0, TOL,
                    "rollout up to layer " + l);
            vm.aggregateProperty().set(Aggregate.MEAN_LAYERS);
            Golden.assertAllClose(vm.display().aggregate(), Golden.matrix(GOLDEN.get("mean_layers")), 0, TOL, "mean, all layers");
            vm.aggregateProperty().set(Aggregate.MAX_LAYERS);
            Golden.assertAllClose(vm.display().aggregate(), Golden.matrix(GOLDEN.get("max_layers")), 0, TOL, "max, all layers");
        }
        vm.applyLessonState(state("source", "model", "text", GOLDEN.get("text").asText(), "pair", GOLDEN.get("pair").asText(),
                "layer", 1, "aggregate", "mean", "shownHeads", List.of(0, 2)));
        Golden.assertAllClose(vm.display().aggregate(), Golden.matrix(GOLDEN.get("mean_layer1_heads_0_2")), 0, TOL,
                "mean of the heads switched on");
    }

    @Test
    void hidingClsAndSepRenormalisesTheModelsRows() {
        MultiHeadViewModel vm = goldenPair(mlm);
        vm.applyLessonState(state("source", "model", "text", GOLDEN.get("text").asText(), "pair", GOLDEN.get("pair").asText(),
                "layer", 1, "hideSpecial", true, "aggregate", "mean"));
        Golden.assertAllClose(vm.display().heads().get(2), Golden.matrix(GOLDEN.get("hide_layer1_head2")), 0, TOL, "head 2");
        Golden.assertAllClose(vm.display().aggregate(), Golden.matrix(GOLDEN.get("hide_mean_layer1")), 0, TOL, "mean");
        vm.aggregateProperty().set(Aggregate.ROLLOUT);
        Golden.assertAllClose(vm.display().aggregate(), Golden.matrix(GOLDEN.get("hide_rollout_layer1")), 0, TOL, "rollout");
    }

    @Test
    void thePairFilterOfTheModelKeepsOneSentencesRowsAndTheOthersColumns() {
        MultiHeadViewModel vm = goldenPair(mlm);
        for (var e : Map.of(PairFilter.A_TO_A, "a-to-a", PairFilter.A_TO_B, "a-to-b", PairFilter.B_TO_A, "b-to-a",
                PairFilter.B_TO_B, "b-to-b").entrySet()) {
            vm.pairFilterProperty().set(e.getKey());
            JsonNode f = GOLDEN.get("filters_layer0_head0").get(e.getValue());
            assertEquals(AttentionMapsTest.ints(f.get("rows")), vm.display().rows(), e.getValue());
            assertEquals(AttentionMapsTest.ints(f.get("cols")), vm.display().cols(), e.getValue());
            Golden.assertAllClose(vm.display().heads().get(0), Golden.matrix(f.get("matrix")), 0, TOL, e.getValue());
        }
        vm.applyLessonState(state("source", "model", "text", GOLDEN.get("text").asText(), "pair", GOLDEN.get("pair").asText(),
                "layer", 1, "hideSpecial", true, "pairFilter", "a-to-b"));
        Golden.assertAllClose(vm.display().heads().get(3), Golden.matrix(GOLDEN.get("filter_a_to_b_hide_layer1_head3").get("matrix")),
                0, TOL, "hidden, then filtered");
        assertEquals(List.of("it", "was", "tired", "[SEP]"), vm.display().colTokens());
        assertEquals("[CLS]", vm.display().rowTokens().get(0));
    }

    @Test
    void changingOnlyTheLayerOfAModelRunsOnlyThatLayer() {
        Counting counting = new Counting(mlm);
        MultiHeadViewModel vm = goldenPair(counting);
        int forwards = counting.forwards.get();
        vm.layerProperty().set(1);
        vm.layerProperty().set(0);
        assertEquals(forwards, counting.forwards.get(), "the attentions of every layer are kept");
        assertTrue(counting.traces.get() >= 3);
        assertEquals(0, vm.result().layer());
        vm.textProperty().set("the cat sat");
        vm.applyText();
        assertEquals(forwards + 1, counting.forwards.get());
    }

    @Test
    void aLongInputIsCutToMaxPositionEmbeddingsWithANotice() {
        MultiHeadViewModel vm = withModel(mlm);
        vm.textProperty().set("the cat sat on the mat ".repeat(6));
        vm.applyText();
        assertEquals(Message.of("multihead.notice.truncatedModel", 38, 24), vm.noticeProperty().get());
        assertEquals(24, vm.result().tokens().size());
        assertEquals("[SEP]", vm.result().tokens().get(23));
        assertEquals(24, vm.display().heads().get(0).rows());
    }

    @Test
    void aModelThatArrivesLaterTakesOverAndALessonCanAskForRandomWeights() {
        SimpleObjectProperty<BertSession> model = new SimpleObjectProperty<>();
        MultiHeadViewModel vm = new MultiHeadViewModel(ENGINE, UiExecutors.direct(), model);
        vm.applyLessonState(state("source", "model"));
        assertEquals(Message.of("multihead.error.noModel"), vm.errorProperty().get());
        assertEquals(Source.RANDOM, vm.result().source(), "the previous result stays");
        model.set(mlm);
        assertNull(vm.errorProperty().get());
        assertEquals(Source.MODEL, vm.result().source());
        assertEquals("[CLS]", vm.result().tokens().get(0));
        assertEquals(2, vm.layerCount());
        assertEquals(4, vm.headCount());
        vm.applyLessonState(state("text", "deep learning"));
        assertEquals(Source.RANDOM, vm.result().source(), "absent source = the lecture's random weights");
    }

    @Test
    void openingAThumbnailShowsThatLayerAndHeadOfTheModel() {
        MultiHeadViewModel vm = random();
        MultiHeadViewModel withModel = withModel(mlm);
        withModel.showModelHead("the dog ran", "", 1, 3, true);
        assertEquals(Source.MODEL, withModel.result().source());
        assertEquals(1, withModel.result().layer());
        assertEquals(3, withModel.focusedHead().index());
        assertEquals(Stage.ATTEND, withModel.stageProperty().get());
        assertTrue(withModel.display().hideSpecial());
        assertEquals(List.of("[CLS]", "the", "dog", "ran", "[SEP]"), withModel.result().tokens());
        assertNotNull(vm.result());
    }

    @Test
    void theMatricesForCsvExportAreNamedAndLabelled() {
        MultiHeadViewModel vm = random();
        vm.applyLessonState(state("text", "deep learning", "heads", 2, "dModel", 8, "head", 1, "aggregate", "mean"));
        var all = MultiHeadExport.matrices(vm.result(), vm.display(), 1);
        assertEquals(List.of("layer0-input-x", "layer0-head1-w_q", "layer0-head1-w_k", "layer0-head1-w_v", "layer0-head1-q",
                "layer0-head1-k", "layer0-head1-v", "layer0-head0-weights", "layer0-head1-weights", "layer0-z0", "layer0-z1",
                "layer0-concat", "layer0-w_o", "layer0-output", "layer0-mean"), all.stream().map(m -> m.name()).toList());
        assertEquals(List.of("deep", "learning"), all.get(0).rowLabels());
        assertEquals(vm.display().heads().get(1), all.get(8).matrix());
        assertEquals(List.of("deep", "learning"), all.get(8).colLabels());
        assertEquals(2, all.get(11).matrix().rows());
        assertEquals(8, all.get(11).matrix().cols());
        assertEquals(List.of(), MultiHeadExport.matrices(null, null, 0));
    }

    /** A session that counts the engine calls. */
    private static final class Counting implements BertSession {
        final BertSession inner;
        final AtomicInteger forwards = new AtomicInteger();
        final AtomicInteger traces = new AtomicInteger();

        Counting(BertSession inner) {
            this.inner = inner;
        }

        @Override
        public Path folder() {
            return inner.folder();
        }

        @Override
        public BertConfig config() {
            return inner.config();
        }

        @Override
        public boolean hasMlmHead() {
            return inner.hasMlmHead();
        }

        @Override
        public BertTokenizer tokenizer() {
            return inner.tokenizer();
        }

        @Override
        public BertOutput forward(Encoding encoding) {
            forwards.incrementAndGet();
            return inner.forward(encoding);
        }

        @Override
        public EncoderLayerTrace traceLayer(Encoding encoding, int layer) {
            traces.incrementAndGet();
            return inner.traceLayer(encoding, layer);
        }

        @Override
        public List<MaskPrediction> fillMask(Encoding encoding, int k) {
            return inner.fillMask(encoding, k);
        }
    }
}
