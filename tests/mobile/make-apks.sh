#!/usr/bin/env bash
# Builds the mobile-app test packages with Debian's Android tools: aapt
# (manifests and resources compiled against android-framework-res),
# tools/mobile-lab/make_dex.py (Debian ships no DEX compiler), zipalign and
# apksigner with keys made by OpenSSL.
#   good.apk         a release build: v1+v2+v3 (RSA 3072), pinning, root detection
#   bad.apk          3.2.0 (the others are 3.1.0): debuggable, backups, cleartext, user CAs, an exported service,
#                    a new dangerous permission, an http:// endpoint and a key in code;
#                    v1 only, RSA 1024 / SHA-1
#   counterfeit.apk  good's content signed by another key
#   rotated.apk      good's content, v3 with a rotation from the release key to a new one
#   v2only.apk       good's content, v2 only
#   unsigned.apk     good's content, not signed
#   v1-added.apk     bad.apk with an entry added after signing
#   v1-altered.apk   bad.apk with classes.dex changed after signing
#   good.aab         good's manifest, resources and code as an App Bundle (aapt2's
#                    protobuf form), signed by jarsigner; good-proto.apk is aapt2's output
# usage: tests/mobile/make-apks.sh OUT_DIR     (prints the release key's SHA-256)
set -euo pipefail
out=$1
root=$(cd "$(dirname "$0")/../.." && pwd)
framework=/usr/share/android-framework-res/framework-res.apk
for tool in aapt zipalign apksigner openssl; do
  command -v "$tool" >/dev/null || { echo "make-apks: $tool not installed" >&2; exit 77; }
done
[[ -f $framework ]] || { echo "make-apks: $framework not installed" >&2; exit 77; }
mkdir -p "$out"
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

key() {  # key NAME BITS DIGEST
  openssl genpkey -algorithm RSA -pkeyopt "rsa_keygen_bits:$2" -out "$work/$1.pem" 2>/dev/null
  openssl pkcs8 -topk8 -nocrypt -in "$work/$1.pem" -outform DER -out "$out/$1.pk8"
  openssl req -new -x509 -key "$work/$1.pem" "-$3" -days 9000 -subj "/CN=$1/O=etguard test" \
    -out "$out/$1.cert.pem" 2>/dev/null
}
key release 3072 sha256
key other 3072 sha256
key weak 1024 sha1
key next 3072 sha256

app() {  # app NAME DEBUGGABLE-ATTRIBUTES PERMISSIONS SERVICE-EXPORT NSC DEX-STRINGS...
  local name=$1 flags=$2 permissions=$3 service=$4 nsc=$5
  shift 5
  local dir=$work/$name
  mkdir -p "$dir/res/values" "$dir/res/xml"
  cat > "$dir/AndroidManifest.xml" <<XML
<?xml version="1.0" encoding="utf-8"?>
<manifest xmlns:android="http://schemas.android.com/apk/res/android" package="tw.example.trade"
    android:versionCode="${VERSION_CODE:-310}" android:versionName="${VERSION:-3.1.0}">
  <uses-sdk android:minSdkVersion="${MIN_SDK:-24}" android:targetSdkVersion="33"/>
$permissions
  <application android:label="@string/app_name" $flags android:networkSecurityConfig="@xml/network_security_config">
    <activity android:name=".Main" android:exported="true">
      <intent-filter>
        <action android:name="android.intent.action.MAIN"/>
        <category android:name="android.intent.category.LAUNCHER"/>
      </intent-filter>
    </activity>
    <service android:name=".QuoteSync" $service/>
    <provider android:name=".Files" android:authorities="tw.example.trade.files" android:exported="false"/>
  </application>
</manifest>
XML
  printf '<resources><string name="app_name">行動下單</string></resources>\n' > "$dir/res/values/strings.xml"
  printf '%s\n' "$nsc" > "$dir/res/xml/network_security_config.xml"
  aapt package -f -M "$dir/AndroidManifest.xml" -S "$dir/res" -I "$framework" -F "$dir/unaligned.apk"
  python3 "$root/tools/mobile-lab/make_dex.py" "$dir/classes.dex" "$@"
  (cd "$dir" && aapt add unaligned.apk classes.dex >/dev/null)
  zipalign -f 4 "$dir/unaligned.apk" "$work/$name.apk"
}

pinned='<network-security-config>
  <base-config cleartextTrafficPermitted="false"><trust-anchors><certificates src="system"/></trust-anchors></base-config>
  <domain-config><domain includeSubdomains="true">api.example.com.tw</domain>
    <pin-set expiration="2027-12-31"><pin digest="SHA-256">7HIpactkIAq2Y49orFOOQKurWxmmSFZhBCoQYcRhJ3Y=</pin></pin-set>
  </domain-config>
  <debug-overrides><trust-anchors><certificates src="user"/></trust-anchors></debug-overrides>
</network-security-config>'
open='<network-security-config>
  <base-config cleartextTrafficPermitted="true"><trust-anchors><certificates src="user"/><certificates src="system"/></trust-anchors></base-config>
  <domain-config cleartextTrafficPermitted="true"><domain includeSubdomains="true">quote.example.com.tw</domain></domain-config>
</network-security-config>'

app good 'android:debuggable="false" android:allowBackup="false"' \
  '  <uses-permission android:name="android.permission.INTERNET"/>
  <uses-permission android:name="android.permission.CAMERA"/>' \
  'android:exported="false"' "$pinned" \
  "https://api.example.com.tw/v1/quote" "Lcom/scottyab/rootbeer/RootBeer;" "isRooted" \
  "com.google.android.play.core.integrity.IntegrityManager" "Ltw/example/trade/Main;"
MIN_SDK=19 VERSION=3.2.0 VERSION_CODE=320 app bad 'android:debuggable="true" android:allowBackup="true" android:usesCleartextTraffic="true"' \
  '  <uses-permission android:name="android.permission.INTERNET"/>
  <uses-permission android:name="android.permission.CAMERA"/>
  <uses-permission android:name="android.permission.READ_CONTACTS"/>' \
  'android:exported="true"' "$open" \
  "http://quote.example.com.tw/v1/quote" "AKIAIOSFODNN7EXAMPLE" "setWebContentsDebuggingEnabled" \
  "Ltw/example/trade/Main;"

sign() {  # sign IN OUT KEY [apksigner options...]
  local in=$1 to=$2 signer=$3
  shift 3
  apksigner sign --key "$out/$signer.pk8" --cert "$out/$signer.cert.pem" "$@" --out "$out/$to" "$work/$in"
  rm -f "$out/$to.idsig"
}
sign good.apk good.apk release --v1-signing-enabled true --v2-signing-enabled true --v3-signing-enabled true
sign bad.apk bad.apk weak --v1-signing-enabled true --v2-signing-enabled false --v3-signing-enabled false
sign good.apk counterfeit.apk other
sign good.apk v2only.apk release --v1-signing-enabled false --v2-signing-enabled true --v3-signing-enabled false
apksigner rotate --out "$work/lineage" --old-signer --key "$out/release.pk8" --cert "$out/release.cert.pem" \
  --new-signer --key "$out/next.pk8" --cert "$out/next.cert.pem"
apksigner sign --key "$out/release.pk8" --cert "$out/release.cert.pem" --next-signer \
  --key "$out/next.pk8" --cert "$out/next.cert.pem" --lineage "$work/lineage" --out "$out/rotated.apk" "$work/good.apk"
rm -f "$out/rotated.apk.idsig"
cp "$work/good.apk" "$out/unsigned.apk"
# bad.apk's v1 signature broken two ways: an entry added after signing, and
# classes.dex changed after signing (every other byte as signed).
python3 - "$out/bad.apk" "$out/v1-added.apk" "$out/v1-altered.apk" <<'PY'
import shutil, sys, zipfile
signed, added, altered = sys.argv[1:]
shutil.copy(signed, added)
with zipfile.ZipFile(added, "a") as z:
    z.writestr("assets/injected.txt", "not signed")
with zipfile.ZipFile(signed) as src, zipfile.ZipFile(altered, "w") as dst:
    for info in src.infolist():
        data = src.read(info)
        dst.writestr(info, data + b"\0" if info.filename == "classes.dex" else data)
PY

# An App Bundle of the release build: aapt2 compiles the same manifest and
# resources to its protobuf form (kept as good-proto.apk for aapt2 dump), laid
# out as a bundle's base module and signed by jarsigner with the release key.
if command -v aapt2 >/dev/null && command -v jarsigner >/dev/null; then
  bundle=$work/bundle
  mkdir -p "$bundle/base/manifest" "$bundle/base/dex" "$bundle/base/res/xml"
  aapt2 compile --dir "$work/good/res" -o "$work/good-res.zip"
  aapt2 link --proto-format -I "$framework" --manifest "$work/good/AndroidManifest.xml" \
    -o "$out/good-proto.apk" "$work/good-res.zip"
  (cd "$bundle" && unzip -q -o "$out/good-proto.apk" &&
    mv AndroidManifest.xml base/manifest/ && mv resources.pb base/ && mv res/xml/* base/res/xml/ && rm -rf res &&
    cp "$work/good/classes.dex" base/dex/ && : > BundleConfig.pb &&
    python3 -c 'import os, zipfile
with zipfile.ZipFile("../good.aab", "w", zipfile.ZIP_DEFLATED) as z:
    for root, _, files in sorted(os.walk(".")):
        for f in sorted(files):
            z.write(os.path.join(root, f), os.path.relpath(os.path.join(root, f), "."))')
  openssl pkcs8 -inform DER -nocrypt -in "$out/release.pk8" -out "$work/release.key.pem"
  openssl pkcs12 -export -inkey "$work/release.key.pem" -in "$out/release.cert.pem" -name release \
    -passout pass:etguard-test -out "$work/release.p12"
  jarsigner -keystore "$work/release.p12" -storetype PKCS12 -storepass etguard-test -digestalg SHA-256 \
    -sigalg SHA256withRSA -signedjar "$out/good.aab" "$work/good.aab" release >/dev/null
fi
openssl x509 -in "$out/release.cert.pem" -outform DER | sha256sum | cut -d' ' -f1
