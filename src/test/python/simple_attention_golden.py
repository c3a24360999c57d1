#!/usr/bin/env python3
"""Independent float64 reference for the SimpleAttention experiment (the course notebook's
SimpleAttention, seeds/000): PyTorch's random numbers, the forward pass, the backward pass written
out by hand, and Adam, all in numpy/Python, never taken from the Java code.

    python3 src/test/python/simple_attention_golden.py

Writes src/test/resources/golden/simple_attention.json:
    {"cases": [{"name", "seed", "lr", "steps",
                "x" (2,3,4), "y" (2,1),
                "initial": {"W_Q" (3,4), "b_Q" (3), "W_K", "b_K", "W_V", "b_V", "W_out" (1,3), "b_out" (1)},
                "losses": [steps],            loss at each step, before that step's update
                "final": {same keys},         after the last update
                "weights_before": (2,3,3), "weights_after": (2,3,3)}]}   attention per sample

What is reproduced, and how:
  * torch.manual_seed(s): MT19937 (init_genrand) written out below with Python integers.
  * torch.rand/uniform_ in float32: (bits & (2^24-1)) * 2^-24, then x*(to-from)+from in float32.
  * torch.randn(2,3,4) (24 >= 16 values: PyTorch's vectorised path): 24 uniforms, Box-Muller on
    entries j and j+8 of the block [0,16), then the last 16 entries redrawn and transformed again.
    Box-Muller is computed in float64 and rounded to float32 (PyTorch uses float32 or SIMD maths;
    the two can differ in the last bit of float32, which the notebook's 4 decimals cannot see).
  * nn.Linear(in, out): weight (out, in) then bias (out), U(-1/sqrt(in), 1/sqrt(in)), the bound
    computed as kaiming_uniform_(a=sqrt(5)) computes it.
  * Model: Q = X Wq^T + bq (etc.), weights = softmax(Q K^T / sqrt(3)), context = weights V,
    out = mean_t(context) Wo^T + bo, loss = mean((out - y)^2).
  * Adam (Kingma and Ba 2015, Algorithm 1): beta1 0.9, beta2 0.999, eps 1e-8, bias-corrected.
Self-checks before writing: seed 42 prints the notebook's initial W_Q and losses (4 decimals),
and the hand-written gradient agrees with central differences.
"""

import json
import math
import os

import numpy as np

ROOT = os.path.abspath(os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "..", ".."))
OUT = os.path.join(ROOT, "src", "test", "resources", "golden", "simple_attention.json")

f32 = np.float32

# The notebook's printed output for seed 42 (seeds/000, "Epoch n: Loss = ...", "初始 W_Q").
NOTEBOOK_LOSSES = [1.7862, 1.6117, 1.4567, 1.3198, 1.1993, 1.0938, 1.0016, 0.9211, 0.8508, 0.7894,
                   0.7355, 0.6880, 0.6458, 0.6080, 0.5738, 0.5425, 0.5137, 0.4869, 0.4618, 0.4381]
NOTEBOOK_WQ = [[0.1343, -0.1356, 0.2104, 0.4464], [0.2890, -0.2186, 0.2886, 0.0895], [0.2539, -0.3048, -0.4950, -0.1932]]
NOTEBOOK_WQ_AFTER = [[0.0748, -0.2188, 0.1299, 0.4619], [0.4518, -0.3880, 0.3979, -0.0676],
                     [0.4217, -0.4694, -0.3718, -0.3555]]
NOTEBOOK_WK = [[0.2071, 0.1581, -0.0087, 0.3913], [-0.3553, 0.0315, -0.3413, 0.1542], [-0.1722, 0.1532, -0.1042, 0.4147]]


class MT19937:
    def __init__(self, seed):
        self.mt = [0] * 624
        self.mt[0] = seed & 0xFFFFFFFF
        for i in range(1, 624):
            self.mt[i] = (1812433253 * (self.mt[i - 1] ^ (self.mt[i - 1] >> 30)) + i) & 0xFFFFFFFF
        self.index = 624

    def next32(self):
        if self.index >= 624:
            for k in range(624):
                y = (self.mt[k] & 0x80000000) | (self.mt[(k + 1) % 624] & 0x7FFFFFFF)
                self.mt[k] = self.mt[(k + 397) % 624] ^ (y >> 1) ^ (0x9908B0DF if y & 1 else 0)
            self.index = 0
        y = self.mt[self.index]
        self.index += 1
        y ^= y >> 11
        y ^= (y << 7) & 0x9D2C5680
        y ^= (y << 15) & 0xEFC60000
        y ^= y >> 18
        return y & 0xFFFFFFFF


def uniform(g, n, lo, hi):
    lo, hi = f32(lo), f32(hi)
    out = []
    for _ in range(n):
        x = f32((g.next32() & ((1 << 24) - 1)) * 2.0 ** -24)
        out.append(f32(f32(x * (hi - lo)) + lo))
    return out


def box_muller16(d, at):
    for j in range(8):
        u1 = 1.0 - float(d[at + j])
        u2 = float(d[at + j + 8])
        r = math.sqrt(-2.0 * math.log(u1))
        th = 2.0 * math.pi * u2
        d[at + j] = f32(r * math.cos(th))
        d[at + j + 8] = f32(r * math.sin(th))


def randn(g, n):
    d = uniform(g, n, 0.0, 1.0)
    for i in range(0, n - 15, 16):
        box_muller16(d, i)
    if n % 16:
        start = n - 16
        d[start:] = uniform(g, 16, 0.0, 1.0)
        box_muller16(d, start)
    return np.array(d, dtype=np.float64)


def linear_init(g, fan_in, fan_out):
    a = math.sqrt(5.0)
    gain = math.sqrt(2.0 / (1 + a ** 2))
    bound = math.sqrt(3.0) * (gain / math.sqrt(fan_in))
    w = np.array(uniform(g, fan_in * fan_out, -bound, bound), dtype=np.float64).reshape(fan_out, fan_in)
    bb = 1 / math.sqrt(fan_in)
    b = np.array(uniform(g, fan_out, -bb, bb), dtype=np.float64)
    return w, b


NAMES = ["W_Q", "b_Q", "W_K", "b_K", "W_V", "b_V", "W_out", "b_out"]


def start(seed):
    g = MT19937(seed)
    x = randn(g, 24).reshape(2, 3, 4)
    params = {}
    for prefix, (fi, fo) in (("Q", (4, 3)), ("K", (4, 3)), ("V", (4, 3)), ("out", (3, 1))):
        w, b = linear_init(g, fi, fo)
        params["W_" + prefix], params["b_" + prefix] = w, b
    return x, np.array([[1.0], [0.0]]), params


def forward(x, y, p):
    """Returns the loss and everything the backward pass needs."""
    q = x @ p["W_Q"].T + p["b_Q"]
    k = x @ p["W_K"].T + p["b_K"]
    v = x @ p["W_V"].T + p["b_V"]
    s = q @ k.transpose(0, 2, 1) / math.sqrt(3.0)
    s = s - s.max(axis=-1, keepdims=True)
    e = np.exp(s)
    w = e / e.sum(axis=-1, keepdims=True)
    c = w @ v
    pooled = c.mean(axis=1)
    out = pooled @ p["W_out"].T + p["b_out"]
    loss = float(((out - y) ** 2).mean())
    return loss, dict(q=q, k=k, v=v, w=w, c=c, pooled=pooled, out=out)


def backward(x, y, p, f):
    """The chain rule, step by step, from the loss back to every parameter."""
    g = {}
    d_out = 2.0 * (f["out"] - y) / y.size                     # (2, 1)
    g["W_out"] = d_out.T @ f["pooled"]                         # (1, 3)
    g["b_out"] = d_out.sum(axis=0)
    d_pooled = d_out @ p["W_out"]                              # (2, 3)
    d_c = np.repeat(d_pooled[:, None, :] / 3.0, 3, axis=1)    # (2, 3, 3): mean over 3 positions
    d_w = d_c @ f["v"].transpose(0, 2, 1)                      # (2, 3, 3)
    d_v = f["w"].transpose(0, 2, 1) @ d_c
    w = f["w"]
    d_s = w * (d_w - (d_w * w).sum(axis=-1, keepdims=True)) / math.sqrt(3.0)
    d_q = d_s @ f["k"]
    d_k = d_s.transpose(0, 2, 1) @ f["q"]
    for name, d in (("Q", d_q), ("K", d_k), ("V", d_v)):
        g["W_" + name] = np.einsum("bti,btj->ij", d, x)        # (3, 4)
        g["b_" + name] = d.sum(axis=(0, 1))
    return g


def train(seed, lr, steps):
    x, y, p = start(seed)
    initial = {k: v.copy() for k, v in p.items()}
    m = {k: np.zeros_like(v) for k, v in p.items()}
    s = {k: np.zeros_like(v) for k, v in p.items()}
    losses = []
    weights_before = forward(x, y, p)[1]["w"]
    for t in range(1, steps + 1):
        loss, f = forward(x, y, p)
        g = backward(x, y, p, f)
        losses.append(loss)
        for k in NAMES:
            m[k] = 0.9 * m[k] + (1 - 0.9) * g[k]
            s[k] = 0.999 * s[k] + (1 - 0.999) * g[k] ** 2
            m_hat = m[k] / (1 - 0.9 ** t)
            s_hat = s[k] / (1 - 0.999 ** t)
            p[k] = p[k] - lr * m_hat / (np.sqrt(s_hat) + 1e-8)
    weights_after = forward(x, y, p)[1]["w"]
    return x, y, initial, losses, p, weights_before, weights_after


def check_gradient(seed):
    x, y, p = start(seed)
    loss, f = forward(x, y, p)
    g = backward(x, y, p, f)
    h = 1e-6
    for k in NAMES:
        it = np.nditer(p[k], flags=["multi_index"])
        for _ in it:
            i = it.multi_index
            plus = {n: v.copy() for n, v in p.items()}
            minus = {n: v.copy() for n, v in p.items()}
            plus[k][i] += h
            minus[k][i] -= h
            numeric = (forward(x, y, plus)[0] - forward(x, y, minus)[0]) / (2 * h)
            assert abs(numeric - g[k][i]) <= 1e-7 * max(1.0, abs(numeric)), (k, i, numeric, g[k][i])


def tolist(a):
    return np.asarray(a, dtype=np.float64).tolist()


def main():
    check_gradient(42)
    cases = []
    for name, seed, lr, steps in (("notebook", 42, 0.01, 20), ("seed-7-lr-0.05", 7, 0.05, 30)):
        x, y, initial, losses, final, wb, wa = train(seed, lr, steps)
        if name == "notebook":
            assert [round(l, 4) for l in losses] == NOTEBOOK_LOSSES, losses
            assert np.round(initial["W_Q"], 4).tolist() == NOTEBOOK_WQ
            assert np.round(initial["W_K"], 4).tolist() == NOTEBOOK_WK
            assert np.round(final["W_Q"], 4).tolist() == NOTEBOOK_WQ_AFTER
        cases.append({
            "name": name, "seed": seed, "lr": lr, "steps": steps,
            "x": tolist(x), "y": tolist(y),
            "initial": {k: tolist(initial[k]) for k in NAMES},
            "losses": losses,
            "final": {k: tolist(final[k]) for k in NAMES},
            "weights_before": tolist(wb), "weights_after": tolist(wa),
        })
    text = json.dumps({"cases": cases}, indent=1, allow_nan=False)
    with open(OUT, "w", encoding="utf-8", newline="\n") as fh:
        fh.write(text + "\n")
    print("wrote", os.path.relpath(OUT, ROOT))


if __name__ == "__main__":
    main()
