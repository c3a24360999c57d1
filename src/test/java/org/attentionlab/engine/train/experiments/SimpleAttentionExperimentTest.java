package org.attentionlab.engine.train.experiments;

import static org.attentionlab.testing.Golden.assertAllClose;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;

import org.attentionlab.engine.trace.Matrix;
import org.attentionlab.engine.train.AttentionKind;
import org.attentionlab.engine.train.AttentionMap;
import org.attentionlab.engine.train.GradientCheck;
import org.attentionlab.engine.train.Parameter;
import org.attentionlab.engine.train.TrainingSnapshot;
import org.attentionlab.testing.Golden;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * The notebook's SimpleAttention: against the notebook's own printed numbers, and against the
 * independent numpy reference {@code src/test/python/simple_attention_golden.py} (PyTorch's
 * random numbers, forward, hand-written backward and Adam in float64).
 */
class SimpleAttentionExperimentTest {

    /** seeds/000: "Epoch n: Loss = …" for torch.manual_seed(42), Adam lr 0.01, 20 steps. */
    static final double[] NOTEBOOK_LOSSES = {1.7862, 1.6117, 1.4567, 1.3198, 1.1993, 1.0938, 1.0016, 0.9211, 0.8508,
        0.7894, 0.7355, 0.6880, 0.6458, 0.6080, 0.5738, 0.5425, 0.5137, 0.4869, 0.4618, 0.4381};

    @Test
    void seed42PrintsTheNotebooksLossesAndWeights() {
        SimpleAttentionExperiment.Run run = new SimpleAttentionExperiment(SimpleAttentionExperiment.Settings.notebook()).run();
        assertEquals(20, run.losses().size());
        for (int i = 0; i < 20; i++) {
            assertEquals(NOTEBOOK_LOSSES[i], Math.round(run.losses().get(i) * 1e4) / 1e4, 0.0, "Epoch " + (i + 1));
        }
        // "初始 W_Q" and "训练后 W_Q", printed to 4 decimals
        assertRounded(new double[][] {{0.1343, -0.1356, 0.2104, 0.4464}, {0.2890, -0.2186, 0.2886, 0.0895},
            {0.2539, -0.3048, -0.4950, -0.1932}}, run.before().parameter("W_Q").orElseThrow());
        assertRounded(new double[][] {{0.0748, -0.2188, 0.1299, 0.4619}, {0.4518, -0.3880, 0.3979, -0.0676},
            {0.4217, -0.4694, -0.3718, -0.3555}}, run.after().parameter("W_Q").orElseThrow());
        assertRounded(new double[][] {{0.2071, 0.1581, -0.0087, 0.3913}, {-0.3553, 0.0315, -0.3413, 0.1542},
            {-0.1722, 0.1532, -0.1042, 0.4147}}, run.before().parameter("W_K").orElseThrow());
    }

    private static void assertRounded(double[][] printed, Matrix m) {
        for (int i = 0; i < printed.length; i++) {
            for (int j = 0; j < printed[i].length; j++) {
                assertEquals(printed[i][j], Math.round(m.get(i, j) * 1e4) / 1e4, 0.0, "(" + i + ", " + j + ")");
            }
        }
    }

    static List<JsonNode> cases() {
        return Golden.cases("simple_attention.json");
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void reproducesTheNumpyReferenceToTheNinthDigit(JsonNode c) {
        SimpleAttentionExperiment.Start start = start(c);
        SimpleAttentionExperiment.Settings settings = new SimpleAttentionExperiment.Settings(c.get("seed").asLong(),
                c.get("lr").asDouble(), c.get("steps").asInt());
        SimpleAttentionExperiment e = new SimpleAttentionExperiment(settings, start);
        SimpleAttentionExperiment.Run run = e.run();
        double[] expected = Golden.vector(c.get("losses"));
        assertAllClose(run.losses().stream().mapToDouble(Double::doubleValue).toArray(), expected, 1e-9, 1e-12, "losses");
        for (String name : SimpleAttentionExperiment.NAMES) {
            // b_K is the exception: adding one vector to every key adds the same q·b_K to a query's scores,
            // which the softmax ignores, so ∂L/∂b_K is 0 and its computed value pure rounding noise, which
            // Adam normalises into steps of size η in whichever direction the noise points
            if (!name.equals("b_K")) {
                assertAllClose(run.after().parameter(name).orElseThrow(), rows(c.get("final").get(name)), 1e-9, 1e-12, "final " + name);
            }
            assertAllClose(run.before().parameter(name).orElseThrow(), rows(c.get("initial").get(name)), 0, 0, "initial " + name);
        }
        for (int b = 0; b < 2; b++) {
            assertAllClose(map(run.before(), b).weights(), Golden.matrix(c.get("weights_before").get(b)), 1e-12, 1e-14, "weights before");
            assertAllClose(map(run.after(), b).weights(), Golden.matrix(c.get("weights_after").get(b)), 1e-9, 1e-12, "weights after");
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void drawsTheSameDataAndWeightsAsTheReferencesPytorchGenerator(JsonNode c) {
        SimpleAttentionExperiment.Start ours = SimpleAttentionExperiment.Start.torch(c.get("seed").asLong());
        SimpleAttentionExperiment.Start ref = start(c);
        for (int b = 0; b < 2; b++) {
            assertAllClose(ours.x()[b], ref.x()[b], 0, 0, "X[" + b + "]");
        }
        assertAllClose(ours.wq(), ref.wq(), 0, 0, "W_Q");
        assertAllClose(ours.wo(), ref.wo(), 0, 0, "W_out");
        assertAllClose(ours.bv(), ref.bv(), 0, 0, "b_V");
    }

    @Test
    void theWholeModelPassesTheGradientCheck() {
        SimpleAttentionExperiment e = new SimpleAttentionExperiment(SimpleAttentionExperiment.Settings.notebook());
        e.parameters().zeroGrad();
        e.forward();
        e.backward();
        double worst = 0;
        for (Parameter p : e.parameters()) {
            GradientCheck.Result r = GradientCheck.check(p.name(), p.value(), p.grad().dup(), e::forward, 100, 1);
            assertTrue(r.maxRelativeError() < 1e-6, r.toString());
            worst = Math.max(worst, r.maxRelativeError());
        }
        System.out.printf("SimpleAttention gradient check: max relative error %.2e%n", worst);
    }

    @Test
    void snapshotsShowAttentionPerSampleAndParametersWithTheirGradients() {
        SimpleAttentionExperiment e = new SimpleAttentionExperiment(SimpleAttentionExperiment.Settings.notebook());
        TrainingSnapshot s = e.snapshot(0);
        assertEquals(2, s.attention(AttentionKind.SELF).size());
        for (AttentionMap m : s.attention()) {
            assertEquals(List.of("x₁", "x₂", "x₃"), m.queryTokens());
            for (int i = 0; i < 3; i++) {
                assertEquals(1.0, java.util.Arrays.stream(m.weights().row(i)).sum(), 1e-12);
            }
        }
        assertEquals(SimpleAttentionExperiment.NAMES, s.parameters().stream().map(n -> n.name()).toList());
        assertEquals(3, s.parameter("W_Q").orElseThrow().rows());
        assertEquals(4, s.parameter("W_Q").orElseThrow().cols());
        assertEquals(3, s.gradient("W_Q").orElseThrow().rows());
        assertTrue(s.gradient("W_out").orElseThrow().finiteRange()[1] != 0, "the gradient at step 0 is the first step's");
        // a snapshot does not disturb training: the run after it is the notebook's
        assertEquals(1.7862, Math.round(e.step(1).loss() * 1e4) / 1e4, 0.0);
    }

    @Test
    void seedLearningRateAndStepsCanBeChanged() {
        SimpleAttentionExperiment.Run a = new SimpleAttentionExperiment(new SimpleAttentionExperiment.Settings(7, 0.05, 5)).run();
        assertEquals(5, a.losses().size());
        assertTrue(a.losses().get(4) < a.losses().get(0));
        assertThrows(IllegalArgumentException.class, () -> new SimpleAttentionExperiment.Settings(1, -0.1, 5));
        assertThrows(IllegalArgumentException.class, () -> new SimpleAttentionExperiment.Settings(1, 0.1, -5));
    }

    private static AttentionMap map(TrainingSnapshot s, int sample) {
        return s.attention(AttentionKind.SELF).stream().filter(m -> m.sample() == sample).findFirst().orElseThrow();
    }

    private static double[][] rows(JsonNode n) {
        return n.get(0).isArray() ? Golden.matrix(n) : new double[][] {Golden.vector(n)};
    }

    static SimpleAttentionExperiment.Start start(JsonNode c) {
        JsonNode x = c.get("x");
        double[][][] xs = new double[x.size()][][];
        for (int b = 0; b < x.size(); b++) {
            xs[b] = Golden.matrix(x.get(b));
        }
        JsonNode p = c.get("initial");
        return new SimpleAttentionExperiment.Start(xs, Golden.matrix(c.get("y")), Golden.matrix(p.get("W_Q")),
                Golden.vector(p.get("b_Q")), Golden.matrix(p.get("W_K")), Golden.vector(p.get("b_K")),
                Golden.matrix(p.get("W_V")), Golden.vector(p.get("b_V")), Golden.matrix(p.get("W_out")),
                Golden.vector(p.get("b_out")));
    }
}
