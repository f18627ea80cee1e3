#!/usr/bin/env bash
# A year of the demo firm as its security officer lives it, in a workspace of
# its own (made afresh each run): the 2026 cycle with its deadline, results
# and evidence, a non-compliance with a remediation plan; the 2027 cycle
# started (dry run first) with the open plan carried over; the 2026 report
# signed off by the board's chair; the examiner's pack written and verified;
# and a tampered copy of the pack refused.
# Usage: year.sh ETGUARD OUT
set -euo pipefail
etguard=$1
out=$2
here=$(cd "$(dirname "$0")" && pwd)
ws=$out/year
rm -rf "$ws" "$out/pack-2026.zip" "$out/pack-2026-tampered.zip"
officer=(--actor "王小明 <ming.wang@xingbang.example>")
chair=(--actor "陳大同（董事長）")
e() { "$etguard" --workspace "$ws" "$@"; }

"$etguard" "${officer[@]}" init "$ws" >/dev/null
e "${officer[@]}" registers import "$here/registers.yaml" >/dev/null
echo "1. 2026 cycle, due 2026-12-31:"
e "${officer[@]}" --lang zh-TW cycle start 2026 --today 2026-01-05 --due 2026-12-31 --yes | sed 's/^/   /'
ETGUARD_ACTOR="王小明 <ming.wang@xingbang.example>" "$here/assess.sh" "$etguard" "$ws"
e "${officer[@]}" --lang zh-TW result set ET-8.2.3 --object cloud/trading-dr \
  --plan "兩個特權帳號啟用 FIDO2 多因子認證" --plan-owner "資訊處 系統維運部" --plan-due 2027-02-28 |
  sed 's/^/   /'
echo "2. 2027 cycle, due 2027-06-30 — first what it would do, then done:"
e "${officer[@]}" --lang zh-TW cycle start 2027 --today 2027-01-04 --due 2027-06-30 --dry-run | sed 's/^/   /'
e "${officer[@]}" --lang zh-TW cycle start 2027 --today 2027-01-04 --due 2027-06-30 --yes | sed 's/^/   /'
echo "   the plan carried over into 2027:"
e --lang zh-TW status --today 2027-01-04 | grep -A1 "未完成之改善計畫" | sed 's/^/   /' || true
echo "3. The 2026 report, signed off by the chair:"
e "${chair[@]}" --lang zh-TW cycle sign-off 2026 --statement "董事會 2027-03-20 第 12 次會議核定" |
  sed 's/^/   /'
e --lang zh-TW report --cycle 2026 --out "$out/board-2026.html" | sed 's/^/   /'
echo "4. The examiner's pack of 2026, and its check with the public key alone:"
e "${officer[@]}" pack --cycle 2026 --out "$out/pack-2026.zip" --json >"$out/pack-2026.json"
key=$(python3 -c 'import json, sys; print(json.load(open(sys.argv[1]))["public_key"])' "$out/pack-2026.json")
python3 - "$out/pack-2026.json" <<'PY'
import json, sys
p = json.load(open(sys.argv[1]))
print(f"   {p['out']}: {p['files']} files, {p['evidence_files']} evidence, "
      f"{p['signed_reports']} signed report(s); public key {p['public_key']}")
PY
rm -f "$out/pack-2026.json"
"$etguard" --lang zh-TW pack verify "$out/pack-2026.zip" --public-key "$key" | sed 's/^/   /'
echo "5. A copy with one evidence file changed is refused (exit 2), naming the file:"
python3 - "$out/pack-2026.zip" "$out/pack-2026-tampered.zip" <<'PY'
import sys, zipfile
src, dst = zipfile.ZipFile(sys.argv[1]), zipfile.ZipFile(sys.argv[2], "w")
for info in src.infolist():
    data = src.read(info.filename)
    if info.filename.startswith("evidence/") and not info.filename.endswith("index.csv"):
        data += " 已竄改".encode()
    dst.writestr(info.filename, data)
dst.close()
PY
if "$etguard" --lang zh-TW pack verify "$out/pack-2026-tampered.zip" --public-key "$key" >"$out/tampered.txt" 2>&1; then
  echo "   the tampered pack verified: this must not happen" >&2
  exit 1
fi
sed 's/^/   /' "$out/tampered.txt"
rm -f "$out/tampered.txt"
e ledger verify | sed 's/^/   /'
