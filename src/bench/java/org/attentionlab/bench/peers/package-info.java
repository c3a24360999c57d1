/**
 * Benchmark peers and JMH benchmarks that need libraries only the Maven profile {@code bench}
 * brings (ONNX Runtime, JMH). Compiled only with {@code -Pbench}; the {@code bench} command finds
 * them by name and says so when they are missing.
 */
package org.attentionlab.bench.peers;
