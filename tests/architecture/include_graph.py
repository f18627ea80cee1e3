#!/usr/bin/env python3
"""The dependency rule, read from the include graph of src/.

    include_graph.py SRC_DIR        exit 1 listing every include that points
                                    up or sideways; 0 when the layers hold
    include_graph.py --self-test    proves the checker catches each kind

A module is a folder under src/ (src/catalog/* is one module, catalog). A
module may include itself and any module of a lower layer; never one of its
own layer (sideways) or above (upward). The CLI and the server, on top, go
through the application layer: they include no collector, no store, no
ledger, no workspace and no report (docs/architecture.md).
"""
import os
import re
import sys

# Lowest first. Modules in one layer know nothing of each other.
LAYERS = [
    ["core"],
    ["tabular", "pkcs11", "auth", "mail", "push"],
    ["catalog"],
    ["tls", "pii", "authlog", "fairness", "chatbot", "modelcard", "iot", "mobile", "cloud"],  # collectors
    ["checks"],
    ["assess"],
    ["store"],
    ["ledger"],
    ["workspace", "report", "pack"],
    ["app"],
    ["server"],  # a front end the CLI starts (etguard serve)
    ["cli"],
]
# What the front ends may not include even though it is below them.
FRONT_ENDS = {"cli", "server"}
BEHIND_THE_APP = {"auth", "mail", "push", "tls", "pii", "authlog", "fairness", "chatbot", "modelcard", "iot", "mobile", "cloud", "store", "ledger", "workspace", "report", "pack"}

LAYER_OF = {module: index for index, layer in enumerate(LAYERS) for module in layer}
INCLUDE = re.compile(r'^\s*#\s*include\s+"([a-z0-9_]+)/[^"]+"', re.MULTILINE)


def violations(files):
    """files: {path relative to src: text}. Returns a list of messages."""
    found = []
    for path, text in sorted(files.items()):
        module = path.split("/", 1)[0]
        if module not in LAYER_OF:
            found.append(f"src/{path}: module '{module}' has no layer; add it to LAYERS")
            continue
        for line, included in _includes(text):
            if included == module or included not in LAYER_OF:
                continue
            where = f"src/{path}:{line}: {module} includes {included}"
            if LAYER_OF[included] > LAYER_OF[module]:
                found.append(f"{where} (upward)")
            elif LAYER_OF[included] == LAYER_OF[module]:
                found.append(f"{where} (sideways)")
            elif module in FRONT_ENDS and included in BEHIND_THE_APP:
                found.append(f"{where} (a front end goes through app/)")
    return found


def _includes(text):
    for match in INCLUDE.finditer(text):
        yield text.count("\n", 0, match.start()) + 1, match.group(1)


def read_tree(src):
    files = {}
    for root, _, names in os.walk(src):
        for name in names:
            if name.endswith((".h", ".cc")):
                path = os.path.join(root, name)
                with open(path, encoding="utf-8") as handle:
                    files[os.path.relpath(path, src)] = handle.read()
    return files


def self_test():
    cases = {
        "upward": {"core/a.h": '#include "app/session.h"\n'},
        "sideways": {"tls/a.cc": '#include "pii/scanner.h"\n'},
        "front end": {"cli/a.cc": '#include "store/sqlite.h"\n'},
        "server behind the app": {"server/a.cc": '#include "workspace/workspace.h"\n'},
        "server starting the cli": {"server/a.cc": '#include "cli/app.h"\n'},
        "unknown module": {"newthing/a.cc": '#include "core/result.h"\n'},
    }
    for name, files in cases.items():
        if not violations(files):
            print(f"self-test: the {name} case was not caught", file=sys.stderr)
            return 1
    allowed = {"app/a.cc": '#include "workspace/workspace.h"\n#include "app/b.h"\n',
               "cli/a.cc": '#include "app/session.h"\n#include "catalog/catalog.h"\n',
               "cli/b.cc": '#include "server/serve.h"\n'}
    if violations(allowed):
        print(f"self-test: allowed includes refused: {violations(allowed)}", file=sys.stderr)
        return 1
    print("self-test: upward, sideways, front-end and unknown-module includes are caught")
    return 0


def main(argv):
    if argv[1:] == ["--self-test"]:
        return self_test()
    if len(argv) != 2:
        print(__doc__, file=sys.stderr)
        return 2
    files = read_tree(argv[1])
    found = violations(files)
    for message in found:
        print(message, file=sys.stderr)
    if found:
        print(f"include graph: {len(found)} include(s) break the layers", file=sys.stderr)
        return 1
    print(f"include graph: {len(files)} files, every include points down")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
