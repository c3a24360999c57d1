/**
 * Saving what a view shows, for slides and notebooks: any view implementing
 * {@link org.attentionlab.ui.shell.Exportable} as PNG at 1×, 2× or 3× and its matrices as CSV, from
 * the File menu ({@link org.attentionlab.ui.export.ExportActions}) or headless from the command line
 * ({@link org.attentionlab.ui.export.ExportCommand}), which builds the same window through
 * {@code AttentionLabApp.compose} and drives the view through
 * {@link org.attentionlab.ui.shell.LessonView#applyLessonState}. Files are never replaced without
 * asking (or {@code --force}), and always written atomically.
 */
package org.attentionlab.ui.export;
