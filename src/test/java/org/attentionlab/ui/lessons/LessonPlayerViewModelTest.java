package org.attentionlab.ui.lessons;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyBooleanWrapper;

import org.attentionlab.io.SettingsStore;
import org.attentionlab.lesson.Lesson;
import org.attentionlab.lesson.StateMap;
import org.attentionlab.ui.UiExecutors;
import org.attentionlab.ui.lessons.LessonPlayerViewModel.Placement;
import org.attentionlab.ui.shell.LessonView;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The player's view-model without a Stage: synchronous executors, a registry holding one fake
 * {@code qkv} view that records every state it is given, and the real lessons folder.
 */
class LessonPlayerViewModelTest {

    /** A view that remembers what it was asked to show. */
    static class FakeView implements LessonView {
        final String name;
        final List<StateMap> applied = new ArrayList<>();
        final ReadOnlyBooleanWrapper busy = new ReadOnlyBooleanWrapper();

        FakeView(String name) {
            this.name = name;
        }

        @Override
        public String lessonViewName() {
            return name;
        }

        @Override
        public void applyLessonState(StateMap state) {
            applied.add(state);
        }

        @Override
        public ReadOnlyBooleanProperty busyProperty() {
            return busy.getReadOnlyProperty();
        }
    }

    /** A registry of fake views that records what it brought to the front. */
    static final class FakeRegistry implements ViewRegistry {
        final List<FakeView> views;
        final List<String> shown = new ArrayList<>();

        FakeRegistry(FakeView... views) {
            this.views = List.of(views);
        }

        @Override
        public Optional<LessonView> find(String viewName) {
            return views.stream().filter(v -> v.name.equals(viewName)).map(v -> (LessonView) v).findFirst();
        }

        @Override
        public void show(LessonView view) {
            shown.add(view.lessonViewName());
        }

        @Override
        public void showPlayer() {
            shown.add("player");
        }
    }

    /** A clock the test moves. */
    static final class TestClock extends Clock {
        Instant now = Instant.parse("2026-01-05T08:00:00Z");

        @Override
        public ZoneOffset getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(java.time.ZoneId zone) {
            return this;
        }

        @Override
        public Instant instant() {
            return now;
        }
    }

    final FakeView qkv = new FakeView("qkv");
    final FakeRegistry registry = new FakeRegistry(qkv);
    final TestClock clock = new TestClock();

    LessonPlayerViewModel player(SettingsStore settings) {
        LessonPlayerViewModel vm = new LessonPlayerViewModel(registry,
                new LessonProgress(settings, Runnable::run, why -> { throw new AssertionError(why); }),
                UiExecutors.direct(), latex -> latex.contains("\\softmaxx") ? Optional.of("Unknown command 'softmaxx'") : Optional.empty(),
                clock);
        vm.loadLibrary(Path.of("lessons"));
        return vm;
    }

    @Test
    void theLibraryListsEveryLessonByOrderWithItsProgress() {
        LessonPlayerViewModel vm = player(SettingsStore.inMemory());
        List<String> ids = vm.items().stream().flatMap(i -> i.lesson().stream()).map(Lesson::id).toList();
        assertTrue(ids.size() >= 13, ids.toString());
        assertEquals(List.of("seq2seq", "weighted-sum", "qkv", "cross-attention"), ids.subList(0, 4));
        assertTrue(ids.contains("gpt"));
        assertTrue(vm.items().stream().allMatch(i -> i.problems().isEmpty() && i.progress().seen() == 0));
        assertEquals("", vm.libraryProblemProperty().get());
    }

    @Test
    void stepsApplyTheirCompleteStateAndGoingBackAppliesTheSameStateAgain() {
        LessonPlayerViewModel vm = player(SettingsStore.inMemory());
        assertTrue(vm.open("cross-attention"));
        Lesson l = vm.lessonProperty().get();
        assertEquals(0, vm.stepIndexProperty().get());
        assertEquals(Placement.VIEW, vm.placementProperty().get());
        assertSame(qkv, vm.viewProperty().get());
        assertEquals(l.steps().get(0).state(), qkv.applied.get(0));
        vm.next();
        vm.next();
        vm.previous();
        assertEquals(1, vm.stepIndexProperty().get());
        // step 2 was shown twice: the same complete state both times, queries and all
        assertEquals(qkv.applied.get(1), qkv.applied.get(3));
        assertTrue(qkv.applied.get(3).has("queries"), "the state carried over from step 1 is complete");
        vm.last();
        assertEquals(l.steps().size() - 1, vm.stepIndexProperty().get());
        assertFalse(vm.hasNextProperty().get());
        vm.next(); // nothing after the last step
        assertEquals(l.steps().size() - 1, vm.stepIndexProperty().get());
        vm.first();
        assertEquals(0, vm.stepIndexProperty().get());
        vm.previous();
        assertEquals(0, vm.stepIndexProperty().get());
        assertTrue(registry.shown.stream().allMatch("qkv"::equals), registry.shown.toString());
        vm.close();
        assertEquals(Placement.NONE, vm.placementProperty().get());
        assertEquals("player", registry.shown.get(registry.shown.size() - 1));
    }

    @Test
    void aQuestionHidesTheStepUntilTheStudentAnswers() {
        LessonPlayerViewModel vm = player(SettingsStore.inMemory());
        vm.open("cross-attention");
        vm.next(); // "weights" asks which source word gets the largest weight
        assertFalse(vm.revealedProperty().get());
        assertNull(vm.answerProperty().get());
        vm.answer(0);
        assertTrue(vm.revealedProperty().get());
        assertFalse(vm.answeredRight());
        vm.next();
        vm.previous();
        assertTrue(vm.revealedProperty().get(), "an answered question stays answered in this sitting");
        assertEquals(0, vm.answerProperty().get());
        vm.open("cross-attention"); // opening again is a new sitting
        assertFalse(vm.revealedProperty().get());
        vm.answer(2);
        assertTrue(vm.answeredRight());
        vm.open("cross-attention");
        vm.reveal();
        assertEquals(-1, vm.answerProperty().get());
        assertTrue(vm.revealedProperty().get());
        vm.answer(7); // not a choice: ignored
        assertEquals(-1, vm.answerProperty().get());
    }

    @Test
    void textStepsShowOnThePlayersPageAndMissingViewsSayWhich() {
        LessonPlayerViewModel vm = player(SettingsStore.inMemory());
        vm.open("seq2seq");
        assertEquals(Placement.READING, vm.placementProperty().get());
        assertNull(vm.viewProperty().get());
        vm.open("masks"); // the mask view is not in this registry
        assertEquals(Placement.MISSING, vm.placementProperty().get());
        assertEquals("mask", vm.missingViewProperty().get());
        assertEquals("player", registry.shown.get(registry.shown.size() - 1));
    }

    @Test
    void aViewThatThrowsDoesNotStopTheLesson() {
        FakeView broken = new FakeView("qkv") {
            @Override
            public void applyLessonState(StateMap state) {
                throw new IllegalStateException("no engine");
            }
        };
        FakeRegistry r = new FakeRegistry(broken);
        LessonPlayerViewModel vm = new LessonPlayerViewModel(r,
                new LessonProgress(SettingsStore.inMemory(), Runnable::run, why -> { }), UiExecutors.direct(),
                latex -> Optional.empty(), clock);
        vm.loadLibrary(Path.of("lessons"));
        vm.open("cross-attention");
        assertEquals(Placement.MISSING, vm.placementProperty().get());
        assertEquals("no engine", vm.viewProblemProperty().get());
        assertEquals("qkv", vm.missingViewProperty().get());
        vm.close();
        vm.open("seq2seq");
        assertEquals("", vm.viewProblemProperty().get());
    }

    @Test
    void progressIsSavedAndAFreshPlayerResumesWhereTheStudentWas(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("settings.json");
        LessonPlayerViewModel vm = player(SettingsStore.open(file));
        vm.open("cross-attention");
        vm.next();
        vm.next();
        assertTrue(Files.readString(file).contains("\"lesson.cross-attention.step\" : \"context\""), Files.readString(file));
        LessonPlayerViewModel.Item item = vm.items().stream()
                .filter(i -> i.lesson().map(l -> l.id().equals("cross-attention")).orElse(false)).findFirst().orElseThrow();
        assertEquals(3, item.progress().seen());
        assertFalse(item.progress().done());

        LessonPlayerViewModel again = player(SettingsStore.open(file));
        again.open("cross-attention");
        assertEquals(2, again.stepIndexProperty().get());
        again.last();
        LessonPlayerViewModel third = player(SettingsStore.open(file));
        LessonPlayerViewModel.Item done = third.items().stream()
                .filter(i -> i.lesson().map(l -> l.id().equals("cross-attention")).orElse(false)).findFirst().orElseThrow();
        assertTrue(done.progress().done());
    }

    @Test
    void theStepTimerStartsWithEachStep() {
        LessonPlayerViewModel vm = player(SettingsStore.inMemory());
        vm.open("self-attention");
        Instant opened = clock.now;
        clock.now = clock.now.plus(Duration.ofSeconds(95));
        vm.next();
        assertEquals(opened, vm.lessonStartedProperty().get());
        assertEquals(clock.now, vm.stepStartedProperty().get());
        assertEquals("1:35", TeacherWindow.clock(Duration.between(opened, clock.now)));
        assertEquals("1:01:05", TeacherWindow.clock(Duration.ofSeconds(3665)));
    }

    static final String LESSON = """
            id: my-lesson
            order: 42
            title: {zh: 我的课, en: My lesson}
            summary: {zh: 老师自己写的课。, en: A teacher's own lesson.}
            steps:
              - id: one
                view: qkv
                formula: 'FORMULA'
                text: {zh: 第一步。, en: Step one.}
              - id: two
                view: text
                text: {zh: 第二步。, en: Step two.}
            """;

    @Test
    void aFolderOpenedFromAnywhereIsListedFirstAndABadFormulaIsNamedButTheLessonStillOpens(@TempDir Path dir) throws Exception {
        Path folder = dir.resolve("42-my-lesson");
        Files.createDirectories(folder);
        Files.writeString(folder.resolve("lesson.yaml"), LESSON.replace("FORMULA", "\\softmaxx(x)"));
        LessonPlayerViewModel vm = player(SettingsStore.inMemory());
        vm.openFolder(folder);
        LessonPlayerViewModel.Item first = vm.items().get(0);
        assertTrue(first.opened());
        assertEquals("my-lesson", first.lesson().orElseThrow().id());
        assertEquals(1, first.problems().size());
        assertEquals("42-my-lesson/lesson.yaml:6: step 'one': the formula cannot be read: Unknown command 'softmaxx'",
                LibraryPane.shortPath(first.folder(), first.problems().get(0)));
        assertTrue(vm.open("my-lesson"));
        assertEquals(Placement.VIEW, vm.placementProperty().get());
    }

    @Test
    void aBrokenLessonIsListedWithItsProblemsAndTheOthersStillLoad(@TempDir Path dir) throws Exception {
        Path good = dir.resolve("42-my-lesson");
        Files.createDirectories(good);
        Files.writeString(good.resolve("lesson.yaml"), LESSON.replace("FORMULA", "x"));
        Path bad = dir.resolve("43-broken");
        Files.createDirectories(bad);
        Files.writeString(bad.resolve("lesson.yaml"), LESSON.replace("FORMULA", "x").replace("order: 42", "order: 43")
                .replace("id: my-lesson", "id: broken").replace("view: text", "view: heatmapp"));
        LessonPlayerViewModel vm = new LessonPlayerViewModel(registry,
                new LessonProgress(SettingsStore.inMemory(), Runnable::run, why -> { }), UiExecutors.direct(),
                latex -> Optional.empty(), clock);
        vm.loadLibrary(dir);
        assertEquals(2, vm.items().size());
        LessonPlayerViewModel.Item broken = vm.items().get(1);
        assertTrue(broken.lesson().isEmpty());
        assertEquals("43-broken/lesson.yaml:11: step 'two': unknown view 'heatmapp' (known: "
                + String.join(", ", org.attentionlab.lesson.ViewCatalog.standard().names()) + ")",
                LibraryPane.shortPath(broken.folder(), broken.problems().get(0)));
        assertTrue(vm.open("my-lesson"));
        assertFalse(vm.open("broken"));
    }

    @Test
    void noLessonsFolderIsSaidPlainly(@TempDir Path dir) {
        LessonPlayerViewModel vm = new LessonPlayerViewModel(registry,
                new LessonProgress(SettingsStore.inMemory(), Runnable::run, why -> { }), UiExecutors.direct(),
                latex -> Optional.empty(), clock);
        vm.loadLibrary(null);
        assertEquals("none", vm.libraryProblemProperty().get());
        vm.loadLibrary(dir.resolve("missing"));
        assertTrue(vm.libraryProblemProperty().get().contains("no lessons folder"), vm.libraryProblemProperty().get());
        assertTrue(vm.items().isEmpty());
    }
}
