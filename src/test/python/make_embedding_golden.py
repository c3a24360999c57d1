#!/usr/bin/env python3
"""Independent float64 reference for the embedding view and engine.VectorSimilarity / Pca /
EmbeddingTables: word-vector similarities, PCA projections and BERT's input-embedding sums.

    python3 src/test/python/make_embedding_golden.py

Writes src/test/resources/golden/embedding.json (found relative to this file). Written from the
definitions, never from the Java code:

* dot a.b, cosine a.b / (|a||b|) (0 when either vector is zero, as scikit-learn reports it),
  angle arccos(cosine) in degrees, Euclidean distance |a - b|;
* PCA through numpy's SVD of the centred data (LAPACK), a different method from the Java side's
  Jacobi eigen-decomposition. Explained variance = s^2 / (n - 1), ratio = s^2 / sum(s^2). An
  axis's sign is arbitrary; both sides orient it so that its entries sum to a positive number
  (or, when that sum is 0, its largest entry by magnitude is positive);
* BERT's input before its layer norm (Devlin et al. 2019, section 3.2):
  E_token[input_ids] + E_segment[token_type_ids] + E_position[0..T-1].

Random inputs come from np.random.default_rng with fixed seeds and are rounded to 4 decimals.
Sums use math.fsum, so they are exactly rounded; the SVD comes from LAPACK and may differ from
machine to machine in the last bits (compare with rtol 1e-9).
"""

import json
import math
import os

import numpy as np

ROOT = os.path.abspath(os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "..", ".."))
OUT = os.path.join(ROOT, "src", "test", "resources", "golden", "embedding.json")

DATAWHALE = {  # seeds/003: the Datawhale notes' word vectors
    "猫": [0.3, 0.4, 0.25],
    "狗": [0.35, 0.45, 0.3],
    "爱": [0.8, 0.8, 0.8],
    "跑": [0.1, 0.2, 0.6],
}


def dot(a, b):
    return math.fsum(float(x) * float(y) for x, y in zip(a, b))


def norm(a):
    return math.sqrt(dot(a, a))


def cosine(a, b):
    na, nb = norm(a), norm(b)
    if na == 0 or nb == 0:
        return 0.0
    return max(-1.0, min(1.0, dot(a, b) / (na * nb)))


def euclid(a, b):
    return math.sqrt(math.fsum((float(x) - float(y)) ** 2 for x, y in zip(a, b)))


def table(f, vs):
    return [[f(a, b) for b in vs] for a in vs]


def orient(axis):
    s = math.fsum(axis)
    scale = math.fsum(abs(x) for x in axis)
    if abs(s) > 1e-9 * max(scale, 1e-300):
        flip = s < 0
    else:
        flip = axis[int(np.argmax(np.abs(axis)))] < 0
    return -axis if flip else axis


def pca(x, k):
    x = np.asarray(x, dtype=np.float64)
    n = x.shape[0]
    mean = x.mean(axis=0)
    xc = x - mean
    _, s, vt = np.linalg.svd(xc, full_matrices=False)
    lam = s ** 2
    total = float(np.sum(xc * xc))
    axes = np.array([orient(vt[i].copy()) for i in range(k)])
    projected = xc @ axes.T
    return {
        "k": k,
        "x": x.tolist(),
        "mean": mean.tolist(),
        "axes": axes.tolist(),
        "explained_variance": [float(l) / (n - 1) for l in lam[:k]],
        "explained_variance_ratio": [float(l) / total for l in lam[:k]],
        "projected": projected.tolist(),
    }


def rounded(rng, shape, scale=1.0):
    return np.vectorize(lambda v: round(float(v), 4))(rng.standard_normal(shape) * scale)


def dumps(v, indent=0):
    """JSON with one matrix row per line, so diffs stay readable."""
    pad = "  " * indent
    scalar = lambda x: x is None or isinstance(x, (int, float, str, bool))
    if isinstance(v, dict):
        items = [f"{pad}  {json.dumps(k, ensure_ascii=False)}: {dumps(x, indent + 1)}" for k, x in v.items()]
        return "{\n" + ",\n".join(items) + "\n" + pad + "}"
    if isinstance(v, list) and not all(scalar(x) for x in v):
        return "[\n" + ",\n".join(pad + "  " + dumps(x, indent + 1) for x in v) + "\n" + pad + "]"
    return json.dumps(v, ensure_ascii=False, allow_nan=False)


def main():
    words = list(DATAWHALE)
    vs = [DATAWHALE[w] for w in words]
    cos = table(cosine, vs)
    out = {
        "words": {
            "words": words,
            "vectors": vs,
            "dot": table(dot, vs),
            "cosine": cos,
            "angle_degrees": [[math.degrees(math.acos(c)) for c in row] for row in cos],
            "euclidean": table(euclid, vs),
        },
        "zero_vector": {
            "vectors": [[0.0, 0.0, 0.0], [1.0, 2.0, 2.0], [-2.0, 1.0, 0.0]],
            "cosine": table(cosine, [[0.0, 0.0, 0.0], [1.0, 2.0, 2.0], [-2.0, 1.0, 0.0]]),
        },
        "pca": [
            dict(name="datawhale-3d-to-2d", **pca(vs, 2)),
            dict(name="random-12x6-k3", **pca(rounded(np.random.default_rng(7), (12, 6)), 3)),
            dict(name="gram-5x9-k2", **pca(rounded(np.random.default_rng(11), (5, 9)), 2)),
        ],
    }
    # sanity of the lecture-facing numbers
    assert round(out["words"]["euclidean"][0][1], 4) == 0.0866
    assert round(out["words"]["cosine"][0][1], 4) == 0.9997
    assert round(out["words"]["cosine"][0][2], 4) == 0.9812
    assert round(sum(out["pca"][0]["explained_variance_ratio"]), 5) == 0.99996
    # BERT's input: small tables, a pair's ids and segments
    rng = np.random.default_rng(3)
    token = rounded(rng, (20, 6), 0.5)
    segment = rounded(rng, (2, 6), 0.5)
    position = rounded(rng, (16, 6), 0.5)
    ids = [2, 7, 11, 5, 3, 9, 14, 3]
    types = [0, 0, 0, 0, 0, 1, 1, 1]
    total = [[math.fsum([token[i][j], segment[t][j], position[p][j]]) for j in range(6)]
             for p, (i, t) in enumerate(zip(ids, types))]
    out["input"] = {
        "token": token.tolist(), "segment": segment.tolist(), "position": position.tolist(),
        "input_ids": ids, "token_type_ids": types, "sum": total,
    }
    text = dumps(out) + "\n"
    json.loads(text)
    with open(OUT, "w", encoding="utf-8", newline="\n") as f:
        f.write(text)
    print(f"wrote {os.path.relpath(OUT, ROOT)} ({len(text.encode('utf-8'))} bytes)")


if __name__ == "__main__":
    main()
