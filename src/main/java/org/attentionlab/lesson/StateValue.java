package org.attentionlab.lesson;

import java.util.Arrays;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

import org.attentionlab.engine.trace.Matrix;

/**
 * One typed value of a step's state or of a check's inputs. Values are immutable: arrays are
 * copied in and out.
 */
public sealed interface StateValue {

    /** The value as a teacher would write it in YAML (for messages and the JSON listing). */
    Object toPlain();

    /** A piece of text (also used for enumerated choices such as {@code causal}). */
    record Text(String value) implements StateValue {
        public Text {
            Objects.requireNonNull(value, "value");
        }

        @Override
        public Object toPlain() {
            return value;
        }
    }

    /** A whole number. */
    record Int(long value) implements StateValue {
        @Override
        public Object toPlain() {
            return value;
        }
    }

    /** A finite real number. */
    record Num(double value) implements StateValue {
        public Num {
            if (!Double.isFinite(value)) {
                throw new IllegalArgumentException("not a finite number: " + value);
            }
        }

        @Override
        public Object toPlain() {
            return value;
        }
    }

    /** true or false. */
    record Bool(boolean value) implements StateValue {
        @Override
        public Object toPlain() {
            return value;
        }
    }

    /** A list of finite numbers. */
    record Vector(double[] values) implements StateValue {
        public Vector {
            values = values.clone();
        }

        @Override
        public double[] values() {
            return values.clone();
        }

        public int size() {
            return values.length;
        }

        @Override
        public Object toPlain() {
            return Arrays.stream(values).boxed().toList();
        }

        @Override
        public boolean equals(Object o) {
            return o instanceof Vector v && Arrays.equals(v.values, values);
        }

        @Override
        public int hashCode() {
            return Arrays.hashCode(values);
        }

        @Override
        public String toString() {
            return Arrays.toString(values);
        }
    }

    /** A rectangular matrix of finite numbers, at least 1×1. */
    record Mat(Matrix value) implements StateValue {
        public Mat {
            Objects.requireNonNull(value, "value");
        }

        public double[][] toArray() {
            return value.toArray();
        }

        @Override
        public Object toPlain() {
            return Arrays.stream(value.toArray()).map(r -> Arrays.stream(r).boxed().toList()).toList();
        }
    }

    /** Two whole numbers, such as a cell [row, column] or a shape [rows, columns]. */
    record Pair(int first, int second) implements StateValue {
        @Override
        public Object toPlain() {
            return List.of(first, second);
        }
    }

    /** A list of texts. */
    record Texts(List<String> values) implements StateValue {
        public Texts {
            values = List.copyOf(values);
        }

        @Override
        public Object toPlain() {
            return values;
        }
    }

    /** A list of whole numbers. */
    record Ints(List<Integer> values) implements StateValue {
        public Ints {
            values = List.copyOf(values);
        }

        @Override
        public Object toPlain() {
            return values;
        }
    }

    /** Words with a vector each, all vectors the same length, in the order written. */
    record WordVectors(Map<String, Vector> values) implements StateValue {
        public WordVectors {
            values = Collections.unmodifiableMap(new LinkedHashMap<>(values));
        }

        @Override
        public Object toPlain() {
            Map<String, Object> out = new LinkedHashMap<>();
            values.forEach((w, v) -> out.put(w, v.toPlain()));
            return out;
        }
    }
}
