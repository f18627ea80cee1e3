#!/usr/bin/python3
"""The peer of etguard scan ai-fairness: the same metrics with pandas and scikit-learn.

fairness-peer.py LOG.csv --group gender,age_band [--label y] [--pred yhat] [--score p]
                 [--min-group-size 30] [--bins 10] > peer.json

Reads the log with pandas.read_csv, groups it with DataFrame.groupby (each
column alone, then every combination, as etguard does), and per group takes
the confusion matrix from sklearn.metrics.confusion_matrix and the
reliability curve from sklearn.calibration.calibration_curve. Disparities over
the groups of at least --min-group-size rows follow docs/ai-fairness.md.
Prints JSON with the metrics and the seconds spent (reading, computing).
"""
import argparse
import itertools
import json
import math
import sys
import time

import numpy as np
import pandas as pd
from sklearn.calibration import calibration_curve
from sklearn.metrics import confusion_matrix


def ratio(part, whole):
    return part / whole if whole else None


def spread(rates, key):
    values = [(r[key], label) for label, r in rates.items() if r["judged"] and r[key] is not None]
    if len(values) < 2:
        return None
    return max(v for v, _ in values) - min(v for v, _ in values)


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("log")
    parser.add_argument("--group", required=True)
    parser.add_argument("--label", default="y")
    parser.add_argument("--pred", default="yhat")
    parser.add_argument("--score")
    parser.add_argument("--min-group-size", type=int, default=30)
    parser.add_argument("--bins", type=int, default=10)
    args = parser.parse_args()
    groups = args.group.split(",")
    started = time.perf_counter()
    columns = groups + [args.label, args.pred] + ([args.score] if args.score else [])
    frame = pd.read_csv(args.log, usecols=columns, dtype={g: str for g in groups})
    read = time.perf_counter() - started
    edges = np.linspace(0.0, 1.0, args.bins + 1)
    result = {}
    for size in range(1, len(groups) + 1):
        for subset in itertools.combinations(groups, size):
            rates = {}
            by = subset[0] if len(subset) == 1 else list(subset)
            for key, part in frame.groupby(by, sort=True):
                key = key if isinstance(key, tuple) else (key,)
                label = " / ".join(str(k) for k in key)
                tn, fp, fn, tp = confusion_matrix(part[args.label], part[args.pred],
                                                  labels=[0, 1]).ravel()
                tn, fp, fn, tp = int(tn), int(fp), int(fn), int(tp)
                n = tn + fp + fn + tp
                entry = {"n": n, "judged": n >= args.min_group_size,
                         "selection_rate": ratio(tp + fp, n), "base_rate": ratio(tp + fn, n),
                         "true_positive_rate": ratio(tp, tp + fn),
                         "false_positive_rate": ratio(fp, fp + tn),
                         "true_negative_rate": ratio(tn, fp + tn),
                         "false_negative_rate": ratio(fn, tp + fn)}
                if args.score:
                    prob_true, prob_pred = calibration_curve(part[args.label], part[args.score],
                                                             n_bins=args.bins, strategy="uniform")
                    counts = np.bincount(np.searchsorted(edges[1:-1], part[args.score]),
                                         minlength=args.bins)
                    counts = counts[counts != 0]
                    entry["calibration_error"] = float(np.sum(counts / n * np.abs(prob_true - prob_pred)))
                rates[label] = entry
            disparities = {}
            selection = spread(rates, "selection_rate")
            disparities["demographic_parity_difference"] = selection
            if selection is not None:
                judged = [r["selection_rate"] for r in rates.values() if r["judged"]]
                disparities["demographic_parity_ratio"] = (
                    1.0 if max(judged) == 0 else min(judged) / max(judged))
            else:
                disparities["demographic_parity_ratio"] = None
            tpr = spread(rates, "true_positive_rate")
            fpr = spread(rates, "false_positive_rate")
            disparities["equal_opportunity_difference"] = tpr
            defined = [v for v in (tpr, fpr) if v is not None]
            disparities["equalized_odds_difference"] = max(defined) if defined else None
            if args.score:
                errors = [r["calibration_error"] for r in rates.values() if r["judged"]]
                disparities["calibration_error_max"] = max(errors) if len(errors) >= 2 else None
            result[" x ".join(subset)] = {"groups": rates, "disparities": disparities}
    total = time.perf_counter() - started
    json.dump({"rows": int(len(frame)), "seconds": {"read": read, "total": total},
               "groupings": result}, sys.stdout)


if __name__ == "__main__":
    main()
