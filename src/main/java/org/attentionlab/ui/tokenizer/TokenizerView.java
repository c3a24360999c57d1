package org.attentionlab.ui.tokenizer;

import java.io.File;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import javafx.beans.binding.Bindings;
import javafx.beans.property.BooleanProperty;
import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyBooleanWrapper;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.SimpleBooleanProperty;
import javafx.geometry.Insets;
import javafx.geometry.Pos;
import javafx.scene.Node;
import javafx.scene.control.Button;
import javafx.scene.control.CheckBox;
import javafx.scene.control.Label;
import javafx.scene.control.ProgressIndicator;
import javafx.scene.control.ScrollPane;
import javafx.scene.control.Slider;
import javafx.scene.control.TextArea;
import javafx.scene.input.KeyCode;
import javafx.scene.input.KeyEvent;
import javafx.scene.input.MouseEvent;
import javafx.scene.layout.BorderPane;
import javafx.scene.layout.FlowPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.VBox;
import javafx.stage.FileChooser;

import org.attentionlab.engine.trace.Matrix;
import org.attentionlab.io.LabeledMatrix;
import org.attentionlab.lesson.StateMap;
import org.attentionlab.text.Encoding;
import org.attentionlab.text.TokenKind;
import org.attentionlab.ui.Appearance;
import org.attentionlab.ui.I18n;
import org.attentionlab.ui.Message;
import org.attentionlab.ui.shell.Exportable;
import org.attentionlab.ui.shell.LessonView;
import org.attentionlab.ui.tokenizer.TokenizerViewModel.Chip;

/**
 * The tokenizer view (issue 5): on the left the text, sentence-pair mode, case, max_length and
 * the vocabulary; in the middle one chip per token, coloured and bordered by kind, with its
 * input_id, token_type_id and attention_mask aligned beneath, then the decoded round trip and
 * why "Transformer" is [UNK] in the notebook. Only binds to {@link TokenizerViewModel}.
 */
public final class TokenizerView extends BorderPane implements LessonView, Exportable {

    /** The panels a lesson may name (lesson.ViewCatalog). */
    public static final List<String> PANELS = List.of("tokens", "ids", "type-ids", "attention-mask", "decoded", "explain",
            "controls");

    private final TokenizerViewModel vm;
    private final I18n i18n;
    private final Appearance appearance;
    private final ChipLines lines;
    private final List<TokenColumn> pool = new ArrayList<>();
    private final List<TokenColumn> headers = new ArrayList<>();
    private final VBox visual = new VBox();
    private final Node controls;
    private final Node chipsBlock;
    /** The key to the chips' colours, drawn after every other block. */
    private final FlowPane legend = new FlowPane();
    private final Node decodedBlock;
    private final Node explainBlock;
    private final BooleanProperty panelsShown = new SimpleBooleanProperty(this, "panelsShown", true);
    private final ReadOnlyBooleanWrapper busy = new ReadOnlyBooleanWrapper(this, "busy");
    private boolean showChips = true;
    private boolean showIds = true;
    private boolean showTypes = true;
    private boolean showMask = true;
    private List<String> panelOrder = PANELS;

    public TokenizerView(TokenizerViewModel vm, I18n i18n, Appearance appearance) {
        this.vm = vm;
        this.i18n = i18n;
        this.appearance = appearance;
        getStyleClass().add("tokenizer-view");
        setId("tokenizer-view");
        busy.bind(vm.busyBinding());
        lines = new ChipLines(this::header);
        lines.setId("tokenizer-chips");
        lines.hgapProperty().bind(appearance.em(0.3));
        lines.vgapProperty().bind(appearance.em(0.8));
        chipsBlock = chips();
        decodedBlock = decoded();
        explainBlock = explain();
        visual.getStyleClass().add("tokenizer-visual");
        visual.setId("tokenizer-visual");
        visual.spacingProperty().bind(appearance.em(0.9));
        visual.paddingProperty().bind(Bindings.createObjectBinding(
                () -> new Insets(appearance.getFontSize() * 0.8), appearance.fontSizeProperty()));
        controls = scroll(controls(), "tokenizer-controls-scroll");
        ScrollPane centre = scroll(visual, "tokenizer-visual-scroll");
        setCenter(centre);
        layoutPanels();
        vm.chipsProperty().addListener(o -> fillChips());
        vm.focusProperty().addListener(o -> fillChips());
        fillChips();
        panelsShown.addListener(o -> layoutPanels());
        addEventFilter(KeyEvent.KEY_PRESSED, e -> {
            if (e.getCode() == KeyCode.F9) {
                panelsShown.set(!panelsShown.get());
                e.consume();
            }
        });
    }

    public TokenizerViewModel viewModel() {
        return vm;
    }

    /** Whether the control panel is shown (F9 toggles). */
    public BooleanProperty panelsShownProperty() {
        return panelsShown;
    }

    /** The token columns as laid out (for tests). */
    ChipLines chipLines() {
        return lines;
    }

    // ---------------------------------------------------------------- LessonView, Exportable

    @Override
    public String lessonViewName() {
        return "tokenizer";
    }

    @Override
    public void applyLessonState(StateMap state) {
        vm.applyLessonState(state);
        panelOrder = state.texts("panels").orElse(PANELS);
        showChips = panelOrder.contains("tokens");
        showIds = panelOrder.contains("ids");
        showTypes = panelOrder.contains("type-ids");
        showMask = panelOrder.contains("attention-mask");
        panelsShown.set(panelOrder.contains("controls"));
        double zoom = state.number("zoom").orElse(1.0);
        visual.setStyle(zoom == 1.0 ? "" : "-fx-font-size: " + zoom + "em;");
        layoutPanels();
        fillChips();
    }

    @Override
    public ReadOnlyBooleanProperty busyProperty() {
        return busy.getReadOnlyProperty();
    }

    @Override
    public Node exportNode() {
        return visual;
    }

    @Override
    public List<LabeledMatrix> exportMatrices() {
        Encoding e = vm.encodingProperty().get();
        if (e == null) {
            return List.of();
        }
        int n = e.size();
        double[][] rows = new double[3][n];
        for (int i = 0; i < n; i++) {
            rows[0][i] = e.inputIds().get(i);
            rows[1][i] = e.tokenTypeIds().get(i);
            rows[2][i] = e.attentionMask().get(i);
        }
        return List.of(new LabeledMatrix("tokenizer", Matrix.of(rows),
                List.of("input_ids", "token_type_ids", "attention_mask"), e.tokens()));
    }

    // ---------------------------------------------------------------- layout of the panels

    private void layoutPanels() {
        setLeft(panelsShown.get() ? controls : null);
        Map<String, Node> blocks = new LinkedHashMap<>();
        for (String p : panelOrder) {
            switch (p) {
                case "tokens", "ids", "type-ids", "attention-mask" -> blocks.putIfAbsent("chips", chipsBlock);
                case "decoded" -> blocks.put("decoded", decodedBlock);
                case "explain" -> blocks.put("explain", explainBlock);
                default -> {
                }
            }
        }
        visual.getChildren().setAll(blocks.values());
        // the key last: at presenter sizes it alone fills the height of the screen, and the chips,
        // the decoded text and the explanation are what a class has to see
        if (blocks.containsKey("chips")) {
            visual.getChildren().add(legend);
        }
    }

    // ---------------------------------------------------------------- the chips

    private Node chips() {
        Label title = label("tokenizer.title", "view-title");
        title.setWrapText(true);
        Label vocab = messageLabel(vm.vocabularyInfoProperty(), "hint", i -> i.describe());
        vocab.setId("tokenizer-vocabulary");
        legend.setId("tokenizer-legend");
        legend.getStyleClass().add("token-legend");
        legend.hgapProperty().bind(appearance.em(1.0));
        legend.vgapProperty().bind(appearance.em(0.4));
        for (TokenKind k : TokenKind.values()) {
            Label sample = new Label(sampleToken(k));
            sample.getStyleClass().addAll("token-chip", TokenColumn.styleClass(k));
            Label name = label(TokenizerViewModel.kindKey(k), "legend-text");
            HBox item = new HBox(sample, name);
            item.setAlignment(Pos.CENTER_LEFT);
            item.spacingProperty().bind(appearance.em(0.35));
            legend.getChildren().add(item);
        }
        Label chipNotice = message(vm.chipNoticeProperty(), "notice-text");
        chipNotice.setId("tokenizer-chip-notice");
        Label lengthNotice = message(vm.lengthNoticeProperty(), "notice-text");
        lengthNotice.setId("tokenizer-length-notice");
        Label focusLine = new Label();
        focusLine.setId("tokenizer-focus");
        focusLine.getStyleClass().add("focus-line");
        focusLine.setWrapText(true);
        focusLine.textProperty().bind(Bindings.createStringBinding(() -> {
            Chip c = vm.focusedProperty().get();
            return c == null ? i18n.get("tokenizer.focus.none")
                    : i18n.format("tokenizer.focus", c.index(), c.token(), String.valueOf(c.id()), c.typeId(), c.mask(),
                            i18n.get(TokenizerViewModel.kindKey(c.kind())));
        }, vm.focusedProperty(), i18n.localeProperty()));
        VBox box = new VBox(title, vocab, chipNotice, lengthNotice, lines, focusLine);
        box.spacingProperty().bind(appearance.em(0.5));
        return box;
    }

    private static String sampleToken(TokenKind k) {
        return switch (k) {
            case SPECIAL -> "[CLS]";
            case CJK -> "是";
            case WORD -> "model";
            case WORD_START -> "transform";
            case PIECE -> "##er";
            case UNKNOWN -> "[UNK]";
        };
    }

    private TokenColumn header() {
        TokenColumn h = new TokenColumn();
        h.getStyleClass().add("token-header");
        h.chip.getStyleClass().removeAll("token-chip");
        h.chip.getStyleClass().add("token-head-chip");
        h.chip.textProperty().bind(i18n.text("tokenizer.row.tokens"));
        h.id.setText("input_ids");
        h.type.setText("token_type_ids");
        h.mask.setText("attention_mask");
        for (Label l : List.of(h.chip, h.id, h.type, h.mask)) {
            l.setAlignment(Pos.CENTER_RIGHT);
        }
        h.rows(showChips, showIds, showTypes, showMask);
        headers.add(h);
        return h;
    }

    private void fillChips() {
        List<Chip> chips = vm.chipsProperty().get();
        while (pool.size() < chips.size()) {
            TokenColumn c = new TokenColumn();
            c.addEventHandler(MouseEvent.MOUSE_CLICKED, e -> {
                if (c.chip() != null) {
                    vm.focusProperty().set(c.chip().index());
                }
            });
            pool.add(c);
        }
        int focus = vm.focusProperty().get();
        for (int i = 0; i < chips.size(); i++) {
            pool.get(i).show(chips.get(i), chips.get(i).index() == focus);
            pool.get(i).rows(showChips, showIds, showTypes, showMask);
        }
        for (TokenColumn h : headers) {
            h.rows(showChips, showIds, showTypes, showMask);
        }
        lines.setColumns(pool.subList(0, chips.size()));
    }

    // ---------------------------------------------------------------- decoded and explanation

    private Node decoded() {
        Label title = label("tokenizer.decoded.title", "section-title");
        Label text = new Label();
        text.setId("tokenizer-decoded");
        text.getStyleClass().add("decoded-text");
        text.setWrapText(true);
        text.textProperty().bind(vm.decodedProperty());
        VBox notes = new VBox();
        notes.setId("tokenizer-notes");
        notes.spacingProperty().bind(appearance.em(0.3));
        Runnable fill = () -> {
            notes.getChildren().clear();
            for (Message m : vm.notesProperty().get()) {
                Label l = new Label("• " + m.format(i18n));
                l.setWrapText(true);
                l.getStyleClass().add("roundtrip-note");
                notes.getChildren().add(l);
            }
        };
        vm.notesProperty().addListener(o -> fill.run());
        i18n.localeProperty().addListener(o -> fill.run());
        fill.run();
        VBox box = new VBox(title, text, notes);
        box.getStyleClass().add("tokenizer-card");
        box.spacingProperty().bind(appearance.em(0.4));
        return box;
    }

    private Node explain() {
        Label title = label("tokenizer.explain.title", "section-title");
        title.setWrapText(true);
        Label body = label("tokenizer.explain.body", "explain-text");
        body.setWrapText(true);
        Label here = message(vm.transformerExampleProperty(), "explain-here");
        here.setId("tokenizer-transformer");
        VBox box = new VBox(title, body, here);
        box.setId("tokenizer-explain");
        box.getStyleClass().add("tokenizer-card");
        box.spacingProperty().bind(appearance.em(0.4));
        return box;
    }

    // ---------------------------------------------------------------- controls

    private Node controls() {
        VBox box = new VBox();
        box.getStyleClass().add("control-panel");
        box.prefWidthProperty().bind(appearance.em(20));
        box.maxWidthProperty().bind(appearance.em(20));

        Label input = label("tokenizer.input", "section-title");
        Button example = button("tokenizer.notebookExample");
        example.setId("tokenizer-example");
        example.setWrapText(true);
        example.setMaxWidth(Double.MAX_VALUE);
        example.setOnAction(e -> vm.loadNotebookExample());

        TextArea text = new TextArea();
        text.setId("tokenizer-text");
        text.setWrapText(true);
        text.setPrefRowCount(6);
        text.textProperty().bindBidirectional(vm.textProperty());
        text.promptTextProperty().bind(i18n.text("tokenizer.text.prompt"));

        CheckBox pairMode = check("tokenizer.pairMode");
        pairMode.setId("tokenizer-pair-mode");
        pairMode.selectedProperty().bindBidirectional(vm.pairModeProperty());
        TextArea pair = new TextArea();
        pair.setId("tokenizer-pair");
        pair.setWrapText(true);
        pair.setPrefRowCount(2);
        pair.textProperty().bindBidirectional(vm.pairProperty());
        pair.disableProperty().bind(vm.pairModeProperty().not());

        CheckBox cased = check("tokenizer.cased");
        cased.setId("tokenizer-cased");
        cased.selectedProperty().bindBidirectional(vm.casedProperty());

        CheckBox truncate = check("tokenizer.truncate");
        truncate.setId("tokenizer-truncate");
        truncate.selectedProperty().bindBidirectional(vm.truncateProperty());
        Slider slider = new Slider();
        slider.setId("tokenizer-max-length");
        slider.setMin(1);
        slider.maxProperty().bind(Bindings.max(vm.sliderMaxProperty(), vm.maxLengthProperty()));
        slider.setBlockIncrement(1);
        slider.setMajorTickUnit(1);
        slider.setMinorTickCount(0);
        slider.setSnapToTicks(true);
        slider.disableProperty().bind(vm.truncateProperty().not());
        slider.setValue(vm.maxLengthProperty().get());
        boolean[] syncing = {false};
        slider.valueProperty().addListener((obs, was, now) -> {
            if (!syncing[0] && Math.round(now.doubleValue()) != vm.maxLengthProperty().get()) {
                vm.maxLengthProperty().set((int) Math.round(now.doubleValue()));
            }
        });
        vm.maxLengthProperty().addListener((obs, was, now) -> {
            syncing[0] = true;
            slider.setValue(now.intValue());
            syncing[0] = false;
        });
        Label sliderValue = new Label();
        sliderValue.setId("tokenizer-max-length-value");
        sliderValue.getStyleClass().add("slider-value");
        sliderValue.textProperty().bind(Bindings.createStringBinding(
                () -> "max_length = " + vm.maxLengthProperty().get(), vm.maxLengthProperty()));

        Label vocabTitle = label("tokenizer.vocabulary", "section-title");
        Button open = button("tokenizer.openVocabulary");
        open.setId("tokenizer-open-vocabulary");
        open.setMaxWidth(Double.MAX_VALUE);
        open.setWrapText(true);
        open.setOnAction(e -> openVocabulary());
        Button shipped = button("tokenizer.shippedVocabulary");
        shipped.setId("tokenizer-shipped-vocabulary");
        shipped.setMaxWidth(Double.MAX_VALUE);
        shipped.setWrapText(true);
        shipped.setOnAction(e -> vm.useShippedVocabulary());

        ProgressIndicator progress = new ProgressIndicator();
        progress.visibleProperty().bind(vm.busyBinding());
        progress.managedProperty().bind(vm.busyBinding());
        progress.setPrefSize(28, 28);
        Label error = message(vm.errorProperty(), "error-text");
        error.setId("tokenizer-error");
        Label notice = message(vm.noticeProperty(), "hint");
        notice.setId("tokenizer-notice");
        Label hint = label("tokenizer.hint", "hint");
        hint.setWrapText(true);

        box.getChildren().addAll(input, example, text, pairMode, pair, cased, truncate, slider, sliderValue, vocabTitle,
                open, shipped, progress, error, notice, hint);
        return box;
    }

    private void openVocabulary() {
        FileChooser chooser = new FileChooser();
        chooser.setTitle(i18n.get("tokenizer.openVocabulary.title"));
        chooser.getExtensionFilters().addAll(new FileChooser.ExtensionFilter("vocab.txt", "*.txt"),
                new FileChooser.ExtensionFilter("*", "*"));
        File f = chooser.showOpenDialog(getScene() == null ? null : getScene().getWindow());
        if (f != null) {
            vm.openVocabulary(f.toPath());
        }
    }

    // ---------------------------------------------------------------- helpers

    private ScrollPane scroll(Node content, String id) {
        ScrollPane s = new ScrollPane(content);
        s.setId(id);
        s.getStyleClass().add("panel-scroll");
        s.setFitToWidth(true);
        s.setHbarPolicy(ScrollPane.ScrollBarPolicy.AS_NEEDED);
        return s;
    }

    private Label label(String key, String style) {
        Label l = new Label();
        l.textProperty().bind(i18n.text(key));
        l.getStyleClass().add(style);
        return l;
    }

    private Button button(String key) {
        Button b = new Button();
        b.setMnemonicParsing(false);
        b.textProperty().bind(i18n.text(key));
        return b;
    }

    private CheckBox check(String key) {
        CheckBox c = new CheckBox();
        c.setMnemonicParsing(false); // "max_length": an underscore is text here, not a mnemonic
        c.textProperty().bind(i18n.text(key));
        c.setWrapText(true);
        return c;
    }

    private Label message(ReadOnlyObjectProperty<Message> property, String style) {
        return messageLabel(property, style, m -> m);
    }

    private <T> Label messageLabel(ReadOnlyObjectProperty<T> property, String style,
                                   java.util.function.Function<T, Message> toMessage) {
        Label l = new Label();
        l.getStyleClass().add(style);
        l.setWrapText(true);
        l.textProperty().bind(Bindings.createStringBinding(() -> {
            T v = property.get();
            return v == null ? "" : toMessage.apply(v).format(i18n);
        }, property, i18n.localeProperty()));
        l.visibleProperty().bind(property.isNotNull());
        l.managedProperty().bind(property.isNotNull());
        return l;
    }
}
