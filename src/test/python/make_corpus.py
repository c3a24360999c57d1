#!/usr/bin/env python3
"""Writes src/test/resources/text/corpus.txt, the input of the tokenizer differential test.

    python3 src/test/python/make_corpus.py      # from the repository root

The corpus is hand-written lines (the lessons' sentences and every tricky case we could think
of: control characters, combining accents, full-width punctuation, emoji, mixed scripts, very
long words, special tokens in the text) plus seeded random mixtures of them. The expected
tokens are NOT computed here: the test asks Hugging Face tokenizers (Rust, via DJL) at test time.

File format: UTF-8, one corpus line per file line. So that control characters survive editors
and git, the file is escaped: \\t \\r \\n \\\\ and \\uXXXX / \\UXXXXXXXX stand for those characters,
and every non-printable character is written escaped. Lines starting with "#!" are comments.
"""
import os
import random
import unicodedata

OUT = os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "resources", "text", "corpus.txt")

SEED_PARAGRAPH = ("Transformer 是一种基于自注意力机制的模型架构，广泛应用于自然语言处理任务。"
                  "与传统的循环神经网络不同，它能够并行处理整个序列，并捕捉长距离依赖。"
                  "本文将介绍其基本组成部分，包括词嵌入、位置编码、自注意力、前馈网络等。")

HAND = [
    # The lessons
    SEED_PARAGRAPH,
    "Transformer 是一种基于自注意力机制的模型架构，广泛应用于自然语言处理任务。",
    "与传统的循环神经网络不同，它能够并行处理整个序列，并捕捉长距离依赖。",
    "本文将介绍其基本组成部分，包括词嵌入、位置编码、自注意力、前馈网络等。",
    "The weather is nice today",
    "The weather is nice today.",
    "The animal didn't cross the street because it was too tired",
    "The animal didn't cross the street because it was too wide.",
    "猫 狗 爱 跑",
    "猫狗爱跑",
    "我爱你。I love you!",
    "小明今天去商店买了一本书。",
    "我正在吃绿色的苹果。",
    "Je suis étudiant",
    "JE SUIS ÉTUDIANT",
    "this movie is great",
    "i like it",
    "BERT 的输入是三者的加和：Token Embeddings + Segment Embeddings + Position Embeddings。",
    "为什么要有mask？",
    "Seq2Seq 架构：编码器 - 解码器（Encoder-Decoder）",
    "Attention(Q, K, V) = softmax(QK^T / sqrt(d_k)) V",
    "multi-head attention, layer normalization & residual connections",
    "Transformers tokenizers tokenization tokenized tokenizing",
    "playing played player players plays",
    "unhappy unkind redo dislike",
    "the encoders and decoders are transformers",
    "2025-4-17 孙晓光 xgsun@fudan.edu.cn",
    "https://www.datawhale.cn/learn/summary/87",
    "input_ids, token_type_ids, attention_mask",
    "print(tokenizer.decode(ids, skip_special_tokens=True))",
    # Special tokens in the text
    "[CLS] the weather is nice [SEP] it is [MASK] today [SEP]",
    "a[MASK]b",
    "[mask] is not special in lower case",
    "[UNK] [PAD][PAD] [CLS]",
    "[CLS",
    "[[SEP]]",
    "今天[MASK]气很好",
    "[MASK]",
    "The [MASK] didn't cross the street.",
    # Punctuation, ASCII and Unicode
    "!\"#$%&'()*+,-./:;<=>?@[\\]^_`{|}~",
    "a+b=c, x<y>z, $100 ^2 |pipe| ~tilde `tick`",
    "，。、：；！？“”‘’（）《》〈〉【】「」『』…—～·•",
    "他说：“你好！”然后走了……",
    "¿Qué? ¡Hola! «guillemets» „Anführungszeichen“ — en–dash",
    "§ ¶ † ‡ ※ ‰ ′ ″ ‹ › ⁂ ⁇",
    "Ｆｕｌｌ－ｗｉｄｔｈ ＡＢＣ １２３ ！？",
    "hello...world!!! what??? yes,no;maybe:ok",
    "don't can't won't it's I'm we've they're",
    "he said ' hello ' and left .",
    "1,000,000.50 3.14159 -42 +7 100% 50/50",
    "①②③④⑤ → × ÷ ± ≈ ≠ ∞ √",
    # Emoji and symbols
    "😝 fun-transformer 🎁 task01",
    "💫 👍 💖 👉👈 👌 😻 🐈 🎉",
    "👍🏽 thumbs up with skin tone",
    "👨\u200d👩\u200d👧 family (zero-width joiners)",
    "🇨🇳 🇬🇧 flags",
    "1\ufe0f\u20e3 keycap ❤\ufe0f heart ☺ smile",
    "I ❤ NLP and 猫 😺",
    "emoji😀inside😀words",
    # Accents and case
    "café naïve résumé Zoë façade coöperate",
    "Crème brûlée à la carte",
    "e\u0301tudiant (combining acute)",
    "A\u030a Å \u212b \u212a Kelvin",
    "Tiếng Việt có dấu",
    "Straße STRASSE \u1e9e",
    "İstanbul ıI iİ",
    "ΟΔΟΣ Σ σς ΑΘΗΝΑ",
    "ǅemal ǈ ǋ titlecase digraphs",
    "ﬁne ﬂow ligatures",
    "Ångström Øre Æsir œuvre",
    "Москва ПРИВЕТ мир",
    "español ñ Ñ n\u0303",
    "Ä Ö Ü ä ö ü ÄÖÜ",
    "x\u0301\u0302\u0303 stacked marks",
    "\u0301 lone combining mark",
    # Control characters and whitespace
    "tab\tseparated\tvalues",
    "line\nbreak and\r\nwindows",
    "nul\u0000byte",
    "bell\u0007 escape\u001b[31m red",
    "delete\u007f char",
    "next line\u0085here",
    "zero\u200bwidth space",
    "soft\u00adhyphen",
    "bom\ufeffinside",
    "replacement\ufffdchar",
    "no\u00a0break\u00a0space",
    "ideographic\u3000space　中文\u3000空格",
    "line\u2028separator and paragraph\u2029separator",
    "vertical\u000btab form\u000cfeed",
    "private\ue000use",
    "   leading and trailing spaces   ",
    "\t\t",
    " ",
    "",
    "multiple     spaces    between",
    "\u2003em space\u2009thin space\u202fnarrow",
    "unit\u001fsep\u001erecord",
    # Mixed scripts
    "こんにちは世界",
    "カタカナ と ひらがな と 漢字",
    "한국어 텍스트",
    "中文English混合text测试",
    "GPT和BERT都是Transformer",
    "深度学习deep learning",
    "mixed中English文",
    "北京Beijing上海Shanghai",
    "Ｔｒａｎｓｆｏｒｍｅｒ全角",
    "𠀀𠀁 extension B 𪜀 extension C",
    "豈 更 compatibility ideographs",
    "⺀⺁ radicals are not CJK ideographs",
    "〇 ideographic zero",
    "ㄅㄆㄇ bopomofo",
    "العربية עברית हिन्दी ไทย",
    # Numbers and digits
    "0123456789",
    "2025 年 4 月 17 日",
    "１２３ full-width digits",
    "٣٤٥ arabic-indic digits",
    # Long words: WordPiece stops at 100 characters
    "un" + "s" * 98,
    "un" + "s" * 99,
    "a" * 100,
    "a" * 101,
    "transform" + "er" * 30,
    "transformerssssssssssssss",
    "antidisestablishmentarianism",
    "supercalifragilisticexpialidocious",
    "一" * 120,
    "x" * 300 + " 猫",
]


def escape(s):
    out = []
    for ch in s:
        cp = ord(ch)
        if ch == "\\":
            out.append("\\\\")
        elif ch == "\t":
            out.append("\\t")
        elif ch == "\n":
            out.append("\\n")
        elif ch == "\r":
            out.append("\\r")
        elif (unicodedata.category(ch)[0] in "CZ" and ch != " ") or cp == 0xFFFD:
            out.append("\\u%04x" % cp if cp <= 0xFFFF else "\\U%08x" % cp)
        else:
            out.append(ch)
    text = "".join(out)
    # Spaces at either end would not survive editors that trim lines.
    body = text.strip(" ")
    if not body:
        return "\\u0020" * len(text)
    lead = len(text) - len(text.lstrip(" "))
    trail = len(text) - len(text.rstrip(" "))
    return "\\u0020" * lead + body + "\\u0020" * trail


def main():
    rng = random.Random(20250417)
    fragments = [w for line in HAND[:60] for w in line.split(" ") if w]
    fragments += list("猫狗爱跑我你他的是不了在有人这中大为上个国") + ["\u0000", "\u200b", "\u00a0", "\t", "é", "e\u0301", "😀", "！", "，", "[MASK]", "[SEP]"]
    generated = []
    for _ in range(110):
        n = rng.randint(1, 14)
        parts = []
        for _ in range(n):
            parts.append(rng.choice(fragments))
            parts.append(rng.choice(["", " ", " ", " ", "  ", "\u3000"]))
        generated.append("".join(parts).strip(" "))
    lines = HAND + generated
    with open(OUT, "w", encoding="utf-8", newline="\n") as f:
        f.write("#! Tokenizer differential-test corpus, written by src/test/python/make_corpus.py; do not edit by hand.\n")
        f.write("#! One line per case; \\t \\n \\r \\\\ \\uXXXX \\UXXXXXXXX are escapes (see the script).\n")
        for line in lines:
            f.write(escape(line) + "\n")
    print(len(lines), "lines")


if __name__ == "__main__":
    main()
