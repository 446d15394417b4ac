#!/usr/bin/env python3
"""make_corpus.py - a varied feed for `make bench`, generated from the fixtures.

Usage: make_corpus.py FIXTURES_DIR OUT.jsonl MEGABYTES [SEED]

A feed of events, as a wire carries them: two new stories a day, each of about
40 documents over three days, so that some six stories run at once. Each event
is one fixture set retold somewhere else: the place of the rules its articles
name most becomes, for the whole event, another place of the rules (drawn in
turn from all of them, so that no place is a story's scene again within half a
year), and the other places they name become invented ones of the event's own,
as the places around a story are its own. Each generated article is one of the set's
articles with its figures changed (digits scaled by a random factor, spelled
numbers swapped for others), capitalised names swapped for names of the set's
other articles, paragraphs reordered and some dropped, and words away from the
numbers replaced; 15% of the articles are reprints of an earlier one of the
event with small edits. ninjs JSON Lines (headline, body_text, versioncreated,
uri). The same seed gives the same bytes, so runs on one machine compare.
"""
import datetime
import glob
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


def template_sets(root):
    """The articles of each fixture set, by set."""
    sets = []
    for d in sorted(os.listdir(root)):
        path = os.path.join(root, d)
        if not os.path.isdir(path):
            continue
        arts = []
        for f in sorted(os.listdir(path)):
            if f.endswith(".txt"):
                with open(os.path.join(path, f), encoding="utf-8") as fh:
                    arts.append(fh.read())
        if arts:
            sets.append(arts)
    return sets


def rule_places(rules_dir):
    """Every place of the rules: its name and its other names."""
    places = []
    for f in sorted(glob.glob(os.path.join(rules_dir, "*.json"))):
        with open(f, encoding="utf-8") as fh:
            for e in json.load(fh).get("entities", []):
                if e.get("type") in ("place", "country", "city"):
                    places.append([e["name"]] + e.get("aliases", []))
    return places


def named_places(arts, places):
    """The places of the rules the articles name, most named first, each as a regex."""
    named = []
    for names in places:
        alts = "|".join(re.escape(n) for n in sorted(names, key=len, reverse=True))
        pattern = re.compile(r"\b(?:" + alts + r")\b", re.IGNORECASE)
        times = sum(len(pattern.findall(a)) for a in arts)
        if times:
            named.append((times, names[0], pattern))
    named.sort(key=lambda t: (-t[0], t[1]))
    return [pattern for _, _, pattern in named]


def invented_place(rnd):
    """A place name of no rule ("Tavrena"): a story's other places are its own."""
    syllables = rnd.randint(2, 3)
    word = "".join(rnd.choice("bdfgklmnprstvz") + rnd.choice("aeiou") for _ in range(syllables))
    return word.capitalize() + rnd.choice(["", "a", "n", "r"])


def place_map(named, scene, rnd):
    """Each place a set names to its place in this event: the most named to
    scene, the others to invented places."""
    return [(pattern, scene if i == 0 else invented_place(rnd))
            for i, pattern in enumerate(named)]


def retell(paras, mapping):
    out = []
    for p in paras:
        for pattern, to in mapping:
            p = pattern.sub(to, p)
        out.append(p)
    return out


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
    sets = template_sets(root)
    places = rule_places(os.path.join(root, "..", "rules"))
    named = [named_places(arts, places) for arts in sets]
    scenes = [p[0] for p in places]
    rnd.shuffle(scenes)
    start = datetime.date(2024, 1, 1)
    size, n = 0, 0
    with open(dst, "w", encoding="utf-8") as out:
        event = 0
        while size < megabytes * 1_000_000:
            which = rnd.randrange(len(sets))
            arts = sets[which]
            names = sorted({m.group(0) for a in arts for m in NAME.finditer(a)})
            mapping = place_map(named[which], scenes[event % len(scenes)], rnd)
            first_day = start + datetime.timedelta(days=event // 2)
            recent = []
            for k in range(rnd.randint(30, 50)):
                if recent and rnd.random() < 0.15:
                    paras = reprint(rnd.choice(recent), rnd)
                else:
                    paras = retell(mutate(rnd.choice(arts), names, rnd), mapping)
                    recent.append(paras)
                body = "\n\n".join(paras[1:])
                day = first_day + datetime.timedelta(days=k * 3 // 40)
                item = {"uri": f"urn:bench:{event}:{n}", "headline": paras[0], "body_text": body,
                        "versioncreated": f"{day.isoformat()}T12:00:00Z"}
                out.write(json.dumps(item, ensure_ascii=False) + "\n")
                size += len(body.encode("utf-8")) + len(paras[0].encode("utf-8"))
                n += 1
            event += 1
    print(f"corpus: {n} articles in {event} events, {size / 1e6:.1f} MB of article text in {dst}")


if __name__ == "__main__":
    main(sys.argv[1], sys.argv[2], float(sys.argv[3]), int(sys.argv[4]) if len(sys.argv) > 4 else 1)
