#!/bin/sh
# Make sure the build dependencies are present; install them with apt-get when we can.
# Exits 0 when everything is there, 1 with the exact command to run otherwise.
set -u
# python3 writes libfactdiff(3) at build time and runs tests (report schema check,
# exports check, bench corpus); python3-jsonschema validates the SARIF log against
# the OASIS schema; binutils gives the install tests nm and objdump; libsqlite3-dev
# is the store of `factdiff watch`.
PKGS="cmake pkg-config libicu-dev libjansson-dev check python3 python3-jsonschema binutils libsqlite3-dev"

have_all() {
    command -v cmake >/dev/null 2>&1 || return 1
    command -v pkg-config >/dev/null 2>&1 || return 1
    pkg-config --exists icu-uc icu-i18n jansson check sqlite3 2>/dev/null || return 1
    command -v python3 >/dev/null 2>&1 || return 1
    python3 -c 'import jsonschema' >/dev/null 2>&1 || return 1
    command -v nm >/dev/null 2>&1 && command -v objdump >/dev/null 2>&1 || return 1
    return 0
}

have_all && exit 0

if ! command -v apt-get >/dev/null 2>&1; then
    echo "factdiff: missing build dependencies and no apt-get here." >&2
    echo "Install: CMake >= 3.16, pkg-config, ICU4C, jansson, Check and SQLite 3 (development files)." >&2
    exit 1
fi

if [ "$(id -u)" = 0 ]; then
    SUDO=""
elif command -v sudo >/dev/null 2>&1 && sudo -n true 2>/dev/null; then
    SUDO="sudo -n"
else
    echo "factdiff: missing build dependencies. Run:" >&2
    echo "  sudo apt-get update && sudo apt-get install -y $PKGS" >&2
    exit 1
fi

echo "factdiff: installing $PKGS" >&2
export DEBIAN_FRONTEND=noninteractive
$SUDO apt-get update -q >/dev/null || { echo "factdiff: apt-get update failed" >&2; exit 1; }
# shellcheck disable=SC2086
$SUDO apt-get install -y -q --no-install-recommends $PKGS >/dev/null || {
    echo "factdiff: apt-get install failed. Run: sudo apt-get install -y $PKGS" >&2
    exit 1
}
have_all || { echo "factdiff: dependencies still missing after install" >&2; exit 1; }
