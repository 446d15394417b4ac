#!/usr/bin/env python3
"""Writes the seeds of fuzz_store (tests/fuzz/seeds/store): wire feeds in the
target's event format and store files, some of them hostile.

Usage: make_store_seeds.py FACTDIFF OUT_DIR

A feed seed is a flags byte (even: a feed; 0x02 text, 0x04 verbose, bits 3-4 the
window), then one event a line: an op ('s' next version, 'o' an older one, 'v'
versioncreated only, 'x' canceled, 'r' a raw line, 'd' the previous line again,
'R' restart the watch), a selector byte (uri = sel % 4, day = sel >> 2 & 7,
source = sel >> 5 & 3, 0x80: a versioncreated on 's') and the body's bytes.
A store seed is the byte 0x01 and then the bytes of a store file. nulls.store
(NULL where factdiff writes none) crashed `check --store` and `watch`: its copy
is kept as tests/fuzz/regressions/issue-11-store-null-columns.store.
"""
import os
import sqlite3
import subprocess
import sys
import tempfile


def sel(uri, day=0, source=0, dated=False):
    s = uri + 4 * day + 32 * source + (128 if dated else 0)
    assert s != 10, "a selector cannot be a newline"
    return bytes([s])


def ev(op, s, body=b""):
    return op.encode() + s + body


FEEDS = {
    # The Palmyra conflict, a correction that resolves it, the same bytes
    # twice, a cancellation, an old version replayed and a restart.
    "palmyra.feed": b"@" + b"\n".join([
        ev("s", sel(0), b"Russian jets struck 120 targets near Palmyra in 24 hours, the ministry said."),
        ev("s", sel(1, source=1), b"Russian warplanes struck 117 targets around Palmyra in 24 hours."),
        ev("d", b""),
        ev("R", b""),
        ev("s", sel(1, source=1), b"Russian warplanes struck 120 targets around Palmyra in 24 hours."),
        ev("o", sel(1, source=1), b"Russian warplanes struck 110 targets around Palmyra in 24 hours."),
        ev("x", sel(0), b""),
        ev("s", sel(2, day=1, source=2), b"At least 400 fighters were killed near Palmyra."),
    ]),
    # Text announcements with terminal escapes in the bodies and in a raw line's
    # source: the lines must reach the terminal inert.
    "escapes.feed": b"F" + b"\n".join([
        ev("s", sel(0), b"\x1b]0;owned\x07Jets struck 120 targets near Palmyra.\x1b[2J"),
        ev("s", sel(1, source=1), b"Jets struck 117\x1b[31m targets near Palmyra.\x9b"),
        ev("r", b"", b'{"uri": "urn:fuzz:3", "version": "1", "copyrightholder": "\\u001b]0;x\\u0007AFP",'
           b' "body_text": "Jets struck 119 targets near Palmyra, \\u001b[1m\\u009b witnesses said."}'),
        ev("r", b"", b'{"uri": "urn:fuzz:3", "body_text": "\\u001b oops'),
    ]),
    # Days apart: stories leave a 3-day window, versions by versioncreated only,
    # a canceled story with no body at all, a line without a uri.
    "window.feed": b"H" + b"\n".join([
        ev("v", sel(0, day=0), b"The toll rose to 18 dead in Kobani."),
        ev("v", sel(1, day=1, source=1), b"The toll rose to 19 dead in Kobani."),
        ev("v", sel(0, day=3), b"The toll rose to 21 dead in Kobani."),
        ev("v", sel(2, day=7, source=2), b"The toll rose to 25 dead in Kobani."),
        ev("R", b""),
        ev("v", sel(1, day=0, source=1), b"The toll rose to 17 dead in Kobani."),
        ev("r", b"", b'{"uri": "urn:fuzz:2", "version": "9", "pubstatus": "canceled"}'),
        ev("r", b"", b'{"headline": "No uri", "body_text": "Jets struck 120 targets near Palmyra."}'),
        ev("r", b"", b'{"headline": "No uri", "body_text": "Jets struck 120 targets near Palmyra."}'),
    ]),
    # Bytes as bodies: invalid UTF-8, zero-width characters, a BOM, nothing.
    "bytes.feed": b"\x00" + b"\n".join([
        ev("r", b"", b'\xef\xbb\xbf{"uri": "urn:fuzz:1", "body_text": "5\\u200b448 people fled."}'),
        ev("s", sel(0), b"5448 people fled the \xff\xfe city, 1e308 people stayed."),
        ev("s", sel(0), b""),
        ev("s", sel(1), b"\x00\x01\x02"),
        ev("r", b"", b"not json at all"),
        ev("r", b"", b""),
        ev("s", sel(3), "Die Zahl der Toten stieg auf 12 – laut Behörden «mindestens zwölf».".encode()),
    ]),
}

STORY_LINES = [
    '{"uri": "urn:a", "version": "1", "copyrightholder": "Reuters", "versioncreated": "2016-03-27T10:00:00Z",'
    ' "body_text": "Russian jets struck 120 targets near Palmyra in 24 hours."}',
    '{"uri": "urn:b", "version": "1", "copyrightholder": "AFP", "versioncreated": "2016-03-27T11:00:00Z",'
    ' "body_text": "Russian warplanes struck 117 targets around Palmyra in 24 hours."}',
    '{"headline": "No uri", "body_text": "At least 400 fighters were killed."}',
]


def small(path):
    """The store rewritten with 512-byte pages: a seed of a few KB, not 60."""
    db = sqlite3.connect(path)
    db.execute("PRAGMA journal_mode=DELETE")
    db.execute("PRAGMA page_size=512")
    db.execute("VACUUM")
    db.close()


def watch_store(factdiff, path, lines):
    subprocess.run([factdiff, "watch", "--store", path, "-"], input="\n".join(lines) + "\n",
                   text=True, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, check=True)
    small(path)


def hostile(path, how):
    """A store factdiff itself wrote, then edited as an attacker would."""
    db = sqlite3.connect(path)
    if how == "nulls":  # the same tables without NOT NULL, and NULLs in them
        db.executescript(
            "PRAGMA writable_schema=ON;"
            "UPDATE sqlite_master SET sql = replace(sql, 'NOT NULL', '') WHERE name = 'documents';"
            "PRAGMA writable_schema=OFF;")
        db.close()
        db = sqlite3.connect(path)
        db.execute("UPDATE documents SET format = NULL WHERE ident = 'urn:a'")
        db.execute("UPDATE documents SET path = NULL, origin = NULL WHERE ident = 'urn:b'")
        db.execute("UPDATE documents SET ident = NULL, bytes = NULL WHERE ident LIKE 'sha:%'")
    elif how == "trigger":  # a trigger that runs on every insert
        db.execute("CREATE TRIGGER t AFTER INSERT ON documents BEGIN"
                   " DELETE FROM findings; UPDATE documents SET day = -5; END")
    elif how == "types":  # texts where numbers belong, huge and negative numbers
        db.execute("UPDATE documents SET lineno = 'x', version = 9e99, day = -9223372036854775808,"
                   " format = 'text', hash = 'zz'")
        db.execute("UPDATE claims SET start = 999999, end = -1")
    db.commit()
    db.close()


def main():
    factdiff, out = sys.argv[1], sys.argv[2]
    os.makedirs(out, exist_ok=True)
    for name, data in FEEDS.items():
        with open(os.path.join(out, name), "wb") as f:
            f.write(data)
    with tempfile.TemporaryDirectory() as tmp:
        regressions = os.path.join(os.path.dirname(os.path.abspath(__file__)), "regressions")
        for name in ["plain", "nulls", "trigger", "types"]:
            db = os.path.join(tmp, name + ".db")
            watch_store(factdiff, db, STORY_LINES)
            if name != "plain":
                hostile(db, name)
            dest = (os.path.join(regressions, "issue-11-store-null-columns.store") if name == "nulls"
                    else os.path.join(out, name + ".store"))
            with open(db, "rb") as f, open(dest, "wb") as o:
                o.write(b"\x01" + f.read())


if __name__ == "__main__":
    main()
