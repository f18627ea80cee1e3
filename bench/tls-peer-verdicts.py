#!/usr/bin/env python3
"""Turns what sslscan and testssl.sh observed into Art. 34 endpoint records.

usage: tls-peer-verdicts.py sslscan|testssl OUTPUT_DIR_OR_JSON > peer.jsonl

The same default policy as etguard (docs/tls-checks.md) is applied to each
peer's *observations*, so scoring the records with tests/tls/score-matrix.py
shows which facts a peer saw or missed — not how it words its own ratings.
A peer that cannot observe a dimension (handshake-signature preference,
certificates a server keeps for other clients) simply reports nothing there.
"""
import datetime
import glob
import json
import re
import subprocess
import sys

WEAK_CIPHER = re.compile(r"NULL|RC4|RC2|_DES|3DES|IDEA|SEED|EXPORT|28147|CCM_8")


def openssl_to_iana():
    out = subprocess.run(["openssl", "ciphers", "-V", "-stdname", "ALL:COMPLEMENTOFALL:@SECLEVEL=0"],
                         capture_output=True, text=True).stdout
    mapping = {}
    for line in out.splitlines():
        parts = line.split()
        if len(parts) >= 5:
            mapping[parts[4]] = parts[2]
    return mapping


def suite_codes(iana):
    codes = set()
    if iana.startswith("TLS_") and "_WITH_" in iana:
        kx = iana[4:iana.index("_WITH_")]
        if not kx.startswith("ECDHE"):
            codes.add("KX_NOT_ECDHE")
        if "anon" in kx:
            codes.add("KX_ANON")
    if WEAK_CIPHER.search(iana):
        codes.add("CIPHER_WEAK")
    if iana.endswith("_SHA") or iana.endswith("_MD5"):
        codes.add("MAC_SHA1")
    return codes


def group_codes(name, tls13):
    name = name.lower()
    if name.startswith("ffdhe"):
        return {"KX_TLS13_FFDHE"} if tls13 else set()
    bits = re.search(r"(\d{3})", name)
    if name in ("x25519", "x448") or not bits:
        return set()
    return {"KX_GROUP_WEAK"} if int(bits.group(1)) < 256 else set()


def cert_codes(key_type, bits, sig_alg, not_after):
    codes = set()
    if key_type == "RSA" and bits < 2048:
        codes.add("CERT_RSA_WEAK")
    if key_type == "EC" and bits < 256:
        codes.add("CERT_EC_WEAK")
    if re.search(r"sha1|md5", sig_alg, re.I) and not re.search(r"sha1\d", sig_alg, re.I):
        codes.add("CERT_SIG_WEAK")
    if not_after and not_after < datetime.datetime.now(datetime.timezone.utc):
        codes.add("CERT_EXPIRED")
    return codes


def record(target, reasons, warnings):
    order = ["PROTO_SSL", "PROTO_LEGACY", "KX_NOT_ECDHE", "KX_TLS13_FFDHE", "KX_GROUP_WEAK", "KX_ANON",
             "CIPHER_WEAK", "MAC_SHA1", "PREFERS_WEAK", "CERT_RSA_WEAK", "CERT_EC_WEAK", "CERT_SIG_WEAK",
             "CERT_EXPIRED", "SIG_SHA1"]
    return {"kind": "endpoint", "target": target, "verdict": "fail" if reasons else "pass",
            "reasons": [c for c in order if c in reasons], "warnings": sorted(warnings)}


def from_sslscan(directory):
    names = openssl_to_iana()
    for path in sorted(glob.glob(f"{directory}/sslscan.*.txt")):
        text = open(path, encoding="utf-8", errors="replace").read()
        target = path.split("sslscan.")[1][:-4].replace("_", ":")
        reasons, warnings = set(), set()
        if re.search(r"^SSLv[23]\s+enabled", text, re.M):
            reasons.add("PROTO_SSL")
        if re.search(r"^TLSv1\.[01]\s+enabled", text, re.M):
            reasons.add("PROTO_LEGACY")
        suites = re.findall(r"^(Preferred|Accepted)\s+(\S+)\s+\d+ bits\s+(\S+)", text, re.M)
        for kind, proto, name in suites:
            codes = suite_codes(names.get(name, name))
            reasons |= codes
            # sslscan cannot tell a server's order from the client's: its
            # "Preferred" is only the first pick. Counted where there was a choice.
            if kind == "Preferred" and codes and sum(1 for s in suites if s[1] == proto) > 1:
                reasons.add("PREFERS_WEAK")
        groups = re.search(r"Server Key Exchange Group\(s\):\n(.*?)\n\n", text, re.S)
        for proto, name in re.findall(r"^(TLSv1\.[23])\s+\d+ bits\s+(\S+)", groups.group(1) if groups else "", re.M):
            reasons |= group_codes(name, proto == "TLSv1.3")
        sigs = re.search(r"Server Signature Algorithm\(s\):\n(.*?)\n\n", text, re.S)
        if sigs and re.search(r"sha1", sigs.group(1)):
            warnings.add("W_SIG_SHA1_ACCEPTED")
        sig = re.search(r"^Signature Algorithm:\s+(\S+)", text, re.M)
        rsa = re.search(r"^RSA Key Strength:\s+(\d+)", text, re.M)
        ecc = re.search(r"^ECC Key Strength:\s+(\d+)", text, re.M)
        after = re.search(r"^Not valid after:\s+(.+)$", text, re.M)
        not_after = None
        if after:
            not_after = datetime.datetime.strptime(after.group(1).strip(), "%b %d %H:%M:%S %Y GMT").replace(
                tzinfo=datetime.timezone.utc)
        if sig:
            key = ("RSA", int(rsa.group(1))) if rsa else ("EC", 2 * int(ecc.group(1))) if ecc else ("?", 0)
            reasons |= cert_codes(key[0], key[1], sig.group(1), not_after)
        print(json.dumps(record(target, reasons, warnings)))


def from_testssl(path):
    findings = {}
    for item in json.load(open(path)):
        findings.setdefault(f"{item['ip'].split('/')[-1]}:{item['port']}", {})[item["id"]] = item["finding"]
    for target, f in sorted(findings.items()):
        if not any(k.startswith("TLS1") for k in f):
            continue  # testssl dropped this host (its OpenSSL could not connect)
        reasons, warnings = set(), set()
        offered = lambda key: f.get(key, "").startswith("offered")
        if offered("SSLv2") or offered("SSLv3"):
            reasons.add("PROTO_SSL")
        if offered("TLS1") or offered("TLS1_1"):
            reasons.add("PROTO_LEGACY")
        for key, value in f.items():
            if key.startswith("cipher_x"):
                reasons |= suite_codes(value.split()[-1])
        tls13 = offered("TLS1_3")
        for name in f.get("PFS_ECDHE_curves", "").split():
            reasons |= group_codes(name, False)
        if tls13:
            for name in f.get("DH_groups", "").split():
                reasons |= group_codes(name, True)  # testssl does not say which protocol used them
        if f.get("cipher_order", "") == "server":
            for key, value in f.items():
                if key.startswith("cipherorder_") and len(value.split()) > 1:
                    first = value.split()[0]
                    if suite_codes(openssl_to_iana().get(first, first)):
                        reasons.add("PREFERS_WEAK")
        for key, value in f.items():
            if key.startswith("cert_keySize"):
                m = re.match(r"(RSA|EC)\s+(\d+)", value)
                if m:
                    reasons |= cert_codes(m.group(1), int(m.group(2)), "", None)
            if key.startswith("cert_signatureAlgorithm"):
                reasons |= cert_codes("", 4096, value, None)
            if key.startswith("cert_expirationStatus") and "expired" in value:
                reasons.add("CERT_EXPIRED")
            if key.startswith("cert_chain_of_trust") and value.startswith("failed"):
                warnings.add("W_UNTRUSTED")
        print(json.dumps(record(target, reasons, warnings)))


if __name__ == "__main__":
    {"sslscan": from_sslscan, "testssl": from_testssl}[sys.argv[1]](sys.argv[2])
