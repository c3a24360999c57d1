package org.attentionlab.lesson;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import org.attentionlab.engine.trace.Matrix;

/**
 * An immutable, ordered map from state keys to typed values: what a step sets on its view, or
 * what a check takes as inputs. Typed-but-open: the keys a view understands are declared in
 * {@link ViewCatalog} (data, not a class per view), and every value was validated against its
 * declared {@link ValueType} when the lesson was loaded, so the typed getters below only return
 * empty when the key is absent.
 */
public final class StateMap {

    private static final StateMap EMPTY = new StateMap(Map.of());

    private final Map<String, StateValue> values;

    private StateMap(Map<String, StateValue> values) {
        this.values = values;
    }

    public static StateMap empty() {
        return EMPTY;
    }

    public static StateMap of(Map<String, ? extends StateValue> values) {
        return values.isEmpty() ? EMPTY : new StateMap(Collections.unmodifiableMap(new LinkedHashMap<>(values)));
    }

    /** This map with {@code over}'s entries added or replacing ours (keys keep first-seen order). */
    public StateMap overlaidWith(StateMap over) {
        if (over.values.isEmpty()) {
            return this;
        }
        Map<String, StateValue> m = new LinkedHashMap<>(values);
        m.putAll(over.values);
        return of(m);
    }

    public Set<String> keys() {
        return values.keySet();
    }

    public Map<String, StateValue> asMap() {
        return values;
    }

    public boolean isEmpty() {
        return values.isEmpty();
    }

    public boolean has(String key) {
        return values.containsKey(key);
    }

    public Optional<StateValue> get(String key) {
        return Optional.ofNullable(values.get(key));
    }

    public Optional<String> text(String key) {
        return values.get(key) instanceof StateValue.Text t ? Optional.of(t.value()) : Optional.empty();
    }

    public Optional<Long> integer(String key) {
        return values.get(key) instanceof StateValue.Int i ? Optional.of(i.value()) : Optional.empty();
    }

    /** A number key (whole numbers written without a point read as numbers too). */
    public Optional<Double> number(String key) {
        StateValue v = values.get(key);
        if (v instanceof StateValue.Num n) {
            return Optional.of(n.value());
        }
        if (v instanceof StateValue.Int i) {
            return Optional.of((double) i.value());
        }
        return Optional.empty();
    }

    public Optional<Boolean> flag(String key) {
        return values.get(key) instanceof StateValue.Bool b ? Optional.of(b.value()) : Optional.empty();
    }

    /** A copy of a vector value. */
    public Optional<double[]> vector(String key) {
        return values.get(key) instanceof StateValue.Vector v ? Optional.of(v.values()) : Optional.empty();
    }

    public Optional<Matrix> matrix(String key) {
        return values.get(key) instanceof StateValue.Mat m ? Optional.of(m.value()) : Optional.empty();
    }

    public Optional<StateValue.Pair> pair(String key) {
        return values.get(key) instanceof StateValue.Pair p ? Optional.of(p) : Optional.empty();
    }

    public Optional<java.util.List<String>> texts(String key) {
        return values.get(key) instanceof StateValue.Texts t ? Optional.of(t.values()) : Optional.empty();
    }

    public Optional<java.util.List<Integer>> integers(String key) {
        return values.get(key) instanceof StateValue.Ints t ? Optional.of(t.values()) : Optional.empty();
    }

    public Optional<Map<String, StateValue.Vector>> wordVectors(String key) {
        return values.get(key) instanceof StateValue.WordVectors w ? Optional.of(w.values()) : Optional.empty();
    }

    /** Keys and values as plain lists, maps, strings and numbers (for JSON and messages). */
    public Map<String, Object> toPlain() {
        Map<String, Object> out = new LinkedHashMap<>();
        values.forEach((k, v) -> out.put(k, v.toPlain()));
        return out;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof StateMap s && s.values.equals(values);
    }

    @Override
    public int hashCode() {
        return values.hashCode();
    }

    @Override
    public String toString() {
        return toPlain().toString();
    }
}
