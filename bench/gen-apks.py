#!/usr/bin/python3
"""Generates Android packages for bench/run-mobile.sh with Debian's tools.

COUNT packages from about 100 KB to MAX_MB, sizes spread geometrically: each
has a manifest of its own (a seeded choice of permissions, components and
flags, compiled by aapt against android-framework-res), a DEX whose string
table grows with the package (tools/mobile-lab/make_dex.py), incompressible
assets making up the size, and v1+v2+v3 signatures by apksigner with one
RSA 3072 key made by OpenSSL.

usage: gen-apks.py OUT_DIR [--count 50] [--max-mb 50] [--seed 1] [--only-mb N]
  --only-mb N: one package of N MB (the peak-memory package) instead
"""
import argparse
import os
import random
import shutil
import subprocess
import sys
import tempfile
import zipfile

ROOT = os.path.dirname(os.path.dirname(os.path.realpath(__file__)))
FRAMEWORK = "/usr/share/android-framework-res/framework-res.apk"
PERMISSIONS = ["INTERNET", "CAMERA", "READ_CONTACTS", "ACCESS_FINE_LOCATION", "ACCESS_COARSE_LOCATION",
               "RECORD_AUDIO", "READ_PHONE_STATE", "POST_NOTIFICATIONS", "USE_BIOMETRIC", "VIBRATE",
               "ACCESS_NETWORK_STATE", "WAKE_LOCK", "READ_EXTERNAL_STORAGE", "WRITE_EXTERNAL_STORAGE",
               "BLUETOOTH_CONNECT", "READ_SMS", "RECEIVE_SMS", "SYSTEM_ALERT_WINDOW", "FOREGROUND_SERVICE",
               "RECEIVE_BOOT_COMPLETED", "NFC", "USE_FINGERPRINT", "READ_CALENDAR", "GET_ACCOUNTS"]


def manifest(rng, index):
    permissions = rng.sample(PERMISSIONS, rng.randint(2, len(PERMISSIONS)))
    flags = " ".join(f'android:{name}="{rng.choice(["true", "false"])}"'
                     for name in ("debuggable", "allowBackup", "usesCleartextTraffic") if rng.random() < 0.7)
    components = []
    for c in range(rng.randint(3, 120)):
        kind = rng.choice(["activity", "service", "receiver"])
        exported = rng.choice(['android:exported="true"', 'android:exported="false"', ""])
        permission = 'android:permission="tw.example.PRIVATE"' if rng.random() < 0.3 else ""
        components.append(f'    <{kind} android:name=".C{c}" {exported} {permission}/>')
    uses = "\n".join(f'  <uses-permission android:name="android.permission.{p}"/>' for p in permissions)
    return f"""<?xml version="1.0" encoding="utf-8"?>
<manifest xmlns:android="http://schemas.android.com/apk/res/android" package="tw.example.bench{index}"
    android:versionCode="{index + 1}" android:versionName="1.{index}.0">
  <uses-sdk android:minSdkVersion="{rng.randint(19, 28)}" android:targetSdkVersion="{rng.randint(28, 34)}"/>
{uses}
  <application android:label="Bench {index}" {flags}>
    <activity android:name=".Main" android:exported="true"><intent-filter>
      <action android:name="android.intent.action.MAIN"/><category android:name="android.intent.category.LAUNCHER"/>
    </intent-filter></activity>
{chr(10).join(components)}
  </application>
</manifest>
"""


def build(out, index, size, rng, key, cert, work):
    dir_ = os.path.join(work, f"app{index}")
    os.makedirs(dir_)
    with open(os.path.join(dir_, "AndroidManifest.xml"), "w") as f:
        f.write(manifest(rng, index))
    unaligned = os.path.join(dir_, "unaligned.apk")
    subprocess.run(["aapt", "package", "-f", "-M", os.path.join(dir_, "AndroidManifest.xml"), "-I", FRAMEWORK,
                    "-F", unaligned], check=True)
    # The code grows with the package: about a fifth of it is DEX strings.
    strings = max(50, size // 5 // 40)
    words = [f"Ltw/example/bench{index}/pkg{n % 97}/Class{n};" if n % 3 else
             f"https://api{n % 7}.example.com.tw/v1/endpoint/{n}" if n % 5 else f"message text number {n} 訊息"
             for n in range(strings)]
    write_big_dex(os.path.join(dir_, "classes.dex"), words[: strings // 2 + 1])
    write_big_dex(os.path.join(dir_, "classes2.dex"), words[strings // 2 + 1:])
    with zipfile.ZipFile(unaligned, "a", zipfile.ZIP_DEFLATED) as z:
        for name in ("classes.dex", "classes2.dex"):
            if os.path.exists(os.path.join(dir_, name)):
                z.write(os.path.join(dir_, name), name)
        remaining = max(0, size - os.path.getsize(unaligned))
        part = 0
        while remaining > 0:
            chunk = min(remaining, 8 << 20)
            z.writestr(zipfile.ZipInfo(f"assets/blob{part}.bin"), rng.randbytes(chunk), zipfile.ZIP_STORED)
            remaining -= chunk
            part += 1
    aligned = os.path.join(dir_, "aligned.apk")
    subprocess.run(["zipalign", "-f", "4", unaligned, aligned], check=True)
    target = os.path.join(out, f"bench-{index:02d}.apk")
    subprocess.run(["apksigner", "sign", "--key", key, "--cert", cert, "--v1-signing-enabled", "true",
                    "--v2-signing-enabled", "true", "--v3-signing-enabled", "true", "--out", target, aligned],
                   check=True)
    if os.path.exists(target + ".idsig"):
        os.remove(target + ".idsig")
    shutil.rmtree(dir_)


def write_big_dex(path, words):
    sys.path.insert(0, os.path.join(ROOT, "tools/mobile-lab"))
    import make_dex
    with open(path, "wb") as f:
        f.write(make_dex.build(words))


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("out")
    parser.add_argument("--count", type=int, default=50)
    parser.add_argument("--max-mb", type=float, default=50)
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--only-mb", type=float)
    args = parser.parse_args()
    os.makedirs(args.out, exist_ok=True)
    rng = random.Random(args.seed)
    with tempfile.TemporaryDirectory() as work:
        key_pem, key, cert = (os.path.join(work, n) for n in ("key.pem", "key.pk8", "cert.pem"))
        subprocess.run(["openssl", "genpkey", "-algorithm", "RSA", "-pkeyopt", "rsa_keygen_bits:3072",
                        "-out", key_pem], check=True, capture_output=True)
        subprocess.run(["openssl", "pkcs8", "-topk8", "-nocrypt", "-in", key_pem, "-outform", "DER",
                        "-out", key], check=True)
        subprocess.run(["openssl", "req", "-new", "-x509", "-key", key_pem, "-days", "3650", "-subj",
                        "/CN=bench/O=etguard bench", "-out", cert], check=True, capture_output=True)
        if args.only_mb:
            build(args.out, 99, int(args.only_mb * (1 << 20)), rng, key, cert, work)
            return
        low, high = 100 << 10, int(args.max_mb * (1 << 20))
        for index in range(args.count):
            size = int(low * (high / low) ** (index / max(1, args.count - 1)))
            build(args.out, index, size, rng, key, cert, work)


if __name__ == "__main__":
    main()
