/**
 * The desktop app (JavaFX): {@link org.attentionlab.ui.AttentionLabApp} is the composition root;
 * {@code shell} is the window, {@code widgets} the reusable pieces (heatmap, colour maps), and one
 * sub-package per view holds its {@code XView} and {@code XViewModel}. The only package that may
 * import JavaFX or ControlsFX; it talks to the engine through {@link org.attentionlab.ui.EngineService}
 * in plain arrays and immutable traces, on the background executor.
 */
package org.attentionlab.ui;
