#!/usr/bin/python3
"""Compare etguard's etguard.ai_fairness JSON with bench/fairness-peer.py's output.

fairness-compare.py ETGUARD.json PEER.json [--tolerance 1e-9]

Every group's size and rates and every disparity must agree within the
tolerance (both undefined counts as agreeing). Prints how many values were
compared and the largest difference; exit 1 on any disagreement.
"""
import argparse
import json
import sys

RATES = ["selection_rate", "base_rate", "true_positive_rate", "false_positive_rate",
         "true_negative_rate", "false_negative_rate", "calibration_error"]


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("etguard")
    parser.add_argument("peer")
    parser.add_argument("--tolerance", type=float, default=1e-9)
    args = parser.parse_args()
    ours = json.load(open(args.etguard, encoding="utf-8"))
    peer = json.load(open(args.peer, encoding="utf-8"))
    problems = []
    compared = 0
    largest = 0.0

    def same(where, a, b):
        nonlocal compared, largest
        compared += 1
        if a is None or b is None:
            if a is not None or b is not None:
                problems.append(f"{where}: etguard {a}, peer {b}")
            return
        difference = abs(a - b)
        largest = max(largest, difference)
        if difference > args.tolerance:
            problems.append(f"{where}: etguard {a!r}, peer {b!r} (differ by {difference:.3g})")

    if ours["rows"] != peer["rows"]:
        problems.append(f"rows: etguard {ours['rows']}, peer {peer['rows']}")
    if len(ours["groupings"]) != len(peer["groupings"]):
        problems.append("a different number of groupings")
    for grouping in ours["groupings"]:
        name = " x ".join(grouping["columns"])
        theirs = peer["groupings"].get(name)
        if theirs is None:
            problems.append(f"{name}: not in the peer's output")
            continue
        if len(grouping["groups"]) != len(theirs["groups"]):
            problems.append(f"{name}: {len(grouping['groups'])} groups, peer {len(theirs['groups'])}")
        for group in grouping["groups"]:
            label = " / ".join(group["values"])
            other = theirs["groups"].get(label)
            if other is None:
                problems.append(f"{name} {label}: not in the peer's output")
                continue
            if group["n"] != other["n"]:
                problems.append(f"{name} {label}: n {group['n']}, peer {other['n']}")
            for rate in RATES:
                if rate in group or rate in other:
                    same(f"{name} {label} {rate}", group.get(rate), other.get(rate))
        for disparity in grouping["disparities"]:
            same(f"{name} {disparity['metric']}", disparity["value"],
                 theirs["disparities"].get(disparity["metric"]))
    print(f"compared {compared} values; largest difference {largest:.3g}; "
          f"{len(problems)} disagreement(s)")
    for problem in problems[:20]:
        print("  " + problem)
    sys.exit(1 if problems else 0)


if __name__ == "__main__":
    main()
