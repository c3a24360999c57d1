#!/usr/bin/env python3
"""Independent float64 reference for the Attention Lab engine tests.

Writes golden JSON files into src/test/resources/golden/ (found relative to this
file, so it can be run from any directory):

    python3 src/test/python/make_golden.py

Conventions (see README.md next to this file) follow Vaswani et al. 2017 with row
vectors: y = x @ W + b, W of shape (in, out).

Everything here is written from the formulas, never from the Java code under test.
To make the output bit-for-bit reproducible across machines, matrix products and
sums use math.fsum (an exactly rounded sum of the individually rounded products)
instead of BLAS, and transcendental functions come from Python's math module.
Random inputs come from np.random.default_rng with a fixed seed per case and are
rounded to 4 decimals so the inputs in the JSON are short and exact decimals.
"""

import json
import math
import os

import numpy as np

ROOT = os.path.abspath(os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "..", ".."))
OUT_DIR = os.path.join(ROOT, "src", "test", "resources", "golden")
MAX_BYTES = 1_000_000


# ---------------------------------------------------------------- primitives

def matmul(a, b):
    """(n, k) @ (k, m) with exactly rounded sums (math.fsum): reproducible anywhere."""
    a = np.asarray(a, dtype=np.float64)
    b = np.asarray(b, dtype=np.float64)
    assert a.ndim == 2 and b.ndim == 2 and a.shape[1] == b.shape[0], (a.shape, b.shape)
    out = np.empty((a.shape[0], b.shape[1]), dtype=np.float64)
    bt = b.T
    for i in range(a.shape[0]):
        row = a[i]
        for j in range(b.shape[1]):
            out[i, j] = math.fsum(row * bt[j])
    return out


def linear(x, w, b):
    """y = x @ W + b, W of shape (in, out): row vectors, projections from the right."""
    return matmul(x, w) + np.asarray(b, dtype=np.float64)[None, :]


def elementwise(f, x):
    x = np.asarray(x, dtype=np.float64)
    return np.array([f(float(v)) for v in x.ravel()], dtype=np.float64).reshape(x.shape)


def masked_softmax_rows(z, mask=None):
    """Row softmax, max-subtracted over the allowed entries only.

    Disallowed entries get exactly 0; a row with no allowed entry is all zeros (not NaN).
    """
    z = np.asarray(z, dtype=np.float64)
    allowed = np.ones(z.shape, dtype=bool) if mask is None else (np.asarray(mask) != 0)
    out = np.zeros(z.shape, dtype=np.float64)
    for i in range(z.shape[0]):
        idx = [j for j in range(z.shape[1]) if allowed[i, j]]
        if not idx:
            continue
        m = max(z[i, j] for j in idx)
        e = [math.exp(z[i, j] - m) for j in idx]
        s = math.fsum(e)
        for j, ej in zip(idx, e):
            out[i, j] = ej / s
    return out


def relu(x):
    return elementwise(lambda v: v if v > 0.0 else 0.0, x)


def gelu(x):
    return elementwise(lambda v: 0.5 * v * (1.0 + math.erf(v / math.sqrt(2.0))), x)


def gelu_tanh(x):
    c = math.sqrt(2.0 / math.pi)
    return elementwise(lambda v: 0.5 * v * (1.0 + math.tanh(c * (v + 0.044715 * v ** 3))), x)


ACTIVATIONS = {"relu": relu, "gelu": gelu, "gelu_tanh": gelu_tanh}


# ---------------------------------------------------------------- building blocks

def attention(q, k, v, mask=None, scaled=True):
    """Scaled dot-product attention (Vaswani §3.2.1), returning every intermediate."""
    q, k, v = (np.asarray(a, dtype=np.float64) for a in (q, k, v))
    assert q.shape[1] == k.shape[1] and k.shape[0] == v.shape[0]
    scores = matmul(q, k.T)                                     # (T, S)
    factor = 1.0 / math.sqrt(q.shape[1]) if scaled else 1.0
    scaled_scores = scores * factor
    masked = scaled_scores.copy()
    if mask is not None:
        mask = np.asarray(mask)
        assert mask.shape == scores.shape, (mask.shape, scores.shape)
        masked[mask == 0] = -np.inf
    weights = masked_softmax_rows(scaled_scores, mask)
    output = matmul(weights, v)                                 # (T, d_v)
    return {"scores": scores, "scaled": scaled_scores, "masked": masked,
            "weights": weights, "output": output}


def multi_head(xq, xkv, p, heads, d_k, d_v, mask=None):
    """Multi-head attention (§3.2.2): project, split heads by columns, attend, concat, W^O."""
    q_all = linear(xq, p["wq"], p["bq"])                        # (T, h*d_k)
    k_all = linear(xkv, p["wk"], p["bk"])                       # (S, h*d_k)
    v_all = linear(xkv, p["wv"], p["bv"])                       # (S, h*d_v)
    head_results = []
    for i in range(heads):
        q = q_all[:, i * d_k:(i + 1) * d_k]
        k = k_all[:, i * d_k:(i + 1) * d_k]
        v = v_all[:, i * d_v:(i + 1) * d_v]
        a = attention(q, k, v, mask, scaled=True)
        head_results.append({"q": q, "k": k, "v": v, "weights": a["weights"], "output": a["output"]})
    concat = np.concatenate([h["output"] for h in head_results], axis=1)  # (T, h*d_v)
    output = linear(concat, p["wo"], p["bo"])                   # (T, d_model)
    return {"heads": head_results, "concat": concat, "output": output}


def layer_norm(x, gamma, beta, eps):
    """(x - mean) / sqrt(var + eps) * gamma + beta over the last dim, biased variance."""
    x = np.asarray(x, dtype=np.float64)
    out = np.empty_like(x)
    n = x.shape[1]
    for i in range(x.shape[0]):
        mean = math.fsum(x[i]) / n
        centred = x[i] - mean
        var = math.fsum(centred * centred) / n
        out[i] = centred / math.sqrt(var + eps)
    return out * np.asarray(gamma)[None, :] + np.asarray(beta)[None, :]


def ffn(x, p, activation):
    return linear(ACTIVATIONS[activation](linear(x, p["w1"], p["b1"])), p["w2"], p["b2"])


def causal_mask(t):
    return np.array([[1 if j <= i else 0 for j in range(t)] for i in range(t)], dtype=np.int64)


def padding_mask(attention_mask, t):
    """mask[i][j] = a[j] for every query i: (t, len(a))."""
    a = np.asarray(attention_mask, dtype=np.int64)
    return np.tile(a[None, :], (t, 1))


def positional_encoding(positions, dim):
    """PE[pos, 2i] = sin(pos / 10000^(2i/d)), PE[pos, 2i+1] = cos(same angle) (§3.5)."""
    pe = np.empty((positions, dim), dtype=np.float64)
    for pos in range(positions):
        for j in range(dim):
            two_i = j - (j % 2)
            angle = pos / (10000.0 ** (two_i / dim))
            pe[pos, j] = math.sin(angle) if j % 2 == 0 else math.cos(angle)
    return pe


def encoder_layer(x, p, heads, eps, activation, norm, mask):
    d_model = x.shape[1]
    d = d_model // heads
    if norm == "post":
        a = multi_head(x, x, p["attention"], heads, d, d, mask)["output"]
        h = layer_norm(x + a, p["ln1"]["gamma"], p["ln1"]["beta"], eps)
        return layer_norm(h + ffn(h, p["ffn"], activation), p["ln2"]["gamma"], p["ln2"]["beta"], eps)
    assert norm == "pre"
    n1 = layer_norm(x, p["ln1"]["gamma"], p["ln1"]["beta"], eps)
    h = x + multi_head(n1, n1, p["attention"], heads, d, d, mask)["output"]
    return h + ffn(layer_norm(h, p["ln2"]["gamma"], p["ln2"]["beta"], eps), p["ffn"], activation)


def decoder_layer(y, memory, p, heads, eps, activation, norm, self_mask, cross_mask):
    d_model = y.shape[1]
    d = d_model // heads
    ln = lambda z, name: layer_norm(z, p[name]["gamma"], p[name]["beta"], eps)
    if norm == "post":
        h1 = ln(y + multi_head(y, y, p["self_attention"], heads, d, d, self_mask)["output"], "ln1")
        h2 = ln(h1 + multi_head(h1, memory, p["cross_attention"], heads, d, d, cross_mask)["output"], "ln2")
        return ln(h2 + ffn(h2, p["ffn"], activation), "ln3")
    assert norm == "pre"
    n1 = ln(y, "ln1")
    h1 = y + multi_head(n1, n1, p["self_attention"], heads, d, d, self_mask)["output"]
    h2 = h1 + multi_head(ln(h1, "ln2"), memory, p["cross_attention"], heads, d, d, cross_mask)["output"]
    return h2 + ffn(ln(h2, "ln3"), p["ffn"], activation)


# ---------------------------------------------------------------- random parameters

def rnd(a, decimals=4):
    """Round to short exact decimals (Python's correctly rounded round())."""
    return elementwise(lambda v: round(v, decimals), a)


def normal(rng, shape, scale):
    return rnd(rng.normal(0.0, scale, size=shape))


def mha_params(rng, d_model, heads, d_k, d_v, scale=0.4, biases=True):
    def bias(n):
        return normal(rng, (n,), 0.1) if biases else np.zeros(n)
    return {
        "wq": normal(rng, (d_model, heads * d_k), scale), "bq": bias(heads * d_k),
        "wk": normal(rng, (d_model, heads * d_k), scale), "bk": bias(heads * d_k),
        "wv": normal(rng, (d_model, heads * d_v), scale), "bv": bias(heads * d_v),
        "wo": normal(rng, (heads * d_v, d_model), scale), "bo": bias(d_model),
    }


def ln_params(rng, d_model):
    return {"gamma": rnd(1.0 + 0.1 * rng.normal(size=d_model)), "beta": normal(rng, (d_model,), 0.1)}


def ffn_params(rng, d_model, d_ff, scale=0.4):
    return {"w1": normal(rng, (d_model, d_ff), scale), "b1": normal(rng, (d_ff,), 0.1),
            "w2": normal(rng, (d_ff, d_model), scale), "b2": normal(rng, (d_model,), 0.1)}


# ---------------------------------------------------------------- JSON output

def to_json(v):
    """numpy → plain lists; -inf / masked cells → None; NaN is never allowed."""
    if isinstance(v, dict):
        return {k: to_json(x) for k, x in v.items()}
    if isinstance(v, (list, tuple)):
        return [to_json(x) for x in v]
    if isinstance(v, np.ndarray):
        return to_json(v.tolist())
    if isinstance(v, (bool, np.bool_)):
        return bool(v)
    if isinstance(v, (int, np.integer)):
        return int(v)
    if isinstance(v, (float, np.floating)):
        f = float(v)
        assert not math.isnan(f), "NaN in golden data"
        return f if math.isfinite(f) else None
    return v


def _is_scalar(v):
    return v is None or isinstance(v, (int, float, str, bool))


def dumps(v, indent=0):
    """JSON with dict keys on their own lines and every matrix row on one line (readable diffs)."""
    pad = "  " * indent
    if isinstance(v, dict):
        if not v:
            return "{}"
        items = [f'{pad}  {json.dumps(k)}: {dumps(x, indent + 1)}' for k, x in v.items()]
        return "{\n" + ",\n".join(items) + "\n" + pad + "}"
    if isinstance(v, list):
        if all(_is_scalar(x) for x in v):
            return json.dumps(v, allow_nan=False)
        if all(isinstance(x, list) and all(_is_scalar(y) for y in x) for x in v):
            rows = [pad + "  " + json.dumps(x, allow_nan=False) for x in v]
            return "[\n" + ",\n".join(rows) + "\n" + pad + "]"
        items = [pad + "  " + dumps(x, indent + 1) for x in v]
        return "[\n" + ",\n".join(items) + "\n" + pad + "]"
    return json.dumps(v, allow_nan=False)


def write(name, data):
    text = dumps(to_json(data)) + "\n"
    assert len(text.encode("utf-8")) < MAX_BYTES, f"{name} is {len(text)} bytes"
    json.loads(text)  # well-formed
    path = os.path.join(OUT_DIR, name)
    with open(path, "w", encoding="utf-8", newline="\n") as f:
        f.write(text)
    print(f"wrote {os.path.relpath(path, ROOT)} ({len(text.encode('utf-8'))} bytes)")


# ---------------------------------------------------------------- checks

def check_attention(r, mask):
    w = r["weights"]
    for i in range(w.shape[0]):
        allowed = mask is None or np.any(np.asarray(mask)[i] != 0)
        s = math.fsum(w[i])
        assert (abs(s - 1.0) < 1e-12) if allowed else s == 0.0, (i, s)
    if mask is not None:
        assert np.all(w[np.asarray(mask) == 0] == 0.0)
    assert np.all(np.isfinite(r["output"])) and np.all(np.isfinite(w))


def close4(actual, published):
    """Rounded to 4 decimals, the computed values equal the lecture's printed numbers."""
    actual = np.asarray(actual, dtype=np.float64).ravel()
    assert len(actual) == len(published), (actual, published)
    for a, p in zip(actual, published):
        assert round(float(a), 4) == p, f"{a} does not round to {p}"


# ---------------------------------------------------------------- files

def attention_cases():
    cases = []

    def add(name, q, k, v, mask, scaled):
        q, k, v = (np.asarray(a, dtype=np.float64) for a in (q, k, v))
        m = None if mask is None else np.asarray(mask, dtype=np.int64)
        r = attention(q, k, v, m, scaled)
        check_attention(r, m)
        cases.append({"name": name, "q": q, "k": k, "v": v, "mask": m, "scaled": scaled, "expected": r})
        return r

    rng = np.random.default_rng(1001)
    q, k, v = normal(rng, (3, 4), 1.0), normal(rng, (3, 4), 1.0), normal(rng, (3, 4), 1.0)
    add("small-scaled", q, k, v, None, True)
    add("small-unscaled", q, k, v, None, False)

    rng = np.random.default_rng(1002)
    add("causal-4x4", normal(rng, (4, 4), 1.0), normal(rng, (4, 4), 1.0), normal(rng, (4, 3), 1.0),
        causal_mask(4), True)

    rng = np.random.default_rng(1003)
    add("padding-last-2-keys", normal(rng, (4, 4), 1.0), normal(rng, (5, 4), 1.0), normal(rng, (5, 3), 1.0),
        padding_mask([1, 1, 1, 0, 0], 4), True)

    rng = np.random.default_rng(1004)
    r = add("fully-masked-row", normal(rng, (2, 3), 1.0), normal(rng, (4, 3), 1.0), normal(rng, (4, 2), 1.0),
            [[1, 1, 0, 1], [0, 0, 0, 0]], True)
    assert np.all(r["weights"][1] == 0.0) and np.all(r["output"][1] == 0.0)

    # Q·Kᵀ around 1e4: naive exp overflows, the max-subtracted softmax must not.
    q = [[100.0, 0.0], [0.0, 100.0]]
    k = [[100.0, 1.0], [100.01, 0.5], [99.995, 1.02]]
    v = [[1.0, 0.0], [0.0, 1.0], [0.5, 0.5]]
    r = add("huge-logits", q, k, v, None, False)
    assert r["scores"][0].min() > 9.9e3  # row 0 ~1e4: exp(1e4) overflows without max subtraction
    assert 0.1 < r["weights"][0].max() < 0.9  # not saturated: differences of ~0.5..1 matter

    rng = np.random.default_rng(1005)
    r = add("single-key", normal(rng, (3, 4), 1.0), normal(rng, (1, 4), 1.0), normal(rng, (1, 3), 1.0), None, True)
    assert np.all(r["weights"] == 1.0)

    rng = np.random.default_rng(1006)
    add("cross-shape-t3-s5", normal(rng, (3, 4), 1.0), normal(rng, (5, 4), 1.0), normal(rng, (5, 2), 1.0),
        None, True)

    rng = np.random.default_rng(1007)
    add("long-random-64", normal(rng, (64, 16), 1.0), normal(rng, (64, 16), 1.0), normal(rng, (64, 16), 1.0),
        None, True)

    # Lecture examples (seeds/001: 注意力分数 (点积) and 自注意力示例), dot product without scaling.
    kv = [[1.0, 0.0], [0.0, 1.0], [1.0, 1.0]]
    r = add("lecture-cross", [[0.5, 0.5]], kv, kv, None, False)
    close4(r["weights"], [0.2741, 0.2741, 0.4519])
    close4(r["output"], [0.7259, 0.7259])

    r = add("lecture-self", [[1.0, 1.0]], kv, kv, None, False)
    close4(r["weights"], [0.2119, 0.2119, 0.5761])
    close4(r["output"], [0.7881, 0.7881])

    # "The weather is nice today": the slide prints a 3x5 matrix whose COLUMNS are the keys of
    # The / weather / is / nice / today; the values are the same vectors (the slide's weighted sum
    # uses exactly those columns), so K = V = transpose of the printed matrix, Q = the vector of "The".
    printed = np.array([[0.6, 0.2, 0.9, 0.4, 0.4],
                        [0.2, 0.3, 0.1, 0.1, 0.1],
                        [0.8, 0.1, 0.8, 0.4, 0.6]])
    kv = printed.T
    r = add("lecture-weather", [[0.6, 0.2, 0.8]], kv, kv, None, False)
    close4(r["weights"], [0.2497, 0.1145, 0.2931, 0.1577, 0.1850])
    close4(r["output"], [0.5736, 0.1479, 0.6198])

    return {"cases": cases}


def multihead_cases():
    cases = []

    def add(name, d_model, heads, d_k, d_v, x, memory, mask, p):
        xkv = x if memory is None else memory
        r = multi_head(x, xkv, p, heads, d_k, d_v, mask)
        for h in r["heads"]:
            check_attention(h, mask)
        cases.append({"name": name, "d_model": d_model, "heads": heads, "d_k": d_k, "d_v": d_v,
                      "x": x, "memory": memory, "mask": mask, "weights": p, "expected": r})

    rng = np.random.default_rng(2001)
    add("self-d8-h2", 8, 2, 4, 4, normal(rng, (5, 8), 1.0), None, None,
        mha_params(rng, 8, 2, 4, 4, biases=False))

    rng = np.random.default_rng(2002)
    add("self-causal-d12-h3", 12, 3, 4, 4, normal(rng, (6, 12), 1.0), None, causal_mask(6),
        mha_params(rng, 12, 3, 4, 4))

    rng = np.random.default_rng(2003)
    add("cross-padded-d8-h4", 8, 4, 2, 2, normal(rng, (3, 8), 1.0), normal(rng, (6, 8), 1.0),
        padding_mask([1, 1, 1, 1, 0, 0], 3), mha_params(rng, 8, 4, 2, 2))

    rng = np.random.default_rng(2004)
    add("self-dk3-dv5-d6-h2-padded", 6, 2, 3, 5, normal(rng, (4, 6), 1.0), None,
        padding_mask([1, 1, 1, 0], 4), mha_params(rng, 6, 2, 3, 5))

    return {"cases": cases}


def positional_encoding_cases():
    cases = []
    for positions, dim in [(50, 128), (10, 4), (7, 5)]:
        pe = positional_encoding(positions, dim)
        assert np.all(np.abs(pe) <= 1.0)
        assert np.all(pe[0, 0::2] == 0.0) and np.all(pe[0, 1::2] == 1.0)
        cases.append({"positions": positions, "dim": dim, "expected": pe})
    # spot checks straight from the formula
    assert cases[1]["expected"][1, 0] == math.sin(1.0) and cases[1]["expected"][1, 3] == math.cos(1.0 / 100.0)
    assert cases[2]["expected"][3, 4] == math.sin(3.0 / 10000.0 ** (4 / 5))
    return {"cases": cases}


def layer_norm_cases():
    cases = []

    def add(x, gamma, beta, eps):
        x, gamma, beta = (np.asarray(a, dtype=np.float64) for a in (x, gamma, beta))
        y = layer_norm(x, gamma, beta, eps)
        cases.append({"x": x, "gamma": gamma, "beta": beta, "eps": eps, "expected": y})
        return y

    rng = np.random.default_rng(3001)
    x = normal(rng, (4, 6), 2.0)
    x[2] = 3.25  # constant row: variance 0, output = beta
    g, b = ln_params(rng, 6)["gamma"], normal(rng, (6,), 0.1)
    y = add(x, g, b, 1e-5)
    assert np.all(y[2] == b)
    add(x, g, b, 1e-12)
    add(x, np.ones(6), np.zeros(6), 1e-5)  # plain normalisation: mean 0, variance 1/(1+eps/var)

    rng = np.random.default_rng(3002)
    x = 1e4 + normal(rng, (3, 8), 1.0)  # large offset: a one-pass E[x²]-E[x]² would lose digits
    p = ln_params(rng, 8)
    add(x, p["gamma"], p["beta"], 1e-5)
    add(x, p["gamma"], p["beta"], 1e-12)
    return {"cases": cases}


def activations_data():
    xs = sorted({round(-6.0 + 0.3 * k, 10) for k in range(41)} | {-1.0, 1.0})
    assert 0.0 in xs and -6.0 in xs and 6.0 in xs
    x = np.array(xs)
    g = gelu(x)
    assert g[xs.index(1.0)] == 0.8413447460685429, g[xs.index(1.0)]
    return {"x": x, "relu": relu(x), "gelu": g, "gelu_tanh": gelu_tanh(x)}


def encoder_cases():
    cases = []

    def add(name, seed, norm, activation, eps, attention_mask, n_layers=2, d_model=8, heads=2, d_ff=16, t=5):
        rng = np.random.default_rng(seed)
        x = normal(rng, (t, d_model), 1.0)
        layers = [{"attention": mha_params(rng, d_model, heads, d_model // heads, d_model // heads),
                   "ln1": ln_params(rng, d_model),
                   "ffn": ffn_params(rng, d_model, d_ff),
                   "ln2": ln_params(rng, d_model)} for _ in range(n_layers)]
        mask = padding_mask(attention_mask, t)
        outs, h = [], x
        for p in layers:
            h = encoder_layer(h, p, heads, eps, activation, norm, mask)
            outs.append(h)
        cases.append({"name": name, "d_model": d_model, "heads": heads, "d_ff": d_ff, "eps": eps,
                      "activation": activation, "norm": norm, "x": x, "attention_mask": attention_mask,
                      "layers": layers, "expected": {"layer_outputs": outs, "output": h}})

    add("post-ln-relu-2-layers-padded", 4001, "post", "relu", 1e-5, [1, 1, 1, 1, 0])
    add("pre-ln-gelu-2-layers", 4002, "pre", "gelu", 1e-5, [1, 1, 1, 1, 1])
    return {"cases": cases}


def decoder_cases():
    cases = []

    def add(name, seed, norm, activation, eps, memory_mask, n_layers=2, d_model=8, heads=2, d_ff=16,
            t=4, s=5, vocab=7):
        rng = np.random.default_rng(seed)
        y = normal(rng, (t, d_model), 1.0)
        memory = normal(rng, (s, d_model), 1.0)
        d = d_model // heads
        layers = [{"self_attention": mha_params(rng, d_model, heads, d, d),
                   "cross_attention": mha_params(rng, d_model, heads, d, d),
                   "ln1": ln_params(rng, d_model),
                   "ln2": ln_params(rng, d_model),
                   "ln3": ln_params(rng, d_model),
                   "ffn": ffn_params(rng, d_model, d_ff)} for _ in range(n_layers)]
        proj = {"w": normal(rng, (d_model, vocab), 0.5), "b": normal(rng, (vocab,), 0.1)}
        self_mask = causal_mask(t)  # target padding is all ones here, so causal AND padding = causal
        cross_mask = padding_mask(memory_mask, t)
        outs, h = [], y
        for p in layers:
            h = decoder_layer(h, memory, p, heads, eps, activation, norm, self_mask, cross_mask)
            outs.append(h)
        logits = linear(h, proj["w"], proj["b"])
        probs = masked_softmax_rows(logits)
        assert np.all(np.abs(probs.sum(axis=1) - 1.0) < 1e-12)
        cases.append({"name": name, "d_model": d_model, "heads": heads, "d_ff": d_ff, "eps": eps,
                      "activation": activation, "norm": norm, "y": y, "memory": memory,
                      "memory_mask": memory_mask, "layers": layers, "output_projection": proj,
                      "expected": {"layer_outputs": outs, "output": h, "logits": logits, "probs": probs}})

    add("post-ln-relu-2-layers-memory-padded", 5001, "post", "relu", 1e-5, [1, 1, 1, 1, 0])
    add("pre-ln-gelu-tanh-2-layers-memory-padded", 5002, "pre", "gelu_tanh", 1e-5, [1, 1, 1, 0, 0])
    return {"cases": cases}


def self_tests():
    """Cheap cross-checks of the reference against numpy's own (BLAS) arithmetic."""
    rng = np.random.default_rng(9)
    a, b = rng.normal(size=(5, 7)), rng.normal(size=(7, 3))
    assert np.allclose(matmul(a, b), a @ b, rtol=1e-13, atol=1e-13)
    z = rng.normal(size=(4, 6))
    e = np.exp(z - z.max(axis=1, keepdims=True))
    assert np.allclose(masked_softmax_rows(z), e / e.sum(axis=1, keepdims=True), rtol=1e-14, atol=0)
    x = rng.normal(size=(3, 5))
    ref = (x - x.mean(axis=1, keepdims=True)) / np.sqrt(x.var(axis=1, keepdims=True) + 1e-5)
    assert np.allclose(layer_norm(x, np.ones(5), np.zeros(5), 1e-5), ref, rtol=1e-13, atol=1e-13)
    # attention is equivariant to permuting keys and values together
    q, k, v = rng.normal(size=(3, 4)), rng.normal(size=(5, 4)), rng.normal(size=(5, 2))
    perm = rng.permutation(5)
    assert np.allclose(attention(q, k, v)["output"], attention(q, k[perm], v[perm])["output"], rtol=1e-13)


def main():
    self_tests()
    os.makedirs(OUT_DIR, exist_ok=True)
    write("attention.json", attention_cases())
    write("multihead.json", multihead_cases())
    write("positional_encoding.json", positional_encoding_cases())
    write("layer_norm.json", layer_norm_cases())
    write("activations.json", activations_data())
    write("encoder.json", encoder_cases())
    write("decoder.json", decoder_cases())


if __name__ == "__main__":
    main()
