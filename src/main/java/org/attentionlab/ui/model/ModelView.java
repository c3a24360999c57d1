package org.attentionlab.ui.model;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import javafx.beans.binding.Bindings;
import javafx.beans.binding.DoubleBinding;
import javafx.beans.property.DoubleProperty;
import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.SimpleDoubleProperty;
import javafx.geometry.Insets;
import javafx.geometry.Pos;
import javafx.scene.Node;
import javafx.scene.control.Button;
import javafx.scene.control.CheckBox;
import javafx.scene.control.Label;
import javafx.scene.control.ProgressBar;
import javafx.scene.control.ProgressIndicator;
import javafx.scene.control.ScrollPane;
import javafx.scene.control.Spinner;
import javafx.scene.control.SpinnerValueFactory;
import javafx.scene.control.TextField;
import javafx.scene.layout.BorderPane;
import javafx.scene.layout.GridPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;
import javafx.scene.layout.StackPane;
import javafx.scene.layout.VBox;
import javafx.scene.shape.Rectangle;

import org.attentionlab.engine.BertConfig;
import org.attentionlab.io.LabeledMatrix;
import org.attentionlab.lesson.StateMap;
import org.attentionlab.ui.Appearance;
import org.attentionlab.ui.BertSession;
import org.attentionlab.ui.I18n;
import org.attentionlab.ui.Services;
import org.attentionlab.ui.ViewParts;
import org.attentionlab.ui.shell.Exportable;
import org.attentionlab.ui.shell.LessonView;
import org.attentionlab.ui.widgets.NumberText;

/**
 * The model view (issue 8): the opened BERT checkpoint — what it is, a layers × heads grid of
 * attention thumbnails for a sentence (click one to open it full size in the multi-head view), and
 * the fill-mask demo. Left: the model, opening another one (with progress), the sentence; right:
 * fill-mask. Only binds to {@link ModelViewModel}.
 */
public final class ModelView extends BorderPane implements LessonView, Exportable {

    /** The panels a lesson may show or hide. */
    public static final List<String> PANELS = List.of("controls", "grid", "fill-mask");

    private final ModelViewModel vm;
    private final I18n i18n;
    private final ViewParts parts;
    private final Appearance appearance;
    private final OpenModelAction open;
    private final DoubleProperty zoom = new SimpleDoubleProperty(this, "zoom", 1);
    private final Map<String, Node> panels = new LinkedHashMap<>();
    private final ThumbnailGrid thumbnails = new ThumbnailGrid();
    private final VBox visual = new VBox();
    private final VBox predictions = new VBox();
    private final Label gridTitle = new Label();
    private final Label tokensLine = new Label();

    /**
     * @param open what the "Open model…" button does (the same as File → Open model…), or null
     *             where there is no window to choose a folder in (the export command)
     */
    public ModelView(ModelViewModel vm, Services services, OpenModelAction open) {
        this.vm = vm;
        this.i18n = services.i18n();
        this.parts = new ViewParts(i18n);
        this.appearance = services.appearance();
        this.open = open;
        getStyleClass().add("model-view");
        setId("model-view");
        Node left = ViewParts.scroll(controls(), "model-controls-scroll");
        Node centre = centre();
        Node right = ViewParts.scroll(fillMask(), "model-fill-scroll");
        setLeft(left);
        setCenter(centre);
        setRight(right);
        panels.put("controls", left);
        panels.put("grid", centre);
        panels.put("fill-mask", right);
        vm.gridProperty().addListener(o -> showGrid());
        vm.predictionsProperty().addListener(o -> showPredictions());
        i18n.localeProperty().addListener(o -> {
            showGrid();
            showPredictions();
        });
        showGrid();
        showPredictions();
    }

    public ModelViewModel viewModel() {
        return vm;
    }

    /** The grid of thumbnails (for tests). */
    public ThumbnailGrid thumbnails() {
        return thumbnails;
    }

    // ---------------------------------------------------------------- LessonView, Exportable

    @Override
    public String lessonViewName() {
        return "model";
    }

    @Override
    public void applyLessonState(StateMap state) {
        vm.applyLessonState(state);
        zoom.set(state.number("zoom").orElse(1.0));
        List<String> shown = state.texts("panels").orElse(PANELS);
        setLeft(shown.contains("controls") ? panels.get("controls") : null);
        setCenter(shown.contains("grid") ? panels.get("grid") : null);
        setRight(shown.contains("fill-mask") ? panels.get("fill-mask") : null);
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
        ModelViewModel.Grid g = vm.grid();
        if (g == null) {
            return List.of();
        }
        List<LabeledMatrix> out = new ArrayList<>();
        for (int l = 0; l < g.layers(); l++) {
            for (int h = 0; h < g.heads(); h++) {
                out.add(new LabeledMatrix("layer" + l + "-head" + h + "-weights", g.maps().get(l).get(h), g.tokens(),
                        g.tokens()));
            }
        }
        return out;
    }

    // ---------------------------------------------------------------- left

    private Node controls() {
        VBox box = ViewParts.controlPanel(appearance.em(19));
        Label title = parts.label("model.title", "view-title");
        title.setWrapText(true);

        Label info = new Label();
        info.setId("model-info");
        info.setWrapText(true);
        info.textProperty().bind(Bindings.createStringBinding(() -> {
            BertSession s = vm.loader().model();
            if (s == null) {
                return i18n.get("model.info.none");
            }
            BertConfig c = s.config();
            return i18n.format("model.info", s.name(), c.layers(), c.heads(), c.hiddenSize(), c.vocabSize(),
                    c.maxPositions(), i18n.get(s.hasMlmHead() ? "model.info.mlm" : "model.info.noMlm"));
        }, vm.loader().modelProperty(), i18n.localeProperty()));

        Button openButton = new Button();
        openButton.textProperty().bind(i18n.text("model.open"));
        openButton.setId("model-open");
        openButton.setMaxWidth(Double.MAX_VALUE);
        openButton.setOnAction(e -> open.choose());
        openButton.setDisable(open == null); // built without a window (export), nothing to open with
        ProgressBar progress = new ProgressBar();
        progress.setId("model-progress");
        progress.setMaxWidth(Double.MAX_VALUE);
        progress.progressProperty().bind(vm.loader().progressProperty());
        Label loading = new Label();
        loading.setWrapText(true);
        loading.getStyleClass().add("hint");
        loading.textProperty().bind(Bindings.createStringBinding(() -> vm.loader().loadingProperty().get() == null ? ""
                : i18n.format("model.loading", vm.loader().loadingProperty().get(),
                Math.round(vm.loader().progressProperty().get() * 100)),
                vm.loader().loadingProperty(), vm.loader().progressProperty(), i18n.localeProperty()));
        VBox loadingBox = new VBox(4, progress, loading);
        loadingBox.visibleProperty().bind(vm.loader().loadingProperty().isNotNull());
        loadingBox.managedProperty().bind(loadingBox.visibleProperty());
        Label loadError = parts.message(vm.loader().errorProperty(), "error-text");
        loadError.setId("model-load-error");

        Label input = parts.label("model.input", "section-title");
        TextField text = new TextField();
        text.setId("model-text");
        text.textProperty().bindBidirectional(vm.textProperty());
        text.promptTextProperty().bind(i18n.text("multihead.text.prompt"));
        text.setOnAction(e -> vm.compute());
        TextField pair = new TextField();
        pair.setId("model-pair");
        pair.textProperty().bindBidirectional(vm.pairProperty());
        pair.promptTextProperty().bind(i18n.text("multihead.pair.prompt"));
        pair.setOnAction(e -> vm.compute());
        Button apply = new Button();
        apply.textProperty().bind(i18n.text("multihead.apply"));
        apply.setOnAction(e -> vm.compute());
        CheckBox hide = new CheckBox();
        hide.setId("model-hide-special");
        hide.setWrapText(true);
        hide.textProperty().bind(i18n.text("multihead.hideSpecial"));
        hide.selectedProperty().bindBidirectional(vm.hideSpecialProperty());

        ProgressIndicator busy = ViewParts.busyIndicator(vm.busyProperty());
        Label error = parts.message(vm.errorProperty(), "error-text");
        error.setId("model-error");
        // without a model the empty state in the middle already says what to do
        error.visibleProperty().unbind();
        error.visibleProperty().bind(vm.errorProperty().isNotNull().and(vm.loader().modelProperty().isNotNull()));
        error.managedProperty().unbind();
        error.managedProperty().bind(error.visibleProperty());
        Label notice = parts.message(vm.noticeProperty(), "hint");
        notice.setId("model-notice");
        Label hint = parts.label("model.hint", "hint");
        hint.setWrapText(true);
        box.getChildren().addAll(title, info, openButton, loadingBox, loadError, input, text, pair, apply, hide, busy,
                error, notice, hint);
        return box;
    }

    // ---------------------------------------------------------------- centre: the grid

    private Node centre() {
        visual.getStyleClass().add("model-visual");
        visual.setId("model-visual");
        visual.spacingProperty().bind(em(0.5));
        visual.paddingProperty().bind(Bindings.createObjectBinding(
                () -> new Insets(appearance.getFontSize() * zoom.get() * 0.8), appearance.fontSizeProperty(), zoom));
        visual.styleProperty().bind(Bindings.createStringBinding(
                () -> String.format(Locale.ROOT, "-fx-font-size: %.1fpx;", appearance.getFontSize() * zoom.get()),
                appearance.fontSizeProperty(), zoom));
        gridTitle.getStyleClass().add("section-title");
        gridTitle.setWrapText(true);
        tokensLine.getStyleClass().add("hint");
        tokensLine.setWrapText(true);
        tokensLine.setId("model-tokens");
        Label axes = parts.label("model.axes", "hint");
        axes.setWrapText(true);
        thumbnails.setId("model-thumbnails");
        thumbnails.colorMapProperty().bind(appearance.sequentialMapProperty());
        thumbnails.minThumbProperty().bind(em(2.4));
        thumbnails.maxThumbProperty().bind(em(9));
        thumbnails.selectedProperty().bindBidirectional(vm.selectedProperty());
        thumbnails.onOpenProperty().set(vm::openHead);
        thumbnails.setTooltipText(c -> i18n.format("model.thumbnail", c.row(), c.col()));
        VBox.setVgrow(thumbnails, Priority.ALWAYS);
        Label empty = parts.label("model.empty", "empty-state");
        empty.setWrapText(true);
        empty.setId("model-empty");
        empty.maxWidthProperty().bind(em(36));
        StackPane stack = new StackPane(thumbnails, empty);
        StackPane.setAlignment(thumbnails, Pos.TOP_LEFT);
        StackPane.setAlignment(empty, Pos.TOP_LEFT);
        empty.visibleProperty().bind(vm.loader().modelProperty().isNull());
        thumbnails.visibleProperty().bind(empty.visibleProperty().not());
        VBox.setVgrow(stack, Priority.ALWAYS);
        for (Label l : List.of(gridTitle, tokensLine, axes)) {
            l.visibleProperty().bind(vm.loader().modelProperty().isNotNull());
            l.managedProperty().bind(l.visibleProperty());
        }
        visual.getChildren().addAll(gridTitle, tokensLine, axes, stack);
        ScrollPane s = ViewParts.scroll(visual, "model-grid-scroll");
        s.setFitToHeight(true);
        return s;
    }

    private void showGrid() {
        ModelViewModel.Grid g = vm.grid();
        if (g == null) {
            gridTitle.setText(i18n.get("model.grid.none"));
            tokensLine.setText("");
            thumbnails.mapsProperty().set(List.of());
            return;
        }
        gridTitle.setText(i18n.format(g.hideSpecial() ? "model.grid.titleHidden" : "model.grid.title", g.model(),
                g.layers(), g.heads(), g.tokens().size()));
        tokensLine.setText(String.join("  ", g.tokens()));
        thumbnails.mapsProperty().set(g.maps());
    }

    // ---------------------------------------------------------------- right: fill-mask

    private Node fillMask() {
        VBox box = ViewParts.controlPanel(appearance.em(20));
        box.getStyleClass().add("fill-mask");
        box.setId("model-fill-mask");
        Label title = parts.label("model.fill.title", "section-title");
        title.setWrapText(true);
        Label explain = parts.label("model.fill.explain", "hint");
        explain.setWrapText(true);
        TextField masked = new TextField();
        masked.setId("model-masked");
        masked.textProperty().bindBidirectional(vm.maskedProperty());
        masked.setOnAction(e -> vm.predict());
        Spinner<Integer> k = new Spinner<>();
        k.setValueFactory(new SpinnerValueFactory.IntegerSpinnerValueFactory(1, ModelViewModel.MAX_TOP_K,
                vm.topKProperty().get()));
        k.getValueFactory().valueProperty().addListener((obs, old, now) -> {
            if (now != null) {
                vm.topKProperty().set(now);
                vm.predict();
            }
        });
        vm.topKProperty().addListener((obs, old, now) -> {
            int v = Math.max(1, Math.min(ModelViewModel.MAX_TOP_K, now.intValue()));
            if (k.getValue() != v) {
                k.getValueFactory().setValue(v);
            }
        });
        k.setPrefWidth(90);
        Label kLabel = parts.label("model.fill.topK", "field-caption");
        Button predict = new Button();
        predict.textProperty().bind(i18n.text("model.fill.predict"));
        predict.setId("model-predict");
        predict.setOnAction(e -> vm.predict());
        Region spring = new Region();
        HBox.setHgrow(spring, Priority.ALWAYS);
        HBox row = new HBox(8, kLabel, k, spring, predict);
        row.setAlignment(Pos.CENTER_LEFT);
        Label error = parts.message(vm.fillErrorProperty(), "error-text");
        error.setId("model-fill-error");
        predictions.setId("model-predictions");
        predictions.setSpacing(10);
        box.getChildren().addAll(title, explain, masked, row, error, predictions);
        return box;
    }

    private void showPredictions() {
        predictions.getChildren().clear();
        for (ModelViewModel.Prediction p : vm.predictionsProperty().get()) {
            Label where = new Label(i18n.format("model.fill.position", p.position()));
            where.getStyleClass().add("card-title");
            GridPane table = new GridPane();
            table.setHgap(8);
            table.setVgap(4);
            table.getStyleClass().add("prediction-table");
            int r = 0;
            double best = p.candidates().isEmpty() ? 1 : p.candidates().get(0).probability();
            for (ModelViewModel.Candidate c : p.candidates()) {
                Label token = new Label(c.token());
                token.getStyleClass().add("prediction-token");
                Rectangle bar = new Rectangle();
                bar.getStyleClass().add("prediction-bar");
                bar.heightProperty().bind(appearance.em(0.8));
                bar.widthProperty().bind(appearance.em(8 * c.probability() / Math.max(best, 1e-12) + 0.1));
                double percent = 100 * c.probability();
                // small probabilities keep their first significant digits: 0.006%, not 0.0%
                Label prob = new Label(NumberText.fixed(percent, percent >= 0.1 ? 1 : percent >= 0.01 ? 2 : 3) + "%");
                prob.getStyleClass().add("prediction-probability");
                table.addRow(r++, token, bar, prob);
            }
            predictions.getChildren().addAll(where, table);
        }
    }

    // ---------------------------------------------------------------- helpers

    private DoubleBinding em(double factor) {
        return Bindings.createDoubleBinding(() -> appearance.getFontSize() * zoom.get() * factor,
                appearance.fontSizeProperty(), zoom);
    }

}
