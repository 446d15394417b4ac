#!/usr/bin/env python3
"""check_concurrent.py - the gold sets' stories on the same days are told apart.

Usage: check_concurrent.py FACTDIFF FIXTURES_DIR

A wire carries many stories at once. Every fixture set is moved into one week
(each keeps its own spacing of dates; undated documents stay undated) and all
are checked together. The events stage must keep the stories apart:
- no event holds the documents of two sets, except documents of a set whose
  articles name no known place twice (ireland-referendums-2024: its scene-less
  documents join the story of their week they have most in common with);
- findings that compare the claims of two sets stay at most MAX_MIXED (1 of 78
  when scenes came in; 12 of 81 before, when one week was one event).
"""
import datetime
import json
import os
import shutil
import subprocess
import sys
import tempfile

MAX_MIXED = 1
SCENELESS = {"ireland-referendums-2024"}
WEEK = datetime.date(2024, 3, 1)


def move_into_one_week(src, dst):
    meta = json.load(open(os.path.join(src, "meta.json"), encoding="utf-8"))
    dates = [datetime.date.fromisoformat(d["date"]) for d in meta["docs"] if d.get("date")]
    first = min(dates) if dates else WEEK
    os.makedirs(dst)
    for d in meta["docs"]:
        shutil.copy(os.path.join(src, d["file"]), dst)
        if d.get("date"):
            d["date"] = str(WEEK + (datetime.date.fromisoformat(d["date"]) - first))
    json.dump(meta, open(os.path.join(dst, "meta.json"), "w", encoding="utf-8"))


def main(factdiff, fixtures):
    tmp = tempfile.mkdtemp()
    try:
        sets = sorted(s for s in os.listdir(fixtures)
                      if os.path.exists(os.path.join(fixtures, s, "meta.json")))
        for s in sets:
            move_into_one_week(os.path.join(fixtures, s), os.path.join(tmp, s))
        out = subprocess.run([factdiff, "check", "--format", "json"] +
                             [os.path.join(tmp, s) for s in sets],
                             capture_output=True, text=True)
        if out.returncode > 1:
            sys.exit(f"factdiff check failed ({out.returncode}): {out.stderr}")
        report = json.loads(out.stdout)
    finally:
        shutil.rmtree(tmp)
    set_of = {d["id"]: os.path.basename(os.path.dirname(d["path"])) for d in report["documents"]}
    doc_of = {c["id"]: c["doc"] for c in report["claims"]}
    events = {}
    for d in report["documents"]:
        events.setdefault(d["event"], set()).add(set_of[d["id"]])
    failures = []
    for ev, members in sorted(events.items()):
        if len(members - SCENELESS) > 1:
            failures.append(f"event {ev} holds the stories of {sorted(members)}")
    mixed = [f for f in report["findings"]
             if len({set_of[doc_of[c]] for c in f.get("claims", [])}) > 1]
    for f in mixed:
        print(f"mixed: {f['kind']} {f['key']}: "
              f"{sorted({set_of[doc_of[c]] for c in f['claims']})}")
    if len(mixed) > MAX_MIXED:
        failures.append(f"{len(mixed)} findings compare two stories (at most {MAX_MIXED})")
    print(f"{len(sets)} sets in one week: {len(events)} events, {len(report['findings'])} "
          f"findings, {len(mixed)} comparing two stories")
    for f in failures:
        print("FAIL:", f)
    sys.exit(1 if failures else 0)


if __name__ == "__main__":
    main(sys.argv[1], sys.argv[2])
