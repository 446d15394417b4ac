#!/bin/sh
# CLI tests: the command as a newcomer and a CI job use it, on the real fixtures.
# Usage: cli_test.sh FACTDIFF SOURCE_DIR
set -u
FD="$1"
SRC="$2"
P="$SRC/fixtures/palmyra"
T=$(mktemp -d /tmp/fd_cli_XXXXXX)
trap 'rm -rf "$T"' EXIT
pass=0
fail=0

ok() { pass=$((pass + 1)); }
bad() { fail=$((fail + 1)); echo "FAIL: $1"; }
# expect_status WANT CMD...: runs CMD, stdout to $T/out, stderr to $T/err
expect_status() {
    want=$1; shift
    "$@" >"$T/out" 2>"$T/err"
    got=$?
    if [ "$got" -eq "$want" ]; then ok; else bad "exit $got, want $want: $*"; cat "$T/err"; fi
}
expect_in() { # expect_in FILE TEXT
    if grep -qF -- "$2" "$1"; then ok; else bad "'$2' not in $(basename "$1")"; sed 's/^/    /' "$1" | head -20; fi
}
expect_output() { # expect_output TEXT: stdout is exactly TEXT
    if [ "$(cat "$T/out")" = "$1" ]; then ok; else bad "output is not: $1"; sed 's/^/    /' "$T/out" | head; fi
}
expect_not_in() {
    if grep -qF -- "$2" "$1"; then bad "'$2' unexpectedly in $(basename "$1")"; else ok; fi
}

# --help, --version, bad usage
expect_status 0 "$FD" --help
expect_in "$T/out" "usage: factdiff check"
expect_status 0 "$FD" --version
expect_in "$T/out" "factdiff 0."
expect_status 2 "$FD" check --frobnicate "$P"
expect_in "$T/err" "unknown option '--frobnicate'"
expect_status 2 "$FD" check --format yaml "$P"
expect_in "$T/err" "unknown format 'yaml'"
expect_status 2 "$FD" check
expect_in "$T/err" "no input given"
expect_status 2 "$FD" frob "$P"
expect_in "$T/err" "unknown command 'frob'"
expect_status 2 "$FD" eval "$P"
expect_in "$T/err" "eval needs --gold"

# The main job: the 120-vs-117 conflict with both locations, exit 1, no colour in a pipe
expect_status 1 "$FD" check "$P"
expect_in "$T/out" "fixtures/palmyra/004_885ee4dcb98e6b35.txt:19:143: conflict: targets struck within 24 hours: 117 here, 120 in 002_d509ffc7ec1dd256.txt:23:139"
expect_in "$T/out" "5 documents, 54 claims: 1 conflict,"
expect_not_in "$T/out" "$(printf '\033')"
expect_status 1 "$FD" check --color=always "$P"
expect_in "$T/out" "$(printf '\033')[1;31mconflict"
expect_status 1 "$FD" check -v "$P"
expect_in "$T/out" "compatible: troops killed: 180 here, 180 in 002_d509ffc7ec1dd256.txt"

# JSON: schema, contract, offsets, gold coverage; the checker itself rejects a bad report
expect_status 1 "$FD" check --format json -o "$T/report.json" "$P"
expect_status 0 python3 "$SRC/tests/tools/check_report.py" "$SRC/docs/report.schema.json" \
    "$T/report.json" --gold "$P/gold.json" --min-claims 30
sed 's/"start":1/"start":2/' "$T/report.json" >"$T/tampered.json"
expect_status 1 python3 "$SRC/tests/tools/check_report.py" "$SRC/docs/report.schema.json" \
    "$T/tampered.json"
expect_in "$T/out" "is not bytes"

# SARIF 2.1.0: valid against the OASIS schema (a real validator), the 117/120 conflict a
# result at 004's line 19 with fingerprints; a broken log is caught by the checker
# (run from the source tree, as a CI job runs from its checkout: URIs are relative to it)
expect_status 1 sh -c 'cd "$1" && "$2" check --format sarif -o "$3" fixtures/palmyra' _ "$SRC" \
    "$FD" "$T/report.sarif"
expect_status 0 python3 "$SRC/tests/tools/check_sarif.py" "$SRC/tests/sarif/sarif-schema-2.1.0.json" \
    "$T/report.sarif" --result conflict:004_885ee4dcb98e6b35.txt:19
sed 's/"level": "error"/"level": "fatal"/' "$T/report.sarif" >"$T/tampered.sarif"
expect_status 1 python3 "$SRC/tests/tools/check_sarif.py" "$SRC/tests/sarif/sarif-schema-2.1.0.json" \
    "$T/tampered.sarif"
expect_in "$T/out" "'fatal' is not one of"
# A path outside the current directory is a file:// URI, still a valid log
expect_status 1 sh -c 'cd "$1" && "$2" check --format sarif -o abs.sarif "$3"' _ "$T" "$FD" "$P"
expect_in "$T/abs.sarif" "\"uri\": \"file://"
expect_status 1 python3 "$SRC/tests/tools/check_sarif.py" "$SRC/tests/sarif/sarif-schema-2.1.0.json" \
    "$T/abs.sarif"
expect_in "$T/out" "is not relative"
expect_not_in "$T/out" "schema:"

# GitHub annotations: one workflow command per finding, the conflict an error at its place
expect_status 1 "$FD" check --format github "$P"
expect_in "$T/out" "::error file=$P/004_885ee4dcb98e6b35.txt,line=19,col=143,endColumn=146,title=factdiff conflict::targets struck within 24 hours: 117 here, 120 in 002_d509ffc7ec1dd256.txt:23:139 ["
expect_in "$T/out" "::notice file="
[ "$(grep -c '^::' "$T/out")" = 17 ] && ok || bad "not one command per finding (17)"
# Every summary counts the kinds in the same words: the text report's last line and stderr
expect_in "$T/err" "factdiff: <stdout>: 5 documents, 54 claims: 1 conflict, 0 disputed, 0 updates, 6 agreements, 4 compatible, 6 names spelled differently"

# --fail-on: a toll that rises from 20 to 35 a day later is an update, not a failure,
# unless the job asks for it
R="$SRC/tests/cli/rising-toll"
expect_status 0 "$FD" check "$R"
expect_in "$T/out" "02_tuesday.txt:3:72: update: people killed: 35 here, 20 in 01_monday.txt"
expect_in "$T/out" "0 conflicts, 0 disputed, 1 update,"
expect_status 1 "$FD" check --fail-on update "$R"
expect_status 1 "$FD" check --fail-on conflict,update "$R"
expect_status 0 "$FD" check --fail-on conflict "$R"
expect_status 1 "$FD" check --fail-on disputed,conflict "$P"
expect_status 0 "$FD" check --fail-on update "$P"
expect_status 2 "$FD" check --fail-on agreement "$P"
expect_in "$T/err" "--fail-on takes a comma list of conflict, disputed, update and currencies, not 'agreement'"
expect_status 2 "$FD" check --fail-on conflict,agreement "$P"
expect_in "$T/err" "not 'conflict,agreement'"
expect_status 1 "$FD" check --format github --fail-on update "$R"
expect_in "$T/out" "::warning file=$R/02_tuesday.txt,line=3,col=72,endColumn=74,title=factdiff update::"
expect_status 2 "$FD" extract --fail-on update "$R"
expect_in "$T/err" "--ack and --fail-on are options of check and ack"
expect_status 2 "$FD" check --why "x" "$R"
expect_in "$T/err" "--why, --only and --prune are options of ack"

# Sums in several currencies: the Meta fine in dollars, euros and pounds (and
# Amazon's of 2021 in dollars and euros) is compared within each currency only,
# no rate being given, and each report says so, currency by currency
M="$SRC/fixtures/meta-fine-2023"
expect_status 1 "$FD" check "$M" # the five- and six-month deadlines conflict
expect_in "$T/out" "$M/01_business-insider.txt:1:21: currencies: fined (money) in usd, eur and gbp, not compared (no exchange rate is given) ["
expect_in "$T/out" "$M/01_business-insider.txt:1:21: note: usd: \$1.3 billion here, \$1.3 billion in 01_business-insider.txt:7:72, \$1.3 bln in 04_yahoo-reuters.txt:1:26, \$1.3 billion in 04_yahoo-reuters.txt:3:35"
expect_in "$T/out" "$M/02_newsio.txt:1:86: note: eur: €1.2bn here, €1.2bn in 03_guardian.txt:1:45, €1.2 billion in 05_times.txt:1:54"
expect_in "$T/out" "$M/02_newsio.txt:1:94: note: gbp: £1.04bn here, £1bn in 03_guardian.txt:1:53, £1 billion in 06_businesscloud.txt:1:24"
expect_in "$T/out" "$M/01_business-insider.txt:5:22: currencies: fined (money) in usd and eur, not compared"
expect_in "$T/out" "$M/02_newsio.txt:21:74: note: eur: €746m here, 746 million euros in 04_yahoo-reuters.txt:23:46, €746m in 06_businesscloud.txt:5:67"
expect_in "$T/out" "6 documents, 28 claims: 1 conflict, 0 disputed, 0 updates, 3 agreements, 2 compatible, 2 facts in several currencies"
expect_status 1 "$FD" check --format json -o "$T/meta.json" "$M"
expect_status 0 python3 "$SRC/tests/tools/check_report.py" "$SRC/docs/report.schema.json" "$T/meta.json"
expect_status 0 python3 -c '
import json, sys
r = json.load(open(sys.argv[1]))
cur = [f for f in r["findings"] if f["kind"] == "currencies"]
units = {c["id"]: c["unit"] for c in r["claims"]}
assert [(f["key"], f["currencies"]) for f in cur] == [
    ("fined/money", ["usd", "eur", "gbp"]), ("fined/money", ["usd", "eur"])], cur
assert all(sorted({units[c] for c in f["claims"]}) == sorted(f["currencies"]) for f in cur)
assert len(cur[0]["claims"]) == 10 and len(cur[1]["claims"]) == 6
assert all(not f["acknowledged"] and len(f["fingerprint"]) == 16 for f in cur)
' "$T/meta.json"
expect_status 1 sh -c 'cd "$1" && "$2" check --format sarif -o "$3" fixtures/meta-fine-2023' _ "$SRC" \
    "$FD" "$T/meta.sarif"
expect_status 0 python3 "$SRC/tests/tools/check_sarif.py" "$SRC/tests/sarif/sarif-schema-2.1.0.json" \
    "$T/meta.sarif" --result currencies:01_business-insider.txt:1 \
    --result currencies:01_business-insider.txt:5
expect_in "$T/meta.sarif" "\"text\": \"fined (money) in usd, eur and gbp, not compared (no exchange rate is given): usd: \$1.3 billion here,"
expect_status 1 "$FD" check --format github "$M"
expect_in "$T/out" "::notice file=$M/01_business-insider.txt,line=1,col=21,endColumn=33,title=factdiff currencies::fined (money) in usd, eur and gbp, not compared (no exchange rate is given): usd: \$1.3 billion here,"
# A fine in two currencies and nothing else: nothing fails unless the job asks
mkdir "$T/fine"
printf 'Fine\n\nMeta was hit with a fine of \342\202\2541.2 billion by the regulator.\n' >"$T/fine/1.txt"
printf 'Fine\n\nThe social network must pay a $1.3 billion fine, the regulator said.\n' >"$T/fine/2.txt"
expect_status 0 "$FD" check "$T/fine"
expect_in "$T/out" "1.txt:3:29: currencies: fined (money) in eur and usd, not compared (no exchange rate is given) ["
expect_in "$T/out" "0 conflicts, 0 disputed, 0 updates, 0 agreements, 0 compatible, 1 fact in several currencies"
expect_status 1 "$FD" check --fail-on conflict,currencies "$T/fine"
expect_status 0 "$FD" ack --why "converted by the desk" --ack "$T/fine.ack" --fail-on currencies "$T/fine"
expect_in "$T/fine.ack" "\"kind\": \"currencies\""
expect_status 0 "$FD" check --ack "$T/fine.ack" --fail-on conflict,currencies "$T/fine"
expect_in "$T/out" "1 fact in several currencies; 1 acknowledged"
expect_not_in "$T/out" "currencies: fined"
expect_status 0 "$FD" check -v --ack "$T/fine.ack" "$T/fine"
expect_in "$T/out" "currencies (acknowledged): fined (money) in eur and usd"

# HTML: one self-contained page, article text escaped
expect_status 1 "$FD" check --format html -o "$T/report.html" "$P"
expect_in "$T/report.html" "<!DOCTYPE html>"
expect_in "$T/report.html" "<mark>117</mark>"
expect_not_in "$T/report.html" "<script src"
expect_not_in "$T/report.html" "src=\"http"

# Bad input beside the articles: each named with file, line, byte; the rest still reported
mkdir "$T/mixed"
cp "$P"/*.txt "$P/meta.json" "$T/mixed/"
printf 'Headline\n\nKilled 40 \377\376 people\n' >"$T/mixed/100_bad.txt"
: >"$T/mixed/101_empty.txt"
printf '{"headline": "x",\n  "body_text": oops}\n' >"$T/mixed/102_broken.json"
printf '\177ELF\002\001\001\000\000\000\003\000>\000' >"$T/mixed/103_junk.txt"
printf 'x%.0s' $(seq 1 200000) >"$T/mixed/104_longline.txt"
expect_status 2 "$FD" check "$T/mixed"
expect_in "$T/out" "100_bad.txt:3:11: error: invalid UTF-8: byte 0xFF is not part of a valid sequence (byte 20)"
expect_in "$T/out" "101_empty.txt: error: empty document"
expect_in "$T/out" "102_broken.json:2:19: error: malformed JSON"
expect_in "$T/out" "103_junk.txt:1:8: error: binary data (NUL byte), not a text article"
expect_in "$T/out" "conflict: targets struck within 24 hours: 117 here, 120 in 002_d509ffc7ec1dd256.txt:23:139"
expect_in "$T/out" "documents with errors"
expect_status 2 "$FD" check --format json -o "$T/mixed.json" "$T/mixed"
expect_status 0 python3 "$SRC/tests/tools/check_report.py" "$SRC/docs/report.schema.json" "$T/mixed.json"
expect_status 2 "$FD" check "$T/does-not-exist.txt"
expect_in "$T/out" "does-not-exist.txt: error: cannot open"

# Two events in one folder, no metadata: datelines split them, the findings hold
mkdir "$T/two-events"
cp "$P"/*.txt "$SRC"/fixtures/hongkong-2019/*.txt "$T/two-events/"
expect_status 1 "$FD" check "$T/two-events"
expect_in "$T/out" "004_885ee4dcb98e6b35.txt:19:143: conflict: targets struck within 24 hours: 117 here, 120 in 002_d509ffc7ec1dd256.txt:23:139"
expect_in "$T/out" "disputed: people protested:"
expect_in "$T/out" "1 conflict, 1 disputed, 0 updates"

# ninjs JSON Lines on stdin, and a --source override
printf '%s\n' '{"headline": "A", "body_text": "Jets bombed 120 targets.", "versioncreated": "2016-03-27T10:00:00Z"}' \
    '{"headline": "B", "body_text": "Jets bombed 117 targets.", "versioncreated": "2016-03-28T10:00:00Z"}' >"$T/feed.jsonl"
expect_status 1 "$FD" check - <"$T/feed.jsonl"
expect_in "$T/out" "<stdin>:2:1:13: conflict: targets struck: 117 here, 120 in <stdin>:1:1:13"
expect_status 0 "$FD" check --source "Wire" "$P/003_3f11b6ea49e81fbc.txt"

# Rules: a broken newsroom rule file is named with line and column
mkdir "$T/rules"
cp "$SRC"/rules/*.json "$T/rules/"
printf '{\n  "entities": [\n    {"name": "X" "type": "group"}\n  ]\n}\n' >"$T/rules/zz_newsroom.json"
expect_status 2 "$FD" check --rules "$T/rules" "$P"
expect_in "$T/err" "zz_newsroom.json:3:"

# Output file that cannot be written
expect_status 2 "$FD" check -o /nonexistent/dir/report.txt "$P"

# names: one entity per line with its spellings; --key shows what unifies
expect_status 0 "$FD" names "$P"
expect_in "$T/out" 'Raqqa [place], 8 mentions: "Raqa" x3'
expect_in "$T/out" '"Pescov" x1'
expect_status 0 "$FD" names --key Raqa ar-Raqqah "Deir Ezzor" "Deir al-Zour"
expect_output "$(printf 'Raqqa\nRaqqa\nDeir ez-Zor\nDeir ez-Zor')"
# the identity check uses: alias rules first, then keys, typos and surnames
expect_status 0 "$FD" names --key ISIS "Islamic State" Daesh Palymra Palmyra Rakka Erdogan \
    "Recep Tayyip Erdogan" Gaza Giza
expect_output "$(printf 'Islamic State\nIslamic State\nIslamic State\nPalmyra\nPalmyra\nRaqqa\nrikiptaiperdokan\nrikiptaiperdokan\nkaza\nkiza')"
expect_status 1 "$FD" check -v "$P"
expect_in "$T/out" '002_d509ffc7ec1dd256.txt:31:1: variant: Dmitry Peskov: "Pescov" here, "Peskov" in 004_885ee4dcb98e6b35.txt:23:289'

# eval against the gold with the thresholds kept in the repo
expect_status 0 "$FD" eval --gold "$P/gold.json" --thresholds "$SRC/tests/thresholds/palmyra.json" "$P"
expect_in "$T/out" "conflicts: recall 1.000 (1/1)"

# eval: an unreadable document or gold file, a misspelt threshold are errors, not scores
expect_status 2 "$FD" eval --gold "$P/gold.json" "$SRC/fixtures/palmyr"
expect_in "$T/err" "palmyr: error: cannot open"
expect_status 2 "$FD" eval --gold "$T/no-gold.json" "$P"
expect_in "$T/err" "no-gold.json: error: unable to open"
printf '{"span_recal": 0.99}\n' >"$T/th.json"
expect_status 2 "$FD" eval --gold "$P/gold.json" --thresholds "$T/th.json" "$P"
expect_in "$T/err" "th.json:1:1: error: 'span_recal' is no score"
printf '{}\n' >"$T/empty-gold.json"
expect_status 2 "$FD" eval --gold "$T/empty-gold.json" "$P"

# A rules directory with no rule file is a mistake, not an empty rule set
mkdir -p "$T/norules"
expect_status 2 "$FD" check --rules "$T/norules" "$P"
expect_in "$T/err" "norules: error: no rule files"
expect_status 2 "$FD" check --key Raqa "$P"

# names and JSON reports still say which documents could not be read
expect_status 2 "$FD" names "$P" "$T/missing.txt"
expect_in "$T/err" "missing.txt: error: cannot open"
expect_status 2 "$FD" check --format json "$P" "$T/missing.txt"
expect_in "$T/err" "missing.txt: error: cannot open"

# A broken meta.json is an error listed with the run, not silently dropped sources
mkdir -p "$T/meta"
cp "$P/000_a3d646b4d1605b1e.txt" "$T/meta/"
printf '{"docs": [\n' >"$T/meta/meta.json"
expect_status 2 "$FD" check "$T/meta"
expect_in "$T/out" "meta.json:2:0: error: malformed meta.json"

# A JSON Lines error stands at its line of the file, in check and extract alike
printf '{"body_text": "Jets bombed 120 targets."}\n{"bad json\n' >"$T/feed.jsonl"
expect_status 2 "$FD" check "$T/feed.jsonl"
expect_in "$T/out" "feed.jsonl:2:10: error: malformed JSON: premature end of input"
expect_status 2 "$FD" extract "$T/feed.jsonl"
expect_in "$T/err" "feed.jsonl:2:10: error: malformed JSON: premature end of input"

# Hostile input (issue 11): an empty folder, a FIFO, a BOM, a body of the wrong type
mkdir -p "$T/empty"
expect_status 2 "$FD" check "$T/empty"
expect_in "$T/err" "no documents to read"
expect_status 2 "$FD" extract "$T/empty"
expect_in "$T/err" "no documents to read"
mkdir -p "$T/fifo"
mkfifo "$T/fifo/blocks.txt"
cp "$P/000_a3d646b4d1605b1e.txt" "$T/fifo/"
expect_status 2 "$FD" check "$T/fifo"
expect_in "$T/out" "blocks.txt: error: not a regular file"
printf '\357\273\277{"headline": "H", "body_text": "Jets hit 40 targets."}\n' >"$T/bom.json"
cp "$T/bom.json" "$T/bom.jsonl"
printf '\357\273\277Headline\n\nJets hit 40 targets.\n' >"$T/bom.txt"
expect_status 0 "$FD" check --format json "$T/bom.json" "$T/bom.jsonl" "$T/bom.txt"
expect_not_in "$T/out" '"code"'
expect_in "$T/out" '"headline":"Headline"'
expect_status 0 "$FD" extract "$T/bom.jsonl"
expect_in "$T/out" '"text":"40"'
printf '{"body_text": 5}\n' >"$T/number.json"
expect_status 2 "$FD" check "$T/number.json"
expect_in "$T/out" "number.json: error: body_text is a number or a boolean, not a string"
expect_not_in "$T/out" "(byte 0)"

# Article text reaches the terminal without control characters (no escape sequences)
printf 'Head\n\nJets bombed 120 targets, \033]0;pwned\007officials said.\n' >"$T/esc1.txt"
printf 'Head\n\nJets bombed 117 targets, officials said.\n' >"$T/esc2.txt"
expect_status 1 "$FD" check "$T/esc1.txt" "$T/esc2.txt"
if grep -q "$(printf '\033')" "$T/out"; then bad "an escape character reached the report"; else ok; fi
expect_in "$T/out" "120 targets,  ]0;pwned officials said."
# Nor through a file's name, in any line that names it (diagnostics, notes, names).
mkdir -p "$T/escname"
cp "$P/002_d509ffc7ec1dd256.txt" "$T/escname/$(printf 'a\033]0;pwned\007').txt"
cp "$P/004_885ee4dcb98e6b35.txt" "$T/escname/b.txt"
expect_status 1 "$FD" check -v "$T/escname"
if grep -q "$(printf '\033')" "$T/out"; then bad "an escape in a file name reached the report"; else ok; fi
expect_in "$T/out" "120 in a ]0;pwned .txt:23:139"
expect_in "$T/out" "escname/a ]0;pwned .txt:23:139: note: 120 here"
expect_status 1 "$FD" check --format html -o "$T/esc.html" "$T/escname"
if grep -q "$(printf '\033')" "$T/esc.html"; then bad "an escape reached the HTML report"; else ok; fi
expect_status 0 "$FD" names "$T/escname"
if grep -q "$(printf '\033')" "$T/out"; then bad "an escape in a file name reached names"; else ok; fi
# Nor through an error: jansson's "near '...'" quotes the bytes it stopped at.
printf '{"headline": "a" \033]0;pwned\007}\n' >"$T/escerr.jsonl"
expect_status 2 "$FD" check "$T/escerr.jsonl"
if grep -q "$(printf '\033')" "$T/out" "$T/err"; then bad "an escape character reached an error line"; else ok; fi
expect_in "$T/out" "escerr.jsonl:1:18: error: malformed JSON: '}' expected near ' ' (byte 18)"

# Progress: on a terminal (a pty from script(1)), documents and megabytes on stderr, the
# line cleared at the end; never in a pipe. FACTDIFF_PROGRESS_AFTER=0 shows it at once.
i=0
while [ $i -lt 300 ]; do
    printf '{"headline": "H%d", "body_text": "Officials said %d people were killed."}\n' $i $i
    i=$((i + 1))
done >"$T/progress.jsonl"
if command -v script >/dev/null 2>&1; then
    FACTDIFF_PROGRESS_AFTER=0 script -qec "'$FD' extract -o /dev/null '$T/progress.jsonl'" /dev/null >"$T/pty" 2>&1
    expect_in "$T/pty" "factdiff: 1 document, 0.0 MB read"
    FACTDIFF_PROGRESS_AFTER=0 script -qec "'$FD' check -o /dev/null '$T/progress.jsonl'" /dev/null >"$T/pty" 2>&1
    expect_in "$T/pty" "MB read"
    # the check goes on after the read: its documents counted (a line at most every
    # quarter second), then the line says they are compared
    expect_in "$T/pty" "factdiff: 300 documents checked, comparing them"
else
    bad "script(1) is missing: the progress test needs a pty"
fi
FACTDIFF_PROGRESS_AFTER=0 "$FD" extract -o /dev/null "$T/progress.jsonl" 2>"$T/err"
expect_not_in "$T/err" "MB read"
FACTDIFF_PROGRESS_AFTER=0 "$FD" check -o /dev/null "$T/progress.jsonl" 2>"$T/err"
expect_not_in "$T/err" "MB read"
expect_not_in "$T/err" "checked"

# A name with an invalid byte in it ("M\xcaS") is left out: the document's encoding
# error is reported, its other names and figures are read, and nothing says "out of memory".
printf 'Officials said M\312S reported 5 dead in Paris and Paris police said 7.' >"$T/badname.txt"
expect_status 2 "$FD" check "$T/badname.txt"
expect_in "$T/out" "badname.txt:1:17: error: invalid UTF-8: byte 0xCA"
expect_not_in "$T/err" "out of memory"
expect_status 2 "$FD" names "$T/badname.txt"
expect_in "$T/out" 'Paris [place], 2 mentions'
expect_not_in "$T/err" "out of memory"

# A feed has no size limit (it is read a line at a time), only a line has: 270 MiB of
# blank lines, then a line over 256 MiB, then an article. The long line is an error at
# its line, and the article after it is still read and judged.
{
    head -c 270000000 /dev/zero | tr '\0' '\n'
    head -c 270000000 /dev/zero | tr '\0' ' '
    printf '\n{"body_text": "Jets bombed 120 targets.", "versioncreated": "2016-03-27"}\n'
    printf '{"body_text": "Jets bombed 117 targets.", "versioncreated": "2016-03-28"}\n'
} | "$FD" check --format json - >"$T/out" 2>"$T/err"
[ $? -eq 2 ] && ok || bad "a feed past 256 MiB: want exit 2 (a line too long)"
expect_in "$T/out" '"path":"<stdin>:270000001"'
expect_in "$T/out" 'line too long (limit 256 MiB)'
expect_in "$T/out" '"kind":"conflict"'
expect_in "$T/out" '"path":"<stdin>:270000002"'

echo "cli: $pass passed, $fail failed"
[ "$fail" -eq 0 ]
