#!/usr/bin/env bash
# A model card (YAML) checked against docs/schemas/model-card.schema.json
# with ajv: the file editors validate against says what etguard reads.
# Usage: validate-model-card.sh NODE VALIDATOR SCHEMA CARD.yaml OUT.json
set -euo pipefail
node=$1 validator=$2 schema=$3 card=$4 out=$5
# Dates stay text, as etguard reads them.
/usr/bin/python3 - "$card" "$out" <<'PY'
import json, sys, yaml
class Loader(yaml.SafeLoader):
    pass
Loader.yaml_implicit_resolvers = {k: [r for r in v if r[0] != "tag:yaml.org,2002:timestamp"]
                                  for k, v in yaml.SafeLoader.yaml_implicit_resolvers.items()}
json.dump(yaml.load(open(sys.argv[1], encoding="utf-8"), Loader=Loader), open(sys.argv[2], "w"),
          ensure_ascii=False)
PY
exec "$node" "$validator" "$schema" "$out"
