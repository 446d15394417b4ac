#!/bin/sh
# What the browser test of the HTML report needs: Debian's chromium, and
# playwright-core from npm (tests/browser/package-lock.json pins it; npm ci
# installs it into tests/browser/node_modules). Run by `make test`; exits 0 when
# everything is there, 1 with the exact command to run otherwise.
set -u
HERE=$(cd "$(dirname "$0")/.." && pwd)
BROWSER_DIR="$HERE/tests/browser"
CHROMIUM=${FD_CHROMIUM:-/usr/bin/chromium}
PKGS="chromium nodejs npm"

have_packages() {
    [ -x "$CHROMIUM" ] && command -v node >/dev/null 2>&1 && command -v npm >/dev/null 2>&1
}

# Only what is missing: a machine with Node.js from elsewhere (NodeSource's
# nodejs, which carries npm) cannot take Debian's npm beside it.
missing_packages() {
    [ -x "$CHROMIUM" ] || printf 'chromium '
    command -v node >/dev/null 2>&1 || printf 'nodejs '
    command -v npm >/dev/null 2>&1 || printf 'npm '
}

install_packages() {
    PKGS=$(missing_packages)
    if ! command -v apt-get >/dev/null 2>&1; then
        echo "factdiff: the browser test needs chromium, node and npm; no apt-get here." >&2
        return 1
    fi
    if [ "$(id -u)" = 0 ]; then
        SUDO=""
    elif command -v sudo >/dev/null 2>&1 && sudo -n true 2>/dev/null; then
        SUDO="sudo -n"
    else
        echo "factdiff: the browser test needs chromium, node and npm. Run:" >&2
        echo "  sudo apt-get update && sudo apt-get install -y $PKGS" >&2
        return 1
    fi
    echo "factdiff: installing $PKGS (for the browser test)" >&2
    export DEBIAN_FRONTEND=noninteractive
    $SUDO apt-get update -q >/dev/null || { echo "factdiff: apt-get update failed" >&2; return 1; }
    # shellcheck disable=SC2086
    $SUDO apt-get install -y -q --no-install-recommends $PKGS >/dev/null || {
        echo "factdiff: apt-get install failed. Run: sudo apt-get install -y $PKGS" >&2
        return 1
    }
}

# npm ci only when the installed tree is not the one the lock file names.
have_modules() {
    [ -f "$BROWSER_DIR/node_modules/playwright-core/package.json" ] &&
        [ -f "$BROWSER_DIR/node_modules/.package-lock.json" ] &&
        [ ! "$BROWSER_DIR/package-lock.json" -nt "$BROWSER_DIR/node_modules/.package-lock.json" ]
}

have_packages || install_packages || exit 1
have_packages || { echo "factdiff: chromium ($CHROMIUM), node or npm still missing" >&2; exit 1; }
# playwright-core needs Node.js 20 or newer.
node -e 'process.exit(Number(process.versions.node.split(".")[0]) < 20 ? 1 : 0)' || {
    echo "factdiff: the browser test needs Node.js 20 or newer (this is $(node --version))" >&2
    exit 1
}
if ! have_modules; then
    echo "factdiff: npm ci in tests/browser (playwright-core)" >&2
    (cd "$BROWSER_DIR" && npm ci --no-audit --no-fund --loglevel=error >/dev/null) || {
        echo "factdiff: npm ci failed in $BROWSER_DIR" >&2
        exit 1
    }
fi
exit 0
