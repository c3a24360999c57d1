package org.attentionlab.ui;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;

/** Work given before the first frame waits, in order; work after it goes straight through. */
class FirstFrameGateTest {

    @Test
    void holdsWorkUntilOpenedThenRunsItInOrder() {
        List<String> ran = new ArrayList<>();
        FirstFrameGate gate = new FirstFrameGate(Runnable::run);
        gate.execute(() -> ran.add("load ND4J"));
        gate.execute(() -> ran.add("first view"));
        assertEquals(List.of(), ran, "nothing runs before the first frame");
        gate.open();
        assertEquals(List.of("load ND4J", "first view"), ran);
        gate.execute(() -> ran.add("later"));
        gate.open(); // a second open changes nothing
        assertEquals(List.of("load ND4J", "first view", "later"), ran);
    }
}
