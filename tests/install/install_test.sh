#!/bin/sh
# The whole install story, on the build tree as it is (no rebuild): install into
# a temporary prefix, check the layout, run the installed binary away from the
# source tree, and build programs against the installed library with pkg-config
# and with find_package(factdiff).
#
#   install_test.sh CMAKE BUILD_DIR SOURCE_DIR CC BINDIR LIBDIR INCLUDEDIR DATADIR
#                   MANDIR [CFLAGS]
#
# CFLAGS go to every program built here (the sanitizer flags in build-san, whose
# installed library is instrumented). The parts that build examples/list_findings.c
# run only when the library has the fd_run API (fd_run_new).
set -u
CMAKE=$1 BUILD=$2 SRC=$3 CC=$4 BINDIR=$5 LIBDIR=$6 INCDIR=$7 DATADIR=$8 MANDIR=$9
shift 9
CFLAGS=${1:-}
unset FACTDIFF_RULES

T=$(mktemp -d) || exit 1
trap 'rm -rf "$T"' EXIT
P=$(cd "$T" && pwd -P)/prefix
fail=0
bad() { echo "FAIL: $*"; fail=1; }
have() { [ -e "$1" ] || bad "not installed: ${1#"$P"/}"; }

"$CMAKE" --install "$BUILD" --prefix "$P" >"$T/install.log" 2>&1 || {
    cat "$T/install.log"; echo "FAIL: cmake --install"; exit 1; }

# Layout.
have "$P/$BINDIR/factdiff"
have "$P/$LIBDIR/libfactdiff.a"
have "$P/$LIBDIR/libfactdiff.so"
soname=$(objdump -p "$P/$LIBDIR/libfactdiff.so" | awk '$1 == "SONAME" {print $2}')
case $soname in
libfactdiff.so.[0-9]*) have "$P/$LIBDIR/$soname" ;;
*) bad "libfactdiff.so has soname '$soname', expected libfactdiff.so.MAJOR" ;;
esac
headers=$(cd "$P/$INCDIR" && ls -A | tr '\n' ' ')
[ "$headers" = "factdiff.h fd_version.h " ] ||
    bad "include/ should hold factdiff.h and fd_version.h only, has: $headers"
have "$P/$LIBDIR/pkgconfig/factdiff.pc"
for f in factdiffConfig.cmake factdiffConfigVersion.cmake factdiff-targets.cmake; do
    have "$P/$LIBDIR/cmake/factdiff/$f"
done
nrules=$(ls "$SRC"/rules/*.json | wc -l)
ninst=$(ls "$P/$DATADIR"/factdiff/rules/*.json 2>/dev/null | wc -l)
[ "$nrules" -eq "$ninst" ] || bad "$ninst rule files installed, $nrules in rules/"
have "$P/$MANDIR/man1/factdiff.1"
have "$P/$MANDIR/man3/libfactdiff.3"
grep -q '^\.TH LIBFACTDIFF 3' "$P/$MANDIR/man3/libfactdiff.3" 2>/dev/null ||
    bad "libfactdiff.3 is not a man page"
[ $fail = 0 ] || exit 1

# The installed binary: its own library (RUNPATH $ORIGIN/...) and its own rules.
runpath=$(objdump -p "$P/$BINDIR/factdiff" | awk '$1 == "RUNPATH" || $1 == "RPATH" {print $2}')
case $runpath in
'$ORIGIN'*) ;;
*) bad "installed factdiff has RUNPATH '$runpath', expected \$ORIGIN/..." ;;
esac
case $runpath in *"$BUILD"*) bad "installed factdiff still looks in the build tree" ;; esac
cd "$T" || exit 1
"$P/$BINDIR/factdiff" --version >"$T/version.out" 2>&1 || bad "factdiff --version failed"
rules_line=$(sed -n 2p "$T/version.out")
[ "$rules_line" = "rules: $P/$DATADIR/factdiff/rules" ] ||
    bad "factdiff --version says '$rules_line', expected rules: $P/$DATADIR/factdiff/rules"

cp -R "$SRC/fixtures/palmyra" "$T/palmyra"
status=0
"$P/$BINDIR/factdiff" check palmyra >"$T/check.out" 2>&1 || status=$?
[ $status = 1 ] || bad "installed factdiff check palmyra: exit $status, expected 1"
grep -q 'conflict: targets struck within 24 hours: 117 here, 120 in' "$T/check.out" ||
    bad "installed factdiff check palmyra: no 117 vs 120 conflict"
[ $fail = 0 ] || { cat "$T/version.out" "$T/check.out"; exit 1; }
echo "ok: layout, soname $soname, installed factdiff uses $rules_line"

# Programs built against the installed library.
export PKG_CONFIG_PATH="$P/$LIBDIR/pkgconfig"
rulesdir=$(pkg-config --variable=rulesdir factdiff)
rulesdir=$(cd "$rulesdir" 2>/dev/null && pwd -P)
[ "$rulesdir" = "$P/$DATADIR/factdiff/rules" ] ||
    bad "factdiff.pc: rulesdir=$(pkg-config --variable=rulesdir factdiff)"
libdir=$(pkg-config --variable=libdir factdiff)
# shellcheck disable=SC2046,SC2086
$CC $CFLAGS -o "$T/version" "$SRC/tests/install/version.c" \
    $(pkg-config --cflags --libs factdiff) -Wl,-rpath,"$libdir" || bad "pkg-config build"
"$T/version" || bad "version.c built with pkg-config"

if nm -D --defined-only "$P/$LIBDIR/libfactdiff.so" | grep -q ' fd_run_new$'; then
    new_api=ON
    # shellcheck disable=SC2046,SC2086
    $CC $CFLAGS -o "$T/list_findings" "$SRC/examples/list_findings.c" \
        $(pkg-config --cflags --libs factdiff) -Wl,-rpath,"$libdir" ||
        bad "pkg-config build of examples/list_findings.c"
else
    new_api=OFF
    echo "SKIP example: old API (the library has no fd_run_new)"
fi

"$CMAKE" -S "$SRC/tests/install/consumer" -B "$T/consumer" -DCMAKE_PREFIX_PATH="$P" \
    -DCMAKE_C_COMPILER="$CC" -DCMAKE_C_FLAGS="$CFLAGS" -DCMAKE_EXE_LINKER_FLAGS="$CFLAGS" \
    -DFD_EXAMPLE=$new_api >"$T/consumer.log" 2>&1 &&
    "$CMAKE" --build "$T/consumer" >>"$T/consumer.log" 2>&1 ||
    { cat "$T/consumer.log"; bad "find_package(factdiff) consumer build"; }
"$T/consumer/version" || bad "version.c built with factdiff::factdiff"
"$T/consumer/version_static" || bad "version.c built with factdiff::factdiff_static"

if [ $new_api = ON ]; then
    for prog in "$T/list_findings" "$T/consumer/list_findings"; do
        status=0
        FACTDIFF_RULES=$rulesdir "$prog" palmyra >"$T/findings.out" 2>&1 || status=$?
        [ $status = 1 ] || bad "$prog palmyra: exit $status, expected 1"
        grep '^conflict ' "$T/findings.out" | grep 'targets/struck' | grep '"117"' |
            grep -q '"120"' || { cat "$T/findings.out"; bad "$prog: no 117 vs 120 conflict"; }
    done
fi
[ $fail = 0 ] && echo "ok: pkg-config and find_package consumers (example: $new_api)"
exit $fail
