#!/usr/bin/env bash
# A partial assessment of the demo firm: a few results of each kind, as a
# security officer would record them. Usage: assess.sh ETGUARD WORKSPACE
set -euo pipefail
etguard=$1
ws=$2
set_result() { "$etguard" --workspace "$ws" result set "$@" >/dev/null; }
set_result ET-4.1.1 --status compliant --owner 資訊處 --assessed 2026-03-15 \
  --note "雲端服務管理政策 v3.2，董事會 2026-03 核定"
set_result ET-5.1 --object cloud/trading-dr --status compliant --owner 資訊處 --assessed 2026-03-15
set_result ET-5.1 --object cloud/crm-saas --status partially_compliant --owner 經紀業務部 --assessed 2025-06-10 \
  --note "財務健全性資料尚未取得"
set_result ET-8.2.3 --object cloud/trading-dr --status non_compliant --owner 資訊處 --assessed 2026-10-02 \
  --note "兩個特權帳號尚未啟用多因子認證" --due 2026-12-31
set_result ET-8.6.2 --object cloud/crm-saas --status compensating_control --owner 法令遵循部 --assessed 2026-05-20 \
  --note "以代碼化取代境外傳輸之身分證字號"
set_result ET-12.1 --status compliant --owner 數位行銷部 --assessed 2025-11-30
set_result ET-20.3 --object mobile_app/xingbang-trade --status compliant --owner 數位金融部 --assessed 2026-04-18
set_result ET-22 --status compliant --owner 總務部 --assessed 2025-09-01
set_result ET-36.5 --object trading/web-trading --status compliant --owner 交易系統部 --assessed 2026-09-10
set_result ET-36.7 --object trading/web-trading --status compliant --owner 資安部 --assessed 2026-11-25
set_result ET-41 --status compliant --owner 人力資源部 --assessed 2025-10-01 --note "2025 年度資安教育訓練含深度偽造課程"
set_result ET-46.1 --object ai/robo-advisor --status partially_compliant --owner 財富管理部 --assessed 2026-07-01
# Evidence: a file kept in the content-addressed store, and a link.
evidence_file=$(mktemp --suffix=.txt)
trap 'rm -f "$evidence_file"' EXIT
printf '2026-11-25 每日登入失敗與非客戶帳號嘗試分析：失敗 1,284 筆、鎖定 37 個帳號、無異常來源。\n' > "$evidence_file"
"$etguard" --workspace "$ws" evidence add ET-36.7 --object trading/web-trading --file "$evidence_file" \
  --title "每日登入監控報告 2026-11-25" --from 2026-11-25 --to 2026-11-25 >/dev/null
"$etguard" --workspace "$ws" evidence add ET-4.1.1 --link "dms://policies/cloud/v3.2" \
  --title "雲端服務管理政策 v3.2" --from 2026-03-15 --to 2027-03-14 >/dev/null
