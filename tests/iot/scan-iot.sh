#!/usr/bin/env bash
# etguard scan iot on a real nmap scan of loopback: two cleartext web servers
# are started here (the camera's declared admin page and an undeclared one),
# nmap (-sT -sV) scans them, and the register is reconciled both ways — with
# them up, iot.inventory fails on the undeclared port and iot.services on
# cleartext HTTP, naming each port; with them stopped, both pass (the
# declared port closed is a warning). iot.exposure fails when the scan with
# them up is given as taken from a zone the entry does not allow, and a
# --from-zone without a file is refused. iot.updates passes for an update 60
# days old and fails with --update-months 1. --import records ET-22 on org
# and ET-23 and ET-25 on the device; the ledger verifies. iot.known_vulnerable
# matches nmap's CPE for the web server against a feed: it fails without a
# replacement plan or when the internal zone's scan reaches the camera, and
# passes with a plan and the camera out of that zone's reach; ET-29 is
# recorded. A truncated scan or feed, a missing --not-iot list or feed and a
# register without addresses exit 2 and record nothing.
# Usage: scan-iot.sh ETGUARD WORKDIR
set -euo pipefail
etguard=$1 work=$2
root=$(cd "$(dirname "$0")/../.." && pwd)
py=/usr/bin/python3
fail() { echo "FAIL: $*" >&2; exit 1; }
if ! command -v nmap >/dev/null; then
  echo "SKIP: nmap is not installed (scripts/install-deps installs it)"
  exit 77
fi
rm -rf "$work"
mkdir -p "$work"
pids=()
trap 'for p in "${pids[@]}"; do kill "$p" 2>/dev/null || true; done' EXIT
free_port() { "$py" -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])'; }

admin_port=$(free_port)
extra_port=$(free_port)
for port in "$admin_port" "$extra_port"; do
  (cd "$work" && exec "$py" -m http.server "$port" --bind 127.0.0.1 >/dev/null 2>&1) &
  pids+=($!)
done
for port in "$admin_port" "$extra_port"; do
  for _ in $(seq 50); do
    (exec 3<>"/dev/tcp/127.0.0.1/$port") 2>/dev/null && break
    sleep 0.1
  done
done

cat > "$work/registers.yaml" <<YAML
format: etguard.registers
format_version: "1.0"
profile:
  name: 測試證券股份有限公司
  sector: securities
registers:
  iot:
    - id: lobby-camera
      name: 大廳監視器
      owner: 總務部
      facts: {device: true}
      details: {ip: 127.0.0.1, connection: wired, ports: "$admin_port", location: 一樓大廳}
      dates: {firmware_update: $(date -u -d '60 days ago' +%F)}
YAML
ws=(--workspace "$work/ws")
"$etguard" init "$work/ws" >/dev/null
"$etguard" "${ws[@]}" registers import "$work/registers.yaml" >/dev/null
"$etguard" "${ws[@]}" cycle start 2027 --yes >/dev/null

scan() {  # OUT [NMAP OPTIONS]: nmap's XML of the two ports
  local out=$1
  shift
  nmap -n -Pn -sT "$@" -T4 -p "$admin_port,$extra_port" -oX "$out" 127.0.0.1 >/dev/null
}
scan "$work/up.xml" -sV --version-light
set +e
"$etguard" "${ws[@]}" scan iot "$work/up.xml" >"$work/up.txt" 2>&1
rc=$?
set -e
((rc == 1)) || fail "an undeclared cleartext HTTP port gave exit $rc: $(cat "$work/up.txt")"
grep -q "iot.inventory org fail" "$work/up.txt" || fail "inventory did not fail: $(cat "$work/up.txt")"
grep -q "IOT_UNDECLARED_PORT: open ports the register does not declare: iot/lobby-camera $extra_port/tcp\$" \
  "$work/up.txt" || fail "the undeclared port is not named alone: $(cat "$work/up.txt")"
ports=$(printf '%s\n' "$admin_port/tcp" "$extra_port/tcp" | sort -n | paste -sd';' | sed 's/;/; /')
grep -q "IOT_HTTP: iot/lobby-camera: HTTP without TLS (a cleartext web interface): $ports\$" "$work/up.txt" ||
  fail "cleartext HTTP on both ports is not named: $(cat "$work/up.txt")"

# JSON Lines: one finding per check and target, machine-readable.
set +e
"$etguard" "${ws[@]}" --json scan iot "$work/up.xml" >"$work/up.jsonl"
set -e
"$py" - "$work/up.jsonl" <<'PY' || fail "JSON Lines output is not as expected"
import json, sys
rows = [json.loads(line) for line in open(sys.argv[1])]
got = sorted((r["check_id"], r["target"], r["verdict"]) for r in rows)
assert got == [("iot.exposure", "iot/lobby-camera", "pass"), ("iot.inventory", "org", "fail"),
               ("iot.services", "iot/lobby-camera", "fail"), ("iot.updates", "iot/lobby-camera", "pass")], got
PY

# Recorded as evidence, and the ledger verifies.
set +e
"$etguard" "${ws[@]}" scan iot "$work/up.xml" --import >/dev/null 2>"$work/import.err"
set -e
grep -q "imported 4 scan evidence records" "$work/import.err" || fail "import: $(cat "$work/import.err")"
"$etguard" "${ws[@]}" evidence list >"$work/evidence.txt"  # whole: grep -q would cut the pipe
grep -q "ET-22 *org .*iot.inventory org (partial) \[fail\]" "$work/evidence.txt" ||
  fail "ET-22 was not recorded on org"
grep -q "ET-25 *iot/lobby-camera .*\[fail\]" "$work/evidence.txt" ||
  fail "ET-25 was not recorded on the device"
grep -q "ET-23 *iot/lobby-camera .*iot.updates iot/lobby-camera (partial) \[pass\]" "$work/evidence.txt" ||
  fail "ET-23 was not recorded on the device"
"$etguard" "${ws[@]}" ledger verify >/dev/null || fail "the ledger does not verify"
records=$("$etguard" "${ws[@]}" evidence list | wc -l)

# The web servers stopped: nothing undeclared, nothing in clear.
for p in "${pids[@]}"; do kill "$p" 2>/dev/null || true; done
for port in "$admin_port" "$extra_port"; do
  for _ in $(seq 50); do
    (exec 3<>"/dev/tcp/127.0.0.1/$port") 2>/dev/null || break
    sleep 0.1
  done
done
scan "$work/down.xml"
"$etguard" "${ws[@]}" scan iot "$work/down.xml" >"$work/down.txt" 2>&1 ||
  fail "with the web servers stopped the scan did not pass: $(cat "$work/down.txt")"
grep -q "warning IOT_DECLARED_PORT_CLOSED: declared ports the scan found not open: iot/lobby-camera $admin_port/tcp" \
  "$work/down.txt" || fail "the declared port closed is not a warning: $(cat "$work/down.txt")"
grep -q "iot.inventory org pass" "$work/down.txt" || fail "inventory: $(cat "$work/down.txt")"
grep -q "iot.services: 1 more devices pass without remarks" "$work/down.txt" || fail "services: $(cat "$work/down.txt")"
grep -q "iot.updates: 1 more devices pass without remarks" "$work/down.txt" || fail "updates: $(cat "$work/down.txt")"
# The scan with the web servers up, as if taken from the office zone: the
# camera is reachable from a zone its entry does not allow.
set +e
"$etguard" "${ws[@]}" scan iot "$work/down.xml" --from-zone "office=$work/up.xml" >"$work/zone.txt" 2>&1
rc=$?
set -e
((rc == 1)) || fail "a device reached from a zone not allowed gave exit $rc: $(cat "$work/zone.txt")"
grep -q "IOT_REACHABLE_FROM_ZONE: iot/lobby-camera: reachable from zones details.zones does not allow: office on ${ports//;/,}\$" \
  "$work/zone.txt" || fail "the zone is not named: $(cat "$work/zone.txt")"
expect_zone_refusal() {
  set +e
  "$etguard" "${ws[@]}" scan iot "$work/down.xml" --from-zone "$1" >"$work/bad.out" 2>&1
  local code=$?
  set -e
  ((code == 2)) || fail "--from-zone $1 gave exit $code"
  grep -q -- "$2" "$work/bad.out" || fail "--from-zone $1: $(cat "$work/bad.out")"
}
expect_zone_refusal "office" "give ZONE=SCAN.xml"
expect_zone_refusal "office=$work/truncated-zone.xml" "truncated-zone.xml: cannot be opened"
# Updated 60 days ago: overdue when the firm's period is one month.
set +e
"$etguard" "${ws[@]}" scan iot "$work/down.xml" --update-months 1 >"$work/overdue.txt" 2>&1
rc=$?
set -e
((rc == 1)) || fail "an overdue update gave exit $rc"
grep -q "IOT_UPDATE_OVERDUE: iot/lobby-camera: last updated .*, more than 1 months before" "$work/overdue.txt" ||
  fail "the overdue update is not named: $(cat "$work/overdue.txt")"

# Known vulnerabilities (Art. 29): nmap -sV named the web server
# cpe:/a:python:simplehttpserver:0.6, and a feed in the NVD CVE API 2.0
# shape says versions up to 0.6 are affected.
cat >"$work/nvd.json" <<'JSON'
{"format": "NVD_CVE", "version": "2.0", "vulnerabilities": [{"cve": {"id": "CVE-2099-0002",
 "descriptions": [{"lang": "en", "value": "A test advisory for SimpleHTTPServer up to 0.6."}],
 "metrics": {"cvssMetricV31": [{"cvssData": {"baseScore": 7.5, "baseSeverity": "HIGH"}}]},
 "configurations": [{"nodes": [{"operator": "OR", "cpeMatch": [{"vulnerable": true,
   "criteria": "cpe:2.3:a:python:simplehttpserver:*:*:*:*:*:*:*:*", "versionEndIncluding": "0.6"}]}]}]}}]}
JSON
vulnerable() {  # OUT ARGS...: the JSON Lines of scan iot up.xml --vulnerabilities nvd.json ARGS
  local out=$1
  shift
  set +e
  "$etguard" "${ws[@]}" --json scan iot "$work/up.xml" --vulnerabilities "$work/nvd.json" "$@" >"$out"
  set -e
}
known_vulnerable() {  # JSONL: "verdict codes..." of iot.known_vulnerable on the camera
  "$py" -c 'import json,sys
rows=[json.loads(l) for l in open(sys.argv[1])]
[row]=[r for r in rows if r["check_id"]=="iot.known_vulnerable"]
assert row["target"]=="iot/lobby-camera", row
print(row["verdict"], *[d["code"] for d in row["details"]])' "$1"
}
vulnerable "$work/vuln.jsonl"
[[ $(known_vulnerable "$work/vuln.jsonl") == "fail IOT_KNOWN_VULNERABILITY IOT_EXCEPTION_NOT_REGISTERED IOT_NO_REPLACEMENT_PLAN IOT_ISOLATION_UNKNOWN" ]] ||
  fail "a vulnerable camera without a plan: $(known_vulnerable "$work/vuln.jsonl")"
grep -q '"id":"CVE-2099-0002","severity":"HIGH 7.5"' "$work/vuln.jsonl" || fail "the advisory is not in the evidence"
grep -q '"matched_by":"nmap cpe on ' "$work/vuln.jsonl" || fail "the match does not say it came from nmap's CPE"
"$etguard" "${ws[@]}" scan iot "$work/up.xml" --vulnerabilities "$work/nvd.json" >"$work/vuln.txt" 2>&1 || true
grep -q -- "--vulnerabilities: 1 advisories, 1 devices affected" "$work/vuln.txt" || fail "no feed line: $(cat "$work/vuln.txt")"
# Marked as an exception with a plan, and a scan from the internal zone that
# does not reach it.
sed -i 's/facts: {device: true}/facts: {device: true, exception: true}/; s/location: 一樓大廳}/location: 一樓大廳, replacement_plan: "IT-2027-004"}/; s/dates: {firmware_update: \([0-9-]*\)}/dates: {firmware_update: \1, replacement: 2099-12-31}/' \
  "$work/registers.yaml"
"$etguard" "${ws[@]}" registers import "$work/registers.yaml" >/dev/null
vulnerable "$work/isolated.jsonl" --from-zone "internal=$work/down.xml"
[[ $(known_vulnerable "$work/isolated.jsonl") == "pass IOT_KNOWN_VULNERABILITY" ]] ||
  fail "an isolated camera with a plan: $(known_vulnerable "$work/isolated.jsonl")"
vulnerable "$work/reached.jsonl" --from-zone "internal=$work/up.xml"
[[ $(known_vulnerable "$work/reached.jsonl") == "fail IOT_KNOWN_VULNERABILITY IOT_VULNERABLE_NOT_ISOLATED" ]] ||
  fail "a camera the internal zone reaches: $(known_vulnerable "$work/reached.jsonl")"
set +e
"$etguard" "${ws[@]}" scan iot "$work/up.xml" --vulnerabilities "$work/nvd.json" --from-zone "internal=$work/up.xml" \
  --import >/dev/null 2>&1
set -e
"$etguard" "${ws[@]}" evidence list >"$work/evidence.txt"
grep -q "ET-29 *iot/lobby-camera .*iot.known_vulnerable iot/lobby-camera (partial) \[fail\]" "$work/evidence.txt" ||
  fail "ET-29 was not recorded on the device: $(grep ET-29 "$work/evidence.txt")"
records=$(wc -l <"$work/evidence.txt")
head -c 120 "$work/nvd.json" >"$work/truncated-feed.json"

# Bad input: exit 2 with the reason, nothing recorded.
head -c 400 "$work/up.xml" >"$work/truncated.xml"
expect_refusal() {  # WHAT PATTERN ARGS...
  local what=$1 pattern=$2
  shift 2
  set +e
  "$etguard" "${ws[@]}" scan iot "$@" --import >"$work/bad.out" 2>&1
  local code=$?
  set -e
  ((code == 2)) || fail "$what gave exit $code: $(cat "$work/bad.out")"
  grep -q -- "$pattern" "$work/bad.out" || fail "$what: $(cat "$work/bad.out")"
}
expect_refusal "a truncated scan" "truncated.xml:.*the file ends early" "$work/truncated.xml"
expect_refusal "a missing --not-iot list" "cannot read '.*/nope.txt': No such file" "$work/down.xml" --not-iot "$work/nope.txt"
expect_refusal "a truncated feed" "truncated-feed.json:[0-9]*:[0-9]*: not JSON" "$work/down.xml" --vulnerabilities "$work/truncated-feed.json"
expect_refusal "a missing feed" "cannot read '.*/absent.json'" "$work/down.xml" --vulnerabilities "$work/absent.json"
[[ $("$etguard" "${ws[@]}" evidence list | wc -l) == "$records" ]] || fail "a refused scan recorded evidence"
sed -i '/details:/d' "$work/registers.yaml"
"$etguard" "${ws[@]}" registers import "$work/registers.yaml" >/dev/null
expect_refusal "a register without addresses" "records no device address" "$work/down.xml"
"$etguard" "${ws[@]}" ledger verify >/dev/null || fail "the ledger does not verify at the end"
echo "scan iot: nmap $(nmap --version | head -1 | awk '{print $3}') on loopback reconciled both ways; refusals exit 2"
