#!/usr/bin/python3
"""An independent check of every BLEU number the lecture's worked example and lesson 13 state.

Writes src/test/resources/golden/bleu-lecture-verified.json. Run with Debian's Python, which has
python3-nltk (NLTK 3.8):

    /usr/bin/python3 src/test/python/bleu_lecture_verify.py

Nothing here reads the Java code. sacreBLEU is not installed on this machine, so its formula
(sacrebleu/metrics/bleu.py, BLEU.compute_bleu and the n-gram clipping of Papineni et al. 2002,
section 2.1) is written out below in plain Python from the paper and sacreBLEU's documented
behaviour; NLTK's numbers come from NLTK itself; the d2l textbook formula is the textbook's own
function. The examples are pure Chinese with single spaces, so sacreBLEU's tokenizers reduce to
two cases that need no tokenizer code: word tokens (13a, intl and none split on the spaces) and
character tokens (zh and char put every Chinese character, full-width punctuation included, on
its own).

The script asserts the claims of issue 4 (c = 3, r = 6, BP ≈ 0.368; c = 5, r = 9, BP ≈ 0.449;
p3 > 0 at character level; unsmoothed BLEU-4 = 0; exp 23.17 and add-k 27.95) and prints where a
claim needs a qualifier.
"""
import collections
import json
import math
import pathlib
import warnings

import nltk
from nltk.translate.bleu_score import SmoothingFunction, corpus_bleu, sentence_bleu

warnings.simplefilter("ignore")          # NLTK warns about zero counts, on purpose here

OUT = pathlib.Path(__file__).resolve().parents[1] / "resources" / "golden" / "bleu-lecture-verified.json"

HYP = "男孩 踢 足球"
REF = "一个 小 男孩 在 踢 足球"
YOUTH_REF = "青春不是年华，而是心境；青春不是桃面、丹唇、柔膝，而是深沉的意志，恢宏的想象，炙热的感情；青春是生命的深泉在涌流。"
YOUTH = {
    "DeepSeek": "青春不是年华，而是心境；青春不是桃面、丹唇、柔膝，而是深沉的意志、恢宏的想象、炽热的情感；青春是生命深泉的自在奔流。",
    "Google": "青春不是人生的一个阶段，而是一种心境；青春不是桃面、丹唇、柔膝；青春是一种意志，一种想象，一种情感的活力；青春是生命深泉的清新。",
    "Baidu": "青春不是一段时间，而是一种心态；这不是玫瑰色的脸颊、红唇和柔软的膝盖；它是一种意志，一种想象力，一种情感的活力；它是生命深泉的清新。",
}
# The clipping example of Papineni et al. 2002, section 2.1.
CLIP_HYP = "the the the the the the the"
CLIP_REFS = ["the cat is on the mat", "there is a cat on the mat"]
# The candidate the UI test types over the worked example.
EDITED = "一个 男孩 在 踢 足球"


def words(s):
    return s.split()


def chars(s):
    return [c for c in s if not c.isspace()]


def ngrams(tokens, n):
    return collections.Counter(tuple(tokens[i:i + n]) for i in range(len(tokens) - n + 1))


def stats(hyp, refs, order=4):
    """Clipped matches and totals per order, c and the closest reference length (ties to the shorter)."""
    counts, totals = [], []
    for n in range(1, order + 1):
        h = ngrams(hyp, n)
        best = collections.Counter()
        for r in refs:
            for g, k in ngrams(r, n).items():
                best[g] = max(best[g], k)
        counts.append(sum(min(k, best[g]) for g, k in h.items()))
        totals.append(max(0, len(hyp) - n + 1))
    c = len(hyp)
    r = min((abs(len(x) - c), len(x)) for x in refs)[1]
    return counts, totals, c, r


def sacre(counts, totals, c, r, smooth="exp", value=None, effective_order=True, order=4):
    """sacreBLEU 2.x BLEU.compute_bleu, on a 0-100 scale."""
    if value is None:
        value = {"floor": 0.1, "add-k": 1}.get(smooth, 0)
    bp = 1.0 if c >= r else (math.exp(1 - r / c) if c > 0 else 0.0)
    counts = list(map(float, counts))
    totals = list(map(float, totals))
    precisions = [0.0] * order
    if not any(counts):
        return {"score": 0.0, "bp": bp, "precisions": precisions, "counts": counts, "totals": totals}
    smooth_mteval = 1.0
    eff = order
    for n in range(1, order + 1):
        if smooth == "add-k" and n > 1:
            counts[n - 1] += value
            totals[n - 1] += value
        if totals[n - 1] == 0:
            break
        if effective_order:
            eff = n
        if counts[n - 1] == 0:
            if smooth == "exp":
                smooth_mteval *= 2
                precisions[n - 1] = 100.0 / (smooth_mteval * totals[n - 1])
            elif smooth == "floor":
                precisions[n - 1] = 100.0 * value / totals[n - 1]
        else:
            precisions[n - 1] = 100.0 * counts[n - 1] / totals[n - 1]
    log_sum = sum(math.log(p) if p > 0 else -9999999999 for p in precisions[:eff])
    return {"score": bp * math.exp(log_sum / eff), "bp": bp, "precisions": precisions, "counts": counts,
            "totals": totals}


def d2l_bleu(pred_seq, label_seq, k):
    """d2l's bleu() (Dive into Deep Learning, 'Evaluation of Predicted Sequences')."""
    pred_tokens, label_tokens = pred_seq.split(' '), label_seq.split(' ')
    len_pred, len_label = len(pred_tokens), len(label_tokens)
    score = math.exp(min(0, 1 - len_label / len_pred))
    for n in range(1, min(k, len_pred) + 1):
        num_matches, label_subs = 0, collections.defaultdict(int)
        for i in range(len_label - n + 1):
            label_subs[' '.join(label_tokens[i: i + n])] += 1
        for i in range(len_pred - n + 1):
            if label_subs[' '.join(pred_tokens[i: i + n])] > 0:
                num_matches += 1
                label_subs[' '.join(pred_tokens[i: i + n])] -= 1
        score *= math.pow(num_matches / (len_pred - n + 1), math.pow(0.5, n))
    return score


def case(name, hyp_tokens, ref_tokens_list):
    counts, totals, c, r = stats(hyp_tokens, ref_tokens_list)
    out = {"name": name, "counts": counts, "totals": totals, "sys_len": c, "ref_len": r,
           "bp": sacre(counts, totals, c, r)["bp"], "sacrebleu": {}, "nltk": {}}
    for smooth in ("none", "exp", "floor", "add-k"):
        for eff in (True, False):
            s = sacre(counts, totals, c, r, smooth, effective_order=eff)
            out["sacrebleu"]["%s/%s" % (smooth, "eff" if eff else "noeff")] = {
                "score": s["score"], "precisions": s["precisions"]}
    sf = SmoothingFunction()
    for m in range(8):
        try:
            v = sentence_bleu(ref_tokens_list, hyp_tokens, smoothing_function=getattr(sf, "method%d" % m))
        except (AssertionError, ZeroDivisionError, ValueError) as e:
            v = "error: %s" % type(e).__name__
        out["nltk"]["method%d" % m] = v
    return out


def main():
    word = case("lecture-word", words(HYP), [words(REF)])
    char = case("lecture-char", chars(HYP), [chars(REF)])
    word["d2l"] = {"k2": d2l_bleu(HYP, REF, 2), "k4": d2l_bleu(HYP, REF, 4)}
    char["d2l"] = {"k2": d2l_bleu(" ".join(chars(HYP)), " ".join(chars(REF)), 2),
                   "k4": d2l_bleu(" ".join(chars(HYP)), " ".join(chars(REF)), 4)}
    youth = [case("youth-" + k, chars(v), [chars(YOUTH_REF)]) for k, v in YOUTH.items()]
    for y, text in zip(youth, YOUTH.values()):
        y["d2l"] = {"k4": d2l_bleu(" ".join(chars(text)), " ".join(chars(YOUTH_REF)), 4)}
    youth_words = [case("youth-13a-" + k, words(v), [words(YOUTH_REF)]) for k, v in YOUTH.items()]
    clip = case("clipping", words(CLIP_HYP), [words(r) for r in CLIP_REFS])
    edited = case("edited", words(EDITED), [words(REF)])

    # ---- the claims of issue 4, asserted
    assert (word["sys_len"], word["ref_len"]) == (3, 6)
    assert round(word["bp"], 3) == 0.368 and word["bp"] == math.exp(1 - 6 / 3)
    assert (char["sys_len"], char["ref_len"]) == (5, 9)
    assert round(char["bp"], 3) == 0.449 and char["bp"] == math.exp(1 - 9 / 5)
    assert char["counts"][2] == 1 and char["totals"][2] == 3          # 踢足球 matches: p3 = 1/3
    assert word["counts"] == [3, 1, 0, 0] and char["counts"] == [5, 3, 1, 0]
    for c in (word, char):
        assert c["sacrebleu"]["none/eff"]["score"] == 0 and c["sacrebleu"]["none/noeff"]["score"] == 0
    assert "%.2f" % word["sacrebleu"]["exp/eff"]["score"] == "23.17"
    assert "%.2f" % word["sacrebleu"]["add-k/eff"]["score"] == "27.95"
    # the qualifiers
    assert word["sacrebleu"]["exp/noeff"]["score"] == 0, "exp without effective order: 4-gram total 0 -> log 0"
    assert word["totals"][3] == 0
    assert 0 < word["nltk"]["method0"] < 1e-150, "NLTK unsmoothed: a tiny positive number, not 0"
    assert clip["counts"][0] == 2 and clip["totals"][0] == 7

    out = {
        "about": "Generated by src/test/python/bleu_lecture_verify.py with NLTK %s and a plain-Python sacreBLEU "
                 "formula; independent of the Java code. Do not edit by hand." % nltk.__version__,
        "hypothesis": HYP, "reference": REF, "youth_reference": YOUTH_REF, "youth_candidates": YOUTH,
        "clip_hypothesis": CLIP_HYP, "clip_references": CLIP_REFS, "edited_hypothesis": EDITED,
        "cases": [word, char] + youth + youth_words + [clip, edited],
    }
    OUT.write_text(json.dumps(out, ensure_ascii=False, indent=1) + "\n", encoding="utf-8")

    def show(c):
        s = c["sacrebleu"]
        print("%-18s c=%d r=%d BP=%.4f counts=%s totals=%s | sacre none %.2f exp %.2f (no eff %.2f) "
              "add-k %.2f floor %.2f | nltk m0 %.3g m1 %.4f m3 %.4f m7 %.4f | d2l %s"
              % (c["name"], c["sys_len"], c["ref_len"], c["bp"], c["counts"], c["totals"], s["none/eff"]["score"],
                 s["exp/eff"]["score"], s["exp/noeff"]["score"], s["add-k/eff"]["score"], s["floor/eff"]["score"],
                 c["nltk"]["method0"], c["nltk"]["method1"], c["nltk"]["method3"], c["nltk"]["method7"],
                 {k: round(v, 4) for k, v in c.get("d2l", {}).items()}))

    for c in out["cases"]:
        show(c)
    print("wrote", OUT)


if __name__ == "__main__":
    main()
