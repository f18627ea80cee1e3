#!/usr/bin/env bash
# The mobile-app release checks (Chapter 4, Art. 19–20) on two builds of the
# demo firm's trading app, made here with Debian's Android tools
# (tests/mobile/make-apks.sh): release 3.1.0, signed with the release key the
# register records, and a 3.2.0 candidate that is debuggable, asks for
# READ_CONTACTS (a dangerous permission nobody approved) and is signed by
# another key. Both are recorded as evidence for mobile_app/xingbang-trade.
# Usage: scan-app.sh ETGUARD WORKSPACE OUT_DIR
set -euo pipefail
etguard=$1
ws=$2
out=$3
here=$(cd "$(dirname "$0")" && pwd)
dir=$(mktemp -d /tmp/etguard-demo-app.XXXXXX)
trap 'rm -rf "$dir"' EXIT
set +e
release_sha=$("$here/../../tests/mobile/make-apks.sh" "$dir" 2>"$dir/make.log")
rc=$?
set -e
if ((rc == 77)); then
  echo "Mobile app checks: $(cat "$dir/make.log") (scripts/install-deps installs it); skipped"
  exit 0
fi
((rc == 0)) || { cat "$dir/make.log" >&2; exit "$rc"; }
e() { "$etguard" --workspace "$ws" "$@"; }
# The release manager records what the security and compliance units approved.
e registers set mobile_app/xingbang-trade --detail package=tw.example.trade \
  --detail permissions=CAMERA --detail "signer_sha256=$release_sha" >/dev/null
echo "Mobile app releases (scan app, Art. 19–20) of mobile_app/xingbang-trade:"
for build in good:3.1.0 bad:3.2.0; do
  apk=${build%%:*} version=${build#*:}
  cp "$dir/$apk.apk" "$out/xingbang-trade-$version.apk"
  previous=()
  [[ $version == 3.2.0 ]] && previous=(--previous "$out/xingbang-trade-3.1.0.apk")
  set +e
  e scan app "$out/xingbang-trade-$version.apk" --object mobile_app/xingbang-trade "${previous[@]}" \
    --release "$version" --import >"$out/scan-app-$version.txt" 2>&1
  e scan app "$out/xingbang-trade-$version.apk" --object mobile_app/xingbang-trade "${previous[@]}" \
    --format sarif >"$out/scan-app-$version.sarif" 2>/dev/null
  set -e
  failed=$(grep -c -E '^mobile\.[a-z_]+ fail' "$out/scan-app-$version.txt" || true)
  echo "  $version: $failed of 8 checks fail; $out/scan-app-$version.txt (SARIF beside it)"
done
