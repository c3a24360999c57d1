package org.attentionlab.ui.widgets;

/** A cell of a matrix, 0-based (row, column). */
public record Cell(int row, int col) {

    public Cell {
        if (row < 0 || col < 0) {
            throw new IllegalArgumentException("cell (" + row + ", " + col + ") has a negative index");
        }
    }
}
