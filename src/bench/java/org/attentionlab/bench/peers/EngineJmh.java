package org.attentionlab.bench.peers;

import java.util.concurrent.TimeUnit;

import org.attentionlab.bench.EngineBenchmarks;
import org.attentionlab.bench.Peer;
import org.attentionlab.bench.Peers;
import org.attentionlab.engine.AttentionWeights;
import org.attentionlab.engine.Init;
import org.attentionlab.engine.Mask;
import org.attentionlab.engine.ModelConfig;
import org.attentionlab.engine.MultiHeadAttention;
import org.attentionlab.engine.NativeEnvironment;
import org.attentionlab.engine.Precision;
import org.attentionlab.engine.Tensors;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

/**
 * The {@code bench} command's attention cases as JMH benchmarks (same weights, same shapes):
 * {@code java -cp target/attention-lab.jar org.openjdk.jmh.Main EngineJmh} after
 * {@code mvn -Pbench -DskipTests package}. ND4J's op has no causal form; its causal rows are skipped.
 */
@BenchmarkMode(Mode.SampleTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(1)
@State(Scope.Benchmark)
public class EngineJmh {

    static {
        NativeEnvironment.prepare(); // each fork: before ND4J loads
    }

    @Param({"16", "128", "512"})
    public int tokens;

    @Param({"false", "true"})
    public boolean causal;

    private MultiHeadAttention ours;
    private INDArray x3;
    private Mask mask;
    private Peer.Run onnx;
    private EngineBenchmarks.Nd4jOp nd4jOp;

    @Setup(Level.Trial)
    public void setUp() throws Exception {
        MultiHeadAttention plain = MultiHeadAttention.init(ModelConfig.of(EngineBenchmarks.D_MODEL, EngineBenchmarks.HEADS),
                new Init(1, Precision.FLOAT32));
        AttentionWeights w = plain.weights();
        ours = plain;
        double[][] x = Tensors.toMatrix(new Init(2 + tokens, Precision.FLOAT32).normal(tokens, EngineBenchmarks.D_MODEL, 1));
        x3 = Tensors.matrix(x, Precision.FLOAT32, "x").reshape(1, tokens, EngineBenchmarks.D_MODEL);
        mask = causal ? Mask.causal(tokens) : Mask.none();
        Peers.Found found = Peers.onnxRuntime(Math.max(1, org.nd4j.linalg.factory.Nd4j.getEnvironment().maxThreads()));
        onnx = found.available() ? found.peer().multiHead(w, EngineBenchmarks.HEADS, x, causal) : null;
        nd4jOp = causal ? null : EngineBenchmarks.nd4jOp(w, x);
    }

    @TearDown(Level.Trial)
    public void tearDown() {
        if (onnx != null) {
            onnx.close();
        }
    }

    @Benchmark
    public INDArray attentionLab() {
        return ours.forward(x3, mask);
    }

    @Benchmark
    public void onnxRuntime() {
        if (onnx != null) {
            onnx.time();
        }
    }

    @Benchmark
    public Object nd4jOp() {
        return nd4jOp == null ? null : nd4jOp.run();
    }
}
