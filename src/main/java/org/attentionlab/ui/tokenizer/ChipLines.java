package org.attentionlab.ui.tokenizer;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Supplier;

import javafx.beans.property.DoubleProperty;
import javafx.beans.property.SimpleDoubleProperty;
import javafx.geometry.Insets;
import javafx.scene.Node;
import javafx.scene.layout.Region;

/**
 * Token columns laid out in lines that wrap like text, with a header column at the start of
 * every line, so the rows beneath the chips (input_ids, token_type_ids, attention_mask) stay
 * aligned and named however the columns wrap. Header and columns use the same row heights (set in
 * CSS), so their rows line up.
 */
final class ChipLines extends Region {

    private final Supplier<Node> headerFactory;
    private final List<Node> headers = new ArrayList<>();
    private final List<Node> columns = new ArrayList<>();
    private final DoubleProperty hgap = new SimpleDoubleProperty(this, "hgap", 4);
    private final DoubleProperty vgap = new SimpleDoubleProperty(this, "vgap", 10);

    ChipLines(Supplier<Node> headerFactory) {
        this.headerFactory = headerFactory;
        getStyleClass().add("chip-lines");
        hgap.addListener(o -> requestLayout());
        vgap.addListener(o -> requestLayout());
        addHeader();
    }

    DoubleProperty hgapProperty() {
        return hgap;
    }

    DoubleProperty vgapProperty() {
        return vgap;
    }

    /** Shows these columns, in order (nodes are reused by the caller). */
    void setColumns(List<? extends Node> nodes) {
        getChildren().removeAll(columns);
        columns.clear();
        columns.addAll(nodes);
        getChildren().addAll(columns);
        requestLayout();
    }

    List<Node> headers() {
        return List.copyOf(headers);
    }

    /** How many lines the columns take at the current width (for tests). */
    int lineCount() {
        return lines(getWidth() - getInsets().getLeft() - getInsets().getRight()).size();
    }

    private Node addHeader() {
        Node h = headerFactory.get();
        headers.add(h);
        getChildren().add(h);
        return h;
    }

    /** [first column, end column) of each line. */
    private List<int[]> lines(double width) {
        List<int[]> out = new ArrayList<>();
        double start = headerWidth() + hgap.get();
        double x = start;
        int first = 0;
        for (int i = 0; i < columns.size(); i++) {
            double w = columns.get(i).prefWidth(-1);
            if (x + w > width && i > first) {
                out.add(new int[] {first, i});
                first = i;
                x = start;
            }
            x += w + hgap.get();
        }
        if (first < columns.size() || out.isEmpty()) {
            out.add(new int[] {first, columns.size()});
        }
        return out;
    }

    private double headerWidth() {
        return headers.get(0).prefWidth(-1);
    }

    private double lineHeight(int[] line) {
        double h = headers.get(0).prefHeight(-1);
        for (int i = line[0]; i < line[1]; i++) {
            h = Math.max(h, columns.get(i).prefHeight(-1));
        }
        return h;
    }

    @Override
    protected double computePrefWidth(double height) {
        Insets in = getInsets();
        double w = headerWidth();
        for (int i = 0; i < Math.min(12, columns.size()); i++) {
            w += hgap.get() + columns.get(i).prefWidth(-1);
        }
        return in.getLeft() + w + in.getRight();
    }

    @Override
    protected double computeMinWidth(double height) {
        Insets in = getInsets();
        double w = headerWidth();
        for (Node c : columns) {
            w = Math.max(w, headerWidth() + hgap.get() + c.prefWidth(-1));
        }
        return in.getLeft() + Math.min(w, headerWidth() + 200) + in.getRight();
    }

    @Override
    protected double computePrefHeight(double width) {
        Insets in = getInsets();
        double w = (width < 0 ? computePrefWidth(-1) : width) - in.getLeft() - in.getRight();
        double h = 0;
        List<int[]> lines = lines(w);
        for (int[] line : lines) {
            h += lineHeight(line);
        }
        h += vgap.get() * Math.max(0, lines.size() - 1);
        return in.getTop() + h + in.getBottom();
    }

    @Override
    public javafx.geometry.Orientation getContentBias() {
        return javafx.geometry.Orientation.HORIZONTAL;
    }

    @Override
    protected void layoutChildren() {
        Insets in = getInsets();
        double width = getWidth() - in.getLeft() - in.getRight();
        List<int[]> lines = lines(width);
        while (headers.size() < lines.size()) {
            addHeader();
        }
        double hw = headerWidth();
        double y = in.getTop();
        for (int l = 0; l < headers.size(); l++) {
            Node header = headers.get(l);
            if (l >= lines.size()) {
                header.setVisible(false);
                continue;
            }
            int[] line = lines.get(l);
            double lh = lineHeight(line);
            header.setVisible(true);
            header.resizeRelocate(in.getLeft(), y, hw, header.prefHeight(hw));
            double x = in.getLeft() + hw + hgap.get();
            for (int i = line[0]; i < line[1]; i++) {
                Node c = columns.get(i);
                double cw = c.prefWidth(-1);
                c.resizeRelocate(x, y, cw, c.prefHeight(cw));
                x += cw + hgap.get();
            }
            y += lh + vgap.get();
        }
    }
}
