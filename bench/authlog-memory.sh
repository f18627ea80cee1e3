#!/usr/bin/env bash
# Memory of the auth-log analyzer per idle account and per actively tracked
# key, from the growth of peak RSS between two synthetic days (so the fixed
# costs — code, buffers — cancel out):
#   idle accounts   snapshots of N and 2N accounts, no events
#   tracked keys    N and 2N login failures, each from its own source on its
#                   own existing account: 3 keys each (the source, the
#                   account, the pair), with their strings interned
# usage: bench/authlog-memory.sh [ETGUARD_BINARY] [N]
set -euo pipefail
etguard=$(realpath "${1:-build/bin/etguard}")
n=${2:-200000}
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

accounts() {  # COUNT -> snapshot lines
  awk -v n="$1" 'BEGIN { for (i = 0; i < n; i++) printf "{\"user\":{\"name\":\"A%09d\",\"id\":\"9800-%d\",\"type\":\"customer\"},\"status\":{\"locked\":false,\"consecutive_failures\":0},\"password_last_changed\":\"2025-03-01T00:00:00.000Z\"}\n", i, i }'
}
# On an employee channel and one failure per source, so no attack rule fires:
# what is measured is the state kept per key, not the size of a finding.
failures() {  # COUNT -> events: one bad password per (source, account), 50 ms apart
  awk -v n="$1" 'BEGIN { for (i = 0; i < n; i++) { s = i * 50; printf "{\"@timestamp\":\"2025-03-12T%02d:%02d:%02d.%03dZ\",\"event\":{\"id\":\"%016x\",\"action\":\"login\",\"outcome\":\"failure\",\"reason\":\"bad_password\"},\"service\":{\"name\":\"crm\"},\"user\":{\"name\":\"A%09d\",\"id\":\"9800-%d\",\"type\":\"customer\"},\"source\":{\"ip\":\"10.%d.%d.%d\"}}\n", int(s / 3600000), int(s / 60000) % 60, int(s / 1000) % 60, s % 1000, i + 1, i, i, int(i / 65536) % 256, int(i / 256) % 256, i % 256 } }'
}
peak_kb() { { /usr/bin/time -f "%M" "$etguard" scan authlog "$@" >/dev/null || true; } 2>&1 | tail -1; }

accounts "$n" > "$work/a1.jsonl"
accounts $((2 * n)) > "$work/a2.jsonl"
failures "$n" > "$work/f1.jsonl"
failures $((2 * n)) > "$work/f2.jsonl"
a1=$(peak_kb /dev/null --accounts "$work/a1.jsonl")
a2=$(peak_kb /dev/null --accounts "$work/a2.jsonl")
f1=$(peak_kb "$work/f1.jsonl")
f2=$(peak_kb "$work/f2.jsonl")
printf 'idle accounts: peak RSS %d KB (%d accounts) -> %d KB (%d): %.1f bytes per idle account (goal <= 64)\n' \
  "$a1" "$n" "$a2" $((2 * n)) "$(echo "($a2 - $a1) * 1024 / $n" | bc -l)"
printf 'tracked keys:  peak RSS %d KB (%d failures) -> %d KB (%d): %.1f bytes per tracked key (3 keys per failure; goal <= 512)\n' \
  "$f1" "$n" "$f2" $((2 * n)) "$(echo "($f2 - $f1) * 1024 / (3 * $n)" | bc -l)"
