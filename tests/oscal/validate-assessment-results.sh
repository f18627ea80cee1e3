#!/usr/bin/env bash
# Builds the demo firm's workspace (registers, results, evidence), writes the
# OSCAL assessment-results report in one language and validates it with ajv.
# Usage: validate-assessment-results.sh ETGUARD LANG NODE VALIDATOR SCHEMA WORKDIR
set -euo pipefail
etguard=$1 lang=$2 node=$3 validator=$4 schema=$5 work=$6
root=$(cd "$(dirname "$0")/../.." && pwd)
rm -rf "$work"
mkdir -p "$work"
"$etguard" init "$work/ws" >/dev/null
"$etguard" --workspace "$work/ws" registers import "$root/examples/demo-firm/registers.yaml" >/dev/null
"$root/examples/demo-firm/assess.sh" "$etguard" "$work/ws"
"$etguard" --workspace "$work/ws" --lang "$lang" report --format oscal-ar --out "$work/ar.json" >/dev/null
exec "$node" "$validator" "$schema" "$work/ar.json"
