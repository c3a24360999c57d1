package org.attentionlab.ui.training;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import javafx.beans.binding.Bindings;
import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.collections.FXCollections;
import javafx.event.EventHandler;
import javafx.geometry.Pos;
import javafx.scene.Node;
import javafx.scene.Scene;
import javafx.scene.control.Button;
import javafx.scene.control.ComboBox;
import javafx.scene.control.Label;
import javafx.scene.control.ProgressBar;
import javafx.scene.control.ProgressIndicator;
import javafx.scene.control.TextField;
import javafx.scene.layout.BorderPane;
import javafx.scene.layout.FlowPane;
import javafx.scene.layout.GridPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;
import javafx.scene.layout.VBox;
import javafx.scene.paint.Color;
import javafx.scene.text.Font;
import javafx.stage.Window;
import javafx.stage.WindowEvent;

import org.attentionlab.engine.trace.Matrix;
import org.attentionlab.engine.train.AttentionMap;
import org.attentionlab.io.LabeledMatrix;
import org.attentionlab.lesson.StateMap;
import org.attentionlab.ui.Appearance;
import org.attentionlab.ui.EnumCells;
import org.attentionlab.ui.I18n;
import org.attentionlab.ui.IndexChoice;
import org.attentionlab.ui.Message;
import org.attentionlab.ui.Services;
import org.attentionlab.ui.ViewParts;
import org.attentionlab.ui.crossattention.CrossAttentionViewModel;
import org.attentionlab.ui.shell.CjkFonts;
import org.attentionlab.ui.shell.Exportable;
import org.attentionlab.ui.shell.LessonView;
import org.attentionlab.ui.training.TrainingViewModel.Change;
import org.attentionlab.ui.training.TrainingViewModel.Phase;
import org.attentionlab.ui.training.TrainingViewModel.Probe;
import org.attentionlab.ui.widgets.Heatmap;
import org.attentionlab.ui.widgets.LessonPanels;
import org.attentionlab.ui.widgets.NumberField;
import org.attentionlab.ui.widgets.NumberText;
import org.attentionlab.ui.widgets.ScaleMode;

/**
 * The training view (issue 7): on the left the experiment, its seed, learning rate and steps and
 * the buttons Start, Pause, Resume, Step, Cancel; in the middle the panels a lesson may show,
 * hide and reorder — {@code curves} (progress with ETA, the loss and the learning rate per step),
 * {@code attention} (the probe's attention now and before training: per sample for the
 * notebook's SimpleAttention, per head of a layer and their mean for the encoder-decoders),
 * {@code change} (W_Q, W_K, W_V before, after, after − before: the notebook's printout as
 * heatmaps) and {@code parameters} (any parameter of a small model with its gradient). Only
 * binds to {@link TrainingViewModel}; training stops when the window closes.
 */
public final class TrainingView extends BorderPane implements LessonView, Exportable {

    public static final String NAME = "training";

    private final TrainingViewModel vm;
    private final I18n i18n;
    private final ViewParts parts;
    private final Appearance appearance;
    private final LessonPanels panels;
    private final Node controls;
    private final String fontFamily = CjkFonts.choose(Font.getFamilies()).orElse(Font.getDefault().getFamily());

    private final CurvePlot lossPlot = new CurvePlot();
    private final CurvePlot ratePlot = new CurvePlot();
    private final ProgressBar progress = new ProgressBar(0);
    private final Label progressText = new Label();
    private final Label lossText = new Label();
    private final FlowPane attentionNow = new FlowPane();
    private final FlowPane attentionBefore = new FlowPane();
    private final Label attentionCaption = new Label();
    private final GridPane changeGrid = new GridPane();
    private final Heatmap parameterValue;
    private final Heatmap parameterGradient;
    private final Label parameterTitle = new Label();
    private final Label gradientTitle = new Label();
    private final Label parametersHint = new Label();
    private final Node changeCard;
    private final Node parametersCard;
    private final Map<String, Heatmap[]> changeMaps = new java.util.LinkedHashMap<>();
    /** The heatmaps of the attention panel now, in the order of {@link TrainingViewModel#mapsProperty()} (+ the mean). */
    private final List<Heatmap> nowMaps = new ArrayList<>();
    private final List<Heatmap> beforeMaps = new ArrayList<>();
    private final EventHandler<WindowEvent> onClose;
    /** A number the user typed that a field cannot take. */
    private final javafx.beans.property.ObjectProperty<Message> inputError = new javafx.beans.property.SimpleObjectProperty<>(this, "inputError");
    private Window watched;

    public TrainingView(TrainingViewModel vm, Services services) {
        this.vm = vm;
        this.i18n = services.i18n();
        this.parts = new ViewParts(i18n);
        this.appearance = services.appearance();
        this.panels = new LessonPanels(appearance);
        this.parameterValue = heatmap("training-parameter", ScaleMode.SIGNED);
        this.parameterGradient = heatmap("training-gradient", ScaleMode.SIGNED);
        getStyleClass().add("training-view");
        setId("training-view");

        panels.add("curves", card("training.panel.curves", curvesPanel()));
        panels.add("attention", card("training.panel.attention", attentionPanel()));
        changeCard = card("training.panel.change", changePanel());
        panels.add("change", changeCard);
        parametersCard = card("training.panel.parameters", parametersPanel());
        panels.add("parameters", parametersCard);
        panels.flow().setId("training-panels");

        controls = ViewParts.scroll(controls(), "training-controls-scroll");
        setCenter(ViewParts.scroll(panels.flow(), "training-panels-scroll"));
        ViewParts.controlsOnLeft(this, controls, panels);

        vm.mapsProperty().addListener(o -> showAttention());
        vm.mapsBeforeProperty().addListener(o -> showAttention());
        vm.headMeanProperty().addListener(o -> showAttention());
        vm.changesProperty().addListener(o -> showChanges());
        vm.shownSettingsProperty().addListener(o -> showKinds());
        i18n.localeProperty().addListener(o -> {
            showAttention();
            showChanges();
        });
        // the window closes: the run stops (it would otherwise hold a thread and the CPU)
        onClose = e -> vm.shutdown();
        sceneProperty().addListener((obs, old, now) -> watch(now));
        watch(getScene());
        showAttention();
        showChanges();
        showKinds();
        vm.activate();
    }

    public TrainingViewModel viewModel() {
        return vm;
    }

    public LessonPanels panels() {
        return panels;
    }

    public CurvePlot lossPlot() {
        return lossPlot;
    }

    /** The attention heatmaps now: per sample (SimpleAttention) or per head, then the mean. */
    public List<Heatmap> attentionMaps() {
        return List.copyOf(nowMaps);
    }

    private void watch(Scene scene) {
        Window w = scene == null ? null : scene.getWindow();
        if (scene != null && w == null) {
            scene.windowProperty().addListener((obs, old, now) -> {
                if (getScene() == scene) {
                    rewatch(now);
                }
            });
        }
        rewatch(w);
    }

    private void rewatch(Window w) {
        if (watched != null) {
            watched.removeEventHandler(WindowEvent.WINDOW_HIDING, onClose);
        }
        watched = w;
        if (w != null) {
            w.addEventHandler(WindowEvent.WINDOW_HIDING, onClose);
        }
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
        showKinds();
    }

    @Override
    public ReadOnlyBooleanProperty busyProperty() {
        return vm.busyProperty();
    }

    @Override
    public Node exportNode() {
        return panels.flow();
    }

    /** The loss and learning rate per step, the attention maps shown, the parameter and gradient shown, W_Q/W_K/W_V's change. */
    @Override
    public List<LabeledMatrix> exportMatrices() {
        List<LabeledMatrix> out = new ArrayList<>();
        Curve loss = vm.lossCurveProperty().get();
        if (loss.size() > 0) {
            List<String> stepLabels = new ArrayList<>();
            for (double x : loss.xs()) {
                stepLabels.add(Integer.toString((int) x));
            }
            out.add(new LabeledMatrix("loss", Matrix.row(loss.ys()), List.of("loss"), stepLabels));
            out.add(new LabeledMatrix("learning rate", Matrix.row(vm.rateCurveProperty().get().ys()), List.of("lr"), stepLabels));
        }
        for (AttentionMap m : vm.mapsProperty().get()) {
            out.add(new LabeledMatrix(mapName(m), m.weights(), m.queryTokens(), m.keyTokens()));
        }
        Matrix mean = vm.headMeanProperty().get();
        List<AttentionMap> maps = vm.mapsProperty().get();
        if (mean != null && !maps.isEmpty()) {
            out.add(new LabeledMatrix(kindName(maps.get(0)) + " layer " + (maps.get(0).layer() + 1) + " mean", mean,
                    maps.get(0).queryTokens(), maps.get(0).keyTokens()));
        }
        for (Map.Entry<String, Change> e : vm.changesProperty().get().entrySet()) {
            out.add(LabeledMatrix.of(e.getKey() + " before", e.getValue().before()));
            out.add(LabeledMatrix.of(e.getKey() + " after", e.getValue().after()));
            out.add(LabeledMatrix.of(e.getKey() + " change", e.getValue().difference()));
        }
        String p = vm.shownParameterProperty().get();
        if (p != null && vm.parameterValueProperty().get() != null) {
            out.add(LabeledMatrix.of(p, vm.parameterValueProperty().get()));
            if (vm.parameterGradientProperty().get() != null) {
                out.add(LabeledMatrix.of("grad " + p, vm.parameterGradientProperty().get()));
            }
        }
        return out;
    }

    private static String kindName(AttentionMap m) {
        return m.kind().name().toLowerCase(Locale.ROOT).replace('_', '-');
    }

    private static String mapName(AttentionMap m) {
        return switch (m.kind()) {
            case SELF -> "attention sample " + (m.sample() + 1);
            default -> kindName(m) + " layer " + (m.layer() + 1) + " head " + (m.head() + 1);
        };
    }

    // ---------------------------------------------------------------- left: experiment, settings, buttons

    private Node controls() {
        VBox box = ViewParts.controlPanel(appearance.em(19));
        Label title = parts.label("training.title", "view-title");
        title.setWrapText(true);

        ComboBox<Experiment> experiment = new ComboBox<>(FXCollections.observableArrayList(Experiment.values()));
        experiment.setId("training-experiment");
        experiment.valueProperty().bindBidirectional(vm.experimentProperty());
        EnumCells.localise(experiment, i18n);
        experiment.setMaxWidth(Double.MAX_VALUE);
        Label about = new Label();
        about.getStyleClass().add("hint");
        about.setWrapText(true);
        about.textProperty().bind(Bindings.createStringBinding(
                () -> i18n.get(vm.experimentProperty().get().aboutKey()), vm.experimentProperty(), i18n.localeProperty()));

        TextField seed = NumberField.create("training-seed", 7, () -> Long.toString(vm.seedProperty().get()), text -> {
            long v = Long.parseLong(text.strip());
            if (v < 0 || v > Integer.MAX_VALUE) {
                throw new NumberFormatException();
            }
            vm.seedProperty().set(v);
        }, inputError, "training.error.seed", vm.seedProperty());
        TextField rate = NumberField.create("training-rate", 7, () -> NumberText.exact(vm.learningRateProperty().get()), text -> {
            double v = NumberText.parse(text);
            if (!(v > 0) || v > 1) {
                throw new NumberFormatException();
            }
            vm.learningRateProperty().set(v);
        }, inputError, "training.error.rate", vm.learningRateProperty());
        TextField steps = NumberField.create("training-steps", 7, () -> Integer.toString(vm.stepsProperty().get()), text -> {
            int v = Integer.parseInt(text.strip());
            if (v < 1 || v > 100_000) {
                throw new NumberFormatException();
            }
            vm.stepsProperty().set(v);
        }, inputError, "training.error.steps", vm.stepsProperty());
        GridPane settings = new GridPane();
        settings.hgapProperty().bind(appearance.em(0.5));
        settings.vgapProperty().bind(appearance.em(0.35));
        settings.addRow(0, parts.label("training.seed", "field-label"), seed);
        settings.addRow(1, parts.label("training.rate", "field-label"), rate);
        settings.addRow(2, parts.label("training.steps", "field-label"), steps);
        GridPane.setHgrow(seed, Priority.ALWAYS);
        for (Node n : settings.getChildren()) {
            if (n instanceof Label l) {
                l.setMinWidth(Region.USE_PREF_SIZE);
            }
        }
        settings.disableProperty().bind(Bindings.createBooleanBinding(() -> vm.phaseProperty().get().isActive(), vm.phaseProperty()));
        experiment.disableProperty().bind(settings.disableProperty());

        Button start = parts.button("training.start", "training-start", vm::start);
        Button pause = parts.button("training.pause", "training-pause", vm::pause);
        Button resume = parts.button("training.resume", "training-resume", vm::resume);
        Button step = parts.button("training.step", "training-step", vm::stepOnce);
        Button cancel = parts.button("training.cancel", "training-cancel", vm::cancel);
        pause.disableProperty().bind(vm.phaseProperty().isNotEqualTo(Phase.RUNNING));
        resume.disableProperty().bind(vm.phaseProperty().isNotEqualTo(Phase.PAUSED));
        cancel.disableProperty().bind(Bindings.createBooleanBinding(() -> !vm.phaseProperty().get().isActive(), vm.phaseProperty()));
        FlowPane buttons = new FlowPane(start, pause, resume, step, cancel);
        buttons.hgapProperty().bind(appearance.em(0.35));
        buttons.vgapProperty().bind(appearance.em(0.35));

        Label phase = new Label();
        phase.setId("training-phase");
        phase.getStyleClass().add("statement");
        phase.setWrapText(true);
        phase.textProperty().bind(Bindings.createStringBinding(() -> i18n.get(vm.phaseProperty().get().messageKey()),
                vm.phaseProperty(), i18n.localeProperty()));

        ComboBox<Probe> probe = new ComboBox<>(FXCollections.observableArrayList(Probe.values()));
        probe.setId("training-probe");
        probe.valueProperty().bindBidirectional(vm.probeProperty());
        EnumCells.localise(probe, p -> i18n.text(p.messageKey()));
        probe.setMaxWidth(Double.MAX_VALUE);
        ComboBox<Integer> layer = IndexChoice.layers("training-layer", i18n, "training.layerN", vm.layersProperty()::get,
                vm.shownLayerProperty(), vm.layerProperty(), vm.layersProperty());
        ComboBox<String> parameter = new ComboBox<>();
        parameter.setId("training-parameter-choice");
        parameter.setMaxWidth(Double.MAX_VALUE);
        Runnable fillParameters = () -> {
            if (!parameter.getItems().equals(vm.parameterNamesProperty().get())) {
                parameter.getItems().setAll(vm.parameterNamesProperty().get());
            }
            parameter.setValue(vm.shownParameterProperty().get());
        };
        vm.parameterNamesProperty().addListener(o -> fillParameters.run());
        vm.shownParameterProperty().addListener(o -> fillParameters.run());
        fillParameters.run();
        parameter.valueProperty().addListener((obs, old, now) -> {
            if (now != null && !now.equals(vm.shownParameterProperty().get())) {
                vm.parameterProperty().set(now);
            }
        });
        VBox seq2seqChoices = new VBox(parts.label("training.probe", "field-label"), probe, parts.label("training.layer", "field-label"), layer);
        seq2seqChoices.spacingProperty().bind(appearance.em(0.3));
        VBox parameterChoice = new VBox(parts.label("training.parameter", "field-label"), parameter);
        parameterChoice.spacingProperty().bind(appearance.em(0.3));
        Runnable kinds = () -> {
            TrainingSettings s = vm.shownSettingsProperty().get();
            Experiment e = s == null ? vm.experimentProperty().get() : s.experiment();
            show(seq2seqChoices, e.isSeq2Seq());
            show(parameterChoice, e.showsParameters());
        };
        vm.shownSettingsProperty().addListener(o -> kinds.run());
        vm.experimentProperty().addListener(o -> kinds.run());
        kinds.run();

        ProgressIndicator busy = ViewParts.busyIndicator(vm.busyProperty(), appearance.em(1.6));
        Label notice = parts.message(vm.noticeProperty(), "statement");
        notice.setId("training-notice");
        Label error = parts.message(vm.errorProperty(), "error-text");
        error.setId("training-error");
        Label problem = parts.message(vm.choiceProblemProperty(), "error-text");
        problem.setId("training-choice-problem");
        Label inputProblem = parts.message(inputError, "error-text");
        inputProblem.setId("training-input-error");
        Label hint = parts.label("training.hint", "hint");
        hint.setWrapText(true);

        box.getChildren().addAll(title, parts.label("training.experiment", "section-title"), experiment, about, settings, inputProblem,
                parts.label("training.run", "section-title"), buttons, phase, busy, notice, error,
                parts.label("training.show", "section-title"), seq2seqChoices, parameterChoice, problem, hint);
        box.spacingProperty().bind(appearance.em(0.45));
        return box;
    }

    // ---------------------------------------------------------------- the panels

    private Node curvesPanel() {
        progress.setId("training-progress");
        progress.setMaxWidth(Double.MAX_VALUE);
        progress.prefHeightProperty().bind(panels.em(0.9));
        progress.progressProperty().bind(Bindings.createDoubleBinding(
                () -> vm.totalStepsProperty().get() == 0 ? 0 : (double) vm.stepsDoneProperty().get() / vm.totalStepsProperty().get(),
                vm.stepsDoneProperty(), vm.totalStepsProperty()));
        progressText.setId("training-progress-text");
        progressText.getStyleClass().add("statement");
        progressText.setWrapText(true);
        progressText.textProperty().bind(Bindings.createStringBinding(this::progressLine, vm.stepsDoneProperty(),
                vm.totalStepsProperty(), vm.elapsedProperty(), vm.etaProperty(), i18n.localeProperty()));
        lossText.setId("training-loss-text");
        lossText.getStyleClass().add("statement");
        lossText.textProperty().bind(Bindings.createStringBinding(() -> Double.isNaN(vm.lastLossProperty().get())
                        ? i18n.get("training.loss.none")
                        : i18n.format("training.loss.last", vm.stepsDoneProperty().get(), NumberText.fixed(vm.lastLossProperty().get(), 4),
                        NumberText.exact(round(vm.lastRateProperty().get()))),
                vm.lastLossProperty(), vm.lastRateProperty(), vm.stepsDoneProperty(), i18n.localeProperty()));
        lossText.setWrapText(true);

        for (CurvePlot p : List.of(lossPlot, ratePlot)) {
            p.fontSizeProperty().bind(panels.em(0.8));
            p.xMaxProperty().bind(vm.totalStepsProperty());
            p.fontFamilyProperty().set(fontFamily);
            p.xLabelProperty().bind(i18n.text("training.axis.step"));
            p.inkProperty().bind(Bindings.createObjectBinding(() -> appearance.highContrastProperty().get() ? Color.WHITE
                    : Color.web("#161616"), appearance.highContrastProperty()));
            p.prefWidthProperty().bind(panels.em(27));
        }
        lossPlot.setId("training-loss-plot");
        ratePlot.setId("training-rate-plot");
        lossPlot.curveProperty().bind(vm.lossCurveProperty());
        ratePlot.curveProperty().bind(vm.rateCurveProperty());
        ratePlot.strokeProperty().set(Color.web("#d55e00"));
        lossPlot.prefHeightProperty().bind(panels.em(10.5));
        ratePlot.prefHeightProperty().bind(panels.em(6.5));
        VBox box = new VBox(progress, progressText, parts.label("training.curve.loss", "card-subtitle"), lossPlot,
                lossText, parts.label("training.curve.rate", "card-subtitle"), ratePlot);
        box.spacingProperty().bind(panels.em(0.25));
        box.prefWidthProperty().bind(panels.em(28));
        box.maxWidthProperty().bind(panels.em(28));
        return box;
    }

    /** The learning rate to 6 significant digits, so the schedule's values read cleanly. */
    private static double round(double x) {
        if (!Double.isFinite(x) || x == 0) {
            return x;
        }
        return new java.math.BigDecimal(x).round(new java.math.MathContext(6)).doubleValue();
    }

    private String progressLine() {
        int done = vm.stepsDoneProperty().get();
        int total = vm.totalStepsProperty().get();
        Duration eta = vm.etaProperty().get();
        String took = seconds(vm.elapsedProperty().get());
        return eta == null ? i18n.format("training.progress", done, total, took)
                : i18n.format("training.progressEta", done, total, took, seconds(eta));
    }

    private static String seconds(Duration d) {
        if (d == null) {
            return "";
        }
        double s = d.toNanos() / 1e9;
        if (s < 1) {
            return String.format(Locale.ROOT, "%.2f s", s);
        }
        if (s < 60) {
            return String.format(Locale.ROOT, "%.1f s", s);
        }
        long whole = Math.round(s);
        return String.format(Locale.ROOT, "%d:%02d", whole / 60, whole % 60);
    }

    private Node attentionPanel() {
        attentionCaption.getStyleClass().add("hint");
        attentionCaption.setWrapText(true);
        attentionCaption.maxWidthProperty().bind(panels.em(34));
        for (FlowPane f : List.of(attentionNow, attentionBefore)) {
            f.hgapProperty().bind(panels.em(0.6));
            f.vgapProperty().bind(panels.em(0.4));
            f.prefWrapLengthProperty().bind(panels.em(36));
            f.setAlignment(Pos.TOP_LEFT);
        }
        attentionNow.setId("training-attention-now");
        attentionBefore.setId("training-attention-before");
        VBox box = new VBox(attentionCaption, parts.label("training.attention.now", "card-subtitle"), attentionNow,
                parts.label("training.attention.before", "card-subtitle"), attentionBefore);
        box.spacingProperty().bind(panels.em(0.3));
        return box;
    }

    /** Rebuilds the attention heatmaps when the number of maps changes; otherwise only their data. */
    private void showAttention() {
        List<AttentionMap> now = vm.mapsProperty().get();
        List<AttentionMap> was = vm.mapsBeforeProperty().get();
        Matrix mean = vm.headMeanProperty().get();
        boolean single = !now.isEmpty() && now.get(0).kind() == org.attentionlab.engine.train.AttentionKind.SELF;
        fill(attentionNow, nowMaps, now, mean, single, "training-map-");
        List<AttentionMap> beforeShown = single ? was : List.of();
        Matrix meanBefore = single || was.isEmpty() ? null
                : CrossAttentionViewModel.headMean(was.stream().map(AttentionMap::weights).toList());
        fill(attentionBefore, beforeMaps, beforeShown, meanBefore, single, "training-before-map-");
        if (now.isEmpty()) {
            attentionCaption.setText(i18n.get("training.attention.empty"));
        } else if (single) {
            attentionCaption.setText(i18n.get("training.attention.caption.simple"));
        } else {
            AttentionMap m = now.get(0);
            attentionCaption.setText(i18n.format("training.attention.caption.seq2seq",
                    i18n.get(Probe.of(m.kind()).messageKey()), m.layer() + 1, String.join(" ", m.keyTokens())));
        }
    }

    private void fill(FlowPane pane, List<Heatmap> pool, List<AttentionMap> maps, Matrix mean, boolean single, String idPrefix) {
        int n = maps.size() + (mean == null ? 0 : 1);
        if (pool.size() != n) {
            pool.clear();
            List<Node> boxes = new ArrayList<>();
            for (int i = 0; i < n; i++) {
                boolean isMean = mean != null && i == maps.size();
                Heatmap h = heatmap(idPrefix + i, ScaleMode.UNIT);
                // the heads small (labels still readable), their mean as large as the notebook's maps
                double cell = single ? 2.6 : isMean ? 2.3 : 1.7;
                h.cellSizeProperty().bind(panels.em(cell));
                h.maxPlotSizeProperty().bind(panels.em(isMean || single ? 22 : 14));
                h.colorBarVisibleProperty().set(isMean || single);
                h.decimalsProperty().set(2);
                pool.add(h);
                Label t = new Label();
                t.getStyleClass().add("card-subtitle");
                VBox b = new VBox(t, h);
                b.spacingProperty().bind(panels.em(0.15));
                boxes.add(b);
            }
            pane.getChildren().setAll(boxes);
        }
        for (int i = 0; i < n; i++) {
            Heatmap h = pool.get(i);
            Label t = (Label) ((VBox) pane.getChildren().get(i)).getChildren().get(0);
            if (i < maps.size()) {
                AttentionMap m = maps.get(i);
                h.rowLabelsProperty().set(m.queryTokens());
                h.colLabelsProperty().set(m.keyTokens());
                h.setData(m.weights());
                t.setText(single ? i18n.format("training.sample", m.sample() + 1) : i18n.format("training.head", m.head() + 1));
            } else {
                AttentionMap ref = maps.isEmpty() ? null : maps.get(0);
                h.rowLabelsProperty().set(ref == null ? vm.mapsBeforeProperty().get().get(0).queryTokens() : ref.queryTokens());
                h.colLabelsProperty().set(ref == null ? vm.mapsBeforeProperty().get().get(0).keyTokens() : ref.keyTokens());
                h.setData(mean);
                t.setText(i18n.get("training.headMean"));
            }
        }
    }

    private Node changePanel() {
        changeGrid.hgapProperty().bind(panels.em(0.6));
        changeGrid.vgapProperty().bind(panels.em(0.3));
        changeGrid.setId("training-change");
        int row = 0;
        changeGrid.add(new Label(), 0, row);
        String[] heads = {"training.change.before", "training.change.after", "training.change.difference"};
        for (int c = 0; c < 3; c++) {
            changeGrid.add(parts.label(heads[c], "card-subtitle"), c + 1, row);
        }
        for (String name : TrainingViewModel.PROJECTIONS) {
            row++;
            Label n = new Label(name);
            n.getStyleClass().add("card-subtitle");
            changeGrid.add(n, 0, row);
            Heatmap[] maps = new Heatmap[3];
            for (int c = 0; c < 3; c++) {
                maps[c] = heatmap("training-change-" + name.toLowerCase(Locale.ROOT).replace("_", "") + "-" + c, ScaleMode.SIGNED);
                // the change has three decimals: at 2.5 em "−0.110" did not fit its cell and no number was drawn
                maps[c].cellSizeProperty().bind(panels.em(c == 2 ? 3.3 : 2.5));
                maps[c].decimalsProperty().set(c == 2 ? 3 : 2);
                maps[c].colorBarVisibleProperty().set(c != 0);
                changeGrid.add(maps[c], c + 1, row);
            }
            changeMaps.put(name, maps);
        }
        Label hint = parts.label("training.change.hint", "hint");
        hint.setWrapText(true);
        hint.maxWidthProperty().bind(panels.em(44));
        VBox box = new VBox(changeGrid, hint);
        box.spacingProperty().bind(panels.em(0.3));
        return box;
    }

    private void showChanges() {
        Map<String, Change> ch = vm.changesProperty().get();
        for (Map.Entry<String, Heatmap[]> e : changeMaps.entrySet()) {
            Change c = ch.get(e.getKey());
            Heatmap[] maps = e.getValue();
            maps[0].setData(c == null ? null : c.before());
            maps[1].setData(c == null ? null : c.after());
            maps[2].setData(c == null ? null : c.difference());
        }
        showKinds();
    }

    /** The change panel belongs to SimpleAttention, the parameters to the small models. */
    private void showKinds() {
        TrainingSettings s = vm.shownSettingsProperty().get();
        Experiment e = s == null ? vm.experimentProperty().get() : s.experiment();
        boolean change = e == Experiment.SIMPLE_ATTENTION && !vm.changesProperty().get().isEmpty();
        changeCard.setVisible(change);
        changeCard.setManaged(change);
        parametersHint.setVisible(!e.showsParameters());
        parametersHint.setManaged(!e.showsParameters());
        parameterValue.setVisible(e.showsParameters());
        parameterGradient.setVisible(e.showsParameters());
    }

    private Node parametersPanel() {
        parameterTitle.getStyleClass().add("card-subtitle");
        parameterTitle.textProperty().bind(Bindings.createStringBinding(() -> vm.shownParameterProperty().get() == null ? ""
                : i18n.format("training.parameter.value", vm.shownParameterProperty().get()), vm.shownParameterProperty(), i18n.localeProperty()));
        gradientTitle.getStyleClass().add("card-subtitle");
        gradientTitle.textProperty().bind(Bindings.createStringBinding(() -> vm.shownParameterProperty().get() == null ? ""
                : i18n.format("training.parameter.gradient", vm.shownParameterProperty().get()), vm.shownParameterProperty(), i18n.localeProperty()));
        parameterValue.dataProperty().bind(vm.parameterValueProperty());
        parameterGradient.dataProperty().bind(vm.parameterGradientProperty());
        for (Heatmap h : List.of(parameterValue, parameterGradient)) {
            h.cellSizeProperty().bind(panels.em(2.5));
            h.maxPlotSizeProperty().bind(panels.em(18));
            h.decimalsProperty().set(3);
        }
        parametersHint.textProperty().bind(i18n.text("training.parameters.none"));
        parametersHint.getStyleClass().add("hint");
        parametersHint.setWrapText(true);
        parametersHint.maxWidthProperty().bind(panels.em(30));
        Label explain = parts.label("training.parameters.hint", "hint");
        explain.setWrapText(true);
        explain.maxWidthProperty().bind(panels.em(40));
        explain.visibleProperty().bind(parametersHint.visibleProperty().not());
        explain.managedProperty().bind(explain.visibleProperty());
        VBox value = new VBox(parameterTitle, parameterValue);
        VBox gradient = new VBox(gradientTitle, parameterGradient);
        HBox pair = new HBox(value, gradient);
        pair.spacingProperty().bind(panels.em(1));
        pair.visibleProperty().bind(parametersHint.visibleProperty().not());
        pair.managedProperty().bind(pair.visibleProperty());
        VBox box = new VBox(parametersHint, pair, explain);
        box.spacingProperty().bind(panels.em(0.3));
        return box;
    }

    // ---------------------------------------------------------------- helpers

    /** A heatmap whose colours follow the appearance (colour-blind safe maps, high contrast). */
    private Heatmap heatmap(String id, ScaleMode mode) {
        Heatmap h = new Heatmap();
        h.setId(id);
        h.scaleModeProperty().set(mode);
        h.colorMapProperty().bind(mode == ScaleMode.UNIT ? appearance.sequentialMapProperty() : appearance.divergingMapProperty());
        return h;
    }

    private Node card(String titleKey, Node content) {
        return parts.panelCard(panels, "training-panel-", titleKey, content);
    }

    private static void show(Node n, boolean on) {
        n.setVisible(on);
        n.setManaged(on);
    }
}
