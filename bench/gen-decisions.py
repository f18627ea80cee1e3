#!/usr/bin/env python3
"""Generate a model decision log with known disparities, for etguard scan ai-fairness.

gen-decisions.py ROWS OUT [--seed N] [--bias G=RATE ...] [--format csv|jsonl]

Columns: id, gender (F/M/X), age_band (<30, 30-49, 50+), region (N/C/S/E),
y (true outcome, 0/1), yhat (decision, 0/1), p (score in [0, 1]). The score
is calibrated for everybody except where --bias lowers a gender's decision
rate: yhat = p > 0.5, then a biased group's positive decisions are dropped
with probability 1 - RATE. Standard library only; the same seed gives the
same file.
"""
import argparse
import json
import random
import sys


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("rows", type=int)
    parser.add_argument("out")
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--bias", action="append", default=[],
                        help="GENDER=KEEP: keep this share of the group's positive decisions")
    parser.add_argument("--format", choices=["csv", "jsonl"], default="csv")
    args = parser.parse_args()
    keep = {}
    for item in args.bias:
        group, rate = item.split("=")
        keep[group] = float(rate)
    rng = random.Random(args.seed)
    genders = ["F", "M", "X"]
    gender_weights = [0.48, 0.48, 0.04]
    bands = ["<30", "30-49", "50+"]
    regions = ["N", "C", "S", "E"]
    out = sys.stdout if args.out == "-" else open(args.out, "w", encoding="utf-8", newline="\n")
    if args.format == "csv":
        out.write("id,gender,age_band,region,y,yhat,p\n")
    buffer = []
    for i in range(args.rows):
        gender = rng.choices(genders, gender_weights)[0]
        band = bands[rng.randrange(3)]
        region = regions[rng.randrange(4)]
        p = rng.random()
        y = 1 if rng.random() < p else 0
        yhat = 1 if p > 0.5 else 0
        if yhat == 1 and gender in keep and rng.random() >= keep[gender]:
            yhat = 0
        if args.format == "csv":
            buffer.append(f"{i},{gender},{band},{region},{y},{yhat},{p:.6f}\n")
        else:
            buffer.append(json.dumps({"id": i, "gender": gender, "age_band": band, "region": region,
                                      "y": y, "yhat": yhat, "p": round(p, 6)}) + "\n")
        if len(buffer) >= 100000:
            out.write("".join(buffer))
            buffer.clear()
    out.write("".join(buffer))
    if out is not sys.stdout:
        out.close()


if __name__ == "__main__":
    main()
