#!/usr/bin/env python3
"""make_corpus.py - a varied feed for `make bench`, generated from the fixtures.

Usage: make_corpus.py FIXTURES_DIR OUT.jsonl MEGABYTES [SEED]

Every article of every fixture set is a template. Each generated article is one
of them with its figures changed (digits scaled by a random factor, spelled
numbers swapped for others), capitalised names swapped for names of other
articles, paragraphs reordered and some dropped, and words away from the numbers
replaced; 15% of the articles are reprints of an earlier one with small edits.
Articles come in events of about 40 documents, a day or two apart, as ninjs JSON
Lines (headline, body_text, versioncreated, uri). The same seed gives the same
bytes, so runs on one machine compare.
"""
import json
import os
import random
import re
import sys

SPELLED = ["two", "three", "four", "five", "six", "seven", "eight", "nine", "ten", "eleven",
           "twelve", "fifteen", "twenty", "thirty", "forty", "fifty", "hundreds", "dozens",
           "thousands", "several"]
FILLER = ["reportedly", "officially", "again", "also", "later", "separately", "meanwhile",
          "still", "already", "now"]
NUMBER = re.compile(r"\d[\d,.]*\d|\d")
NAME = re.compile(r"\b[A-Z][a-z]{3,}(?: [A-Z][a-z]{3,})?\b")
SPELLED_RE = re.compile(r"\b(" + "|".join(SPELLED) + r")\b")


def templates(root):
    arts = []
    for d in sorted(os.listdir(root)):
        path = os.path.join(root, d)
        if not os.path.isdir(path):
            continue
        for f in sorted(os.listdir(path)):
            if f.endswith(".txt"):
                with open(os.path.join(path, f), encoding="utf-8") as fh:
                    arts.append(fh.read())
    return arts


def new_number(m, rnd):
    s = m.group(0)
    digits = s.replace(",", "")
    try:
        v = float(digits)
    except ValueError:
        return s
    if 1900 <= v <= 2100 and "." not in s and "," not in s:
        return s  # a year stays a year
    v = v * rnd.uniform(0.6, 1.6)
    if "." in digits:
        return f"{v:.{len(digits.split('.')[1])}f}"
    n = max(1, int(round(v)))
    return f"{n:,}" if "," in s else str(n)


def mutate(text, names, rnd):
    paras = [p for p in text.split("\n") if p.strip()]
    head, body = paras[0], paras[1:]
    rnd.shuffle(body)
    body = [p for p in body if rnd.random() > 0.15] or body[:1]
    out = []
    for p in [head] + body:
        p = NUMBER.sub(lambda m: new_number(m, rnd), p)
        p = SPELLED_RE.sub(lambda m: rnd.choice(SPELLED), p)
        if names and rnd.random() < 0.5:
            p = NAME.sub(lambda m: rnd.choice(names) if rnd.random() < 0.3 else m.group(0), p)
        words = p.split(" ")
        for _ in range(len(words) // 25):
            k = rnd.randrange(len(words))
            if not any(c.isdigit() for c in words[k]):
                words[k] = rnd.choice(FILLER)
        out.append(" ".join(words))
    return out


def reprint(paras, rnd):
    paras = list(paras)
    k = rnd.randrange(len(paras))
    paras[k] = paras[k].replace(" said", " told reporters", 1)
    if len(paras) > 3 and rnd.random() < 0.5:
        del paras[rnd.randrange(1, len(paras))]
    return paras


def main(root, dst, megabytes, seed):
    rnd = random.Random(seed)
    arts = templates(root)
    names = sorted({m.group(0) for a in arts for m in NAME.finditer(a)})
    size, n, recent = 0, 0, []
    with open(dst, "w", encoding="utf-8") as out:
        while size < megabytes * 1_000_000:
            event, day_in_event = n // 40, (n % 40) // 20
            day = 1 + (event * 3 + day_in_event) % 365
            if recent and rnd.random() < 0.15:
                paras = reprint(rnd.choice(recent), rnd)
            else:
                paras = mutate(rnd.choice(arts), names, rnd)
                recent = (recent + [paras])[-20:]
            body = "\n\n".join(paras[1:])
            month, mday = 1 + (day - 1) // 31 % 12, 1 + (day - 1) % 28
            item = {"uri": f"urn:bench:{n}", "headline": paras[0], "body_text": body,
                    "versioncreated": f"2024-{month:02d}-{mday:02d}T12:00:00Z"}
            out.write(json.dumps(item, ensure_ascii=False) + "\n")
            size += len(body.encode("utf-8")) + len(paras[0].encode("utf-8"))
            n += 1
    print(f"corpus: {n} articles, {size / 1e6:.1f} MB of article text in {dst}")


if __name__ == "__main__":
    main(sys.argv[1], sys.argv[2], float(sys.argv[3]), int(sys.argv[4]) if len(sys.argv) > 4 else 1)
