package org.attentionlab.ui.bleu;

import java.io.File;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Function;

import javafx.beans.binding.Bindings;
import javafx.beans.binding.DoubleBinding;
import javafx.beans.property.DoubleProperty;
import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.SimpleDoubleProperty;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;
import javafx.collections.FXCollections;
import javafx.collections.ListChangeListener;
import javafx.geometry.Insets;
import javafx.geometry.Pos;
import javafx.scene.Node;
import javafx.scene.control.Button;
import javafx.scene.control.CheckBox;
import javafx.scene.control.ComboBox;
import javafx.scene.control.Label;
import javafx.scene.control.ProgressIndicator;
import javafx.scene.control.RadioButton;
import javafx.scene.control.Spinner;
import javafx.scene.control.SpinnerValueFactory;
import javafx.scene.control.TableCell;
import javafx.scene.control.TableColumn;
import javafx.scene.control.TableView;
import javafx.scene.control.TextArea;
import javafx.scene.control.ToggleButton;
import javafx.scene.control.ToggleGroup;
import javafx.scene.layout.BorderPane;
import javafx.scene.layout.FlowPane;
import javafx.scene.layout.GridPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;
import javafx.scene.layout.VBox;
import javafx.stage.FileChooser;

import org.attentionlab.bleu.BleuTokenizer;
import org.attentionlab.bleu.NgramMatch;
import org.attentionlab.bleu.NltkSmoothing;
import org.attentionlab.bleu.Smoothing;
import org.attentionlab.engine.trace.Matrix;
import org.attentionlab.io.LabeledMatrix;
import org.attentionlab.lesson.StateMap;
import org.attentionlab.ui.Appearance;
import org.attentionlab.ui.EnumCells;
import org.attentionlab.ui.I18n;
import org.attentionlab.ui.UiExecutors;
import org.attentionlab.ui.ViewParts;
import org.attentionlab.ui.shell.Exportable;
import org.attentionlab.ui.shell.LessonView;
import org.attentionlab.ui.widgets.Formula;
import org.attentionlab.ui.widgets.FormulaRenderer;

/**
 * The BLEU view (issue 4): on the left the candidate, the references (or files) and the settings;
 * in the middle the tokens with their matches lit up, the n-gram table of the order in focus, the
 * precisions p₁…p₄, the brevity penalty on its curve, the formula with the numbers filled in, the
 * three implementations side by side and, for several candidates, their ranking. Only binds to
 * {@link BleuViewModel}.
 */
public final class BleuView extends BorderPane implements LessonView, Exportable {

    /** The lesson format's name of this view. */
    public static final String LESSON_NAME = "bleu";
    /** The panels a lesson may show, in the default order ({@code controls} is the left side). */
    public static final List<String> PANELS = List.of("texts", "candidates", "ngrams", "precisions", "brevity", "score",
            "compare", "controls");
    private static final List<String> SIDE_BY_SIDE = List.of("ngrams", "precisions", "brevity");

    private final BleuViewModel vm;
    private final I18n i18n;
    private final ViewParts parts;
    private final DoubleProperty zoom = new SimpleDoubleProperty(this, "zoom", 1);
    private final DoubleBinding fontSize;
    private final Map<String, Node> panels = new LinkedHashMap<>();
    private final VBox board = new VBox();
    private final Node controls;
    private List<String> shownPanels = PANELS;

    private final FlowPane candidateTokens = new FlowPane();
    private final VBox referenceTokens = new VBox();
    private final TableView<NgramMatch> table = new TableView<>();
    private final PrecisionBars bars;
    private final BrevityCurve curve;
    private final Formula bpFormula;
    private final Formula bleuFormula;
    private final Label scoreLabel = new Label();
    private final Label signatureLabel = new Label();
    private final Label noteLabel = new Label();
    private final HBox compareStrip = new HBox();
    private final GridPane candidateGrid = new GridPane();
    private boolean syncingTable;

    public BleuView(BleuViewModel vm, I18n i18n, Appearance appearance, FormulaRenderer formulas, UiExecutors executors) {
        this.vm = vm;
        this.i18n = i18n;
        this.parts = new ViewParts(i18n);
        getStyleClass().add("bleu-view");
        setId("bleu-view");
        fontSize = appearance.fontSizeProperty().multiply(zoom);
        styleProperty().bind(Bindings.createStringBinding(
                () -> zoom.get() == 1 ? "" : String.format(Locale.ROOT, "-fx-font-size: %.2fpx;", fontSize.get()), fontSize, zoom));
        bars = new PrecisionBars(em(1));
        curve = new BrevityCurve(em(1));
        bpFormula = new Formula(formulas, executors);
        bleuFormula = new Formula(formulas, executors);
        bpFormula.setId("bleu-bp-formula");
        bleuFormula.setId("bleu-formula");

        panels.put("texts", textsPanel());
        panels.put("ngrams", ngramPanel());
        panels.put("precisions", precisionPanel());
        panels.put("brevity", brevityPanel());
        panels.put("score", scorePanel());
        panels.put("compare", comparePanel());
        panels.put("candidates", candidatesPanel());
        controls = ViewParts.scroll(controlPanel(), "bleu-controls-scroll");

        board.getStyleClass().add("bleu-board");
        board.setId("bleu-board");
        board.spacingProperty().bind(em(0.7));
        board.paddingProperty().bind(Bindings.createObjectBinding(() -> new Insets(fontSize.get() * 0.8), fontSize));
        setCenter(ViewParts.scroll(board, "bleu-board-scroll"));
        layoutPanels(PANELS);

        vm.analysisProperty().addListener(x -> showAnalysis());
        vm.workedExampleNoteProperty().addListener(x -> showNote());
        vm.candidateSpansProperty().addListener(x -> showTokens());
        vm.referenceSpansProperty().addListener(x -> showTokens());
        vm.ngramRowsProperty().addListener(x -> showRows());
        vm.selectedNgramProperty().addListener(x -> syncTableSelection());
        vm.candidateProperty().addListener(x -> showCandidates());
        i18n.localeProperty().addListener(x -> {
            showAnalysis();
            showNote();
        });
        showAnalysis();
        showNote();
        showTokens();
        showRows();
    }

    // ------------------------------------------------------------------------------ contracts

    @Override
    public String lessonViewName() {
        return LESSON_NAME;
    }

    @Override
    public void applyLessonState(StateMap state) {
        zoom.set(state.number("zoom").orElse(1.0));
        layoutPanels(state.texts("panels").orElse(PANELS));
        vm.applyState(state);
    }

    @Override
    public ReadOnlyBooleanProperty busyProperty() {
        return vm.busyProperty();
    }

    @Override
    public Node exportNode() {
        return board;
    }

    @Override
    public List<LabeledMatrix> exportMatrices() {
        BleuAnalysis a = vm.analysisProperty().get();
        if (a == null) {
            return List.of();
        }
        List<LabeledMatrix> out = new ArrayList<>();
        BleuAnalysis.Summary s = a.summary();
        if (s.available()) {
            double[][] rows = new double[s.orders()][];
            List<String> names = new ArrayList<>();
            for (int i = 0; i < s.orders(); i++) {
                rows[i] = new double[] {s.counts()[i], s.totals()[i], s.precisions()[i], s.weights()[i]};
                names.add("n=" + (i + 1));
            }
            out.add(new LabeledMatrix("bleu-ngram-statistics-" + s.mode().stateName(), Matrix.of(rows), names,
                    List.of("matches", "total", "precision", "weight")));
        }
        List<String> impl = new ArrayList<>();
        List<double[]> scores = new ArrayList<>();
        for (BleuAnalysis.Summary x : a.all()) {
            if (x.available()) {
                impl.add(x.mode().stateName());
                scores.add(new double[] {x.score(), x.score() * 100 / x.scale(), x.bp(), x.c(), x.r()});
            }
        }
        out.add(new LabeledMatrix("bleu-scores", Matrix.of(scores.toArray(double[][]::new)), impl,
                List.of("score", "score_0_100", "bp", "c", "r")));
        return out;
    }

    /** The view-model (lessons and tests set state through it). */
    public BleuViewModel viewModel() {
        return vm;
    }

    /** The panels shown now, in order. */
    public List<String> shownPanels() {
        return shownPanels;
    }

    /** The zoom a lesson set (1 = normal). */
    public DoubleProperty zoomProperty() {
        return zoom;
    }

    // ------------------------------------------------------------------------------ layout

    private void layoutPanels(List<String> wanted) {
        shownPanels = List.copyOf(wanted);
        board.getChildren().clear();
        FlowPane row = null;
        for (String name : wanted) {
            Node p = panels.get(name);
            if (p == null) {
                continue;
            }
            if (SIDE_BY_SIDE.contains(name)) {
                if (row == null) {
                    row = new FlowPane();
                    row.hgapProperty().bind(em(0.7));
                    row.vgapProperty().bind(em(0.7));
                    row.setAlignment(Pos.TOP_LEFT);
                    board.getChildren().add(row);
                }
                row.getChildren().add(p);
            } else {
                row = null;
                board.getChildren().add(p);
            }
        }
        setLeft(wanted.contains("controls") ? controls : null);
    }

    // ------------------------------------------------------------------------------ left side

    private Node controlPanel() {
        VBox box = ViewParts.controlPanel(em(21));
        box.setId("bleu-controls");

        Label title = parts.label("bleu.title", "view-title");
        title.setWrapText(true);

        Button worked = parts.button("bleu.example.worked");
        worked.setId("bleu-example-worked");
        worked.setOnAction(e -> vm.loadWorkedExample());
        Button youth = parts.button("bleu.example.youth");
        youth.setId("bleu-example-youth");
        youth.setOnAction(e -> vm.loadYouthExample());
        for (Button b : List.of(worked, youth)) {
            b.setMaxWidth(Double.MAX_VALUE);
            b.setWrapText(true);
        }

        ToggleGroup levels = new ToggleGroup();
        RadioButton sentence = new RadioButton();
        sentence.textProperty().bind(i18n.text("bleu.level.sentence"));
        sentence.setUserData(BleuLevel.SENTENCE);
        RadioButton corpus = new RadioButton();
        corpus.textProperty().bind(i18n.text("bleu.level.corpus"));
        corpus.setUserData(BleuLevel.CORPUS);
        corpus.setId("bleu-level-corpus");
        sentence.setToggleGroup(levels);
        corpus.setToggleGroup(levels);
        Runnable syncLevel = () -> levels.selectToggle(vm.levelProperty().get() == BleuLevel.CORPUS ? corpus : sentence);
        syncLevel.run();
        vm.levelProperty().addListener(x -> syncLevel.run());
        levels.selectedToggleProperty().addListener((obs, old, now) -> {
            if (now != null) {
                vm.levelProperty().set((BleuLevel) now.getUserData());
            }
        });
        HBox levelRow = new HBox(sentence, corpus);
        levelRow.spacingProperty().bind(em(1));

        VBox sentenceBox = sentenceInputs();
        VBox corpusBox = corpusInputs();
        sentenceBox.visibleProperty().bind(vm.levelProperty().isEqualTo(BleuLevel.SENTENCE));
        sentenceBox.managedProperty().bind(sentenceBox.visibleProperty());
        corpusBox.visibleProperty().bind(vm.levelProperty().isEqualTo(BleuLevel.CORPUS));
        corpusBox.managedProperty().bind(corpusBox.visibleProperty());

        Label settings = parts.label("bleu.settings", "section-title");
        settings.setWrapText(true);
        VBox grid = new VBox();
        grid.spacingProperty().bind(em(0.25));
        ComboBox<BleuMode> mode = combo(BleuMode.values(), vm.modeProperty(), m -> "bleu.mode." + m.stateName());
        mode.setId("bleu-mode");
        ComboBox<BleuTokenizer> tok = combo(BleuTokenizer.values(), vm.tokenizerProperty(), t -> "bleu.tok." + t.signatureName());
        tok.setId("bleu-tokenizer");
        ComboBox<Smoothing> smooth = combo(Smoothing.values(), vm.smoothingProperty(), s -> "bleu.smooth." + s.signatureName());
        smooth.setId("bleu-smoothing");
        ComboBox<NltkSmoothing.Method> nltk = combo(NltkSmoothing.Method.values(), vm.nltkSmoothingProperty(),
                m -> "bleu.nltk." + m.toString());
        nltk.setId("bleu-nltk-smoothing");
        CheckBox eff = new CheckBox();
        eff.textProperty().bind(i18n.text("bleu.setting.effectiveOrder"));
        eff.selectedProperty().bindBidirectional(vm.effectiveOrderProperty());
        eff.setWrapText(true);
        for (Object[] row : new Object[][] {{"bleu.setting.mode", mode}, {"bleu.setting.tokenizer", tok},
                {"bleu.setting.smoothing", smooth}, {"bleu.setting.nltkSmoothing", nltk}}) {
            Label l = parts.label((String) row[0], "setting-label");
            l.setWrapText(true);
            grid.getChildren().addAll(l, (Node) row[1]);
        }
        grid.getChildren().add(eff);

        ProgressIndicator busy = ViewParts.busyIndicator(vm.busyProperty());
        Label error = parts.message(vm.errorProperty(), "error-text");
        error.setId("bleu-error");
        VBox notices = new VBox();
        notices.spacingProperty().bind(em(0.3));
        Runnable showNotices = () -> notices.getChildren().setAll(vm.noticesProperty().get().stream().map(m -> {
            Label l = new Label(i18n.format(m.key(), m.args().toArray()));
            l.getStyleClass().add("hint");
            l.setWrapText(true);
            return (Node) l;
        }).toList());
        vm.noticesProperty().addListener(x -> showNotices.run());
        i18n.localeProperty().addListener(x -> showNotices.run());
        Label hint = parts.label("bleu.hint", "hint");
        hint.setWrapText(true);

        box.getChildren().addAll(title, worked, youth, levelRow, sentenceBox, corpusBox, settings, grid, busy, error, notices, hint);
        return box;
    }

    private VBox sentenceInputs() {
        VBox box = new VBox();
        box.spacingProperty().bind(em(0.4));
        Label cand = parts.label("bleu.candidate", "section-title");
        cand.setWrapText(true);
        TextArea candidate = new TextArea();
        candidate.setId("bleu-candidate");
        candidate.setWrapText(true);
        candidate.setPrefRowCount(2);
        candidate.textProperty().bindBidirectional(vm.candidateProperty());
        Label refs = parts.label("bleu.references", "section-title");
        refs.setWrapText(true);
        VBox boxes = new VBox();
        boxes.spacingProperty().bind(em(0.3));
        Runnable rebuild = () -> {
            boxes.getChildren().clear();
            for (int i = 0; i < vm.references().size(); i++) {
                StringProperty text = vm.references().get(i);
                TextArea area = new TextArea();
                area.setId("bleu-reference-" + (i + 1));
                area.setWrapText(true);
                area.setPrefRowCount(2);
                area.textProperty().bindBidirectional(text);
                HBox.setHgrow(area, Priority.ALWAYS);
                Button remove = new Button("×");
                remove.setId("bleu-reference-remove-" + (i + 1));
                int index = i;
                remove.setOnAction(e -> vm.removeReference(index));
                remove.setDisable(vm.references().size() <= 1);
                remove.setMinWidth(Region.USE_PREF_SIZE);
                javafx.scene.control.Tooltip.install(remove, new javafx.scene.control.Tooltip(i18n.get("bleu.reference.remove")));
                HBox row = new HBox(area, remove);
                row.spacingProperty().bind(em(0.3));
                row.setAlignment(Pos.TOP_LEFT);
                boxes.getChildren().add(row);
            }
        };
        vm.references().addListener((ListChangeListener<StringProperty>) c -> rebuild.run());
        rebuild.run();
        Button add = parts.button("bleu.reference.add");
        add.setId("bleu-reference-add");
        add.setOnAction(e -> vm.addReference());
        box.getChildren().addAll(cand, candidate, refs, boxes, add);
        return box;
    }

    private VBox corpusInputs() {
        VBox box = new VBox();
        box.spacingProperty().bind(em(0.4));
        Label hypTitle = parts.label("bleu.corpus.hypothesis", "section-title");
        hypTitle.setWrapText(true);
        Button hyp = parts.button("bleu.corpus.chooseHypothesis");
        hyp.setOnAction(e -> choose("bleu.corpus.chooseHypothesis").ifPresent(vm::setHypothesisFile));
        Label hypName = new Label();
        hypName.setWrapText(true);
        hypName.textProperty().bind(Bindings.createStringBinding(() -> vm.hypothesisFileProperty().get() == null
                ? i18n.get("bleu.corpus.none") : vm.hypothesisFileProperty().get().toString(), vm.hypothesisFileProperty(),
                i18n.localeProperty()));
        Label refTitle = parts.label("bleu.corpus.references", "section-title");
        refTitle.setWrapText(true);
        VBox files = new VBox();
        files.spacingProperty().bind(em(0.3));
        Runnable rebuild = () -> {
            files.getChildren().clear();
            for (int i = 0; i < vm.referenceFiles().size(); i++) {
                Label name = new Label(vm.referenceFiles().get(i).toString());
                name.setWrapText(true);
                HBox.setHgrow(name, Priority.ALWAYS);
                name.setMaxWidth(Double.MAX_VALUE);
                Button remove = new Button("×");
                int index = i;
                remove.setOnAction(e -> vm.removeReferenceFile(index));
                remove.setMinWidth(Region.USE_PREF_SIZE);
                HBox row = new HBox(name, remove);
                row.setAlignment(Pos.CENTER_LEFT);
                files.getChildren().add(row);
            }
        };
        vm.referenceFiles().addListener((ListChangeListener<Path>) c -> rebuild.run());
        rebuild.run();
        Button add = parts.button("bleu.corpus.addReference");
        add.setOnAction(e -> choose("bleu.corpus.addReference").ifPresent(vm::addReferenceFile));
        Label segTitle = parts.label("bleu.corpus.segment", "setting-label");
        Spinner<Integer> seg = new Spinner<>(new SpinnerValueFactory.IntegerSpinnerValueFactory(1, Integer.MAX_VALUE, 1));
        seg.setEditable(true);
        seg.getValueFactory().valueProperty().addListener((obs, old, now) -> {
            if (now != null) {
                vm.segmentProperty().set(now);
            }
        });
        vm.segmentProperty().addListener((obs, old, now) -> seg.getValueFactory().setValue(now.intValue()));
        segTitle.setWrapText(true);
        seg.setMaxWidth(Double.MAX_VALUE);
        VBox segRow = new VBox(segTitle, seg);
        segRow.spacingProperty().bind(em(0.25));
        Label hint = parts.label("bleu.corpus.hint", "hint");
        hint.setWrapText(true);
        box.getChildren().addAll(hypTitle, hyp, hypName, refTitle, files, add, segRow, hint);
        return box;
    }

    private java.util.Optional<Path> choose(String titleKey) {
        FileChooser chooser = new FileChooser();
        chooser.setTitle(i18n.get(titleKey));
        File f = chooser.showOpenDialog(getScene() == null ? null : getScene().getWindow());
        return java.util.Optional.ofNullable(f).map(File::toPath);
    }

    // ------------------------------------------------------------------------------ panels

    private Node textsPanel() {
        candidateTokens.setId("bleu-candidate-tokens");
        referenceTokens.setId("bleu-reference-tokens");
        referenceTokens.spacingProperty().bind(em(0.35));
        Label title = new Label();
        title.getStyleClass().add("card-title");
        title.textProperty().bind(Bindings.createStringBinding(() -> {
            BleuAnalysis a = vm.analysisProperty().get();
            if (a != null && a.level() == BleuLevel.CORPUS) {
                return i18n.format("bleu.texts.segment", a.segment(), a.segmentCount(),
                        a.segmentScore() == null ? "—" : a.segmentScore().scoreString(2));
            }
            return i18n.format("bleu.texts.title", vm.orderProperty().get());
        }, vm.analysisProperty(), vm.orderProperty(), i18n.localeProperty()));
        HBox legend = new HBox(swatch("bleu-token-matched", "bleu.legend.matched"),
                swatch("bleu-token-selected", "bleu.legend.selected"),
                swatch("bleu-token-uncredited", "bleu.legend.uncredited"));
        legend.spacingProperty().bind(em(1));
        legend.setAlignment(Pos.CENTER_LEFT);
        title.setMinWidth(Region.USE_PREF_SIZE);
        FlowPane head = new FlowPane(title, legend);
        head.hgapProperty().bind(em(3));
        head.vgapProperty().bind(em(0.3));
        head.setAlignment(Pos.CENTER_LEFT);
        VBox card = card("bleu-texts", head, candidateTokens, referenceTokens);
        card.setMaxWidth(Double.MAX_VALUE);
        return card;
    }

    private Node swatch(String style, String key) {
        Label box = new Label("  ");
        box.getStyleClass().addAll("bleu-token", style);
        Label text = parts.label(key, "hint");
        text.setMinWidth(Region.USE_PREF_SIZE);
        HBox h = new HBox(box, text);
        h.setAlignment(Pos.CENTER_LEFT);
        h.spacingProperty().bind(em(0.3));
        return h;
    }

    private void showTokens() {
        candidateTokens.getChildren().setAll(tokenRow(i18n.get("bleu.candidate.short"), vm.candidateSpansProperty().get(), true));
        referenceTokens.getChildren().clear();
        List<List<TokenSpan>> refs = vm.referenceSpansProperty().get();
        for (int r = 0; r < refs.size(); r++) {
            FlowPane row = new FlowPane();
            row.setId("bleu-reference-tokens-" + (r + 1));
            row.getChildren().setAll(tokenRow(i18n.format("bleu.reference.short", r + 1), refs.get(r), false));
            style(row);
            referenceTokens.getChildren().add(row);
        }
        style(candidateTokens);
    }

    private void style(FlowPane row) {
        row.hgapProperty().bind(em(0.25));
        row.vgapProperty().bind(em(0.3));
        row.setAlignment(Pos.CENTER_LEFT);
    }

    private List<Node> tokenRow(String caption, List<TokenSpan> spans, boolean clickable) {
        List<Node> out = new ArrayList<>();
        Label head = new Label(caption);
        head.getStyleClass().add("bleu-token-caption");
        head.minWidthProperty().bind(em(6.5));
        out.add(head);
        for (int i = 0; i < spans.size(); i++) {
            TokenSpan t = spans.get(i);
            Label l = new Label(t.token());
            l.getStyleClass().add("bleu-token");
            switch (t.mark()) {
                case MATCHED -> l.getStyleClass().add("bleu-token-matched");
                case SELECTED -> l.getStyleClass().add("bleu-token-selected");
                case SELECTED_UNCREDITED -> l.getStyleClass().add("bleu-token-uncredited");
                default -> {
                }
            }
            if (clickable) {
                int index = i;
                l.setOnMouseClicked(e -> vm.selectAt(index));
                l.getStyleClass().add("clickable");
            }
            out.add(l);
        }
        return out;
    }

    private Node ngramPanel() {
        Label title = parts.label("bleu.ngrams.title", "card-title");
        ToggleGroup group = new ToggleGroup();
        HBox orders = new HBox();
        orders.getStyleClass().add("bleu-orders");
        for (int n = 1; n <= BleuViewModel.MAX_ORDER; n++) {
            ToggleButton b = new ToggleButton();
            int order = n;
            b.textProperty().bind(i18n.textFormat("bleu.ngrams.order", () -> new Object[] {order}));
            b.setToggleGroup(group);
            b.setUserData(n);
            b.setId("bleu-order-" + n);
            orders.getChildren().add(b);
        }
        Runnable syncOrder = () -> group.getToggles().forEach(t -> t.setSelected(((Integer) t.getUserData()) == vm.orderProperty().get()));
        syncOrder.run();
        vm.orderProperty().addListener(x -> syncOrder.run());
        group.selectedToggleProperty().addListener((obs, old, now) -> {
            if (now == null) {
                syncOrder.run();       // a toggle group may not be emptied: the order stays
            } else {
                vm.orderProperty().set((Integer) now.getUserData());
            }
        });

        table.setId("bleu-ngram-table");
        table.setColumnResizePolicy(TableView.CONSTRAINED_RESIZE_POLICY_FLEX_LAST_COLUMN);
        TableColumn<NgramMatch, String> gram = column("bleu.ngrams.ngram", m -> m.text());
        TableColumn<NgramMatch, String> count = column("bleu.ngrams.count", m -> Integer.toString(m.count()));
        TableColumn<NgramMatch, String> maxRef = column("bleu.ngrams.maxRef", m -> Integer.toString(m.maxRefCount()));
        TableColumn<NgramMatch, String> clipped = column("bleu.ngrams.clipped", m -> Integer.toString(m.clippedCount()));
        TableColumn<NgramMatch, String> match = column("bleu.ngrams.match",
                m -> m.matched() ? (m.clipped() ? "✓ " + i18n.get("bleu.ngrams.clippedNote") : "✓") : "✗");
        match.setCellFactory(c -> new TableCell<>() {
            @Override
            protected void updateItem(String item, boolean empty) {
                super.updateItem(item, empty);
                setText(empty ? null : item);
                getStyleClass().removeAll("bleu-match-yes", "bleu-match-no");
                if (!empty && item != null) {
                    getStyleClass().add(item.startsWith("✓") ? "bleu-match-yes" : "bleu-match-no");
                }
            }
        });
        gram.prefWidthProperty().bind(em(7.5));
        for (TableColumn<NgramMatch, String> c : List.of(count, maxRef, clipped)) {
            c.prefWidthProperty().bind(em(4.6));
            c.setStyle("-fx-alignment: CENTER;");
        }
        match.prefWidthProperty().bind(em(5));
        table.getColumns().setAll(List.of(gram, count, maxRef, clipped, match));
        table.setPlaceholder(new Label(""));
        table.prefWidthProperty().bind(em(27));
        table.prefHeightProperty().bind(em(8.8));
        table.getSelectionModel().selectedItemProperty().addListener((obs, old, now) -> {
            if (!syncingTable) {
                vm.selectedNgramProperty().set(now == null ? null : now.tokens());
            }
        });
        Label summary = new Label();
        summary.getStyleClass().add("bleu-ngram-summary");
        summary.setWrapText(true);
        summary.maxWidthProperty().bind(em(27));
        summary.textProperty().bind(Bindings.createStringBinding(() -> {
            BleuAnalysis a = vm.analysisProperty().get();
            int n = vm.orderProperty().get();
            if (a == null || a.details() == null) {
                return "";
            }
            var od = a.details().order(Math.min(n, a.details().orders().size()));
            return i18n.format("bleu.ngrams.summary", n, od.matches(), od.total(), PrecisionBars.subscript(n));
        }, vm.analysisProperty(), vm.orderProperty(), i18n.localeProperty()));
        return card("bleu-ngrams", title, orders, table, summary);
    }

    private TableColumn<NgramMatch, String> column(String key, Function<NgramMatch, String> value) {
        TableColumn<NgramMatch, String> c = new TableColumn<>();
        c.textProperty().bind(i18n.text(key));
        c.setCellValueFactory(f -> new SimpleStringProperty(value.apply(f.getValue())));
        c.setSortable(false);
        c.setReorderable(false);
        return c;
    }

    private void showRows() {
        syncingTable = true;
        try {
            table.setItems(FXCollections.observableArrayList(vm.ngramRowsProperty().get()));
        } finally {
            syncingTable = false;
        }
        syncTableSelection();
    }

    private void syncTableSelection() {
        syncingTable = true;
        try {
            List<String> sel = vm.selectedNgramProperty().get();
            NgramMatch row = sel == null ? null
                    : table.getItems().stream().filter(m -> m.tokens().equals(sel)).findFirst().orElse(null);
            if (row == null) {
                table.getSelectionModel().clearSelection();
            } else {
                table.getSelectionModel().select(row);
                table.scrollTo(row);
            }
        } finally {
            syncingTable = false;
        }
    }

    private Node precisionPanel() {
        Label title = parts.label("bleu.precisions.title", "card-title");
        Label legend = parts.label("bleu.precisions.legend", "hint");
        legend.setWrapText(true);
        legend.maxWidthProperty().bind(em(19));
        legend.minWidthProperty().bind(em(19));
        return card("bleu-precisions", title, bars, legend);
    }

    private Node brevityPanel() {
        Label title = parts.label("bleu.brevity.title", "card-title");
        Label formula = new Label("BP = 1 (c ≥ r),  e^(1 − r/c) (c < r)");
        formula.getStyleClass().add("formula");
        return card("bleu-brevity", title, formula, curve);
    }

    private Node scorePanel() {
        Label title = parts.label("bleu.score.title", "card-title");
        scoreLabel.getStyleClass().add("bleu-score");
        scoreLabel.setId("bleu-score");
        signatureLabel.getStyleClass().add("hint");
        signatureLabel.setId("bleu-signature");
        noteLabel.getStyleClass().add("bleu-note");
        noteLabel.setId("bleu-worked-note");
        noteLabel.setWrapText(true);
        noteLabel.managedProperty().bind(noteLabel.visibleProperty());
        Region gap = new Region();
        HBox.setHgrow(gap, Priority.ALWAYS);
        signatureLabel.setWrapText(false);
        signatureLabel.setMinWidth(0);
        HBox head = new HBox(title, scoreLabel, gap, signatureLabel);
        head.setAlignment(Pos.BASELINE_LEFT);
        head.spacingProperty().bind(em(1.2));
        bpFormula.scaleProperty().set(1.15);
        bleuFormula.scaleProperty().set(1.15);
        FlowPane formulasRow = new FlowPane(bpFormula, bleuFormula);
        formulasRow.hgapProperty().bind(em(2));
        formulasRow.vgapProperty().bind(em(0.3));
        formulasRow.setAlignment(Pos.CENTER_LEFT);
        VBox card = card("bleu-score-card", head, formulasRow, noteLabel);
        card.setMaxWidth(Double.MAX_VALUE);
        return card;
    }

    private Node comparePanel() {
        Label title = parts.label("bleu.compare.title", "card-title");
        compareStrip.spacingProperty().bind(em(0.7));
        compareStrip.setId("bleu-compare");
        VBox card = card("bleu-compare-card", title, compareStrip);
        card.setMaxWidth(Double.MAX_VALUE);
        return card;
    }

    private Node candidatesPanel() {
        Label title = parts.label("bleu.candidates.title", "card-title");
        candidateGrid.setId("bleu-candidates");
        candidateGrid.hgapProperty().bind(em(1.5));
        candidateGrid.vgapProperty().bind(em(0.3));
        Label hint = parts.label("bleu.candidates.hint", "hint");
        hint.setWrapText(true);
        VBox card = card("bleu-candidates-card", title, candidateGrid, hint);
        card.setMaxWidth(Double.MAX_VALUE);
        card.visibleProperty().bind(Bindings.isNotEmpty(vm.candidates()));
        card.managedProperty().bind(card.visibleProperty());
        return card;
    }

    // ------------------------------------------------------------------------------ results

    private void showAnalysis() {
        BleuAnalysis a = vm.analysisProperty().get();
        BleuAnalysis.Summary s = a == null ? null : a.summary();
        bars.summaryProperty().set(s);
        if (s == null || !s.available()) {
            curve.ratioProperty().set(Double.NaN);
            curve.bpProperty().set(Double.NaN);
            bpFormula.setLatex("");
            bleuFormula.setLatex("");
            scoreLabel.setText(s == null ? "" : i18n.get(s.unavailableReason()));
            signatureLabel.setText("");
        } else {
            curve.ratioProperty().set(s.r() == 0 ? Double.NaN : (double) s.c() / s.r());
            curve.bpProperty().set(s.bp());
            bpFormula.setLatex(s.bpLatex());
            bleuFormula.setLatex(s.bleuLatex());
            scoreLabel.setText(i18n.format(key("bleu.score.value.", s.mode().stateName()), s.scoreText()));
            signatureLabel.setText(s.mode() == BleuMode.SACREBLEU ? a.comparison().sacre().signature().format()
                    : i18n.get(key("bleu.signature.", s.mode().stateName())));
        }
        showCompare(a);
        showCandidates();
    }

    private void showCompare(BleuAnalysis a) {
        compareStrip.getChildren().clear();
        if (a == null) {
            return;
        }
        for (BleuAnalysis.Summary s : a.all()) {
            Label name = parts.label("bleu.mode." + s.mode().stateName(), "bleu-compare-name");
            Label score = new Label(s.scoreText());
            score.getStyleClass().add("bleu-compare-score");
            score.setId("bleu-compare-score-" + s.mode().stateName());
            name.setMinWidth(Region.USE_PREF_SIZE);
            score.setMinWidth(Region.USE_PREF_SIZE);
            HBox top = new HBox(name, score);
            top.setAlignment(Pos.BASELINE_LEFT);
            top.spacingProperty().bind(em(0.6));
            Label why = new Label(i18n.format("bleu.compare.line", scaleText(s), i18n.format(a.reasonKey(s), whyArgs(a, s))));
            why.getStyleClass().add("bleu-compare-why");
            why.setWrapText(true);
            why.setId("bleu-compare-why-" + s.mode().stateName());
            VBox box = new VBox(top, why);
            box.getStyleClass().add("bleu-compare-item");
            if (s.mode() == a.mode()) {
                box.getStyleClass().add("active");
            }
            box.spacingProperty().bind(em(0.2));
            box.setOnMouseClicked(e -> vm.modeProperty().set(s.mode()));
            box.setMaxWidth(Double.MAX_VALUE);
            box.prefWidthProperty().bind(em(10));
            HBox.setHgrow(box, Priority.ALWAYS);
            compareStrip.getChildren().add(box);
        }
    }

    private String scaleText(BleuAnalysis.Summary s) {
        if (!s.available()) {
            return i18n.get(s.unavailableReason());
        }
        if (s.scale() == 100) {
            return i18n.get("bleu.compare.scale100");
        }
        return i18n.format("bleu.compare.scale1", BleuAnalysis.fixed(s.score() * 100, 2));
    }

    private Object[] whyArgs(BleuAnalysis a, BleuAnalysis.Summary s) {
        var sacre = a.comparison().sacre();
        return new Object[] {sacre.signature() == null ? "" : sacre.signature().tokenizer(),
                i18n.get(key("bleu.smooth.", vm.smoothingProperty().get().signatureName())), sacre.effectiveOrder(),
                vm.nltkSmoothingProperty().get().toString()};
    }

    private void showCandidates() {
        candidateGrid.getChildren().clear();
        BleuAnalysis a = vm.analysisProperty().get();
        if (a == null || a.candidates().isEmpty()) {
            return;
        }
        String[] heads = {"bleu.candidates.name", "bleu.mode.sacrebleu", "bleu.mode.nltk", "bleu.mode.textbook"};
        for (int c = 0; c < heads.length; c++) {
            candidateGrid.add(parts.label(heads[c], "bleu-grid-head"), c, 0);
        }
        for (int i = 0; i < a.candidates().size(); i++) {
            BleuAnalysis.CandidateScore cs = a.candidates().get(i);
            Button name = new Button(cs.label());
            name.setId("bleu-candidate-" + (i + 1));
            int index = i;
            name.setOnAction(e -> vm.useCandidate(index));
            boolean current = cs.text().equals(vm.candidateProperty().get());
            if (current) {
                name.getStyleClass().add("bleu-current");
            }
            candidateGrid.add(name, 0, i + 1);
            String[] values = {BleuAnalysis.fixed(cs.sacre(), 2), cs.nltk() == null ? "—" : BleuAnalysis.plain(cs.nltk()),
                    cs.textbook() == null ? "—" : BleuAnalysis.plain(cs.textbook())};
            for (int c = 0; c < values.length; c++) {
                Label v = new Label(values[c]);
                v.getStyleClass().add(current ? "bleu-grid-current" : "bleu-grid-value");
                candidateGrid.add(v, c + 1, i + 1);
            }
        }
    }

    private void showNote() {
        WorkedExampleNote n = vm.workedExampleNoteProperty().get();
        noteLabel.setVisible(n != null);
        if (n != null) {
            noteLabel.setText(i18n.format("bleu.note.worked", n.wordC(), n.wordR(), num(n.wordBp(), 3), n.charC(), n.charR(),
                    num(n.charBp(), 3), n.charP3Matches(), n.charP3Total(), BleuAnalysis.fixed(n.unsmoothedWord(), 2),
                    BleuAnalysis.fixed(n.expWord(), 2), BleuAnalysis.fixed(n.addKWord(), 2), BleuAnalysis.fixed(n.expNoEffWord(), 2)));
        }
    }

    private static String num(double x, int decimals) {
        return BleuAnalysis.fixed(x, decimals);
    }

    // ------------------------------------------------------------------------------ helpers

    /** A message key built from a family and a name ("bleu.mode." + "nltk"). */
    private static String key(String family, String name) {
        return family + name;
    }

    private DoubleBinding em(double factor) {
        return fontSize.multiply(factor);
    }

    private VBox card(String id, Node... children) {
        VBox card = new VBox(children);
        card.getStyleClass().addAll("stage-card", "bleu-card");
        card.setId(id);
        card.spacingProperty().bind(em(0.4));
        return card;
    }

    private <T> ComboBox<T> combo(T[] values, javafx.beans.property.ObjectProperty<T> property, Function<T, String> key) {
        ComboBox<T> box = new ComboBox<>(FXCollections.observableArrayList(values));
        box.valueProperty().bindBidirectional(property);
        EnumCells.localise(box, item -> i18n.text(key.apply(item)));
        box.setMaxWidth(Double.MAX_VALUE);
        return box;
    }

    /** The formula widgets (for tests). */
    Formula bleuFormula() {
        return bleuFormula;
    }

    Formula bpFormula() {
        return bpFormula;
    }

    BrevityCurve curve() {
        return curve;
    }

    PrecisionBars bars() {
        return bars;
    }
}
