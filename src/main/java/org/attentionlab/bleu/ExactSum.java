package org.attentionlab.bleu;

/**
 * Python's {@code math.fsum}: the correctly rounded sum of doubles (Shewchuk's exact partials,
 * then a half-way correction). NLTK sums the weighted log precisions with it; a plain loop can
 * differ in the last bits, and NLTK's scores are compared here to 1e-9 relative.
 */
final class ExactSum {

    private ExactSum() {
    }

    static double fsum(double[] xs) {
        double[] partials = new double[Math.max(4, xs.length)];
        int np = 0;
        for (double v : xs) {
            double x = v;
            int i = 0;
            for (int j = 0; j < np; j++) {
                double y = partials[j];
                if (Math.abs(x) < Math.abs(y)) {
                    double t = x;
                    x = y;
                    y = t;
                }
                double hi = x + y;
                double lo = y - (hi - x);
                if (lo != 0.0) {
                    partials[i++] = lo;
                }
                x = hi;
            }
            if (i == partials.length) {
                partials = java.util.Arrays.copyOf(partials, partials.length * 2);
            }
            partials[i++] = x;
            np = i;
        }
        double hi = 0.0;
        if (np > 0) {
            int n = np;
            hi = partials[--n];
            double lo = 0.0;
            while (n > 0) {
                double x = hi;
                double y = partials[--n];
                hi = x + y;
                double yr = hi - x;
                lo = y - yr;
                if (lo != 0.0) {
                    break;
                }
            }
            // Round half-way cases correctly: the remaining partials tell which way to go.
            if (n > 0 && ((lo < 0.0 && partials[n - 1] < 0.0) || (lo > 0.0 && partials[n - 1] > 0.0))) {
                double y = lo * 2.0;
                double x = hi + y;
                double yr = x - hi;
                if (y == yr) {
                    hi = x;
                }
            }
        }
        return hi;
    }
}
