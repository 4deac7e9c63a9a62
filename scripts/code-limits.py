#!/usr/bin/env python3
"""Keeps src/ readable: no file over 400 lines, no function over 80 lines.

A function is a definition that starts at column 0 (functions are not
indented inside namespaces here) and ends at the next line that is a single
closing brace at column 0; lambdas count as part of their function.
"""
import pathlib
import re
import sys

MAX_FILE, MAX_FUNCTION = 400, 80
NOT_FUNCTION = re.compile(r"^(namespace|struct|class|enum|union|extern|using|typedef|static_assert|#)\b")


def functions(lines):
    """(first line, last line, signature) of every function defined at column 0."""
    start, pending = None, None
    for number, line in enumerate(lines, 1):
        if start is not None:
            if line.rstrip() == "}":
                yield start[0], number, start[1]
                start = None
            continue
        if pending is None and re.match(r"^[A-Za-z_]", line) and "(" in line and not NOT_FUNCTION.match(line):
            pending = (number, line.strip())
        if pending is not None:
            stripped = line.rstrip()
            if stripped.endswith((";", "}")) or "=" in stripped.split("(")[0]:
                pending = None
            elif stripped.endswith("{"):
                start, pending = pending, None


def main(root):
    problems = []
    for path in sorted(pathlib.Path(root).rglob("*")):
        if path.suffix not in (".cpp", ".hpp"):
            continue
        lines = path.read_text(encoding="utf-8").split("\n")
        if len(lines) - 1 > MAX_FILE:
            problems.append(f"{path}: {len(lines) - 1} lines (at most {MAX_FILE})")
        for first, last, signature in functions(lines):
            if last - first + 1 > MAX_FUNCTION:
                problems.append(f"{path}:{first}: {last - first + 1} lines (at most {MAX_FUNCTION}): {signature[:80]}")
    for problem in problems:
        print(problem)
    if not problems:
        print(f"every file under {root} within {MAX_FILE} lines, every function within {MAX_FUNCTION}")
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1] if len(sys.argv) > 1 else "src"))
