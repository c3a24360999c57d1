#!/usr/bin/env python3
"""Builds Attention Lab's own small BERT-style vocabulary and the tokenizer.json files that the
differential test hands to Hugging Face tokenizers.

    python3 tools/vocab/build_vocab.py          # from the repository root

Inputs (committed, human-edited): tools/vocab/sources/*.txt.
Outputs (committed, never edited by hand):
    assets/vocab/attention-lab-vocab.txt                      one token per line, id = line number
    src/test/resources/text/tokenizer-uncased.json            BertNormalizer(lowercase) + BertPreTokenizer + WordPiece + [CLS]/[SEP] template
    src/test/resources/text/tokenizer-cased.json              the same without lower-casing / accent stripping

Only the Python standard library is used; the output is deterministic.
"""
import json
import os
import sys

ROOT = os.path.abspath(os.path.join(os.path.dirname(__file__), "..", ".."))
SRC = os.path.join(os.path.dirname(os.path.abspath(__file__)), "sources")

# The layout of bert-base-chinese / bert-base-uncased for the first 104 ids, so that the special
# ids a student sees here ([CLS]=101, [SEP]=102, [UNK]=100) are the ones printed by the notebook.
SPECIALS = {"[PAD]": 0, "[UNK]": 100, "[CLS]": 101, "[SEP]": 102, "[MASK]": 103}

# Full-width and CJK punctuation used in Chinese text (all are Unicode P* or S* characters).
CJK_PUNCT = "，。、：；！？“”‘’（）《》〈〉【】「」『』…—～·•①②③④⑤→×"


def is_cjk(cp):
    # The ranges BERT treats as "Chinese characters" (Devlin et al. 2019, tokenization.py).
    return (0x4E00 <= cp <= 0x9FFF or 0x3400 <= cp <= 0x4DBF or 0x20000 <= cp <= 0x2A6DF
            or 0x2A700 <= cp <= 0x2B73F or 0x2B740 <= cp <= 0x2B81F or 0x2B820 <= cp <= 0x2CEAF
            or 0xF900 <= cp <= 0xFAFF or 0x2F800 <= cp <= 0x2FA1F)


def read_lines(name):
    with open(os.path.join(SRC, name), encoding="utf-8") as f:
        # "# " starts a comment; "##s" is a WordPiece continuation, not a comment.
        return [l.rstrip("\n") for l in f if not (l.startswith("# ") or l.rstrip("\n") == "#")]


def build():
    tokens = ["[PAD]"] + ["[unused%d]" % i for i in range(1, 100)] + ["[UNK]", "[CLS]", "[SEP]", "[MASK]"]
    seen = set(tokens)

    def add(tok):
        if tok and tok not in seen:
            seen.add(tok)
            tokens.append(tok)

    for cp in range(33, 127):
        c = chr(cp)
        if not c.isalnum():
            add(c)
    for c in "0123456789abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ":
        add(c)
    for c in CJK_PUNCT:
        add(c)
    cjk = set()
    for name in ("zh-seed-chars.txt", "zh-lesson-text.txt"):
        for line in read_lines(name):
            cjk.update(c for c in line if is_cjk(ord(c)))
    for c in sorted(cjk):
        add(c)
    for name in ("en-words.txt", "en-pieces.txt"):
        for line in read_lines(name):
            for w in line.split():
                add(w)
    for tok, i in SPECIALS.items():
        assert tokens[i] == tok, (tok, i)
    return tokens


def tokenizer_json(tokens, lowercase):
    vocab = {t: i for i, t in enumerate(tokens)}
    added = [{"id": vocab[t], "content": t, "single_word": False, "lstrip": False, "rstrip": False,
              "normalized": False, "special": True} for t in sorted(SPECIALS, key=SPECIALS.get)]

    def special(tok, type_id):
        return {"SpecialToken": {"id": tok, "type_id": type_id}}

    def seq(name, type_id):
        return {"Sequence": {"id": name, "type_id": type_id}}

    return {
        "version": "1.0",
        "truncation": None,
        "padding": None,
        "added_tokens": added,
        "normalizer": {"type": "BertNormalizer", "clean_text": True, "handle_chinese_chars": True,
                       "strip_accents": None, "lowercase": lowercase},
        "pre_tokenizer": {"type": "BertPreTokenizer"},
        "post_processor": {
            "type": "TemplateProcessing",
            "single": [special("[CLS]", 0), seq("A", 0), special("[SEP]", 0)],
            "pair": [special("[CLS]", 0), seq("A", 0), special("[SEP]", 0), seq("B", 1), special("[SEP]", 1)],
            "special_tokens": {t: {"id": t, "ids": [vocab[t]], "tokens": [t]} for t in ("[CLS]", "[SEP]")},
        },
        # cleanup=False: the Rust decoder cleans up per token, BertTokenizer (Python) on the whole
        # string; the test compares the plain join and checks the clean-up rules separately.
        "decoder": {"type": "WordPiece", "prefix": "##", "cleanup": False},
        "model": {"type": "WordPiece", "unk_token": "[UNK]", "continuing_subword_prefix": "##",
                  "max_input_chars_per_word": 100, "vocab": vocab},
    }


def main():
    tokens = build()
    vocab_path = os.path.join(ROOT, "assets", "vocab", "attention-lab-vocab.txt")
    os.makedirs(os.path.dirname(vocab_path), exist_ok=True)
    with open(vocab_path, "w", encoding="utf-8", newline="\n") as f:
        f.write("".join(t + "\n" for t in tokens))
    res = os.path.join(ROOT, "src", "test", "resources", "text")
    os.makedirs(res, exist_ok=True)
    for name, lower in (("tokenizer-uncased.json", True), ("tokenizer-cased.json", False)):
        with open(os.path.join(res, name), "w", encoding="utf-8", newline="\n") as f:
            json.dump(tokenizer_json(tokens, lower), f, ensure_ascii=False, indent=1)
            f.write("\n")
    print("%d tokens -> %s" % (len(tokens), os.path.relpath(vocab_path, ROOT)), file=sys.stderr)


if __name__ == "__main__":
    main()
