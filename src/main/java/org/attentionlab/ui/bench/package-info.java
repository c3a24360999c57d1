/**
 * The UI's benchmark cases, run in a JVM of their own by the {@code bench} command (which holds
 * no JavaFX and reaches this package by class name): the 512×512 heatmap redraw through the real
 * {@link org.attentionlab.ui.widgets.Heatmap}, the FX thread's pulse gaps while the Q/K/V view
 * recomputes 512 tokens, and the app's first-frame probe for the cold start.
 */
package org.attentionlab.ui.bench;
