#!/usr/bin/env python3
"""check_scaling.py - factdiff stays linear on hostile sizes, measured as ratios.

Usage: check_scaling.py FACTDIFF WORKDIR

Two inputs, each at a small and a large size from the same generator:
- one line of news-like words and figures with no full stop, 2 MB and 20 MB
  (sentences with no end are cut to a bounded length);
- JSON Lines of short ninjs articles, 10,000 and 100,000 of them;
- a folder of 800 and 8,000 short articles with a meta.json naming each (its
  index is built once: a scan per file made this quadratic).
For `extract` and `check --format json` on each, the CPU time and the peak memory
of the large run are compared with the small run's, never with absolute figures:
- time may grow at most 1.6 times as fast as the input (linear, with slack);
- `extract` on a feed keeps flat memory (one document at a time; a folder's
  listing and meta.json are held while it is read);
- `extract` on the one long line holds that document's text (twice while it is
  read), but its tokens and claims a window at a time, never the whole
  document's: its memory may grow at most 0.4 times as fast as the input (x4
  for x10). That is well under the growth of the claims' output (x10): memory
  grows as the text does, not as the claims do (the whole token array made it
  x8, 28 bytes per input byte);
- every other run's memory may grow at most 1.3 times as fast as the input
  (`check` keeps every claim, mention and token of a document for comparing).
Exits 1 with the figures when a bound is broken.
"""
import json
import os
import random
import subprocess
import sys

TIME_SLACK = 1.6
MEMORY_SLACK = 1.3
FLAT = 1.3  # extract on a feed: the large run's peak at most 1.3 times the small one's
TEXT_ONLY = 0.4  # extract on one long line: memory grows with its text, at this rate at most

WORDS = ("the army said that rebels killed people in the north while officials reported "
         "dozens of wounded and more than").split()


def long_line(path, nbytes, rnd):
    out, n = [], 0
    while n < nbytes:
        w = rnd.choice(WORDS) if rnd.random() > 0.1 else str(rnd.randint(2, 900))
        out.append(w)
        n += len(w) + 1
    with open(path, "w") as f:
        f.write(" ".join(out) + "\n")


def feed(path, ndocs, rnd):
    with open(path, "w") as f:
        for i in range(ndocs):
            body = (f"Officials said {rnd.randint(2, 900)} people were killed and "
                    f"{rnd.randint(2, 90)} injured in Town{i % 500} on Monday. Police said "
                    f"{rnd.randint(100, 5000)} protesters marched.")
            f.write(json.dumps({"uri": f"u{i}", "headline": f"Clashes in town {i % 500}",
                                "body_text": body,
                                "versioncreated": f"2024-0{1 + i % 9}-1{i % 9}T00:00:00Z"}) + "\n")


def folder(path, nfiles, rnd):
    os.makedirs(path, exist_ok=True)
    docs = []
    for i in range(nfiles):
        name = f"{i:05d}.txt"
        with open(os.path.join(path, name), "w") as f:
            f.write(f"Clashes in town {i % 300}\n\nOfficials said {rnd.randint(2, 900)} people "
                    f"were killed in Town{i % 300} on Monday.\n")
        docs.append({"file": name, "source": f"Outlet {i % 40}",
                     "date": f"2024-0{1 + i % 9}-1{i % 9}"})
    with open(os.path.join(path, "meta.json"), "w") as f:
        json.dump({"docs": docs}, f)


def measure(cmd):
    """CPU seconds and peak MiB of cmd, in a fresh interpreter (ru_maxrss of
    the children is the largest child so far)."""
    code = ("import resource,subprocess,sys;"
            "p=subprocess.run(sys.argv[1:],stdout=subprocess.DEVNULL,stderr=subprocess.DEVNULL);"
            "r=resource.getrusage(resource.RUSAGE_CHILDREN);"
            "print(r.ru_utime+r.ru_stime, r.ru_maxrss, p.returncode)")
    out = subprocess.run([sys.executable, "-c", code] + cmd, capture_output=True, text=True)
    t, kb, rc = out.stdout.split()
    if int(rc) not in (0, 1):
        sys.exit(f"check_scaling: {' '.join(cmd)} exited {rc}")
    return float(t), int(kb) / 1024


def size(path):
    if not os.path.isdir(path):
        return os.path.getsize(path)
    return sum(os.path.getsize(os.path.join(path, f)) for f in os.listdir(path))


def main(fd, work):
    os.makedirs(work, exist_ok=True)
    rnd = random.Random(7)
    cases = []  # (name, small path, large path, extract's memory: "flat", "text" or None)
    small, large = os.path.join(work, "line2.txt"), os.path.join(work, "line20.txt")
    long_line(small, 2_000_000, rnd)
    long_line(large, 20_000_000, rnd)
    cases.append(("one line without a full stop", small, large, "text"))
    small, large = os.path.join(work, "feed10k.jsonl"), os.path.join(work, "feed100k.jsonl")
    feed(small, 10_000, rnd)
    feed(large, 100_000, rnd)
    cases.append(("JSON Lines of short articles", small, large, "flat"))
    small, large = os.path.join(work, "folder800"), os.path.join(work, "folder8000")
    folder(small, 800, rnd)
    folder(large, 8000, rnd)
    cases.append(("a folder of articles with a meta.json", small, large, None))
    failed = False
    for name, small, large, extract_memory in cases:
        growth = size(large) / size(small)
        for command in (["extract"], ["check", "--format", "json"]):
            t0, m0 = measure([fd] + command + ["-o", os.devnull, small])
            t1, m1 = measure([fd] + command + ["-o", os.devnull, large])
            time_bound = growth * TIME_SLACK
            memory_bound = growth * MEMORY_SLACK
            if command == ["extract"] and extract_memory == "flat":
                memory_bound = FLAT
            elif command == ["extract"] and extract_memory == "text":
                memory_bound = growth * TEXT_ONLY
            ok = t1 / max(t0, 0.01) <= time_bound and m1 / m0 <= memory_bound
            failed |= not ok
            print(f"{'ok  ' if ok else 'FAIL'} {name}, {command[0]}: input x{growth:.1f}, "
                  f"time {t0:.2f} -> {t1:.2f} s (x{t1 / max(t0, 0.01):.1f}, at most "
                  f"x{time_bound:.1f}), peak {m0:.0f} -> {m1:.0f} MiB (x{m1 / m0:.1f}, at most "
                  f"x{memory_bound:.1f})")
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1], sys.argv[2]))
