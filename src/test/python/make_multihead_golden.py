#!/usr/bin/env python3
"""Golden numbers for the multi-head and model views' ways of combining attention maps.

An independent float64 numpy reference, written from the definitions below and never from the
Java code (org.attentionlab.ui.multihead.AttentionMaps). Input: the reference attentions of the
tiny checkpoint bert-prefix-mlm-f32 (2 layers x 4 heads) for its sentence-pair case, as computed
by make_bert_golden.py (numpy float64, stored in src/test/resources/bert/.../expected.json).

Definitions (A[l][h] is the (T, T) softmax weight matrix of layer l, head h; rows are queries):
  mean over heads       M_l = (1/|H|) sum_{h in H} A[l][h]
  max over heads        X_l = elementwise max_{h in H} A[l][h]
  over layers           the same over every (l, h) pair
  attention rollout     Abnar & Zuidema 2020, "Quantifying Attention Flow in Transformers":
                        B_l = mean_h A[l][h] + I, rows divided by their sums (= 0.5 M_l + 0.5 I),
                        R_0 = B_0, R_l = B_l @ R_{l-1}; the rollout shown at layer l is R_l
  hide [CLS]/[SEP]      columns of the special tokens set to 0, each row divided by its new sum;
                        a row whose sum is 0 stays all 0 (never NaN)
  sentence-pair filter  the rows of the 'from' segment and the columns of the 'to' segment
                        (segments from token_type_ids: A = 0, B = 1); no renormalisation

Writes src/test/resources/golden/multihead_views.json. Run: python3 src/test/python/make_multihead_golden.py
"""
import json
import os

import numpy as np

ROOT = os.path.normpath(os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "..", ".."))
SOURCE = os.path.join(ROOT, "src", "test", "resources", "bert", "bert-prefix-mlm-f32", "expected.json")
OUT = os.path.join(ROOT, "src", "test", "resources", "golden", "multihead_views.json")
VOCAB = os.path.join(ROOT, "src", "test", "resources", "bert", "bert-prefix-mlm-f32", "vocab.txt")


def mean(ms):
    return np.mean(np.stack(ms), axis=0)


def maximum(ms):
    return np.max(np.stack(ms), axis=0)


def rollout(att):
    """att[l][h] -> list of R_l."""
    t = att[0][0].shape[0]
    out = []
    r = None
    for layer in att:
        b = mean(layer) + np.eye(t)
        b = b / b.sum(axis=1, keepdims=True)
        r = b if r is None else b @ r
        out.append(r)
    return out


def hide(m, specials):
    m = m.copy()
    m[:, specials] = 0.0
    s = m.sum(axis=1, keepdims=True)
    with np.errstate(invalid="ignore", divide="ignore"):
        r = np.where(s > 0, m / np.where(s > 0, s, 1.0), 0.0)
    return r


def pair_filter(m, types, frm, to):
    rows = [i for i, t in enumerate(types) if t == frm]
    cols = [j for j, t in enumerate(types) if t == to]
    return {"rows": rows, "cols": cols, "matrix": m[np.ix_(rows, cols)].tolist()}


def main():
    with open(SOURCE) as f:
        exp = json.load(f)
    with open(VOCAB) as f:
        vocab = [line.rstrip("\n") for line in f]
    case = next(c for c in exp["cases"] if c["name"] == "pair")
    att = [[np.array(h, dtype=np.float64) for h in layer] for layer in case["attentions"]]
    ids = case["input_ids"]
    types = case["token_type_ids"]
    tokens = [vocab[i] for i in ids]
    specials = [i for i, tok in enumerate(tokens) if tok in ("[CLS]", "[SEP]")]
    assert specials == [0, 7, 11], specials
    layers, heads, t = len(att), len(att[0]), att[0][0].shape[0]

    # self-checks of the reference itself
    for layer in att:
        for a in layer:
            assert np.allclose(a.sum(axis=1), 1.0, atol=1e-9)
    roll = rollout(att)
    for r in roll:
        assert np.allclose(r.sum(axis=1), 1.0, atol=1e-12), "rollout rows stay stochastic"
    b0 = mean(att[0]) * 0.5 + 0.5 * np.eye(t)
    assert np.allclose(roll[0], b0, atol=1e-15), "adding I and renormalising = 0.5 A + 0.5 I"
    h = hide(att[1][2], specials)
    assert np.all(h[:, specials] == 0.0) and np.allclose(h.sum(axis=1), 1.0)
    z = hide(np.array([[1.0, 0, 0], [0.5, 0.5, 0], [0.2, 0.3, 0.5]]), [0])
    assert z[0].tolist() == [0.0, 0.0, 0.0] and np.allclose(z[2], [0, 0.375, 0.625])

    every = [a for layer in att for a in layer]
    golden = {
        "source": "bert/bert-prefix-mlm-f32/expected.json, case 'pair' (make_bert_golden.py, numpy float64)",
        "text": "the animal didn't cross",
        "pair": "it was tired",
        "tokens": tokens,
        "token_type_ids": types,
        "specials": specials,
        "layers": layers,
        "heads": heads,
        "attentions": [[a.tolist() for a in layer] for layer in att],
        "mean": [mean(layer).tolist() for layer in att],
        "max": [maximum(layer).tolist() for layer in att],
        "mean_layer1_heads_0_2": mean([att[1][0], att[1][2]]).tolist(),
        "mean_layers": mean(every).tolist(),
        "max_layers": maximum(every).tolist(),
        "rollout": [r.tolist() for r in roll],
        "hide_layer1_head2": hide(att[1][2], specials).tolist(),
        "hide_mean_layer1": hide(mean(att[1]), specials).tolist(),
        "hide_rollout_layer1": hide(roll[1], specials).tolist(),
        "filters_layer0_head0": {name: pair_filter(att[0][0], types, a, b)
                                 for name, a, b in [("a-to-a", 0, 0), ("a-to-b", 0, 1), ("b-to-a", 1, 0), ("b-to-b", 1, 1)]},
        "filter_a_to_b_hide_layer1_head3": pair_filter(hide(att[1][3], specials), types, 0, 1),
        "hand": {
            "matrix": [[1.0, 0.0, 0.0], [0.5, 0.5, 0.0], [0.2, 0.3, 0.5]],
            "specials": [0],
            "hidden": z.tolist(),
        },
    }
    os.makedirs(os.path.dirname(OUT), exist_ok=True)
    text = json.dumps(golden, allow_nan=False)
    assert len(text) < 1_000_000
    with open(OUT, "w") as f:
        f.write(text)
        f.write("\n")
    print("wrote", OUT, len(text), "bytes")


if __name__ == "__main__":
    main()
