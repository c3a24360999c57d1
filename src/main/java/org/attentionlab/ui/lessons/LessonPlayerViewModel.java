package org.attentionlab.ui.lessons;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.logging.Level;
import java.util.logging.Logger;

import javafx.beans.binding.Bindings;
import javafx.beans.binding.BooleanBinding;
import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyBooleanWrapper;
import javafx.beans.property.ReadOnlyIntegerProperty;
import javafx.beans.property.ReadOnlyIntegerWrapper;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;

import org.attentionlab.lesson.FormulaCheck;
import org.attentionlab.lesson.Lesson;
import org.attentionlab.lesson.LessonLibrary;
import org.attentionlab.lesson.LessonLoader;
import org.attentionlab.lesson.LessonProblem;
import org.attentionlab.lesson.Step;
import org.attentionlab.ui.UiExecutors;
import org.attentionlab.ui.shell.LessonView;

/**
 * The lesson player's state: the library (every lesson folder, good or broken, with the
 * student's progress), the open lesson and its step, and the predict-then-reveal question.
 *
 * <p>Showing a step applies the step's complete state to its view through the
 * {@link ViewRegistry} and brings that view to the front, so going back to a step shows exactly
 * what it showed before. A {@code text} step, or a step whose view this build does not have,
 * shows on the player's own page instead (the latter with a message, never a crash). Lessons are
 * read in the background; progress is saved in the background. No nodes here: tests drive it
 * with synchronous executors and a registry of their own.
 */
public final class LessonPlayerViewModel {

    /** Where the current step is shown. */
    public enum Placement {
        /** No lesson is open: the library. */
        NONE,
        /** The step's view, with the step panel beside it. */
        VIEW,
        /** A {@code text} step: the step panel on the player's page. */
        READING,
        /** A step whose view is not in this build (or failed to show it): a message and the step panel on the player's page. */
        MISSING
    }

    /**
     * One lesson folder of the library.
     *
     * @param folder   the folder
     * @param lesson   the lesson, when it loaded
     * @param problems what is wrong with it (a lesson with only formula problems still opens)
     * @param progress the student's progress
     * @param opened   whether the user opened it from elsewhere (File → Open lesson folder…)
     */
    public record Item(Path folder, Optional<Lesson> lesson, List<LessonProblem> problems, LessonProgress.State progress,
                       boolean opened) {
        public Item {
            problems = List.copyOf(problems);
        }

        public String name() {
            return folder.getFileName() == null ? folder.toString() : folder.getFileName().toString();
        }
    }

    private record Loaded(Path folder, Optional<Lesson> lesson, List<LessonProblem> problems) {
    }

    private static final Logger LOG = Logger.getLogger(LessonPlayerViewModel.class.getName());

    private final ViewRegistry views;
    private final LessonProgress progress;
    private final UiExecutors executors;
    private final FormulaCheck formulas;
    private final Clock clock;

    private final ObservableList<Item> items = FXCollections.observableArrayList();
    private final ObservableList<Item> itemsView = FXCollections.unmodifiableObservableList(items);
    private final ReadOnlyObjectWrapper<Path> libraryFolder = new ReadOnlyObjectWrapper<>(this, "libraryFolder");
    private final ReadOnlyStringWrapper libraryProblem = new ReadOnlyStringWrapper(this, "libraryProblem", "");
    private final ReadOnlyBooleanWrapper loading = new ReadOnlyBooleanWrapper(this, "loading");
    private final ReadOnlyObjectWrapper<Lesson> lesson = new ReadOnlyObjectWrapper<>(this, "lesson");
    private final ReadOnlyIntegerWrapper stepIndex = new ReadOnlyIntegerWrapper(this, "stepIndex", -1);
    private final ReadOnlyObjectWrapper<Step> step = new ReadOnlyObjectWrapper<>(this, "step");
    private final ReadOnlyObjectWrapper<Placement> placement = new ReadOnlyObjectWrapper<>(this, "placement", Placement.NONE);
    private final ReadOnlyObjectWrapper<LessonView> view = new ReadOnlyObjectWrapper<>(this, "view");
    private final ReadOnlyStringWrapper missingView = new ReadOnlyStringWrapper(this, "missingView", "");
    private final ReadOnlyStringWrapper viewProblem = new ReadOnlyStringWrapper(this, "viewProblem", "");
    private final ReadOnlyBooleanWrapper revealed = new ReadOnlyBooleanWrapper(this, "revealed", true);
    private final ReadOnlyObjectWrapper<Integer> answer = new ReadOnlyObjectWrapper<>(this, "answer");
    private final ReadOnlyObjectWrapper<Instant> stepStarted = new ReadOnlyObjectWrapper<>(this, "stepStarted");
    private final ReadOnlyObjectWrapper<Instant> lessonStarted = new ReadOnlyObjectWrapper<>(this, "lessonStarted");
    private final BooleanBinding hasNext;
    private final BooleanBinding hasPrevious;

    private List<Loaded> library = List.of();
    private List<Loaded> opened = List.of();
    /** The answers given in this sitting: step index → choice (−1 = revealed without answering). */
    private final Map<Integer, Integer> answers = new HashMap<>();

    public LessonPlayerViewModel(ViewRegistry views, LessonProgress progress, UiExecutors executors, FormulaCheck formulas,
                                 Clock clock) {
        this.views = Objects.requireNonNull(views, "views");
        this.progress = Objects.requireNonNull(progress, "progress");
        this.executors = Objects.requireNonNull(executors, "executors");
        this.formulas = Objects.requireNonNull(formulas, "formulas");
        this.clock = Objects.requireNonNull(clock, "clock");
        hasNext = Bindings.createBooleanBinding(() -> lesson.get() != null && stepIndex.get() < lesson.get().steps().size() - 1,
                lesson, stepIndex);
        hasPrevious = Bindings.createBooleanBinding(() -> lesson.get() != null && stepIndex.get() > 0, lesson, stepIndex);
    }

    // ---------------------------------------------------------------- the library

    /** Every lesson folder: the ones opened from elsewhere first, then the library's by order. */
    public ObservableList<Item> items() {
        return itemsView;
    }

    public ReadOnlyObjectProperty<Path> libraryFolderProperty() {
        return libraryFolder.getReadOnlyProperty();
    }

    /** Why the library could not be read (no lessons folder …), or empty. */
    public ReadOnlyStringProperty libraryProblemProperty() {
        return libraryProblem.getReadOnlyProperty();
    }

    public ReadOnlyBooleanProperty loadingProperty() {
        return loading.getReadOnlyProperty();
    }

    /** Reads every lesson folder of {@code directory} in the background (null: there is no library). */
    public void loadLibrary(Path directory) {
        libraryFolder.set(directory);
        if (directory == null) {
            library = List.of();
            libraryProblem.set("none");
            rebuild();
            return;
        }
        read(directory, false);
    }

    /**
     * Opens a folder from anywhere: a lesson folder (with {@code lesson.yaml}) or a folder of
     * lesson folders. Its lessons are listed first; a broken one shows its problems.
     */
    public void openFolder(Path folder) {
        read(folder, true);
    }

    private void read(Path folder, boolean isOpened) {
        loading.set(true);
        executors.background().execute(() -> {
            List<Loaded> found = new ArrayList<>();
            String problem = "";
            try {
                if (Files.isRegularFile(folder.resolve(LessonLoader.FILE_NAME))) {
                    LessonLoader.Result r = new LessonLoader().load(folder);
                    found.add(withFormulas(r.folder(), r.lesson(), r.problems()));
                } else {
                    LessonLibrary lib = LessonLibrary.load(folder);
                    for (LessonLibrary.Entry e : lib.entries()) {
                        found.add(withFormulas(e.folder(), e.lesson(), e.problems()));
                    }
                    found.sort((a, b) -> Integer.compare(order(a), order(b)));
                }
            } catch (RuntimeException e) {
                problem = String.valueOf(e.getMessage());
            }
            String why = problem;
            executors.fx().execute(() -> {
                loading.set(false);
                if (isOpened) {
                    List<Loaded> all = new ArrayList<>(found);
                    opened.stream().filter(o -> found.stream().noneMatch(f -> f.folder().equals(o.folder()))).forEach(all::add);
                    opened = List.copyOf(all);
                    if (!why.isEmpty()) {
                        libraryProblem.set(why);
                    }
                } else {
                    library = List.copyOf(found);
                    libraryProblem.set(why);
                }
                rebuild();
            });
        });
    }

    private static int order(Loaded l) {
        return l.lesson().map(Lesson::order).orElse(1000);
    }

    /** A lesson that loaded stays openable with formula problems: the formula itself shows why it cannot be drawn. */
    private Loaded withFormulas(Path folder, Optional<Lesson> lesson, List<LessonProblem> problems) {
        List<LessonProblem> all = new ArrayList<>(problems);
        lesson.ifPresent(l -> all.addAll(formulas.problems(l)));
        return new Loaded(folder, lesson, all);
    }

    private void rebuild() {
        List<Item> out = new ArrayList<>();
        for (Loaded l : opened) {
            out.add(item(l, true));
        }
        for (Loaded l : library) {
            out.add(item(l, false));
        }
        items.setAll(out);
    }

    private Item item(Loaded l, boolean fromElsewhere) {
        return new Item(l.folder(), l.lesson(), l.problems(), l.lesson().map(progress::of).orElse(LessonProgress.State.NONE),
                fromElsewhere);
    }

    /** The lesson with this id (opened folders first). */
    public Optional<Lesson> find(String id) {
        return items.stream().flatMap(i -> i.lesson().stream()).filter(l -> l.id().equals(id)).findFirst();
    }

    // ---------------------------------------------------------------- the open lesson

    public ReadOnlyObjectProperty<Lesson> lessonProperty() {
        return lesson.getReadOnlyProperty();
    }

    /** The step shown, from 0; −1 with no lesson open. */
    public ReadOnlyIntegerProperty stepIndexProperty() {
        return stepIndex.getReadOnlyProperty();
    }

    public ReadOnlyObjectProperty<Step> stepProperty() {
        return step.getReadOnlyProperty();
    }

    /** The step after the current one, or null (the teacher's window shows it). */
    public Step nextStep() {
        Lesson l = lesson.get();
        int i = stepIndex.get();
        return l == null || i + 1 >= l.steps().size() ? null : l.steps().get(i + 1);
    }

    public ReadOnlyObjectProperty<Placement> placementProperty() {
        return placement.getReadOnlyProperty();
    }

    /** The view the current step drives, or null (text steps, missing views, no lesson). */
    public ReadOnlyObjectProperty<LessonView> viewProperty() {
        return view.getReadOnlyProperty();
    }

    /** The name of the view a step asked for that this build does not have, or empty. */
    public ReadOnlyStringProperty missingViewProperty() {
        return missingView.getReadOnlyProperty();
    }

    /** Why the step's view (which exists) could not show the step, or empty; the step then shows as {@link Placement#MISSING}. */
    public ReadOnlyStringProperty viewProblemProperty() {
        return viewProblem.getReadOnlyProperty();
    }

    /** False while the step's question waits for the student's prediction; the step's text, formula and view then stay hidden. */
    public ReadOnlyBooleanProperty revealedProperty() {
        return revealed.getReadOnlyProperty();
    }

    /** The choice the student made for this step's question, −1 when revealed without answering, or null. */
    public ReadOnlyObjectProperty<Integer> answerProperty() {
        return answer.getReadOnlyProperty();
    }

    /** When the current step was shown (the teacher's step timer). */
    public ReadOnlyObjectProperty<Instant> stepStartedProperty() {
        return stepStarted.getReadOnlyProperty();
    }

    /** When the lesson was opened (the teacher's total timer). */
    public ReadOnlyObjectProperty<Instant> lessonStartedProperty() {
        return lessonStarted.getReadOnlyProperty();
    }

    public Clock clock() {
        return clock;
    }

    public BooleanBinding hasNextProperty() {
        return hasNext;
    }

    public BooleanBinding hasPreviousProperty() {
        return hasPrevious;
    }

    /** Opens the lesson with this id where the student left it; false when there is none. */
    public boolean open(String lessonId) {
        Optional<Lesson> l = find(lessonId);
        l.ifPresent(this::open);
        return l.isPresent();
    }

    /** Opens {@code l} at the step the student last saw (the first step the first time). */
    public void open(Lesson l) {
        answers.clear();
        lesson.set(Objects.requireNonNull(l, "lesson"));
        lessonStarted.set(clock.instant());
        stepIndex.set(-1);
        goTo(progress.resumeIndex(l));
    }

    /** Closes the lesson and shows the library. */
    public void close() {
        answers.clear();
        lesson.set(null);
        stepIndex.set(-1);
        step.set(null);
        view.set(null);
        missingView.set("");
        viewProblem.set("");
        revealed.set(true);
        answer.set(null);
        placement.set(Placement.NONE);
        views.showPlayer();
        rebuild();
    }

    public void next() {
        if (hasNext.get()) {
            goTo(stepIndex.get() + 1);
        }
    }

    public void previous() {
        if (hasPrevious.get()) {
            goTo(stepIndex.get() - 1);
        }
    }

    public void first() {
        if (lesson.get() != null) {
            goTo(0);
        }
    }

    public void last() {
        if (lesson.get() != null) {
            goTo(lesson.get().steps().size() - 1);
        }
    }

    /** Shows step {@code index} (clamped): applies its complete state to its view and brings that view to the front. */
    public void goTo(int index) {
        Lesson l = lesson.get();
        if (l == null) {
            return;
        }
        int i = Math.max(0, Math.min(l.steps().size() - 1, index));
        Step s = l.steps().get(i);
        Integer given = answers.get(i);
        // the question's state first, so that listeners of the step see a consistent reveal state
        answer.set(given);
        revealed.set(s.question().isEmpty() || given != null);
        stepIndex.set(i);
        step.set(s);
        stepStarted.set(clock.instant());
        if (s.view().equals("text")) {
            view.set(null);
            missingView.set("");
            viewProblem.set("");
            placement.set(Placement.READING);
            views.showPlayer();
        } else {
            Optional<LessonView> v = views.find(s.view());
            String failure = null;
            if (v.isPresent()) {
                try {
                    v.get().applyLessonState(s.state());
                } catch (RuntimeException e) {
                    // the contract says a view shows its own errors; one that throws still must not stop the class
                    LOG.log(Level.WARNING, "view '" + s.view() + "' could not show step '" + s.id() + "'", e);
                    failure = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
                }
            }
            if (v.isPresent() && failure == null) {
                missingView.set("");
                viewProblem.set("");
                view.set(v.get());
                placement.set(Placement.VIEW);
                views.show(v.get());
            } else {
                view.set(null);
                viewProblem.set(failure == null ? "" : failure);
                missingView.set(s.view());
                placement.set(Placement.MISSING);
                views.showPlayer();
            }
        }
        progress.record(l, i);
        rebuild(); // the library's progress column
    }

    /** The student's prediction: choice {@code index} of the step's question; reveals the step. */
    public void answer(int index) {
        Step s = step.get();
        if (s == null || s.question().isEmpty() || index < 0 || index >= s.question().get().choices().size()) {
            return;
        }
        answers.put(stepIndex.get(), index);
        answer.set(index);
        revealed.set(true);
    }

    /** Reveals the step without an answer (the teacher moves on). */
    public void reveal() {
        if (step.get() != null && !revealed.get()) {
            answers.put(stepIndex.get(), -1);
            answer.set(-1);
            revealed.set(true);
        }
    }

    /** Whether the student's answer was right (false when there is none). */
    public boolean answeredRight() {
        Step s = step.get();
        Integer a = answer.get();
        return s != null && a != null && s.question().isPresent() && a == s.question().get().answer();
    }

    /** Progress of a lesson as saved. */
    public LessonProgress.State progress(Lesson l) {
        return progress.of(l);
    }
}
