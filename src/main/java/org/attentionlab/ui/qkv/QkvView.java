package org.attentionlab.ui.qkv;

import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;

import javafx.beans.binding.Bindings;
import javafx.beans.binding.StringBinding;
import javafx.collections.FXCollections;
import javafx.geometry.Pos;
import javafx.scene.Node;
import javafx.scene.control.Button;
import javafx.scene.control.ComboBox;
import javafx.scene.control.Label;
import javafx.scene.control.ProgressIndicator;
import javafx.scene.control.RadioButton;
import javafx.scene.control.ScrollPane;
import javafx.scene.control.TextField;
import javafx.scene.control.ToggleGroup;
import javafx.scene.control.Tooltip;
import javafx.scene.layout.BorderPane;
import javafx.scene.layout.FlowPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.VBox;

import org.attentionlab.engine.trace.AttentionTrace;
import org.attentionlab.engine.trace.Matrix;
import org.attentionlab.io.LabeledMatrix;
import org.attentionlab.lesson.StateMap;
import org.attentionlab.ui.Appearance;
import org.attentionlab.ui.Services;
import org.attentionlab.ui.shell.Exportable;
import org.attentionlab.ui.widgets.Cell;
import org.attentionlab.ui.widgets.Formula;
import org.attentionlab.ui.EnumCells;
import org.attentionlab.ui.EnumText;
import org.attentionlab.ui.I18n;
import org.attentionlab.ui.qkv.QkvViewModel.InputMode;
import org.attentionlab.ui.ViewParts;
import org.attentionlab.ui.qkv.QkvViewModel.Split;
import org.attentionlab.ui.qkv.QkvViewModel.Stage;
import org.attentionlab.ui.shell.LessonView;
import org.attentionlab.ui.widgets.Heatmap;
import org.attentionlab.ui.widgets.ScaleMode;

/**
 * The Q/K/V view (issue 3, view 1): on the left the input and the model settings; in the middle
 * X and the weights, the projections Q, K, V and the pipeline QKᵀ → ÷√d_k → + M → softmax → ·V,
 * each a labelled heatmap beside its formula; on the right the derivation of the selected weight.
 * Only binds to {@link QkvViewModel}. A lesson step drives it as view {@code qkv} (see
 * {@link QkvLessonState} for what its state keys mean).
 */
public final class QkvView extends BorderPane implements Exportable, LessonView {

    private final QkvViewModel vm;
    private final I18n i18n;
    private final ViewParts parts;
    private final Appearance appearance;
    private final Services services;
    private final VBox stagesBox = new VBox();
    private final Map<Stage, Heatmap> heatmaps = new EnumMap<>(Stage.class);
    private final VBox derivationBox = new VBox();
    private final javafx.beans.property.BooleanProperty panelsShown =
            new javafx.beans.property.SimpleBooleanProperty(this, "panelsShown", true);
    private final javafx.beans.property.DoubleProperty zoom =
            new javafx.beans.property.SimpleDoubleProperty(this, "zoom", 1);
    private Node left;
    private Node right;
    private List<String> lessonPanels = QkvLessonState.PANELS;
    /** A lesson step was applied: frame its stage once the result is in. */
    private boolean scrollToFocus;

    public QkvView(QkvViewModel vm, Services services) {
        this.vm = vm;
        this.services = services;
        this.i18n = services.i18n();
        this.parts = new ViewParts(i18n);
        this.appearance = services.appearance();
        getStyleClass().add("qkv-view");
        setId("qkv-view");
        left = ViewParts.scroll(controls(), "qkv-controls-scroll");
        right = ViewParts.scroll(derivation(), "qkv-derivation-scroll");
        setLeft(left);
        setCenter(ViewParts.scroll(stages(), "qkv-stages-scroll"));
        setRight(right);
        // presenter: F9 gives the whole width to the matrices and back
        panelsShown.addListener(o -> updatePanels());
        lessonSupport();
        ViewParts.onF9(this, () -> panelsShown.set(!panelsShown.get()));
    }

    /** Whether the input/settings panel and the derivation panel are shown (F9 toggles). */
    public javafx.beans.property.BooleanProperty panelsShownProperty() {
        return panelsShown;
    }

    /** The view-model this view shows (lessons set their state through it). */
    public QkvViewModel viewModel() {
        return vm;
    }

    /** The heatmap of a stage (for tests and lessons that point at one). */
    public Heatmap heatmap(Stage stage) {
        return heatmaps.get(stage);
    }

    /** The stages with their titles, formulas and heatmaps, without the input and derivation panels. */
    @Override
    public Node exportNode() {
        return stagesBox;
    }

    /** Every stage's matrix as shown: rows and columns labelled with tokens or d_model dimensions. */
    @Override
    public List<LabeledMatrix> exportMatrices() {
        List<LabeledMatrix> out = new ArrayList<>();
        List<String> tokens = vm.tokensProperty().get();
        for (Stage stage : Stage.values()) {
            Matrix m = vm.stage(stage);
            if (m == null) {
                return List.of();
            }
            List<String> rows = stage.rowsAreTokens() && tokens.size() == m.rows() ? tokens : List.of();
            List<String> cols = stage.tokensByTokens() && tokens.size() == m.cols() ? tokens : List.of();
            // "X", "W_Q", … and "scores S", "scaled S'", …: file names that sort and read well
            String name = stage.tokensByTokens() || stage == Stage.OUTPUT
                    ? stage.name().toLowerCase(java.util.Locale.ROOT) + " " + stage.symbol() : stage.symbol();
            out.add(new LabeledMatrix(name, m, rows, cols));
        }
        return out;
    }

    // ---------------------------------------------------------------- left: input and settings

    private Node controls() {
        VBox box = ViewParts.controlPanel(appearance.em(19));

        Label title = parts.label("qkv.title", "view-title");
        title.setWrapText(true);

        Label input = parts.label("qkv.input", "section-title");
        Button lecture = parts.button("qkv.lectureExample");
        lecture.setId("qkv-lecture");
        lecture.setOnAction(e -> vm.loadLectureExample());
        lecture.setMaxWidth(Double.MAX_VALUE);
        lecture.setWrapText(true);

        ToggleGroup mode = new ToggleGroup();
        RadioButton vectors = new RadioButton();
        vectors.textProperty().bind(i18n.text("qkv.mode.vectors"));
        vectors.setToggleGroup(mode);
        vectors.setUserData(InputMode.VECTORS);
        vectors.setWrapText(true);
        RadioButton sentence = new RadioButton();
        sentence.textProperty().bind(i18n.text("qkv.mode.sentence"));
        sentence.setToggleGroup(mode);
        sentence.setUserData(InputMode.SENTENCE);
        sentence.setWrapText(true);
        Runnable syncMode = () -> mode.selectToggle(vm.inputModeProperty().get() == InputMode.VECTORS ? vectors : sentence);
        syncMode.run();
        vm.inputModeProperty().addListener(x -> syncMode.run());
        mode.selectedToggleProperty().addListener((obs, old, now) -> {
            if (now != null && now.getUserData() != vm.inputModeProperty().get()) {
                if (now.getUserData() == InputMode.SENTENCE) {
                    vm.applySentence();
                } else {
                    vm.inputModeProperty().set(InputMode.VECTORS);
                }
            }
        });

        TextField text = new TextField();
        text.setId("qkv-sentence");
        text.textProperty().bindBidirectional(vm.sentenceProperty());
        text.promptTextProperty().bind(i18n.text("qkv.sentence.prompt"));
        text.setOnAction(e -> vm.applySentence());
        ComboBox<Split> split = new ComboBox<>(FXCollections.observableArrayList(Split.values()));
        split.valueProperty().bindBidirectional(vm.splitProperty());
        EnumCells.localise(split, i18n);
        Button apply = parts.button("qkv.sentence.apply");
        apply.setOnAction(e -> vm.applySentence());
        apply.setMinWidth(javafx.scene.layout.Region.USE_PREF_SIZE);
        split.setMaxWidth(Double.MAX_VALUE);
        HBox.setHgrow(split, javafx.scene.layout.Priority.ALWAYS);
        HBox splitRow = new HBox(split, apply);
        splitRow.setSpacing(6);
        splitRow.setAlignment(Pos.CENTER_LEFT);

        Button add = parts.button("qkv.token.add");
        add.setOnAction(e -> vm.addToken());
        Button remove = parts.button("qkv.token.remove");
        remove.setOnAction(e -> vm.removeToken());
        HBox tokenRow = new HBox(add, remove);
        tokenRow.setSpacing(6);

        Label model = parts.label("qkv.settings", "section-title");
        SettingsSheet sheet = new SettingsSheet(vm, i18n);

        Label hint = parts.label("qkv.hint", "hint");
        hint.setWrapText(true);

        ProgressIndicator busy = ViewParts.busyIndicator(vm.busyProperty());
        Label error = parts.message(vm.errorProperty(), "error-text");
        error.setId("qkv-error");
        Label notice = parts.message(vm.noticeProperty(), "hint");

        box.getChildren().addAll(title, input, lecture, vectors, tokenRow, sentence, text, splitRow, model,
                sheet.node(), busy, error, notice, hint);
        return box;
    }

    // ---------------------------------------------------------------- centre: the stages

    private Node stages() {
        VBox box = stagesBox;
        box.getStyleClass().add("qkv-stages");
        box.spacingProperty().bind(appearance.em(0.8));
        box.paddingProperty().bind(Bindings.createObjectBinding(
                () -> new javafx.geometry.Insets(appearance.getFontSize() * 0.8), appearance.fontSizeProperty()));
        box.getChildren().addAll(
                parts.label("qkv.section.inputs", "section-title"),
                flow(card(Stage.X), card(Stage.WQ), card(Stage.WK), card(Stage.WV)),
                parts.label("qkv.section.projections", "section-title"),
                flow(card(Stage.Q), card(Stage.K), card(Stage.V)),
                parts.label("qkv.section.attention", "section-title"),
                flow(card(Stage.SCORES), arrow(), card(Stage.SCALED), arrow(), card(Stage.MASKED), arrow(),
                        card(Stage.WEIGHTS), arrow(), card(Stage.OUTPUT)));
        return box;
    }

    private FlowPane flow(Node... nodes) {
        FlowPane f = new FlowPane(nodes);
        f.hgapProperty().bind(appearance.em(0.7));
        f.vgapProperty().bind(appearance.em(0.7));
        f.setAlignment(Pos.TOP_LEFT);
        f.setRowValignment(javafx.geometry.VPos.CENTER);
        return f;
    }

    private Label arrow() {
        Label a = new Label("→");
        a.getStyleClass().add("pipeline-arrow");
        return a;
    }

    private VBox card(Stage stage) {
        Label title = parts.label(stage.titleKey(), "card-title");
        Formula formula = new Formula(services.formulas(), services.executors());
        formula.setId("formula-" + stage.name().toLowerCase(java.util.Locale.ROOT));
        formula.scaleProperty().set(1.1);
        formula.latexProperty().bind(Bindings.createStringBinding(
                () -> QkvFormulas.definition(stage, vm.scaledProperty().get(), vm.dKProperty().get()),
                vm.scaledProperty(), vm.dKProperty()));
        Label remark = new Label();
        remark.getStyleClass().add("hint");
        remark.textProperty().bind(remarkText(stage));
        remark.visibleProperty().bind(remark.textProperty().isNotEmpty());
        remark.managedProperty().bind(remark.visibleProperty());
        // the same formula with the numbers of the selected weight α_ij
        Formula numbers = new Formula(services.formulas(), services.executors());
        numbers.setId("formula-numbers-" + stage.name().toLowerCase(java.util.Locale.ROOT));
        numbers.scaleProperty().set(1.0);
        numbers.latexProperty().bind(Bindings.createStringBinding(
                () -> QkvFormulas.numbers(stage, vm.traceProperty().get(), vm.selectedProperty().get()),
                vm.traceProperty(), vm.selectedProperty()));
        numbers.maxWidthProperty().bind(appearance.em(22));
        numbers.visibleProperty().bind(numbers.latexProperty().isNotEmpty());
        numbers.managedProperty().bind(numbers.visibleProperty());
        Heatmap map = new Heatmap();
        map.setId("heatmap-" + stage.name().toLowerCase(java.util.Locale.ROOT));
        map.dataProperty().bind(vm.stageProperty(stage));
        map.scaleModeProperty().set(stage.scaleMode());
        map.colorMapProperty().bind(stage.scaleMode() == ScaleMode.UNIT ? appearance.sequentialMapProperty()
                : appearance.divergingMapProperty());
        map.cellSizeProperty().bind(appearance.em(2.9).multiply(zoom));
        map.maxPlotSizeProperty().bind(appearance.em(26).multiply(zoom));
        map.maskedTextProperty().bind(i18n.text("qkv.masked"));
        if (stage.rowsAreTokens()) {
            map.rowLabelsProperty().bind(stage == Stage.K || stage == Stage.V ? vm.tokensProperty() : vm.queryTokensProperty());
        }
        if (stage.tokensByTokens()) {
            map.colLabelsProperty().bind(vm.tokensProperty());
            map.selectedCellProperty().bindBidirectional(vm.selectedProperty());
        }
        switch (stage) {
            case X -> editable(map, e -> vm.editX(e.cell().row(), e.cell().col(), e.value()));
            case WQ, WK, WV -> editable(map,
                    e -> vm.editWeight(stage, e.cell().row(), e.cell().col(), e.value()));
            default -> {
            }
        }
        map.onEditErrorProperty().set(what -> vm.reportBadCell(stage, what));
        Tooltip.install(title, new Tooltip(stage.formula()));
        heatmaps.put(stage, map);
        VBox card = new VBox(title, formula, remark, map, numbers);
        card.getStyleClass().add("stage-card");
        card.setMaxWidth(javafx.scene.layout.Region.USE_PREF_SIZE);
        card.setId("card-" + stage.name().toLowerCase(java.util.Locale.ROOT));
        return card;
    }

    /** What the formula alone does not say, in words: scaling off, which mask. */
    private StringBinding remarkText(Stage stage) {
        return Bindings.createStringBinding(() -> switch (stage) {
            case SCALED -> vm.scaledProperty().get() ? "" : i18n.get("qkv.formula.noScale");
            case MASKED -> "(" + i18n.get("qkv.setting.mask") + ": " + i18n.get(EnumText.key(vm.maskProperty().get())) + ")";
            default -> "";
        }, vm.scaledProperty(), vm.maskProperty(), i18n.localeProperty());
    }

    // ---------------------------------------------------------------- right: the derivation

    private Node derivation() {
        derivationBox.getStyleClass().add("derivation");
        derivationBox.setId("qkv-derivation");
        derivationBox.prefWidthProperty().bind(appearance.em(20));
        derivationBox.maxWidthProperty().bind(appearance.em(20));
        vm.derivationProperty().addListener(x -> fillDerivation());
        i18n.localeProperty().addListener(x -> fillDerivation());
        fillDerivation();
        return derivationBox;
    }

    private final Label derivationTitle = new Label();
    private final Label derivationEmpty = new Label();
    private final List<Label> stepCaptions = new ArrayList<>();
    private final List<Label> stepMaths = new ArrayList<>();

    /**
     * Shows the derivation. Every 512-token result brings a new one: its labels are kept and given
     * the new text (a fresh set of ~40 labels each time cost the FX thread a CSS pass and skins),
     * and the panel's children are only replaced when the lines themselves change.
     */
    private void fillDerivation() {
        Derivation d = vm.derivationProperty().get();
        List<String> tokens = vm.tokensProperty().get();
        List<String> queries = vm.queryTokensProperty().get();
        Label title = derivationTitle;
        if (title.getStyleClass().isEmpty()) {
            title.getStyleClass().add("section-title");
            title.setWrapText(true);
            derivationEmpty.getStyleClass().add("hint");
            derivationEmpty.setWrapText(true);
        }
        List<Node> lines = new ArrayList<>();
        lines.add(title);
        if (d == null) {
            title.setText(i18n.get("qkv.derivation.title"));
            derivationEmpty.setText(i18n.get("qkv.derivation.empty"));
            lines.add(derivationEmpty);
        } else {
            String qi = queries.size() > d.row() ? queries.get(d.row()) : String.valueOf(d.row() + 1);
            String kj = tokens.size() > d.col() ? tokens.get(d.col()) : String.valueOf(d.col() + 1);
            title.setText(i18n.format("qkv.derivation.titleCell", qi, kj));
            derivationFormulas(d, lines);
            for (int k = 0; k < d.steps().size(); k++) {
                Derivation.Step s = d.steps().get(k);
                if (k == stepCaptions.size()) {
                    Label caption = new Label();
                    caption.getStyleClass().add("step-caption");
                    caption.setWrapText(true);
                    Label math = new Label();
                    math.getStyleClass().add("step-math");
                    math.setWrapText(true);
                    stepCaptions.add(caption);
                    stepMaths.add(math);
                }
                Label caption = stepCaptions.get(k);
                caption.setText(i18n.format(s.captionKey(), s.captionArgs().toArray()));
                Label math = stepMaths.get(k);
                math.setText(s.math());
                String style = s.result() ? "step-result" : "step-math";
                if (!math.getStyleClass().contains(style)) {
                    math.getStyleClass().removeAll("step-result", "step-math");
                    math.getStyleClass().add(style);
                }
                lines.add(caption);
                lines.add(math);
            }
        }
        if (!derivationBox.getChildren().equals(lines)) {
            derivationBox.getChildren().setAll(lines);
        }
    }

    private final List<Formula> derivationFormulas = new ArrayList<>();

    /** The key lines of the derivation as formulas: the weight and the output row, with numbers. */
    private void derivationFormulas(Derivation d, List<Node> lines) {
        AttentionTrace t = vm.traceProperty().get();
        if (t == null) {
            return;
        }
        if (derivationFormulas.isEmpty()) {
            for (int k = 0; k < 2; k++) {
                Formula f = new Formula(services.formulas(), services.executors());
                f.scaleProperty().set(1.0);
                f.setId("derivation-formula-" + k);
                f.maxWidthProperty().bind(appearance.em(18));
                derivationFormulas.add(f);
            }
        }
        derivationFormulas.get(0).setLatex(QkvFormulas.numbers(Stage.WEIGHTS, t, new Cell(d.row(), d.col())));
        derivationFormulas.get(1).setLatex(d.row() < t.output().rows() ? QkvFormulas.output(t, d.row(), false) : "");
        lines.addAll(derivationFormulas);
    }

    // ---------------------------------------------------------------- lessons

    @Override
    public String lessonViewName() {
        return "qkv";
    }

    /** Shows a lesson step's complete {@code qkv} state (absent keys take their defaults). */
    @Override
    public void applyLessonState(StateMap state) {
        QkvLessonState.Mapped m = QkvLessonState.map(state);
        lessonPanels = m.panels();
        zoom.set(m.zoom());
        scrollToFocus = true;
        vm.applySetup(m.setup());
        updatePanels();
        if (!vm.busyProperty().get()) {
            scrollToFocus = false;
            showFocus(vm.focusProperty().get());
        }
    }

    @Override
    public javafx.beans.property.ReadOnlyBooleanProperty busyProperty() {
        return vm.busyProperty();
    }

    /** The zoom of the heatmaps, 1 = normal (a lesson's {@code zoom}). */
    public javafx.beans.property.DoubleProperty zoomProperty() {
        return zoom;
    }

    /** The panels shown ({@link QkvLessonState#PANELS} names), as the last lesson step set them. */
    public List<String> lessonPanels() {
        return lessonPanels;
    }

    /**
     * Whether the card of a stage is shown (panels, and X and the weights only when Q/K/V are not
     * given). Panel {@code controls} is the input and settings column, {@code formula} the worked
     * derivation of the highlighted weight; the others are the rows of cards.
     */
    public boolean isShown(Stage stage) {
        Node card = heatmaps.get(stage).getParent();
        return card.isVisible();
    }

    private void lessonSupport() {
        // X and the weights reappear when the user leaves a given-Q/K/V example
        vm.stageProperty(Stage.X).addListener(o -> updatePanels());
        vm.focusProperty().addListener((obs, old, now) -> showFocus(now));
        // the cards only have their size once the result is in: scroll to a lesson's stage then
        vm.busyProperty().addListener((obs, was, now) -> {
            if (!now && scrollToFocus) {
                scrollToFocus = false;
                showFocus(vm.focusProperty().get());
            }
        });
        updatePanels();
    }

    private void updatePanels() {
        setLeft(panelsShown.get() && lessonPanels.contains("controls") ? left : null);
        setRight(panelsShown.get() && lessonPanels.contains("formula") ? right : null);
        for (Stage s : Stage.values()) {
            String panel = switch (s) {
                case X, WQ, WK, WV -> "inputs";
                case Q, K, V -> "projections";
                case SCORES, SCALED, MASKED -> "scores";
                case WEIGHTS -> "weights";
                case OUTPUT -> "output";
            };
            boolean inputs = s == Stage.X || s == Stage.WQ || s == Stage.WK || s == Stage.WV;
            Node card = heatmaps.get(s).getParent();
            show(card, lessonPanels.contains(panel) && !(inputs && vm.isGiven()));
        }
        // a section shows when any of its cards does; an arrow when cards stand on both sides of it
        List<Node> rows = stagesBox.getChildren();
        for (int i = 1; i < rows.size(); i += 2) {
            if (rows.get(i) instanceof FlowPane flow) {
                List<Node> items = flow.getChildren();
                boolean any = false;
                for (int j = 0; j < items.size(); j++) {
                    if (items.get(j) instanceof Label arrow) {
                        boolean before = items.subList(0, j).stream().anyMatch(n -> !(n instanceof Label) && n.isVisible());
                        boolean after = items.subList(j + 1, items.size()).stream()
                                .anyMatch(n -> !(n instanceof Label) && n.isVisible());
                        show(arrow, before && after);
                    } else {
                        any |= items.get(j).isVisible();
                    }
                }
                show(flow, any);
                show(rows.get(i - 1), any);
            }
        }
    }

    private static void show(Node n, boolean on) {
        n.setVisible(on);
        n.setManaged(on);
    }

    /** Frames the stage a lesson points at and scrolls it into view. */
    private void showFocus(Stage stage) {
        for (Map.Entry<Stage, Heatmap> e : heatmaps.entrySet()) {
            Node card = e.getValue().getParent();
            card.getStyleClass().remove("stage-focus");
            if (e.getKey() == stage) {
                card.getStyleClass().add("stage-focus");
            }
        }
        if (stage != null && getCenter() instanceof ScrollPane scroll) {
            javafx.application.Platform.runLater(() -> {
                scroll.getContent().applyCss();
                if (scroll.getContent() instanceof javafx.scene.Parent p) {
                    p.layout();
                }
                Node card = heatmaps.get(stage).getParent();
                double content = scroll.getContent().getLayoutBounds().getHeight();
                double viewport = scroll.getViewportBounds().getHeight();
                if (content > viewport) {
                    double y = scroll.getContent().sceneToLocal(card.localToScene(0, 0)).getY();
                    scroll.setVvalue(Math.max(0, Math.min(1, (y - viewport * 0.1) / (content - viewport))));
                }
            });
        }
    }

    // ---------------------------------------------------------------- helpers

    private static void editable(Heatmap map, java.util.function.Consumer<org.attentionlab.ui.widgets.CellEdit> onEdit) {
        map.editableProperty().set(true);
        map.onCellEditProperty().set(onEdit);
    }
}
