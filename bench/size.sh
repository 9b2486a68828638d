#!/usr/bin/env bash
# P2: raw and gzipped size of the optimised wasm and its JS glue, per
# product (one build per Cargo feature, as scripts/size-report.sh does) and
# for all products. Prints one JSON object per build.
set -euo pipefail
cd "$(dirname "$0")/.."
export CARGO_TARGET_DIR="${CARGO_TARGET_DIR:-$(cd .. && pwd)/target}"
out=$(mktemp -d)
trap 'rm -rf "$out"' EXIT
for features in zpa zia zidentity "zpa,zia,zidentity"; do
  cargo build --lib --release --target wasm32-unknown-unknown --no-default-features --features "$features" -q
  wasm-bindgen --target web --weak-refs --out-dir "$out" \
    "$CARGO_TARGET_DIR/wasm32-unknown-unknown/release/zscaler_wasm.wasm"
  node_modules/.bin/wasm-opt -Oz --strip-debug --strip-producers --all-features \
    "$out/zscaler_wasm_bg.wasm" -o "$out/opt.wasm"
  printf '{"build": "%s", "wasm": %d, "wasmGz": %d, "js": %d, "jsGz": %d}\n' "$features" \
    "$(wc -c < "$out/opt.wasm")" "$(gzip -9c "$out/opt.wasm" | wc -c)" \
    "$(wc -c < "$out/zscaler_wasm.js")" "$(gzip -9c "$out/zscaler_wasm.js" | wc -c)"
done
