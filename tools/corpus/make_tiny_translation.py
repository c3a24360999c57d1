#!/usr/bin/env python3
"""Writes the tiny English -> French-like parallel corpus that the tiny translator learns from.

    python3 tools/corpus/make_tiny_translation.py      # from any directory

Outputs (committed, never edited by hand), in assets/corpora/tiny-translation/:
    train.en  train.fr     the training pairs, one sentence per line, line n of .en <-> line n of .fr
    test.en   test.fr      held-out pairs: no test sentence occurs in the training files

The grammar is ours and deterministic: every English sentence has exactly one translation. It is
"French-like": real French words with gender agreement, but one simplified word-order rule for
adjectives, chosen because it makes alignments cross the way the lecture's example does
(European Economic Area <-> zone économique européenne):

  * every adjective follows its noun, and two adjectives come in the mirror order of English:
        the european economic area   ->  la zone économique européenne
        a red chinese car            ->  une voiture chinoise rouge
  * determiners and adjectives agree with the noun's gender (le/la, un/une, ce/cette, mon/ma;
    vert/verte, européen/européenne, ...), also after "is":  the house is green -> la maison est verte
  * "near" is "près de", contracted as French does: près du (de + le), près d'un, près d'une.

English adjectives are ordered colour < origin < kind, so the English is idiomatic too.

Only the Python standard library is used, and only random.Random(seed).random(), whose output
is the same on every Python 3 version, so the files are the same bytes everywhere.
"""
import os
import random

ROOT = os.path.abspath(os.path.join(os.path.dirname(__file__), "..", ".."))
OUT = os.path.join(ROOT, "assets", "corpora", "tiny-translation")
SEED = 20240607
TRAIN_SIZE = 6000
TEST_SIZE = 500

# (English, French, gender). No French noun starts with a vowel, so no elision (l', cet) is needed.
NOUNS = [
    ("area", "zone", "f"), ("cat", "chat", "m"), ("dog", "chien", "m"), ("house", "maison", "f"),
    ("car", "voiture", "f"), ("book", "livre", "m"), ("city", "ville", "f"), ("garden", "jardin", "m"),
    ("market", "marché", "m"), ("bank", "banque", "f"), ("policy", "politique", "f"),
    ("teacher", "professeur", "m"), ("girl", "fille", "f"), ("boy", "garçon", "m"),
    ("river", "rivière", "f"), ("train", "train", "m"),
]
# (English, French masculine, French feminine, class); English order is by class: colour, origin, kind.
ADJECTIVES = [
    ("green", "vert", "verte", 0), ("red", "rouge", "rouge", 0), ("black", "noir", "noire", 0),
    ("white", "blanc", "blanche", 0), ("blue", "bleu", "bleue", 0),
    ("european", "européen", "européenne", 1), ("chinese", "chinois", "chinoise", 1),
    ("french", "français", "française", 1), ("african", "africain", "africaine", 1),
    ("economic", "économique", "économique", 2), ("national", "national", "nationale", 2),
    ("modern", "moderne", "moderne", 2), ("public", "public", "publique", 2), ("social", "social", "sociale", 2),
]
DETERMINERS = [("the", "le", "la"), ("a", "un", "une"), ("this", "ce", "cette"), ("my", "mon", "ma")]
VERBS = [("sees", "voit"), ("likes", "aime"), ("follows", "suit"), ("finds", "trouve"), ("watches", "regarde"),
         ("visits", "visite"), ("buys", "achète"), ("leaves", "quitte")]
PREPOSITIONS = [("in", "dans"), ("near", "près de"), ("with", "avec"), ("behind", "derrière"), ("for", "pour")]

# Sentences the lessons and tests point at; they are held out (first lines of the test files).
SHOWCASE = [
    "the teacher visits the european economic area",
    "the european economic area is modern",
    "a red chinese car follows the black dog",
    "my cat is near the green river",
]


class Draw:
    def __init__(self, seed):
        self.random = random.Random(seed)

    def index(self, n):
        return int(self.random.random() * n)

    def pick(self, items):
        return items[self.index(len(items))]

    def weighted(self, weights):
        x = self.random.random() * sum(weights)
        for i, w in enumerate(weights):
            if x < w:
                return i
            x -= w
        return len(weights) - 1


# ---------------------------------------------------------------- English, drawn at random

def noun_phrase(d):
    """A determiner, 0-2 adjectives of different classes in class order, a noun."""
    det = d.pick(DETERMINERS)[0]
    noun = d.pick(NOUNS)[0]
    count = d.weighted([35, 35, 30])
    if count == 2:
        classes = sorted({0, 1, 2} - {d.index(3)})
    elif count == 1:
        classes = [d.index(3)]
    else:
        classes = []
    adjs = [d.pick([a for a in ADJECTIVES if a[3] == c])[0] for c in classes]
    return [det] + adjs + [noun]


def sentence(d):
    subject = noun_phrase(d)
    form = d.weighted([45, 25, 15, 15])
    if form == 0:  # NP V NP
        return subject + [d.pick(VERBS)[0]] + noun_phrase(d)
    if form == 1:  # NP V NP PP
        return subject + [d.pick(VERBS)[0]] + noun_phrase(d) + [d.pick(PREPOSITIONS)[0]] + noun_phrase(d)
    if form == 2:  # NP is ADJ
        return subject + ["is", d.pick(ADJECTIVES)[0]]
    return subject + ["is", d.pick(PREPOSITIONS)[0]] + noun_phrase(d)  # NP is PP


# ---------------------------------------------------------------- French, by rule

DET = {e: (m, f) for e, m, f in DETERMINERS}
ADJ = {e: (m, f, c) for e, m, f, c in ADJECTIVES}
NOUN = {e: (fr, g) for e, fr, g in NOUNS}
VERB = dict(VERBS)
PREP = dict(PREPOSITIONS)


def french_noun_phrase(words, i):
    """Parses det adj* noun at words[i]; returns (French words, gender, next index)."""
    det = DET[words[i]]
    i += 1
    adjs = []
    while words[i] in ADJ:
        adjs.append(ADJ[words[i]])
        i += 1
    assert [a[2] for a in adjs] == sorted({a[2] for a in adjs}), "adjectives out of class order: " + " ".join(words)
    noun, g = NOUN[words[i]]
    k = 0 if g == "m" else 1
    # the noun first, then its adjectives in the mirror order of English, agreeing in gender
    return [det[k], noun] + [a[k] for a in reversed(adjs)], g, i + 1


def french_prepositional(words, i):
    prep = words[i]
    np, _, i = french_noun_phrase(words, i + 1)
    if prep != "near":
        return [PREP[prep]] + np, i
    contracted = {"le": ["du"], "un": ["d'un"], "une": ["d'une"]}.get(np[0], ["de", np[0]])
    return ["près"] + contracted + np[1:], i


def to_french(english):
    words = english.split()
    subject, g, i = french_noun_phrase(words, 0)
    if words[i] == "is":
        if words[i + 1] in ADJ:
            a = ADJ[words[i + 1]]
            out, i = subject + ["est", a[0] if g == "m" else a[1]], i + 2
        else:
            pp, i = french_prepositional(words, i + 1)
            out = subject + ["est"] + pp
    else:
        obj, _, j = french_noun_phrase(words, i + 1)
        out = subject + [VERB[words[i]]] + obj
        i = j
        if i < len(words):
            pp, i = french_prepositional(words, i)
            out += pp
    assert i == len(words), "not a sentence of the grammar: " + english
    return " ".join(out)


def main():
    d = Draw(SEED)
    for en in SHOWCASE:
        to_french(en)  # every showcase sentence must be in the grammar
    held_out = set(SHOWCASE)
    drawn = []
    seen = set(SHOWCASE)
    while len(drawn) < TRAIN_SIZE + TEST_SIZE - len(SHOWCASE):
        en = " ".join(sentence(d))
        if en not in seen:
            seen.add(en)
            drawn.append(en)
    test = SHOWCASE + drawn[:TEST_SIZE - len(SHOWCASE)]
    train = drawn[TEST_SIZE - len(SHOWCASE):]
    assert len(train) == TRAIN_SIZE and len(test) == TEST_SIZE
    assert not set(test) & set(train) and held_out <= set(test)
    os.makedirs(OUT, exist_ok=True)
    for name, data in (("train", train), ("test", test)):
        for side, render in (("en", lambda e: e), ("fr", to_french)):
            with open(os.path.join(OUT, name + "." + side), "w", encoding="utf-8", newline="\n") as f:
                f.write("".join(render(e) + "\n" for e in data))
    print("wrote", len(train), "training and", len(test), "test pairs to", os.path.relpath(OUT, ROOT))


if __name__ == "__main__":
    main()
