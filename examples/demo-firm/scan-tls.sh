#!/usr/bin/env bash
# The TLS checker on two loopback stand-ins for the demo firm's web trading
# front ends — one configured to Art. 34, one left on legacy settings — with
# the findings recorded as evidence in the demo workspace.
# Usage: scan-tls.sh ETGUARD WORKSPACE OUT_DIR
set -euo pipefail
etguard=$1
ws=$2
out=$3
dir=$(mktemp -d /tmp/etguard-demo-tls.XXXXXX)
pids=()
cleanup() { for pid in "${pids[@]}"; do kill "$pid" 2>/dev/null || true; done; rm -rf "$dir"; }
trap cleanup EXIT
openssl req -x509 -newkey rsa:2048 -nodes -keyout "$dir/ca.key" -out "$dir/ca.pem" -days 30 -sha256 \
  -subj "/O=Demo CA/CN=Demo Root" -addext basicConstraints=critical,CA:TRUE 2>/dev/null
openssl req -newkey ec -pkeyopt ec_paramgen_curve:P-256 -nodes -keyout "$dir/web.key" -out "$dir/web.csr" \
  -subj "/CN=localhost" 2>/dev/null
printf 'subjectAltName=DNS:localhost,IP:127.0.0.1\n' > "$dir/ext"
openssl x509 -req -in "$dir/web.csr" -CA "$dir/ca.pem" -CAkey "$dir/ca.key" -CAcreateserial -days 30 -sha256 \
  -extfile "$dir/ext" -out "$dir/web.pem" 2>/dev/null
free_port() { python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])'; }
good=$(free_port)
legacy=$(free_port)
openssl s_server -accept "127.0.0.1:$good" -www -quiet -cert "$dir/web.pem" -key "$dir/web.key" \
  -min_protocol TLSv1.2 -cipher ECDHE-ECDSA-AES128-GCM-SHA256 -groups X25519:P-256 </dev/null >/dev/null 2>&1 &
pids+=($!)
openssl s_server -accept "127.0.0.1:$legacy" -www -quiet -cert "$dir/web.pem" -key "$dir/web.key" \
  -min_protocol TLSv1 -cipher 'ECDHE-ECDSA-AES128-GCM-SHA256:ECDHE-ECDSA-AES128-SHA:@SECLEVEL=0' \
  </dev/null >/dev/null 2>&1 &
pids+=($!)
for port in "$good" "$legacy"; do
  for _ in $(seq 50); do (exec 3<>"/dev/tcp/127.0.0.1/$port") 2>/dev/null && break; sleep 0.1; done
done
echo "TLS checker (Art. 34) on two loopback endpoints:"
"$etguard" scan tls --lang en --ca "$dir/ca.pem" "127.0.0.1:$good" "127.0.0.1:$legacy" || true
"$etguard" --workspace "$ws" scan tls --ca "$dir/ca.pem" --format jsonl --import --object trading/web-trading \
  "127.0.0.1:$good" "127.0.0.1:$legacy" > "$out/demo-tls-findings.jsonl" || true
echo "  findings (JSON Lines): $out/demo-tls-findings.jsonl; recorded as evidence for trading/web-trading"
