package org.attentionlab.engine.train.experiments;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.attentionlab.engine.Tensors;
import org.attentionlab.engine.trace.Matrix;
import org.attentionlab.engine.train.Adam;
import org.attentionlab.engine.train.AttentionKind;
import org.attentionlab.engine.train.AttentionMap;
import org.attentionlab.engine.train.DotProductAttention;
import org.attentionlab.engine.train.LinearLayer;
import org.attentionlab.engine.train.MeanPooling;
import org.attentionlab.engine.train.MseLoss;
import org.attentionlab.engine.train.NamedMatrix;
import org.attentionlab.engine.train.Parameter;
import org.attentionlab.engine.train.Parameters;
import org.attentionlab.engine.train.StepResult;
import org.attentionlab.engine.train.TorchRandom;
import org.attentionlab.engine.train.TrainingSnapshot;
import org.attentionlab.engine.train.TrainingTask;
import org.attentionlab.io.AtomicFiles;
import org.attentionlab.io.SafetensorsWriter;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;

/**
 * The course notebook's {@code SimpleAttention}, trained as the notebook trains it:
 * <pre>
 * Q = x·W_Qᵀ + b_Q,  K = x·W_Kᵀ + b_K,  V = x·W_Vᵀ + b_V          (three nn.Linear(4, 3))
 * weights = softmax(QKᵀ / √3),  context = weights·V                 (section 3.2.1)
 * output = mean over the 3 positions of context, then ·W_outᵀ + b_out  (nn.Linear(3, 1))
 * loss = MSE(output, y),  y = [[1], [0]],  Adam(lr 0.01), 20 steps, X of shape (2, 3, 4)
 * </pre>
 * By default the data and initial weights are drawn as {@code torch.manual_seed(seed)} draws
 * them ({@link TorchRandom}), so seed 42 reproduces the notebook's printed initial W_Q and its
 * losses 1.7862, 1.6117, … 0.4381. Everything runs in float64.
 *
 * <p>Matrices in snapshots use PyTorch's layout, as the notebook prints them: W_Q, W_K, W_V are
 * (3, 4) = (out, in), W_out is (1, 3). (The engine itself multiplies by the transpose.)
 * A snapshot's gradients are ∂L/∂θ at its parameters: what the next step follows.
 */
public final class SimpleAttentionExperiment implements TrainingTask {

    /** Parameter names, in the notebook's order, as snapshots and files name them. */
    public static final List<String> NAMES = List.of("W_Q", "b_Q", "W_K", "b_K", "W_V", "b_V", "W_out", "b_out");
    static final int BATCH = 2;
    static final int TOKENS = 3;
    static final int INPUT = 4;
    static final int PROJ = 3;

    /**
     * @param seed         torch.manual_seed of the data and initial weights
     * @param learningRate Adam's η
     * @param steps        optimizer steps
     */
    public record Settings(long seed, double learningRate, int steps) {
        public Settings {
            if (!(learningRate > 0) || !Double.isFinite(learningRate)) {
                throw new IllegalArgumentException("learning rate is " + learningRate + "; expected a positive number");
            }
            if (steps < 0 || steps > 1_000_000) {
                throw new IllegalArgumentException("steps is " + steps + "; expected 0 to 1000000");
            }
        }

        /** The notebook's: seed 42, η = 0.01, 20 steps. */
        public static Settings notebook() {
            return new Settings(42, 0.01, 20);
        }
    }

    /**
     * The data and initial parameters, PyTorch layouts.
     *
     * @param x   (2, 3, 4) two samples of three 4-dimensional tokens
     * @param y   (2, 1) targets
     * @param wq  (3, 4)
     * @param bq  (3)
     * @param wk  (3, 4)
     * @param bk  (3)
     * @param wv  (3, 4)
     * @param bv  (3)
     * @param wo  (1, 3)
     * @param bo  (1)
     */
    public record Start(double[][][] x, double[][] y, double[][] wq, double[] bq, double[][] wk, double[] bk,
                        double[][] wv, double[] bv, double[][] wo, double[] bo) {

        public Start {
            requireShape(x.length == BATCH && x[0].length == TOKENS && x[0][0].length == INPUT, "X", "(2, 3, 4)");
            requireShape(y.length == BATCH && y[0].length == 1, "y", "(2, 1)");
            for (double[][] w : List.of(wq, wk, wv)) {
                requireShape(w.length == PROJ && w[0].length == INPUT, "W_Q/W_K/W_V", "(3, 4)");
            }
            requireShape(wo.length == 1 && wo[0].length == PROJ, "W_out", "(1, 3)");
            requireShape(bq.length == PROJ && bk.length == PROJ && bv.length == PROJ && bo.length == 1, "biases", "(3), (3), (3), (1)");
            x = copy3(x);
            y = Tensors.copy(y);
            wq = Tensors.copy(wq);
            wk = Tensors.copy(wk);
            wv = Tensors.copy(wv);
            wo = Tensors.copy(wo);
            bq = bq.clone();
            bk = bk.clone();
            bv = bv.clone();
            bo = bo.clone();
        }

        /**
         * As the notebook draws them after {@code torch.manual_seed(seed)}: X = randn(2, 3, 4), then
         * nn.Linear(4, 3) three times (W_Q, W_K, W_V) and nn.Linear(3, 1); y = [[1], [0]].
         */
        public static Start torch(long seed) {
            TorchRandom r = new TorchRandom(seed);
            float[] xs = r.randn(BATCH * TOKENS * INPUT);
            double[][][] x = new double[BATCH][TOKENS][INPUT];
            for (int i = 0; i < xs.length; i++) {
                x[i / (TOKENS * INPUT)][(i / INPUT) % TOKENS][i % INPUT] = xs[i];
            }
            float[][] q = r.linear(INPUT, PROJ);
            float[][] k = r.linear(INPUT, PROJ);
            float[][] v = r.linear(INPUT, PROJ);
            float[][] o = r.linear(PROJ, 1);
            return new Start(x, new double[][] {{1}, {0}}, matrix(q[0], PROJ, INPUT), vector(q[1]), matrix(k[0], PROJ, INPUT),
                    vector(k[1]), matrix(v[0], PROJ, INPUT), vector(v[1]), matrix(o[0], 1, PROJ), vector(o[1]));
        }

        private static double[][] matrix(float[] f, int rows, int cols) {
            double[][] m = new double[rows][cols];
            for (int i = 0; i < f.length; i++) {
                m[i / cols][i % cols] = f[i];
            }
            return m;
        }

        private static double[] vector(float[] f) {
            double[] d = new double[f.length];
            for (int i = 0; i < f.length; i++) {
                d[i] = f[i];
            }
            return d;
        }

        private static void requireShape(boolean ok, String what, String expected) {
            if (!ok) {
                throw new IllegalArgumentException(what + " has the wrong shape; the notebook's is " + expected);
            }
        }

        private static double[][][] copy3(double[][][] a) {
            double[][][] out = new double[a.length][][];
            for (int i = 0; i < a.length; i++) {
                Tensors.requireRectangular(a[i], "X[" + i + "]");
                out[i] = Tensors.copy(a[i]);
            }
            return out;
        }
    }

    private final Settings settings;
    private final Start start;
    private final LinearLayer wq;
    private final LinearLayer wk;
    private final LinearLayer wv;
    private final LinearLayer out;
    private final Parameters parameters;
    private final Adam adam;
    private final DotProductAttention attention = new DotProductAttention();
    private final MeanPooling pooling = new MeanPooling();
    private final MseLoss mse = new MseLoss();
    private final INDArray x;
    private final INDArray y;

    /** The notebook's run for these settings (data and weights drawn as PyTorch draws them). */
    public SimpleAttentionExperiment(Settings settings) {
        this(settings, Start.torch(settings.seed()));
    }

    /** A run from given data and initial weights (edited in a view, or from a reference). */
    public SimpleAttentionExperiment(Settings settings, Start start) {
        this.settings = settings;
        this.start = start;
        // engine layout: W is (in, out), the transpose of nn.Linear.weight
        this.wq = linear("W_Q", start.wq(), start.bq());
        this.wk = linear("W_K", start.wk(), start.bk());
        this.wv = linear("W_V", start.wv(), start.bv());
        this.out = linear("W_out", start.wo(), start.bo());
        List<Parameter> all = new ArrayList<>();
        for (LinearLayer l : List.of(wq, wk, wv, out)) {
            all.addAll(l.parameters());
        }
        this.parameters = new Parameters(all);
        this.adam = Adam.pytorchDefaults(parameters);
        double[] flat = new double[BATCH * TOKENS * INPUT];
        for (int b = 0; b < BATCH; b++) {
            for (int t = 0; t < TOKENS; t++) {
                System.arraycopy(start.x()[b][t], 0, flat, (b * TOKENS + t) * INPUT, INPUT);
            }
        }
        this.x = Nd4j.create(flat, new long[] {BATCH * TOKENS, INPUT}, DataType.DOUBLE);
        this.y = Tensors.matrix(start.y(), org.attentionlab.engine.Precision.FLOAT64, "y");
    }

    private static LinearLayer linear(String name, double[][] torchWeight, double[] bias) {
        double[][] w = new double[torchWeight[0].length][torchWeight.length];
        for (int i = 0; i < torchWeight.length; i++) {
            for (int j = 0; j < torchWeight[0].length; j++) {
                w[j][i] = torchWeight[i][j];
            }
        }
        return new LinearLayer(name, new Parameter(name + ".weight", Tensors.matrix(w, org.attentionlab.engine.Precision.FLOAT64, name)),
                new Parameter(name + ".bias", Tensors.vector(bias, org.attentionlab.engine.Precision.FLOAT64, name + " bias")));
    }

    public Settings settings() {
        return settings;
    }

    public Start start() {
        return start;
    }

    public Parameters parameters() {
        return parameters;
    }

    @Override
    public String name() {
        return "simple-attention";
    }

    @Override
    public int totalSteps() {
        return settings.steps();
    }

    /** The forward pass and the loss; the model keeps what backward needs. */
    double forward() {
        // 1. Q, K, V = x·W + b  -> (B·T, 3) each, viewed as (B, T, 3)
        INDArray q = wq.forward(x).reshape(BATCH, TOKENS, PROJ);
        INDArray k = wk.forward(x).reshape(BATCH, TOKENS, PROJ);
        INDArray v = wv.forward(x).reshape(BATCH, TOKENS, PROJ);
        // 2. weights = softmax(QKᵀ/√3), context = weights·V -> (B, T, 3)
        INDArray context = attention.forward(q, k, v, null, 1 / Math.sqrt(PROJ));
        // 3. mean over positions -> (B, 3), 4. output layer -> (B, 1)
        INDArray output = out.forward(pooling.forward(context));
        // 5. MSE against y
        return mse.forward(output, y);
    }

    /** ∂L/∂θ for the last forward pass, added into the parameters' gradients. */
    void backward() {
        INDArray dContext = pooling.backward(out.backward(mse.backward()));
        DotProductAttention.Gradients g = attention.backward(dContext);
        wq.backward(g.dQ().reshape(BATCH * TOKENS, PROJ));
        wk.backward(g.dK().reshape(BATCH * TOKENS, PROJ));
        wv.backward(g.dV().reshape(BATCH * TOKENS, PROJ));
    }

    @Override
    public StepResult step(int step) {
        // the notebook's loop: zero_grad, forward, loss, backward, step
        parameters.zeroGrad();
        double loss = forward();
        backward();
        double norm = parameters.gradientNorm();
        adam.step(settings.learningRate());
        return new StepResult(loss, settings.learningRate(), norm);
    }

    /** The loss at the current parameters, without changing anything but the gradients. */
    public double currentLoss() {
        parameters.zeroGrad();
        return forward();
    }

    @Override
    public TrainingSnapshot snapshot(int step) {
        parameters.zeroGrad();
        forward();
        backward();
        List<AttentionMap> maps = new ArrayList<>();
        List<String> tokens = List.of("x₁", "x₂", "x₃");
        INDArray w = attention.weights();
        for (int b = 0; b < BATCH; b++) {
            maps.add(new AttentionMap(AttentionKind.SELF, 0, 0, b, tokens, tokens, Matrix.of(Tensors.toMatrix(w.slice(b)))));
        }
        List<NamedMatrix> values = new ArrayList<>();
        List<NamedMatrix> grads = new ArrayList<>();
        int i = 0;
        for (LinearLayer l : List.of(wq, wk, wv, out)) {
            values.add(new NamedMatrix(NAMES.get(i), l.weight().valueMatrix().transpose()));
            grads.add(new NamedMatrix(NAMES.get(i), l.weight().gradMatrix().transpose()));
            values.add(new NamedMatrix(NAMES.get(i + 1), l.bias().valueMatrix()));
            grads.add(new NamedMatrix(NAMES.get(i + 1), l.bias().gradMatrix()));
            i += 2;
        }
        parameters.zeroGrad();
        return new TrainingSnapshot(step, maps, values, grads);
    }

    /** The whole run at once, on the calling thread. */
    public Run run() {
        TrainingSnapshot before = snapshot(0);
        List<Double> losses = new ArrayList<>(settings.steps());
        for (int s = 1; s <= settings.steps(); s++) {
            losses.add(step(s).loss());
        }
        return new Run(losses, before, snapshot(settings.steps()));
    }

    /**
     * A finished run.
     *
     * @param losses the loss at each step, before that step's update (as the notebook prints it)
     * @param before the model before training
     * @param after  the model after the last step
     */
    public record Run(List<Double> losses, TrainingSnapshot before, TrainingSnapshot after) {
        public Run {
            losses = List.copyOf(losses);
        }
    }

    /**
     * Writes {@code simple-attention.safetensors} (float64, PyTorch layout and names:
     * {@code W_Q.weight} (3, 4), {@code W_Q.bias}, …, {@code out.weight} (1, 3), {@code out.bias})
     * and {@code config.json} (the settings and the loss curve).
     */
    public void save(Path dir, List<Double> losses) throws IOException {
        Files.createDirectories(dir);
        SafetensorsWriter w = new SafetensorsWriter().metadata("format", "pt").metadata("model_type", "attention-lab-simple-attention");
        String[] torchNames = {"W_Q", "W_K", "W_V", "out"};
        int i = 0;
        for (LinearLayer l : List.of(wq, wk, wv, out)) {
            Matrix m = l.weight().valueMatrix().transpose();
            w.addF64(torchNames[i] + ".weight", new long[] {m.rows(), m.cols()}, m.toRowMajor());
            w.addF64(torchNames[i] + ".bias", new long[] {l.out()}, l.bias().values());
            i++;
        }
        w.write(dir.resolve("simple-attention.safetensors"));
        Map<String, Object> cfg = new LinkedHashMap<>();
        cfg.put("model_type", "attention-lab-simple-attention");
        cfg.put("input_dim", INPUT);
        cfg.put("proj_dim", PROJ);
        cfg.put("seed", settings.seed());
        cfg.put("learning_rate", settings.learningRate());
        cfg.put("steps", settings.steps());
        cfg.put("optimizer", "Adam(beta1=0.9, beta2=0.999, eps=1e-8)");
        cfg.put("loss", "MSE");
        cfg.put("weight_layout", "PyTorch nn.Linear: weight is (out, in), y = x W^T + b");
        cfg.put("losses", losses);
        AtomicFiles.writeString(dir.resolve("config.json"),
                new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT).writeValueAsString(cfg).replace("\r\n", "\n") + "\n");
    }
}
