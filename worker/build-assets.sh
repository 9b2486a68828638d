#!/usr/bin/env bash
# Lay out the static files for a Cloudflare assets binding: www/ at the
# root and the built wasm package (pkg/, from scripts/build-wasm.sh) under
# /pkg/, in worker/dist/assets/ (what worker/wrangler.toml points at).
set -euo pipefail
cd "$(dirname "$0")/.."
[ -f pkg/zscaler_wasm_bg.wasm ] || { echo "pkg/ is missing: run scripts/build-wasm.sh" >&2; exit 1; }
rm -rf worker/dist/assets
mkdir -p worker/dist/assets
cp -R www/. worker/dist/assets/
cp -R pkg worker/dist/assets/pkg
echo "worker/dist/assets ready"
