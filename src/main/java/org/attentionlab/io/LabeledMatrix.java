package org.attentionlab.io;

import java.util.List;
import java.util.Objects;

import org.attentionlab.engine.trace.Matrix;

/**
 * A matrix with a name and the labels of its rows and columns (tokens, dimensions), as a view shows
 * it: what CSV export writes.
 *
 * @param name      what it is, e.g. {@code "weights (head 1)"}; also the file name stem
 * @param matrix    the numbers (−∞ marks a masked score)
 * @param rowLabels one per row, or empty to number rows from 1
 * @param colLabels one per column, or empty to number columns from 1
 */
public record LabeledMatrix(String name, Matrix matrix, List<String> rowLabels, List<String> colLabels) {

    public LabeledMatrix {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(matrix, "matrix");
        rowLabels = List.copyOf(rowLabels);
        colLabels = List.copyOf(colLabels);
        if (!rowLabels.isEmpty() && rowLabels.size() != matrix.rows()) {
            throw new IllegalArgumentException("'" + name + "' has " + matrix.rows() + " rows but " + rowLabels.size()
                    + " row labels");
        }
        if (!colLabels.isEmpty() && colLabels.size() != matrix.cols()) {
            throw new IllegalArgumentException("'" + name + "' has " + matrix.cols() + " columns but " + colLabels.size()
                    + " column labels");
        }
    }

    /** Without labels. */
    public static LabeledMatrix of(String name, Matrix matrix) {
        return new LabeledMatrix(name, matrix, List.of(), List.of());
    }
}
