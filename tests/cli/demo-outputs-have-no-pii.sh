#!/usr/bin/env bash
# Issue 14.6: no customer identifier in etguard's own outputs. Runs what
# `make run` runs (examples/demo-firm/run.sh) into a fresh directory, then
# etguard's own PII scanner over everything it wrote — reports, exports,
# findings, the SIEM feed, the masked logs, the workspaces and their evidence
# stores — and fails naming each finding.
# Usage: demo-outputs-have-no-pii.sh ETGUARD WORKDIR
set -euo pipefail
etguard=$1 work=$2
root=$(cd "$(dirname "$0")/../.." && pwd)
rm -rf "$work"
mkdir -p "$work"
ETGUARD_ACTOR=tester "$root/examples/demo-firm/run.sh" "$etguard" "$work/out" > "$work/run.log" 2>&1 ||
  { cat "$work/run.log"; echo "FAIL: examples/demo-firm/run.sh failed"; exit 1; }
files=$(find "$work/out" -type f | wc -l)
rc=0
"$etguard" scan pii "$work/out" --format jsonl > "$work/findings.jsonl" || rc=$?
if ((rc != 0)); then
  cat "$work/findings.jsonl"
  echo "FAIL: etguard scan pii found personal data in what make run writes (exit $rc)"
  exit 1
fi
echo "ok: $files files written by make run, no personal data found"
rm -rf "$work"
