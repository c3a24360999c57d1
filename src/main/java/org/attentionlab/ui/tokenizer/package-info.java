/**
 * The tokenizer view: BERT's WordPiece tokenizer (org.attentionlab.text) on any text, with the
 * tokens as chips coloured and bordered by kind, their input_ids, token_type_ids and
 * attention_mask aligned beneath, sentence pairs, max_length truncation and padding, the decoded
 * round trip, and why "Transformer" is [UNK] in the tokenizer notebook.
 */
package org.attentionlab.ui.tokenizer;
