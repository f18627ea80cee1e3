#!/usr/bin/env bash
# etauth's benchmarks with a throwaway SoftHSM2 token for the pepper, one
# thread: replay-guard checks per second (goal >= 5 M/s per core) and one
# password verification split into NFKC, Argon2id (OWASP: 19 MiB, t=2, p=1)
# and the HMAC in the device. `openssl speed` is run alongside for the
# machine's HMAC rate in software.
# usage: bench/run-etauth.sh [BUILD_DIR]
set -euo pipefail
build=${1:-build}
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
mkdir -p "$work/tokens"
printf 'directories.tokendir = %s\nobjectstore.backend = file\nlog.level = ERROR\n' "$work/tokens" > "$work/softhsm2.conf"
export SOFTHSM2_CONF=$work/softhsm2.conf
softhsm2-util --init-token --free --label etauth-bench --so-pin 5678 --pin 1234 >/dev/null
export ETAUTH_BENCH_PKCS11_URI="pkcs11:token=etauth-bench?module-path=/usr/lib/softhsm/libsofthsm2.so"
export ETAUTH_BENCH_PKCS11_PIN=1234
"$build/bin/etauth_bench" --benchmark_min_time=0.5
echo
echo "openssl speed, HMAC-SHA256 in software on this machine (for the device's overhead):"
openssl speed -seconds 2 -hmac sha256 2>/dev/null | tail -2
