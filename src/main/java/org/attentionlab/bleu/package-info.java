/**
 * BLEU, made transparent: sacreBLEU-exact scores, NLTK's and the d2l textbook's variants, and
 * every n-gram behind them. No JavaFX here; the BLEU view builds on this API.
 *
 * <p>BLEU (Papineni, Roukos, Ward and Zhu 2002, "BLEU: a Method for Automatic Evaluation of
 * Machine Translation", ACL) is the brevity penalty times the geometric mean of clipped n-gram
 * precisions. The number a tool prints also depends on the tokenizer, the smoothing, the
 * reference-length rule and whether sentence or corpus statistics are used, which is why Post
 * (2018, "A Call for Clarity in Reporting BLEU Scores", WMT) introduced sacreBLEU and its
 * signature. The entry points:
 * <ul>
 *   <li>{@link org.attentionlab.bleu.SacreBleu} with a {@link org.attentionlab.bleu.BleuConfig}:
 *       corpus and sentence BLEU exactly as sacreBLEU 2.6.0 computes them (0–100), returning a
 *       {@link org.attentionlab.bleu.BleuScore} with its
 *       {@link org.attentionlab.bleu.BleuSignature};</li>
 *   <li>{@link org.attentionlab.bleu.BleuTokenizer}: sacreBLEU's {@code none, 13a, intl, zh, char};</li>
 *   <li>{@link org.attentionlab.bleu.MatchDetails}: each hypothesis n-gram with its count,
 *       clipped count and matched positions, for highlighting;</li>
 *   <li>{@link org.attentionlab.bleu.NltkBleu}: NLTK 3.8.1's {@code sentence_bleu} /
 *       {@code corpus_bleu} with {@link org.attentionlab.bleu.NltkSmoothing} method0–7 (0–1);</li>
 *   <li>{@link org.attentionlab.bleu.TextbookBleu}: the d2l formula, labelled as a variant.</li>
 * </ul>
 *
 * <p>Expected values in the tests come from sacreBLEU's and NLTK's own published test cases and
 * from Python (which supplies the Python string semantics the tokenizers depend on), never from
 * this code.
 */
package org.attentionlab.bleu;
