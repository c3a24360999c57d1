package org.attentionlab.bench;

/** Finds the peers that this build carries. */
public final class Peers {

    /** Compiled only with {@code -Pbench} (src/bench/java). */
    static final String ONNX_RUNTIME = "org.attentionlab.bench.peers.OnnxRuntimePeer";

    private Peers() {
    }

    /** A peer, or why there is none. */
    public record Found(Peer peer, String whyNot) {
        public boolean available() {
            return peer != null;
        }
    }

    /** ONNX Runtime with {@code threads} intra-op threads. */
    public static Found onnxRuntime(int threads) {
        try {
            Class<?> c = Class.forName(ONNX_RUNTIME);
            return new Found((Peer) c.getConstructor(int.class).newInstance(threads), "");
        } catch (ClassNotFoundException | NoClassDefFoundError e) {
            return new Found(null, "not in this build (build with: mvn -Pbench -DskipTests package)");
        } catch (ReflectiveOperationException | RuntimeException | LinkageError e) {
            Throwable cause = e.getCause() != null ? e.getCause() : e;
            return new Found(null, "did not load: " + cause);
        }
    }
}
