package org.attentionlab.engine.train;

/** Which attention a map shows. */
public enum AttentionKind {
    /** A single self-attention (the notebook's SimpleAttention). */
    SELF,
    /** Encoder self-attention (section 3.2.3, first bullet's counterpart: every source position sees every other). */
    ENCODER_SELF,
    /** Decoder masked self-attention (a target position sees earlier positions only). */
    DECODER_SELF,
    /** Encoder-decoder (cross-)attention: target positions query the source. */
    CROSS
}
