#!/usr/bin/env python3
"""Precision and recall of `etguard scan genai-log --format jsonl` against the
truth bench/gen-genai-log.py wrote: a finding is right when a value of its
type was planted on its line.

usage: bench/genai-score.py TRUTH FINDINGS
"""
import collections
import json
import sys


def main():
    truth = collections.Counter()
    for line in open(sys.argv[1]):
        record = json.loads(line)
        truth[(record["line"], record["type"])] += 1
    found = collections.Counter()
    for line in open(sys.argv[2]):
        record = json.loads(line)
        if record.get("record") == "finding":
            found[(record["line"], record["type"])] += 1
    types = sorted({t for _, t in truth} | {t for _, t in found})
    print(f"{'type':<22} {'planted':>8} {'found':>8} {'right':>8} {'precision':>10} {'recall':>8}")
    for kind in types + ["all"]:
        keys = [k for k in set(truth) | set(found) if kind in ("all", k[1])]
        planted = sum(truth[k] for k in keys)
        reported = sum(found[k] for k in keys)
        right = sum(min(truth[k], found[k]) for k in keys)
        precision = right / reported if reported else 1.0
        recall = right / planted if planted else 1.0
        print(f"{kind:<22} {planted:>8} {reported:>8} {right:>8} {precision:>10.4f} {recall:>8.4f}")


if __name__ == "__main__":
    main()
