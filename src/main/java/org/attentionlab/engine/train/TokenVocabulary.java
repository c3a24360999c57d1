package org.attentionlab.engine.train;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.attentionlab.io.AtomicFiles;
import org.attentionlab.io.ModelFileException;
import org.attentionlab.text.Vocabulary;

/**
 * A word vocabulary for a {@link Seq2SeqTransformer}: ids 0–3 are the special tokens
 * {@code <pad> <bos> <eos> <unk>}, then words. Stored as one token per line (id = line number),
 * the format of {@link Vocabulary}.
 */
public final class TokenVocabulary {

    private final Vocabulary vocabulary;

    private TokenVocabulary(Vocabulary vocabulary) {
        this.vocabulary = vocabulary;
    }

    /**
     * The special tokens, then every word of {@code sentences} by falling frequency (ties in
     * code-point order), so the same corpus always gives the same ids.
     */
    public static TokenVocabulary build(String name, Collection<String> sentences) {
        Map<String, Integer> counts = new HashMap<>();
        for (String s : sentences) {
            for (String w : ParallelCorpus.words(s)) {
                counts.merge(w, 1, Integer::sum);
            }
        }
        List<String> words = new ArrayList<>(counts.keySet());
        words.removeAll(Seq2SeqTransformer.SPECIAL_TOKENS);
        words.sort((a, b) -> counts.get(a).equals(counts.get(b)) ? a.compareTo(b) : counts.get(b) - counts.get(a));
        List<String> tokens = new ArrayList<>(Seq2SeqTransformer.SPECIAL_TOKENS);
        tokens.addAll(words);
        return new TokenVocabulary(Vocabulary.of(name, tokens));
    }

    /** Reads a vocabulary file and checks that it starts with the four special tokens. */
    public static TokenVocabulary load(Path file) throws IOException {
        Vocabulary v = Vocabulary.load(file);
        List<String> specials = Seq2SeqTransformer.SPECIAL_TOKENS;
        for (int i = 0; i < specials.size(); i++) {
            if (v.size() <= i || !v.token(i).equals(specials.get(i))) {
                throw new ModelFileException(file, "line " + (i + 1), "should be " + specials.get(i)
                        + " (the first lines are " + String.join(" ", specials) + ")");
            }
        }
        if (v.size() <= specials.size()) {
            throw new ModelFileException(file, null, "has no words after the special tokens");
        }
        return new TokenVocabulary(v);
    }

    /** Writes one token per line (atomically). */
    public void save(Path file) throws IOException {
        StringBuilder sb = new StringBuilder();
        for (String t : vocabulary.tokens()) {
            sb.append(t).append('\n');
        }
        AtomicFiles.writeString(file, sb.toString());
    }

    public int size() {
        return vocabulary.size();
    }

    public String token(int id) {
        return vocabulary.token(id);
    }

    public List<String> tokens() {
        return vocabulary.tokens();
    }

    /** The id of a word, {@link Seq2SeqTransformer#UNK} when the vocabulary lacks it. */
    public int id(String word) {
        return vocabulary.id(word).orElse(Seq2SeqTransformer.UNK);
    }

    public boolean contains(String word) {
        return vocabulary.contains(word);
    }

    /** The ids of a sentence's words (no special tokens added). */
    public int[] encode(String sentence) {
        return encode(ParallelCorpus.words(sentence));
    }

    public int[] encode(List<String> words) {
        int[] ids = new int[words.size()];
        for (int i = 0; i < ids.length; i++) {
            ids[i] = id(words.get(i));
        }
        return ids;
    }

    /** The tokens of ids, special tokens spelled out. */
    public List<String> decode(int[] ids) {
        List<String> out = new ArrayList<>(ids.length);
        for (int id : ids) {
            out.add(vocabulary.token(id));
        }
        return out;
    }
}
