#!/usr/bin/env python3
"""Result cache for clang-tidy, keyed by everything a unit's analysis reads.

  tidy_cache.py key BUILD_DIR UNIT...   prints "KEY UNIT" for each unit
  tidy_cache.py dir                     prints the cache directory
  tidy_cache.py commands BUILD_DIR OUT  writes BUILD_DIR's compile_commands.json
                                        to OUT without the precompiled header
                                        (GCC's .gch means nothing to clang)
                                        and with unity batches as their sources

A unit's key hashes the clang-tidy version, .clang-tidy, the extra arguments
(TIDY_ARGS), the compile command with the checkout path taken out, and every
file ninja recorded as a dependency of the unit's object: project files by
content, system headers by path, size and modification time. A unit that was
clean under the same key is clean again; scripts/lint only stamps a key after
clang-tidy passed, so a failure is never cached.
"""
import hashlib
import json
import os
import re
import subprocess
import sys


def cache_dir():
    base = os.environ.get("XDG_CACHE_HOME") or os.path.join(os.path.expanduser("~"), ".cache")
    return os.path.join(base, "etguard", "clang-tidy")


def ninja_deps(build, objects):
    out = subprocess.run(["ninja", "-C", build, "-t", "deps", *objects],
                         check=True, capture_output=True, text=True).stdout
    deps, current = {}, None
    for line in out.splitlines():
        if line and not line[0].isspace():
            current = line.split(":", 1)[0]
            deps[current] = []
        elif line.strip() and current is not None:
            deps[current].append(line.strip())
    return deps


def file_digest(path, root):
    if path.startswith(root + "/"):
        with open(path, "rb") as f:
            return "P " + os.path.relpath(path, root) + " " + hashlib.sha256(f.read()).hexdigest()
    st = os.stat(path)
    return f"S {path} {st.st_size} {st.st_mtime_ns}"


PCH_ARGS = re.compile(r"\s-Winvalid-pch|\s-include\s+\S*cmake_pch\.hxx")


UNITY_SOURCE = re.compile(r"/Unity/unity_\d+_cxx\.cxx$")
UNITY_INCLUDE = re.compile(r'^#include "([^"]+)"$', re.MULTILINE)


def unity_members(command):
    """One command per source a unity batch includes, each compiled as the
    batch is; the batch's object (so its recorded dependencies, a superset
    of the source's) keys the cache."""
    with open(command["file"]) as f:
        sources = UNITY_INCLUDE.findall(f.read())
    return [dict(command, file=source, command=command["command"].replace(command["file"], source))
            for source in sources]


def load_commands(build):
    """The build's compile commands, without its precompiled header, with
    each unity batch (cmake/BuildSpeed.cmake) given back as its sources."""
    with open(os.path.join(build, "compile_commands.json")) as f:
        commands = json.load(f)
    for command in commands:
        command["command"] = PCH_ARGS.sub("", command["command"])
    return commands + [member for command in commands if UNITY_SOURCE.search(command["file"])
                       for member in unity_members(command)]


def main():
    if sys.argv[1:2] == ["dir"]:
        print(cache_dir())
        return 0
    if len(sys.argv) == 4 and sys.argv[1] == "commands":
        with open(os.path.join(sys.argv[3], "compile_commands.json"), "w") as f:
            json.dump(load_commands(sys.argv[2]), f, indent=1)
        return 0
    if len(sys.argv) < 4 or sys.argv[1] != "key":
        print(__doc__, file=sys.stderr)
        return 2
    build, units = sys.argv[2], sys.argv[3:]
    root = os.path.abspath(os.path.join(os.path.dirname(__file__), ".."))
    commands = {os.path.relpath(c["file"], root): c for c in load_commands(build)}
    version = subprocess.run(["clang-tidy-19", "--version"], check=True,
                             capture_output=True, text=True).stdout
    with open(os.path.join(root, ".clang-tidy"), "rb") as f:
        config = f.read()
    common = hashlib.sha256(version.encode() + config + os.environ.get("TIDY_ARGS", "").encode())

    objects = {}
    for unit in units:
        command = commands.get(unit)
        if command is None:
            continue  # not compiled in this build: scripts/lint reports it
        found = re.search(r"\s-o\s+(\S+)", command["command"])
        if found:
            objects[unit] = found.group(1)
    deps = ninja_deps(build, list(objects.values())) if objects else {}
    for unit in units:
        obj = objects.get(unit)
        if obj is None or not deps.get(obj):
            print(f"none {unit}")  # no dependency record: always analysed
            continue
        h = common.copy()
        h.update(commands[unit]["command"].replace(root, ".").encode())
        for dep in deps[obj]:
            if "cmake_pch" in dep:
                continue  # GCC's precompiled header: clang-tidy never reads it
            h.update(file_digest(os.path.abspath(os.path.join(build, dep)), root).encode())
        print(f"{h.hexdigest()} {unit}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
