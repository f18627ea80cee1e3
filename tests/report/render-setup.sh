# Sourced by the render-*.sh tests: their arguments (ETGUARD NODE WORKDIR),
# the repository root, a skip (exit 77) where chromium, pdftotext or
# playwright-core is absent, and an empty work directory.
set -euo pipefail
etguard=$1 node=$2 work=$3
root=$(cd "$(dirname "$0")/../.." && pwd)
for tool in chromium pdftotext; do
  if ! command -v "$tool" >/dev/null; then
    echo "SKIP: $tool is not installed (scripts/install-deps installs it)"
    exit 77
  fi
done
if [[ ! -d $root/tools/node/node_modules/playwright-core ]]; then
  echo "SKIP: playwright-core is not installed in tools/node (scripts/install-deps installs it)"
  exit 77
fi
rm -rf "$work"
mkdir -p "$work"
