#!/usr/bin/env python3
"""Writes the bundled training corpus: short stories generated from templates, written for this project.

The text is built so that attention has something to find in a few minutes of training:
  - agreement: a singular subject takes "walks", a plural one "walk", whatever comes between;
  - repetition: names and roles introduced early come back later in the same story;
  - brackets and quotes: every "(" and opening quotation mark is closed, sometimes after a clause;
  - copying: a short code is stated and then repeated ("the code was 4821 ... 4821").
It is deterministic (fixed seed) and its only licence is the project's own.

    python3 tools/make_corpus.py src/main/resources/dev/attentionlab/corpus/stories.txt
"""
import random
import sys

NAMES = ["Anna", "Ben", "Clara", "David", "Emma", "Felix", "Grace", "Hugo", "Ida", "Jonas",
         "Karim", "Lena", "Max", "Nora", "Omar", "Paula", "Quentin", "Rosa", "Sam", "Tara", "Uma",
         "Victor", "Wendy", "Xavier", "Yusuf", "Zoe"]
ROLES = ["nurse", "teacher", "baker", "pilot", "doctor", "farmer", "singer", "painter",
         "driver", "cook", "sailor", "guard", "tailor", "gardener", "writer", "judge"]
PLACES = ["the station", "the market", "the garden", "the harbour", "the library", "the school",
          "the bridge", "the bakery", "the hospital", "the river", "the hill", "the museum"]
THINGS = ["book", "letter", "lamp", "basket", "map", "key", "coat", "cup", "bell", "ticket", "box", "kite"]
ADJS = ["small", "old", "red", "heavy", "new", "blue", "bright", "green", "long", "round"]
MOODS = ["tired", "happy", "ready", "late", "early", "quiet", "busy", "kind", "calm", "glad"]
TIMES = ["In the morning", "After lunch", "That evening", "On Monday", "Before dawn", "At noon", "Later"]
# (singular, plural) verb forms after a subject
VERBS = [("walks", "walk", "to"), ("waits", "wait", "at"), ("sings", "sing", "at"), ("runs", "run", "to"),
         ("reads", "read", "at"), ("works", "work", "at"), ("sits", "sit", "by"), ("drives", "drive", "to"),
         ("stays", "stay", "at"), ("rests", "rest", "by")]
BE = ("is", "are")
HAVE = ("has", "have")


def subject(rng):
    """A subject phrase and whether it is plural."""
    kind = rng.random()
    if kind < 0.35:
        return rng.choice(NAMES), False
    if kind < 0.6:
        return "the " + rng.choice(ROLES), False
    if kind < 0.85:
        return "the " + rng.choice(ROLES) + "s", True
    a, b = rng.sample(NAMES, 2)
    return a + " and " + b, True


def plural(noun):
    return noun + ("es" if noun.endswith("x") else "s")


def cap(s):
    return s[0].upper() + s[1:]


def agreement(rng):
    subj, plural = subject(rng)
    forms = rng.choice(VERBS)
    verb = forms[1 if plural else 0]
    middle = ""
    if rng.random() < 0.4:
        other, _ = subject(rng)
        middle = " who " + ("know " if plural else "knows ") + other
    if rng.random() < 0.5:
        return f"{cap(subj)}{middle} {verb} {forms[2]} {rng.choice(PLACES)}."
    be = BE[1 if plural else 0]
    return f"{cap(subj)}{middle} {be} {rng.choice(MOODS)}."


def story(rng):
    a, b = rng.sample(NAMES, 2)
    role = rng.choice(ROLES)
    thing = rng.choice(THINGS)
    adj = rng.choice(ADJS)
    place = rng.choice(PLACES)
    code = "".join(rng.choice("0123456789") for _ in range(4))
    lines = [f"{rng.choice(TIMES)}, {a} and the {role} went to {place}."]
    choices = [
        lambda: f"{a} gave the {adj} {thing} to the {role}, and the {role} gave the {thing} back to {a}.",
        lambda: f"The {role} said, \"{b} {rng.choice(('has', 'had'))} the {thing}.\"",
        lambda: f"{a} asked {b} (the {rng.choice(ROLES)} from {rng.choice(PLACES)}) about the {thing}.",
        lambda: f"The code on the {thing} was {code}, so {a} wrote {code} on the {role}'s map.",
        lambda: f"{b} {HAVE[0]} a {adj} {thing}; the {role}s {HAVE[1]} {rng.choice(ADJS)} {plural(thing)}.",
        lambda: f"\"Where is the {thing}?\" asked {a}. \"At {place},\" said the {role}.",
        lambda: f"{a} counted ({rng.choice(('one, two, three', 'two, four, six', 'three, two, one'))}) and smiled.",
        lambda: f"The {role} wrote on the board: the quick brown fox jumps over the lazy dog.",
        lambda: agreement(rng),
        lambda: agreement(rng),
    ]
    for make in rng.sample(choices, rng.randint(2, 4)):
        lines.append(make())
    lines.append(f"Then {a} and the {role} went home.")
    return " ".join(lines)


def main():
    rng = random.Random(2026)
    out = []
    size = 0
    while size < 300_000:
        s = story(rng)
        out.append(s)
        size += len(s) + 1
    with open(sys.argv[1], "w", encoding="utf-8") as f:
        f.write("\n".join(out) + "\n")


if __name__ == "__main__":
    main()
