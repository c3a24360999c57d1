/**
 * Attention Lab: a desktop app that teaches the Transformer by letting people see and change
 * every number in it. {@link org.attentionlab.Main} is the one entry point.
 */
package org.attentionlab;
