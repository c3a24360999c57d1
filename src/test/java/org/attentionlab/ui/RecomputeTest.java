package org.attentionlab.ui;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.Queue;

import org.junit.jupiter.api.Test;

import javafx.beans.property.ReadOnlyObjectWrapper;

class RecomputeTest {

    private final ReadOnlyObjectWrapper<Message> error = new ReadOnlyObjectWrapper<>();
    private final List<String> computed = new ArrayList<>();
    private int recomputes;

    @Test
    void aBatchRecomputesOnceAtTheEndOfTheOutermostBatch() {
        Recompute work = new Recompute(UiExecutors.direct(), error, "x.engine", () -> recomputes++);
        work.batch(() -> {
            assertTrue(work.suspended());
            work.batch(() -> { });
            assertEquals(0, recomputes);
        });
        assertFalse(work.suspended());
        assertEquals(1, recomputes);
    }

    @Test
    void badInputGoesToTheErrorAndNothingIsComputed() {
        Recompute work = new Recompute(UiExecutors.direct(), error, "x.engine", () -> { });
        work.<String, String>recompute(() -> {
            throw new Recompute.BadInput(Message.of("x.bad", 3));
        }, q -> "ran", computed::add);
        assertEquals(Message.of("x.bad", 3), error.get());
        assertEquals(List.of(), computed);
    }

    @Test
    void nothingIsComputedInsideABatch() {
        Recompute work = new Recompute(UiExecutors.direct(), error, "x.engine", () -> { });
        work.batch(() -> work.recompute(() -> "q", q -> q + "!", computed::add));
        assertEquals(List.of(), computed);
        work.recompute(() -> "q", q -> q + "!", computed::add);
        assertEquals(List.of("q!"), computed);
        assertNull(error.get());
    }

    @Test
    void aFailureShowsTheKeyWithTheExceptionsMessage() {
        Recompute work = new Recompute(UiExecutors.direct(), error, "x.engine", () -> { });
        work.<String>submit(() -> {
            throw new IllegalStateException("shapes differ");
        }, computed::add);
        assertEquals(Message.of("x.engine", "shapes differ"), error.get());
        assertFalse(work.busyProperty().get());
    }

    @Test
    void anOlderResultThatArrivesAfterANewerRequestIsDropped() {
        Queue<Runnable> background = new ArrayDeque<>();
        Recompute work = new Recompute(new UiExecutors(background::add, Runnable::run), error, "x.engine", () -> { });
        work.submit(() -> "old", computed::add);
        work.submit(() -> "new", computed::add);
        assertTrue(work.busyProperty().get());
        background.forEach(Runnable::run);
        assertEquals(List.of("new"), computed);
        assertFalse(work.busyProperty().get());
    }
}
