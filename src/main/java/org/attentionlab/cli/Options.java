package org.attentionlab.cli;

import java.util.Arrays;

import org.attentionlab.engine.Precision;

/** Checks shared by the commands' options. */
final class Options {

    private Options() {
    }

    static void requireOneOf(String option, String value, String... allowed) {
        if (!Arrays.asList(allowed).contains(value)) {
            throw new BadInputException(option + " is '" + value + "'; expected one of " + String.join(", ", allowed));
        }
    }

    static Precision precision(String value) {
        requireOneOf("--precision", value, "float32", "float64");
        return value.equals("float32") ? Precision.FLOAT32 : Precision.FLOAT64;
    }
}
