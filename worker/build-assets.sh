#!/usr/bin/env bash
# Lay out the static files for a Cloudflare assets binding: www/ at the
# root and the wasm package's browser files (the wasm-bindgen glue, the
# .wasm and its JS snippets, which the page imports from /pkg/) under
# /pkg/, in worker/dist/assets/ (what worker/wrangler.toml points at).
# They come from pkg/ (scripts/build-wasm.sh) in this repository, else from
# the installed npm package `zscaler-wasm`, so a project that installed it
# needs no Rust.
set -euo pipefail
cd "$(dirname "$0")/.."
if [ -f pkg/zscaler_wasm_bg.wasm ]; then
  src=pkg
else
  src=$(node -p 'require("node:path").dirname(require.resolve("zscaler-wasm/package.json"))' 2>/dev/null) || {
    echo "no wasm package: npm install zscaler-wasm (or run scripts/build-wasm.sh here)" >&2
    exit 1
  }
fi
rm -rf worker/dist/assets
mkdir -p worker/dist/assets/pkg
cp -R www/. worker/dist/assets/
cp "$src/zscaler_wasm.js" "$src/zscaler_wasm_bg.wasm" worker/dist/assets/pkg/
cp -R "$src/snippets" worker/dist/assets/pkg/
echo "worker/dist/assets ready (wasm package from $src)"
