#!/bin/sh
# make bench: builds a corpus of >= 20 MB from the Palmyra fixtures (as JSON Lines,
# one ninjs article a line) and times the full pipeline on it, next to `wc -w` on
# the same file. Peak memory comes from the kernel's accounting of the child (ru_maxrss).
# Usage: bench/run.sh BUILD_DIR
set -eu
BUILD="${1:-build}"
SRC=$(cd "$(dirname "$0")/.." && pwd)
OUT="$BUILD/bench"
mkdir -p "$OUT"
CORPUS="$OUT/corpus.jsonl"
if [ ! -s "$CORPUS" ]; then
    python3 - "$SRC/fixtures/palmyra" "$CORPUS" <<'PY'
import json, os, sys
src, dst = sys.argv[1], sys.argv[2]
arts = [open(os.path.join(src, f), encoding="utf-8").read()
        for f in sorted(os.listdir(src)) if f.endswith(".txt")]
size, n = 0, 0
with open(dst, "w", encoding="utf-8") as out:
    while size < 21_000_000:
        body = arts[n % len(arts)]
        day = 1 + (n // len(arts)) % 28
        line = json.dumps({"headline": body.split("\n", 1)[0], "body_text": body,
                           "versioncreated": f"2016-03-{day:02d}T12:00:00Z"}, ensure_ascii=False)
        out.write(line + "\n")
        size += len(body.encode("utf-8"))
        n += 1
print(f"corpus: {n} articles, {size / 1e6:.1f} MB of article text in {dst}")
PY
fi
BYTES=$(wc -c <"$CORPUS")
python3 - "$BUILD/factdiff" "$CORPUS" "$BYTES" <<'PY'
import resource, subprocess, sys, time
fd, corpus, size = sys.argv[1], sys.argv[2], int(sys.argv[3])

def run(cmd):
    best = None
    for _ in range(3):
        t = time.perf_counter()
        subprocess.run(cmd, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        dt = time.perf_counter() - t
        best = dt if best is None else min(best, dt)
    return best, resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024

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
print(f"{'what, on ' + format(mb, '.1f') + ' MB':<46} {'seconds':>8} {'MB/s':>8} {'peak MiB':>9}")
for name, cmd in rows:
    t, _ = run(cmd)
    print(f"{name:<46} {t:8.3f} {mb / t:8.1f} {peak(cmd):9.1f}")
PY

echo
echo "comparator on synthetic articles' claims (grouped by key, not all pairs):"
"$BUILD/compare_bench"

echo
echo "the stages alone on the same corpus, no JSON reading or writing (one core):"
"$BUILD/stage_bench" "$CORPUS"

echo
echo "factdiff watch: 100,000 generated stories through watch - (bench/watch_bench.py):"
python3 "$SRC/bench/watch_bench.py" "$BUILD/factdiff" "$OUT"
