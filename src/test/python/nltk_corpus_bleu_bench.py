#!/usr/bin/python3
"""Times NLTK's corpus_bleu on the segment pairs CorpusBleuBenchmark wrote (a benchmark, not a test).

    /usr/bin/python3 src/test/python/nltk_corpus_bleu_bench.py target/bleu-bench [RUNS]

Reads DIR/hyp.txt and DIR/ref.txt (UTF-8, one segment per line), splits on single spaces as the
Java benchmark does, and times corpus_bleu(list_of_references, hypotheses) with NLTK's defaults
(weights 0.25 x 4, no smoothing). The split is timed separately. Wall and CPU time are printed:
CPU time is the steadier on a shared machine. The score printed must equal the
Java benchmark's "NLTK rules" score.
"""
import sys
import time
import warnings

import nltk
from nltk.translate.bleu_score import corpus_bleu

warnings.simplefilter("ignore")


def main():
    folder = sys.argv[1] if len(sys.argv) > 1 else "target/bleu-bench"
    runs = int(sys.argv[2]) if len(sys.argv) > 2 else 3
    with open(folder + "/hyp.txt", encoding="utf-8") as f:
        hyp_lines = f.read().splitlines()
    with open(folder + "/ref.txt", encoding="utf-8") as f:
        ref_lines = f.read().splitlines()
    t0 = time.perf_counter()
    hyps = [h.split(" ") for h in hyp_lines]
    refs = [[r.split(" ")] for r in ref_lines]
    split_ms = (time.perf_counter() - t0) * 1000
    times = []
    cpu = []
    score = None
    for _ in range(runs):
        c0 = time.process_time()
        t0 = time.perf_counter()
        score = corpus_bleu(refs, hyps)
        times.append((time.perf_counter() - t0) * 1000)
        cpu.append((time.process_time() - c0) * 1000)
    print("NLTK %s corpus_bleu, %d segment pairs (split: %.0f ms)" % (nltk.__version__, len(hyps), split_ms))
    print("wall runs (ms): %s  median %.0f ms, CPU %.0f ms  score %r" % (" ".join("%.0f" % t for t in times),
          sorted(times)[len(times) // 2], sorted(cpu)[len(cpu) // 2], score))


if __name__ == "__main__":
    main()
