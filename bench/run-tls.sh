#!/usr/bin/env bash
# The TLS checker against its peers, side by side in one run, on the same
# server matrix (../shared/bench/tls by default) with the same concurrency:
#   etguard scan tls --jobs N          (full enumeration + Art. 34 verdicts)
#   sslscan, one process per target   (xargs -P N)
#   testssl.sh --parallel              (skip with SKIP_TESTSSL=1; it takes minutes)
# usage: bench/run-tls.sh [ETGUARD_BINARY] [MATRIX_DIR]
set -euo pipefail
etguard=${1:-build/bin/etguard}
matrix_dir=${2:-../shared/bench/tls}
[[ -x $matrix_dir/matrix.sh ]] || { echo "run-tls: $matrix_dir/matrix.sh not found" >&2; exit 2; }
work=$(mktemp -d /tmp/etguard-bench-tls.XXXXXX)
export TLS_MATRIX_STATE=$work/matrix.state
trap '"$matrix_dir/matrix.sh" stop >/dev/null 2>&1 || true; rm -rf "$work"' EXIT
"$matrix_dir/matrix.sh" start 2>/dev/null
"$matrix_dir/matrix.sh" targets > "$work/targets"
ca=$("$matrix_dir/matrix.sh" ca)
n=$(wc -l < "$work/targets")
now() { date +%s.%N; }
elapsed() { echo "$2 - $1" | bc; }

echo "targets: $n (concurrency $n for every tool)"

start=$(now)
"$etguard" scan tls --ca "$ca" --targets "$work/targets" --jobs "$n" --format jsonl > "$work/etguard.jsonl" || true
etguard_s=$(elapsed "$start" "$(now)")
python3 - "$work/etguard.jsonl" <<'PY'
import json, statistics, sys
rows = [json.loads(l) for l in open(sys.argv[1]) if '"kind":"endpoint"' in l]
hs = [r["handshakes"] for r in rows]
secs = [r["seconds"] for r in rows]
print(f"etguard: {len(rows)} endpoints, handshakes per endpoint min {min(hs)} median {statistics.median(hs)} max {max(hs)}, "
      f"seconds per endpoint median {statistics.median(secs):.3f} max {max(secs):.3f}")
PY

start=$(now)
xargs -P "$n" -I{} sh -c 'sslscan --no-colour --show-sigs "$1" > "$2/sslscan.$(echo "$1" | tr : _).txt" 2>&1' _ {} "$work" < "$work/targets"
sslscan_s=$(elapsed "$start" "$(now)")

testssl_s=""
if [[ ${SKIP_TESTSSL:-0} != 1 ]]; then
  start=$(now)
  testssl --quiet --color 0 --warnings off --parallel --add-ca "$ca" --jsonfile "$work/testssl.json" --file "$work/targets" \
    > "$work/testssl.txt" 2>&1 || true
  testssl_s=$(elapsed "$start" "$(now)")
fi

printf '\n%-28s %10s %12s\n' "tool" "wall (s)" "vs etguard"
printf '%-28s %10.3f %12s\n' "etguard scan tls" "$etguard_s" "1.0x"
printf '%-28s %10.3f %11.1fx\n' "sslscan 2.0.7 (xargs -P $n)" "$sslscan_s" "$(echo "$sslscan_s / $etguard_s" | bc -l)"
if [[ -n $testssl_s ]]; then
  printf '%-28s %10.3f %11.1fx\n' "testssl.sh 3.0.8 --parallel" "$testssl_s" "$(echo "$testssl_s / $etguard_s" | bc -l)"
fi
echo
echo "Art. 34 verdicts and reason codes on $matrix_dir/matrix.tsv (peers: their observations, etguard's policy):"
score() { python3 "$(dirname "$0")/../tests/tls/score-matrix.py" "$@" | tail -1; }
echo "  etguard: $(score "$matrix_dir/matrix.tsv" "$work/etguard.jsonl")"
python3 "$(dirname "$0")/tls-peer-verdicts.py" sslscan "$work" > "$work/sslscan.jsonl"
echo "  sslscan: $(score --ignore-warnings "$matrix_dir/matrix.tsv" "$work/sslscan.jsonl") (warnings not counted)"
if [[ -f $work/testssl.json ]]; then
  python3 "$(dirname "$0")/tls-peer-verdicts.py" testssl "$work/testssl.json" > "$work/testssl.jsonl"
  echo "  testssl: $(score --ignore-warnings "$matrix_dir/matrix.tsv" "$work/testssl.jsonl") (warnings not counted)"
fi
if [[ -n ${KEEP:-} ]]; then
  mkdir -p "$KEEP" && cp "$work"/*.jsonl "$work"/sslscan.*.txt "$KEEP"/ && cp "$work"/testssl.json "$KEEP"/ 2>/dev/null || true
  echo "outputs kept in $KEEP"
fi
