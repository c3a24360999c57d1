/**
 * The lesson player (issue 6): the library of lessons with the student's progress, the step panel
 * beside the view a step drives (Markdown text, formula, figure, the predict-then-reveal
 * question), the step keys, presenter mode with the teacher's window, and a small safe Markdown
 * renderer. Views are driven only through {@link org.attentionlab.ui.shell.LessonView}, found on
 * the shell's pages by name ({@link org.attentionlab.ui.lessons.ShellViews}); lesson files are
 * read by {@code org.attentionlab.lesson}.
 */
package org.attentionlab.ui.lessons;
