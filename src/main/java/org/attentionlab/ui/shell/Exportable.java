package org.attentionlab.ui.shell;

import java.util.List;

import javafx.scene.Node;

import org.attentionlab.io.LabeledMatrix;

/**
 * A view that can be saved for slides: its picture as PNG (at 1×, 2× or 3× scale) and the matrices
 * it shows as CSV.
 */
public interface Exportable {

    /**
     * The part of the view worth a slide: the visualisation with its titles, formulas and colour
     * bars, without input controls. A node of the live view, laid out as it is shown now.
     */
    Node exportNode();

    /** The matrices the view shows now, each with its name and labels; empty while nothing is computed. */
    List<LabeledMatrix> exportMatrices();
}
