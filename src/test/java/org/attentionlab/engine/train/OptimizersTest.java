package org.attentionlab.engine.train;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.List;

import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.factory.Nd4j;

/**
 * Adam, SGD, the schedule and clipping against the formulas worked out by hand in the test
 * (the optimizer code is never the reference for itself).
 */
class OptimizersTest {

    private static Parameters one(double value, double grad) {
        Parameter p = new Parameter("θ", Nd4j.create(new double[] {value}, new long[] {1}, DataType.DOUBLE));
        Parameters ps = new Parameters(List.of(p));
        p.grad().assign(grad);
        return ps;
    }

    @Test
    void adamFollowsAlgorithmOneOfKingmaAndBa() {
        // gradients 0.5, then −1.0, then 2.0: m, v and the bias-corrected update by hand
        Parameters ps = one(1.0, 0.5);
        Adam adam = new Adam(ps, 0.9, 0.999, 1e-8);
        double[] grads = {0.5, -1.0, 2.0};
        double theta = 1.0;
        double m = 0;
        double v = 0;
        for (int t = 1; t <= 3; t++) {
            ps.get("θ").grad().assign(grads[t - 1]);
            adam.step(0.1);
            m = 0.9 * m + 0.1 * grads[t - 1];
            v = 0.999 * v + 0.001 * grads[t - 1] * grads[t - 1];
            theta -= 0.1 * (m / (1 - Math.pow(0.9, t))) / (Math.sqrt(v / (1 - Math.pow(0.999, t))) + 1e-8);
            assertEquals(theta, ps.get("θ").value().getDouble(0), 1e-15, "step " + t);
        }
        assertEquals(3, adam.steps());
        // the first bias-corrected step has size η whatever the gradient's scale
        Parameters big = one(0.0, 1234.5);
        new Adam(big, 0.9, 0.98, 1e-9).step(0.01);
        assertEquals(-0.01, big.get("θ").value().getDouble(0), 1e-12);
    }

    @Test
    void sgdWithMomentum() {
        Parameters ps = one(1.0, 2.0);
        Sgd sgd = new Sgd(ps, 0.9);
        sgd.step(0.1); // v = 2, θ = 1 − 0.2
        assertEquals(0.8, ps.get("θ").value().getDouble(0), 1e-15);
        sgd.step(0.1); // v = 0.9·2 + 2 = 3.8, θ = 0.8 − 0.38
        assertEquals(0.42, ps.get("θ").value().getDouble(0), 1e-15);
        Parameters plain = one(1.0, 2.0);
        new Sgd(plain, 0).step(0.25);
        assertEquals(0.5, plain.get("θ").value().getDouble(0), 0.0);
    }

    @Test
    void thePapersScheduleWarmsUpLinearlyThenDecaysWithTheInverseSquareRoot() {
        // section 5.3 with d_model 512, warmup 4000: η = 512^−0.5 · min(step^−0.5, step · 4000^−1.5)
        LearningRateSchedule s = LearningRateSchedule.transformer(512, 4000, 1.0);
        assertEquals(Math.pow(512, -0.5) * Math.pow(4000, -1.5), s.rate(1), 1e-18);
        assertEquals(Math.pow(512, -0.5) * Math.pow(4000, -0.5), s.rate(4000), 1e-15);
        assertEquals(7.0e-4, s.rate(4000), 1e-5); // the peak the paper's figure shows, ≈ 0.0007
        assertEquals(2 * s.rate(1000), s.rate(2000), 1e-15, "linear during warm-up");
        assertEquals(s.rate(16000) * 2, s.rate(4000), 1e-15, "1/√step after it");
        assertEquals(0.01, LearningRateSchedule.constant(0.01).rate(123), 0.0);
        assertThrows(IllegalArgumentException.class, () -> LearningRateSchedule.transformer(512, 0, 1.0));
    }

    @Test
    void clippingScalesTheGlobalNormAndKeepsTheDirection() {
        Parameter a = new Parameter("a", Nd4j.create(new double[] {0, 0}, new long[] {2}, DataType.DOUBLE));
        Parameter b = new Parameter("b", Nd4j.create(new double[][] {{0}}));
        Parameters ps = new Parameters(List.of(a, b));
        a.grad().assign(Nd4j.create(new double[] {3, 0}, new long[] {2}, DataType.DOUBLE));
        b.grad().assign(4);
        assertEquals(5.0, GradientClipping.clipGlobalNorm(ps, 1.0), 1e-15);
        assertEquals(0.6, a.grad().getDouble(0), 1e-15);
        assertEquals(0.8, b.grad().getDouble(0, 0), 1e-15);
        assertEquals(1.0, ps.gradientNorm(), 1e-15);
        assertEquals(1.0, GradientClipping.clipGlobalNorm(ps, 2.0), 1e-15, "below the threshold nothing changes");
        assertEquals(0.6, a.grad().getDouble(0), 1e-15);
    }

    @Test
    void parametersShareFlatBuffersAndKeepTheirValues() {
        Parameter a = new Parameter("a", Nd4j.create(new double[][] {{1, 2}, {3, 4}}));
        Parameter b = new Parameter("b", Nd4j.create(new double[] {5, 6}, new long[] {2}, DataType.DOUBLE));
        Parameters ps = new Parameters(List.of(a, b));
        assertEquals(6, ps.count());
        org.junit.jupiter.api.Assertions.assertArrayEquals(new double[] {1, 2, 3, 4, 5, 6}, ps.valuesCopy(), 0.0);
        ps.flatValues().addi(1);
        assertEquals(5.0, a.value().getDouble(1, 1), 0.0, "the parameter is a view of the flat buffer");
        IllegalArgumentException dup = assertThrows(IllegalArgumentException.class,
                () -> new Parameters(List.of(new Parameter("x", Nd4j.create(new double[][] {{1}})),
                        new Parameter("x", Nd4j.create(new double[][] {{1}})))));
        assertEquals("two parameters are named x", dup.getMessage());
    }
}
