#!/usr/bin/env python3
"""watch_bench.py - 100,000 generated wire stories through `factdiff watch -`.

Stories come four to an event (four agencies on one storm in one of the places
of rules/world.json, three figures each), a hundred a day, so the window of ten
days holds about 1,100 documents while the store grows to 100,000; one story in
five gives one figure differently from the other agencies (a conflict to
announce). The stories are written to the
watch's stdin by this script; the pipe holds at most a few lines, so when the
10,000th line has been written, about 10,000 stories have been read: the watch's
peak memory (VmHWM) and the elapsed time are taken then, at 50,000 and at the end.

Usage: watch_bench.py FACTDIFF WORKDIR [COUNT]
       watch_bench.py --print COUNT   (the stories alone, on stdout: the crash test's feed)
"""
import json
import os
import random
import subprocess
import sys
import time

NOUNS = ("bridge boat house school well truck tent drone tank hospital road bus "
         "clinic mosque church farm barn shop market factory warehouse pipeline "
         "tower mast ferry jetty crane pump generator depot hangar bakery mill "
         "dam canal tunnel railway station kiosk stadium library museum theatre "
         "cinema hotel office court prison garage laboratory quarry mine harbour "
         "pier lighthouse greenhouse orchard vineyard stable kennel").split()
PLACES = [e["name"] for e in json.load(open(os.path.join(
    os.path.dirname(os.path.abspath(__file__)), "..", "rules", "world.json")))["entities"]
    if e["type"] == "place" and " " not in e["name"]]
AGENCIES = ("Agence Nord", "Westwire", "Eastern Press", "Coastal News")


def place(g):
    return PLACES[(g * 37) % len(PLACES)]


def story(i):
    g, agency = divmod(i, 4)
    rnd = random.Random(g * 7919)
    nouns = rnd.sample(NOUNS, 3)
    figures = [rnd.randint(12, 900) for _ in nouns]
    mine = random.Random(i)
    if mine.random() < 0.2:  # this agency reports one figure differently
        k = mine.randrange(3)
        figures[k] += mine.randint(1, 9)
    where = place(g)
    day = i // 100
    y, d = 2020 + day // 360, day % 360
    date = f"{y:04d}-{1 + d // 30:02d}-{1 + d % 30:02d}T{8 + agency:02d}:00:00Z"
    body = (f"Officials in {where} said {figures[0]} {nouns[0]}s were destroyed by the storm.\n"
            f"They said that {figures[1]} {nouns[1]}s were damaged and {figures[2]} "
            f"{nouns[2]}s were flooded in the district around {where}.\n"
            "Rescue teams were still working through the night, the officials said.")
    return json.dumps({"uri": f"urn:bench:{i}", "version": "1", "versioncreated": date,
                       "copyrightholder": AGENCIES[agency],
                       "headline": f"Storm damage in {where}", "body_text": body})


def vm(pid, field):
    with open(f"/proc/{pid}/status") as f:
        for line in f:
            if line.startswith(field + ":"):
                return int(line.split()[1]) / 1024
    return 0.0


def main(fd, work, count):
    db = os.path.join(work, "watch-bench.db")
    for ext in ("", "-wal", "-shm"):
        if os.path.exists(db + ext):
            os.remove(db + ext)
    out = open(os.path.join(work, "watch-bench.jsonl"), "w")
    p = subprocess.Popen([fd, "watch", "--store", db, "--format", "jsonl", "-"],
                         stdin=subprocess.PIPE, stdout=out, stderr=subprocess.DEVNULL,
                         text=True, bufsize=1 << 16)
    marks = {10_000, 50_000, count}
    rows, t0, last_t, last_n = [], time.perf_counter(), time.perf_counter(), 0
    for i in range(count):
        p.stdin.write(story(i) + "\n")
        n = i + 1
        if n in marks and n != count:
            p.stdin.flush()
            now = time.perf_counter()
            rows.append((n, now - t0, (n - last_n) / (now - last_t), vm(p.pid, "VmHWM"),
                         vm(p.pid, "VmRSS")))
            last_t, last_n = now, n
    p.stdin.close()
    _, status, usage = os.wait4(p.pid, 0)
    now = time.perf_counter()
    rows.append((count, now - t0, (count - last_n) / (now - last_t), usage.ru_maxrss / 1024, None))
    out.close()
    lines = sum(1 for _ in open(os.path.join(work, "watch-bench.jsonl")))
    print(f"{'articles':>9} {'seconds':>8} {'articles/s':>11} {'peak MiB':>9} {'RSS MiB':>8}")
    for n, t, rate, hwm, rss in rows:
        print(f"{n:9,} {t:8.1f} {rate:11.0f} {hwm:9.1f} {rss if rss is not None else hwm:8.1f}")
    print(f"{lines:,} announcements; store {os.path.getsize(db) / 1e6:.0f} MB; "
          f"exit {os.waitstatus_to_exitcode(status)}")
    return 0 if os.waitstatus_to_exitcode(status) == 0 else 1


if __name__ == "__main__":
    if sys.argv[1:2] == ["--print"]:
        for i in range(int(sys.argv[2])):
            print(story(i))
        sys.exit(0)
    sys.exit(main(sys.argv[1], sys.argv[2], int(sys.argv[3]) if len(sys.argv) > 3 else 100_000))
