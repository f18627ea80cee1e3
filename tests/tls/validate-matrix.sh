#!/usr/bin/env bash
# Runs the shared TLS matrix (../shared/bench/tls), scans it and scores every
# verdict and reason code against matrix.tsv. Used by `make validate`.
# usage: tests/tls/validate-matrix.sh ETGUARD_BINARY SHARED_TLS_DIR
set -euo pipefail
etguard=$1
matrix_dir=$2
here=$(cd "$(dirname "$0")" && pwd)
export TLS_MATRIX_STATE=$(mktemp -u /tmp/etguard-validate-matrix.XXXXXX)
trap '"$matrix_dir/matrix.sh" stop >/dev/null 2>&1 || true; rm -f "$out" "$targets"' EXIT
out=$(mktemp) targets=$(mktemp)
echo "validate: the TLS checker against $matrix_dir/matrix.tsv"
"$matrix_dir/matrix.sh" start
"$matrix_dir/matrix.sh" targets > "$targets"
"$etguard" scan tls --ca "$("$matrix_dir/matrix.sh" ca)" --targets "$targets" --format jsonl > "$out" || true
python3 "$here/score-matrix.py" "$matrix_dir/matrix.tsv" "$out"
