#!/usr/bin/env python3
"""Keeps the fact and operator tables of man/dockcis-checks.5 equal to the
binary's own (`dockcis list --facts`, `dockcis list --operators`).

  man-tables.py DOCKCIS MANPAGE           compare; exit 1 and show the difference
  man-tables.py DOCKCIS MANPAGE --update  rewrite the tables in the page
"""
import subprocess
import sys

MARKERS = {"facts": ("--facts", ".\\\" BEGIN FACTS (generated: scripts/man-tables.py --update)", ".\\\" END FACTS"),
           "operators": ("--operators", ".\\\" BEGIN OPERATORS (generated: scripts/man-tables.py --update)", ".\\\" END OPERATORS")}


def roff(line):
    line = line.replace("\\", "\\e")
    return "\\&" + line if line.startswith((".", "'")) else line


def table(dockcis, flag):
    out = subprocess.run([dockcis, "list", flag], check=True, capture_output=True, text=True).stdout
    return [roff(line) for line in out.rstrip("\n").split("\n")]


def main():
    dockcis, page = sys.argv[1], sys.argv[2]
    update = "--update" in sys.argv[3:]
    lines = open(page, encoding="utf-8").read().split("\n")
    failed = False
    for name, (flag, begin, end) in MARKERS.items():
        if begin not in lines or end not in lines:
            print(f"{page}: no {name} table between '{begin}' and '{end}'")
            failed = True
            continue
        start, stop = lines.index(begin) + 1, lines.index(end)
        wanted = [".nf"] + table(dockcis, flag) + [".fi"]
        if lines[start:stop] != wanted:
            if update:
                lines[start:stop] = wanted
            else:
                print(f"{page}: the {name} table differs from `dockcis list {flag}`:")
                for line in sorted(set(lines[start:stop]) ^ set(wanted)):
                    print("   ", line)
                failed = True
    if update:
        open(page, "w", encoding="utf-8").write("\n".join(lines))
        return 0
    # Every operator also has its semantics written out under CHECK FILES.
    text = "\n".join(lines)
    semantics = text[text.index("Operators OP (value V):"):text.index(".SH FACTS")]
    for line in table(dockcis, "--operators"):
        name = line.split()[0]
        if f" {name} " not in semantics and f" {name}," not in semantics and f", {name} " not in semantics:
            print(f"{page}: operator {name} has no semantics under CHECK FILES")
            failed = True
    if not failed:
        print(f"{page}: fact and operator tables match the binary")
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
