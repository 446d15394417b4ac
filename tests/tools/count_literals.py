#!/usr/bin/env python3
"""count_literals.py - the language belongs in rules/, not in C.

Counts the quoted lowercase word literals ("said", "more than") in lib/**/*.c,
comments left out. What may remain are JSON member names (spelt once per file),
messages and a few format words; the words of the language are rule files.
The budget grew from 250 to 300 with the SARIF log and the acknowledgement file,
whose member names ("suppressions", "justification") are format, not language. JSON's
own words (true, false, null) are not counted.
Usage: count_literals.py SOURCE_DIR [LIMIT]; exits 1 above LIMIT (default 300).
"""
import glob
import os
import re
import sys

LITERAL = re.compile(r'"[a-z][a-z\' -]*"')
# JSON's own words are format, as member names are; they are not counted.
JSON_WORDS = {'"true"', '"false"', '"null"'}


def strip_comments(text):
    text = re.sub(r"/\*.*?\*/", "", text, flags=re.S)
    return re.sub(r"//[^\n]*", "", text)


def main(src, limit):
    per = {}
    for path in glob.glob(os.path.join(src, "lib", "**", "*.c"), recursive=True):
        found = LITERAL.findall(strip_comments(open(path).read()))
        per[os.path.relpath(path, src)] = len([w for w in found if w not in JSON_WORDS])
    total = sum(per.values())
    for path, n in sorted(per.items(), key=lambda x: -x[1])[:8]:
        print(f"{n:5} {path}")
    print(f"{total} quoted lowercase word literals in lib/ (at most {limit})")
    return 1 if total > limit else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1] if len(sys.argv) > 1 else ".",
                  int(sys.argv[2]) if len(sys.argv) > 2 else 300))
