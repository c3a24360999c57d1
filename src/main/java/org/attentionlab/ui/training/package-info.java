/**
 * The training view (issue 7): the notebook's SimpleAttention, copy, reverse and the tiny
 * translator trained live on a thread of their own, with the loss and learning-rate curves, the
 * probe's attention as the heads specialise, and the parameters with their gradients.
 * {@link org.attentionlab.ui.training.TrainingView} only binds to
 * {@link org.attentionlab.ui.training.TrainingViewModel}, which is tested without a Stage.
 */
package org.attentionlab.ui.training;
