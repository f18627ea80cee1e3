#!/usr/bin/env python3
"""Loads `etguard serve` as a team would (issue 18), for bench/run-server-load.sh.

  server-load.py mixed URL SECONDS USERS.tsv
      Each user (a line "name<TAB>password<TAB>totp-secret<TAB>source-address")
      logs in from its own loopback address, then for SECONDS reads the
      dashboard and a page of the grid and changes results on its own lines
      (POST /api/result), all users at once. Prints one JSON object: the
      requests and their latency by kind, every answer that was not 200, and
      for each user the changes the server confirmed and each of its lines'
      last confirmed value, read back at the end.

  server-load.py flood URL SECONDS THREADS
      THREADS threads post logins of unknown users with random passwords (a
      full Argon2id check each, no account locked, nothing recorded), each
      from its own loopback addresses so the per-source throttle does not
      refuse them first. Prints the logins answered per second.
"""
import base64
import hmac
import http.client
import json
import os
import ssl
import struct
import sys
import threading
import time
import urllib.parse

TLS = ssl.create_default_context()
TLS.check_hostname = False
TLS.verify_mode = ssl.CERT_NONE


def totp(secret, at=None):
    key = base64.b32decode(secret)
    step = int(time.time() if at is None else at) // 30
    mac = hmac.new(key, struct.pack(">Q", step), "sha1").digest()
    offset = mac[-1] & 15
    return "%06d" % ((struct.unpack(">I", mac[offset:offset + 4])[0] & 0x7FFFFFFF) % 1000000)


class Client:
    """One keep-alive HTTPS connection from one source address."""

    def __init__(self, url, source):
        parts = urllib.parse.urlsplit(url)
        self.origin = f"{parts.scheme}://{parts.netloc}"
        self.host, self.port, self.source = parts.hostname, parts.port, source
        self.cookie = ""
        self.connection = None

    def request(self, method, path, body=None, headers=None):
        all_headers = {"Origin": self.origin}
        if self.cookie:
            all_headers["Cookie"] = self.cookie
        all_headers.update(headers or {})
        for attempt in range(2):
            if self.connection is None:
                self.connection = http.client.HTTPSConnection(
                    self.host, self.port, context=TLS, timeout=60, source_address=(self.source, 0))
            try:
                self.connection.request(method, path, body=body, headers=all_headers)
                answer = self.connection.getresponse()
                data = answer.read()
                if answer.getheader("Connection", "").lower() == "close":
                    self.connection.close()
                    self.connection = None
                return answer.status, answer.getheaders(), data
            except (ConnectionError, http.client.HTTPException):
                self.connection.close()
                self.connection = None
                if attempt == 1:
                    raise
        raise AssertionError("unreachable")

    def log_in(self, name, password, secret):
        form = urllib.parse.urlencode({"name": name, "password": password, "code": totp(secret)})
        status, headers, _ = self.request(
            "POST", "/login", form, {"Content-Type": "application/x-www-form-urlencoded"})
        for key, value in headers:
            if key.lower() == "set-cookie" and value.startswith("__Host-etguard="):
                self.cookie = value.split(";")[0]
        if status != 303 or not self.cookie:
            raise SystemExit(f"server-load: {name} could not log in ({status})")
        _, _, data = self.request("GET", "/api/session")
        self.csrf = json.loads(data)["csrf"]


def percentile(values, p):
    if not values:
        return None
    ordered = sorted(values)
    return round(ordered[min(len(ordered) - 1, int(len(ordered) * p))] * 1000, 2)


def run_together(calls):
    """Runs each (function, args) on its own thread, all at once; the seconds it took."""
    threads = [threading.Thread(target=function, args=args) for function, args in calls]
    started = time.monotonic()
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    return time.monotonic() - started


STATUSES = ["compliant", "non_compliant", "partially_compliant", "compensating"]


def mixed(url, seconds, users_file):
    users = [line.rstrip("\n").split("\t") for line in open(users_file) if line.strip()]
    clients = []
    for name, password, secret, source in users:
        client = Client(url, source)
        client.log_in(name, password, secret)
        clients.append((name, client))
    # Each user's own lines: distinct, so the last value each confirmed is
    # the value the workspace must hold.
    _, _, data = clients[0][1].request("GET", "/api/assessment?limit=1000")
    lines = [(l["requirement"], l["object"]) for l in json.loads(data)["lines"]]
    per_user = len(lines) // len(clients)
    if per_user == 0:
        raise SystemExit("server-load: fewer grid lines than users")
    latency = {"dashboard": [], "grid": [], "change": []}
    unexpected = []
    report = {}
    lock = threading.Lock()
    deadline = time.monotonic() + seconds

    def work(index, name, client):
        mine = lines[index * per_user:(index + 1) * per_user]
        confirmed, last = 0, {}
        turn = 0
        while time.monotonic() < deadline:
            node, obj = mine[turn % len(mine)]
            status = STATUSES[(turn // len(mine)) % len(STATUSES)]
            steps = [
                ("dashboard", "GET", "/api/dashboard", None, {}),
                ("grid", "GET", f"/api/assessment?limit=50&offset={(turn * 50) % 5000}", None, {}),
                ("change", "POST",
                 "/api/result?" + urllib.parse.urlencode({"node": node, "object": obj}),
                 json.dumps({"status": status, "note": f"load {name} {turn}"}),
                 {"Content-Type": "application/json", "X-CSRF-Token": client.csrf}),
            ]
            for kind, method, path, body, headers in steps:
                started = time.monotonic()
                code, _, answer = client.request(method, path, body, headers)
                elapsed = time.monotonic() - started
                with lock:
                    latency[kind].append(elapsed)
                    if code != 200:
                        unexpected.append({"user": name, "kind": kind, "status": code,
                                           "body": answer[:200].decode("utf-8", "replace")})
                if kind == "change" and code == 200:
                    confirmed += 1
                    last[f"{node} {obj}"] = status
            turn += 1
        with lock:
            report[name] = {"confirmed": confirmed, "last": last}

    elapsed = run_together([(work, (i, n, c)) for i, (n, c) in enumerate(clients)])
    # Read back every line each user changed.
    mismatched = []
    reader = clients[0][1]
    for name, result in report.items():
        for key, status in result["last"].items():
            node, obj = key.split(" ")
            _, _, data = reader.request(
                "GET", "/api/result?" + urllib.parse.urlencode({"node": node, "object": obj}))
            held = json.loads(data)["result"]["status"]
            if held != status:
                mismatched.append({"line": key, "confirmed": status, "held": held})
    print(json.dumps({
        "users": len(clients),
        "seconds": round(elapsed, 1),
        "requests": {k: len(v) for k, v in latency.items()},
        "per_second": round(sum(len(v) for v in latency.values()) / elapsed, 1),
        "p50_ms": {k: percentile(v, 0.50) for k, v in latency.items()},
        "p99_ms": {k: percentile(v, 0.99) for k, v in latency.items()},
        "unexpected": unexpected[:20],
        "unexpected_count": len(unexpected),
        "confirmed": {name: r["confirmed"] for name, r in report.items()},
        "mismatched": mismatched,
    }))


def flood(url, seconds, threads):
    answered = {}
    lock = threading.Lock()
    deadline = time.monotonic() + seconds

    def work(index):
        sources = [f"127.0.{10 + index}.{i}" for i in range(1, 200)]
        turn = 0
        while time.monotonic() < deadline:
            client = Client(url, sources[turn % len(sources)])
            form = urllib.parse.urlencode({"name": f"flood-{index}-{turn}",
                                           "password": base64.b64encode(os.urandom(12)).decode(),
                                           "code": "000000"})
            code, _, _ = client.request(
                "POST", "/login", form, {"Content-Type": "application/x-www-form-urlencoded",
                                         "Connection": "close"})
            with lock:
                answered[code] = answered.get(code, 0) + 1
            turn += 1

    elapsed = run_together([(work, (i,)) for i in range(threads)])
    print(json.dumps({"seconds": round(elapsed, 1), "answers": answered,
                      "refused_logins_per_second": round(answered.get(401, 0) / elapsed, 2)}))


if __name__ == "__main__":
    mode = sys.argv[1] if len(sys.argv) > 1 else ""
    if mode == "mixed" and len(sys.argv) == 5:
        mixed(sys.argv[2], float(sys.argv[3]), sys.argv[4])
    elif mode == "flood" and len(sys.argv) == 5:
        flood(sys.argv[2], float(sys.argv[3]), int(sys.argv[4]))
    else:
        raise SystemExit(__doc__)
