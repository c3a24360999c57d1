package org.attentionlab.engine.train;

/**
 * How often a {@link Trainer} reports.
 *
 * @param progressEvery a progress report every this many steps (and after the last step and
 *                      every single step taken while paused); at least 1
 * @param snapshotEvery a snapshot every this many steps; 0 for only before the first and after
 *                      the last step (those two are always taken)
 * @param startPaused   whether {@link Trainer#start} waits for resume or a single step
 */
public record TrainerOptions(int progressEvery, int snapshotEvery, boolean startPaused) {

    public TrainerOptions {
        if (progressEvery < 1) {
            throw new IllegalArgumentException("progress every " + progressEvery + " steps; expected at least 1");
        }
        if (snapshotEvery < 0) {
            throw new IllegalArgumentException("snapshot every " + snapshotEvery + " steps; expected 0 (never) or more");
        }
    }

    /** Progress after every step, snapshots only at the start and the end, start running. */
    public static TrainerOptions defaults() {
        return new TrainerOptions(1, 0, false);
    }
}
