package org.attentionlab.ui.crossattention;

import java.util.ArrayList;
import java.util.List;
import java.util.function.IntSupplier;

import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.collections.FXCollections;
import javafx.geometry.Pos;
import javafx.scene.Node;
import javafx.scene.control.Button;
import javafx.scene.control.ComboBox;
import javafx.scene.control.Label;
import javafx.scene.control.ProgressIndicator;
import javafx.scene.control.TextField;
import javafx.scene.layout.BorderPane;
import javafx.scene.layout.FlowPane;
import javafx.scene.layout.VBox;

import org.attentionlab.engine.trace.Matrix;
import org.attentionlab.io.LabeledMatrix;
import org.attentionlab.lesson.StateMap;
import org.attentionlab.ui.Appearance;
import org.attentionlab.ui.EnumCells;
import org.attentionlab.ui.I18n;
import org.attentionlab.ui.IndexChoice;
import org.attentionlab.ui.Services;
import org.attentionlab.ui.ViewParts;
import org.attentionlab.ui.crossattention.CrossAttentionViewModel.Result;
import org.attentionlab.ui.shell.Exportable;
import org.attentionlab.ui.shell.LessonView;
import org.attentionlab.ui.widgets.Heatmap;
import org.attentionlab.ui.widgets.LessonPanels;
import org.attentionlab.ui.widgets.ScaleMode;

/**
 * The cross-attention view (issue 7): target words × source words of a shipped encoder-decoder,
 * for any sentence the user types (translated greedily) or a source/target pair (read
 * teacher-forced). Panels a lesson may show: {@code focus} (the mean of the heads of a layer,
 * or one head, large, with the translation above it) and {@code heads} (every head of the
 * layer), beside the {@code controls}. Only binds to {@link CrossAttentionViewModel}.
 */
public final class CrossAttentionView extends BorderPane implements LessonView, Exportable {

    public static final String NAME = "cross-attention";

    private final CrossAttentionViewModel vm;
    private final I18n i18n;
    private final ViewParts parts;
    private final Appearance appearance;
    private final LessonPanels panels;
    private final Node controls;
    private final Heatmap focus;
    private final Label focusTitle = new Label();
    private final Label sentence = new Label();
    private final Label reading = new Label();
    private final FlowPane heads = new FlowPane();
    private final List<Heatmap> headMaps = new ArrayList<>();

    public CrossAttentionView(CrossAttentionViewModel vm, Services services) {
        this.vm = vm;
        this.i18n = services.i18n();
        this.parts = new ViewParts(i18n);
        this.appearance = services.appearance();
        this.panels = new LessonPanels(appearance);
        getStyleClass().add("cross-attention-view");
        setId("cross-attention-view");
        focus = heatmap("cross-focus");
        focus.cellSizeProperty().bind(panels.em(2.6));
        focus.maxPlotSizeProperty().bind(panels.em(30));
        focus.selectedCellProperty().bindBidirectional(vm.highlightProperty());

        panels.add("focus", card("cross.panel.focus", focusPanel()));
        panels.add("heads", card("cross.panel.heads", headsPanel()));
        panels.flow().setId("cross-panels");
        controls = ViewParts.scroll(controls(), "cross-controls-scroll");
        setCenter(ViewParts.scroll(panels.flow(), "cross-panels-scroll"));
        ViewParts.controlsOnLeft(this, controls, panels);
        vm.resultProperty().addListener(o -> show());
        vm.focusProperty().addListener(o -> show());
        vm.headMapsProperty().addListener(o -> show());
        // the title names the layer and head shown, which can change after the map itself
        vm.shownLayerProperty().addListener(o -> showTitle());
        vm.shownHeadProperty().addListener(o -> showTitle());
        i18n.localeProperty().addListener(o -> show());
        show();
        if (vm.resultProperty().get() == null && !vm.busyProperty().get()) {
            vm.compute(); // the page opens on the lecture's example, already translated
        }
    }

    public CrossAttentionViewModel viewModel() {
        return vm;
    }

    public LessonPanels panels() {
        return panels;
    }

    /** The large map (the mean of the heads, or the head chosen). */
    public Heatmap focusHeatmap() {
        return focus;
    }

    public List<Heatmap> headHeatmaps() {
        return List.copyOf(headMaps);
    }

    // ---------------------------------------------------------------- LessonView, Exportable

    @Override
    public String lessonViewName() {
        return NAME;
    }

    @Override
    public void applyLessonState(StateMap state) {
        vm.applyState(state);
        panels.apply(state);
    }

    @Override
    public ReadOnlyBooleanProperty busyProperty() {
        return vm.busyProperty();
    }

    @Override
    public Node exportNode() {
        return panels.flow();
    }

    /** The map shown large and every head of its layer, rows the target words, columns the source words. */
    @Override
    public List<LabeledMatrix> exportMatrices() {
        Result r = vm.resultProperty().get();
        Matrix f = vm.focusProperty().get();
        if (r == null || f == null) {
            return List.of();
        }
        List<LabeledMatrix> out = new ArrayList<>();
        int layer = vm.shownLayerProperty().get() + 1;
        int head = vm.shownHeadProperty().get();
        out.add(new LabeledMatrix("cross layer " + layer + (head < 0 ? " mean" : " head " + (head + 1)), f, r.targetTokens(),
                r.sourceTokens()));
        List<Matrix> all = vm.headMapsProperty().get();
        for (int h = 0; h < all.size(); h++) {
            out.add(new LabeledMatrix("cross layer " + layer + " head " + (h + 1), all.get(h), r.targetTokens(), r.sourceTokens()));
        }
        return out;
    }

    // ---------------------------------------------------------------- controls

    private Node controls() {
        VBox box = ViewParts.controlPanel(appearance.em(19));
        box.spacingProperty().bind(appearance.em(0.45));
        Label title = parts.label("cross.title", "view-title");
        title.setWrapText(true);

        ComboBox<ShippedModel> model = new ComboBox<>(FXCollections.observableArrayList(ShippedModel.values()));
        model.setId("cross-model");
        model.valueProperty().bindBidirectional(vm.modelProperty());
        EnumCells.localise(model, m -> i18n.text(m.messageKey()));
        model.setMaxWidth(Double.MAX_VALUE);

        TextField source = new TextField();
        source.setId("cross-source");
        source.textProperty().bindBidirectional(vm.sourceProperty());
        source.promptTextProperty().bind(i18n.text("cross.source.prompt"));
        source.setOnAction(e -> vm.compute());
        TextField target = new TextField();
        target.setId("cross-target");
        target.textProperty().bindBidirectional(vm.targetProperty());
        target.promptTextProperty().bind(i18n.text("cross.target.prompt"));
        target.setOnAction(e -> vm.compute());
        Button apply = parts.button("cross.apply", "cross-apply", vm::compute);
        Button example = parts.button("cross.example", "cross-example", vm::useExample);
        example.setWrapText(true);
        FlowPane buttons = new FlowPane(apply, example);
        buttons.hgapProperty().bind(appearance.em(0.35));
        buttons.vgapProperty().bind(appearance.em(0.35));

        IntSupplier layers = () -> vm.resultProperty().get() == null ? 0 : vm.resultProperty().get().layers();
        IntSupplier heads = () -> vm.resultProperty().get() == null ? 0 : vm.resultProperty().get().heads();
        ComboBox<Integer> layer = IndexChoice.layers("cross-layer", i18n, "cross.layerN", layers, vm.shownLayerProperty(),
                vm.layerProperty(), vm.resultProperty());
        ComboBox<Integer> head = IndexChoice.heads("cross-head", i18n, "cross.headN", "cross.headMean", heads, vm.shownHeadProperty(),
                vm.headProperty(), vm.resultProperty());

        ProgressIndicator busy = ViewParts.busyIndicator(vm.busyProperty(), appearance.em(1.6));
        Label error = parts.message(vm.errorProperty(), "error-text");
        error.setId("cross-error");
        Label notice = parts.message(vm.noticeProperty(), "statement");
        notice.setId("cross-notice");
        Label problem = parts.message(vm.choiceProblemProperty(), "error-text");
        problem.setId("cross-choice-problem");
        Label hint = parts.label("cross.hint", "hint");
        hint.setWrapText(true);
        box.getChildren().addAll(title, parts.label("cross.model", "field-label"), model,
                parts.label("cross.source", "field-label"), source, parts.label("cross.target", "field-label"), target, buttons,
                busy, error, notice, parts.label("cross.layer", "field-label"), layer,
                parts.label("cross.head", "field-label"), head, problem, hint);
        return box;
    }

    // ---------------------------------------------------------------- panels

    private Node focusPanel() {
        sentence.setId("cross-sentence");
        sentence.getStyleClass().add("statement");
        sentence.setWrapText(true);
        sentence.maxWidthProperty().bind(panels.em(30));
        focusTitle.getStyleClass().add("card-subtitle");
        focusTitle.setId("cross-focus-title");
        reading.getStyleClass().add("hint");
        reading.setWrapText(true);
        reading.maxWidthProperty().bind(panels.em(30));
        VBox box = new VBox(sentence, focusTitle, focus, reading);
        box.spacingProperty().bind(panels.em(0.35));
        return box;
    }

    private Node headsPanel() {
        heads.setId("cross-heads");
        heads.hgapProperty().bind(panels.em(0.6));
        heads.vgapProperty().bind(panels.em(0.4));
        heads.prefWrapLengthProperty().bind(panels.em(38));
        heads.setAlignment(Pos.TOP_LEFT);
        return heads;
    }

    /** Names the layer and head shown; on its own, because they may change while the map stays. */
    private void showTitle() {
        Result r = vm.resultProperty().get();
        if (r == null || vm.focusProperty().get() == null) {
            focusTitle.setText("");
            return;
        }
        int layer = vm.shownLayerProperty().get();
        int head = vm.shownHeadProperty().get();
        focusTitle.setText(head < 0 ? i18n.format("cross.focus.mean", layer + 1, r.heads()) : i18n.format("cross.focus.head", layer + 1, head + 1));
    }

    private static boolean fits(Matrix m, Result r) {
        return m.rows() == r.targetTokens().size() && m.cols() == r.sourceTokens().size();
    }

    private void show() {
        Result r = vm.resultProperty().get();
        Matrix f = vm.focusProperty().get();
        if (r == null || f == null) {
            focus.setData(null);
            sentence.setText("");
            focusTitle.setText("");
            reading.setText(i18n.get("cross.empty"));
            heads.getChildren().clear();
            headMaps.clear();
            return;
        }
        if (!fits(f, r) || vm.headMapsProperty().get().stream().anyMatch(m -> !fits(m, r))) {
            return; // a new result is being taken in map by map; the last of them shows it
        }
        focus.rowLabelsProperty().set(r.targetTokens());
        focus.colLabelsProperty().set(r.sourceTokens());
        focus.setData(f);
        sentence.setText(i18n.format(r.teacherForced() ? "cross.sentence.forced" : "cross.sentence.greedy", r.source().strip(), r.target()));
        showTitle();
        List<String> aligned = CrossAttentionViewModel.alignment(f, r.sourceTokens());
        List<String> pairs = new ArrayList<>();
        for (int i = 0; i < aligned.size(); i++) {
            pairs.add(r.targetTokens().get(i) + " ← " + aligned.get(i));
        }
        reading.setText(i18n.format("cross.reading", String.join(" · ", pairs)));

        List<Matrix> maps = vm.headMapsProperty().get();
        if (headMaps.size() != maps.size()) {
            headMaps.clear();
            List<Node> boxes = new ArrayList<>();
            for (int h = 0; h < maps.size(); h++) {
                Heatmap m = heatmap("cross-head-" + h);
                m.cellSizeProperty().bind(panels.em(1.5));
                m.maxPlotSizeProperty().bind(panels.em(13));
                m.colorBarVisibleProperty().set(false);
                headMaps.add(m);
                Label t = new Label();
                t.getStyleClass().add("card-subtitle");
                VBox b = new VBox(t, m);
                b.spacingProperty().bind(panels.em(0.15));
                boxes.add(b);
            }
            heads.getChildren().setAll(boxes);
        }
        for (int h = 0; h < maps.size(); h++) {
            Heatmap m = headMaps.get(h);
            m.rowLabelsProperty().set(r.targetTokens());
            m.colLabelsProperty().set(r.sourceTokens());
            m.setData(maps.get(h));
            ((Label) ((VBox) heads.getChildren().get(h)).getChildren().get(0)).setText(i18n.format("cross.headN", h + 1));
        }
    }

    // ---------------------------------------------------------------- helpers

    private Heatmap heatmap(String id) {
        Heatmap h = new Heatmap();
        h.setId(id);
        h.scaleModeProperty().set(ScaleMode.UNIT);
        h.colorMapProperty().bind(appearance.sequentialMapProperty());
        h.decimalsProperty().set(2);
        return h;
    }

    private Node card(String titleKey, Node content) {
        return parts.panelCard(panels, "cross-panel-", titleKey, content);
    }
}
