#!/usr/bin/env python3
"""check_sarif.py - validates a SARIF log against the OASIS SARIF 2.1.0 JSON Schema.

Usage: check_sarif.py SCHEMA LOG [--result KIND:FILE:LINE]... [--suppressed KIND]...

- validates LOG with the jsonschema package (Draft 4, the schema's own draft:
  tests/sarif/sarif-schema-2.1.0.json is the OASIS schema, errata 01);
- checks what factdiff promises beyond the schema: one run, a rule per finding
  kind with help text, every result's ruleId among them, a level that follows
  its kind, a location with a relative URI and a full region (startLine,
  startColumn, endColumn, byteOffset, byteLength, snippet), and a fingerprint;
- --result KIND:FILE:LINE: a result of that kind stands at FILE (the end of its
  URI) and LINE, with partialFingerprints;
- --suppressed KIND: every result of that kind carries an accepted external
  suppression with a justification.
Prints one line per problem; exit status 1 on any.
"""
import json
import sys

import jsonschema

LEVELS = {"conflict": "error", "disputed": "error", "update": "warning"}


def factdiff_promises(log, problems):
    runs = log.get("runs") or []
    if len(runs) != 1:
        problems.append(f"{len(runs)} runs, not one")
        return []
    driver = runs[0]["tool"]["driver"]
    for member in ("name", "version", "informationUri", "rules"):
        if member not in driver:
            problems.append(f"tool.driver has no {member}")
    rules = {r["id"]: r for r in driver.get("rules", [])}
    for rid, r in rules.items():
        if not r.get("help", {}).get("text"):
            problems.append(f"rule {rid} has no help text")
    results = runs[0].get("results", [])
    for i, res in enumerate(results):
        where = f"results[{i}]"
        if res.get("ruleId") not in rules:
            problems.append(f"{where}: ruleId {res.get('ruleId')!r} is not a rule of the driver")
        if res.get("level") != LEVELS.get(res.get("ruleId"), "note"):
            problems.append(f"{where}: level {res.get('level')!r} for {res.get('ruleId')}")
        loc = res["locations"][0]["physicalLocation"]
        uri = loc["artifactLocation"]["uri"]
        if uri.startswith(("/", "file:")):
            problems.append(f"{where}: uri {uri!r} is not relative")
        region = loc["region"]
        need = ["startLine", "startColumn", "endColumn", "snippet"]
        if uri.endswith(".txt"):
            need += ["byteOffset", "byteLength"]
        for member in need:
            if member not in region:
                problems.append(f"{where}: region has no {member}")
        if not res.get("partialFingerprints"):
            problems.append(f"{where}: no partialFingerprints")
    return results


def main(argv):
    schema_path, log_path, rest = argv[1], argv[2], argv[3:]
    schema = json.load(open(schema_path, encoding="utf-8"))
    log = json.load(open(log_path, encoding="utf-8"))
    validator = jsonschema.Draft4Validator(schema, format_checker=jsonschema.FormatChecker())
    problems = [f"schema: {'/'.join(map(str, e.absolute_path))}: {e.message}"
                for e in validator.iter_errors(log)]
    results = factdiff_promises(log, problems) if not problems else []
    for flag, value in zip(rest[::2], rest[1::2]):
        if flag == "--result":
            kind, file, line = value.rsplit(":", 2)
            hits = [r for r in results if r["ruleId"] == kind
                    and r["locations"][0]["physicalLocation"]["artifactLocation"]["uri"].endswith(file)
                    and r["locations"][0]["physicalLocation"]["region"]["startLine"] == int(line)]
            if not hits:
                problems.append(f"no {kind} result at {file}:{line}")
        elif flag == "--suppressed":
            for r in (r for r in results if r["ruleId"] == value):
                s = r.get("suppressions") or [{}]
                if (s[0].get("kind"), s[0].get("status")) != ("external", "accepted") or \
                        not s[0].get("justification"):
                    problems.append(f"a {value} result is not suppressed with a justification")
        else:
            problems.append(f"unknown option {flag}")
    for p in problems:
        print(p)
    print(f"{log_path}: {len(results)} results, {len(problems)} problem(s)")
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
