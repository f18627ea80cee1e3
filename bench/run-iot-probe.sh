#!/usr/bin/env bash
# scan iot --probe beside nmap's own NSE scripts (issue 19): the nineteen lab
# devices of tests/iot/lab-devices.sh on loopback, the same credentials given
# to both — mqtt-subscribe (anonymous MQTT), snmp-brute (communities),
# http-brute (Basic and Digest), ftp-brute, ssh-brute and telnet-brute
# (user/password pairs, brute.credfile), ssl-enum-ciphers (TLS: strong when
# every suite grades A and nothing below TLS 1.2 is accepted) — and for each
# device the verdict of each side and the wall time of each. No NSE script
# tries RTSP credentials: the RTSP devices show etguard's verdict alone. Needs root
# (snmpd on 161, nmap -sU).
# usage: bench/run-iot-probe.sh [ETGUARD]
set -euo pipefail
etguard=$(realpath "${1:-build/bin/etguard}")
root=$(cd "$(dirname "$0")/.." && pwd)
source "$root/tests/iot/lab-devices.sh"
if missing=$(lab_devices_missing) && [[ -n $missing ]]; then
  echo "run-iot-probe: $missing is not installed (scripts/install-deps)" >&2
  exit 2
fi
dir=$(mktemp -d)
[[ -n ${KEEP:-} ]] && echo "run-iot-probe: keeping $dir" >&2
trap 'stop_lab_devices; [[ -n ${KEEP:-} ]] || rm -rf "$dir"' EXIT
start_lab_devices "$dir/lab"
scan_lab_devices "$dir/lab.xml"
e() { "$etguard" --workspace "$dir/ws" "$@"; }
e init "$dir/ws" >/dev/null
e registers import "$LAB_REGISTER" >/dev/null

# The same credentials for NSE: etguard's built-in list and the vendor's file.
/usr/bin/python3 -c 'import sys; t = open(sys.argv[1]).read(); print(t.split("R\"(", 1)[1].split(")\";", 1)[0])' \
  "$root/src/iot/probe/credentials.cc" >"$dir/builtin.yaml"
/usr/bin/python3 - "$dir" "$dir/builtin.yaml" "$LAB_VENDOR_CREDENTIALS" <<'PY'
import sys, yaml
out = sys.argv[1]
entries = [c for path in sys.argv[2:] for c in yaml.safe_load(open(path))["credentials"]]
with open(f"{out}/communities", "w") as f:
    f.writelines(c["community"] + "\n" for c in entries if c["service"] == "snmp")
for service in ("http", "ftp", "ssh", "telnet"):
    with open(f"{out}/{service}.cred", "w") as f:
        f.writelines(f'{c["user"]}/{c["password"]}\n' for c in entries if c["service"] == service)
PY

now() { date +%s.%N; }
start=$(now)
e scan iot "$dir/lab.xml" --probe --credentials "$LAB_VENDOR_CREDENTIALS" --tls-ca "$LAB_TLS_CA" --probe-rate 1000 \
  --format jsonl >"$dir/etguard.jsonl" || true
ours=$(echo "$(now) - $start" | bc)

start=$(now)
nse() { nmap -n -Pn "$@" -oX - 2>/dev/null; }
nse -sT -p1883 --script mqtt-subscribe 127.0.0.21 127.0.0.22 >"$dir/mqtt.xml"
nse -sU -p161 --script snmp-brute --script-args "snmp-brute.communitiesdb=$dir/communities" \
  127.0.0.23 127.0.0.24 >"$dir/snmp.xml"
nse -sT -sV --version-light -p18080 --script http-brute --script-args "http-brute.path=/,brute.credfile=$dir/http.cred" \
  127.0.0.25 127.0.0.26 127.0.0.34 127.0.0.35 >"$dir/http.xml"
nse -sT -sV --version-light -p12121 --script ftp-brute --script-args "brute.credfile=$dir/ftp.cred" \
  127.0.0.27 127.0.0.28 >"$dir/ftp.xml"
nse -sT -sV --version-light -p2222 --script ssh-brute --script-args "brute.credfile=$dir/ssh.cred" \
  127.0.0.29 127.0.0.30 >"$dir/ssh.xml"
nse -sT -p23 --script telnet-brute --script-args "brute.credfile=$dir/telnet.cred,telnet-brute.timeout=8s" \
  127.0.0.31 127.0.0.32 127.0.0.33 >"$dir/telnet.xml"
nse -sT -p8443 --script ssl-enum-ciphers 127.0.0.38 127.0.0.39 >"$dir/tls.xml"
theirs=$(echo "$(now) - $start" | bc)

/usr/bin/python3 - "$dir" <<'PY'
import json, sys, xml.etree.ElementTree as ET
d = sys.argv[1]
ours = {}
for line in open(f"{d}/etguard.jsonl"):
    f = json.loads(line)
    name = f["target"].split("/")[-1]
    if f["check_id"] == "iot.default_credentials" and not name.startswith("tls-"):
        ours[name] = {"fail": "in", "pass": "refused"}.get(f["verdict"], "not judged")
    if f["check_id"] == "iot.tls":
        ours[name] = {"fail": "weak", "pass": "strong"}.get(f["verdict"], "not judged")
names = {"21": "mqtt-open", "22": "mqtt-locked", "23": "snmp-public", "24": "snmp-private",
         "25": "http-default", "26": "http-changed", "27": "ftp-default", "28": "ftp-changed",
         "29": "ssh-default", "30": "ssh-changed", "31": "telnet-default", "32": "telnet-changed",
         "33": "telnet-open", "34": "digest-default", "35": "digest-changed",
         "36": "rtsp-default", "37": "rtsp-changed", "38": "tls-good", "39": "tls-weak"}
compared = [name for name in names.values() if not name.startswith("rtsp")]  # NSE has no RTSP login
theirs = {}
for service in ("mqtt", "snmp", "http", "ftp", "ssh", "telnet", "tls"):
    for host in ET.parse(f"{d}/{service}.xml").getroot().iter("host"):
        address = host.find("address").get("addr")
        out = " ".join(s.get("output", "") for s in host.iter("script"))
        if service == "tls":
            legacy = any(t.get("key") in ("TLSv1.0", "TLSv1.1") for t in host.iter("table"))
            grades = [e.text for e in host.iter("elem") if e.get("key") == "least strength"]
            got = "strong" if grades and all(g == "A" for g in grades) and not legacy else "weak"
        elif service == "mqtt":
            got = "in" if "Topics and their most recent payloads" in out or "$SYS" in out else "refused"
        elif "Performed 0 guesses" in out:
            got = "not judged"  # no login prompt found: a shell with no login is not its question
        else:
            got = "in" if "Valid credentials" in out else "refused"
        theirs[names[address.split(".")[-1]]] = got
agree = 0
print(f"{'device':14} {'etguard':9} {'nmap NSE':9}")
for name in names.values():
    same = ours.get(name) == theirs.get(name)
    agree += same and name in compared
    note = "" if name not in compared else "" if same else "DIFFERENT"
    print(f"{name:14} {ours.get(name, '-'):9} {theirs.get(name, '-'):9} {note}")
print(f"verdicts in agreement: {agree} of {len(compared)} (RTSP: no NSE script tries RTSP credentials)")
PY
printf 'wall: etguard scan iot --probe %.2f s; nmap NSE (7 runs) %.2f s; etguard / NSE %.2f\n' \
  "$ours" "$theirs" "$(echo "$ours / $theirs" | bc -l)"
