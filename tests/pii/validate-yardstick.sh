#!/usr/bin/env bash
# make validate: the PII scanner on the yardstick's dev corpus and on two
# other seeds, scored by its score.py; fails below 0.995 precision or recall
# for any type.
# Usage: tests/pii/validate-yardstick.sh ETGUARD BENCH_PII_DIR
set -euo pipefail
etguard=$(realpath "$1")
bench=$2
work=$(mktemp -d /tmp/etguard-validate-pii.XXXXXX)
trap 'rm -rf "$work"' EXIT
for seed in 1 2 3; do
  python3 "$bench/gen_corpus.py" --seed "$seed" --size-mb 20 --out-dir "$work/s$seed" >/dev/null
  (cd "$work/s$seed" && "$etguard" scan pii . --include '*.log' --format jsonl > "$work/f$seed.jsonl") || true
  python3 "$bench/score.py" --truth "$work/s$seed/truth.jsonl" --pred "$work/f$seed.jsonl" \
    --negatives "$work/s$seed/hard_negatives.jsonl.gz" --json "$work/r$seed.json" > /dev/null
  python3 - "$work/r$seed.json" "$seed" <<'PY'
import json, sys
report = json.load(open(sys.argv[1]))
worst = min((min(v["precision"], v["recall"]), t) for t, v in report["types"].items())
print(f"validate: PII seed {sys.argv[2]}: {len(report['types'])} types, lowest precision/recall {worst[0]:.4f} ({worst[1]})")
sys.exit(0 if worst[0] >= 0.995 else 1)
PY
done
