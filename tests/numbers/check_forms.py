#!/usr/bin/env python3
"""The number-forms table: every row of forms.tsv is a short news sentence, a
number phrase in it, and what `factdiff extract` must read there.

Usage: check_forms.py FACTDIFF forms.tsv

Each row (tab-separated; '#' starts a comment line):

    sentence    phrase    interval    unit

- phrase: the span as written in the sentence (its first occurrence); a claim
  must cover exactly it, its qualifier and unit words included.
- interval: [low,high] with '(' or ')' for an open (excluded) bound and an
  empty side for no bound ("[400,)" is at least 400, "(80,)" more than 80,
  "(,300)" fewer than 300); a leading '~' says the figure is hedged (approx).
  Or the words "no claim": no claim may touch the phrase.
- unit: the claim's unit (count, percent, usd, celsius, ...); empty for "no claim".

All sentences are read in one run, one JSON Lines document each, so the table
costs one start of the command. Exit 0 when every row holds, 1 otherwise.
"""
import json
import math
import re
import subprocess
import sys

INTERVAL = re.compile(r"^(~?)([\[(])\s*([^,\s]*)\s*,\s*([^\])\s]*)\s*([\])])$")


def parse_interval(text):
    m = INTERVAL.match(text)
    if not m:
        raise ValueError(f"bad interval {text!r}")
    approx, lb, lo, hi, hb = m.groups()
    return {
        "approx": approx == "~",
        "low": float(lo) if lo else None,
        "high": float(hi) if hi else None,
        "low_open": lb == "(" and bool(lo),
        "high_open": hb == ")" and bool(hi),
    }


def read_table(path):
    rows = []
    with open(path, encoding="utf-8") as f:
        for n, line in enumerate(f, 1):
            line = line.rstrip("\n")
            if not line.strip() or line.startswith("#"):
                continue
            cols = line.split("\t")
            if len(cols) < 3:
                sys.exit(f"{path}:{n}: expected sentence, phrase, interval[, unit]")
            sentence, phrase, interval = cols[0], cols[1], cols[2].strip()
            unit = cols[3].strip() if len(cols) > 3 else ""
            if phrase not in sentence:
                sys.exit(f"{path}:{n}: phrase {phrase!r} is not in the sentence")
            start = len(sentence[: sentence.index(phrase)].encode("utf-8"))
            span = (start, start + len(phrase.encode("utf-8")))
            if interval == "no claim":
                want = None
            else:
                try:
                    want = parse_interval(interval)
                except ValueError as e:
                    sys.exit(f"{path}:{n}: {e}")
                if not unit:
                    sys.exit(f"{path}:{n}: a claim row needs a unit")
            rows.append((n, sentence, phrase, span, want, unit))
    return rows


def close(a, b):
    if a is None or b is None:
        return a is None and b is None
    return math.isclose(a, b, rel_tol=1e-9, abs_tol=1e-9)


def show(c):
    v = c["value"]
    lo = "" if v["low"] is None else f"{v['low']:g}"
    hi = "" if v["high"] is None else f"{v['high']:g}"
    lb = "(" if v["low_open"] else "["
    hb = ")" if v["high_open"] else "]"
    return f"{'~' if v['approx'] else ''}{lb}{lo},{hi}{hb} {c['unit']} {c['text']!r}"


def judge(row, claims):
    n, sentence, phrase, (a, b), want, unit = row
    touching = [c for c in claims if c["start"] < b and c["end"] > a]
    if want is None:
        return None if not touching else "claimed: " + "; ".join(map(show, touching))
    exact = [c for c in touching if c["start"] == a and c["end"] == b]
    if not exact:
        found = "; ".join(map(show, touching)) or "nothing"
        return f"no claim on exactly {phrase!r} (found: {found})"
    c = exact[0]
    v = c["value"]
    ok = (close(v["low"], want["low"]) and close(v["high"], want["high"]) and
          v["low_open"] == want["low_open"] and v["high_open"] == want["high_open"] and
          v["approx"] == want["approx"] and c["unit"] == unit)
    return None if ok else "read as " + show(c)


def main():
    if len(sys.argv) != 3:
        sys.exit(__doc__)
    fd, table = sys.argv[1], sys.argv[2]
    rows = read_table(table)
    # one document per distinct sentence; its claims are looked up by line
    docs, line_of = [], {}
    for row in rows:
        if row[1] not in line_of:
            docs.append(row[1])
            line_of[row[1]] = len(docs)
    feed = "".join(json.dumps({"headline": "Forms", "body_text": s}) + "\n" for s in docs)
    run = subprocess.run([fd, "extract", "-"], input=feed, capture_output=True, text=True)
    if run.returncode != 0:
        sys.exit(f"factdiff extract failed (exit {run.returncode}): {run.stderr}")
    claims = {}
    for line in run.stdout.splitlines():
        c = json.loads(line)
        claims.setdefault(c["path"], []).append(c)
    failed = 0
    for row in rows:
        why = judge(row, claims.get(f"<stdin>:{line_of[row[1]]}", []))
        if why:
            failed += 1
            print(f"{table}:{row[0]}: {row[1]}\n    {row[2]!r}: {why}")
    print(f"{len(rows)} rows, {len(rows) - failed} hold, {failed} fail")
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
