#!/usr/bin/env bash
# etguard scan app on packages built here with Debian's Android tools
# (make-apks.sh: aapt, zipalign, apksigner, keys by OpenSSL). The decoded
# manifests equal aapt's and androguard's (crosscheck.py). Against a register
# entry that approves CAMERA and the release certificate: the release build
# passes every check; the bad build fails each check on its defect; the
# counterfeit fails on its signer; the rotated build passes with a warning;
# an added dangerous permission fails against --previous (or the release the
# workspace recorded) until the register approves it; an internal app is not bound by the lab test. --import records
# ET-19.2, 19.3, 20.1, 20.3 and 20.4 on the app; the ledger verifies. SARIF
# is one JSON document with error results. The iOS builds (make-ipas.sh) are
# judged the same way against an iOS entry. A truncated package, a zip bomb,
# a mismatched --release and an unknown object exit 2 and record nothing.
# Usage: scan-app.sh ETGUARD WORKDIR
set -euo pipefail
etguard=$1 work=$2
here=$(cd "$(dirname "$0")" && pwd)
py=/usr/bin/python3
fail() { echo "FAIL: $*" >&2; exit 1; }
rm -rf "$work"
mkdir -p "$work"
set +e
release_sha=$("$here/make-apks.sh" "$work/apks")
rc=$?
set -e
if ((rc == 77)); then
  echo "SKIP: aapt, zipalign, apksigner or android-framework-res is not installed (scripts/install-deps installs them)"
  exit 77
fi
((rc == 0)) || fail "make-apks.sh exited $rc"
apks=$work/apks
next_sha=$(openssl x509 -in "$apks/next.cert.pem" -outform DER | sha256sum | cut -d' ' -f1)

if command -v androguard >/dev/null; then
  "$here/crosscheck.py" "$etguard" "$apks"/{good,bad,counterfeit,rotated,v2only,unsigned}.apk >/dev/null ||
    fail "the decoded manifests disagree with aapt or androguard"
else
  echo "note: androguard not installed, the cross-check is skipped"
fi

registers() {  # PERMISSIONS [CUSTOMER_FACING]
  cat > "$work/registers.yaml" <<YAML
format: etguard.registers
format_version: "1.0"
profile:
  name: 測試證券股份有限公司
  sector: securities
registers:
  mobile_app:
    - id: trade-app
      name: 行動下單 App
      owner: 數位金融部
      facts: {published: true, customer_facing: ${2:-true}}
      details: {package: tw.example.trade, permissions: [$1], signer_sha256: $release_sha}
      dates: {last_lab_test: $(date -u -d '100 days ago' +%F)}
    - id: trade-ios
      name: 行動下單 App（iOS）
      owner: 數位金融部
      facts: {published: true, customer_facing: true}
      details: {package: tw.example.trade, permissions: [NSCameraUsageDescription], signer_sha256: $release_sha}
      dates: {last_lab_test: $(date -u -d '100 days ago' +%F)}
YAML
  "$etguard" "${ws[@]}" registers import "$work/registers.yaml" >/dev/null
}
ws=(--workspace "$work/ws")
"$etguard" init "$work/ws" >/dev/null
registers "CAMERA"
"$etguard" "${ws[@]}" cycle start 2027 --yes >/dev/null

judge() {  # OBJECT PACKAGE EXPECTED-RC OUT [OPTIONS...]
  local object=$1 package=$2 want=$3 out=$4
  shift 4
  set +e
  "$etguard" "${ws[@]}" scan app "$package" --object "mobile_app/$object" "$@" >"$out" 2>&1
  local got=$?
  set -e
  ((got == want)) || fail "$(basename "$package"): exit $got, expected $want: $(cat "$out")"
}
check() { judge trade-app "$apks/$1" "${@:2}"; }  # APK EXPECTED-RC OUT [OPTIONS...]
check good.apk 0 "$work/good.txt"
for id in permissions signing build network components secrets tamper_detection lab_test; do
  grep -q "^mobile.$id pass" "$work/good.txt" || fail "good.apk: mobile.$id did not pass: $(cat "$work/good.txt")"
done

check bad.apk 1 "$work/bad.txt"
for code in APP_PERMISSION_NOT_APPROVED APP_V1_ONLY APP_WEAK_SIGNING_KEY APP_SIGNER_UNKNOWN APP_DEBUGGABLE \
  APP_BACKUP_ALLOWED APP_MIN_SDK_LOW APP_CLEARTEXT_ALLOWED APP_TRUSTS_USER_CAS APP_HTTP_ENDPOINT \
  APP_EXPORTED_WITHOUT_PERMISSION APP_HARDCODED_CREDENTIAL APP_NO_TAMPER_DETECTION; do
  grep -q "  $code:" "$work/bad.txt" || fail "bad.apk: no $code: $(cat "$work/bad.txt")"
done
grep -q "READ_CONTACTS" "$work/bad.txt" || fail "the unapproved permission is not named"
if grep -q "AKIAIOSFODNN7EXAMPLE" "$work/bad.txt"; then fail "a key reached the output unmasked"; fi
grep -q "^mobile.lab_test pass" "$work/bad.txt" || fail "the lab test is the register's, not the package's"

# The release as an App Bundle: the same manifest in protobuf form (equal to
# aapt2's dump), signed by jarsigner with the release key, passes as the APK.
if [[ -f $apks/good.aab ]]; then
  "$here/crosscheck.py" --aapt2 "$etguard" "$apks/good.aab" "$apks/good-proto.apk" >/dev/null ||
    fail "the bundle's decoded manifest disagrees with aapt2"
  check good.aab 0 "$work/bundle.txt"
  grep -q "^good.aab: tw.example.trade (App Bundle) 3.1.0" "$work/bundle.txt" || fail "bundle: $(cat "$work/bundle.txt")"
else
  echo "note: aapt2 or jarsigner not installed, the App Bundle is not checked"
fi
check counterfeit.apk 1 "$work/counterfeit.txt"
grep -q "APP_SIGNER_UNKNOWN: signed by a certificate mobile_app/trade-app does not register" "$work/counterfeit.txt" ||
  fail "the counterfeit was not caught: $(cat "$work/counterfeit.txt")"
check rotated.apk 0 "$work/rotated.txt"
grep -q "warning APP_SIGNER_ROTATED: signed by $next_sha" "$work/rotated.txt" ||
  fail "the rotation is not reported: $(cat "$work/rotated.txt")"
# The release build altered after signing (a byte of an entry no check
# inflates): the signer still claims the release key, the signature fails.
"$py" - "$apks/good.apk" "$work/altered.apk" <<'PY'
import sys, zipfile
data = bytearray(open(sys.argv[1], "rb").read())
info = zipfile.ZipFile(sys.argv[1]).getinfo("META-INF/MANIFEST.MF")
at = info.header_offset + 30 + len(info.filename) + int.from_bytes(data[info.header_offset + 28:info.header_offset + 30], "little")
data[at] ^= 1
open(sys.argv[2], "wb").write(data)
PY
set +e
"$etguard" "${ws[@]}" scan app "$work/altered.apk" --object mobile_app/trade-app >"$work/altered.txt" 2>&1
rc=$?
set -e
((rc == 1)) || fail "an altered package gave exit $rc: $(cat "$work/altered.txt")"
grep -q "  APP_SIGNATURE_INVALID: the signature does not hold (v2 signer 1: the package's content does not match the digest it signed" \
  "$work/altered.txt" || fail "the alteration was not caught: $(cat "$work/altered.txt")"
check unsigned.apk 1 "$work/unsigned.txt"
grep -q "APP_UNSIGNED" "$work/unsigned.txt" || fail "unsigned.apk passed"

# A new dangerous permission since the previous release fails until approved.
check bad.apk 1 "$work/previous.txt" --previous "$apks/good.apk"
grep -q "  APP_PERMISSION_ADDED: dangerous permissions added since 3.1.0: READ_CONTACTS" "$work/previous.txt" ||
  fail "the added permission is not reported: $(cat "$work/previous.txt")"
registers "CAMERA, READ_CONTACTS"
check bad.apk 1 "$work/approved.txt" --previous "$apks/good.apk"
grep -q "^mobile.permissions pass" "$work/approved.txt" || fail "the approved permission still fails"
grep -q "warning APP_PERMISSION_ADDED_APPROVED" "$work/approved.txt" || fail "the approved change is not recorded"

# An internal app is not bound by the lab test (Art. 20.3).
registers "CAMERA" false
check good.apk 0 "$work/internal.txt" --release-date "$(date -u -d '+2 years' +%F)"
grep -q "^mobile.lab_test not_applicable" "$work/internal.txt" || fail "internal app: $(cat "$work/internal.txt")"
registers "CAMERA"
check good.apk 1 "$work/expired.txt" --release-date "$(date -u -d '+2 years' +%F)"
grep -q "  APP_LAB_TEST_EXPIRED" "$work/expired.txt" || fail "an expired lab test passed: $(cat "$work/expired.txt")"

# Recorded as evidence for the release, and the ledger verifies.
check good.apk 0 "$work/import.txt" --release 3.1.0 --import
grep -q "imported 8 scan evidence records" "$work/import.txt" || fail "import: $(cat "$work/import.txt")"
"$etguard" "${ws[@]}" evidence list >"$work/evidence.txt"
for node in ET-19.2 ET-19.3 ET-20.1 ET-20.3 ET-20.4; do
  grep -q "$node *mobile_app/trade-app .*mobile_app/trade-app@3.1.0 (partial) \[pass\]" "$work/evidence.txt" ||
    fail "$node was not recorded: $(cat "$work/evidence.txt")"
done
"$etguard" "${ws[@]}" ledger verify >/dev/null || fail "the ledger does not verify"
records=$(wc -l < "$work/evidence.txt")

# Without --previous, the previous release is the one the workspace recorded.
check bad.apk 1 "$work/recorded.txt"
grep -q "^previous release: 3.1.0 (recorded .* (evidence #[0-9]*))" "$work/recorded.txt" ||
  fail "the recorded release is not the previous one: $(cat "$work/recorded.txt")"
grep -q "  APP_PERMISSION_ADDED: dangerous permissions added since 3.1.0: READ_CONTACTS" "$work/recorded.txt" ||
  fail "the permission added since the recorded release is not reported: $(cat "$work/recorded.txt")"
check good.apk 0 "$work/same.txt"
if grep -q "^previous release" "$work/same.txt"; then fail "a release was compared with itself"; fi

# JSON Lines name the release and the package's SHA-256; SARIF is one document.
set +e
"$etguard" "${ws[@]}" --json scan app "$apks/good.apk" --object mobile_app/trade-app >"$work/good.jsonl"
"$etguard" scan app "$apks/bad.apk" --format sarif >"$work/bad.sarif"
set -e
"$py" - "$work/good.jsonl" "$work/bad.sarif" "$(sha256sum "$apks/good.apk" | cut -d' ' -f1)" <<'PY' || fail "machine output"
import json, sys
rows = [json.loads(line) for line in open(sys.argv[1])]
assert len(rows) == 8 and all(r["verdict"] == "pass" for r in rows), rows
assert all(r["evidence"]["release"]["sha256"] == sys.argv[3] for r in rows)
assert all(r["evidence"]["release"]["version_name"] == "3.1.0" for r in rows)
sarif = json.load(open(sys.argv[2]))
results = sarif["runs"][0]["results"]
assert sarif["version"] == "2.1.0"
assert {"mobile.build", "mobile.network", "mobile.signing"} <= {r["ruleId"] for r in results if r["level"] == "error"}
PY

# iOS: the same checks on IPAs (make-ipas.sh), against the iOS entry.
if "$here/make-ipas.sh" "$work/ipas" "$apks" 2>"$work/ipas.err"; then
  ios() { judge trade-ios "$work/ipas/$1" "${@:2}"; }  # IPA EXPECTED-RC OUT [OPTIONS...]
  ios good.ipa 0 "$work/good-ios.txt"
  for id in permissions signing build network components secrets tamper_detection lab_test; do
    grep -q "^mobile.$id pass" "$work/good-ios.txt" || fail "good.ipa: mobile.$id did not pass: $(cat "$work/good-ios.txt")"
  done
  ios bad.ipa 1 "$work/bad-ios.txt" --previous "$work/ipas/good.ipa"
  for code in APP_PERMISSION_NOT_APPROVED APP_PERMISSION_ADDED APP_PROFILE_NOT_STORE APP_PROFILE_EXPIRED \
    APP_SIGNER_UNKNOWN APP_DEBUGGABLE APP_MIN_OS_LOW APP_CLEARTEXT_ALLOWED APP_CLEARTEXT_DOMAINS APP_WEAK_TLS \
    APP_HTTP_ENDPOINT APP_HARDCODED_CREDENTIAL APP_NO_TAMPER_DETECTION; do
    grep -q "  $code:" "$work/bad-ios.txt" || fail "bad.ipa: no $code: $(cat "$work/bad-ios.txt")"
  done
  ios altered.ipa 1 "$work/altered-ios.txt"
  grep -q "APP_SIGNATURE_INVALID: 1 of [0-9]* code pages no longer match their signed hash" \
    "$work/altered-ios.txt" || fail "altered.ipa: the altered page is not named: $(cat "$work/altered-ios.txt")"
  grep -q "^mobile.signing fail" "$work/altered-ios.txt" || fail "altered.ipa: signing did not fail"
  grep -q "  APP_SIGNER_UNKNOWN:.*the code is not signed by a certificate" "$work/bad-ios.txt" ||
    fail "bad.ipa: the other signer is not named from the code signature: $(cat "$work/bad-ios.txt")"
  grep -q "APP_PERMISSION_ADDED: dangerous permissions added since 3.1.0: NSContactsUsageDescription" \
    "$work/bad-ios.txt" || fail "the added usage description is not named: $(cat "$work/bad-ios.txt")"
  printf 'not a plist' > "$work/Info.plist"
  mkdir -p "$work/broken/Payload/Trade.app" && cp "$work/Info.plist" "$work/broken/Payload/Trade.app/"
  (cd "$work/broken" && "$py" -c 'import zipfile; z = zipfile.ZipFile("../broken.ipa", "w"); z.write("Payload/Trade.app/Info.plist")')
  set +e
  "$etguard" scan app "$work/broken.ipa" >"$work/broken.txt" 2>&1
  rc=$?
  set -e
  ((rc == 2)) && grep -q "broken.ipa!/Payload/Trade.app/Info.plist: not a property list" "$work/broken.txt" ||
    fail "a broken Info.plist: exit $rc: $(cat "$work/broken.txt")"
else
  echo "note: $(cat "$work/ipas.err"); the iOS packages are not checked"
fi

# Several packages in one run: each judged, in the order given.
set +e
"$etguard" scan app "$apks/good.apk" "$apks/bad.apk" "$apks/unsigned.apk" >"$work/three.txt" 2>&1
rc=$?
set -e
((rc == 1)) || fail "three packages, one failing, gave exit $rc"
[[ $(grep -E '^(good|bad|unsigned)\.apk: ' "$work/three.txt" | cut -d: -f1 | paste -sd,) == good.apk,bad.apk,unsigned.apk ]] ||
  fail "not every package reported in order: $(cat "$work/three.txt")"

# Bad input: a clear error naming the package, exit 2, nothing recorded.
refuse() {  # WHAT EXPECTED-TEXT ARGS...
  local what=$1 text=$2
  shift 2
  set +e
  "$etguard" "${ws[@]}" scan app "$@" >"$work/refused.txt" 2>&1
  local got=$?
  set -e
  ((got == 2)) || fail "$what: exit $got: $(cat "$work/refused.txt")"
  grep -q -- "$text" "$work/refused.txt" || fail "$what: $(cat "$work/refused.txt")"
}
head -c 5000 "$apks/good.apk" > "$work/truncated.apk"
refuse "a truncated package" "truncated.apk" "$work/truncated.apk" --object mobile_app/trade-app --import
"$py" - "$work/bomb.apk" <<'PY'
import sys, zipfile
with zipfile.ZipFile(sys.argv[1], "w", zipfile.ZIP_DEFLATED) as z:
    z.writestr("AndroidManifest.xml", b"\0" * (600 << 20))
PY
refuse "a zip bomb" "zip bomb" "$work/bomb.apk" --object mobile_app/trade-app --import
refuse "another release" "--release 9.9 but the package is version 3.1.0" "$apks/good.apk" --object mobile_app/trade-app --release 9.9 --import
refuse "an unknown object" "mobile_app/nope: no such entry" "$apks/good.apk" --object mobile_app/nope --import
refuse "import without an object" "--import needs --object" "$apks/good.apk" --import
refuse "an object with two packages" "--object, --previous and --release judge one release" "$apks/good.apk" \
  "$apks/bad.apk" --object mobile_app/trade-app --import
(($("$etguard" "${ws[@]}" evidence list | wc -l) == records)) || fail "a refused scan recorded evidence"
echo "scan app: ok"
