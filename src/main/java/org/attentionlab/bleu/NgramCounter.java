package org.attentionlab.bleu;

import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Clipped n-gram matching for one segment at a time, without building a string per n-gram.
 *
 * <p>Tokens become int ids through a vocabulary shared by the whole corpus. Within a segment,
 * an n-gram is identified by the pair (id of its first n−1 tokens, id of its last token), packed
 * exactly into a {@code long}; each distinct pair gets a small local id from an open-addressing
 * table. So an n-gram of any order is identified exactly (no hash collisions can merge two
 * n-grams) with one table probe per position and order, and counting is done in int arrays.
 * Not thread-safe: use one instance per thread.
 */
final class NgramCounter {

    private final Map<String, Integer> vocabulary = new HashMap<>();

    // Open-addressing table (pair key -> local id), reset per segment by bumping a generation.
    private long[] keys = new long[256];
    private int[] ids = new int[256];
    private int[] stamps = new int[256];
    private int generation = 1;
    private int size;

    // Per local id: max count in any reference, count in the reference being read, hypothesis count.
    private int[] refMax = new int[128];
    private int[] refCur = new int[128];
    private int[] hypCount = new int[128];
    private int nextId;
    private int[] touched = new int[128];

    private int[] prev = new int[64];
    private int[] cur = new int[64];

    /** Maps tokens to corpus-wide ids. */
    int[] encode(List<String> tokens) {
        int[] out = new int[tokens.size()];
        for (int i = 0; i < out.length; i++) {
            Integer id = vocabulary.get(tokens.get(i));
            if (id == null) {
                id = vocabulary.size();
                vocabulary.put(tokens.get(i), id);
            }
            out[i] = id;
        }
        return out;
    }

    /**
     * Match statistics of one hypothesis against its references, in sacreBLEU's flat layout:
     * {@code [hyp_len, ref_len, correct_1..N, total_1..N]}.
     */
    long[] segmentStatistics(int[] hyp, List<int[]> refs, int maxOrder) {
        beginSegment();
        int[] refLens = new int[refs.size()];
        for (int r = 0; r < refs.size(); r++) {
            int[] ref = refs.get(r);
            refLens[r] = ref.length;
            countReference(ref, maxOrder);
        }
        long[] stats = new long[2 + 2 * maxOrder];
        stats[0] = hyp.length;
        stats[1] = closestRefLength(hyp.length, refLens);
        matchHypothesis(hyp, maxOrder, stats);
        Arrays.fill(refMax, 0, nextId, 0);
        Arrays.fill(hypCount, 0, nextId, 0);
        return stats;
    }

    /**
     * sacreBLEU's closest reference length: the smallest |c − r|, ties going to the shorter
     * reference (Papineni et al. 2002 leave ties open; this is what mteval and sacreBLEU do).
     */
    static int closestRefLength(int hypLen, int[] refLens) {
        int bestDiff = -1;
        int best = -1;
        for (int r : refLens) {
            int diff = Math.abs(hypLen - r);
            if (bestDiff == -1 || diff < bestDiff) {
                bestDiff = diff;
                best = r;
            } else if (diff == bestDiff && r < best) {
                best = r;
            }
        }
        return best;
    }

    private void beginSegment() {
        generation++;
        if (generation == Integer.MAX_VALUE) {
            Arrays.fill(stamps, 0);
            generation = 1;
        }
        size = 0;
        nextId = 0;
    }

    private void countReference(int[] ref, int maxOrder) {
        int len = ref.length;
        ensureBuffers(len);
        int touchedCount = 0;
        for (int n = 1; n <= maxOrder && n <= len; n++) {
            for (int i = 0; i + n <= len; i++) {
                int prefix = n == 1 ? -1 : prev[i];
                int id = getOrInsert(pack(prefix, ref[i + n - 1]));
                cur[i] = id;
                if (refCur[id]++ == 0) {
                    if (touchedCount == touched.length) {
                        touched = Arrays.copyOf(touched, touchedCount * 2);
                    }
                    touched[touchedCount++] = id;
                }
            }
            int[] t = prev;
            prev = cur;
            cur = t;
        }
        for (int k = 0; k < touchedCount; k++) {
            int id = touched[k];
            if (refCur[id] > refMax[id]) {
                refMax[id] = refCur[id];
            }
            refCur[id] = 0;
        }
    }

    private void matchHypothesis(int[] hyp, int maxOrder, long[] stats) {
        int len = hyp.length;
        ensureBuffers(len);
        for (int n = 1; n <= maxOrder; n++) {
            if (n > len) {
                break;
            }
            stats[2 + maxOrder + n - 1] = len - n + 1;
            long correct = 0;
            for (int i = 0; i + n <= len; i++) {
                int prefix = n == 1 ? -1 : prev[i];
                // An n-gram whose (n−1)-prefix occurs in no reference cannot occur in one either.
                int id = (n > 1 && prefix < 0) ? -1 : get(pack(prefix, hyp[i + n - 1]));
                cur[i] = id;
                // Counting occurrences one by one and crediting only the first refMax of them
                // sums min(count, max reference count) over distinct n-grams: the clipped count.
                if (id >= 0 && ++hypCount[id] <= refMax[id]) {
                    correct++;
                }
            }
            stats[2 + n - 1] = correct;
            int[] t = prev;
            prev = cur;
            cur = t;
        }
    }

    private void ensureBuffers(int len) {
        if (prev.length < len) {
            prev = new int[len * 2];
            cur = new int[len * 2];
        }
    }

    /** Exact: prefix + 1 fits in 32 bits (prefix ≥ −1) and so does a token id. */
    private static long pack(int prefix, int token) {
        return ((long) (prefix + 1) << 32) | (token & 0xFFFFFFFFL);
    }

    private static int slot(long key, int mask) {
        // MurmurHash3's 64-bit finalizer: every key bit affects the low bits used as the slot.
        long h = key ^ (key >>> 33);
        h *= 0xFF51AFD7ED558CCDL;
        h ^= h >>> 33;
        h *= 0xC4CEB9FE1A85EC53L;
        h ^= h >>> 33;
        return (int) h & mask;
    }

    private int get(long key) {
        int mask = keys.length - 1;
        for (int s = slot(key, mask); ; s = (s + 1) & mask) {
            if (stamps[s] != generation) {
                return -1;
            }
            if (keys[s] == key) {
                return ids[s];
            }
        }
    }

    private int getOrInsert(long key) {
        if ((size + 1) * 2 > keys.length) {
            grow();
        }
        int mask = keys.length - 1;
        int s = slot(key, mask);
        while (stamps[s] == generation) {
            if (keys[s] == key) {
                return ids[s];
            }
            s = (s + 1) & mask;
        }
        stamps[s] = generation;
        keys[s] = key;
        int id = nextId++;
        ids[s] = id;
        size++;
        if (id >= refMax.length) {
            int cap = refMax.length * 2;
            refMax = Arrays.copyOf(refMax, cap);
            refCur = Arrays.copyOf(refCur, cap);
            hypCount = Arrays.copyOf(hypCount, cap);
        }
        return id;
    }

    private void grow() {
        long[] oldKeys = keys;
        int[] oldIds = ids;
        int[] oldStamps = stamps;
        int cap = keys.length * 2;
        keys = new long[cap];
        ids = new int[cap];
        stamps = new int[cap];
        int mask = cap - 1;
        for (int i = 0; i < oldKeys.length; i++) {
            if (oldStamps[i] == generation) {
                int s = slot(oldKeys[i], mask);
                while (stamps[s] == generation) {
                    s = (s + 1) & mask;
                }
                stamps[s] = generation;
                keys[s] = oldKeys[i];
                ids[s] = oldIds[i];
            }
        }
    }
}
