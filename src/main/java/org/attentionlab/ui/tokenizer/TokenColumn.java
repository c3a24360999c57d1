package org.attentionlab.ui.tokenizer;

import java.util.List;

import javafx.css.PseudoClass;
import javafx.geometry.Pos;
import javafx.scene.control.Label;
import javafx.scene.layout.VBox;

import org.attentionlab.text.TokenKind;
import org.attentionlab.ui.tokenizer.TokenizerViewModel.Chip;

/**
 * One token: its chip (coloured and bordered by kind), and beneath it its input_id, token_type_id
 * and attention_mask, each in a row whose height the header column shares (CSS), so the rows align.
 */
final class TokenColumn extends VBox {

    static final PseudoClass FOCUSED = PseudoClass.getPseudoClass("focused-token");
    private static final List<String> KIND_CLASSES = List.of("chip-special", "chip-cjk", "chip-word", "chip-word-start",
            "chip-piece", "chip-unknown");

    final Label chip = new Label();
    final Label id = new Label();
    final Label type = new Label();
    final Label mask = new Label();
    private Chip shown;

    TokenColumn() {
        getStyleClass().add("token-column");
        chip.getStyleClass().addAll("token-chip", "token-row-chip");
        id.getStyleClass().addAll("token-num", "token-id");
        type.getStyleClass().addAll("token-num", "token-type");
        mask.getStyleClass().addAll("token-num", "token-mask");
        for (Label l : List.of(chip, id, type, mask)) {
            l.setMinWidth(USE_PREF_SIZE);
            l.setMaxWidth(Double.MAX_VALUE);
            l.setAlignment(Pos.CENTER);
        }
        setAlignment(Pos.TOP_CENTER);
        setFillWidth(true);
        getChildren().addAll(chip, id, type, mask);
    }

    /** The CSS class of a kind: chip-special, chip-cjk, chip-word, chip-word-start, chip-piece, chip-unknown. */
    static String styleClass(TokenKind kind) {
        return KIND_CLASSES.get(kind.ordinal());
    }

    Chip chip() {
        return shown;
    }

    void show(Chip c, boolean focused) {
        pseudoClassStateChanged(FOCUSED, focused);
        if (c.equals(shown)) {
            return; // same token: no new text, no CSS pass
        }
        shown = c;
        chip.setText(c.token().isEmpty() ? "∅" : c.token());
        chip.getStyleClass().removeAll(KIND_CLASSES);
        chip.getStyleClass().add(styleClass(c.kind()));
        id.setText(Integer.toString(c.id()));
        type.setText(Integer.toString(c.typeId()));
        type.getStyleClass().remove("segment-b");
        if (c.typeId() == 1) {
            type.getStyleClass().add("segment-b");
        }
        mask.setText(Integer.toString(c.mask()));
        mask.getStyleClass().remove("masked-out");
        if (c.mask() == 0) {
            mask.getStyleClass().add("masked-out");
        }
    }

    /** Which rows beneath the chip are shown (a lesson can hide them). */
    void rows(boolean chips, boolean ids, boolean types, boolean masks) {
        visible(chip, chips);
        visible(id, ids);
        visible(type, types);
        visible(mask, masks);
    }

    static void visible(Label l, boolean visible) {
        l.setVisible(visible);
        l.setManaged(visible);
    }
}
