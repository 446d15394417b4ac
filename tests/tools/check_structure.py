#!/usr/bin/env python3
"""check_structure.py - the shape lib/ promises, checked on every `make test`:

  * no function over MAX_LINES lines;
  * no circle among lib/ files: if a.c calls a function defined in b.c, then
    nothing b.c calls leads back to a.c;
  * reporters (lib/report/) call only the data model and the base helpers,
    never a stage.

Usage: check_structure.py SOURCE_DIR. Prints what it finds; exits 1 on any
breach. A heuristic reader of C (top-level definitions start at column 0 and
end at a "}" in column 0), which is how every file of lib/ is written.
"""
import glob
import os
import re
import sys

MAX_LINES = 80
DEFINITION = re.compile(r"^(?:static\s+)?(?:inline\s+)?[A-Za-z_][\w\s\*]*?\b(\w+)\s*\([^;]*$")
CALL = re.compile(r"\b(fdp?_\w+)\s*\(")


def strip_comments(text):
    # Character literals first: '"' would otherwise open a string that swallows
    # the functions after it.
    text = re.sub(r"'(?:\\.|[^'\\\n])'", "' '", text)
    text = re.sub(r"/\*.*?\*/", lambda m: "\n" * m.group(0).count("\n"), text, flags=re.S)
    text = re.sub(r"//[^\n]*", "", text)
    return re.sub(r'"(?:\\.|[^"\\])*"', '""', text)


def functions(path):
    """(name, first line, line count, body) of each top-level function."""
    lines = strip_comments(open(path, encoding="utf-8").read()).split("\n")
    found, i = [], 0
    while i < len(lines):
        m = DEFINITION.match(lines[i])
        if m and not lines[i].startswith(("typedef", "struct", "#")):
            j = i
            while j < len(lines) and "{" not in lines[j] and ";" not in lines[j]:
                j += 1
            if j < len(lines) and "{" in lines[j]:
                k = j
                while k < len(lines) and lines[k] != "}":
                    k += 1
                found.append((m.group(1), i + 1, k - i + 1, "\n".join(lines[j:k])))
                i = k
        i += 1
    return found


def main(src):
    lib = os.path.join(src, "lib")
    files = sorted(glob.glob(os.path.join(lib, "**", "*.c"), recursive=True))
    defined, calls, problems = {}, {}, []
    for f in files:
        rel = os.path.relpath(f, lib)
        for name, line, count, body in functions(f):
            defined.setdefault(name, rel)
            calls.setdefault(rel, set()).update(CALL.findall(body))
            if count > MAX_LINES:
                problems.append(f"lib/{rel}:{line}: {name} is {count} lines (at most {MAX_LINES})")
    # File graph: a -> b when a calls a function that b defines.
    graph = {rel: {defined[c] for c in cs if c in defined and defined[c] != rel}
             for rel, cs in calls.items()}
    for a in sorted(graph):
        seen, todo = set(), list(graph[a])
        while todo:
            b = todo.pop()
            if b in seen:
                continue
            seen.add(b)
            todo.extend(graph.get(b, ()))
        if a in seen:
            problems.append(f"lib/{a}: a circle of calls leads back to it")
        if a.startswith("report/"):
            for b in sorted(graph[a]):
                if not b.startswith(("model/", "base/", "report/")):
                    problems.append(f"lib/{a}: a reporter calls into lib/{b}")
    for p in problems:
        print(p)
    print(f"{len(files)} files, {sum(len(functions(f)) for f in files)} functions: "
          f"{len(problems)} problem(s)")
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1] if len(sys.argv) > 1 else "."))
