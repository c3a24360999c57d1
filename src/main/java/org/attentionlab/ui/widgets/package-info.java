/**
 * Reusable view pieces: the {@link org.attentionlab.ui.widgets.Heatmap} (pixel-buffer drawing,
 * thinning labels, colour bar, hatched −∞ cells, hover and selection), the colour-blind-safe
 * {@link org.attentionlab.ui.widgets.ColorMap}s, and number formatting for the classroom.
 */
package org.attentionlab.ui.widgets;
