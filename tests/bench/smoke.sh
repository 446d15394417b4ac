#!/bin/sh
# smoke.sh STAGE_BENCH COMPARE_BENCH SOURCE_DIR: the benchmarks of `make bench` still
# measure what they say. The stages alone, on the Palmyra articles as JSON Lines, must
# find claims and mentions (a run that ran its stages as it read, or let its claims go to
# the temporary file, left them nothing to time: 9,862 MB/s and 0 mentions); the
# comparator, on synthetic claims, must judge them and make findings.
set -eu
STAGES=$1 COMPARE=$2 SRC=$3
T=$(mktemp -d)
trap 'rm -rf "$T"' EXIT
python3 - "$SRC/fixtures/palmyra" "$T/feed.jsonl" <<'PY'
import json, os, sys
src, out = sys.argv[1], sys.argv[2]
with open(out, "w") as f:
    for name in sorted(os.listdir(src)):
        if name.endswith(".txt"):
            text = open(os.path.join(src, name), encoding="utf-8").read()
            f.write(json.dumps({"headline": name, "body_text": text}) + "\n")
PY
"$STAGES" "$T/feed.jsonl" >"$T/stages.txt"
cat "$T/stages.txt"
grep -Eq '\(([1-9][0-9]*) claims\)' "$T/stages.txt" || { echo "FAIL: the extractor timed no claim"; exit 1; }
grep -Eq '\(([1-9][0-9]*) mentions\)' "$T/stages.txt" || { echo "FAIL: the names pass timed no mention"; exit 1; }
"$COMPARE" 2000 >"$T/compare.txt"
cat "$T/compare.txt"
if grep -q failed "$T/compare.txt" || ! awk 'NR == 2 && $3 > 0 { ok = 1 } END { exit !ok }' "$T/compare.txt"; then
    echo "FAIL: the comparator made no finding"
    exit 1
fi
echo "bench smoke: ok"
