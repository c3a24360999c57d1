package org.attentionlab.bench.peers;

import java.nio.FloatBuffer;
import java.util.Map;

import org.attentionlab.bench.OnnxGraphs;
import org.attentionlab.bench.Peer;
import org.attentionlab.engine.AttentionWeights;
import org.attentionlab.engine.EncoderLayerWeights;

import ai.onnxruntime.OnnxTensor;
import ai.onnxruntime.OrtEnvironment;
import ai.onnxruntime.OrtException;
import ai.onnxruntime.OrtSession;

/**
 * ONNX Runtime (CPU execution provider) on graphs from {@link OnnxGraphs}: every optimisation on
 * (it fuses the attention pattern), {@code threads} intra-op threads that sleep when idle, one
 * inter-op thread, the
 * input tensor made once and reused, so a run times the graph and the output copy only.
 */
public final class OnnxRuntimePeer implements Peer {

    private final OrtEnvironment env = OrtEnvironment.getEnvironment();
    private final int threads;

    public OnnxRuntimePeer(int threads) {
        this.threads = threads;
    }

    @Override
    public String impl() {
        return "onnxruntime";
    }

    @Override
    public String describe() {
        return "ONNX Runtime " + env.getVersion() + " (CPU, " + threads + " intra-op threads, no spinning, all graph optimisations)";
    }

    @Override
    public Run multiHead(AttentionWeights w, int heads, double[][] x, boolean causal) throws OrtException {
        return open(OnnxGraphs.multiHead(w, heads, x.length, causal), x);
    }

    @Override
    public Run encoderLayer(EncoderLayerWeights w, int heads, double[][] x, double eps) throws OrtException {
        return open(OnnxGraphs.encoderLayer(w, heads, x.length, eps), x);
    }

    private Run open(byte[] model, double[][] x) throws OrtException {
        OrtSession.SessionOptions o = new OrtSession.SessionOptions();
        o.setOptimizationLevel(OrtSession.SessionOptions.OptLevel.ALL_OPT);
        o.setIntraOpNumThreads(threads);
        o.setInterOpNumThreads(1);
        o.setExecutionMode(OrtSession.SessionOptions.ExecutionMode.SEQUENTIAL);
        // idle threads sleep, as ours do (OMP_WAIT_POLICY=PASSIVE): spinning ORT threads would keep a
        // core busy after each run and slow whatever bench times next in its turn
        o.addConfigEntry("session.intra_op.allow_spinning", "0");
        OrtSession session = env.createSession(model, o);
        int t = x.length;
        int d = x[0].length;
        float[] flat = new float[t * d];
        for (int i = 0; i < t; i++) {
            for (int j = 0; j < d; j++) {
                flat[i * d + j] = (float) x[i][j];
            }
        }
        OnnxTensor input = OnnxTensor.createTensor(env, FloatBuffer.wrap(flat), new long[] {1, t, d});
        Map<String, OnnxTensor> feeds = Map.of(OnnxGraphs.INPUT, input);
        return new Run() {
            @Override
            public double[][] run() {
                try (OrtSession.Result r = session.run(feeds)) {
                    float[][][] y = (float[][][]) r.get(0).getValue();
                    double[][] out = new double[t][d];
                    for (int i = 0; i < t; i++) {
                        for (int j = 0; j < d; j++) {
                            out[i][j] = y[0][i][j];
                        }
                    }
                    return out;
                } catch (OrtException e) {
                    throw new IllegalStateException("ONNX Runtime failed: " + e.getMessage(), e);
                }
            }

            @Override
            public void time() {
                try (OrtSession.Result r = session.run(feeds)) {
                    if (r.size() != 1) {
                        throw new IllegalStateException("expected one output, got " + r.size());
                    }
                } catch (OrtException e) {
                    throw new IllegalStateException("ONNX Runtime failed: " + e.getMessage(), e);
                }
            }

            @Override
            public void close() {
                input.close();
                try {
                    session.close();
                    o.close();
                } catch (OrtException e) {
                    throw new IllegalStateException(e);
                }
            }
        };
    }
}
