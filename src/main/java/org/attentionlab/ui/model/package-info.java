/**
 * Real models (issue 8): opening a BERT checkpoint folder in the background with progress
 * ({@link org.attentionlab.ui.model.ModelLoader}, shared by every view), and the model view — a
 * layers × heads grid of attention thumbnails that open a head full size in the multi-head view,
 * and the fill-mask demo when the checkpoint has its masked-LM head.
 */
package org.attentionlab.ui.model;
