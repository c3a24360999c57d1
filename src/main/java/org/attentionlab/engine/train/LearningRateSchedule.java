package org.attentionlab.engine.train;

/**
 * The learning rate η at each step (steps count from 1).
 */
@FunctionalInterface
public interface LearningRateSchedule {

    /** η at step {@code step} (1-based). */
    double rate(int step);

    /** The same η at every step. */
    static LearningRateSchedule constant(double rate) {
        if (!(rate > 0) || !Double.isFinite(rate)) {
            throw new IllegalArgumentException("learning rate is " + rate + "; expected a positive number");
        }
        return step -> rate;
    }

    /**
     * The paper's schedule (section 5.3, equation 3):
     * <pre>η = factor · d_model^−0.5 · min(step^−0.5, step · warmup^−1.5)</pre>
     * η grows linearly for the first {@code warmup} steps and then decays with the inverse square
     * root of the step number; the peak, at step = warmup, is factor / √(d_model · warmup). The
     * paper uses factor 1 and warmup 4000. Warming up keeps Adam's early, badly estimated second
     * moments from making huge steps.
     */
    static LearningRateSchedule transformer(int dModel, int warmup, double factor) {
        if (dModel <= 0 || warmup <= 0) {
            throw new IllegalArgumentException("the schedule needs d_model > 0 and warmup > 0 (got " + dModel + " and " + warmup + ")");
        }
        if (!(factor > 0) || !Double.isFinite(factor)) {
            throw new IllegalArgumentException("the schedule's factor is " + factor + "; expected a positive number");
        }
        double scale = factor / Math.sqrt(dModel);
        double w = Math.pow(warmup, -1.5);
        return step -> {
            int s = Math.max(step, 1);
            return scale * Math.min(1.0 / Math.sqrt(s), s * w);
        };
    }
}
