package org.attentionlab.ui.decoding;

import java.util.ArrayList;
import java.util.List;
import java.util.function.IntSupplier;

import javafx.beans.binding.Bindings;
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
import javafx.scene.layout.GridPane;
import javafx.scene.layout.Region;
import javafx.scene.layout.StackPane;
import javafx.scene.layout.VBox;

import org.attentionlab.engine.trace.Matrix;
import org.attentionlab.engine.train.DecodingStep;
import org.attentionlab.engine.train.TokenChoice;
import org.attentionlab.io.LabeledMatrix;
import org.attentionlab.lesson.StateMap;
import org.attentionlab.ui.Appearance;
import org.attentionlab.ui.EnumCells;
import org.attentionlab.ui.I18n;
import org.attentionlab.ui.IndexChoice;
import org.attentionlab.ui.Message;
import org.attentionlab.ui.Services;
import org.attentionlab.ui.ViewParts;
import org.attentionlab.ui.crossattention.ShippedModel;
import org.attentionlab.ui.decoding.DecodingViewModel.Mode;
import org.attentionlab.ui.decoding.DecodingViewModel.Result;
import org.attentionlab.ui.shell.Exportable;
import org.attentionlab.ui.shell.LessonView;
import org.attentionlab.ui.widgets.Cell;
import org.attentionlab.ui.widgets.Heatmap;
import org.attentionlab.ui.widgets.LessonPanels;
import org.attentionlab.ui.widgets.NumberField;
import org.attentionlab.ui.widgets.NumberText;
import org.attentionlab.ui.widgets.ScaleMode;

/**
 * The decoding view (issue 7): a sentence decoded step by step. Panels a lesson may show:
 * {@code output} (the source, the decoder's inputs at step t and the word it appends),
 * {@code self} (the decoder's masked self-attention), {@code cross} (its cross-attention over the
 * source; the last row is this step's query), {@code table} (the most probable next words with
 * their logits and probabilities, the lecture's table) and the {@code controls} (Next, Back, Run
 * to end, greedy or sampling, Send to BLEU). Only binds to {@link DecodingViewModel}.
 */
public final class DecodingView extends BorderPane implements LessonView, Exportable {

    public static final String NAME = "decoding";

    private final DecodingViewModel vm;
    private final I18n i18n;
    private final ViewParts parts;
    private final Appearance appearance;
    private final LessonPanels panels;
    private final Node controls;
    private final Heatmap self;
    private final Heatmap cross;
    private final Label sourceLine = new Label();
    private final FlowPane inputs = new FlowPane();
    private final Label stepLine = new Label();
    private final Label chosenLine = new Label();
    private final Label finalLine = new Label();
    private final Label selfTitle = new Label();
    private final Label crossTitle = new Label();
    private final GridPane table = new GridPane();
    private final Label tableCaption = new Label();
    private final Label tableSum = new Label();
    /** A number the user typed that a field cannot take. */
    private final javafx.beans.property.ObjectProperty<Message> inputError = new javafx.beans.property.SimpleObjectProperty<>(this, "inputError");

    public DecodingView(DecodingViewModel vm, Services services) {
        this.vm = vm;
        this.i18n = services.i18n();
        this.parts = new ViewParts(i18n);
        this.appearance = services.appearance();
        this.panels = new LessonPanels(appearance);
        getStyleClass().add("decoding-view");
        setId("decoding-view");
        self = heatmap("decoding-self");
        cross = heatmap("decoding-cross");

        panels.add("output", card("decoding.panel.output", outputPanel()));
        panels.add("table", card("decoding.panel.table", tablePanel()));
        panels.add("self", card("decoding.panel.self", titled(selfTitle, self, "decoding.self.hint")));
        panels.add("cross", card("decoding.panel.cross", titled(crossTitle, cross, "decoding.cross.hint")));
        panels.flow().setId("decoding-panels");
        controls = ViewParts.scroll(controls(), "decoding-controls-scroll");
        setCenter(ViewParts.scroll(panels.flow(), "decoding-panels-scroll"));
        ViewParts.controlsOnLeft(this, controls, panels);
        vm.currentProperty().addListener(o -> show());
        vm.selfMapProperty().addListener(o -> show());
        vm.crossMapProperty().addListener(o -> show());
        i18n.localeProperty().addListener(o -> show());
        show();
        if (vm.resultProperty().get() == null && !vm.busyProperty().get()) {
            vm.decode();
        }
    }

    public DecodingViewModel viewModel() {
        return vm;
    }

    public LessonPanels panels() {
        return panels;
    }

    public Heatmap selfHeatmap() {
        return self;
    }

    public Heatmap crossHeatmap() {
        return cross;
    }

    /** The candidate table (for tests): one row per candidate after the header. */
    public GridPane table() {
        return table;
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

    /** The two attention maps of the step shown and its candidates (probabilities and logits). */
    @Override
    public List<LabeledMatrix> exportMatrices() {
        Result r = vm.resultProperty().get();
        DecodingStep s = vm.currentProperty().get();
        if (r == null || s == null) {
            return List.of();
        }
        List<LabeledMatrix> out = new ArrayList<>();
        String at = "step " + s.index();
        out.add(new LabeledMatrix(at + " self-attention", vm.selfMapProperty().get(), s.inputTokens(), s.inputTokens()));
        out.add(new LabeledMatrix(at + " cross-attention", vm.crossMapProperty().get(), s.inputTokens(),
                r.decoding().sourceTokens()));
        List<String> tokens = s.top().stream().map(TokenChoice::token).toList();
        double[][] table = new double[2][s.top().size()];
        for (int i = 0; i < s.top().size(); i++) {
            table[0][i] = s.top().get(i).probability();
            table[1][i] = s.top().get(i).logit();
        }
        out.add(new LabeledMatrix(at + " candidates", Matrix.of(table), List.of("probability", "logit"), tokens));
        return out;
    }

    // ---------------------------------------------------------------- controls

    private Node controls() {
        VBox box = ViewParts.controlPanel(appearance.em(19));
        box.spacingProperty().bind(appearance.em(0.45));
        Label title = parts.label("decoding.title", "view-title");
        title.setWrapText(true);

        ComboBox<ShippedModel> model = new ComboBox<>(FXCollections.observableArrayList(ShippedModel.values()));
        model.setId("decoding-model");
        model.valueProperty().bindBidirectional(vm.modelProperty());
        EnumCells.localise(model, m -> i18n.text(m.messageKey()));
        model.setMaxWidth(Double.MAX_VALUE);
        TextField source = new TextField();
        source.setId("decoding-source");
        source.textProperty().bindBidirectional(vm.sourceProperty());
        source.promptTextProperty().bind(i18n.text("decoding.source.prompt"));
        source.setOnAction(e -> vm.decode());

        Button first = parts.button("decoding.first", "decoding-first", vm::first);
        Button back = parts.button("decoding.back", "decoding-back", vm::back);
        Button next = parts.button("decoding.next", "decoding-next", vm::next);
        Button end = parts.button("decoding.end", "decoding-end", vm::runToEnd);
        Button decode = parts.button("decoding.decode", "decoding-decode", vm::decode);
        FlowPane stepping = new FlowPane(first, back, next, end);
        stepping.hgapProperty().bind(appearance.em(0.35));
        stepping.vgapProperty().bind(appearance.em(0.35));

        ComboBox<Mode> mode = new ComboBox<>(FXCollections.observableArrayList(Mode.values()));
        mode.setId("decoding-mode");
        mode.valueProperty().bindBidirectional(vm.modeProperty());
        EnumCells.localise(mode, m -> i18n.text(m.messageKey()));
        mode.setMaxWidth(Double.MAX_VALUE);
        TextField temperature = NumberField.create("decoding-temperature", 6, () -> NumberText.exact(vm.temperatureProperty().get()), t -> {
            double v = NumberText.parse(t);
            if (!(v >= 0.01) || v > 100) {
                throw new NumberFormatException();
            }
            vm.temperatureProperty().set(v);
        }, inputError, "decoding.error.temperature", vm.temperatureProperty());
        TextField topK = NumberField.create("decoding-topk", 6, () -> Integer.toString(vm.topKProperty().get()), t -> {
            int v = Integer.parseInt(t.strip());
            if (v < 0 || v > 1000) {
                throw new NumberFormatException();
            }
            vm.topKProperty().set(v);
        }, inputError, "decoding.error.topK", vm.topKProperty());
        TextField seed = NumberField.create("decoding-seed", 6, () -> Long.toString(vm.seedProperty().get()), t -> {
            long v = Long.parseLong(t.strip());
            if (v < 0 || v > Integer.MAX_VALUE) {
                throw new NumberFormatException();
            }
            vm.seedProperty().set(v);
        }, inputError, "decoding.error.seed", vm.seedProperty());
        GridPane sampling = new GridPane();
        sampling.hgapProperty().bind(appearance.em(0.5));
        sampling.vgapProperty().bind(appearance.em(0.35));
        sampling.addRow(0, parts.label("decoding.temperature", "field-label"), temperature);
        sampling.addRow(1, parts.label("decoding.topK", "field-label"), topK);
        sampling.addRow(2, parts.label("decoding.seed", "field-label"), seed);
        sampling.disableProperty().bind(vm.modeProperty().isEqualTo(Mode.GREEDY));

        IntSupplier layers = () -> vm.currentProperty().get() == null ? 0 : vm.currentProperty().get().crossAttention().size();
        IntSupplier heads = () -> vm.currentProperty().get() == null ? 0 : vm.currentProperty().get().crossAttention().get(0).size();
        ComboBox<Integer> layer = IndexChoice.layers("decoding-layer", i18n, "cross.layerN", layers, vm.shownLayerProperty(),
                vm.layerProperty(), vm.currentProperty());
        ComboBox<Integer> head = IndexChoice.heads("decoding-head", i18n, "cross.headN", "cross.headMean", heads,
                vm.shownHeadProperty(), vm.headProperty(), vm.currentProperty());

        TextField reference = new TextField();
        reference.setId("decoding-reference");
        reference.textProperty().bindBidirectional(vm.referenceProperty());
        reference.promptTextProperty().bind(Bindings.createStringBinding(() -> {
            Result r = vm.resultProperty().get();
            return r != null && r.heldOut() != null ? r.heldOut() : i18n.get("decoding.reference.prompt");
        }, vm.resultProperty(), i18n.localeProperty()));
        Label referenceSource = new Label();
        referenceSource.getStyleClass().add("hint");
        referenceSource.setWrapText(true);
        referenceSource.textProperty().bind(Bindings.createStringBinding(() -> {
            Result r = vm.resultProperty().get();
            String typed = vm.referenceProperty().get();
            if (typed != null && !typed.isBlank()) {
                return i18n.get("decoding.reference.typed");
            }
            return r != null && r.heldOut() != null ? i18n.get("decoding.reference.heldOut") : i18n.get("decoding.reference.none");
        }, vm.resultProperty(), vm.referenceProperty(), i18n.localeProperty()));
        Button send = parts.button("decoding.send", "decoding-send", vm::sendToBleu);
        send.setWrapText(true);
        send.disableProperty().bind(vm.resultProperty().isNull());

        ProgressIndicator busy = ViewParts.busyIndicator(vm.busyProperty(), appearance.em(1.6));
        Label error = parts.message(vm.errorProperty(), "error-text");
        error.setId("decoding-error");
        Label notice = parts.message(vm.noticeProperty(), "statement");
        notice.setId("decoding-notice");
        Label problem = parts.message(vm.choiceProblemProperty(), "error-text");
        problem.setId("decoding-choice-problem");
        Label inputProblem = parts.message(inputError, "error-text");
        inputProblem.setId("decoding-input-error");

        javafx.scene.layout.HBox sourceRow = new javafx.scene.layout.HBox(source, decode);
        sourceRow.spacingProperty().bind(appearance.em(0.35));
        javafx.scene.layout.HBox.setHgrow(source, javafx.scene.layout.Priority.ALWAYS);
        javafx.scene.layout.HBox shownRow = new javafx.scene.layout.HBox(layer, head);
        shownRow.spacingProperty().bind(appearance.em(0.35));
        javafx.scene.layout.HBox.setHgrow(layer, javafx.scene.layout.Priority.ALWAYS);
        javafx.scene.layout.HBox.setHgrow(head, javafx.scene.layout.Priority.ALWAYS);
        // the layer's name whole ("第 2 层" was cut to "…" beside the head's longer name); the head's box takes the rest
        layer.setMinWidth(javafx.scene.layout.Region.USE_PREF_SIZE);
        javafx.scene.layout.HBox.setHgrow(layer, javafx.scene.layout.Priority.NEVER);
        box.getChildren().addAll(title, parts.label("decoding.model", "field-label"), model,
                parts.label("decoding.source", "field-label"), sourceRow,
                parts.label("decoding.stepping", "section-title"), stepping, busy, error, notice,
                parts.label("decoding.bleu", "section-title"), reference, referenceSource, send,
                parts.label("decoding.sampling", "section-title"), mode, sampling, inputProblem,
                parts.label("decoding.show", "section-title"), shownRow, problem);
        return box;
    }

    // ---------------------------------------------------------------- panels

    private Node outputPanel() {
        sourceLine.getStyleClass().add("statement");
        sourceLine.setWrapText(true);
        sourceLine.setId("decoding-source-line");
        stepLine.getStyleClass().add("card-subtitle");
        stepLine.setId("decoding-step-line");
        inputs.setId("decoding-inputs");
        inputs.hgapProperty().bind(panels.em(0.3));
        inputs.vgapProperty().bind(panels.em(0.3));
        inputs.setAlignment(Pos.CENTER_LEFT);
        chosenLine.setId("decoding-chosen");
        chosenLine.getStyleClass().add("decoding-chosen");
        chosenLine.setWrapText(true);
        finalLine.setId("decoding-final");
        finalLine.getStyleClass().add("statement");
        finalLine.setWrapText(true);
        VBox box = new VBox(sourceLine, stepLine, inputs, chosenLine, finalLine);
        box.spacingProperty().bind(panels.em(0.4));
        box.prefWidthProperty().bind(panels.em(34));
        box.maxWidthProperty().bind(panels.em(34));
        return box;
    }

    private Node tablePanel() {
        table.setId("decoding-table");
        table.hgapProperty().bind(panels.em(0.8));
        table.vgapProperty().bind(panels.em(0.15));
        tableCaption.getStyleClass().add("hint");
        tableCaption.setWrapText(true);
        tableCaption.maxWidthProperty().bind(panels.em(30));
        tableSum.getStyleClass().add("hint");
        tableSum.setId("decoding-table-sum");
        VBox box = new VBox(tableCaption, table, tableSum);
        box.spacingProperty().bind(panels.em(0.3));
        return box;
    }

    private Node titled(Label title, Heatmap map, String hintKey) {
        title.getStyleClass().add("card-subtitle");
        Label hint = parts.label(hintKey, "hint");
        hint.setWrapText(true);
        hint.maxWidthProperty().bind(panels.em(26));
        VBox box = new VBox(title, map, hint);
        box.spacingProperty().bind(panels.em(0.3));
        return box;
    }

    private void show() {
        Result r = vm.resultProperty().get();
        DecodingStep s = vm.currentProperty().get();
        if (r == null || s == null) {
            sourceLine.setText("");
            stepLine.setText(i18n.get("decoding.empty"));
            inputs.getChildren().clear();
            chosenLine.setText("");
            finalLine.setText("");
            self.setData(null);
            cross.setData(null);
            table.getChildren().clear();
            tableCaption.setText("");
            tableSum.setText("");
            return;
        }
        int t = s.index();
        sourceLine.setText(i18n.format("decoding.sourceLine", String.join(" ", r.decoding().sourceTokens())));
        stepLine.setText(i18n.format("decoding.stepLine", t + 1, r.steps()));
        List<Node> chips = new ArrayList<>();
        for (String token : s.inputTokens()) {
            chips.add(chip(token, token.startsWith("<") ? "decoding-token-special" : null));
        }
        chips.add(chip("→", "decoding-arrow"));
        chips.add(chip(s.chosen().token(), "decoding-token-new"));
        inputs.getChildren().setAll(chips);
        chosenLine.setText(i18n.format(r.sampling().greedy() ? "decoding.chosen.greedy" : "decoding.chosen.sampled",
                s.chosen().token(), NumberText.fixed(s.chosen().probability(), 3)));
        boolean last = t == r.steps() - 1;
        finalLine.setText(last ? i18n.format("decoding.final", r.decoding().text()) : "");
        finalLine.setVisible(last);
        finalLine.setManaged(last);

        int layer = vm.shownLayerProperty().get() + 1;
        int head = vm.shownHeadProperty().get();
        String which = head < 0 ? i18n.format("decoding.which.mean", layer) : i18n.format("decoding.which.head", layer, head + 1);
        selfTitle.setText(which);
        crossTitle.setText(which);
        self.rowLabelsProperty().set(s.inputTokens());
        self.colLabelsProperty().set(s.inputTokens());
        self.setData(vm.selfMapProperty().get());
        cross.rowLabelsProperty().set(s.inputTokens());
        cross.colLabelsProperty().set(r.decoding().sourceTokens());
        Matrix c = vm.crossMapProperty().get();
        cross.setData(c);
        // this step's query is the last row: mark where it looks most
        if (c != null) {
            double[] row = c.row(c.rows() - 1);
            int best = 0;
            for (int j = 1; j < row.length; j++) {
                if (row[j] > row[best]) {
                    best = j;
                }
            }
            cross.selectedCellProperty().set(new Cell(c.rows() - 1, best));
        }
        fillTable(r, s);
    }

    private void fillTable(Result r, DecodingStep s) {
        table.getChildren().clear();
        boolean sampled = !r.sampling().greedy();
        int col = 0;
        for (String key : sampled ? List.of("decoding.col.rank", "decoding.col.token", "decoding.col.logit",
                "decoding.col.probability", "decoding.col.bar", "decoding.col.sampling")
                : List.of("decoding.col.rank", "decoding.col.token", "decoding.col.logit", "decoding.col.probability", "decoding.col.bar")) {
            Label h = new Label(i18n.get(key));
            h.getStyleClass().add("decoding-table-head");
            table.add(h, col++, 0);
        }
        double width = panels.em(9).get();
        for (int i = 0; i < s.top().size(); i++) {
            TokenChoice c = s.top().get(i);
            boolean chosen = c.id() == s.chosen().id();
            List<Node> cells = new ArrayList<>();
            cells.add(new Label(Integer.toString(i + 1)));
            cells.add(new Label(c.token()));
            cells.add(new Label(NumberText.fixed(c.logit(), 2)));
            cells.add(new Label(NumberText.fixed(c.probability(), 3)));
            Region bar = new Region();
            bar.getStyleClass().add("decoding-bar");
            bar.setMinWidth(Math.max(1, width * c.probability()));
            bar.setPrefWidth(Math.max(1, width * c.probability()));
            bar.setMaxWidth(Math.max(1, width * c.probability()));
            bar.prefHeightProperty().bind(panels.em(0.8));
            StackPane barBox = new StackPane(bar);
            barBox.setAlignment(Pos.CENTER_LEFT);
            barBox.setMinWidth(width);
            cells.add(barBox);
            if (sampled) {
                cells.add(new Label(NumberText.fixed(c.sampling(), 3)));
            }
            for (int j = 0; j < cells.size(); j++) {
                Node n = cells.get(j);
                n.getStyleClass().add(chosen ? "decoding-table-chosen" : "decoding-table-cell");
                table.add(n, j, i + 1);
            }
        }
        String temperature = NumberText.exact(r.sampling().temperature());
        tableCaption.setText(!sampled ? i18n.get("decoding.table.greedy")
                : r.sampling().topK() == 0 ? i18n.format("decoding.table.sampledAll", temperature, r.sampling().seed())
                : i18n.format("decoding.table.sampled", temperature, r.sampling().topK(), r.sampling().seed()));
        double sum = 0;
        for (double p : s.probabilities()) {
            sum += p;
        }
        tableSum.setText(i18n.format("decoding.table.sum", s.probabilities().length, NumberText.fixed(sum, 3)));
    }

    private Label chip(String text, String style) {
        Label l = new Label(text);
        l.getStyleClass().add("decoding-token");
        if (style != null) {
            l.getStyleClass().add(style);
        }
        return l;
    }

    // ---------------------------------------------------------------- helpers

    private Heatmap heatmap(String id) {
        Heatmap h = new Heatmap();
        h.setId(id);
        h.scaleModeProperty().set(ScaleMode.UNIT);
        h.colorMapProperty().bind(appearance.sequentialMapProperty());
        h.decimalsProperty().set(2);
        h.cellSizeProperty().bind(panels.em(2.4));
        h.maxPlotSizeProperty().bind(panels.em(24));
        return h;
    }

    private Node card(String titleKey, Node content) {
        return parts.panelCard(panels, "decoding-panel-", titleKey, content);
    }
}
