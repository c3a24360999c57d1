package org.attentionlab.lesson;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The kinds of check a lesson may use. A new kind is one class and one line in {@link #standard()}
 * (or {@code CheckCatalog.standard().with(kind)} for tests).
 */
public final class CheckCatalog {

    private static final CheckCatalog STANDARD = new CheckCatalog(List.of(
            new StandardChecks.Attention(),
            new StandardChecks.Softmax(),
            new StandardChecks.Dot(),
            new StandardChecks.MatMul(),
            new StandardChecks.Pe(),
            new StandardChecks.Norm(false),
            new StandardChecks.Norm(true),
            new StandardChecks.MultiHead(),
            new StandardChecks.ScoreVariance(),
            new StandardChecks.FeedForwardCheck(),
            new BleuCheck(),
            new EmbeddingChecks.Tokenize(),
            new EmbeddingChecks.Similarity(),
            new EmbeddingChecks.PcaCheck(),
            // --- training, cross-attention, decoding (branch trainview)
            new TrainingChecks.SimpleAttention(),
            new TrainingChecks.Translate()));

    private final Map<String, CheckKind> kinds;

    private CheckCatalog(List<CheckKind> list) {
        Map<String, CheckKind> m = new LinkedHashMap<>();
        for (CheckKind k : list) {
            if (m.put(k.name(), k) != null) {
                throw new IllegalArgumentException("check kind '" + k.name() + "' is registered twice");
            }
        }
        this.kinds = Collections.unmodifiableMap(m);
    }

    public static CheckCatalog standard() {
        return STANDARD;
    }

    /** This catalogue plus one kind. */
    public CheckCatalog with(CheckKind kind) {
        List<CheckKind> all = new ArrayList<>(kinds.values());
        all.add(kind);
        return new CheckCatalog(all);
    }

    public Optional<CheckKind> find(String name) {
        return Optional.ofNullable(kinds.get(name));
    }

    public List<String> names() {
        return List.copyOf(kinds.keySet());
    }

    public List<CheckKind> kinds() {
        return List.copyOf(kinds.values());
    }
}
