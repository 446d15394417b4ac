#!/bin/sh
# make bench: builds varied feeds of 21 and 80 MB from the fixtures (bench/make_corpus.py;
# ninjs JSON Lines, one article a line) and times the full pipeline on each, as a ratio to
# `wc -w` on the same file in the same run. Peak memory comes from the kernel's accounting
# of the child (ru_maxrss).
# Usage: bench/run.sh BUILD_DIR
set -eu
BUILD="${1:-build}"
SRC=$(cd "$(dirname "$0")/.." && pwd)
OUT="$BUILD/bench"
mkdir -p "$OUT"
CORPUS="$OUT/feed21.jsonl"   # 21 MB of article text: the speed targets
CORPUS80="$OUT/feed80.jsonl" # 80 MB: does memory follow the feed?
# Varied copy from every fixture set (bench/make_corpus.py): figures, names,
# paragraph order and wording changed, 15% reprints, events of ~40 documents,
# two new a day, each retold in a place of its own.
# (made again when the generator or the rules it reads places from are newer)
fresh() { [ -s "$1" ] && [ "$1" -nt "$SRC/bench/make_corpus.py" ] && [ -z "$(find "$SRC/rules" -newer "$1" -name '*.json')" ]; }
fresh "$CORPUS" || python3 "$SRC/bench/make_corpus.py" "$SRC/fixtures" "$CORPUS" 21 1
fresh "$CORPUS80" || python3 "$SRC/bench/make_corpus.py" "$SRC/fixtures" "$CORPUS80" 80 2
for C in "$CORPUS" "$CORPUS80"; do
BYTES=$(wc -c <"$C")
python3 - "$BUILD/factdiff" "$C" "$BYTES" <<'PY'
import resource, subprocess, sys, time
fd, corpus, size = sys.argv[1], sys.argv[2], int(sys.argv[3])

def run(cmd):
    best = None
    for _ in range(3):
        t = time.perf_counter()
        subprocess.run(cmd, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        dt = time.perf_counter() - t
        best = dt if best is None else min(best, dt)
    return best

def peak(cmd):
    # ru_maxrss of RUSAGE_CHILDREN is the largest child so far: measure each command
    # in a fresh interpreter so one command's peak does not hide another's.
    code = ("import resource,subprocess,sys;"
            "subprocess.run(sys.argv[1:],stdout=subprocess.DEVNULL,stderr=subprocess.DEVNULL);"
            "print(resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss)")
    out = subprocess.run([sys.executable, "-c", code] + cmd, capture_output=True, text=True)
    return int(out.stdout.strip()) / 1024

mb = size / 1e6
rows = [("wc -w", ["wc", "-w", corpus]),
        ("factdiff extract (read+extract+JSON Lines)", [fd, "extract", "-o", "/dev/null", corpus]),
        ("factdiff check (+copies, compare, report)", [fd, "check", "--format", "json", "-o", "/dev/null", corpus])]
print(f"{'what, on ' + format(mb, '.1f') + ' MB (one core)':<46} {'seconds':>8} {'MB/s':>8} {'x wc -w':>8} {'peak MiB':>9}")
base = None
for name, cmd in rows:
    t = run(cmd)
    base = base or t
    print(f"{name:<46} {t:8.3f} {mb / t:8.1f} {t / base:8.1f} {peak(cmd):9.1f}")
PY
done

echo
echo "comparator on synthetic articles' claims (grouped by key, not all pairs):"
"$BUILD/compare_bench"

echo
echo "the stages alone on the same corpus, no JSON reading or writing (one core):"
"$BUILD/stage_bench" "$CORPUS"

echo
echo "factdiff watch: 100,000 generated stories through watch - (bench/watch_bench.py):"
python3 "$SRC/bench/watch_bench.py" "$BUILD/factdiff" "$OUT"
