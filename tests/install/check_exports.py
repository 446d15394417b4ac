#!/usr/bin/env python3
"""Checks that libfactdiff.so exports exactly the functions lib/factdiff.h
declares FD_EXPORT, like jansson's check-exports: the header is parsed each
time, so the list follows it.

    check_exports.py lib/factdiff.h build/libfactdiff.so
"""
import re
import subprocess
import sys

# Symbols the toolchain itself may define in any shared object.
TOOLCHAIN = {"_init", "_fini", "_edata", "_end", "__bss_start"}


def declared(header_path):
    with open(header_path, encoding="utf-8") as f:
        text = f.read()
    text = re.sub(r"/\*.*?\*/", " ", text, flags=re.S)
    text = re.sub(r"//[^\n]*", " ", text)
    text = re.sub(r"^\s*#[^\n]*(\\\n[^\n]*)*", " ", text, flags=re.M)
    names = set()
    # FD_EXPORT, a return type, then the function's name right before its "(".
    for m in re.finditer(r"\bFD_EXPORT\b([^;{]*?)\b([A-Za-z_]\w*)\s*\(", text):
        names.add(m.group(2))
    return names


def exported(lib_path):
    out = subprocess.run(["nm", "-D", "--defined-only", lib_path], check=True,
                         capture_output=True, text=True).stdout
    names = set()
    for line in out.splitlines():
        parts = line.split()
        if len(parts) >= 3:
            names.add(parts[2].split("@")[0])
    return names - TOOLCHAIN


def main():
    header, lib = sys.argv[1:3]
    want, have = declared(header), exported(lib)
    if not want:
        print("check_exports: no FD_EXPORT declarations found in " + header)
        return 1
    missing, extra = sorted(want - have), sorted(have - want)
    for name in missing:
        print("declared FD_EXPORT in %s but not exported: %s" % (header, name))
    for name in extra:
        print("exported by %s but not declared FD_EXPORT: %s" % (lib, name))
    if missing or extra:
        return 1
    print("check_exports: %d functions, all declared and exported" % len(want))
    return 0


if __name__ == "__main__":
    sys.exit(main())
