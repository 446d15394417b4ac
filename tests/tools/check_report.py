#!/usr/bin/env python3
"""Checks a factdiff JSON report: schema, contract, byte offsets, and gold coverage.

Usage: check_report.py SCHEMA REPORT [--gold GOLD.json --min-claims N]

- validates REPORT against SCHEMA (the subset of JSON Schema 2020-12 the schema uses:
  type, const, enum, pattern, minimum, minItems, required, properties,
  additionalProperties, items, $ref to #/$defs);
- checks that ids are unique, claims point at listed documents, findings at listed
  claims, and every claim's text is exactly the document's bytes [start, end);
- with --gold: counts gold claims whose number phrase a claim covers at the same
  byte offsets, and fails below --min-claims.
Prints one line per problem; exit status 1 on any.
"""
import json
import os
import re
import sys

TYPES = {"object": dict, "array": list, "string": str, "boolean": bool, "null": type(None)}


def type_ok(value, t):
    if t == "integer":
        return isinstance(value, int) and not isinstance(value, bool)
    if t == "number":
        return isinstance(value, (int, float)) and not isinstance(value, bool)
    return isinstance(value, TYPES[t])


def validate(value, schema, root, path, errors):
    if "$ref" in schema:
        name = schema["$ref"].split("/")[-1]
        validate(value, root["$defs"][name], root, path, errors)
    if "type" in schema:
        types = schema["type"] if isinstance(schema["type"], list) else [schema["type"]]
        if not any(type_ok(value, t) for t in types):
            errors.append(f"{path}: {value!r} is not of type {types}")
            return
    if "const" in schema and value != schema["const"]:
        errors.append(f"{path}: {value!r} != {schema['const']!r}")
    if "enum" in schema and value not in schema["enum"]:
        errors.append(f"{path}: {value!r} not in {schema['enum']}")
    if "pattern" in schema and isinstance(value, str) and not re.search(schema["pattern"], value):
        errors.append(f"{path}: {value!r} does not match {schema['pattern']}")
    if "minimum" in schema and isinstance(value, (int, float)) and value < schema["minimum"]:
        errors.append(f"{path}: {value} < {schema['minimum']}")
    if isinstance(value, list):
        if len(value) < schema.get("minItems", 0):
            errors.append(f"{path}: fewer than {schema['minItems']} items")
        if "items" in schema:
            for i, item in enumerate(value):
                validate(item, schema["items"], root, f"{path}[{i}]", errors)
    if isinstance(value, dict):
        for name in schema.get("required", []):
            if name not in value:
                errors.append(f"{path}: missing '{name}'")
        props = schema.get("properties", {})
        for name, item in value.items():
            if name in props:
                validate(item, props[name], root, f"{path}.{name}", errors)
            elif schema.get("additionalProperties") is False:
                errors.append(f"{path}: unexpected '{name}'")


def check_contract(report, errors):
    docs = {d["id"]: d for d in report["documents"]}
    claims = {c["id"]: c for c in report["claims"]}
    if len(docs) != len(report["documents"]) or len(claims) != len(report["claims"]):
        errors.append("duplicate document or claim ids")
    texts = {}
    for c in report["claims"]:
        d = docs.get(c["doc"])
        if d is None:
            errors.append(f"{c['id']}: unknown document {c['doc']}")
            continue
        if d["path"] not in texts:
            try:
                with open(d["path"], "rb") as fh:
                    texts[d["path"]] = fh.read()
            except OSError:
                texts[d["path"]] = None
        data = texts[d["path"]]
        if data is not None and data[c["start"]:c["end"]].decode("utf-8", "replace") != c["text"]:
            errors.append(f"{c['id']}: text {c['text']!r} is not bytes [{c['start']}, {c['end']})")
        v = c["value"]
        if v["low"] is not None and v["high"] is not None and v["low"] > v["high"]:
            errors.append(f"{c['id']}: low > high")
    for f in report["findings"]:
        for cid in f["claims"]:
            if cid not in claims:
                errors.append(f"{f['id']}: unknown claim {cid}")
    return docs


def gold_coverage(report, docs, gold_path):
    with open(gold_path, encoding="utf-8") as fh:
        gold = json.load(fh)
    spans = set()
    for c in report["claims"]:
        spans.add((os.path.basename(docs[c["doc"]]["path"]), c["start"], c["end"]))
    base = os.path.dirname(gold_path)
    hits = 0
    for g in gold["claims"]:
        with open(os.path.join(base, g["file"]), "rb") as fh:
            data = fh.read()
        q = data.find(g["quote"].encode())
        start = data.find(g["number"].encode(), q)
        if (g["file"], start, start + len(g["number"].encode())) in spans:
            hits += 1
    return hits, len(gold["claims"])


def main():
    args = sys.argv[1:]
    if len(args) < 2:
        print(__doc__)
        return 2
    with open(args[0]) as fh:
        schema = json.load(fh)
    with open(args[1]) as fh:
        report = json.load(fh)
    errors = []
    validate(report, schema, schema, "$", errors)
    docs = check_contract(report, errors) if not errors else {}
    if "--gold" in args and not errors:
        hits, total = gold_coverage(report, docs, args[args.index("--gold") + 1])
        need = int(args[args.index("--min-claims") + 1]) if "--min-claims" in args else 0
        print(f"gold claims covered at their byte offsets: {hits}/{total}")
        if hits < need:
            errors.append(f"only {hits} gold claims covered, need {need}")
    for e in errors:
        print("error:", e)
    print(f"{len(report.get('claims', []))} claims, {len(report.get('findings', []))} findings: "
          f"{'ok' if not errors else str(len(errors)) + ' problems'}")
    return 1 if errors else 0


if __name__ == "__main__":
    sys.exit(main())
