#!/usr/bin/env bash
# Builds the iOS test packages: Info.plist written as XML and converted to
# binary by plistutil, a provisioning profile signed as CMS by OpenSSL, a
# signed executable holding the strings the checks look for, zipped as an IPA.
#   good.ipa  3.1.0: iOS 15, camera only, pinned ATS, an App Store profile with
#             the release certificate, jailbreak detection (IOSSecuritySuite)
#   bad.ipa   3.2.0: iOS 12, contacts added, ATS off and TLS 1.0 allowed, a
#             development profile (get-task-allow) that expired, another
#             certificate, an http:// endpoint and a key in the code
#   altered.ipa good.ipa's build with a byte of its executable changed after
#             signing: the code signature no longer holds
# Each executable is a Mach-O signed as codesign does (make-macho.py): a
# CodeDirectory hashing every page and a CMS signature by the profile's key.
# usage: tests/mobile/make-ipas.sh OUT_DIR KEYS_DIR   (KEYS_DIR: make-apks.sh's output)
set -euo pipefail
out=$1 keys=$2
here=$(cd "$(dirname "$0")" && pwd)
for tool in plistutil openssl python3; do
  command -v "$tool" >/dev/null || { echo "make-ipas: $tool not installed" >&2; exit 77; }
done
mkdir -p "$out"
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

ipa() {  # NAME VERSION MIN_OS USAGE ATS PROFILE_EXTRA EXPIRES SIGNER STRINGS...
  local name=$1 version=$2 min_os=$3 usage=$4 ats=$5 profile_extra=$6 expires=$7 signer=$8
  shift 8
  local app=$work/$name/Payload/Trade.app
  mkdir -p "$app"
  cat > "$work/$name/Info.xml" <<XML
<?xml version="1.0" encoding="UTF-8"?>
<!DOCTYPE plist PUBLIC "-//Apple//DTD PLIST 1.0//EN" "http://www.apple.com/DTDs/PropertyList-1.0.dtd">
<plist version="1.0"><dict>
  <key>CFBundleIdentifier</key><string>tw.example.trade</string>
  <key>CFBundleShortVersionString</key><string>$version</string>
  <key>CFBundleVersion</key><string>${version//./}</string>
  <key>CFBundleExecutable</key><string>Trade</string>
  <key>CFBundleDisplayName</key><string>行動下單</string>
  <key>MinimumOSVersion</key><string>$min_os</string>
  $usage
  <key>CFBundleURLTypes</key><array><dict><key>CFBundleURLSchemes</key><array><string>twtrade</string></array></dict></array>
  <key>NSAppTransportSecurity</key><dict>$ats</dict>
</dict></plist>
XML
  plistutil -i "$work/$name/Info.xml" -o "$app/Info.plist" -f bin 2>/dev/null ||
    plistutil -i "$work/$name/Info.xml" -o "$app/Info.plist"
  local der
  der=$(openssl x509 -in "$keys/$signer.cert.pem" -outform DER | base64 -w0)
  cat > "$work/$name/profile.plist" <<XML
<?xml version="1.0" encoding="UTF-8"?>
<!DOCTYPE plist PUBLIC "-//Apple//DTD PLIST 1.0//EN" "http://www.apple.com/DTDs/PropertyList-1.0.dtd">
<plist version="1.0"><dict>
  <key>Name</key><string>Trade $name</string>
  <key>TeamIdentifier</key><array><string>ABCDE12345</string></array>
  <key>ExpirationDate</key><date>${expires}T00:00:00Z</date>
  <key>DeveloperCertificates</key><array><data>$der</data></array>
  $profile_extra
</dict></plist>
XML
  openssl pkcs8 -inform DER -nocrypt -in "$keys/$signer.pk8" -out "$work/$name/key.pem"
  openssl cms -sign -nodetach -binary -outform DER -in "$work/$name/profile.plist" \
    -signer "$keys/$signer.cert.pem" -inkey "$work/$name/key.pem" -out "$app/embedded.mobileprovision"
  python3 "$here/make-macho.py" "$app/Trade" "$work/$name/key.pem" "$keys/$signer.cert.pem" \
    tw.example.trade ABCDE12345 ${ALTER:+--alter} "$@"
  (cd "$work/$name" && python3 -c 'import sys, zipfile, os
with zipfile.ZipFile(sys.argv[1], "w", zipfile.ZIP_DEFLATED) as z:
    for root, _, files in os.walk("Payload"):
        for f in sorted(files):
            z.write(os.path.join(root, f))' "$out/$name.ipa")
}

good=(3.1.0 15.0
  '<key>NSCameraUsageDescription</key><string>開戶時拍攝證件</string>'
  '<key>NSPinnedDomains</key><dict><key>api.example.com.tw</key><dict><key>NSPinnedLeafIdentities</key><array><dict><key>SPKI-SHA256-BASE64</key><string>7HIpactkIAq2Y49orFOOQKurWxmmSFZhBCoQYcRhJ3Y=</string></dict></array></dict></dict>'
  '<key>Entitlements</key><dict><key>get-task-allow</key><false/></dict>' 2030-12-31 release
  "IOSSecuritySuite" "amIJailbroken" "https://api.example.com.tw/v1/quote")
ipa good "${good[@]}"
ALTER=1 ipa altered "${good[@]}"
ipa bad 3.2.0 12.0 \
  '<key>NSCameraUsageDescription</key><string>開戶時拍攝證件</string><key>NSContactsUsageDescription</key><string>推薦好友</string>' \
  '<key>NSAllowsArbitraryLoads</key><true/><key>NSExceptionDomains</key><dict><key>quote.example.com.tw</key><dict><key>NSExceptionAllowsInsecureHTTPLoads</key><true/><key>NSExceptionMinimumTLSVersion</key><string>TLSv1.0</string></dict></dict>' \
  '<key>Entitlements</key><dict><key>get-task-allow</key><true/></dict><key>ProvisionedDevices</key><array><string>00008030-000A1B2C3D4E5F60</string></array>' 2020-01-31 other \
  "http://quote.example.com.tw/v1/quote" "AKIAIOSFODNN7EXAMPLE"
