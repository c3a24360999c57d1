package org.attentionlab.ui.bleu;

import java.util.ArrayList;
import java.util.List;

import javafx.beans.binding.DoubleExpression;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.SimpleObjectProperty;
import javafx.geometry.Pos;
import javafx.scene.control.Label;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Region;
import javafx.scene.layout.StackPane;
import javafx.scene.layout.VBox;

/**
 * A bar per n-gram order: the height is pₙ as the mean uses it (after smoothing), the label under
 * it the fraction counted (matches / total), the label over it the value. Orders the mean leaves
 * out (effective order, the textbook's min(k, c)) are drawn as an empty frame; smoothed ones in
 * the warning colour, so a student sees which number is not a real count.
 */
final class PrecisionBars extends HBox {

    private final ObjectProperty<BleuAnalysis.Summary> summary = new SimpleObjectProperty<>(this, "summary");
    private final DoubleExpression em;
    private final List<VBox> columns = new ArrayList<>();

    PrecisionBars(DoubleExpression em) {
        this.em = em;
        getStyleClass().add("bleu-bars");
        setAlignment(Pos.BOTTOM_LEFT);
        spacingProperty().bind(em.multiply(0.9));
        summary.addListener(x -> rebuild());
        em.addListener(x -> rebuild());
        rebuild();
    }

    ObjectProperty<BleuAnalysis.Summary> summaryProperty() {
        return summary;
    }

    /** The column of order n (1-based), for tests. */
    VBox column(int n) {
        return columns.get(n - 1);
    }

    int columnCount() {
        return columns.size();
    }

    private void rebuild() {
        getChildren().clear();
        columns.clear();
        BleuAnalysis.Summary s = summary.get();
        int orders = s == null || !s.available() ? BleuViewModel.MAX_ORDER : s.orders();
        double height = em.get() * 6.5;
        for (int i = 0; i < orders; i++) {
            boolean known = s != null && s.available();
            double p = known ? s.precisions()[i] : 0;
            boolean used = known && s.used()[i];
            Label value = new Label(known ? (used ? percent(p) : "—") : "");
            value.getStyleClass().add("bleu-bar-value");
            Region bar = new Region();
            bar.getStyleClass().add("bleu-bar");
            if (known && s.smoothed()[i]) {
                bar.getStyleClass().add("smoothed");
            }
            if (!used) {
                bar.getStyleClass().add("unused");
            }
            double h = used ? Math.max(2, p * height) : height;
            bar.setMinSize(em.get() * 3.2, h);
            bar.setPrefSize(em.get() * 3.2, h);
            bar.setMaxSize(em.get() * 3.2, h);
            StackPane slot = new StackPane(bar);
            slot.setAlignment(Pos.BOTTOM_CENTER);
            slot.setMinHeight(height);
            slot.setPrefHeight(height);
            Label fraction = new Label(known ? BleuAnalysis.fraction(s.counts()[i], s.totals()[i]) : "");
            fraction.getStyleClass().add("bleu-bar-fraction");
            Label name = new Label("p" + subscript(i + 1));
            name.getStyleClass().add("bleu-bar-name");
            VBox col = new VBox(value, slot, fraction, name);
            col.setAlignment(Pos.BOTTOM_CENTER);
            col.setSpacing(em.get() * 0.2);
            col.setId("bleu-bar-" + (i + 1));
            columns.add(col);
            getChildren().add(col);
        }
    }

    /** pₙ as a percentage with at most 2 decimals ("66.67%", "50%"), tiny ones as powers of ten. */
    static String percent(double p) {
        if (p == 0) {
            return "0";
        }
        if (p < 1e-4) {
            return BleuAnalysis.plain(p);
        }
        return BleuAnalysis.plain(Math.round(p * 10000) / 100.0) + "%";
    }

    static String subscript(int n) {
        return String.valueOf((char) ('₀' + n));
    }
}
