#!/usr/bin/env bash
# Build the wasm package into pkg/: release wasm32 build, wasm-bindgen
# (web target: one artifact that browsers, Node and workerd all load), then
# wasm-opt -Oz from npm's binaryen (Debian's binaryen 108 corrupts the output),
# then esbuild strips the JS glue's comments.
set -euo pipefail
cd "$(dirname "$0")/.."
export CARGO_TARGET_DIR="${CARGO_TARGET_DIR:-$(cd .. && pwd)/target}"

cargo build --lib --release --target wasm32-unknown-unknown "$@"
rm -rf pkg
wasm-bindgen --target web --weak-refs --out-dir pkg \
  "$CARGO_TARGET_DIR/wasm32-unknown-unknown/release/zscaler_wasm.wasm"
node_modules/.bin/wasm-opt -Oz --strip-debug --strip-producers --enable-bulk-memory --enable-nontrapping-float-to-int \
  --enable-sign-ext --enable-mutable-globals --enable-reference-types --enable-multivalue \
  pkg/zscaler_wasm_bg.wasm -o pkg/zscaler_wasm_bg.wasm
# The glue carries a JSDoc block per operation (the .d.ts keeps them for
# editors); stripping comments and whitespace cuts its gzipped size by 2/3.
node_modules/.bin/esbuild pkg/zscaler_wasm.js --format=esm --minify-whitespace --minify-syntax \
  --legal-comments=none --log-level=warning --outfile=pkg/zscaler_wasm.min.js
mv pkg/zscaler_wasm.min.js pkg/zscaler_wasm.js
wasm_gz=$(gzip -9c pkg/zscaler_wasm_bg.wasm | wc -c)
js_gz=$(gzip -9c pkg/zscaler_wasm.js | wc -c)
echo "pkg/: wasm $(wc -c < pkg/zscaler_wasm_bg.wasm) B raw, $wasm_gz B gzipped; JS glue $js_gz B gzipped"
