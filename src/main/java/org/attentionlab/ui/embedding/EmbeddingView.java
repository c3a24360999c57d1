package org.attentionlab.ui.embedding;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import javafx.beans.binding.Bindings;
import javafx.beans.property.BooleanProperty;
import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.SimpleBooleanProperty;
import javafx.geometry.Insets;
import javafx.geometry.Pos;
import javafx.scene.Node;
import javafx.scene.control.Button;
import javafx.scene.control.CheckBox;
import javafx.scene.control.Label;
import javafx.scene.control.ProgressIndicator;
import javafx.scene.control.RadioButton;
import javafx.scene.control.Spinner;
import javafx.scene.control.TextField;
import javafx.scene.control.ToggleGroup;
import javafx.scene.layout.BorderPane;
import javafx.scene.layout.FlowPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.VBox;

import org.attentionlab.engine.trace.Matrix;
import org.attentionlab.io.LabeledMatrix;
import org.attentionlab.lesson.StateMap;
import org.attentionlab.ui.Appearance;
import org.attentionlab.ui.I18n;
import org.attentionlab.ui.ViewParts;
import org.attentionlab.ui.embedding.EmbeddingViewModel.InputEmbeddings;
import org.attentionlab.ui.embedding.EmbeddingViewModel.PcaSource;
import org.attentionlab.ui.embedding.EmbeddingViewModel.Point;
import org.attentionlab.ui.embedding.EmbeddingViewModel.Similarity;
import org.attentionlab.ui.shell.Exportable;
import org.attentionlab.ui.shell.LessonView;
import org.attentionlab.ui.widgets.Cell;
import org.attentionlab.ui.widgets.Heatmap;
import org.attentionlab.ui.widgets.ScaleMode;

/**
 * The embedding view (issue 5): word vectors as points in a 3-D scatter you can turn, with their
 * editable coordinates, distances and similarities; BERT's input as token + segment + position
 * embeddings that add up, row by row; a PCA projection. Only binds to {@link EmbeddingViewModel}.
 */
public final class EmbeddingView extends BorderPane implements LessonView, Exportable {

    /** The panels a lesson may name (lesson.ViewCatalog). */
    public static final List<String> PANELS = List.of("plot", "table", "input", "pca", "controls");

    private final EmbeddingViewModel vm;
    private final I18n i18n;
    private final ViewParts parts;
    private final Appearance appearance;
    private final Scatter3D scatter;
    private final PcaPlot pcaPlot = new PcaPlot();
    private final Heatmap coordinates = new Heatmap();
    private final Heatmap distances = new Heatmap();
    private final Heatmap similarities = new Heatmap();
    private final Heatmap tokenTable = new Heatmap();
    private final Heatmap segmentTable = new Heatmap();
    private final Heatmap positionTable = new Heatmap();
    private final Heatmap sumTable = new Heatmap();
    private final VBox visual = new VBox();
    private final Node controls;
    private final Node plotCard;
    private final Node tableCard;
    /** The cards of the word vectors and the PCA, side by side while they fit. */
    private final FlowPane wordsRow = new FlowPane();
    private final Node inputCard;
    private final Node pcaCard;
    private final BooleanProperty panelsShown = new SimpleBooleanProperty(this, "panelsShown", true);
    private List<String> panelOrder = PANELS;
    /** The lesson key {@code zoom}: scales text, heatmap cells and plots together. */
    private final javafx.beans.property.DoubleProperty zoom = new javafx.beans.property.SimpleDoubleProperty(this, "zoom", 1);

    public EmbeddingView(EmbeddingViewModel vm, I18n i18n, Appearance appearance) {
        this(vm, i18n, appearance, new Scatter3D());
    }

    /** With a given scatter (tests choose the 3-D or the 2-D drawing). */
    public EmbeddingView(EmbeddingViewModel vm, I18n i18n, Appearance appearance, Scatter3D scatter) {
        this.vm = vm;
        this.i18n = i18n;
        this.parts = new ViewParts(i18n);
        this.appearance = appearance;
        this.scatter = scatter;
        getStyleClass().add("embedding-view");
        setId("embedding-view");
        plotCard = plotCard();
        tableCard = tableCard();
        inputCard = inputCard();
        pcaCard = pcaCard();
        wordsRow.hgapProperty().bind(em(0.9));
        wordsRow.vgapProperty().bind(em(0.9));
        wordsRow.setAlignment(Pos.TOP_LEFT);
        wordsRow.setRowValignment(javafx.geometry.VPos.TOP);
        visual.setId("embedding-visual");
        visual.spacingProperty().bind(em(0.9));
        visual.paddingProperty().bind(Bindings.createObjectBinding(
                () -> new Insets(appearance.getFontSize() * 0.8 * zoom.get()), appearance.fontSizeProperty(), zoom));
        controls = ViewParts.scroll(controls(), "embedding-controls-scroll");
        setCenter(ViewParts.scroll(visual, "embedding-visual-scroll"));
        layoutPanels();
        panelsShown.addListener(o -> layoutPanels());
        ViewParts.onF9(this, () -> panelsShown.set(!panelsShown.get()));
    }

    public EmbeddingViewModel viewModel() {
        return vm;
    }

    public Scatter3D scatter() {
        return scatter;
    }

    /** The heatmaps by name: coordinates, distances, similarities, token, segment, position, sum (for tests). */
    public Heatmap heatmap(String name) {
        return switch (name) {
            case "coordinates" -> coordinates;
            case "distances" -> distances;
            case "similarities" -> similarities;
            case "token" -> tokenTable;
            case "segment" -> segmentTable;
            case "position" -> positionTable;
            case "sum" -> sumTable;
            default -> throw new IllegalArgumentException("no heatmap '" + name + "'");
        };
    }

    PcaPlot pcaPlot() {
        return pcaPlot;
    }

    public BooleanProperty panelsShownProperty() {
        return panelsShown;
    }

    // ---------------------------------------------------------------- LessonView, Exportable

    @Override
    public String lessonViewName() {
        return "embedding";
    }

    @Override
    public void applyLessonState(StateMap state) {
        vm.applyLessonState(state);
        scatter.zoomProperty().set(1);
        panelOrder = state.texts("panels").orElse(PANELS);
        panelsShown.set(panelOrder.contains("controls"));
        double z = state.number("zoom").orElse(1.0);
        zoom.set(z);
        visual.setStyle(z == 1.0 ? "" : "-fx-font-size: " + z + "em;");
        layoutPanels();
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
        List<LabeledMatrix> out = new ArrayList<>();
        List<String> words = vm.wordLabelsProperty().get();
        if (vm.coordinatesProperty().get() != null) {
            out.add(new LabeledMatrix("word vectors", vm.coordinatesProperty().get(), words, vm.coordinateLabelsProperty().get()));
            out.add(new LabeledMatrix("euclidean distance", vm.distancesProperty().get(), words, words));
            out.add(new LabeledMatrix(vm.similarityProperty().get() == Similarity.DOT ? "dot product" : "cosine similarity",
                    vm.similaritiesProperty().get(), words, words));
        }
        InputEmbeddings in = vm.inputProperty().get();
        if (in != null) {
            out.add(new LabeledMatrix("token embeddings", in.token(), in.tokens(), in.dims()));
            out.add(new LabeledMatrix("segment embeddings", in.segment(), in.segments(), in.dims()));
            out.add(new LabeledMatrix("position embeddings", in.position(), in.positions(), in.dims()));
            out.add(new LabeledMatrix("input embeddings (sum)", in.sum(), in.tokens(), in.dims()));
        }
        List<Point> pca = vm.pcaPointsProperty().get();
        if (!pca.isEmpty()) {
            double[][] xy = new double[pca.size()][];
            for (int i = 0; i < xy.length; i++) {
                xy[i] = new double[] {pca.get(i).x(), pca.get(i).y()};
            }
            out.add(new LabeledMatrix("pca", Matrix.of(xy), pca.stream().map(Point::label).toList(), List.of("PC1", "PC2")));
        }
        return out;
    }

    private void layoutPanels() {
        setLeft(panelsShown.get() ? controls : null);
        Map<String, Node> blocks = new LinkedHashMap<>();
        List<Node> row = new ArrayList<>();
        for (String p : panelOrder) {
            switch (p) {
                case "plot" -> {
                    row.add(plotCard);
                    blocks.putIfAbsent("words", wordsRow);
                }
                case "table" -> {
                    row.add(tableCard);
                    blocks.putIfAbsent("words", wordsRow);
                }
                case "input" -> blocks.put("input", inputCard);
                case "pca" -> {
                    row.add(pcaCard);
                    blocks.putIfAbsent("words", wordsRow);
                }
                default -> {
                }
            }
        }
        wordsRow.getChildren().setAll(row);
        visual.getChildren().setAll(blocks.values());
    }

    // ---------------------------------------------------------------- word vectors

    private Node plotCard() {
        Label title = parts.label("embedding.plot.title", "section-title");
        scatter.setId("embedding-scatter");
        scatter.pointsProperty().bind(vm.pointsProperty());
        scatter.axisNamesProperty().bind(vm.axesProperty());
        scatter.yawProperty().bindBidirectional(vm.yawProperty());
        scatter.pitchProperty().bindBidirectional(vm.pitchProperty());
        scatter.showVectorsProperty().bind(vm.showVectorsProperty());
        scatter.setDefaultView(EmbeddingViewModel.DEFAULT_YAW, EmbeddingViewModel.DEFAULT_PITCH);
        scatter.prefWidthProperty().bind(em(27));
        scatter.prefHeightProperty().bind(em(24));
        scatter.minWidthProperty().bind(em(27));
        scatter.minHeightProperty().bind(em(20));
        Label how = parts.label(scatter.isThreeD() ? "embedding.plot.how3d" : "embedding.plot.how2d", "hint");
        how.setId("embedding-renderer");
        how.setWrapText(true);
        Label notice = parts.message(vm.plotNoticeProperty(), "notice-text");
        Label angles = new Label();
        angles.getStyleClass().add("hint");
        angles.setId("embedding-angles");
        angles.textProperty().bind(Bindings.createStringBinding(() -> i18n.format("embedding.plot.angles",
                Math.round(scatter.yawProperty().get()), Math.round(scatter.pitchProperty().get()),
                String.format(java.util.Locale.ROOT, "%.2f", scatter.zoomProperty().get())),
                scatter.yawProperty(), scatter.pitchProperty(), scatter.zoomProperty(), i18n.localeProperty()));
        VBox box = new VBox(title, scatter, angles, notice, how);
        box.getStyleClass().add("embedding-card");
        box.spacingProperty().bind(em(0.4));
        // as wide as the plot: the wrapped hints must not widen the card
        box.minWidthProperty().bind(em(28.5));
        box.prefWidthProperty().bind(em(28.5));
        box.maxWidthProperty().bind(em(28.5));
        HBox.setHgrow(box, Priority.NEVER);
        return box;
    }

    private Node tableCard() {
        Label title = parts.label("embedding.table.coordinates", "section-title");
        title.setWrapText(true);
        coordinates.setId("heatmap-coordinates");
        coordinates.dataProperty().bind(vm.coordinatesProperty());
        coordinates.rowLabelsProperty().bind(vm.wordLabelsProperty());
        coordinates.colLabelsProperty().bind(vm.coordinateLabelsProperty());
        coordinates.scaleModeProperty().set(ScaleMode.SIGNED);
        coordinates.colorMapProperty().bind(appearance.divergingMapProperty());
        coordinates.cellSizeProperty().bind(em(3.2));
        coordinates.maxPlotSizeProperty().bind(em(22));
        coordinates.editableProperty().set(true);
        coordinates.onCellEditProperty().set(e -> vm.editCoordinate(e.cell().row(), e.cell().col(), e.value()));
        coordinates.onEditErrorProperty().set(vm::reportBadCell);

        Label distTitle = parts.label("embedding.table.distance", "card-title");
        distTitle.setWrapText(true);
        setupPairTable(distances, "heatmap-distances", ScaleMode.RANGE);
        distances.dataProperty().bind(vm.distancesProperty());
        distances.colorMapProperty().bind(appearance.sequentialMapProperty());

        Label simTitle = new Label();
        simTitle.getStyleClass().add("card-title");
        simTitle.setWrapText(true);
        simTitle.textProperty().bind(Bindings.createStringBinding(() -> i18n.get(
                vm.similarityProperty().get() == Similarity.DOT ? "embedding.table.dot" : "embedding.table.cosine"),
                vm.similarityProperty(), i18n.localeProperty()));
        setupPairTable(similarities, "heatmap-similarities", ScaleMode.SIGNED);
        similarities.dataProperty().bind(vm.similaritiesProperty());
        similarities.colorMapProperty().bind(appearance.divergingMapProperty());

        VBox dist = new VBox(distTitle, distances);
        VBox sim = new VBox(simTitle, similarities);
        dist.spacingProperty().bind(em(0.2));
        sim.spacingProperty().bind(em(0.2));
        FlowPane pair = new FlowPane(dist, sim);
        pair.hgapProperty().bind(em(1));
        pair.vgapProperty().bind(em(0.6));
        Label readout = parts.message(vm.pairReadoutProperty(), "focus-line");
        readout.setId("embedding-pair");
        Label hint = parts.label("embedding.table.hint", "hint");
        hint.setWrapText(true);
        VBox box = new VBox(title, coordinates, pair, readout, hint);
        box.getStyleClass().add("embedding-card");
        box.spacingProperty().bind(em(0.4));
        // as wide as the two square tables side by side; the texts wrap inside
        pair.prefWrapLengthProperty().bind(em(42));
        box.prefWidthProperty().bind(em(44));
        box.maxWidthProperty().bind(em(44));
        return box;
    }

    private void setupPairTable(Heatmap map, String id, ScaleMode mode) {
        map.setId(id);
        map.rowLabelsProperty().bind(vm.wordLabelsProperty());
        map.colLabelsProperty().bind(vm.wordLabelsProperty());
        map.scaleModeProperty().set(mode);
        map.decimalsProperty().set(4);
        map.cellSizeProperty().bind(em(3.4));
        map.maxPlotSizeProperty().bind(em(20));
        map.selectedCellProperty().bindBidirectional(vm.selectedPairProperty());
    }

    // ---------------------------------------------------------------- BERT's input

    private Node inputCard() {
        Label title = parts.label("embedding.input.title", "section-title");
        title.setWrapText(true);
        Label source = parts.message(vm.inputSourceProperty(), "hint");
        source.setId("embedding-source");
        Label notice = parts.message(vm.inputNoticeProperty(), "notice-text");
        // the operator travels with the table after it, so a wrapped line still reads "+ E_position = input"
        FlowPane sum = new FlowPane(table(tokenTable, "embedding.input.token", "heatmap-token"),
                withOp("+", table(segmentTable, "embedding.input.segment", "heatmap-segment")),
                withOp("+", table(positionTable, "embedding.input.position", "heatmap-position")),
                withOp("=", table(sumTable, "embedding.input.sum", "heatmap-sum")));
        sum.hgapProperty().bind(em(0.6));
        sum.vgapProperty().bind(em(0.6));
        sum.setRowValignment(javafx.geometry.VPos.CENTER);
        vm.inputProperty().addListener((obs, old, now) -> showInput(now));
        showInput(vm.inputProperty().get());
        Label formula = new Label("h₀ = LayerNorm(E_token[input_ids] + E_segment[token_type_ids] + E_position[0 … T−1])");
        formula.getStyleClass().add("formula");
        formula.setWrapText(true);
        Label hint = parts.label("embedding.input.hint", "hint");
        hint.setWrapText(true);
        VBox box = new VBox(title, source, notice, sum, formula, hint);
        box.setId("embedding-input");
        box.getStyleClass().add("embedding-card");
        box.spacingProperty().bind(em(0.4));
        return box;
    }

    private VBox table(Heatmap map, String titleKey, String id) {
        map.setId(id);
        map.scaleModeProperty().set(ScaleMode.SIGNED);
        map.colorMapProperty().bind(appearance.divergingMapProperty());
        map.cellSizeProperty().bind(em(2.5));
        map.maxPlotSizeProperty().bind(em(24));
        Label t = parts.label(titleKey, "card-title");
        VBox box = new VBox(t, map);
        box.spacingProperty().bind(em(0.2));
        return box;
    }

    private HBox withOp(String symbol, Node table) {
        Label l = new Label(symbol);
        l.getStyleClass().add("pipeline-arrow");
        HBox box = new HBox(l, table);
        box.spacingProperty().bind(em(0.6));
        box.setAlignment(Pos.CENTER_LEFT);
        return box;
    }

    private void showInput(InputEmbeddings in) {
        if (in == null) {
            return;
        }
        tokenTable.rowLabelsProperty().set(in.tokens());
        segmentTable.rowLabelsProperty().set(in.segments());
        positionTable.rowLabelsProperty().set(in.positions());
        sumTable.rowLabelsProperty().set(in.tokens());
        for (Heatmap h : List.of(tokenTable, segmentTable, positionTable, sumTable)) {
            h.colLabelsProperty().set(in.dims());
        }
        tokenTable.setData(in.token());
        segmentTable.setData(in.segment());
        positionTable.setData(in.position());
        sumTable.setData(in.sum());
    }

    // ---------------------------------------------------------------- PCA

    private Node pcaCard() {
        Label title = parts.label("embedding.pca.title", "section-title");
        Label what = parts.message(vm.pcaWhatProperty(), "hint");
        Label kept = parts.message(vm.pcaKeptProperty(), "focus-line");
        kept.setId("embedding-pca-kept");
        pcaPlot.setId("embedding-pca");
        pcaPlot.pointsProperty().bind(vm.pcaPointsProperty());
        pcaPlot.prefWidthProperty().bind(em(30.5));
        pcaPlot.prefHeightProperty().bind(em(20));
        pcaPlot.minHeightProperty().bind(em(14));
        Label hint = parts.label("embedding.pca.hint", "hint");
        hint.setWrapText(true);
        VBox box = new VBox(title, what, kept, pcaPlot, hint);
        box.getStyleClass().add("embedding-card");
        box.spacingProperty().bind(em(0.4));
        box.prefWidthProperty().bind(em(32));
        box.maxWidthProperty().bind(em(32));
        return box;
    }

    // ---------------------------------------------------------------- controls

    private Node controls() {
        VBox box = ViewParts.controlPanel(em(19));
        Label title = parts.label("embedding.title", "view-title");
        title.setWrapText(true);

        Label wordsTitle = parts.label("embedding.words", "section-title");
        Button example = parts.button("embedding.datawhale");
        example.setId("embedding-datawhale");
        example.setMaxWidth(Double.MAX_VALUE);
        example.setWrapText(true);
        example.setOnAction(e -> vm.loadDatawhaleWords());
        TextField newWord = new TextField();
        newWord.setId("embedding-new-word");
        newWord.promptTextProperty().bind(i18n.text("embedding.newWord.prompt"));
        Button add = parts.button("embedding.addWord");
        add.setMinWidth(javafx.scene.layout.Region.USE_PREF_SIZE);
        Runnable addIt = () -> {
            vm.addWord(newWord.getText());
            newWord.clear();
        };
        add.setOnAction(e -> addIt.run());
        newWord.setOnAction(e -> addIt.run());
        HBox.setHgrow(newWord, Priority.ALWAYS);
        HBox addRow = new HBox(newWord, add);
        addRow.setSpacing(6);
        Button remove = parts.button("embedding.removeWord");
        remove.setMaxWidth(Double.MAX_VALUE);
        remove.setWrapText(true);
        remove.setOnAction(e -> {
            Cell c = coordinates.selectedCellProperty().get();
            vm.removeWord(c != null ? c.row() : vm.wordLabelsProperty().get().size() - 1);
        });

        ToggleGroup sim = new ToggleGroup();
        RadioButton cosine = radio("embedding.similarity.cosine", sim, Similarity.COSINE);
        RadioButton dot = radio("embedding.similarity.dot", sim, Similarity.DOT);
        Runnable syncSim = () -> sim.selectToggle(vm.similarityProperty().get() == Similarity.DOT ? dot : cosine);
        syncSim.run();
        vm.similarityProperty().addListener(o -> syncSim.run());
        sim.selectedToggleProperty().addListener((obs, was, now) -> {
            if (now != null) {
                vm.similarityProperty().set((Similarity) now.getUserData());
            }
        });
        CheckBox arrows = new CheckBox();
        arrows.textProperty().bind(i18n.text("embedding.showVectors"));
        arrows.setWrapText(true);
        arrows.selectedProperty().bindBidirectional(vm.showVectorsProperty());

        Label inputTitle = parts.label("embedding.inputControls", "section-title");
        TextField a = new TextField();
        a.setId("embedding-text");
        a.textProperty().bindBidirectional(vm.textProperty());
        CheckBox pairMode = new CheckBox();
        pairMode.setId("embedding-pair-mode");
        pairMode.textProperty().bind(i18n.text("embedding.pairMode"));
        pairMode.selectedProperty().bindBidirectional(vm.pairModeProperty());
        TextField b = new TextField();
        b.setId("embedding-pair-text");
        b.textProperty().bindBidirectional(vm.pairProperty());
        b.disableProperty().bind(vm.pairModeProperty().not());
        Spinner<Integer> dims = new Spinner<>(1, EmbeddingViewModel.MAX_DIMS, vm.dimsProperty().get());
        dims.setEditable(true);
        dims.getValueFactory().valueProperty().addListener((obs, was, now) -> {
            if (now != null) {
                vm.dimsProperty().set(now);
            }
        });
        vm.dimsProperty().addListener((obs, was, now) -> dims.getValueFactory().setValue(now.intValue()));
        Spinner<Integer> seed = new Spinner<>(0, Integer.MAX_VALUE, vm.seedProperty().get());
        seed.setEditable(true);
        seed.getValueFactory().valueProperty().addListener((obs, was, now) -> {
            if (now != null) {
                vm.seedProperty().set(now);
            }
        });
        vm.seedProperty().addListener((obs, was, now) -> seed.getValueFactory().setValue(now.intValue()));
        Label dimsLabel = parts.label("embedding.dims", "hint");
        Label seedLabel = parts.label("embedding.seed", "hint");

        Label pcaTitle = parts.label("embedding.pcaControls", "section-title");
        ToggleGroup pca = new ToggleGroup();
        RadioButton pcaWords = radio("embedding.pca.source.words", pca, PcaSource.WORDS);
        RadioButton pcaTokens = radio("embedding.pca.source.tokens", pca, PcaSource.TOKENS);
        Runnable syncPca = () -> pca.selectToggle(vm.pcaSourceProperty().get() == PcaSource.TOKENS ? pcaTokens : pcaWords);
        syncPca.run();
        vm.pcaSourceProperty().addListener(o -> syncPca.run());
        pca.selectedToggleProperty().addListener((obs, was, now) -> {
            if (now != null) {
                vm.pcaSourceProperty().set((PcaSource) now.getUserData());
            }
        });

        ProgressIndicator busy = ViewParts.busyIndicator(vm.busyProperty());
        Label error = parts.message(vm.errorProperty(), "error-text");
        error.setId("embedding-error");
        Label notice = parts.message(vm.noticeProperty(), "hint");
        Label hint = parts.label("embedding.hint", "hint");
        hint.setWrapText(true);
        box.getChildren().addAll(title, wordsTitle, example, addRow, remove, cosine, dot, arrows, inputTitle, a, pairMode, b,
                dimsLabel, dims, seedLabel, seed, pcaTitle, pcaWords, pcaTokens, busy, error, notice, hint);
        return box;
    }

    private RadioButton radio(String key, ToggleGroup group, Object data) {
        RadioButton r = new RadioButton();
        r.setMnemonicParsing(false);
        r.textProperty().bind(i18n.text(key));
        r.setToggleGroup(group);
        r.setUserData(data);
        r.setWrapText(true);
        return r;
    }

    // ---------------------------------------------------------------- helpers

    /** {@code factor} font sizes of the presenter's text, times the lesson's zoom. */
    private javafx.beans.binding.DoubleBinding em(double factor) {
        return appearance.em(factor).multiply(zoom);
    }

}
