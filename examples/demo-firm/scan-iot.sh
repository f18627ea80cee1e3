#!/usr/bin/env bash
# The IoT checks (Chapter 5) on loopback stand-ins for the demo firm's
# devices: the head office's camera host at 127.0.10.15 (its declared TLS
# admin page, with a self-signed certificate, its RTSP stream, GStreamer's
# RTSP server still taking the factory password, and a cleartext web page
# left on 8080), the
# telephone exchange at 127.0.10.30 (SIP) and the machine room's MQTT broker
# at 127.0.10.40 (a real mosquitto that lets anyone in), scanned by nmap and
# reconciled with the demo register. The devices are probed for default
# credentials (--probe, Art. 24) and their TLS judged (Art. 25), matched against the demo's vulnerability
# feed (iot-advisories.json, Art. 29), and a second scan taken as if from the
# internal network shows whether the vulnerable exchange is kept apart; the
# findings are recorded as evidence.
# Usage: scan-iot.sh ETGUARD WORKSPACE OUT_DIR
set -euo pipefail
etguard=$1
ws=$2
out=$3
if ! command -v nmap >/dev/null; then
  echo "IoT checks: nmap is not installed (scripts/install-deps installs it); skipped"
  exit 0
fi
here=$(cd "$(dirname "$0")" && pwd)
dir=$(mktemp -d /tmp/etguard-demo-iot.XXXXXX)
pids=()
cleanup() { for pid in "${pids[@]}"; do kill "$pid" 2>/dev/null || true; done; rm -rf "$dir"; }
trap cleanup EXIT
listen() {  # ADDRESS PORT: a TCP service that accepts and says nothing
  python3 -c 'import socket,sys
s=socket.socket(); s.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
s.bind((sys.argv[1], int(sys.argv[2]))); s.listen()
while True: s.accept()[0].close()' "$1" "$2" >/dev/null 2>&1 &
  pids+=($!)
}
# The camera's admin page over TLS: a self-signed certificate, Python's defaults.
openssl req -x509 -newkey rsa:2048 -nodes -days 365 -subj "/CN=branch-cctv-hq" \
  -addext subjectAltName=IP:127.0.10.15 -keyout "$dir/camera.key" -out "$dir/camera.pem" 2>/dev/null
(cd "$dir" && exec python3 -c 'import http.server, ssl, sys
context = ssl.SSLContext(ssl.PROTOCOL_TLS_SERVER)
context.load_cert_chain(sys.argv[3], sys.argv[4])
server = http.server.HTTPServer((sys.argv[1], int(sys.argv[2])), http.server.SimpleHTTPRequestHandler)
server.socket = context.wrap_socket(server.socket, server_side=True)
server.serve_forever()' 127.0.10.15 8443 "$dir/camera.pem" "$dir/camera.key" >/dev/null 2>&1) &
pids+=($!)
# Its stream, still on the factory account admin/12345.
if /usr/bin/python3 -c 'import gi; gi.require_version("GstRtspServer", "1.0")' 2>/dev/null; then
  /usr/bin/python3 "$here/../../tools/iot-lab/rtsp-camera.py" 127.0.10.15 8554 admin 12345 digest \
    >"$dir/rtsp.log" 2>&1 &
  pids+=($!)
else
  echo "  GStreamer's RTSP server is not installed (scripts/install-deps installs it): a silent port stands in"
  listen 127.0.10.15 8554
fi
listen 127.0.10.30 5060
(cd "$dir" && exec python3 -m http.server 8080 --bind 127.0.10.15 >/dev/null 2>&1) &
pids+=($!)
targets=(127.0.10.15/8443 127.0.10.15/8554 127.0.10.30/5060 127.0.10.15/8080)
if command -v mosquitto >/dev/null; then
  printf 'listener 1883 127.0.10.40\nallow_anonymous true\nuser root\n' >"$dir/mqtt.conf"
  mosquitto -c "$dir/mqtt.conf" >"$dir/mqtt.log" 2>&1 &
  pids+=($!)
  targets+=(127.0.10.40/1883)
else
  echo "  mosquitto is not installed (scripts/install-deps installs it): the broker is not started"
fi
for target in "${targets[@]}"; do
  for _ in $(seq 50); do (exec 3<>"/dev/tcp/$target") 2>/dev/null && break; sleep 0.1; done
done
nmap -n -Pn -sT -T4 -p 1883,5060,8080,8443,8554 -oX "$out/demo-iot-scan.xml" \
  127.0.10.15 127.0.10.30 127.0.10.40 >/dev/null
# As if from a desk on the internal network: the exchange answers there.
nmap -n -Pn -sT -T4 -p 5060 -oX "$out/demo-iot-from-internal.xml" 127.0.10.30 >/dev/null
options=(--probe --vulnerabilities "$here/iot-advisories.json" --from-zone "internal=$out/demo-iot-from-internal.xml")
echo "IoT checks (Art. 22-25, 29) on the demo firm's devices, scanned and probed on loopback:"
"$etguard" --workspace "$ws" --lang en scan iot "$out/demo-iot-scan.xml" "${options[@]}" || true
"$etguard" --workspace "$ws" scan iot "$out/demo-iot-scan.xml" "${options[@]}" --format jsonl --import \
  > "$out/demo-iot-findings.jsonl" || true
echo "  nmap XML: $out/demo-iot-scan.xml and $out/demo-iot-from-internal.xml; findings (JSON Lines):"
echo "  $out/demo-iot-findings.jsonl; recorded as evidence"
