/**
 * Immutable records of every intermediate a view may show, copied out of ND4J: the stages of
 * attention, each head, layer norms, residuals. Views and lessons read these and never hold an
 * ND4J array.
 */
package org.attentionlab.engine.trace;
