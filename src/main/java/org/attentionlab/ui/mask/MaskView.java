package org.attentionlab.ui.mask;

import java.util.ArrayList;
import java.util.List;

import javafx.beans.binding.Bindings;
import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.collections.FXCollections;
import javafx.geometry.Bounds;
import javafx.geometry.Pos;
import javafx.scene.Node;
import javafx.scene.control.Button;
import javafx.scene.control.CheckBox;
import javafx.scene.control.ComboBox;
import javafx.scene.control.Label;
import javafx.scene.control.ProgressIndicator;
import javafx.scene.control.RadioButton;
import javafx.scene.control.ScrollPane;
import javafx.scene.control.Slider;
import javafx.scene.control.TextField;
import javafx.scene.control.ToggleGroup;
import javafx.scene.input.KeyCode;
import javafx.scene.input.KeyEvent;
import javafx.scene.input.MouseButton;
import javafx.scene.input.MouseEvent;
import javafx.scene.layout.BorderPane;
import javafx.scene.layout.FlowPane;
import javafx.scene.layout.GridPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.VBox;

import org.attentionlab.io.LabeledMatrix;
import org.attentionlab.lesson.StateMap;
import org.attentionlab.ui.Appearance;
import org.attentionlab.ui.EnumCells;
import org.attentionlab.ui.I18n;
import org.attentionlab.ui.Services;
import org.attentionlab.ui.mask.MaskViewModel.Mode;
import org.attentionlab.ui.ViewParts;
import org.attentionlab.ui.shell.Exportable;
import org.attentionlab.ui.shell.LessonView;
import org.attentionlab.ui.widgets.Cell;
import org.attentionlab.ui.widgets.Formula;
import org.attentionlab.ui.widgets.Heatmap;
import org.attentionlab.ui.widgets.LessonPanels;
import org.attentionlab.ui.widgets.NumberText;
import org.attentionlab.ui.widgets.ScaleMode;

/**
 * The mask view (issue 3, view 4; section 3.2.3): on the left the batch's sentences, which mask,
 * the sentence in focus and training against inference; in the middle the panels a lesson may
 * show, hide and reorder — {@code sentences} (the padded batch and its attention_mask),
 * {@code matrix} (the padding and causal masks side by side, the mask in use, which a click
 * edits, and the scores before and after it), {@code weights} (the softmax with exact zeros, and
 * what multiplying by 0 would give) and {@code formula}. In inference mode the matrices give way
 * to one decoding step and the training row it equals. Only binds to {@link MaskViewModel}.
 */
public final class MaskView extends BorderPane implements LessonView, Exportable {

    public static final String NAME = "mask";

    private final MaskViewModel vm;
    private final Services services;
    private final I18n i18n;
    private final ViewParts parts;
    private final Appearance appearance;
    private final LessonPanels panels;
    /** The scroll pane of the panels (formulas fit its width). */
    private final ScrollPane centre = new ScrollPane();

    private final Heatmap padding = map("mask-padding", 0);
    private final Heatmap causal = map("mask-causal", 0);
    private final Heatmap applied = map("mask-applied", 0);
    private final Heatmap scores = map("mask-scores", 2);
    private final Heatmap masked = map("mask-masked", 2);
    private final Heatmap weights = map("mask-weights", 2);
    private final Heatmap output = map("mask-output", 2);
    private final Heatmap zeroed = map("mask-zeroed", 2);
    private final Heatmap stepScores = map("mask-step-scores", 2);
    private final Heatmap stepWeights = map("mask-step-weights", 2);
    private final Heatmap trainingRow = map("mask-training-row", 2);
    private final GridPane batchGrid = new GridPane();
    private final VBox sentenceFields = new VBox();
    private final Label stepLabel = new Label();
    private final Label inferenceStatement = new Label();
    private final VBox trainingBox = new VBox();
    private final VBox inferenceBox = new VBox();
    private final VBox weightsTraining = new VBox();
    private final VBox weightsInference = new VBox();
    private final Formula cellFormula;
    private final Formula zeroedFormula;
    private final Formula inferenceFormula;
    private final Slider step = new Slider(0, 1, 0);
    private final ComboBox<Integer> focus = new ComboBox<>();
    private final Node controls;

    public MaskView(MaskViewModel vm, Services services) {
        this.vm = vm;
        this.services = services;
        this.i18n = services.i18n();
        this.parts = new ViewParts(i18n);
        this.appearance = services.appearance();
        this.panels = new LessonPanels(appearance);
        cellFormula = formula(1.2);
        zeroedFormula = formula(1.2);
        inferenceFormula = formula(1.2);
        getStyleClass().add("mask-view");
        setId("mask-view");
        for (Heatmap h : List.of(padding, causal, applied, scores, masked, weights, output, zeroed, stepScores,
                stepWeights, trainingRow)) {
            h.cellSizeProperty().bind(panels.em(2.9));
            h.maxPlotSizeProperty().bind(panels.em(24));
            h.maskedTextProperty().bind(i18n.text("mask.masked"));
        }
        for (Heatmap h : List.of(padding, causal, applied, scores, masked, output, stepScores)) {
            h.scaleModeProperty().set(ScaleMode.SIGNED);
            h.colorMapProperty().bind(appearance.divergingMapProperty());
        }
        for (Heatmap h : List.of(weights, zeroed, stepWeights, trainingRow)) {
            h.scaleModeProperty().set(ScaleMode.UNIT);
            h.colorMapProperty().bind(appearance.sequentialMapProperty());
        }
        for (Heatmap h : List.of(padding, causal, applied, scores, masked, weights, zeroed)) {
            h.selectedCellProperty().bindBidirectional(vm.selectedProperty());
        }
        for (Heatmap h : List.of(padding, causal, applied)) {
            h.colorBarVisibleProperty().set(false); // 0 and −∞ have no scale to read
        }
        editableByClick(applied);

        panels.add("sentences", card("mask.panel.sentences", sentencesPanel()));
        panels.add("matrix", card("mask.panel.matrix", matrixPanel()));
        panels.add("weights", card("mask.panel.weights", weightsPanel()));
        panels.add("formula", card("mask.panel.formula", formulaPanel()));
        panels.flow().setId("mask-panels");

        controls = ViewParts.scroll(controls(), "mask-controls-scroll");
        ViewParts.scroll(centre, panels.flow(), "mask-panels-scroll");
        setCenter(centre);
        ViewParts.controlsOnLeft(this, controls, panels);
        vm.resultProperty().addListener(o -> showResult());
        i18n.localeProperty().addListener(o -> showResult());
        showResult();
    }

    public MaskViewModel viewModel() {
        return vm;
    }

    public LessonPanels panels() {
        return panels;
    }

    /** The heatmaps by role (for tests): padding, causal, applied, scores, masked, weights, zeroed, … */
    public Heatmap heatmap(String role) {
        return switch (role) {
            case "padding" -> padding;
            case "causal" -> causal;
            case "applied" -> applied;
            case "scores" -> scores;
            case "masked" -> masked;
            case "weights" -> weights;
            case "output" -> output;
            case "zeroed" -> zeroed;
            case "stepScores" -> stepScores;
            case "stepWeights" -> stepWeights;
            case "trainingRow" -> trainingRow;
            default -> throw new IllegalArgumentException("no heatmap '" + role + "'");
        };
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

    @Override
    public List<LabeledMatrix> exportMatrices() {
        MaskViewModel.Result r = vm.result();
        if (r == null) {
            return List.of();
        }
        List<String> tokens = r.tokens();
        List<LabeledMatrix> out = new ArrayList<>();
        List<String> sentences = new ArrayList<>();
        for (int b = 0; b < r.batch().size(); b++) {
            sentences.add(String.join(" ", r.batch().get(b)));
        }
        out.add(new LabeledMatrix("attention_mask", r.attentionMask(), sentences, List.of()));
        out.add(new LabeledMatrix("X", r.x(), tokens, List.of()));
        out.add(new LabeledMatrix("padding mask", r.padding(), tokens, tokens));
        out.add(new LabeledMatrix("causal mask", r.causal(), tokens, tokens));
        out.add(new LabeledMatrix("mask M (" + r.mode().word() + ")", r.mask(), tokens, tokens));
        out.add(new LabeledMatrix("scores S", r.trace().scores(), tokens, tokens));
        out.add(new LabeledMatrix("masked scores S''", r.trace().masked(), tokens, tokens));
        out.add(new LabeledMatrix("weights A", r.trace().weights(), tokens, tokens));
        out.add(new LabeledMatrix("output Z", r.trace().output(), tokens, List.of()));
        out.add(new LabeledMatrix("softmax of S times mask", r.zeroed(), tokens, tokens));
        if (r.inference() != null) {
            MaskViewModel.Inference inf = r.inference();
            String query = tokens.get(inf.step());
            out.add(new LabeledMatrix("inference step " + (inf.step() + 1) + " weights", inf.trace().weights(),
                    List.of(query), inf.seen()));
            out.add(new LabeledMatrix("training row " + (inf.step() + 1) + " weights", inf.trainingRow(),
                    List.of(query), tokens));
        }
        return out;
    }

    // ---------------------------------------------------------------- left: the knobs

    private Node controls() {
        VBox box = ViewParts.controlPanel(appearance.em(19));
        Label title = parts.label("mask.title", "view-title");
        title.setWrapText(true);

        sentenceFields.spacingProperty().bind(appearance.em(0.3));
        fillSentenceFields();
        vm.sentencesProperty().addListener(o -> fillSentenceFields());
        Button add = parts.button("mask.sentence.add");
        add.setId("mask-sentence-add");
        add.setOnAction(e -> {
            List<String> now = new ArrayList<>(vm.sentencesProperty().get());
            if (now.size() < MaskViewModel.MAX_SENTENCES) {
                now.add(i18n.get("mask.sentence.new"));
                vm.sentencesProperty().set(List.copyOf(now));
            }
        });
        Button remove = parts.button("mask.sentence.remove");
        remove.setId("mask-sentence-remove");
        remove.setOnAction(e -> {
            List<String> now = new ArrayList<>(vm.sentencesProperty().get());
            if (now.size() > 1) {
                now.remove(now.size() - 1);
                vm.batch(() -> {
                    vm.sentencesProperty().set(List.copyOf(now));
                    if (vm.focusProperty().get() >= now.size()) {
                        vm.focusProperty().set(-1);
                    }
                });
            }
        });
        HBox sentenceButtons = new HBox(add, remove);
        sentenceButtons.spacingProperty().bind(appearance.em(0.3));

        ToggleGroup modes = new ToggleGroup();
        VBox modeBox = new VBox();
        modeBox.spacingProperty().bind(appearance.em(0.25));
        for (Mode m : Mode.values()) {
            RadioButton b = new RadioButton();
            b.setId("mask-mode-" + m.word());
            b.textProperty().bind(i18n.text(m.messageKey()));
            b.setWrapText(true);
            b.setToggleGroup(modes);
            b.setUserData(m);
            b.setSelected(vm.modeProperty().get() == m);
            modeBox.getChildren().add(b);
        }
        modes.selectedToggleProperty().addListener((obs, old, now) -> {
            if (now != null && now.getUserData() != vm.modeProperty().get()) {
                vm.modeProperty().set((Mode) now.getUserData());
            }
        });
        vm.modeProperty().addListener((obs, old, now) -> modes.getToggles().forEach(t -> t.setSelected(t.getUserData() == now)));

        focus.setId("mask-focus");
        focus.setMaxWidth(Double.MAX_VALUE);
        EnumCells.localise(focus, n -> i18n.textFormat("mask.sentence.n", () -> new Object[] {n + 1}));
        focus.valueProperty().addListener((obs, old, now) -> {
            MaskViewModel.Result r = vm.result();
            if (!showing && now != null && (r == null || now != r.focus())) {
                vm.focusProperty().set(now);
            }
        });

        CheckBox inference = new CheckBox();
        inference.setId("mask-inference");
        inference.textProperty().bind(i18n.text("mask.inference"));
        inference.setWrapText(true);
        inference.selectedProperty().bindBidirectional(vm.inferenceProperty());
        step.setId("mask-step");
        step.setBlockIncrement(1);
        step.setMajorTickUnit(1);
        step.setMinorTickCount(0);
        step.setSnapToTicks(true);
        step.setShowTickMarks(true);
        step.disableProperty().bind(vm.inferenceProperty().not());
        step.valueProperty().addListener((obs, old, now) -> {
            int v = (int) Math.round(now.doubleValue());
            if (!showing && v != vm.stepProperty().get()) {
                vm.stepProperty().set(v);
            }
        });
        stepLabel.setWrapText(true);
        stepLabel.getStyleClass().add("hint");
        stepLabel.setId("mask-step-label");

        ProgressIndicator busy = ViewParts.busyIndicator(vm.busyProperty(), appearance.em(1.6));
        Label error = parts.message(vm.errorProperty(), "error-text");
        error.setId("mask-error");
        Label notice = parts.message(vm.noticeProperty(), "hint");
        Label hint = parts.label("mask.hint", "hint");
        hint.setWrapText(true);

        box.getChildren().addAll(title, parts.label("mask.sentences", "section-title"), sentenceFields, sentenceButtons,
                parts.label("mask.mode", "section-title"), modeBox, parts.label("mask.focus", "field-label"), focus,
                parts.label("mask.section.inference", "section-title"), inference, step, stepLabel, busy, error, notice, hint);
        for (Node n : box.getChildren()) {
            if (n instanceof Label l) {
                l.setWrapText(true);
            }
        }
        return box;
    }

    /** One text field per sentence; Enter or leaving the field applies the whole batch. */
    private void fillSentenceFields() {
        List<String> now = vm.sentencesProperty().get();
        if (sentenceFields.getChildren().size() == now.size()) {
            for (int b = 0; b < now.size(); b++) {
                TextField f = (TextField) sentenceFields.getChildren().get(b);
                if (!f.isFocused()) {
                    f.setText(now.get(b));
                }
            }
            return;
        }
        List<Node> fields = new ArrayList<>();
        for (int b = 0; b < now.size(); b++) {
            TextField f = new TextField(now.get(b));
            f.setId("mask-sentence-" + b);
            f.setOnAction(e -> applySentences());
            f.focusedProperty().addListener((obs, was, focused) -> {
                if (!focused) {
                    applySentences();
                }
            });
            fields.add(f);
        }
        sentenceFields.getChildren().setAll(fields);
    }

    private void applySentences() {
        List<String> typed = new ArrayList<>();
        for (Node n : sentenceFields.getChildren()) {
            typed.add(((TextField) n).getText());
        }
        if (!typed.equals(vm.sentencesProperty().get())) {
            vm.sentencesProperty().set(List.copyOf(typed));
        }
    }

    // ---------------------------------------------------------------- the panels

    private Node sentencesPanel() {
        batchGrid.getStyleClass().add("batch-grid");
        batchGrid.setId("mask-batch");
        batchGrid.hgapProperty().bind(panels.em(0.3));
        batchGrid.vgapProperty().bind(panels.em(0.3));
        Label hint = parts.label("mask.batch.hint", "hint");
        hint.setWrapText(true);
        hint.maxWidthProperty().bind(panels.em(40));
        Label legend = parts.label("mask.batch.legend", "hint");
        legend.setWrapText(true);
        legend.maxWidthProperty().bind(panels.em(40));
        VBox box = new VBox(hint, batchGrid, legend);
        box.spacingProperty().bind(panels.em(0.4));
        return box;
    }

    private Node matrixPanel() {
        FlowPane masks = flow(titled("mask.matrix.padding", padding), titled("mask.matrix.causal", causal),
                titled("mask.matrix.applied", applied));
        FlowPane pipeline = flow(titled("mask.matrix.scores", scores), arrow("+ M →"), titled("mask.matrix.masked", masked));
        Label clickHint = parts.label("mask.matrix.clickHint", "hint");
        clickHint.setWrapText(true);
        clickHint.maxWidthProperty().bind(panels.em(50));
        trainingBox.getChildren().addAll(masks, clickHint, pipeline);
        trainingBox.spacingProperty().bind(panels.em(0.4));

        Label noMask = parts.label("mask.inference.noMask", "statement");
        noMask.setWrapText(true);
        noMask.maxWidthProperty().bind(panels.em(40));
        inferenceBox.getChildren().addAll(noMask, stepLabelCopy(), titled("mask.inference.scores", stepScores));
        inferenceBox.spacingProperty().bind(panels.em(0.4));
        VBox box = new VBox(trainingBox, inferenceBox);
        return box;
    }

    private final Label stepHeadline = new Label();

    private Node stepLabelCopy() {
        stepHeadline.getStyleClass().add("card-subtitle");
        stepHeadline.setWrapText(true);
        stepHeadline.setId("mask-step-headline");
        return stepHeadline;
    }

    private Node weightsPanel() {
        FlowPane training = flow(titled("mask.weights.weights", weights), titled("mask.weights.output", output),
                titled("mask.weights.zeroed", zeroed));
        Label zeroHint = parts.label("mask.weights.zeroedHint", "hint");
        zeroHint.setWrapText(true);
        zeroHint.maxWidthProperty().bind(panels.em(50));
        weightsTraining.getChildren().addAll(training, zeroHint);
        weightsTraining.spacingProperty().bind(panels.em(0.4));

        inferenceStatement.getStyleClass().add("statement");
        inferenceStatement.setWrapText(true);
        inferenceStatement.setId("mask-inference-statement");
        inferenceStatement.maxWidthProperty().bind(panels.em(40));
        weightsInference.getChildren().addAll(titled("mask.inference.weights", stepWeights),
                titled("mask.inference.training", trainingRow), inferenceStatement);
        weightsInference.spacingProperty().bind(panels.em(0.4));
        return new VBox(weightsTraining, weightsInference);
    }

    private Node formulaPanel() {
        Formula definition = formula(1.15);
        definition.setLatex(MaskFormulas.DEFINITION);
        Formula pad = formula(1.0);
        pad.setLatex(MaskFormulas.PADDING);
        Formula cau = formula(1.0);
        cau.setLatex(MaskFormulas.CAUSAL);
        HBox defs = new HBox(pad, cau);
        defs.spacingProperty().bind(panels.em(2));
        defs.setAlignment(Pos.CENTER_LEFT);
        Formula inf = formula(1.0);
        inf.setLatex(MaskFormulas.INFERENCE);
        inf.visibleProperty().bind(vm.inferenceProperty());
        inf.managedProperty().bind(vm.inferenceProperty());
        cellFormula.setId("mask-formula-cell");
        zeroedFormula.setId("mask-formula-zeroed");
        inferenceFormula.setId("mask-formula-inference");
        Label why = parts.label("mask.formula.why", "hint");
        why.setWrapText(true);
        why.maxWidthProperty().bind(panels.em(50));
        VBox box = new VBox(definition, defs, why, cellFormula, zeroedFormula, inf, inferenceFormula);
        box.spacingProperty().bind(panels.em(0.4));
        return box;
    }

    // ---------------------------------------------------------------- showing a result

    /** True while a result is being shown: the controls it updates must not send it back as input. */
    private boolean showing;

    private void showResult() {
        showing = true;
        try {
            show(vm.result());
        } finally {
            showing = false;
        }
    }

    private void show(MaskViewModel.Result r) {
        if (r == null) {
            return;
        }
        List<String> tokens = r.tokens();
        for (Heatmap h : List.of(padding, causal, applied, scores, masked, weights, zeroed)) {
            h.rowLabelsProperty().set(tokens);
            h.colLabelsProperty().set(tokens);
        }
        output.rowLabelsProperty().set(tokens);
        padding.setData(r.padding());
        causal.setData(r.causal());
        applied.setData(r.mask());
        scores.setData(r.trace().scores());
        masked.setData(r.trace().masked());
        weights.setData(r.trace().weights());
        output.setData(r.trace().output());
        zeroed.setData(r.zeroed());
        fillBatch(r);

        List<Integer> indices = new ArrayList<>();
        for (int b = 0; b < r.batch().size(); b++) {
            indices.add(b);
        }
        if (!focus.getItems().equals(indices)) {
            focus.setItems(FXCollections.observableArrayList(indices));
        }
        if (focus.getValue() == null || focus.getValue() != r.focus()) {
            focus.setValue(r.focus());
        }

        int length = r.length();
        step.setMax(Math.max(1, length - 1));
        boolean inference = r.inference() != null;
        trainingBox.setVisible(!inference);
        trainingBox.setManaged(!inference);
        weightsTraining.setVisible(!inference);
        weightsTraining.setManaged(!inference);
        inferenceBox.setVisible(inference);
        inferenceBox.setManaged(inference);
        weightsInference.setVisible(inference);
        weightsInference.setManaged(inference);
        if (inference) {
            MaskViewModel.Inference inf = r.inference();
            step.setValue(inf.step());
            String token = tokens.get(inf.step());
            String headline = i18n.format("mask.inference.step", inf.step() + 1, token, String.join(" ", inf.seen()));
            stepLabel.setText(headline);
            stepHeadline.setText(headline);
            stepScores.rowLabelsProperty().set(List.of(token));
            stepScores.colLabelsProperty().set(inf.seen());
            stepScores.setData(inf.trace().scores());
            stepWeights.rowLabelsProperty().set(List.of(token));
            stepWeights.colLabelsProperty().set(inf.seen());
            stepWeights.setData(inf.trace().weights());
            trainingRow.rowLabelsProperty().set(List.of(token));
            trainingRow.colLabelsProperty().set(tokens);
            trainingRow.setData(inf.trainingRow());
            inferenceStatement.setText(i18n.format("mask.inference.same", inf.step() + 1,
                    NumberText.exact(inf.maxDifference())));
        } else {
            stepLabel.setText(i18n.get("mask.inference.off"));
        }
        cellFormula.setLatex(MaskFormulas.cell(r));
        zeroedFormula.setLatex(inference ? "" : MaskFormulas.zeroed(r));
        inferenceFormula.setLatex(MaskFormulas.inference(r));
    }

    private void fillBatch(MaskViewModel.Result r) {
        batchGrid.getChildren().clear();
        for (int j = 0; j < r.attentionMask().cols(); j++) {
            Label h = new Label(Integer.toString(j + 1));
            h.getStyleClass().add("batch-position");
            batchGrid.add(h, j + 1, 0);
        }
        for (int b = 0; b < r.batch().size(); b++) {
            Label name = new Label(i18n.format("mask.sentence.n", b + 1));
            name.getStyleClass().add(b == r.focus() ? "batch-name-focus" : "batch-name");
            batchGrid.add(name, 0, b + 1);
            List<String> row = r.batch().get(b);
            for (int j = 0; j < row.size(); j++) {
                boolean real = r.attentionMask().get(b, j) == 1;
                Label token = new Label(row.get(j));
                token.getStyleClass().add("batch-token");
                Label bit = new Label(real ? "1" : "0");
                bit.getStyleClass().add("batch-bit");
                VBox cell = new VBox(token, bit);
                cell.setAlignment(Pos.CENTER);
                cell.getStyleClass().addAll("batch-cell", real ? "batch-real" : "batch-pad");
                if (b == r.focus()) {
                    cell.getStyleClass().add("batch-focus");
                }
                cell.minWidthProperty().bind(panels.em(3.2));
                batchGrid.add(cell, j + 1, b + 1);
            }
        }
    }

    // ---------------------------------------------------------------- editing the mask by clicking

    /**
     * A click on a cell of {@code map} (or Space on the selected cell) masks or unmasks it. The
     * heatmap's own handler has already selected the clicked cell when this one runs.
     */
    private void editableByClick(Heatmap map) {
        map.getStyleClass().add("clickable-mask");
        map.addEventHandler(MouseEvent.MOUSE_CLICKED, e -> {
            Cell c = map.selectedCellProperty().get();
            if (e.getButton() != MouseButton.PRIMARY || c == null) {
                return;
            }
            Bounds b = map.cellBounds(c.row(), c.col());
            if (b != null && b.contains(e.getX(), e.getY())) {
                vm.toggle(c.row(), c.col());
            }
        });
        map.addEventHandler(KeyEvent.KEY_PRESSED, e -> {
            Cell c = map.selectedCellProperty().get();
            if (e.getCode() == KeyCode.SPACE && c != null) {
                vm.toggle(c.row(), c.col());
                e.consume();
            }
        });
    }

    // ---------------------------------------------------------------- helpers

    private static Heatmap map(String id, int decimals) {
        Heatmap h = new Heatmap();
        h.setId(id);
        h.decimalsProperty().set(decimals);
        return h;
    }

    private FlowPane flow(Node... nodes) {
        FlowPane f = new FlowPane(nodes);
        f.hgapProperty().bind(panels.em(0.8));
        f.vgapProperty().bind(panels.em(0.6));
        f.setAlignment(Pos.TOP_LEFT);
        f.setRowValignment(javafx.geometry.VPos.CENTER);
        // wrap at the room there is (presenter mode makes everything bigger), at most 72 em
        f.prefWrapLengthProperty().bind(Bindings.createDoubleBinding(
                () -> Math.max(panels.em(16).get(), Math.min(panels.em(72).get(), getWidth() - panels.em(28).get())),
                widthProperty(), appearance.fontSizeProperty(), panels.zoomProperty()));
        return f;
    }

    private Label arrow(String text) {
        Label a = new Label(text);
        a.getStyleClass().add("pipeline-arrow");
        return a;
    }

    private Node titled(String key, Heatmap map) {
        Label t = parts.label(key, "card-subtitle");
        t.setWrapText(true);
        t.maxWidthProperty().bind(panels.em(22));
        VBox box = new VBox(t, map);
        box.spacingProperty().bind(panels.em(0.2));
        return box;
    }

    private Formula formula(double scale) {
        return ViewParts.fittedFormula(services, panels, centre, scale);
    }

    private Node card(String titleKey, Node content) {
        return parts.panelCard(panels, "mask-panel-", titleKey, content);
    }

}
