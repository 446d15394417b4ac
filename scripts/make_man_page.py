#!/usr/bin/env python3
"""Writes libfactdiff(3) from the comments of lib/factdiff.h, like cmark's
make_man_page.py: run at build time, so the page follows the header.

    make_man_page.py [--version X.Y.Z] lib/factdiff.h OUT.3

What it reads:
  - the header's opening block comment (after its "factdiff.h - ..." line)
    becomes DESCRIPTION;
  - a "/* ---- name ---- */" line opens a subsection;
  - each FD_EXPORT or typedef declaration is printed as written, followed by
    the /** */ comment just above it (a declaration without one is still listed);
  - "#define FD_..." constants are listed with their trailing comments.
"""
import argparse
import os
import re
import sys

SECTION = re.compile(r"^/\*\s*-+\s*(.*?)\s*-+\s*\*/\s*$")
DEFINE = re.compile(r"^#define\s+(FD_[A-Z0-9_]+)\s+(.*?)\s*(?:/\*\s*(.*?)\s*\*/)?\s*$")


def roff(text):
    """Escapes text for roff: backslashes, and lines that start a request."""
    text = text.replace("\\", "\\e")
    return "\n".join("\\&" + l if l.startswith((".", "'")) else l for l in text.split("\n"))


def comment_body(lines):
    """The text of a /* */ or /** */ comment, its leading stars removed."""
    out = []
    for l in lines:
        l = l.strip()
        l = re.sub(r"^/\*\*?", "", l)
        l = re.sub(r"\*/$", "", l)
        l = re.sub(r"^\* ?", "", l.strip())
        out.append(l.rstrip())
    while out and not out[0]:
        out.pop(0)
    while out and not out[-1]:
        out.pop()
    return out


def paragraphs(lines):
    """roff for comment lines: blank lines part paragraphs, indented lines stay as set."""
    out = []
    for l in lines:
        if not l:
            out.append(".PP")
        elif l.startswith("  "):
            out.append(".nf\n" + roff(l) + "\n.fi")
        else:
            out.append(roff(l))
    return "\n".join(out)


def declaration_complete(text):
    depth = text.count("{") - text.count("}")
    return depth == 0 and text.rstrip().endswith(";")


def parse(header):
    """Yields ("description", lines), ("section", name), ("decl", code, doc) and
    ("define", name, value, comment) in header order."""
    lines = header.split("\n")
    i = 0
    first_comment = True
    doc = None
    while i < len(lines):
        line = lines[i]
        s = line.strip()
        m = SECTION.match(s)
        if m:
            yield ("section", m.group(1))
            doc = None
            i += 1
        elif s.startswith("/*"):
            block = [line]
            while "*/" not in lines[i]:
                i += 1
                block.append(lines[i])
            i += 1
            body = comment_body(block)
            if first_comment:
                first_comment = False
                if body and re.match(r"^\S+\.h\s+-", body[0]):
                    body = body[1:]
                yield ("description", body)
            elif s.startswith("/**"):
                doc = body
        elif s.startswith("FD_EXPORT") or s.startswith("typedef"):
            decl = [line.rstrip()]
            while not declaration_complete("\n".join(decl)):
                i += 1
                decl.append(lines[i].rstrip())
            i += 1
            code = "\n".join(decl).replace("FD_EXPORT ", "")
            yield ("decl", code, doc or [])
            doc = None
        else:
            m = DEFINE.match(s)
            if m and m.group(1) not in ("FD_EXPORT",):
                yield ("define", m.group(1), m.group(2), m.group(3) or "")
            i += 1


def man_page(header, version):
    out = [
        '.TH LIBFACTDIFF 3 "" "factdiff %s" "Library Functions Manual"' % version,
        ".SH NAME",
        "libfactdiff \\- extract numeric claims from news articles and compare them",
        ".SH SYNOPSIS",
        ".nf",
        ".B #include <factdiff.h>",
        ".fi",
        ".PP",
        "Compile and link with",
        ".BR \"cc $(pkg-config \\-\\-cflags \\-\\-libs factdiff)\" ,",
        "or in CMake with",
        ".B find_package(factdiff)",
        "and the target",
        ".BR factdiff::factdiff .",
    ]
    in_section = False
    for item in parse(header):
        kind = item[0]
        if kind == "description":
            out.append(".SH DESCRIPTION")
            out.append(paragraphs(item[1]))
        elif kind == "section":
            if not in_section:
                out.append(".SH FUNCTIONS AND TYPES")
                in_section = True
            out.append(".SS " + roff(item[1][:1].upper() + item[1][1:]))
        elif kind == "decl" and in_section:
            out.append(".PP\n.nf\n\\fB" + roff(item[1]) + "\\fR\n.fi")
            if item[2]:
                out.append(".RS 4\n" + paragraphs(item[2]) + "\n.RE")
        elif kind == "define" and in_section:
            text = "\\fB%s\\fR %s" % (roff(item[1]), roff(item[2]))
            out.append(".PP\n" + text + (("\n.RS 4\n" + roff(item[3]) + "\n.RE") if item[3] else ""))
    out += [
        ".SH SEE ALSO",
        ".BR factdiff (1)",
        ".PP",
        "docs/report-contract.md and docs/gold-format.md in the source tree.",
    ]
    return "\n".join(out) + "\n"


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--version", default="")
    ap.add_argument("header")
    ap.add_argument("output")
    a = ap.parse_args()
    with open(a.header, encoding="utf-8") as f:
        page = man_page(f.read(), a.version)
    os.makedirs(os.path.dirname(os.path.abspath(a.output)), exist_ok=True)
    with open(a.output, "w", encoding="utf-8") as f:
        f.write(page)
    return 0


if __name__ == "__main__":
    sys.exit(main())
