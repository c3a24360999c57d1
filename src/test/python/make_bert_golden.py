#!/usr/bin/env python3
"""Tiny random BERT checkpoints and their float64 reference outputs, for the Java BERT tests.

This is an independent reference: it implements Hugging Face BertModel's forward pass from the
paper (Devlin et al. 2019) and from transformers' modeling_bert.py semantics, in float64 numpy,
with the weights in PyTorch's own layout (nn.Linear weight (out, in), y = x @ W.T + b). It never
looks at the Java code.

For each checkpoint it writes, into src/test/resources/bert/<name>/:
  config.json          Hugging Face BertConfig fields
  model.safetensors    written here with struct + json (no safetensors package needed)
  vocab.txt            a 40-token vocabulary (one token per line, id = line number)
  expected.json        the reference outputs for a few inputs (see EXPECTED below)

Weights stored as F16 or BF16 (or F32) are rounded to that type first, and the reference is
computed from the DEQUANTISED values, so the comparison measures the engine, not the rounding.

Run from anywhere:  python3 src/test/python/make_bert_golden.py   (needs python3 + numpy only)
"""
import json
import math
import os
import struct

import numpy as np

ROOT = os.path.normpath(os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "..", ".."))
OUT = os.path.join(ROOT, "src", "test", "resources", "bert")

VOCAB = ["[PAD]", "[UNK]", "[CLS]", "[SEP]", "[MASK]",
         "the", "cat", "sat", "on", "mat", "dog", "ran", "it", "was", "too", "tired",
         "animal", "didn", "'", "t", "cross", "street", "because", "a", "big", "small",
         "##s", "##ed", "##ing", ",", ".", "!", "?", "and", "of", "to", "in", "is", "he", "she"]
assert len(VOCAB) == 40
ID = {t: i for i, t in enumerate(VOCAB)}


def ids(words):
    return [ID[w] for w in words.split()]


# Inputs: (name, input_ids, token_type_ids, attention_mask). Padded query rows are computed
# normally (HF does); they only ignore padding keys.
def inputs(max_pos, mlm):
    single = ids("[CLS] the cat sat on the mat [SEP]")
    padded = ids("[CLS] the dog ran [SEP] [PAD] [PAD]")
    a = ids("[CLS] the animal didn ' t cross [SEP]")
    b = ids("it was tired [SEP]")
    pair = a + b
    out = [("single", single, [0] * len(single), [1] * len(single)),
           ("padded", padded, [0] * len(padded), [1, 1, 1, 1, 1, 0, 0]),
           ("pair", pair, [0] * len(a) + [1] * len(b), [1] * len(pair))]
    if mlm:
        masked = ids("[CLS] the cat [MASK] on the mat [SEP] [PAD]")
        out.append(("masked", masked, [0] * len(masked), [1] * 8 + [0]))
    for name, i, t, m in out:
        assert len(i) == len(t) == len(m) <= max_pos, name
    return out


SPECS = [
    dict(name="plain-f32", dtype="F32", prefix="", hidden=16, heads=2, layers=2, inter=32, act="gelu",
         eps=1e-12, max_pos=16, types=2, pooler=True, mlm=None, legacy=False, seed=101),
    dict(name="bert-prefix-mlm-f32", dtype="F32", prefix="bert.", hidden=32, heads=4, layers=2, inter=64,
         act="gelu", eps=1e-12, max_pos=24, types=2, pooler=True, mlm="tied", legacy=False, seed=202),
    dict(name="bert-prefix-f16", dtype="F16", prefix="bert.", hidden=16, heads=2, layers=2, inter=32,
         act="gelu_new", eps=1e-5, max_pos=16, types=2, pooler=True, mlm="untied", legacy=False, seed=303,
         extra_int64=True),
    dict(name="bf16-no-pooler", dtype="BF16", prefix="", hidden=32, heads=4, layers=2, inter=64, act="relu",
         eps=1e-12, max_pos=16, types=2, pooler=False, mlm=None, legacy=False, seed=404),
    dict(name="legacy-gamma-beta-f64", dtype="F64", prefix="bert.", hidden=24, heads=3, layers=2, inter=48,
         act="gelu", eps=1e-12, max_pos=12, types=3, pooler=True, mlm="tied", legacy=True, seed=505),
]


# ---------------------------------------------------------------- storage types

def quantise(a, dtype):
    """The values a file of this dtype really holds, as float64."""
    a = np.asarray(a, dtype=np.float64)
    if dtype == "F64":
        return a.copy()
    if dtype == "F32":
        return a.astype(np.float32).astype(np.float64)
    if dtype == "F16":
        return a.astype(np.float16).astype(np.float64)
    if dtype == "BF16":
        return bf16_bits_to_f64(f32_to_bf16_bits(a))
    raise ValueError(dtype)


def f32_to_bf16_bits(a):
    """Round float32 to bfloat16, nearest even (as torch does)."""
    bits = np.asarray(a, dtype=np.float32).view(np.uint32).astype(np.uint64)
    rounding = np.uint64(0x7FFF) + ((bits >> np.uint64(16)) & np.uint64(1))
    return ((bits + rounding) >> np.uint64(16)).astype(np.uint16)


def bf16_bits_to_f64(b):
    return (b.astype(np.uint32) << np.uint32(16)).view(np.float32).astype(np.float64)


def raw_bytes(a, dtype):
    if dtype == "F64":
        return np.asarray(a, dtype="<f8").tobytes()
    if dtype == "F32":
        return np.asarray(a, dtype="<f4").tobytes()
    if dtype == "F16":
        return np.asarray(a, dtype="<f2").tobytes()
    if dtype == "BF16":
        return f32_to_bf16_bits(a).astype("<u2").tobytes()
    if dtype == "I64":
        return np.asarray(a, dtype="<i8").tobytes()
    raise ValueError(dtype)


def write_safetensors(path, tensors):
    """tensors: list of (name, dtype, array). Header padded with spaces to a multiple of 8."""
    header = {"__metadata__": {"format": "pt"}}
    blobs = []
    offset = 0
    for name, dtype, arr in tensors:
        data = raw_bytes(arr, dtype)
        header[name] = {"dtype": dtype, "shape": list(np.shape(arr)), "data_offsets": [offset, offset + len(data)]}
        blobs.append(data)
        offset += len(data)
    h = json.dumps(header, separators=(",", ":")).encode("utf-8")
    h += b" " * (-len(h) % 8)
    with open(path, "wb") as f:
        f.write(struct.pack("<Q", len(h)))
        f.write(h)
        for b in blobs:
            f.write(b)


def read_safetensors(path):
    """Reads back what write_safetensors wrote (a self-check of the writer)."""
    with open(path, "rb") as f:
        raw = f.read()
    (n,) = struct.unpack("<Q", raw[:8])
    header = json.loads(raw[8:8 + n])
    data = raw[8 + n:]
    out = {}
    for name, e in header.items():
        if name == "__metadata__":
            continue
        b, t = e["data_offsets"]
        chunk = data[b:t]
        if e["dtype"] == "BF16":
            v = bf16_bits_to_f64(np.frombuffer(chunk, dtype="<u2"))
        else:
            v = np.frombuffer(chunk, dtype={"F64": "<f8", "F32": "<f4", "F16": "<f2", "I64": "<i8"}[e["dtype"]])
        out[name] = v.reshape(e["shape"]).astype(np.float64)
    return out


# ---------------------------------------------------------------- the reference forward pass

def layer_norm(x, gamma, beta, eps):
    mean = x.mean(axis=-1, keepdims=True)
    var = ((x - mean) ** 2).mean(axis=-1, keepdims=True)   # population variance
    return (x - mean) / np.sqrt(var + eps) * gamma + beta


_erf = np.vectorize(math.erf)


def activation(name, x):
    if name == "gelu":          # exact: x * Phi(x)
        return 0.5 * x * (1.0 + _erf(x / math.sqrt(2.0)))
    if name == "gelu_new":      # tanh approximation
        return 0.5 * x * (1.0 + np.tanh(math.sqrt(2.0 / math.pi) * (x + 0.044715 * x ** 3)))
    if name == "relu":
        return np.maximum(x, 0.0)
    raise ValueError(name)


def dense(x, w, b):
    """nn.Linear with PyTorch's (out, in) weight."""
    return x @ w.T + b


def bert_forward(W, c, input_ids, token_type_ids, attention_mask):
    p, legacy = c["prefix"], c["legacy"]
    g = lambda n: W[p + n]
    ln = lambda n: (W[p + n + (".gamma" if legacy else ".weight")], W[p + n + (".beta" if legacy else ".bias")])
    T = len(input_ids)
    H, nh = c["hidden"], c["heads"]
    dh = H // nh
    # embeddings: word + position (0..T-1) + token type, then LayerNorm (dropout is identity)
    x = g("embeddings.word_embeddings.weight")[input_ids] \
        + g("embeddings.position_embeddings.weight")[np.arange(T)] \
        + g("embeddings.token_type_embeddings.weight")[token_type_ids]
    h = layer_norm(x, *ln("embeddings.LayerNorm"), c["eps"])
    hidden, attentions = [h], []
    # HF's extended attention mask: (1 - mask) * finfo(float32).min, added to every query row
    additive = (1.0 - np.asarray(attention_mask, dtype=np.float64)) * float(np.finfo(np.float32).min)
    for i in range(c["layers"]):
        l = "encoder.layer.%d." % i
        split = lambda t: t.reshape(T, nh, dh).transpose(1, 0, 2)          # (T, H) -> (nh, T, dh)
        q = split(dense(h, g(l + "attention.self.query.weight"), g(l + "attention.self.query.bias")))
        k = split(dense(h, g(l + "attention.self.key.weight"), g(l + "attention.self.key.bias")))
        v = split(dense(h, g(l + "attention.self.value.weight"), g(l + "attention.self.value.bias")))
        scores = q @ k.transpose(0, 2, 1) / math.sqrt(dh) + additive[None, None, :]
        scores = scores - scores.max(axis=-1, keepdims=True)
        probs = np.exp(scores)
        probs = probs / probs.sum(axis=-1, keepdims=True)                  # (nh, T, T)
        context = (probs @ v).transpose(1, 0, 2).reshape(T, H)
        attn = dense(context, g(l + "attention.output.dense.weight"), g(l + "attention.output.dense.bias"))
        h1 = layer_norm(attn + h, *ln(l + "attention.output.LayerNorm"), c["eps"])
        inter = activation(c["act"], dense(h1, g(l + "intermediate.dense.weight"), g(l + "intermediate.dense.bias")))
        out = dense(inter, g(l + "output.dense.weight"), g(l + "output.dense.bias"))
        h = layer_norm(out + h1, *ln(l + "output.LayerNorm"), c["eps"])
        hidden.append(h)
        attentions.append(probs)
    pooler = None
    if c["pooler"]:
        pooler = np.tanh(dense(h[0], g("pooler.dense.weight"), g("pooler.dense.bias")))
    logits = None
    if c["mlm"]:
        t = activation(c["act"], dense(h, W["cls.predictions.transform.dense.weight"],
                                       W["cls.predictions.transform.dense.bias"]))
        suffix = (".gamma", ".beta") if legacy else (".weight", ".bias")
        t = layer_norm(t, W["cls.predictions.transform.LayerNorm" + suffix[0]],
                       W["cls.predictions.transform.LayerNorm" + suffix[1]], c["eps"])
        decoder = W.get("cls.predictions.decoder.weight", g("embeddings.word_embeddings.weight"))  # tied when absent
        logits = t @ decoder.T + W["cls.predictions.bias"]
    return attentions, hidden, pooler, logits


# ---------------------------------------------------------------- checkpoints

def make_weights(c):
    """Named tensors in HF layout (PyTorch (out, in) for Linear weights), before quantisation."""
    rng = np.random.default_rng(c["seed"])
    H, F, V = c["hidden"], c["inter"], len(VOCAB)
    p = c["prefix"]
    ln_names = (".gamma", ".beta") if c["legacy"] else (".weight", ".bias")
    w = lambda *s: rng.normal(0.0, 0.3, s)         # large enough that attention is far from uniform
    bias = lambda n: rng.normal(0.0, 0.1, n)
    out = []

    def norm(name, n):
        out.append((name + ln_names[0], 1.0 + rng.normal(0.0, 0.1, n)))
        out.append((name + ln_names[1], rng.normal(0.0, 0.1, n)))

    out.append((p + "embeddings.word_embeddings.weight", rng.normal(0.0, 1.0, (V, H))))
    out.append((p + "embeddings.position_embeddings.weight", rng.normal(0.0, 1.0, (c["max_pos"], H))))
    out.append((p + "embeddings.token_type_embeddings.weight", rng.normal(0.0, 1.0, (c["types"], H))))
    norm(p + "embeddings.LayerNorm", H)
    for i in range(c["layers"]):
        l = p + "encoder.layer.%d." % i
        for part in ("query", "key", "value"):
            out.append((l + "attention.self.%s.weight" % part, w(H, H)))
            out.append((l + "attention.self.%s.bias" % part, bias(H)))
        out.append((l + "attention.output.dense.weight", w(H, H)))
        out.append((l + "attention.output.dense.bias", bias(H)))
        norm(l + "attention.output.LayerNorm", H)
        out.append((l + "intermediate.dense.weight", w(F, H)))
        out.append((l + "intermediate.dense.bias", bias(F)))
        out.append((l + "output.dense.weight", w(H, F)))
        out.append((l + "output.dense.bias", bias(H)))
        norm(l + "output.LayerNorm", H)
    if c["pooler"]:
        out.append((p + "pooler.dense.weight", w(H, H)))
        out.append((p + "pooler.dense.bias", bias(H)))
    if c["mlm"]:
        out.append(("cls.predictions.transform.dense.weight", w(H, H)))
        out.append(("cls.predictions.transform.dense.bias", bias(H)))
        norm("cls.predictions.transform.LayerNorm", H)
        if c["mlm"] == "untied":
            out.append(("cls.predictions.decoder.weight", rng.normal(0.0, 1.0, (V, H))))
        out.append(("cls.predictions.bias", bias(V)))
    return out


def r(a):
    """Nested lists, 9 significant digits: far below float32 resolution, and small files."""
    a = np.asarray(a, dtype=np.float64)
    return np.vectorize(lambda v: float("%.9g" % v), otypes=[float])(a).tolist() if a.size else a.tolist()


def softmax(z):
    e = np.exp(z - z.max())
    return e / e.sum()


def make(c):
    folder = os.path.join(OUT, c["name"])
    os.makedirs(folder, exist_ok=True)
    named = make_weights(c)
    # what the file really holds, and what the reference computes from
    W = {n: quantise(a, c["dtype"]) for n, a in named}
    tensors = [(n, c["dtype"], W[n]) for n, _ in named]
    if c.get("extra_int64"):
        # an int64 buffer real checkpoints carry; the loader must skip it
        tensors.append((c["prefix"] + "embeddings.position_ids", "I64", np.arange(c["max_pos"]).reshape(1, -1)))
    path = os.path.join(folder, "model.safetensors")
    write_safetensors(path, tensors)
    back = read_safetensors(path)
    for n, a in W.items():
        assert np.array_equal(back[n], a), n
    config = {
        "architectures": ["BertForMaskedLM" if c["mlm"] else "BertModel"],
        "model_type": "bert",
        "vocab_size": len(VOCAB),
        "hidden_size": c["hidden"],
        "num_hidden_layers": c["layers"],
        "num_attention_heads": c["heads"],
        "intermediate_size": c["inter"],
        "hidden_act": c["act"],
        "hidden_dropout_prob": 0.1,
        "attention_probs_dropout_prob": 0.1,
        "max_position_embeddings": c["max_pos"],
        "type_vocab_size": c["types"],
        "initializer_range": 0.02,
        "layer_norm_eps": c["eps"],
        "pad_token_id": 0,
        "position_embedding_type": "absolute",
    }
    with open(os.path.join(folder, "config.json"), "w") as f:
        json.dump(config, f, indent=2)
        f.write("\n")
    with open(os.path.join(folder, "vocab.txt"), "w") as f:
        f.write("\n".join(VOCAB) + "\n")
    with open(os.path.join(folder, "tokenizer_config.json"), "w") as f:
        json.dump({"do_lower_case": True}, f)
        f.write("\n")
    cases = []
    for name, i, t, m in inputs(c["max_pos"], c["mlm"]):
        atts, hidden, pooler, logits = bert_forward(W, c, np.array(i), np.array(t), m)
        for a in atts:                                   # self-checks of the reference
            assert np.allclose(a.sum(axis=-1), 1.0, atol=1e-12)
            assert np.all(a[:, :, np.array(m) == 0] == 0.0), "padding keys must get exactly zero weight"
        case = {"name": name, "input_ids": i, "token_type_ids": t, "attention_mask": m,
                "attentions": r(atts), "hidden_states": r(hidden),
                "pooler_output": None if pooler is None else r(pooler),
                "mlm_logits": None if logits is None else r(logits)}
        if logits is not None:
            fill = []
            for pos, tok in enumerate(i):
                if tok == ID["[MASK]"]:
                    probs = softmax(logits[pos])
                    top = np.argsort(-probs, kind="stable")[:5]
                    fill.append({"position": pos, "top_ids": [int(k) for k in top], "top_probs": r(probs[top])})
            case["fill_mask"] = fill
        cases.append(case)
    expected = {"checkpoint": c["name"], "dtype": c["dtype"], "prefix": c["prefix"], "legacy_names": c["legacy"],
                "pooler": c["pooler"], "mlm": c["mlm"], "cases": cases}
    text = json.dumps(expected, separators=(",", ":"), allow_nan=False)
    with open(os.path.join(folder, "expected.json"), "w") as f:
        f.write(text + "\n")
    return folder


def main():
    total = 0
    for c in SPECS:
        folder = make(c)
        size = sum(os.path.getsize(os.path.join(folder, n)) for n in os.listdir(folder))
        total += size
        print("%-24s %7d bytes" % (c["name"], size))
    print("%-24s %7d bytes" % ("total", total))
    assert total < 1_000_000, "keep the test resources small"


if __name__ == "__main__":
    main()
