/**
 * Step-through lessons as data: the lesson model ({@link org.attentionlab.lesson.Lesson},
 * {@link org.attentionlab.lesson.Step}), the safe YAML loader and validator
 * ({@link org.attentionlab.lesson.LessonLoader}, {@link org.attentionlab.lesson.LessonLibrary}), the
 * catalogue of views a step may drive ({@link org.attentionlab.lesson.ViewCatalog}) and the checks
 * that recompute every number a lesson states ({@link org.attentionlab.lesson.CheckRunner}).
 *
 * <p>Lessons are data: no lesson text or step logic lives in Java. A lesson file can name a view,
 * set that view's state, and state numbers; it cannot run code (no YAML tags, no expressions). The
 * format is documented for teachers in {@code lessons/README.md}. No JavaFX here.
 */
package org.attentionlab.lesson;
