package org.attentionlab.ui.multihead;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import javafx.beans.binding.Bindings;
import javafx.beans.binding.DoubleBinding;
import javafx.beans.binding.StringBinding;
import javafx.beans.property.DoubleProperty;
import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.SimpleDoubleProperty;
import javafx.collections.FXCollections;
import javafx.geometry.Insets;
import javafx.geometry.Pos;
import javafx.scene.Node;
import javafx.scene.control.Button;
import javafx.scene.control.CheckBox;
import javafx.scene.control.ComboBox;
import javafx.scene.control.Label;
import javafx.scene.control.ProgressIndicator;
import javafx.scene.control.RadioButton;
import javafx.scene.control.ScrollPane;
import javafx.scene.control.TextField;
import javafx.scene.control.ToggleButton;
import javafx.scene.control.ToggleGroup;
import javafx.scene.input.MouseEvent;
import javafx.scene.layout.BorderPane;
import javafx.scene.layout.FlowPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;
import javafx.scene.layout.StackPane;
import javafx.scene.layout.VBox;
import javafx.scene.shape.Rectangle;

import org.attentionlab.engine.trace.HeadTrace;
import org.attentionlab.engine.trace.MultiHeadTrace;
import org.attentionlab.io.LabeledMatrix;
import org.attentionlab.lesson.StateMap;
import org.attentionlab.ui.Appearance;
import org.attentionlab.ui.BertSession;
import org.attentionlab.ui.EnumCells;
import org.attentionlab.ui.I18n;
import org.attentionlab.ui.Services;
import org.attentionlab.ui.ViewParts;
import org.attentionlab.ui.multihead.MultiHeadViewModel.Aggregate;
import org.attentionlab.ui.multihead.MultiHeadViewModel.Display;
import org.attentionlab.ui.multihead.MultiHeadViewModel.PairFilter;
import org.attentionlab.ui.multihead.MultiHeadViewModel.Result;
import org.attentionlab.ui.multihead.MultiHeadViewModel.Source;
import org.attentionlab.ui.multihead.MultiHeadViewModel.Stage;
import org.attentionlab.ui.qkv.QkvViewModel.Split;
import org.attentionlab.ui.shell.Exportable;
import org.attentionlab.ui.shell.LessonView;
import org.attentionlab.ui.widgets.Formula;
import org.attentionlab.ui.widgets.Heatmap;
import org.attentionlab.ui.widgets.NumberText;
import org.attentionlab.ui.widgets.ScaleMode;

/**
 * The multi-head view (issue 3, view 2; issue 8, the head view). Left: the sentence (and a second
 * one), where the weights come from, the random model's sizes, how heads are combined. Top: the
 * lecture's six steps, the layer and the head in focus, the formula of the step with its numbers.
 * Middle, by step: the tokens; X; head i's W_i^Q, W_i^K, W_i^V and Q_i, K_i, V_i; the lines view
 * with a colour per head beside the head in focus full size, the combination of heads and every
 * head as a small heatmap; Z₀ … Z_{h−1}; Concat(Z₀ … Z_{h−1}) × W^O = Z. Only binds to
 * {@link MultiHeadViewModel}.
 */
public final class MultiHeadView extends BorderPane implements LessonView, Exportable {

    /** The panels a lesson may show or hide ({@code panels}), as in {@code ViewCatalog}. */
    public static final List<String> PANELS = List.of("controls", "steps", "formula", "lines", "heads", "aggregate",
            "concat", "output");

    private final MultiHeadViewModel vm;
    private final I18n i18n;
    private final ViewParts parts;
    private final Appearance appearance;
    private final DoubleProperty zoom = new SimpleDoubleProperty(this, "zoom", 1);
    private final List<Heatmap> unstyled = new ArrayList<>();
    private final Map<String, List<Node>> panels = new LinkedHashMap<>();
    private List<String> shownPanels = PANELS;

    private final VBox visual = new VBox();
    private final StackPane body = new StackPane();
    private final Map<Stage, Node> bodies = new LinkedHashMap<>();
    private final ToggleGroup stageGroup = new ToggleGroup();
    private final FlowPane layerBar = new FlowPane();
    private final FlowPane headBar = new FlowPane();
    private final Formula formula;
    private final Label shapes = new Label();

    private final FlowPane tokenChips = new FlowPane();
    private final Heatmap x = map(ScaleMode.SIGNED);
    private final Heatmap wq = map(ScaleMode.SIGNED);
    private final Heatmap wk = map(ScaleMode.SIGNED);
    private final Heatmap wv = map(ScaleMode.SIGNED);
    private final Heatmap q = map(ScaleMode.SIGNED);
    private final Heatmap k = map(ScaleMode.SIGNED);
    private final Heatmap v = map(ScaleMode.SIGNED);
    private final AttentionLines lines = new AttentionLines();
    private final FlowPane legend = new FlowPane();
    private final Heatmap focus = map(ScaleMode.UNIT);
    private final Heatmap combined = map(ScaleMode.UNIT);
    private final FlowPane headGrid = new FlowPane();
    private final List<Heatmap> headMaps = new ArrayList<>();
    private final FlowPane zGrid = new FlowPane();
    private final List<Heatmap> zMaps = new ArrayList<>();
    private final Heatmap concat = map(ScaleMode.SIGNED);
    private final Heatmap wo = map(ScaleMode.SIGNED);
    private final Heatmap output = map(ScaleMode.SIGNED);
    private final Label focusTitle = new Label();
    private final Label combinedTitle = new Label();
    private final Label combinedFormula = new Label();
    private final Label gridTitle = new Label();
    private final Label linesTitle = new Label();
    private VBox combinedCard;

    public MultiHeadView(MultiHeadViewModel vm, Services services) {
        this.vm = vm;
        this.i18n = services.i18n();
        this.parts = new ViewParts(i18n);
        this.appearance = services.appearance();
        this.formula = new Formula(services.formulas(), services.executors());
        unstyled.forEach(this::style);
        unstyled.clear();
        getStyleClass().add("multihead-view");
        setId("multihead-view");
        Node left = ViewParts.scroll(controls(), "multihead-controls-scroll");
        setLeft(left);
        panel("controls", left);
        buildVisual();
        ScrollPane centre = ViewParts.scroll(visual, "multihead-visual-scroll");
        setCenter(centre);

        vm.resultProperty().addListener(o -> showResult());
        vm.displayProperty().addListener(o -> showDisplay());
        vm.headProperty().addListener(o -> {
            showResult();
            showDisplay();
        });
        vm.stageProperty().addListener(o -> showStage());
        appearance.highContrastProperty().addListener(o -> showDisplay());
        i18n.localeProperty().addListener(o -> {
            showResult();
            showDisplay();
        });
        for (var p : List.of(vm.sourceProperty(), vm.layersProperty(), vm.layerProperty())) {
            p.addListener(o -> rebuildLayerBar());
        }
        vm.modelProperty().addListener(o -> rebuildLayerBar());
        showStage();
        rebuildLayerBar();
        showResult();
        showDisplay();
    }

    /** The view-model (lessons and tests set its state through it). */
    public MultiHeadViewModel viewModel() {
        return vm;
    }

    // ---------------------------------------------------------------- LessonView, Exportable

    @Override
    public String lessonViewName() {
        return "multihead";
    }

    @Override
    public void applyLessonState(StateMap state) {
        vm.applyLessonState(state);
        zoom.set(state.number("zoom").orElse(1.0));
        shownPanels = List.copyOf(state.texts("panels").orElse(PANELS));
        applyPanels();
    }

    /** Whether a lesson lets panel {@code name} show (all do by default). */
    public boolean panelShown(String name) {
        return shownPanels.contains(name);
    }

    private void panel(String name, Node... nodes) {
        panels.computeIfAbsent(name, n -> new ArrayList<>()).addAll(List.of(nodes));
    }

    private void applyPanels() {
        panels.forEach((name, nodes) -> {
            for (Node n : nodes) {
                boolean on = shownPanels.contains(name);
                if (n == combinedCard) {
                    on &= vm.display() != null && vm.display().kind() != Aggregate.NONE;
                }
                n.setVisible(on);
                n.setManaged(on);
            }
        });
        setLeft(shownPanels.contains("controls") ? panels.get("controls").get(0) : null);
    }

    @Override
    public ReadOnlyBooleanProperty busyProperty() {
        return vm.busyProperty();
    }

    @Override
    public Node exportNode() {
        return visual;
    }

    @Override
    public List<LabeledMatrix> exportMatrices() {
        return MultiHeadExport.matrices(vm.result(), vm.display(), vm.headProperty().get());
    }

    /** The zoom of the visualisation (lessons set it; 1 = normal). */
    public DoubleProperty zoomProperty() {
        return zoom;
    }

    // ---------------------------------------------------------------- for tests

    public AttentionLines lines() {
        return lines;
    }

    /** The head in focus, full size (the attend step). */
    public Heatmap focusHeatmap() {
        return focus;
    }

    /** The heads combined (mean, maximum, rollout), when a combination is chosen. */
    public Heatmap combinedHeatmap() {
        return combined;
    }

    /** Head {@code h}'s small heatmap in the grid. */
    public Heatmap headHeatmap(int h) {
        return h < headMaps.size() ? headMaps.get(h) : null;
    }

    public Heatmap concatHeatmap() {
        return concat;
    }

    public Heatmap outputHeatmap() {
        return output;
    }

    public Heatmap embeddingHeatmap() {
        return x;
    }

    /** The legend button switching head {@code h} on and off in the lines view. */
    public ToggleButton legendButton(int h) {
        return h < legend.getChildren().size() && legend.getChildren().get(h) instanceof ToggleButton b ? b : null;
    }

    public Formula formula() {
        return formula;
    }

    // ---------------------------------------------------------------- left: input and settings

    private Node controls() {
        VBox box = ViewParts.controlPanel(appearance.em(19));

        Label title = label("multihead.title", "view-title");
        title.setWrapText(true);

        Label sourceTitle = label("multihead.source", "section-title");
        ToggleGroup sources = new ToggleGroup();
        RadioButton random = new RadioButton();
        random.textProperty().bind(i18n.text("multihead.source.random"));
        random.setToggleGroup(sources);
        random.setWrapText(true);
        random.setId("multihead-source-random");
        RadioButton model = new RadioButton();
        model.textProperty().bind(Bindings.createStringBinding(() -> {
            BertSession s = vm.modelProperty().getValue();
            return s == null ? i18n.get("multihead.source.noModel") : i18n.format("multihead.source.model", s.name());
        }, vm.modelProperty(), i18n.localeProperty()));
        model.setToggleGroup(sources);
        model.setWrapText(true);
        model.setId("multihead-source-model");
        model.disableProperty().bind(Bindings.createBooleanBinding(() -> vm.modelProperty().getValue() == null,
                vm.modelProperty()));
        Runnable syncSource = () -> sources.selectToggle(vm.sourceProperty().get() == Source.MODEL ? model : random);
        syncSource.run();
        vm.sourceProperty().addListener(o -> syncSource.run());
        sources.selectedToggleProperty().addListener((obs, old, now) -> {
            if (now != null) {
                vm.sourceProperty().set(now == model ? Source.MODEL : Source.RANDOM);
            }
        });

        Label inputTitle = label("multihead.input", "section-title");
        TextField text = new TextField();
        text.setId("multihead-text");
        text.textProperty().bindBidirectional(vm.textProperty());
        text.promptTextProperty().bind(i18n.text("multihead.text.prompt"));
        text.setOnAction(e -> vm.applyText());
        TextField pair = new TextField();
        pair.setId("multihead-pair");
        pair.textProperty().bindBidirectional(vm.pairProperty());
        pair.promptTextProperty().bind(i18n.text("multihead.pair.prompt"));
        pair.setOnAction(e -> vm.applyText());
        ComboBox<Split> split = new ComboBox<>(FXCollections.observableArrayList(Split.values()));
        split.valueProperty().bindBidirectional(vm.splitProperty());
        EnumCells.localise(split, i18n);
        split.setMaxWidth(Double.MAX_VALUE);
        split.disableProperty().bind(vm.sourceProperty().isEqualTo(Source.MODEL));
        HBox.setHgrow(split, Priority.ALWAYS);
        Button apply = new Button();
        apply.textProperty().bind(i18n.text("multihead.apply"));
        apply.setId("multihead-apply");
        apply.setOnAction(e -> vm.applyText());
        apply.setMinWidth(Region.USE_PREF_SIZE);
        HBox splitRow = new HBox(6, split, apply);
        splitRow.setAlignment(Pos.CENTER_LEFT);
        Label tokenizer = new Label();
        tokenizer.getStyleClass().add("hint");
        tokenizer.setWrapText(true);
        tokenizer.textProperty().bind(Bindings.createStringBinding(() -> vm.sourceProperty().get() == Source.MODEL
                ? i18n.get("multihead.tokenizer.wordpiece") : i18n.get("multihead.tokenizer.split"),
                vm.sourceProperty(), i18n.localeProperty()));

        Label settingsTitle = label("multihead.settings", "section-title");
        MultiHeadSettings sheet = new MultiHeadSettings(vm, i18n);
        sheet.node().disableProperty().bind(vm.sourceProperty().isEqualTo(Source.MODEL));
        Label modelSizes = new Label();
        modelSizes.getStyleClass().add("hint");
        modelSizes.setWrapText(true);
        modelSizes.textProperty().bind(Bindings.createStringBinding(() -> {
            BertSession s = vm.modelProperty().getValue();
            return vm.sourceProperty().get() == Source.MODEL && s != null
                    ? i18n.format("multihead.modelSizes", s.config().layers(), s.config().heads(), s.config().hiddenSize())
                    : "";
        }, vm.sourceProperty(), vm.modelProperty(), i18n.localeProperty()));
        modelSizes.visibleProperty().bind(vm.sourceProperty().isEqualTo(Source.MODEL));
        modelSizes.managedProperty().bind(modelSizes.visibleProperty());

        Label viewTitle = label("multihead.show", "section-title");
        ComboBox<Aggregate> aggregate = new ComboBox<>(FXCollections.observableArrayList(Aggregate.values()));
        aggregate.setId("multihead-aggregate");
        aggregate.valueProperty().bindBidirectional(vm.aggregateProperty());
        EnumCells.localise(aggregate, i18n);
        aggregate.setMaxWidth(Double.MAX_VALUE);
        CheckBox hide = new CheckBox();
        hide.setId("multihead-hide-special");
        hide.textProperty().bind(i18n.text("multihead.hideSpecial"));
        hide.selectedProperty().bindBidirectional(vm.hideSpecialProperty());
        hide.setWrapText(true);
        ComboBox<PairFilter> filter = new ComboBox<>(FXCollections.observableArrayList(PairFilter.values()));
        filter.setId("multihead-pair-filter");
        filter.valueProperty().bindBidirectional(vm.pairFilterProperty());
        EnumCells.localise(filter, i18n);
        filter.setMaxWidth(Double.MAX_VALUE);
        filter.disableProperty().bind(Bindings.createBooleanBinding(
                () -> vm.result() == null || !vm.result().isPair(), vm.resultProperty()));

        ProgressIndicator busy = ViewParts.busyIndicator(vm.busyProperty());
        Label error = parts.message(vm.errorProperty(), "error-text");
        error.setId("multihead-error");
        Label notice = parts.message(vm.noticeProperty(), "hint");
        notice.setId("multihead-notice");
        Label hint = label("multihead.hint", "hint");
        hint.setWrapText(true);

        box.getChildren().addAll(title, busy, error, notice, sourceTitle, random, model, inputTitle, text, pair, splitRow,
                tokenizer, viewTitle, caption("multihead.aggregate"), aggregate, hide, caption("multihead.pairFilter"), filter,
                settingsTitle, sheet.node(), modelSizes, hint);
        return box;
    }

    private Label caption(String key) {
        Label l = label(key, "field-caption");
        l.setWrapText(true);
        return l;
    }

    // ---------------------------------------------------------------- centre: the steps

    private void buildVisual() {
        visual.getStyleClass().add("multihead-visual");
        visual.setId("multihead-visual");
        visual.spacingProperty().bind(em(0.6));
        visual.paddingProperty().bind(Bindings.createObjectBinding(
                () -> new Insets(appearance.getFontSize() * zoom.get() * 0.8), appearance.fontSizeProperty(), zoom));
        // zoom scales every font in the visualisation, and the em sizes below follow
        visual.styleProperty().bind(Bindings.createStringBinding(
                () -> String.format(Locale.ROOT, "-fx-font-size: %.1fpx;", appearance.getFontSize() * zoom.get()),
                appearance.fontSizeProperty(), zoom));

        HBox steps = new HBox();
        steps.getStyleClass().add("step-bar");
        steps.setId("multihead-steps");
        for (Stage s : Stage.values()) {
            ToggleButton b = new ToggleButton();
            b.textProperty().bind(Bindings.createStringBinding(
                    () -> s.number() + "  " + i18n.get(s.messageKey()), i18n.localeProperty()));
            b.setUserData(s);
            b.setToggleGroup(stageGroup);
            b.setId("multihead-stage-" + s.lessonName());
            b.getStyleClass().add("step-button");
            b.setMnemonicParsing(false); // "W_Q" is a name, not a keyboard mnemonic
            steps.getChildren().add(b);
        }
        stageGroup.selectedToggleProperty().addListener((obs, old, now) -> {
            if (now == null) {
                stageGroup.selectToggle(old); // one step is always chosen
            } else if (now.getUserData() != vm.stageProperty().get()) {
                vm.stageProperty().set((Stage) now.getUserData());
            }
        });
        layerBar.getStyleClass().add("choice-bar");
        layerBar.setId("multihead-layers");
        headBar.getStyleClass().add("choice-bar");
        headBar.setId("multihead-heads");
        for (FlowPane bar : List.of(layerBar, headBar)) {
            bar.hgapProperty().bind(em(0.3));
            bar.vgapProperty().bind(em(0.3));
            bar.setAlignment(Pos.CENTER_LEFT);
        }
        VBox header = new VBox(steps, layerBar, headBar);
        header.spacingProperty().bind(em(0.4));
        panel("steps", header);

        shapes.getStyleClass().add("formula");
        shapes.setId("multihead-shapes");
        shapes.setWrapText(true);
        HBox formulaRow = new HBox(formula, shapes);
        formulaRow.spacingProperty().bind(em(1.5));
        formulaRow.setAlignment(Pos.CENTER_LEFT);
        panel("formula", formulaRow);

        bodies.put(Stage.SENTENCE, sentenceBody());
        strip(x, 56);
        bodies.put(Stage.EMBED, flow(card(i18n.textFormat("multihead.card.x", this::xArgs, vm.resultProperty()),
                "X", x)));
        bodies.put(Stage.PROJECT, projectBody());
        bodies.put(Stage.ATTEND, attendBody());
        bodies.put(Stage.HEADS, headsBody());
        bodies.put(Stage.CONCAT, concatBody());
        body.setAlignment(Pos.TOP_LEFT);
        visual.getChildren().addAll(header, formulaRow, body);
    }

    private Node sentenceBody() {
        tokenChips.getStyleClass().add("token-chips");
        tokenChips.setId("multihead-tokens");
        tokenChips.hgapProperty().bind(em(0.5));
        tokenChips.vgapProperty().bind(em(0.5));
        Label title = new Label();
        title.getStyleClass().add("section-title");
        title.textProperty().bind(i18n.textFormat("multihead.sentence.title",
                () -> new Object[] {vm.result() == null ? 0 : vm.result().tokens().size()}, vm.resultProperty()));
        VBox box = new VBox(title, tokenChips);
        box.spacingProperty().bind(em(0.6));
        return box;
    }

    private Node projectBody() {
        for (Heatmap m : List.of(wq, wk, wv)) {
            m.cellSizeProperty().bind(em(1.2));
            m.maxPlotSizeProperty().bind(em(18));
        }
        Label note = new Label();
        note.getStyleClass().add("hint");
        note.setWrapText(true);
        note.textProperty().bind(i18n.textFormat("multihead.project.note",
                () -> new Object[] {vm.headProperty().get(), vm.headCount()}, vm.headProperty(), vm.resultProperty()));
        for (Heatmap m : List.of(q, k, v)) {
            strip(m, 56);
        }
        VBox box = new VBox(note,
                flow(card(i18n.textFormat("multihead.card.wq", this::weightArgs, vm.resultProperty(), vm.headProperty()), null, wq),
                        card(i18n.textFormat("multihead.card.wk", this::weightArgs, vm.resultProperty(), vm.headProperty()), null, wk),
                        card(i18n.textFormat("multihead.card.wv", this::weightArgs, vm.resultProperty(), vm.headProperty()), null, wv)),
                card(i18n.textFormat("multihead.card.q", this::projArgs, vm.resultProperty(), vm.headProperty()), null, q),
                card(i18n.textFormat("multihead.card.k", this::projArgs, vm.resultProperty(), vm.headProperty()), null, k),
                card(i18n.textFormat("multihead.card.v", this::projArgs, vm.resultProperty(), vm.headProperty()), null, v));
        box.spacingProperty().bind(em(0.6));
        return box;
    }

    private Node attendBody() {
        lines.setId("multihead-lines");
        lines.rowHeightProperty().bind(em(1.55));
        lines.lineSpanProperty().bind(em(13));
        lines.tallestProperty().bind(em(38));
        legend.setId("multihead-legend");
        legend.hgapProperty().bind(em(0.25));
        legend.vgapProperty().bind(em(0.25));
        legend.prefWrapLengthProperty().bind(em(22));
        linesTitle.getStyleClass().add("card-title");
        linesTitle.setWrapText(true);
        Label linesHint = label("multihead.lines.hint", "hint");
        linesHint.setWrapText(true);
        linesHint.maxWidthProperty().bind(em(24));
        Button all = new Button();
        all.textProperty().bind(i18n.text("multihead.lines.all"));
        all.setOnAction(e -> vm.showAllHeads());
        all.setId("multihead-legend-all");
        VBox linesCard = new VBox(linesTitle, linesHint, new HBox(8, all), legend, lines);
        linesCard.getStyleClass().add("stage-card");
        linesCard.spacingProperty().bind(em(0.3));
        linesCard.setMaxWidth(Region.USE_PREF_SIZE);
        linesCard.setId("multihead-lines-card");
        panel("lines", linesCard);

        focus.cellSizeProperty().bind(em(3));
        focus.maxPlotSizeProperty().bind(em(28));
        focus.setId("multihead-focus");
        focusTitle.getStyleClass().add("card-title");
        VBox focusCard = new VBox(focusTitle, focus);
        focusCard.getStyleClass().addAll("stage-card", "focus-card");
        focusCard.setMaxWidth(Region.USE_PREF_SIZE);

        combined.cellSizeProperty().bind(em(3));
        combined.maxPlotSizeProperty().bind(em(28));
        combined.setId("multihead-combined");
        combinedTitle.getStyleClass().add("card-title");
        combinedFormula.getStyleClass().add("formula");
        combinedFormula.setWrapText(true);
        combinedFormula.maxWidthProperty().bind(em(26));
        combinedCard = new VBox(combinedTitle, combinedFormula, combined);
        combinedCard.getStyleClass().add("stage-card");
        combinedCard.setMaxWidth(Region.USE_PREF_SIZE);
        panel("aggregate", combinedCard);

        VBox right = new VBox(combinedCard, focusCard);
        right.spacingProperty().bind(em(0.6));
        HBox top = new HBox(linesCard, right);
        top.spacingProperty().bind(em(0.8));
        top.setAlignment(Pos.TOP_LEFT);

        gridTitle.getStyleClass().add("section-title");
        headGrid.hgapProperty().bind(em(0.5));
        headGrid.vgapProperty().bind(em(0.5));
        headGrid.setId("multihead-head-grid");
        VBox grid = new VBox(gridTitle, headGrid);
        grid.spacingProperty().bind(em(0.4));
        panel("heads", focusCard, grid);
        VBox box = new VBox(top, grid);
        box.spacingProperty().bind(em(0.8));
        return box;
    }

    private Node headsBody() {
        zGrid.hgapProperty().bind(em(0.6));
        zGrid.vgapProperty().bind(em(0.6));
        zGrid.setId("multihead-z-grid");
        Label title = new Label();
        title.getStyleClass().add("section-title");
        title.textProperty().bind(i18n.textFormat("multihead.heads.zTitle",
                () -> new Object[] {"Z" + NumberText.subscript(Math.max(0, vm.headCount() - 1))}, vm.resultProperty()));
        VBox box = new VBox(title, zGrid);
        box.spacingProperty().bind(em(0.5));
        panel("heads", zGrid);
        return box;
    }

    private Node concatBody() {
        strip(concat, 56);
        concat.setId("multihead-concat");
        wo.cellSizeProperty().bind(em(1.2));
        wo.maxPlotSizeProperty().bind(em(16));
        strip(output, 56);
        output.setId("multihead-output");
        VBox concatCard = card(i18n.textFormat("multihead.card.concat", this::concatArgs, vm.resultProperty()), null, concat);
        concatCard.getChildren().add(new BlockRuler(concat));
        VBox woCard = card(i18n.textFormat("multihead.card.wo", this::woArgs, vm.resultProperty()), null, wo);
        VBox outCard = card(i18n.textFormat("multihead.card.output", this::outputArgs, vm.resultProperty()), null, output);
        panel("concat", concatCard);
        panel("output", woCard, outCard);
        Label times = new Label("×");
        times.getStyleClass().add("pipeline-arrow");
        Label equals = new Label("=");
        equals.getStyleClass().add("pipeline-arrow");
        VBox box = new VBox(concatCard, times, woCard, equals, outCard);
        box.spacingProperty().bind(em(0.4));
        return box;
    }

    // ---------------------------------------------------------------- filling in

    private void showStage() {
        Stage s = vm.stageProperty().get();
        // only the step shown is in the scene: the others are neither laid out nor filled
        body.getChildren().setAll(bodies.get(s));
        stageGroup.getToggles().forEach(t -> {
            if (t.getUserData() == s && !t.isSelected()) {
                stageGroup.selectToggle(t);
            }
        });
        headBar.setVisible(s != Stage.SENTENCE && s != Stage.EMBED);
        headBar.setManaged(headBar.isVisible());
        showResult();
        showDisplay();
    }

    private void rebuildLayerBar() {
        int n = vm.layerCount();
        layerBar.setVisible(n > 1);
        layerBar.setManaged(n > 1);
        if (n <= 1) {
            layerBar.getChildren().clear();
            return;
        }
        // the same buttons stay while the count does, so keyboard focus is not lost on each answer
        if (layerBar.getChildren().size() != n + 1) {
            layerBar.getChildren().setAll(label("multihead.layer", "field-caption"));
            ToggleGroup group = new ToggleGroup();
            for (int i = 0; i < n; i++) {
                int layer = i;
                ToggleButton b = new ToggleButton(String.valueOf(i));
                b.setToggleGroup(group);
                b.setId("multihead-layer-" + i);
                b.getStyleClass().add("choice-button");
                b.setOnAction(e -> {
                    b.setSelected(true);
                    vm.layerProperty().set(layer);
                });
                layerBar.getChildren().add(b);
            }
        }
        for (int i = 0; i < n; i++) {
            ((ToggleButton) layerBar.getChildren().get(i + 1)).setSelected(i == vm.layerProperty().get());
        }
    }

    private void rebuildHeadBar(int count) {
        if (headBar.getChildren().size() == count + 1) {
            for (int i = 0; i < count; i++) {
                ((ToggleButton) headBar.getChildren().get(i + 1)).setSelected(i == vm.headProperty().get());
            }
            return;
        }
        headBar.getChildren().clear();
        headBar.getChildren().add(label("multihead.head", "field-caption"));
        ToggleGroup group = new ToggleGroup();
        for (int i = 0; i < count; i++) {
            int h = i;
            ToggleButton b = new ToggleButton(String.valueOf(i));
            b.setToggleGroup(group);
            b.setId("multihead-head-" + i);
            b.getStyleClass().add("choice-button");
            b.setStyle("-fx-border-color: " + HeadColors.css(i) + "; -fx-border-width: 0 0 4 0;");
            b.setSelected(i == vm.headProperty().get());
            b.setOnAction(e -> {
                b.setSelected(true);
                vm.headProperty().set(h);
            });
            headBar.getChildren().add(b);
        }
    }

    private void showResult() {
        Result r = vm.result();
        if (r == null) {
            return;
        }
        rebuildHeadBar(r.heads());
        rebuildLayerBar();
        showFormula();
        switch (vm.stageProperty().get()) {
            case SENTENCE -> showTokens(r);
            case EMBED -> {
                x.rowLabelsProperty().set(r.tokens());
                x.setData(r.layerInput());
            }
            case PROJECT -> showProjections(r);
            case HEADS -> showHeadOutputs(r);
            case CONCAT -> showConcat(r);
            case ATTEND -> {
                // the attention maps come with the display
            }
        }
    }

    private void showTokens(Result r) {
        tokenChips.getChildren().clear();
        for (int i = 0; i < r.tokens().size(); i++) {
            Label chip = new Label(r.tokens().get(i));
            chip.getStyleClass().add("token-chip");
            chip.getStyleClass().add(r.specials().contains(i) ? "token-special"
                    : r.segments().get(i) == 1 ? "token-b" : "token-a");
            Label index = new Label(String.valueOf(i));
            index.getStyleClass().add("token-index");
            VBox cell = new VBox(chip, index);
            cell.setAlignment(Pos.CENTER);
            tokenChips.getChildren().add(cell);
        }
    }

    private void showProjections(Result r) {
        HeadTrace h = vm.focusedHead();
        if (h != null) {
            wq.setData(h.wq());
            wk.setData(h.wk());
            wv.setData(h.wv());
            for (Heatmap m : List.of(q, k, v)) {
                m.rowLabelsProperty().set(r.tokens());
            }
            q.setData(h.attention().q());
            k.setData(h.attention().k());
            v.setData(h.attention().v());
        }
    }

    private void showHeadOutputs(Result r) {
        MultiHeadTrace t = r.trace();
        ensureZMaps(t.heads().size());
        for (int i = 0; i < t.heads().size(); i++) {
            Heatmap z = zMaps.get(i);
            z.rowLabelsProperty().set(r.tokens());
            z.setData(t.heads().get(i).attention().output());
            z.getParent().getStyleClass().remove("focused");
            if (i == vm.headProperty().get()) {
                z.getParent().getStyleClass().add("focused");
            }
        }
    }

    private void showConcat(Result r) {
        MultiHeadTrace t = r.trace();
        concat.rowLabelsProperty().set(r.tokens());
        concat.columnGroupProperty().set(t.heads().isEmpty() ? 0 : t.heads().get(0).attention().output().cols());
        concat.setData(t.concat());
        wo.setData(t.wo());
        output.rowLabelsProperty().set(r.tokens());
        output.setData(t.output());
    }

    private void ensureZMaps(int n) {
        if (zMaps.size() == n) {
            return;
        }
        zMaps.clear();
        zGrid.getChildren().clear();
        for (int i = 0; i < n; i++) {
            int h = i;
            Heatmap m = map(ScaleMode.SIGNED);
            m.cellSizeProperty().bind(em(2));
            m.maxPlotSizeProperty().bind(em(n > 16 ? 8 : n > 8 ? 16 : 24));
            m.minRowHeightProperty().bind(em(n > 16 ? 1 : 2));
            m.setId("multihead-z-" + i);
            Label title = new Label("Z" + NumberText.subscript(i));
            title.getStyleClass().addAll("card-title", "z-title");
            Rectangle swatch = new Rectangle(14, 14, HeadColors.of(i));
            HBox head = new HBox(6, swatch, title);
            head.setAlignment(Pos.CENTER_LEFT);
            VBox card = new VBox(head, m);
            card.getStyleClass().add("stage-card");
            card.setMaxWidth(Region.USE_PREF_SIZE);
            card.addEventFilter(MouseEvent.MOUSE_CLICKED, e -> vm.headProperty().set(h));
            zMaps.add(m);
            zGrid.getChildren().add(card);
        }
    }

    private void showDisplay() {
        Display d = vm.display();
        if (d == null || vm.stageProperty().get() != Stage.ATTEND) {
            return;
        }
        int focusHead = vm.headProperty().get();
        // lines: every head switched on in its colour, the head in focus on top; or the combination
        List<AttentionLines.Lines> ls = new ArrayList<>();
        if (d.aggregate() != null) {
            // the combination is no head's: drawn in the text colour of the theme
            javafx.scene.paint.Color ink = javafx.scene.paint.Color.web(appearance.highContrastProperty().get() ? "#f0f0f0" : "#303030");
            ls.add(new AttentionLines.Lines(-1, ink, d.aggregate()));
        } else {
            for (int h = 0; h < d.heads().size(); h++) {
                if (d.shown(h) && h != focusHead) {
                    ls.add(new AttentionLines.Lines(h, HeadColors.of(h), d.heads().get(h)));
                }
            }
            if (focusHead < d.heads().size() && d.shown(focusHead)) {
                ls.add(new AttentionLines.Lines(focusHead, HeadColors.of(focusHead), d.heads().get(focusHead)));
            }
        }
        lines.leftTokensProperty().set(d.rowTokens());
        lines.rightTokensProperty().set(d.colTokens());
        lines.linesProperty().set(List.copyOf(ls));
        linesTitle.setText(i18n.format(d.aggregate() != null ? "multihead.lines.titleCombined" : "multihead.lines.title",
                d.layer(), i18n.get(org.attentionlab.ui.EnumText.key(d.kind()))));
        rebuildLegend(d);

        focusTitle.setText(i18n.format("multihead.focus.title", focusHead, d.layer()));
        focus.rowLabelsProperty().set(d.rowTokens());
        focus.colLabelsProperty().set(d.colTokens());
        focus.setData(focusHead < d.heads().size() ? d.heads().get(focusHead) : null);

        boolean hasCombined = d.kind() != Aggregate.NONE;
        applyPanels();
        combinedTitle.setText(hasCombined ? i18n.format("multihead.combined.title",
                i18n.get(org.attentionlab.ui.EnumText.key(d.kind())), d.layer()) : "");
        combinedFormula.setText(hasCombined ? i18n.get(d.kind().formulaKey()) : "");
        combined.rowLabelsProperty().set(d.rowTokens());
        combined.colLabelsProperty().set(d.colTokens());
        combined.setData(d.aggregate());

        gridTitle.setText(i18n.format("multihead.grid.title", d.heads().size(), d.layer()));
        ensureHeadMaps(d.heads().size());
        for (int h = 0; h < d.heads().size(); h++) {
            Heatmap m = headMaps.get(h);
            m.rowLabelsProperty().set(d.rowTokens());
            m.colLabelsProperty().set(d.colTokens());
            m.setData(d.heads().get(h));
            Node card = m.getParent();
            card.getStyleClass().removeAll("focused", "switched-off");
            if (h == focusHead) {
                card.getStyleClass().add("focused");
            }
            if (!d.shown(h)) {
                card.getStyleClass().add("switched-off");
            }
        }
    }

    private void ensureHeadMaps(int n) {
        if (headMaps.size() == n) {
            return;
        }
        headMaps.clear();
        headGrid.getChildren().clear();
        for (int i = 0; i < n; i++) {
            int h = i;
            Heatmap m = map(ScaleMode.UNIT);
            m.cellSizeProperty().bind(em(1.8));
            m.maxPlotSizeProperty().bind(em(n > 16 ? 7 : 10));
            m.setId("multihead-head-map-" + i);
            Label title = new Label();
            title.textProperty().bind(i18n.textFormat("multihead.grid.head", () -> new Object[] {h}));
            title.getStyleClass().add("card-title");
            Rectangle swatch = new Rectangle(14, 14, HeadColors.of(i));
            HBox head = new HBox(6, swatch, title);
            head.setAlignment(Pos.CENTER_LEFT);
            VBox card = new VBox(head, m);
            card.getStyleClass().addAll("stage-card", "head-card");
            card.setMaxWidth(Region.USE_PREF_SIZE);
            card.setId("multihead-head-card-" + i);
            card.addEventFilter(MouseEvent.MOUSE_CLICKED, e -> vm.headProperty().set(h));
            headMaps.add(m);
            headGrid.getChildren().add(card);
        }
    }

    private void rebuildLegend(Display d) {
        int n = d.heads().size();
        if (legend.getChildren().size() != n) {
            legend.getChildren().clear();
            for (int i = 0; i < n; i++) {
                int h = i;
                ToggleButton b = new ToggleButton(String.valueOf(i));
                Rectangle swatch = new Rectangle(12, 12, HeadColors.of(i));
                b.setGraphic(swatch);
                b.getStyleClass().add("legend-button");
                b.setId("multihead-legend-" + i);
                b.setOnAction(e -> vm.toggleHead(h));
                legend.getChildren().add(b);
            }
        }
        for (int i = 0; i < n; i++) {
            ToggleButton b = (ToggleButton) legend.getChildren().get(i);
            b.setSelected(d.shown(i));
            b.setOpacity(d.shown(i) ? 1 : 0.45);
        }
        legend.setDisable(d.kind() == Aggregate.MEAN_LAYERS || d.kind() == Aggregate.MAX_LAYERS
                || d.kind() == Aggregate.ROLLOUT);
    }

    private void showFormula() {
        Result r = vm.result();
        if (r == null) {
            return;
        }
        int t = r.tokens().size();
        int d = r.trace().output().cols();
        int h = r.heads();
        int dk = r.trace().heads().isEmpty() ? 0 : r.trace().heads().get(0).wq().cols();
        int i = vm.headProperty().get();
        boolean bias = r.source() == Source.MODEL;
        String latex = switch (vm.stageProperty().get()) {
            case SENTENCE -> "w_1, w_2, \\dots, w_T \\qquad T = " + t;
            case EMBED -> "X = \\begin{pmatrix} x_1 \\\\ \\vdots \\\\ x_T \\end{pmatrix} \\in \\mathbb{R}^{" + t + " \\times " + d + "}";
            case PROJECT -> "Q_{" + i + "} = X W_{" + i + "}^Q,\\quad K_{" + i + "} = X W_{" + i + "}^K,\\quad V_{" + i
                    + "} = X W_{" + i + "}^V" + (bias ? " + b" : "");
            case ATTEND -> "Z_{" + i + "} = \\mathrm{softmax}\\left(\\frac{Q_{" + i + "} K_{" + i + "}^{T}}{\\sqrt{" + dk
                    + "}}\\right) V_{" + i + "}";
            case HEADS -> "Z_0, Z_1, \\dots, Z_{" + (h - 1) + "} \\in \\mathbb{R}^{" + t + " \\times " + dk + "}";
            case CONCAT -> "Z = \\mathrm{Concat}(Z_0, \\dots, Z_{" + (h - 1) + "})\\, W^O" + (bias ? " + b^O" : "");
        };
        formula.setLatex(latex);
        shapes.setText(i18n.format("multihead.shapes", t, d, h, dk, d + " / " + h + " = " + dk));
    }

    // ---------------------------------------------------------------- card titles' numbers

    private Object[] xArgs() {
        Result r = vm.result();
        return r == null ? new Object[] {0, 0, 0} : new Object[] {r.layer(), r.layerInput().rows(), r.layerInput().cols()};
    }

    private Object[] weightArgs() {
        HeadTrace h = vm.focusedHead();
        return h == null ? new Object[] {0, 0, 0} : new Object[] {h.index(), h.wq().rows(), h.wq().cols()};
    }

    private Object[] projArgs() {
        HeadTrace h = vm.focusedHead();
        return h == null ? new Object[] {0, 0, 0}
                : new Object[] {h.index(), h.attention().q().rows(), h.attention().q().cols()};
    }

    private Object[] concatArgs() {
        Result r = vm.result();
        return r == null ? new Object[] {0, 0, 0}
                : new Object[] {"Z" + NumberText.subscript(Math.max(0, r.heads() - 1)), r.trace().concat().rows(),
                        r.trace().concat().cols()};
    }

    private Object[] woArgs() {
        Result r = vm.result();
        return r == null ? new Object[] {0, 0} : new Object[] {r.trace().wo().rows(), r.trace().wo().cols()};
    }

    private Object[] outputArgs() {
        Result r = vm.result();
        return r == null ? new Object[] {0, 0} : new Object[] {r.trace().output().rows(), r.trace().output().cols()};
    }

    // ---------------------------------------------------------------- helpers

    /** {@code factor} font sizes of the visualisation (presenter font size × lesson zoom). */
    private DoubleBinding em(double factor) {
        return Bindings.createDoubleBinding(() -> appearance.getFontSize() * zoom.get() * factor,
                appearance.fontSizeProperty(), zoom);
    }

    /** A heatmap of this view; made during field initialisation, so styled in {@link #style}. */
    private Heatmap map(ScaleMode mode) {
        Heatmap m = new Heatmap();
        m.scaleModeProperty().set(mode);
        if (appearance == null) {
            unstyled.add(m);
        } else {
            style(m);
        }
        return m;
    }

    /**
     * A matrix with many more columns than rows (X, Q_i, Concat, the output): up to {@code width}
     * em wide, with rows kept tall enough for their token labels.
     */
    private void strip(Heatmap m, double width) {
        m.cellSizeProperty().bind(em(2));
        m.maxPlotSizeProperty().bind(em(width));
        m.minRowHeightProperty().bind(em(2));
    }

    private void style(Heatmap m) {
        m.colorMapProperty().bind(m.scaleModeProperty().get() == ScaleMode.UNIT ? appearance.sequentialMapProperty()
                : appearance.divergingMapProperty());
        m.cellSizeProperty().bind(em(1.6));
        m.maxPlotSizeProperty().bind(em(26));
    }

    private VBox card(StringBinding title, String formulaText, Heatmap map) {
        Label t = new Label();
        t.textProperty().bind(title);
        t.getStyleClass().add("card-title");
        t.setWrapText(true);
        VBox card = new VBox(t, map);
        if (formulaText != null && !formulaText.isEmpty()) {
            Label f = new Label(formulaText);
            f.getStyleClass().add("formula");
            card.getChildren().add(1, f);
        }
        card.getStyleClass().add("stage-card");
        card.setMaxWidth(Region.USE_PREF_SIZE);
        return card;
    }

    private FlowPane flow(Node... nodes) {
        FlowPane f = new FlowPane(nodes);
        f.hgapProperty().bind(em(0.7));
        f.vgapProperty().bind(em(0.7));
        f.setAlignment(Pos.TOP_LEFT);
        return f;
    }

    private Label label(String key, String style) {
        Label l = parts.label(key, style);
        l.setWrapText(true);
        return l;
    }
}
