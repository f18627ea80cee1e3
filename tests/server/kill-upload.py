#!/usr/bin/env python3
"""One upload to `etguard serve`, and the server killed with SIGKILL in the
middle of it (tests/server/serve-kill-upload.sh).

  kill-upload.py URL SERVER-PID NAME PASSWORD TOTP-SECRET SOURCE MODE DELAY BYTES [STORE]

Logs NAME in from the loopback address SOURCE, then posts BYTES random bytes
to POST /api/evidence/upload for ET-8.3.5 · cloud/core-dr and, by MODE:
  body        sends half the body, waits DELAY seconds, kills the server;
  processing  sends the whole body, waits DELAY seconds, kills the server;
  writing     sends the whole body, waits until the server is writing it into
              the evidence store STORE (a temporary file there), kills it;
  none        sends the whole body and waits for the answer (no kill).
Prints one JSON object: the mode, the bytes sent and the status (none: the
answer's; else null).
"""
import base64
import hmac
import http.client
import json
import os
import signal
import socket
import ssl
import struct
import sys
import time
import urllib.parse

TLS = ssl.create_default_context()
TLS.check_hostname = False
TLS.verify_mode = ssl.CERT_NONE


def totp(secret):
    key = base64.b32decode(secret)
    mac = hmac.new(key, struct.pack(">Q", int(time.time()) // 30), "sha1").digest()
    offset = mac[-1] & 15
    return "%06d" % ((struct.unpack(">I", mac[offset:offset + 4])[0] & 0x7FFFFFFF) % 1000000)


def main():
    url, pid, name, password, secret, source, mode, delay, size = sys.argv[1:10]
    store = sys.argv[10] if len(sys.argv) > 10 else None
    pid, delay, size = int(pid), float(delay), int(size)
    parts = urllib.parse.urlsplit(url)
    origin = f"{parts.scheme}://{parts.netloc}"
    connection = http.client.HTTPSConnection(parts.hostname, parts.port, context=TLS, timeout=30,
                                             source_address=(source, 0))
    form = urllib.parse.urlencode({"name": name, "password": password, "code": totp(secret)})
    connection.request("POST", "/login", form, {
        "Origin": origin, "Content-Type": "application/x-www-form-urlencoded"})
    answer = connection.getresponse()
    answer.read()
    cookie = next((v.split(";")[0] for k, v in answer.getheaders()
                   if k.lower() == "set-cookie" and v.startswith("__Host-etguard=")), "")
    if answer.status != 303 or not cookie:
        raise SystemExit(f"kill-upload: {name} could not log in ({answer.status})")
    connection.request("GET", "/api/session", headers={"Cookie": cookie})
    csrf = json.loads(connection.getresponse().read())["csrf"]
    connection.close()

    raw = TLS.wrap_socket(socket.create_connection((parts.hostname, parts.port), timeout=30,
                                                   source_address=(source, 0)))
    head = (f"POST /api/evidence/upload?node=ET-8.3.5&object=cloud%2Fcore-dr&from=2027-01-01 HTTP/1.1\r\n"
            f"Host: {parts.netloc}\r\nOrigin: {origin}\r\nCookie: {cookie}\r\n"
            f"X-CSRF-Token: {csrf}\r\nX-File-Name: log-{mode}-{delay}.bin\r\n"
            f"Content-Type: application/octet-stream\r\nContent-Length: {size}\r\n\r\n")
    raw.sendall(head.encode())
    body = os.urandom(size)  # distinct each time: never already stored
    sent = size // 2 if mode == "body" else size
    raw.sendall(body[:sent])
    status = None
    if mode == "none":
        reply = b""
        while b"\r\n" not in reply:
            chunk = raw.recv(4096)
            if not chunk:
                break
            reply += chunk
        status = int(reply.split(b" ")[1]) if reply else None
    elif mode == "writing":
        deadline = time.monotonic() + 60
        while not any(n.endswith(".tmp") or n.startswith(".incoming.")
                      for _, _, names in os.walk(store) for n in names):
            if time.monotonic() > deadline:
                raise SystemExit("kill-upload: the server never began writing the upload")
            time.sleep(0.0005)
        os.kill(pid, signal.SIGKILL)
    else:
        time.sleep(delay)
        os.kill(pid, signal.SIGKILL)
    raw.close()
    print(json.dumps({"mode": mode, "delay": delay, "sent": sent, "status": status}))


main()
