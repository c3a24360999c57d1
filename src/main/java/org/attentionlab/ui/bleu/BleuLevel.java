package org.attentionlab.ui.bleu;

/** One sentence typed in, or a corpus read from files (one segment per line). */
public enum BleuLevel { SENTENCE, CORPUS }
