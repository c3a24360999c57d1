#!/usr/bin/python3
"""An independent check of the numbers added to the lessons in the coverage revision (issue 6).

    python3 src/test/python/lesson_numbers_verify.py      # needs only python3 + numpy

The lessons' own `checks:` recompute every stated number with the engine; this script recomputes
the same numbers once more from the formulas (float64 numpy, written from the paper and the seeds,
never from the Java code) and asserts that each rounds to what the lesson text prints. It writes
nothing; a failed assertion names the lesson and step. Lessons 13 (BLEU) and 17 (embeddings) have
their own scripts (bleu_lecture_verify.py, make_embedding_golden.py).
"""
import math

import numpy as np


def softmax(z):
    z = np.asarray(z, dtype=np.float64)
    e = np.exp(z - z.max(axis=-1, keepdims=True))
    return e / e.sum(axis=-1, keepdims=True)


def attention(q, k, v, scaled):
    q, k, v = (np.asarray(m, dtype=np.float64) for m in (q, k, v))
    s = q @ k.T
    if scaled:
        s = s / math.sqrt(k.shape[1])
    w = softmax(s)
    return s, w, w @ v


def close(where, actual, stated, digits):
    actual = np.asarray(actual, dtype=np.float64)
    stated = np.asarray(stated, dtype=np.float64)
    assert actual.shape == stated.shape, f"{where}: shape {actual.shape} vs {stated.shape}"
    tol = 0.5 * 10.0 ** -digits + 1e-12
    assert np.all(np.abs(actual - stated) <= tol), f"{where}: {actual.round(digits + 2)} but the lesson says {stated}"


# --- lesson 5: the attention layer (Q = K = V = X, unscaled)
X = [[1, 0], [0, 1], [1, 1]]
s, w, z = attention(X, X, X, scaled=False)
close("05 same-source scores", s, [[1, 0, 1], [0, 1, 1], [1, 1, 2]], 6)
close("05 attention-layer weights", w, [[0.422, 0.155, 0.422], [0.155, 0.422, 0.422], [0.212, 0.212, 0.576]], 3)
close("05 attention-layer output", z, [[0.845, 0.578], [0.578, 0.845], [0.788, 0.788]], 3)

# --- lesson 6: the slide's [1.8, 2.3, 0.4] sums to 4.5 (5 weights would sum to 1)
close("06 output slide-sum", sum([1.8, 2.3, 0.4]), 4.5, 9)

# --- lesson 12: the lecture's table is not a softmax: its rows do not sum to 1
table = np.array([[0.01, 0.02, 0.93, 0.01, 0.03, 0.01],
                  [0.01, 0.8, 0.1, 0.05, 0.01, 0.03],
                  [0.99, 0.001, 0.001, 0.001, 0.002, 0.001],
                  [0.001, 0.002, 0.001, 0.02, 0.94, 0.01],
                  [0.01, 0.01, 0.001, 0.001, 0.001, 0.98]])
close("12 table row sums", table.sum(axis=1), [1.01, 1.00, 0.996, 0.974, 1.003], 6)


# --- lessons 14 and 21: parameter counts from the shapes (Vaswani et al. 2017, 3.2.2 and 3.3;
# Devlin et al. 2019, Hugging Face's BertModel: embeddings with a layer norm, a pooler)
def mha(d):
    return 4 * (d * d + d)                  # W_Q, W_K, W_V, W_O with biases


def ffn(d, f):
    return d * f + f + f * d + d            # W_1, b_1, W_2, b_2


def ln(d):
    return 2 * d                             # gamma, beta


assert mha(512) == 1_050_624, "21 parameters attention"
assert ffn(512, 2048) == 2_099_712, "21 parameters ffn"
enc = mha(512) + ffn(512, 2048) + 2 * ln(512)
dec = 2 * mha(512) + ffn(512, 2048) + 3 * ln(512)
assert enc == 3_152_384 and dec == 4_204_032, "21 parameters layers"
assert 6 * enc + 6 * dec == 44_138_496, "21 parameters stacks"
assert 6 * enc + 6 * dec + 37_000 * 512 == 63_082_496, "21 parameters total base"
big = 6 * (mha(1024) + ffn(1024, 4096) + 2 * ln(1024)) + 6 * (2 * mha(1024) + ffn(1024, 4096) + 3 * ln(1024))
assert big + 37_000 * 1024 == 214_245_376, "21 parameters total big"


def bert(vocab, d, layers, f):
    embeddings = vocab * d + 512 * d + 2 * d + ln(d)
    layer = mha(d) + ffn(d, f) + 2 * ln(d)
    pooler = d * d + d
    return embeddings, layer, embeddings + layers * layer + pooler


e, layer, total = bert(30522, 768, 12, 3072)
assert (mha(768), ffn(768, 3072), layer, e, total) == (2_362_368, 4_722_432, 7_087_872, 23_837_184, 109_482_240), "14 sizes base"
_, layer, total = bert(30522, 1024, 24, 4096)
assert (layer, total) == (12_596_224, 335_141_888), "14 sizes large"
assert bert(21128, 768, 12, 3072)[2] == 102_267_648, "14 sizes bert-base-chinese"
close("14 masked-lm shares", 0.15 * np.array([0.8, 0.1, 0.1]), [0.12, 0.015, 0.015], 6)
close("14 masked-lm per 512", 0.15 * 512, 76.8, 6)

# --- lesson 21: the 小明 example (made-up vectors), scaled by √2
keys = [[2, 0], [0, 0.5], [0.5, 1.5], [0.5, 2], [1, 1], [0.5, 0], [2.5, 0]]
_, w, _ = attention([[1.5, 0], [0, 1.5]], keys, keys, scaled=True)
close("21 xiaoming-weights", w, [[0.2648, 0.0317, 0.0539, 0.0539, 0.0917, 0.0539, 0.4500],
                                 [0.0480, 0.0816, 0.2356, 0.4003, 0.1386, 0.0480, 0.0480]], 4)
assert w[0].argmax() == 6 and w[0][6] > w[0][1], "21 xiaoming: 买了 weighs 书 most and 今天 least"
assert w[1].argmax() == 3, "21 xiaoming: 今天 weighs 商店 most"

# --- lesson 21: Table 3's head width, the FFN worked by hand
assert 512 // 8 == 64 and 1024 // 16 == 64, "21 sizes d_k"
x = np.array([[1, 2], [2, -1]], dtype=np.float64)
w1 = np.array([[1, -1, 0, 2], [1, 1, -1, 0]], dtype=np.float64)
b1 = np.array([0, 0, 1, -1], dtype=np.float64)
w2 = np.array([[0.5, 0], [0, 1], [1, 1], [-0.5, 0.5]], dtype=np.float64)
b2 = np.array([0, 0.5], dtype=np.float64)
pre = x @ w1 + b1
close("21 ffn-example before ReLU", pre, [[3, 1, -1, 1], [1, -3, 2, 3]], 9)
hidden = np.maximum(0, pre)
close("21 ffn-example hidden", hidden, [[3, 1, 0, 1], [1, 0, 2, 3]], 9)
close("21 ffn-example output", hidden @ w2 + b2, [[1, 2], [1, 4]], 9)

# --- lesson 21: training time (paper, section 5.2) and Table 1's costs at d = 512
close("21 training base hours", 0.4 * 100_000 / 3600, 11.1, 1)
close("21 training big days", 1.0 * 300_000 / 86_400, 3.47, 2)
d = 512
assert (100 * 100 * d, 100 * d * d) == (5_120_000, 26_214_400), "21 cost n = 100"
assert (1000 * 1000 * d, 1000 * d * d) == (512_000_000, 262_144_000), "21 cost n = 1000"

# --- lesson 21: the blog's softmax overflows; the max-subtracted one does not
with np.errstate(over="ignore", invalid="ignore"):
    naive = np.exp(np.array([1000.0, 999.0, 998.0]))
    assert np.isinf(naive).all() and np.isnan(naive / naive.sum()).all(), "21 the-blog-code: naive softmax gives nan"
close("21 the-blog-code softmax", softmax([1000, 999, 998]), [0.665, 0.245, 0.090], 3)
close("21 the-blog-code small", softmax([2, 1, 0]), [0.665, 0.245, 0.090], 3)

print("lesson_numbers_verify: every number checked")
