#!/usr/bin/env python3
"""Scores `etguard scan tls --format jsonl` endpoint records against a matrix.tsv.

usage: score-matrix.py [--ignore-warnings] MATRIX.tsv FINDINGS.jsonl

PASS rows need verdict pass; FAIL rows need verdict fail with every expected
reason code. Extra codes are allowed only where the row's notes name the open
interpretation that produces them (R_X25519 -> KX_GROUP_WEAK, R_CHACHA20 /
R_CAMELLIA_ARIA / R_CCM8 -> CIPHER_WEAK). REVIEW rows accept pass or fail.
Expected warnings (W_*) must be reported. Exit 1 on any disagreement.
"""
import json
import sys

ALLOWED_BY_NOTE = {
    "R_X25519": {"KX_GROUP_WEAK"},
    "R_CHACHA20": {"CIPHER_WEAK"},
    "R_CAMELLIA_ARIA": {"CIPHER_WEAK"},
    "R_CCM8": {"CIPHER_WEAK"},
}


def main():
    args = sys.argv[1:]
    ignore_warnings = "--ignore-warnings" in args
    matrix_path, findings_path = [a for a in args if not a.startswith("--")]
    endpoints = {}
    with open(findings_path, encoding="utf-8") as findings:
        for line in findings:
            record = json.loads(line)
            if record.get("kind") == "endpoint":
                endpoints[record["target"].rsplit(":", 1)[-1]] = record
    wrong = 0
    rows = 0
    with open(matrix_path, encoding="utf-8") as matrix:
        for line in matrix:
            if line.startswith("#") or line.startswith("port\t") or not line.strip():
                continue
            port, _engine, name, _description, expected, reasons, notes = line.rstrip("\n").split("\t")
            rows += 1
            got = endpoints.get(port)
            if got is None:
                print(f"MISSING {port} {name}: no endpoint record")
                wrong += 1
                continue
            expected_codes = set() if reasons == "-" else set(reasons.split(","))
            note_words = notes.replace(";", " ").split()
            expected_warnings = {w for w in note_words if w.startswith("W_")}
            allowed = set(expected_codes)
            for word in note_words:
                allowed |= ALLOWED_BY_NOTE.get(word, set())
            got_codes = set(got["reasons"])
            problems = []
            if expected == "PASS" and got["verdict"] != "pass":
                problems.append(f"verdict {got['verdict']} (expected pass)")
            if expected == "FAIL" and got["verdict"] != "fail":
                problems.append(f"verdict {got['verdict']} (expected fail)")
            if expected == "REVIEW" and got["verdict"] not in ("pass", "fail"):
                problems.append(f"verdict {got['verdict']} (expected pass or fail)")
            if expected_codes - got_codes:
                problems.append(f"missing {sorted(expected_codes - got_codes)}")
            if got_codes - allowed:
                problems.append(f"unexpected {sorted(got_codes - allowed)}")
            known_warnings = {"W_SIG_SHA1_ACCEPTED", "W_UNTRUSTED"}
            if not ignore_warnings and (expected_warnings & known_warnings) - set(got.get("warnings", [])):
                problems.append(f"missing warnings {sorted((expected_warnings & known_warnings) - set(got['warnings']))}")
            status = "ok     " if not problems else "WRONG  "
            wrong += bool(problems)
            print(f"{status}{port} {name:18} {expected:6} got {got['verdict']:5} {','.join(got['reasons']) or '-'}"
                  + (f"  <- {'; '.join(problems)}" if problems else ""))
    print(f"{rows - wrong}/{rows} rows right")
    return 1 if wrong else 0


if __name__ == "__main__":
    sys.exit(main())
