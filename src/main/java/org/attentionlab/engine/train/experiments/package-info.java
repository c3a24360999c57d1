/**
 * The three training experiments of the course, ready to hand to a
 * {@link org.attentionlab.engine.train.Trainer}: the notebook's SimpleAttention (reproducing its
 * printed numbers for seed 42), copy and reverse on digit sequences (cross-attention becomes a
 * diagonal or an anti-diagonal), and the tiny English → French-like translator whose
 * cross-attention learns the crossing alignment of the lecture's "European Economic Area".
 */
package org.attentionlab.engine.train.experiments;
