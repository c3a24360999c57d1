/**
 * The embedding view: word vectors as points in a 3-D scatter (a JavaFX sub-scene, or a projected
 * 2-D drawing where the pipeline has no 3-D) with their distances, cosine similarities and dot
 * products; BERT's input as the sum of token, segment and position embeddings (seeded tables, or a
 * loaded model's); and a PCA projection.
 */
package org.attentionlab.ui.embedding;
