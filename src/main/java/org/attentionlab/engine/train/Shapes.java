package org.attentionlab.engine.train;

import java.util.Arrays;

import org.nd4j.linalg.api.ndarray.INDArray;

/** The shape checks of the training layers; every message names the array and both shapes. */
final class Shapes {

    private Shapes() {
    }

    /** Checks that {@code a} has exactly {@code expected} as its shape; −1 matches any size. */
    static void require(INDArray a, String what, long... expected) {
        if (a == null) {
            throw new IllegalArgumentException(what + " is missing");
        }
        long[] s = a.shape();
        boolean ok = s.length == expected.length;
        for (int i = 0; ok && i < s.length; i++) {
            ok = expected[i] < 0 || expected[i] == s[i];
        }
        if (!ok) {
            throw new IllegalArgumentException(what + " has shape " + Arrays.toString(s) + " but " + describe(expected)
                    + " was expected");
        }
    }

    /** Fails when backward is called before any forward pass. */
    static void requireForward(Object cache, String layer) {
        if (cache == null) {
            throw new IllegalStateException(layer + ": backward was called before forward");
        }
    }

    private static String describe(long[] expected) {
        StringBuilder sb = new StringBuilder("(");
        for (int i = 0; i < expected.length; i++) {
            sb.append(i == 0 ? "" : ", ").append(expected[i] < 0 ? "any" : Long.toString(expected[i]));
        }
        return sb.append(')').toString();
    }
}
