#!/usr/bin/env bash
# etguard serve under load, beside nginx in the same run (issue 18's
# performance goals): a workspace of ENTRIES register entries with every
# applicable line answered (5,700 entries give about 100,000 results), an
# officer logged in, then with wrk over TLS on loopback:
#   JSON reads/s of /api/dashboard, beside nginx serving a static file of
#   the same size with the same certificate (the ratio is reported);
#   the p99 latency of the dashboard page (/) and of the assessment grid
#   (/assessment, its first 200 lines) under a light load (4 connections).
# Both servers run on this machine with the load generator, as in a small
# firm's single VM.
# usage: bench/run-server.sh [ETGUARD] [ENTRIES] [SECONDS]
set -euo pipefail
etguard=$(realpath "${1:-build/bin/etguard}")
entries=${2:-5700}
duration=${3:-10}
for tool in wrk nginx python3 curl; do
  command -v "$tool" >/dev/null || { echo "run-server: $tool is not installed (scripts/install-deps)" >&2; exit 2; }
done
here=$(cd "$(dirname "$0")" && pwd)
dir=$(mktemp -d)
server= proxy=
cleanup() {
  [[ -n $server ]] && kill "$server" 2>/dev/null
  [[ -n $proxy ]] && kill "$proxy" 2>/dev/null
  wait 2>/dev/null || true
  rm -rf "$dir"
}
trap cleanup EXIT
e() { "$etguard" --workspace "$dir/ws" "$@"; }

echo "workspace: $entries register entries, every applicable line answered"
"$here/answered-workspace.sh" "$etguard" "$dir" "$entries"
password='load test 2027 staple battery'
uri=$(printf '%s\n' "$password" | e --json user add bench --role officer --display Bench --password-file - |
  sed -n 's/.*"otpauth_uri": "\(.*\)".*/\1/p')
secret=${uri#*secret=}
secret=${secret%%&*}

"$etguard" --workspace "$dir/ws" serve --listen 127.0.0.1:0 >"$dir/url" 2>"$dir/serve.err" &
server=$!
for _ in $(seq 100); do [[ -s $dir/url ]] && break; sleep 0.1; done
url=$(head -1 "$dir/url")
[[ $url == https://127.0.0.1:* ]] || { cat "$dir/serve.err" >&2; exit 1; }
code=$(python3 -c '
import base64, hmac, struct, sys, time
key = base64.b32decode(sys.argv[1])
mac = hmac.new(key, struct.pack(">Q", int(time.time()) // 30), "sha1").digest()
at = mac[-1] & 15
print("%06d" % ((struct.unpack(">I", mac[at:at + 4])[0] & 0x7fffffff) % 1000000))' "$secret")
curl -ks -o /dev/null -c "$dir/cookies" -H "Origin: ${url%/}" \
  --data-urlencode name=bench --data-urlencode "password=$password" --data-urlencode "code=$code" "${url}login"
cookie=$(awk '$6 == "__Host-etguard" {print $6 "=" $7}' "$dir/cookies")
[[ -n $cookie ]] || { echo "run-server: the login failed" >&2; exit 1; }
curl -ks -H "Cookie: $cookie" "${url}api/dashboard" >"$dir/dashboard.json"
size=$(stat -c %s "$dir/dashboard.json")
(( size > 100 )) || { echo "run-server: /api/dashboard answered $(cat "$dir/dashboard.json")" >&2; exit 1; }

# nginx: the same certificate and TLS versions, a static file of the same size.
mkdir -p "$dir/www"
head -c "$size" /dev/zero | tr '\0' 'x' >"$dir/www/dashboard.json"
port=$(python3 -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')
cat >"$dir/nginx.conf" <<CONF
worker_processes auto;
pid $dir/nginx.pid;
error_log $dir/nginx.err;
daemon off;
events { worker_connections 1024; }
http {
  access_log off;
  client_body_temp_path $dir/tmp; proxy_temp_path $dir/tmp; fastcgi_temp_path $dir/tmp;
  uwsgi_temp_path $dir/tmp; scgi_temp_path $dir/tmp;
  server {
    listen 127.0.0.1:$port ssl;
    ssl_certificate $dir/ws/.etguard/server/cert.pem;
    ssl_certificate_key $dir/ws/.etguard/server/key.pem;
    ssl_protocols TLSv1.2 TLSv1.3;
    root $dir/www;
    default_type application/json;
  }
}
CONF
mkdir -p "$dir/tmp"
nginx -c "$dir/nginx.conf" -e "$dir/nginx.err" &
proxy=$!
for _ in $(seq 50); do curl -ks -o /dev/null "https://127.0.0.1:$port/dashboard.json" && break; sleep 0.1; done

rate() { sed -n 's/^Requests\/sec: *\([0-9.]*\)/\1/p' <<<"$1"; }
p99() { awk '$1 == "99%" {print $2}' <<<"$1"; }
echo "load: wrk, 2 threads, 32 connections, ${duration} s each, TLS on loopback, $(nproc) cores"
ours=$(wrk -t2 -c32 -d"${duration}s" --latency -H "Cookie: $cookie" "${url}api/dashboard")
theirs=$(wrk -t2 -c32 -d"${duration}s" --latency "https://127.0.0.1:$port/dashboard.json")
printf '%-52s %10s req/s  p99 %s\n' "etguard GET /api/dashboard ($size bytes)" "$(rate "$ours")" "$(p99 "$ours")"
printf '%-52s %10s req/s  p99 %s\n' "nginx, static file of the same size" "$(rate "$theirs")" "$(p99 "$theirs")"
printf '%-52s %10.2f\n' "etguard / nginx" "$(echo "$(rate "$ours") / $(rate "$theirs")" | bc -l)"
for page in "" assessment; do
  light=$(wrk -t1 -c4 -d"${duration}s" --latency -H "Cookie: $cookie" "${url}${page}")
  printf '%-52s %10s req/s  p99 %s\n' "etguard GET /$page (page, 4 connections)" "$(rate "$light")" "$(p99 "$light")"
done
grep -q '"total"' "$dir/dashboard.json" && echo "(the dashboard counts $(python3 -c 'import json,sys; print(json.load(open(sys.argv[1]))["counts"]["total"])' "$dir/dashboard.json") lines)"
