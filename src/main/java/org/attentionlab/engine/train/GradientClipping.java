package org.attentionlab.engine.train;

/**
 * Clipping by global norm (Pascanu et al. 2013): when ‖g‖₂ over all parameters together exceeds
 * {@code maxNorm}, every gradient is scaled by maxNorm/‖g‖, so the update keeps its direction but
 * not its size. One unlucky batch then cannot throw a small model far off.
 */
public final class GradientClipping {

    private GradientClipping() {
    }

    /**
     * Clips in place.
     *
     * @return the norm before clipping
     */
    public static double clipGlobalNorm(Parameters parameters, double maxNorm) {
        if (!(maxNorm > 0)) {
            throw new IllegalArgumentException("max gradient norm is " + maxNorm + "; expected a positive number");
        }
        double norm = parameters.gradientNorm();
        if (norm > maxNorm) {
            parameters.flatGrads().muli(maxNorm / norm);
        }
        return norm;
    }
}
