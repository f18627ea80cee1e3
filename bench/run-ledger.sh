#!/usr/bin/env bash
# The ledger benchmark beside its ceiling, in one run on this machine:
# OpenSSL's raw SHA-256 rate on ledger-sized inputs (256 bytes), then
# etguard's durable append and full verify of ENTRIES entries.
set -euo pipefail
bin=${1:?usage: run-ledger.sh BUILD_BIN_DIR [ENTRIES] [BATCH]}
entries=${2:-1000000}
batch=${3:-10000}
echo "== openssl speed sha256 (256-byte blocks, 3 s), the hashing ceiling"
openssl speed -seconds 3 -bytes 256 sha256 2>/dev/null | tail -1
echo "== etguard ledger: $entries entries, durable commit every $batch"
"$bin/ledger_throughput" "$entries" "$batch"
