/**
 * Measurements behind the {@code bench} command: warm medians of many repetitions, FLOP counts,
 * the machine's sgemm rate measured in the same run, and peers run on the same weights. No
 * JavaFX here; the UI's own cases (heatmap redraw) are measured by the ui package.
 */
package org.attentionlab.bench;
