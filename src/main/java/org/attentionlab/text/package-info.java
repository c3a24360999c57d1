/**
 * Text to token ids, the first stop of the data flow (input → {@code text} → {@code engine}).
 *
 * <p>{@link org.attentionlab.text.BertTokenizer} reproduces the input pipeline of BERT
 * (Devlin et al. 2019, "BERT: Pre-training of Deep Bidirectional Transformers for Language
 * Understanding", section 3 "Input/Output Representations"): a {@link
 * org.attentionlab.text.BasicTokenizer} that cleans the text, splits every CJK ideograph and every
 * punctuation mark off and optionally lower-cases and strips accents, followed by {@link
 * org.attentionlab.text.WordPiece} (Wu et al. 2016, "Google's Neural Machine Translation System",
 * section 4.1), and finally the {@code [CLS] A [SEP] B [SEP]} layout with segment ids, truncation
 * and padding. The result is an immutable {@link org.attentionlab.text.Encoding} that also records
 * what kind each token is ({@link org.attentionlab.text.TokenKind}), for the tokenizer view.
 *
 * <p>Any BERT {@code vocab.txt} loads ({@link org.attentionlab.text.Vocabulary}), so a user who
 * has bert-base-chinese or bert-base-uncased gets the ids Hugging Face gives; the test suite
 * checks that against the Hugging Face tokenizers library on a committed corpus. Where Hugging
 * Face's Rust library and its older Python {@code BertTokenizer} disagree (pair truncation ties,
 * the decode clean-up), the class javadoc says which one we follow and why.
 *
 * <p>{@link org.attentionlab.text.WhitespaceTokenizer} and {@link
 * org.attentionlab.text.CharacterTokenizer} are the two naive tokenizers the lessons start from,
 * before a vocabulary exists; all three share {@link org.attentionlab.text.TextTokenizer}.
 *
 * <p>No JavaFX here; everything is immutable and thread-safe.
 */
package org.attentionlab.text;
