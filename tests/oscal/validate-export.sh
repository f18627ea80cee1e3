#!/usr/bin/env bash
# Exports the catalog as OSCAL in one language and validates it with ajv.
# Usage: validate-export.sh ETGUARD LANG NODE VALIDATOR SCHEMA OUT
set -euo pipefail
etguard=$1 lang=$2 node=$3 validator=$4 schema=$5 out=$6
"$etguard" catalog export --format oscal --lang "$lang" --out "$out"
exec "$node" "$validator" "$schema" "$out"
