package org.attentionlab.ui.lessons;

import java.io.IOException;
import java.util.Objects;
import java.util.concurrent.Executor;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Consumer;
import java.util.logging.Level;
import java.util.logging.Logger;

import org.attentionlab.io.SettingsStore;
import org.attentionlab.lesson.Lesson;

/**
 * How far a student got in each lesson, kept in the user's settings between runs:
 * {@code lesson.<id>.step} (the id of the last step shown: resuming survives a teacher inserting
 * steps), {@code lesson.<id>.seen} (how many steps were reached) and {@code lesson.<id>.done}
 * (the last step was reached). Every change is saved atomically on the given executor, never on
 * the FX thread; saves that pile up while one runs become one.
 */
public final class LessonProgress {

    private static final Logger LOG = Logger.getLogger(LessonProgress.class.getName());

    /**
     * One lesson's progress.
     *
     * @param stepId the step to resume at, or null
     * @param seen   how many steps were reached (0 = not started)
     * @param done   whether the last step was reached
     */
    public record State(String stepId, int seen, boolean done) {
        public static final State NONE = new State(null, 0, false);
    }

    private final SettingsStore settings;
    private final Executor saver;
    private final Consumer<String> onSaveError;
    private final AtomicBoolean pending = new AtomicBoolean();

    /**
     * @param saver       where saves run (the background executor)
     * @param onSaveError told (on the saver's thread) when a save fails, with the reason
     */
    public LessonProgress(SettingsStore settings, Executor saver, Consumer<String> onSaveError) {
        this.settings = Objects.requireNonNull(settings, "settings");
        this.saver = Objects.requireNonNull(saver, "saver");
        this.onSaveError = Objects.requireNonNull(onSaveError, "onSaveError");
    }

    public SettingsStore settings() {
        return settings;
    }

    public State of(Lesson lesson) {
        String k = key(lesson);
        return new State(settings.getString(k + ".step").orElse(null),
                (int) Math.max(0, Math.min(lesson.steps().size(), settings.getLong(k + ".seen", 0))),
                settings.getBoolean(k + ".done", false));
    }

    /** The step to resume at: the last one shown, or the first. */
    public int resumeIndex(Lesson lesson) {
        String id = of(lesson).stepId();
        int i = id == null ? -1 : lesson.indexOf(id);
        return Math.max(0, i);
    }

    /** Step {@code index} is shown now. */
    public void record(Lesson lesson, int index) {
        String k = key(lesson);
        State before = of(lesson);
        settings.put(k + ".step", lesson.steps().get(index).id());
        settings.put(k + ".seen", (long) Math.max(before.seen(), index + 1));
        if (index == lesson.steps().size() - 1) {
            settings.put(k + ".done", true);
        }
        saveSoon();
    }

    /** Forgets a lesson's progress (start again). */
    public void reset(Lesson lesson) {
        String k = key(lesson);
        settings.remove(k + ".step");
        settings.remove(k + ".seen");
        settings.remove(k + ".done");
        saveSoon();
    }

    /** Saves the settings on the saver soon (also for other keys the player keeps). */
    void saveSoon() {
        if (!pending.compareAndSet(false, true)) {
            return; // a save is queued; it will write this change too
        }
        saver.execute(() -> {
            pending.set(false);
            try {
                settings.save();
            } catch (IOException | RuntimeException e) {
                LOG.log(Level.WARNING, "lesson progress not saved", e);
                onSaveError.accept(String.valueOf(e.getMessage()));
            }
        });
    }

    private static String key(Lesson lesson) {
        return "lesson." + lesson.id();
    }
}
