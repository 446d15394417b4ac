#!/bin/sh
# factdiff watch as a desk runs it (README "Watch"):
#   1. watch a directory (inotify): drop Palmyra 002, then 004 (moved in): the
#      117/120 conflict arrives as one JSON line; kill -9 the watch;
#   2. drop 000 and 001 while it is down; restart: the 10-25% agreement between
#      them is announced and the conflict is not announced again;
#   3. check --store lists the four documents and the conflict;
#   4. the polling fallback (FACTDIFF_WATCH_POLL=1): files are found by scanning;
#      one rewritten after it was read (half of 004, then all of it) is read
#      again and replaces its first version; an empty file is an error that
#      does not stop the watch;
#   5. ninjs JSON Lines on stdin: version 2 of an item replaces version 1 (one
#      document, version 2's claims), the correction resolves the conflict, the
#      same bytes twice are stored once, a canceled item leaves the store, a
#      malformed line is reported with its place and the exit is 2; a kill
#      notice without a body still cancels;
#   6. a store of another schema version is refused;
#   7. kill -9 in the middle of a feed of 400 stories, then the same feed again:
#      every story is stored once and the announcements are those of a run that
#      never crashed, the lines of the story in flight at most written twice;
#   8. --format text: the lines, a file name with an escape in it made inert.
# Waits poll the output with a timeout: no fixed long sleeps.
# Usage: watch_test.sh FACTDIFF SOURCE_DIR
set -u
FD="$1"
SRC="$2"
P="$SRC/fixtures/palmyra"
T=$(mktemp -d /tmp/fd_watch_XXXXXX)
WPID=
trap '[ -n "$WPID" ] && kill -9 "$WPID" 2>/dev/null; rm -rf "$T"' EXIT
pass=0
fail=0
ok() { pass=$((pass + 1)); }
bad() { fail=$((fail + 1)); echo "FAIL: $1"; }

# wait_for FILE PYTHON-EXPR: until the expression holds over the JSON lines of
# FILE (as `lines`), up to 30 s (sanitizer builds are slow).
wait_for() {
    i=0
    while [ $i -lt 300 ]; do
        if python3 - "$1" "$2" <<'EOF' 2>/dev/null; then return 0; fi
import json, sys
lines = [json.loads(l) for l in open(sys.argv[1]) if l.strip()]
sys.exit(0 if eval(sys.argv[2]) else 1)
EOF
        sleep 0.1
        i=$((i + 1))
    done
    return 1
}
# holds FILE PYTHON-EXPR MESSAGE: the expression holds now.
holds() {
    if python3 - "$1" "$2" <<'EOF'; then ok; else bad "$3"; sed 's/^/    /' "$1" | cut -c1-200 | head -20; fi
import json, sys
lines = [json.loads(l) for l in open(sys.argv[1]) if l.strip()]
sys.exit(0 if eval(sys.argv[2]) else 1)
EOF
}
start_watch() { # start_watch OUT ERR ARGS...
    out=$1; err=$2; shift 2
    "$FD" watch "$@" >"$out" 2>"$err" &
    WPID=$!
}

CONFLICT='[l for l in lines if l["kind"] == "conflict" and l["key"] == "targets/struck/count"]'
FIGURES='sorted(c["text"] for c in '"$CONFLICT"'[0]["claims"]) == ["117", "120"]'
AGREEMENT='[l for l in lines if l["kind"] == "agreement" and l["key"] == "troops/withdrawn/percent"]'

# 1. Watch, drop 002 then 004: the conflict, as one line, within seconds.
mkdir "$T/in" "$T/staging"
cd "$T" || exit 1
start_watch out1 err1 --store db --format jsonl in
cp "$P"/002_*.txt in/
cp "$P"/004_*.txt staging/ && mv staging/004_*.txt in/   # moved in, as agencies do
if wait_for out1 "len($CONFLICT) >= 1"; then ok; else bad "no conflict line after 002 and 004"; fi
holds out1 "len($CONFLICT) == 1 and $FIGURES and $CONFLICT[0]['change'] == 'new'" \
    "the 117/120 conflict is not one new line with both figures"
holds out1 "all(set(l) >= {'change', 'kind', 'key', 'fingerprint', 'summary', 'claims'} for l in lines) and all(set(c) >= {'text', 'source', 'file', 'line', 'column'} for l in lines for c in l['claims'])" \
    "a line lacks a member the issue names"
holds out1 "$CONFLICT[0]['document'].endswith('004_885ee4dcb98e6b35.txt') and {c['file'] for c in $CONFLICT[0]['claims']} == {'in/002_d509ffc7ec1dd256.txt', 'in/004_885ee4dcb98e6b35.txt'}" \
    "the conflict does not name 004 as its cause and both files"
FP=$(python3 -c 'import json,sys; print([json.loads(l)["fingerprint"] for l in open(sys.argv[1]) if "\"conflict\"" in l][0])' out1)
kill -9 "$WPID"; wait "$WPID" 2>/dev/null; WPID=

# 2. Two stories arrive while it is down; the restart reads them.
cp "$P"/000_*.txt "$P"/001_*.txt in/
start_watch out2 err2 --store db --format jsonl in
if wait_for out2 "len($AGREEMENT) >= 1"; then ok; else bad "no 10-25% agreement after the restart"; fi
holds out2 "sorted(c['text'] for c in $AGREEMENT[0]['claims']) == ['10-25 percent', '10-25%'] and {c['file'] for c in $AGREEMENT[0]['claims']} == {'in/000_a3d646b4d1605b1e.txt', 'in/001_4dea718a61eec924.txt'}" \
    "the agreement is not 10-25% between 000 and 001"
holds out2 "not $CONFLICT and not [l for l in lines if l['fingerprint'] == '$FP']" \
    "the conflict was announced again after the restart"
holds out2 "not [l for l in lines if l['fingerprint'] in {m['fingerprint'] for m in map(json.loads, open('out1'))} and l['change'] == 'new']" \
    "a finding announced before the restart was announced new again"
kill -TERM "$WPID"; wait "$WPID"; st=$?; WPID=
[ "$st" -eq 0 ] && ok || bad "watch stopped by SIGTERM exits $st"
[ ! -s err2 ] && ok || { bad "the restart wrote errors"; cat err2; }

# 3. The full report over the store.
"$FD" check --store db --format json >report.json 2>/dev/null
st=$?
[ "$st" -eq 1 ] && ok || bad "check --store exits $st, want 1 (a conflict)"
python3 - report.json "$FP" <<'EOF' && ok || bad "check --store: not the four documents and the conflict"
import json, sys
r = json.load(open(sys.argv[1]))
paths = sorted(d["path"] for d in r["documents"])
assert paths == ["in/000_a3d646b4d1605b1e.txt", "in/001_4dea718a61eec924.txt",
                 "in/002_d509ffc7ec1dd256.txt", "in/004_885ee4dcb98e6b35.txt"], paths
conflicts = [f for f in r["findings"] if f["kind"] == "conflict"]
assert [f["fingerprint"] for f in conflicts] == [sys.argv[2]], conflicts
EOF
"$FD" check --store db >report.txt 2>&1
grep -q "in/004_885ee4dcb98e6b35.txt:19:143: conflict: targets struck within 24 hours: 117 here" report.txt && ok \
    || { bad "check --store (text) lacks the conflict"; cat report.txt; }
"$FD" check --store nonexistent.db >/dev/null 2>err3; st=$?
[ "$st" -eq 2 ] && grep -q "nonexistent.db: error: cannot open the store" err3 && ok || { bad "a missing store: exit $st"; cat err3; }

# 4. Polling: found by scanning; a rewritten file replaces its first version; an
# empty file is an error and the watch goes on.
mkdir poll
FACTDIFF_WATCH_POLL=1 start_watch out4 err4 --store pdb --poll=50 --format jsonl poll
head -c 2000 "$P"/004_885ee4dcb98e6b35.txt >poll/004_885ee4dcb98e6b35.txt   # half written
: >poll/100_empty.txt
cp "$P"/002_*.txt poll/
if wait_for out4 "len(lines) >= 1"; then ok; else bad "polling: nothing announced"; fi
cat "$P"/004_885ee4dcb98e6b35.txt >poll/004_885ee4dcb98e6b35.txt               # now complete
if wait_for out4 "len($CONFLICT) == 1"; then ok; else bad "polling: no conflict once 004 is complete"; fi
holds out4 "$FIGURES" "polling: the conflict's figures"
grep -q "poll/100_empty.txt: error: empty document" err4 && ok || { bad "polling: no error for the empty file"; cat err4; }
kill -TERM "$WPID"; wait "$WPID"; st=$?; WPID=
[ "$st" -eq 2 ] && ok || bad "polling: exit $st after a document with errors, want 2"

# 5. ninjs JSON Lines on stdin: versions, corrections, duplicates, cancellation.
A1='{"uri":"urn:test:a","version":"1","versioncreated":"2016-03-27T10:00:00Z","copyrightholder":"Agency A","headline":"Jets strike Palmyra","body_text":"Russian jets struck 120 targets in Palmyra within 24 hours, the defence ministry said on Sunday."}'
B1='{"uri":"urn:test:b","version":"1","versioncreated":"2016-03-27T11:00:00Z","copyrightholder":"Agency B","headline":"Palmyra strikes","body_text":"Russian jets struck 117 targets in Palmyra within 24 hours, the defence ministry said on Sunday."}'
A2='{"uri":"urn:test:a","version":"2","versioncreated":"2016-03-27T12:00:00Z","copyrightholder":"Agency A","headline":"Jets strike Palmyra (corrected)","body_text":"Russian jets struck 117 targets in Palmyra within 24 hours, the defence ministry said on Sunday."}'
printf '%s\n%s\n%s\n' "$A1" "$B1" "$A1" >feed1.jsonl
"$FD" watch --store sdb - <feed1.jsonl >out5 2>err5; st=$?
[ "$st" -eq 0 ] && ok || { bad "stdin: exit $st"; cat err5; }
holds out5 "len($CONFLICT) == 1 and $FIGURES" "stdin: no 117/120 conflict between A and B"
# Version 2 of A corrects it; an older version and a broken line change nothing.
printf '%s\n%s\n{"uri": broken\n' "$A2" "$A1" >feed2.jsonl
"$FD" watch --store sdb - <feed2.jsonl >out6 2>err6; st=$?
[ "$st" -eq 2 ] && ok || bad "stdin: exit $st with a malformed line, want 2"
grep -q '^<stdin>:3:14: error: malformed JSON: invalid token near .broken. (byte 522)' err6 && ok || { bad "stdin: the malformed line's place"; cat err6; }
grep -q '^<stdin>:2: note: not newer than the version stored' err6 && ok || { bad "stdin: the older version is not noted"; cat err6; }
holds out6 "[l['change'] for l in lines if l['fingerprint'] == '$FP'] == ['resolved']" \
    "stdin: the correction does not resolve the conflict"
holds out6 "[l for l in lines if l['change'] == 'new' and l['kind'] == 'agreement' and l['key'] == 'targets/struck/count']" \
    "stdin: the corrected figures are not announced as agreeing"
python3 - sdb <<'EOF' && ok || bad "stdin: the store does not hold one document of version 2 for urn:test:a"
import sqlite3, sys
db = sqlite3.connect(sys.argv[1])
rows = db.execute("SELECT id, version FROM documents WHERE ident = 'urn:test:a'").fetchall()
assert len(rows) == 1 and rows[0][1] == 2, rows
claims = [t.decode() if isinstance(t, bytes) else t
          for (t,) in db.execute("SELECT text FROM claims WHERE doc = ?", (rows[0][0],))]
assert "117" in claims and "120" not in claims, claims
assert db.execute("SELECT count(*) FROM documents").fetchone()[0] == 2
EOF
# B is canceled: it leaves the store, and what rested on it is resolved.
printf '%s\n' '{"uri":"urn:test:b","version":"2","pubstatus":"canceled","versioncreated":"2016-03-27T13:00:00Z","body_text":"-"}' \
    | "$FD" watch --store sdb - >out7 2>err7
holds out7 "lines and all(l['change'] == 'resolved' for l in lines)" "stdin: the cancellation resolves nothing"
"$FD" check --store sdb --format json 2>/dev/null | python3 -c 'import json,sys; r=json.load(sys.stdin); assert [d["path"] for d in r["documents"]] == ["<stdin>:1"], r["documents"]' \
    && ok || bad "check --store after the cancellation: not A version 2 alone"
# A kill notice with no body at all (wires send them so) still takes A out of the
# store, and is no error.
printf '%s\n' '{"uri":"urn:test:a","version":"3","pubstatus":"canceled"}' \
    | "$FD" watch --store sdb - >out7b 2>err7b; st=$?
[ "$st" -eq 0 ] && [ ! -s err7b ] && ok || { bad "a kill notice without a body: exit $st"; cat err7b; }
python3 -c 'import sqlite3,sys; assert sqlite3.connect(sys.argv[1]).execute("SELECT count(*) FROM documents").fetchone()[0] == 0' sdb \
    && ok || bad "a kill notice without a body leaves its story in the store"

# 6. A store of another schema version is refused, and so is another SQLite file.
python3 -c 'import sqlite3,sys; db=sqlite3.connect(sys.argv[1]); db.execute("PRAGMA user_version = 99"); db.commit()' sdb
"$FD" watch --store sdb - </dev/null >/dev/null 2>err8; st=$?
[ "$st" -eq 2 ] && grep -q "sdb: error: store schema version 99, this factdiff reads version 1" err8 && ok \
    || { bad "a store of schema 99: exit $st"; cat err8; }
python3 -c 'import sqlite3,sys; db=sqlite3.connect(sys.argv[1]); db.execute("CREATE TABLE t (x)"); db.commit()' other.db
"$FD" check --store other.db >/dev/null 2>err9; st=$?
[ "$st" -eq 2 ] && grep -q "not a factdiff store" err9 && ok || { bad "another SQLite file: exit $st"; cat err9; }
# A store edited by hand (or by an attacker): a trigger is refused before it can run,
# and a row with NULL where factdiff writes none is an error naming the row.
printf '%s\n%s\n' "$A1" "$B1" | "$FD" watch --store hostile.db - >/dev/null 2>&1
cp hostile.db trigger.db
python3 -c 'import sqlite3,sys; db=sqlite3.connect(sys.argv[1]); db.execute("CREATE TRIGGER t AFTER INSERT ON documents BEGIN DELETE FROM findings; END"); db.commit()' trigger.db
"$FD" check --store trigger.db >/dev/null 2>err9b; st=$?
[ "$st" -eq 2 ] && grep -q "trigger.db: error: not a factdiff store (it holds triggers or views)" err9b && ok \
    || { bad "a store with a trigger: exit $st"; cat err9b; }
python3 - hostile.db <<'EOF'
import sqlite3, sys
db = sqlite3.connect(sys.argv[1])
db.execute("PRAGMA writable_schema=ON")
db.execute("UPDATE sqlite_master SET sql = replace(sql, 'NOT NULL', '') WHERE name = 'documents'")
db.commit()
db = sqlite3.connect(sys.argv[1])
db.execute("UPDATE documents SET format = NULL WHERE ident = 'urn:test:b'")
db.commit()
EOF
"$FD" watch --store hostile.db - </dev/null >/dev/null 2>err9c; st=$?
[ "$st" -eq 2 ] && grep -q "hostile.db: error: cannot reload the store: document 2 of the store has no format" err9c && ok \
    || { bad "a store with a NULL format: exit $st"; cat err9c; }

# 7. A crash at an arbitrary moment of a feed loses nothing and repeats at most
# the document in flight.
python3 "$SRC/bench/watch_bench.py" --print 400 >feed400.jsonl
"$FD" watch --store clean.db - <feed400.jsonl >k0 2>/dev/null
: >k1   # there before the loop below reads it, whoever runs first
"$FD" watch --store crash.db - <feed400.jsonl >k1 2>/dev/null &
WPID=$!
i=0
while [ "$(wc -l <k1)" -lt 150 ] && [ $i -lt 600 ]; do sleep 0.05; i=$((i + 1)); done
kill -9 "$WPID" 2>/dev/null; wait "$WPID" 2>/dev/null; WPID=
"$FD" watch --store crash.db - <feed400.jsonl >k2 2>/dev/null
python3 - k0 k1 k2 crash.db <<'EOF' && ok || bad "kill -9 mid-feed: stories lost or announcements not those of a clean run"
import json, sqlite3, sys
def lines(p):
    out = []
    for l in open(p):
        try:
            out.append(json.dumps(json.loads(l), sort_keys=True))
        except ValueError:
            pass  # a line cut by the kill
    return out
k0, k1, k2 = (lines(p) for p in sys.argv[1:4])
assert k1 and k2, "the crash came before or after the whole feed"
twice = set(k1) & set(k2)
assert len({json.loads(l)["document"] for l in twice}) <= 1, twice
assert set(k1) | set(k2) == set(k0), (len(k0), len(k1), len(k2))
assert sqlite3.connect(sys.argv[4]).execute("SELECT count(*) FROM documents").fetchone()[0] == 400
EOF

# 8. --format text: compiler-style lines, a file's name made inert (a name may hold
# any byte but '/' and NUL: here an escape that would retitle the terminal).
mkdir -p tdir
cp "$P/002_d509ffc7ec1dd256.txt" "tdir/$(printf 'a\033]0;pwned\007').txt"
cp "$P/004_885ee4dcb98e6b35.txt" tdir/b.txt
"$FD" watch --once --format text --store text.db tdir >tout 2>terr; st=$?
[ "$st" -eq 0 ] && ok || { bad "watch --format text: exit $st"; cat terr; }
if grep -q "$(printf '\033')" tout; then bad "an escape in a file name reached the watch's text lines"; else ok; fi
grep -qxF 'tdir/b.txt:19:143: conflict: targets struck within 24 hours: 117 here, 120 in a ]0;pwned .txt:23:139 [6be6eb0eec5f8eec]' tout \
    && ok || { bad "watch --format text: not the conflict line"; cat tout; }
printf '%s\n%s\n%s\n' "$A1" "$B1" "$A2" | "$FD" watch -v --format text --store text2.db - >tout2 2>&1
grep -qF ': resolved: conflict no longer: targets struck (Palmyra) within 24 hours: 117 here, 120 in <stdin>:1:1:21' tout2 \
    && ok || { bad "watch --format text: the correction's resolved line"; cat tout2; }

echo "watch: $pass passed, $fail failed"
[ "$fail" -eq 0 ]
