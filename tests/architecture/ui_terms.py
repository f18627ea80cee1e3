#!/usr/bin/env python3
"""Fails when user-facing text uses a form the glossary says to avoid.

Reads the table in docs/glossary.md (English | zh-TW | Avoid) and searches
the string literals of src/ and lib/ (C++ sources and YAML data) for every
avoided form, except the guideline's own text in src/catalog/, which is
quoted as published. Usage: ui_terms.py ROOT
"""
import pathlib
import re
import sys


def avoided_forms(glossary: pathlib.Path):
    forms = []
    for line in glossary.read_text(encoding="utf-8").splitlines():
        cells = [cell.strip() for cell in line.strip().strip("|").split("|")]
        if len(cells) != 3 or cells[0] in ("English", "") or set(cells[0]) <= set("-"):
            continue
        for form in filter(None, (f.strip() for f in cells[2].split(","))):
            pattern = form[3:] if form.startswith("re:") else re.escape(form)
            forms.append((form, cells[1], re.compile(pattern)))
    return forms


STRING = re.compile(r'"(?:[^"\\\n]|\\.)*"')


def main() -> int:
    root = pathlib.Path(sys.argv[1])
    forms = avoided_forms(root / "docs/glossary.md")
    if len(forms) < 20:
        print(f"ui_terms: only {len(forms)} avoided forms read from docs/glossary.md")
        return 1
    problems = []
    files = [p for top in ("src", "lib") for p in (root / top).rglob("*")
             if p.suffix in (".cc", ".h", ".yaml") and "catalog" not in p.relative_to(root).parts[:2]]
    for path in sorted(files):
        for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
            texts = [line] if path.suffix == ".yaml" else STRING.findall(line)
            for text in texts:
                for form, preferred, pattern in forms:
                    if pattern.search(text):
                        problems.append(f"{path.relative_to(root)}:{number}: '{form}' — the "
                                        f"glossary's word is {preferred}")
    for problem in problems:
        print(problem)
    print(f"ui_terms: {len(files)} files, {len(forms)} avoided forms, {len(problems)} problems")
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main())
