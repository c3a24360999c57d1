package org.attentionlab.ui.widgets;

/** The user typed {@code value} into {@code cell} of a heatmap. */
public record CellEdit(Cell cell, double value) {
}
