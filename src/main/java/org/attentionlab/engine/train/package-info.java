/**
 * Training the Transformer by hand: backward passes written out for every layer of the engine,
 * the losses, optimizers, the learning-rate schedule and the training loop (Vaswani et al. 2017,
 * sections 3 and 5). Nothing here uses automatic differentiation; each layer's {@code backward}
 * is the chain rule applied to its own {@code forward}, and the test suite checks every one of
 * them against finite differences in float64.
 *
 * <p>Conventions are the engine's: row vectors, y = x·W + b with W of shape (in, out); sequences
 * (B, T, D); heads are column blocks of the projections. A layer keeps what its backward pass
 * needs from its most recent forward pass, so each layer object is used once per forward pass
 * and {@code backward} follows {@code forward}. Backward passes <em>add</em> into the
 * parameters' gradients (call {@link org.attentionlab.engine.train.Parameters#zeroGrad()} before
 * each step), and return the gradient with respect to their input.
 *
 * <p>Nothing here touches JavaFX. The {@link org.attentionlab.engine.train.Trainer} runs a
 * {@link org.attentionlab.engine.train.TrainingTask} on an executor it is given and reports
 * through a {@link org.attentionlab.engine.train.TrainingListener}; what it reports are immutable
 * records of plain numbers ({@link org.attentionlab.engine.trace.Matrix}), never ND4J arrays.
 */
package org.attentionlab.engine.train;
