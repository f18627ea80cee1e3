#!/usr/bin/env bash
# etguard scan iot --probe against real services on loopback
# (tests/iot/lab-devices.sh): mosquitto with and without anonymous clients,
# snmpd with and without 'public', nginx Basic authentication with a default
# and a changed password, lighttpd Digest authentication (MD5 with a default
# password, SHA-256 with a changed one), GStreamer's RTSP server (Digest with
# a default, Basic with a changed password), an FTP server with a vendor default (listed only in
# an extra credential file) and with a changed password, OpenSSH's sshd with
# a default and a changed password, busybox telnetd with a default, a changed
# password and a shell with no login at all. nmap scans them;
# iot.default_credentials must fail each default device and pass each
# changed one, naming the credential by where it is listed; nginx serving
# TLS 1.2+ with the lab CA's certificate and TLS 1.0 with a self-signed one,
# which iot.tls passes and fails. No password or
# community appears in any output, in the workspace or in the ledger.
# --targets limits the probes and refuses an address outside the register;
# a broken credential file, bad limits and refusals exit 2 and probe nothing.
# Usage: probe-iot.sh ETGUARD WORKDIR
set -euo pipefail
etguard=$1 work=$2
here=$(cd "$(dirname "$0")" && pwd)
fail() { echo "FAIL: $*" >&2; exit 1; }
# shellcheck source=lab-devices.sh
source "$here/lab-devices.sh"
if missing=$(lab_devices_missing) && [[ -n $missing ]]; then
  echo "SKIP: $missing is not installed (scripts/install-deps installs it)"
  exit 77
fi
if [[ $(id -u) != 0 ]]; then
  echo "SKIP: snmpd on port 161 and nmap -sU need root"
  exit 77
fi
rm -rf "$work"
mkdir -p "$work"
trap stop_lab_devices EXIT
start_lab_devices "$work/lab" || fail "the lab devices did not start"
scan_lab_devices "$work/lab.xml"

ws=(--workspace "$work/ws")
"$etguard" init "$work/ws" >/dev/null
"$etguard" "${ws[@]}" registers import "$LAB_REGISTER" >/dev/null
"$etguard" "${ws[@]}" cycle start 2027 --yes >/dev/null

probe=(scan iot "$work/lab.xml" --probe --credentials "$LAB_VENDOR_CREDENTIALS" --probe-rate 50
  --probe-timeout 1000 --tls-ca "$LAB_TLS_CA")
set +e
"$etguard" "${ws[@]}" "${probe[@]}" --format jsonl >"$work/probe.jsonl" 2>"$work/probe.err"
rc=$?
set -e
[[ $rc == 1 ]] || fail "scan iot --probe exited $rc, not 1: $(cat "$work/probe.err")"
verdict() {  # DEVICE [CHECK] -> the check's verdict (iot.default_credentials by default)
  /usr/bin/python3 - "$work/probe.jsonl" "$1" "${2:-iot.default_credentials}" <<'PY'
import json, sys
for line in open(sys.argv[1]):
    finding = json.loads(line)
    if finding["check_id"] == sys.argv[3] and finding["target"] == "iot/" + sys.argv[2]:
        print(finding["verdict"])
PY
}
for device in mqtt-open snmp-public http-default digest-default ftp-default ssh-default telnet-default \
  telnet-open rtsp-default; do
  [[ $(verdict "$device") == fail ]] || fail "$device: $(verdict "$device"), not fail"
done
for device in mqtt-locked snmp-private http-changed digest-changed ftp-changed ssh-changed telnet-changed \
  rtsp-changed; do
  [[ $(verdict "$device") == pass ]] || fail "$device: $(verdict "$device"), not pass"
done
# TLS ports judged by the TLS checks: the lab CA's TLS 1.2+ passes, TLS 1.0
# with a self-signed certificate fails and says why; no other device has one.
[[ $(verdict tls-good iot.tls) == pass ]] || fail "tls-good: $(verdict tls-good iot.tls), not pass"
[[ $(verdict tls-weak iot.tls) == fail ]] || fail "tls-weak: $(verdict tls-weak iot.tls), not fail"
grep '"check_id":"iot.tls"' "$work/probe.jsonl" | grep '"target":"iot/tls-weak"' | grep -q 'TLSv1.0' ||
  fail "tls-weak: TLS 1.0 is not named in the evidence"
[[ $(grep -c '"check_id":"iot.tls"' "$work/probe.jsonl") == 2 ]] || fail "iot.tls judged a device without TLS"
grep -q '"access":"open"' "$work/probe.jsonl" || fail "the anonymous broker is not reported open"
grep -q '"listed_at":"built-in:[0-9]*"' "$work/probe.jsonl" || fail "a built-in credential is not named"
grep -q "\"listed_at\":\"$LAB_VENDOR_CREDENTIALS:3\"" "$work/probe.jsonl" ||
  fail "the vendor's FTP default is not named by its file and line"

# The table, in both languages, and an import as evidence: on every device
# but the Telnet ones, which take 3 s a wrong password (busybox login's pause).
printf '%s\n' "${LAB_ADDRESSES[@]}" | grep -v -e '^127\.0\.0\.3[123]$' >"$work/quick.txt"
probe+=(--targets "$work/quick.txt")
"$etguard" "${ws[@]}" "${probe[@]}" >"$work/probe.txt" 2>&1 || true
grep -q "iot.default_credentials iot/snmp-public fail" "$work/probe.txt" || fail "table: $(cat "$work/probe.txt")"
grep -q "udp community \*\*\*\*, listed at built-in:" "$work/probe.txt" || fail "table: the community is not masked"
"$etguard" "${ws[@]}" --lang zh-TW "${probe[@]}" >"$work/probe-zh.txt" 2>&1 || true
grep -q "帳號 'admin' \*\*\*\*，列於 built-in:" "$work/probe-zh.txt" || fail "zh-TW: $(cat "$work/probe-zh.txt")"
"$etguard" "${ws[@]}" "${probe[@]}" --format ocsf >"$work/probe.ocsf" 2>&1 || true
"$etguard" "${ws[@]}" "${probe[@]}" --import >/dev/null 2>"$work/import.err" || true
"$etguard" "${ws[@]}" evidence list >"$work/evidence.txt"  # whole: grep -q would cut the pipe
grep -q "ET-24 *iot/ftp-default .*iot.default_credentials .*\[fail\]" "$work/evidence.txt" ||
  fail "ET-24 was not recorded on ftp-default"
grep -q "ET-24 *iot/mqtt-locked .*\[pass\]" "$work/evidence.txt" ||
  fail "ET-24 was not recorded on mqtt-locked"
"$etguard" "${ws[@]}" ledger verify >/dev/null || fail "the ledger does not verify"

# No secret anywhere: outputs, the workspace (database and evidence files).
# As a whole word: "12345" may well occur inside a SHA-256 in hex.
for secret in "${LAB_SECRETS[@]}"; do
  if grep -rqaFw -- "$secret" "$work/probe.jsonl" "$work/probe.txt" "$work/probe-zh.txt" \
    "$work/probe.ocsf" "$work/probe.err" "$work/import.err" "$work/ws"; then
    fail "a password or community ($secret) was written out"
  fi
done

# --targets: only the listed devices are probed.
echo 127.0.0.22 >"$work/targets.txt"
"$etguard" "${ws[@]}" "${probe[@]:0:${#probe[@]}-2}" --targets "$work/targets.txt" --format jsonl \
  >"$work/one.jsonl" 2>&1 || true
[[ $(grep -c '"check_id":"iot.default_credentials"' "$work/one.jsonl") == 1 ]] ||
  fail "--targets: not exactly one device probed"

# Refusals: exit 2, nothing probed, nothing recorded.
records=$("$etguard" "${ws[@]}" evidence list | wc -l)
refused() {  # WHAT ARGS...
  local what=$1
  shift
  set +e
  "$etguard" "${ws[@]}" scan iot "$work/lab.xml" --probe "$@" --import >"$work/bad.out" 2>&1
  local code=$?
  set -e
  [[ $code == 2 ]] || fail "$what: exit $code, not 2: $(cat "$work/bad.out")"
  grep -q "$what" "$work/bad.out" || fail "the error does not say '$what': $(cat "$work/bad.out")"
}
printf '127.0.0.22\n10.9.9.9\n' >"$work/outside.txt"
refused "'10.9.9.9' is not the address of any IoT register entry" --targets "$work/outside.txt"
printf 'format: etguard.iot-credentials\ncredentials:\n  - {service: rdp, user: a, password: b}\n' \
  >"$work/bad-credentials.yaml"
refused "bad-credentials.yaml:3:" --credentials "$work/bad-credentials.yaml"
refused "the probe timeout is 5 ms" --probe-timeout 5
refused "the probe rate is 0 logins" --probe-rate 0
[[ $("$etguard" "${ws[@]}" evidence list | wc -l) == "$records" ]] || fail "a refused probe recorded evidence"
echo "probe-iot: default and changed credentials judged both ways on mqtt, snmp, http (Basic, Digest), ftp, ssh, telnet and rtsp; TLS ports by the TLS checks"
