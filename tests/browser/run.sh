#!/bin/sh
# The browser test of the HTML report, as ctest runs it:
#   run.sh FACTDIFF SOURCE_DIR OUT_DIR
# It needs Debian's chromium and tests/browser/node_modules (playwright-core),
# which scripts/install-browser-deps.sh installs (`make test` runs it first).
set -u
FD=$1 SRC=$2 OUT=$3
CHROMIUM=${FD_CHROMIUM:-/usr/bin/chromium}
missing=""
command -v node >/dev/null 2>&1 || missing="node"
[ -x "$CHROMIUM" ] || missing="$missing $CHROMIUM"
[ -f "$SRC/tests/browser/node_modules/playwright-core/package.json" ] ||
    missing="$missing tests/browser/node_modules/playwright-core"
if [ -n "$missing" ]; then
    echo "browser test: missing$missing; run: sh scripts/install-browser-deps.sh" >&2
    exit 1
fi
mkdir -p "$OUT"
exec node "$SRC/tests/browser/report_test.js" "$FD" "$SRC" "$OUT"
