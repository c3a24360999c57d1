package org.attentionlab.ui;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.Executor;

import javafx.animation.AnimationTimer;

/**
 * An executor that holds the work given to it until the window's first frame has been painted,
 * then passes it (and everything after) to the real one. Why: at start-up the engine thread would
 * load ND4J's native libraries (a second or more of CPU) while JavaFX builds and paints the first
 * frame, and on a machine with two cores the two fight; the window appears sooner when the engine
 * starts right after it, and the views show their numbers a moment later.
 */
public final class FirstFrameGate implements Executor {

    private final Executor target;
    private final List<Runnable> held = new ArrayList<>();
    private boolean open;

    public FirstFrameGate(Executor target) {
        this.target = Objects.requireNonNull(target, "target");
    }

    @Override
    public void execute(Runnable task) {
        synchronized (held) {
            if (!open) {
                held.add(task);
                return;
            }
        }
        target.execute(task);
    }

    /** Lets the held work run, in the order it came. */
    public void open() {
        List<Runnable> release;
        synchronized (held) {
            if (open) {
                return;
            }
            open = true;
            release = new ArrayList<>(held);
            held.clear();
        }
        release.forEach(target::execute);
    }

    /**
     * Opens on the second pulse after this call (the first lays out and paints the shown window,
     * the second starts once that frame is on screen). Call on the FX thread after {@code show()}.
     */
    public void openAfterFirstFrame() {
        new AnimationTimer() {
            private int pulses;

            @Override
            public void handle(long now) {
                if (++pulses == 2) {
                    stop();
                    open();
                }
            }
        }.start();
    }
}
