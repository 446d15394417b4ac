#!/bin/sh
# The CI gate's whole cycle on the Palmyra articles, as a desk runs it (docs/ci.md):
# the check fails on the 117/120 conflict; ack without a justification is refused;
# ack records it; the check passes and still reports it; an edit that moves lines,
# a renamed file and one more outlet saying 117 keep it acknowledged; a third
# figure or a changed figure fail again, the old entry now stale until pruned.
# Usage: ack_cycle.sh FACTDIFF SOURCE_DIR
set -u
FD="$1"
SRC="$2"
T=$(mktemp -d /tmp/fd_ack_XXXXXX)
trap 'rm -rf "$T"' EXIT
pass=0
fail=0

ok() { pass=$((pass + 1)); }
bad() { fail=$((fail + 1)); echo "FAIL: $1"; }
expect_status() { # expect_status WANT CMD...: stdout to $T/out, stderr to $T/err
    want=$1; shift
    "$@" >"$T/out" 2>"$T/err"
    got=$?
    if [ "$got" -eq "$want" ]; then ok; else bad "exit $got, want $want: $*"; cat "$T/out" "$T/err" | head -20; fi
}
expect_in() { # expect_in FILE TEXT
    if grep -qF -- "$2" "$1"; then ok; else bad "'$2' not in $(basename "$1")"; sed 's/^/    /' "$1" | head -20; fi
}
expect_not_in() {
    if grep -qF -- "$2" "$1"; then bad "'$2' unexpectedly in $(basename "$1")"; else ok; fi
}
entries() { python3 -c 'import json,sys; print(len(json.load(open(sys.argv[1]))["acknowledged"]))' "$1"; }

# The desk's copy of the stories; factdiff runs where the ack file lives, as a CI job does.
mkdir "$T/stories"
cp "$SRC"/fixtures/palmyra/*.txt "$SRC/fixtures/palmyra/meta.json" "$T/stories/"
cd "$T" || exit 1
A004=stories/004_885ee4dcb98e6b35.txt

# 1. The check fails on the conflict; nothing is acknowledged yet.
expect_status 1 "$FD" check stories
expect_in "$T/out" "$A004:19:143: conflict: targets struck within 24 hours: 117 here, 120 in 002_d509ffc7ec1dd256.txt:23:139 ["
FP=$(sed -n 's/.*conflict: targets struck.*\[\([0-9a-f]\{16\}\)\]$/\1/p' "$T/out")
[ -n "$FP" ] && ok || bad "no fingerprint on the conflict's line"

# 2. ack refuses without a justification, and with an empty one; nothing is written.
expect_status 2 "$FD" ack stories
expect_in "$T/err" "ack needs a justification"
expect_status 2 "$FD" ack --why "" stories
expect_status 2 "$FD" ack --why "   " stories
[ ! -e .factdiff-ack.json ] && ok || bad "a refused ack wrote the file"
expect_status 2 "$FD" ack --why "typo" --only 0123456789abcdef stories
expect_in "$T/err" "no finding has the fingerprint '0123456789abcdef'"

# 3. ack records the failing finding with its fingerprint, key, figures, files and why.
WHY="Ministry figures: 120 over the whole operation, 117 in its last 24 hours"
expect_status 0 "$FD" ack --why "$WHY" stories
expect_in "$T/err" ".factdiff-ack.json: 1 acknowledgement added"
expect_in "$T/err" "  $FP conflict: targets struck within 24 hours: 120 (002_d509ffc7ec1dd256.txt) vs 117 (004_885ee4dcb98e6b35.txt)"
expect_in .factdiff-ack.json "\"fingerprint\": \"$FP\""
expect_in .factdiff-ack.json "\"key\": \"targets/struck/count\""
expect_in .factdiff-ack.json "\"117\""
expect_in .factdiff-ack.json "\"stories/002_d509ffc7ec1dd256.txt\""
expect_in .factdiff-ack.json "\"justification\": \"$WHY\""
expect_in .factdiff-ack.json "\"added\": \"20"
[ "$(entries .factdiff-ack.json)" = 1 ] && ok || bad "not one entry"
# Acknowledging again adds nothing.
expect_status 0 "$FD" ack --why "again" stories
expect_in "$T/err" "0 acknowledgements added"

# 4. The check passes; the finding is still reported, marked, in every format.
expect_status 0 "$FD" check stories
expect_in "$T/out" "1 conflict, 0 disputed, 0 updates"
expect_in "$T/out" "; 1 acknowledged"
expect_not_in "$T/out" "conflict: targets struck"
expect_status 0 "$FD" check -v stories
expect_in "$T/out" "$A004:19:143: conflict (acknowledged): targets struck within 24 hours"
expect_in "$T/out" "    acknowledged: $WHY"
expect_status 0 "$FD" check --format json -o report.json stories
python3 - report.json "$FP" "$WHY" <<'EOF' && ok || bad "JSON: the finding is not marked acknowledged"
import json, sys
r = json.load(open(sys.argv[1]))
f = [f for f in r["findings"] if f["fingerprint"] == sys.argv[2]]
assert len(f) == 1 and f[0]["acknowledged"] is True and f[0]["justification"] == sys.argv[3], f
assert r["stale_acknowledgements"] == []
EOF
expect_status 0 "$FD" check --format sarif -o report.sarif stories
expect_status 0 python3 "$SRC/tests/tools/check_sarif.py" "$SRC/tests/sarif/sarif-schema-2.1.0.json" \
    report.sarif --result conflict:004_885ee4dcb98e6b35.txt:19 --suppressed conflict
expect_status 0 "$FD" check --format github stories
expect_in "$T/out" "::notice file=$A004,line=19,col=143,endColumn=146,title=factdiff conflict (acknowledged)::"
# An explicit --ack FILE is the same file.
expect_status 0 "$FD" check --ack .factdiff-ack.json stories

# 5. An edit elsewhere moves the lines: two paragraphs above the figure. Still acknowledged.
awk 'NR == 3 { print "Editor'\''s note: this story was updated with a correction.\n" } { print }' \
    "$A004" >"$T/edited" && mv "$T/edited" "$A004"
expect_status 0 "$FD" check -v stories
expect_in "$T/out" "$A004:21:143: conflict (acknowledged)"

# 6. A renamed file (its meta.json entry too, as a desk would): still acknowledged.
mv stories/002_d509ffc7ec1dd256.txt stories/002_renamed.txt
sed 's/002_d509ffc7ec1dd256.txt/002_renamed.txt/' stories/meta.json >"$T/meta" && mv "$T/meta" stories/meta.json
expect_status 0 "$FD" check -v stories
expect_in "$T/out" "conflict (acknowledged): targets struck within 24 hours: 117 here, 120 in 002_renamed.txt"

# 7. One more outlet saying 117 asserts no new figure: still acknowledged.
printf 'Russian air support for the Palmyra offensive\n\nIn the last 24 hours Russian warplanes struck 117 targets around the ancient city, in support of the Syrian army'\''s advance.\n' \
    >stories/005_extra.txt
expect_status 0 "$FD" check -v stories
expect_in "$T/out" "conflict (acknowledged): targets struck within 24 hours: 120 here, 117 in 004_885ee4dcb98e6b35.txt:21:143, 117 in 005_extra.txt:3:47 [$FP]"

# 8. A third outlet saying 130 is a new finding: the check fails, the entry is stale.
sed 's/struck 117 targets/struck 130 targets/' stories/005_extra.txt >"$T/x" && mv "$T/x" stories/005_extra.txt
expect_status 1 "$FD" check stories
expect_in "$T/out" "conflict: targets struck within 24 hours"
expect_in "$T/out" ".factdiff-ack.json:5: warning: stale acknowledgement $FP (targets/struck/count)"
rm stories/005_extra.txt

# 9. The changed figure: 004 now says 119. The check fails again; the old entry is
#    stale, reported at its line of the file and in every format, until pruned.
sed 's/striking 117 targets/striking 119 targets/' "$A004" >"$T/edited" && mv "$T/edited" "$A004"
expect_status 1 "$FD" check stories
expect_in "$T/out" "$A004:21:143: conflict: targets struck within 24 hours: 119 here, 120 in 002_renamed.txt:23:139"
expect_in "$T/out" ".factdiff-ack.json:5: warning: stale acknowledgement $FP (targets/struck/count): no finding has this fingerprint any more"
expect_in "$T/out" "; 1 stale acknowledgement"
expect_status 1 "$FD" check --format json -o report.json stories
expect_in "$T/err" ".factdiff-ack.json:5: warning: stale acknowledgement $FP"
expect_in report.json "\"stale_acknowledgements\": [
  {\"file\": \".factdiff-ack.json\", \"line\": 4, \"fingerprint\": \"$FP\""
expect_status 1 "$FD" check --format github stories
expect_in "$T/out" "::warning file=.factdiff-ack.json,line=5,title=factdiff stale acknowledgement::stale acknowledgement $FP"
expect_status 1 "$FD" check --format sarif -o report.sarif stories
expect_status 0 python3 "$SRC/tests/tools/check_sarif.py" "$SRC/tests/sarif/sarif-schema-2.1.0.json" \
    report.sarif --result conflict:004_885ee4dcb98e6b35.txt:21
expect_in report.sarif "stale acknowledgement $FP"

# 10. Pruning alone drops the stale entry; the new conflict still fails until it is
#     acknowledged too.
expect_status 0 "$FD" ack --prune stories
expect_in "$T/err" "0 acknowledgements added, 1 stale pruned"
[ "$(entries .factdiff-ack.json)" = 0 ] && ok || bad "the stale entry was not pruned"
expect_status 1 "$FD" check stories
expect_not_in "$T/out" "stale acknowledgement"
NEW=$(sed -n 's/.*conflict: targets struck.*\[\([0-9a-f]\{16\}\)\]$/\1/p' "$T/out")
[ -n "$NEW" ] && [ "$NEW" != "$FP" ] && ok || bad "the changed figure kept the fingerprint"
expect_status 0 "$FD" ack --why "119 is the ministry's corrected figure" --only "$NEW" stories
expect_status 0 "$FD" check stories

# 11. A malformed or missing acknowledgement file is an input error (exit 2), named
#     with its place.
printf '{"factdiff_ack": "1",\n "acknowledged": [\n  {"fingerprint": "%s"}\n ]}\n' "$NEW" >bad.json
expect_status 2 "$FD" check --ack bad.json stories
expect_in "$T/err" "bad.json:3: error: acknowledgement 1 has no justification"
printf '{"factdiff_ack": "1", "acknowledged": [}\n' >broken.json
expect_status 2 "$FD" check --ack broken.json stories
expect_in "$T/err" "broken.json:1:"
expect_in "$T/err" "malformed JSON"
expect_status 2 "$FD" check --ack missing.json stories
expect_in "$T/err" "missing.json: error: cannot open the acknowledgement file"

echo "ack cycle: $pass passed, $fail failed"
[ "$fail" -eq 0 ]
