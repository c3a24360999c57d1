package org.attentionlab.ui.pe;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;

import javafx.beans.binding.Bindings;
import javafx.beans.property.IntegerProperty;
import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.geometry.Pos;
import javafx.scene.Node;
import javafx.scene.chart.LineChart;
import javafx.scene.chart.NumberAxis;
import javafx.scene.chart.XYChart;
import javafx.scene.control.CheckBox;
import javafx.scene.control.Label;
import javafx.scene.control.ProgressIndicator;
import javafx.scene.control.ScrollPane;
import javafx.scene.control.Slider;
import javafx.scene.control.Spinner;
import javafx.scene.control.TextField;
import javafx.scene.layout.BorderPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;
import javafx.scene.layout.VBox;

import org.attentionlab.engine.trace.Matrix;
import org.attentionlab.io.LabeledMatrix;
import org.attentionlab.lesson.StateMap;
import org.attentionlab.ui.Appearance;
import org.attentionlab.ui.I18n;
import org.attentionlab.ui.Services;
import org.attentionlab.ui.Message;
import org.attentionlab.ui.ViewParts;
import org.attentionlab.ui.shell.Exportable;
import org.attentionlab.ui.shell.LessonView;
import org.attentionlab.ui.widgets.Formula;
import org.attentionlab.ui.widgets.Heatmap;
import org.attentionlab.ui.widgets.LessonPanels;
import org.attentionlab.ui.widgets.NumberText;
import org.attentionlab.ui.widgets.ScaleMode;

/**
 * The positional-encoding view (issue 3, view 3; section 3.5): on the left pos_max, d, the
 * dimensions whose curves are drawn, sinusoidal or learned, the offset k and a sentence; in the
 * middle the panels a lesson may show, hide and reorder — {@code plot} (sin/cos curves),
 * {@code heatmap} (the table), {@code formula} (the definition with the highlighted cell's numbers
 * and PE(pos + k) as a rotation of PE(pos)), {@code similarity} (PE·PEᵀ) and {@code sum}
 * (embeddings + PE). Only binds to {@link PeViewModel}.
 */
public final class PeView extends BorderPane implements LessonView, Exportable {

    public static final String NAME = "pe";

    private final PeViewModel vm;
    private final I18n i18n;
    private final ViewParts parts;
    private final Appearance appearance;
    private final Services services;
    private final LessonPanels panels;
    /** The scroll pane of the panels (formulas fit its width). */
    private final ScrollPane centre = new ScrollPane();
    private final Heatmap table = new Heatmap();
    private final Heatmap similarity = new Heatmap();
    private final Heatmap embedding = new Heatmap();
    private final Heatmap peRows = new Heatmap();
    private final Heatmap sum = new Heatmap();
    private final LineChart<Number, Number> chart;
    private final NumberAxis yAxis = new NumberAxis();
    private final Node controls;

    public PeView(PeViewModel vm, Services services) {
        this.vm = vm;
        this.services = services;
        this.i18n = services.i18n();
        this.parts = new ViewParts(i18n);
        this.appearance = services.appearance();
        this.panels = new LessonPanels(appearance);
        cellFormula = formula(1.2);
        rotationNumbers = formula(1.2);
        angle = formula(1.2);
        similarityNumbers = formula(1.2);
        getStyleClass().add("pe-view");
        setId("pe-view");
        NumberAxis xAxis = new NumberAxis();
        xAxis.labelProperty().bind(i18n.text("pe.axis.position"));
        yAxis.labelProperty().bind(i18n.text("pe.axis.value"));
        chart = new LineChart<>(xAxis, yAxis);
        // real minus signs, and no "−0.000"
        yAxis.setTickLabelFormatter(new javafx.util.StringConverter<>() {
            @Override
            public String toString(Number n) {
                double unit = yAxis.getTickUnit() > 0 ? yAxis.getTickUnit() : 0.5;
                int decimals = (int) Math.max(0, Math.min(6, Math.ceil(-Math.log10(unit) - 1e-9)));
                return NumberText.fixed(n.doubleValue(), decimals);
            }

            @Override
            public Number fromString(String s) {
                return NumberText.parse(s);
            }
        });

        panels.add("plot", card("pe.panel.plot", plot()));
        panels.add("heatmap", card("pe.panel.heatmap", tableMap()));
        panels.add("formula", card("pe.panel.formula", formulas()));
        panels.add("similarity", card("pe.panel.similarity", similarityPanel()));
        panels.add("sum", card("pe.panel.sum", sumPanel()));
        panels.flow().setId("pe-panels");

        controls = ViewParts.scroll(controls(), "pe-controls-scroll");
        ViewParts.scroll(centre, panels.flow(), "pe-panels-scroll");
        setCenter(centre);
        ViewParts.controlsOnLeft(this, controls, panels);
        vm.resultProperty().addListener(o -> showResult());
        i18n.localeProperty().addListener(o -> showResult());
        showResult();
    }

    public PeViewModel viewModel() {
        return vm;
    }

    /** The panels (for tests and lesson screenshots). */
    public LessonPanels panels() {
        return panels;
    }

    public Heatmap tableHeatmap() {
        return table;
    }

    public Heatmap similarityHeatmap() {
        return similarity;
    }

    public Heatmap embeddingHeatmap() {
        return embedding;
    }

    public Heatmap sumHeatmap() {
        return sum;
    }

    public LineChart<Number, Number> chart() {
        return chart;
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
        PeViewModel.Result r = vm.result();
        if (r == null) {
            return List.of();
        }
        List<LabeledMatrix> out = new ArrayList<>();
        List<String> pos = PeViewModel.indexLabels(r.positions());
        List<String> dims = PeViewModel.indexLabels(r.dim());
        out.add(new LabeledMatrix(r.learned() ? "PE learned" : "PE", r.table(), pos, dims));
        List<String> simLabels = PeViewModel.indexLabels(r.similarity().rows());
        out.add(new LabeledMatrix("similarity PE PE^T", r.similarity(), simLabels, simLabels));
        if (r.rotation() != null) {
            out.add(new LabeledMatrix("rotation R_" + r.offset() + " pair " + r.rotation().pair(),
                    Matrix.of(r.rotation().rotation()), List.of(), List.of()));
        }
        if (r.sum() != null) {
            out.add(new LabeledMatrix("embedding E", r.sum().embedding(), r.sum().tokens(), dims));
            out.add(new LabeledMatrix("PE rows", r.sum().pe(), r.sum().tokens(), dims));
            out.add(new LabeledMatrix("X = E + PE", r.sum().x(), r.sum().tokens(), dims));
        }
        return out;
    }

    // ---------------------------------------------------------------- left: the knobs

    private Node controls() {
        VBox box = ViewParts.controlPanel(appearance.em(19));
        Label title = parts.label("pe.title", "view-title");
        title.setWrapText(true);

        Node positions = intInput("pe.positions", vm.positionsProperty(), 1, 200, 1, "pe-positions");
        Node dim = intInput("pe.dim", vm.dimProperty(), 2, 512, 2, "pe-dim");

        TextField dims = new TextField(PeViewModel.dimsText(vm.dimsProperty().get()));
        dims.setId("pe-dims");
        vm.dimsProperty().addListener((obs, old, now) -> dims.setText(PeViewModel.dimsText(now)));
        dims.setOnAction(e -> vm.setDimsText(dims.getText()));
        dims.focusedProperty().addListener((obs, was, now) -> {
            if (!now) {
                vm.setDimsText(dims.getText());
            }
        });

        CheckBox learned = new CheckBox();
        learned.setId("pe-learned");
        learned.textProperty().bind(i18n.text("pe.learned"));
        learned.setWrapText(true);
        learned.selectedProperty().bindBidirectional(vm.learnedProperty());
        Label learnedHint = parts.label("pe.learned.hint", "hint");
        learnedHint.setWrapText(true);

        Spinner<Integer> offset = new Spinner<>(0, PeViewModel.MAX_OFFSET, vm.offsetProperty().get());
        offset.setId("pe-offset");
        offset.setEditable(true);
        offset.setMaxWidth(Double.MAX_VALUE);
        offset.valueProperty().addListener((obs, old, now) -> {
            if (now != null && now != vm.offsetProperty().get()) {
                vm.offsetProperty().set(now);
            }
        });
        vm.offsetProperty().addListener((obs, old, now) -> {
            if (!now.equals(offset.getValue()) && now.intValue() >= 0 && now.intValue() <= PeViewModel.MAX_OFFSET) {
                offset.getValueFactory().setValue(now.intValue());
            }
        });

        TextField text = new TextField();
        text.setId("pe-text");
        text.textProperty().bindBidirectional(vm.textProperty());
        text.promptTextProperty().bind(i18n.text("pe.text.prompt"));

        ProgressIndicator busy = ViewParts.busyIndicator(vm.busyProperty(), appearance.em(1.6));
        Label error = parts.message(vm.errorProperty(), "error-text");
        error.setId("pe-error");
        Label notice = parts.message(vm.noticeProperty(), "hint");
        Label hint = parts.label("pe.hint", "hint");
        hint.setWrapText(true);

        box.getChildren().addAll(title, parts.label("pe.section.table", "section-title"), positions, dim,
                parts.label("pe.dims", "field-label"), dims, learned, learnedHint, parts.label("pe.offset", "field-label"), offset,
                parts.label("pe.text", "field-label"), text, busy, error, notice, hint);
        for (Node n : box.getChildren()) {
            if (n instanceof Label l) {
                l.setWrapText(true);
            }
        }
        return box;
    }

    /** A slider with a text field beside it, both tied to {@code p}; the field takes any whole number. */
    private Node intInput(String key, IntegerProperty p, int min, int max, int step, String id) {
        Label name = parts.label(key, "field-label");
        name.setWrapText(true);
        Slider slider = new Slider(min, max, Math.max(min, Math.min(max, p.get())));
        slider.setId(id + "-slider");
        slider.setBlockIncrement(step);
        slider.setMajorTickUnit(step);
        slider.setMinorTickCount(0);
        slider.setSnapToTicks(true);
        slider.accessibleTextProperty().bind(name.textProperty());
        TextField field = new TextField(Integer.toString(p.get()));
        field.setId(id);
        field.prefColumnCountProperty().set(4);
        field.setMinWidth(Region.USE_PREF_SIZE);
        boolean[] syncing = {false};
        slider.valueProperty().addListener((obs, old, now) -> {
            if (syncing[0]) {
                return;
            }
            int v = (int) (Math.round(now.doubleValue() / step) * step);
            if (v != p.get()) {
                p.set(v);
            }
        });
        p.addListener((obs, old, now) -> {
            syncing[0] = true;
            try {
                slider.setValue(Math.max(min, Math.min(max, now.intValue())));
                field.setText(Integer.toString(now.intValue()));
            } finally {
                syncing[0] = false;
            }
        });
        Consumer<String> commit = typed -> {
            try {
                int v = Integer.parseInt(typed.strip());
                if (v != p.get()) {
                    p.set(v);
                }
            } catch (NumberFormatException ex) {
                vm.reportBadNumber(i18n.get(key), typed);
            }
        };
        field.setOnAction(e -> commit.accept(field.getText()));
        field.focusedProperty().addListener((obs, was, now) -> {
            if (!now && !field.getText().strip().equals(Integer.toString(p.get()))) {
                commit.accept(field.getText());
            }
        });
        HBox.setHgrow(slider, Priority.ALWAYS);
        HBox row = new HBox(slider, field);
        row.setAlignment(Pos.CENTER_LEFT);
        row.spacingProperty().bind(appearance.em(0.4));
        return new VBox(name, row);
    }

    // ---------------------------------------------------------------- the panels

    private Node plot() {
        chart.setId("pe-chart");
        chart.getStyleClass().add("pe-chart");
        chart.setAnimated(false);
        chart.setLegendVisible(true);
        chart.prefWidthProperty().bind(panels.em(34));
        chart.prefHeightProperty().bind(panels.em(19));
        chart.setMinSize(Region.USE_PREF_SIZE, Region.USE_PREF_SIZE);
        return chart;
    }

    private Node tableMap() {
        table.setId("pe-heatmap");
        table.scaleModeProperty().set(ScaleMode.SIGNED);
        table.colorMapProperty().bind(appearance.divergingMapProperty());
        table.cellSizeProperty().bind(panels.em(2.6));
        table.maxPlotSizeProperty().bind(panels.em(32));
        table.selectedCellProperty().bindBidirectional(vm.selectedProperty());
        Label axes = new Label();
        axes.getStyleClass().add("hint");
        axes.textProperty().bind(Bindings.createStringBinding(
                () -> i18n.get(vm.result() != null && vm.result().learned() ? "pe.heatmap.learned" : "pe.heatmap.axes"),
                vm.resultProperty(), i18n.localeProperty()));
        axes.setWrapText(true);
        axes.maxWidthProperty().bind(panels.em(34));
        return new VBox(axes, table);
    }

    private final Formula cellFormula;
    private final Formula rotationNumbers;
    private final Formula angle;
    private final Formula similarityNumbers;
    private final Label rotationCheck = new Label();
    private final Label similarityStatement = new Label();
    private final Label sumProblem = new Label();

    private Node formulas() {
        Formula definition = formula(1.15);
        definition.setLatex(PeFormulas.DEFINITION);
        definition.setId("pe-formula-definition");
        cellFormula.setId("pe-formula-cell");
        Formula rotation = formula(1.0);
        rotation.setLatex(PeFormulas.ROTATION);
        rotationNumbers.setId("pe-formula-rotation");
        angle.setId("pe-formula-angle");
        rotationCheck.getStyleClass().add("hint");
        rotationCheck.setWrapText(true);
        rotationCheck.setId("pe-rotation-check");
        Label cellCaption = parts.label("pe.formula.cell", "step-caption");
        Label rotationCaption = parts.label("pe.formula.rotation", "step-caption");
        for (Label l : List.of(cellCaption, rotationCaption)) {
            l.setWrapText(true);
        }
        VBox box = new VBox(definition, cellCaption, cellFormula, rotationCaption, rotation, rotationNumbers, angle,
                rotationCheck);
        box.getStyleClass().add("formula-panel");
        box.spacingProperty().bind(panels.em(0.4));
        rotationCheck.maxWidthProperty().bind(panels.em(50));
        return box;
    }

    private Node similarityPanel() {
        similarity.setId("pe-similarity");
        similarity.scaleModeProperty().set(ScaleMode.RANGE);
        similarity.colorMapProperty().bind(appearance.sequentialMapProperty());
        similarity.cellSizeProperty().bind(panels.em(2.6));
        similarity.maxPlotSizeProperty().bind(panels.em(22));
        similarityStatement.setId("pe-similarity-statement");
        similarityStatement.setWrapText(true);
        similarityStatement.getStyleClass().add("statement");
        similarityStatement.maxWidthProperty().bind(panels.em(30));
        Formula why = formula(1.0);
        why.setLatex(PeFormulas.SIMILARITY);
        similarityNumbers.setId("pe-formula-similarity");
        VBox box = new VBox(similarity, similarityStatement, why, similarityNumbers);
        box.spacingProperty().bind(panels.em(0.4));
        return box;
    }

    private Node sumPanel() {
        embedding.setId("pe-embedding");
        peRows.setId("pe-rows");
        sum.setId("pe-sum");
        for (Heatmap h : List.of(embedding, peRows, sum)) {
            h.scaleModeProperty().set(ScaleMode.SIGNED);
            h.colorMapProperty().bind(appearance.divergingMapProperty());
            h.cellSizeProperty().bind(panels.em(2.7));
            h.maxPlotSizeProperty().bind(panels.em(24));
        }
        embedding.editableProperty().set(true);
        embedding.onCellEditProperty().set(e -> vm.editEmbedding(e.cell().row(), e.cell().col(), e.value()));
        embedding.onEditErrorProperty().set(vm::reportBadCell);
        // one above the other: three T × 8 matrices side by side would be wider than a projector
        VBox maps = new VBox(titled("pe.sum.e", embedding), sign("+"), titled("pe.sum.pe", peRows), sign("="),
                titled("pe.sum.x", sum));
        maps.setAlignment(Pos.CENTER_LEFT);
        maps.spacingProperty().bind(panels.em(0.2));
        Label explain = parts.label("pe.sum.hint", "hint");
        explain.setWrapText(true);
        explain.maxWidthProperty().bind(panels.em(28));
        sumProblem.getStyleClass().add("error-text");
        sumProblem.setWrapText(true);
        sumProblem.maxWidthProperty().bind(panels.em(28));
        sumProblem.setId("pe-sum-problem");
        VBox box = new VBox(explain, sumProblem, maps);
        box.spacingProperty().bind(panels.em(0.4));
        return box;
    }

    private Node titled(String key, Heatmap map) {
        Label t = parts.label(key, "card-subtitle");
        return new VBox(t, map);
    }

    private Label sign(String s) {
        Label l = new Label(s);
        l.getStyleClass().add("pipeline-arrow");
        return l;
    }

    // ---------------------------------------------------------------- showing a result

    private void showResult() {
        PeViewModel.Result r = vm.result();
        if (r == null) {
            return;
        }
        List<String> pos = PeViewModel.indexLabels(r.positions());
        List<String> dimLabels = PeViewModel.indexLabels(r.dim());
        table.rowLabelsProperty().set(pos);
        table.colLabelsProperty().set(dimLabels);
        table.setData(r.table());

        chart.setCreateSymbols(r.positions() <= 60);
        if (r.learned()) {
            yAxis.setAutoRanging(true);
        } else {
            yAxis.setAutoRanging(false);
            yAxis.setLowerBound(-1);
            yAxis.setUpperBound(1);
            yAxis.setTickUnit(0.5);
        }
        List<XYChart.Series<Number, Number>> series = new ArrayList<>();
        for (PeViewModel.Curve c : r.curves()) {
            XYChart.Series<Number, Number> s = new XYChart.Series<>();
            s.setName(i18n.format(c.sine() ? "pe.curve.sin" : "pe.curve.cos", c.dim()));
            double[] v = c.values();
            for (int p = 0; p < v.length; p++) {
                s.getData().add(new XYChart.Data<>(p, v[p]));
            }
            series.add(s);
        }
        chart.getData().setAll(series);

        List<String> simLabels = PeViewModel.indexLabels(r.similarity().rows());
        similarity.rowLabelsProperty().set(simLabels);
        similarity.colLabelsProperty().set(simLabels);
        similarity.setData(r.similarity());
        similarityStatement.setText(i18n.format(r.learned() ? "pe.similarity.learned" : "pe.similarity.offsetOnly",
                NumberText.exact(r.diagonalSpread())));

        cellFormula.setLatex(PeFormulas.cell(r));
        rotationNumbers.setLatex(PeFormulas.rotation(r));
        angle.setLatex(PeFormulas.angle(r));
        similarityNumbers.setLatex(PeFormulas.similarity(r));
        if (r.rotation() == null) {
            rotationCheck.setText(i18n.get("pe.rotation.learned"));
        } else if (Double.isNaN(r.rotation().maxError())) {
            rotationCheck.setText(i18n.format("pe.rotation.offsetPastTable", r.offset(), r.positions()));
        } else {
            rotationCheck.setText(i18n.format("pe.rotation.check", r.offset(), NumberText.exact(r.rotation().maxError())));
        }

        if (r.sum() != null) {
            List<String> shownDims = dimLabels.subList(0, Math.min(PeViewModel.SUM_DIMS, r.dim()));
            for (Heatmap h : List.of(embedding, peRows, sum)) {
                h.rowLabelsProperty().set(r.sum().tokens());
                h.colLabelsProperty().set(shownDims);
            }
            embedding.setData(PeViewModel.firstColumns(r.sum().embedding(), PeViewModel.SUM_DIMS));
            peRows.setData(PeViewModel.firstColumns(r.sum().pe(), PeViewModel.SUM_DIMS));
            sum.setData(PeViewModel.firstColumns(r.sum().x(), PeViewModel.SUM_DIMS));
            sumProblem.setText(r.dim() > PeViewModel.SUM_DIMS
                    ? i18n.format("pe.sum.firstDims", PeViewModel.SUM_DIMS, r.dim()) : "");
            sumProblem.getStyleClass().setAll("label", "hint");
        } else {
            Message m = r.sumProblem();
            sumProblem.setText(m == null ? "" : i18n.format(m.key(), m.args().toArray()));
            sumProblem.getStyleClass().setAll("label", "error-text");
        }
    }

    // ---------------------------------------------------------------- helpers

    private Formula formula(double scale) {
        return ViewParts.fittedFormula(services, panels, centre, scale);
    }

    private Node card(String titleKey, Node content) {
        return parts.panelCard(panels, "pe-panel-", titleKey, content);
    }

}
