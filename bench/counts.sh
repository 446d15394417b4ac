#!/bin/sh
# make bench-counts: what `make bench` times, counted instead: instructions and
# mispredicted branches of `wc -w`, `factdiff extract` and `factdiff check --format
# json` on the 21 MB bench feed, each as a ratio to `wc -w`'s, under cachegrind
# (valgrind) with its branch simulator. A count does not move from run to run or
# with the load of a shared machine, where a time moves by a quarter; it is no time
# either (a cache miss costs nothing in it, and cachegrind's branch predictor is a
# simple table of counters, which mispredicts branches a CPU's, reading the history
# of branches, would learn), so the targets stay the times of `make bench`. A
# mispredicted branch costs some 15-20 cycles, as much as thirty-odd instructions:
# both columns rank changes.
# Usage: bench/counts.sh BUILD_DIR (after bench/run.sh has made the feed)
set -eu
BUILD="${1:-build}"
FEED="$BUILD/bench/feed21.jsonl"
if ! command -v valgrind >/dev/null 2>&1; then
    echo "bench/counts.sh: valgrind is not installed (Debian: apt-get install valgrind)" >&2
    exit 2
fi
if [ ! -s "$FEED" ]; then
    echo "bench/counts.sh: $FEED: no feed; make bench makes it" >&2
    exit 2
fi
T=$(mktemp -d)
trap 'rm -rf "$T"' EXIT

# count NAME CMD...: instructions and mispredicts of CMD, as "NAME IR MISPREDICTS"
count() {
    name=$1
    shift
    valgrind --tool=cachegrind --cache-sim=no --branch-sim=yes \
        --cachegrind-out-file="$T/out" "$@" >/dev/null 2>"$T/err" || true
    ir=$(sed -n 's/^==[0-9]*== I *refs: *\([0-9,]*\).*/\1/p' "$T/err" | tr -d ,)
    mp=$(sed -n 's/^==[0-9]*== Mispredicts: *\([0-9,]*\).*/\1/p' "$T/err" | tr -d ,)
    if [ -z "$ir" ] || [ -z "$mp" ]; then
        echo "bench/counts.sh: $name: cachegrind gave no counts:" >&2
        tail -5 "$T/err" >&2
        exit 1
    fi
    echo "$name $ir $mp" >>"$T/rows"
}

count wc wc -w "$FEED"
count extract "$BUILD/factdiff" extract -o /dev/null "$FEED"
count check "$BUILD/factdiff" check --format json -o /dev/null "$FEED"
awk -v mb="$(wc -c <"$FEED")" '
    BEGIN { printf "%-34s %15s %8s %13s %8s\n", "on " sprintf("%.1f", mb / 1e6) " MB (cachegrind)", "instructions", "x wc -w", "mispredicts", "x wc -w" }
    NR == 1 { ir0 = $2; mp0 = $3 }
    { printf "%-34s %15s %8.2f %13s %8.2f\n", $1, $2, $2 / ir0, $3, $3 / mp0 }
' "$T/rows"
