#!/usr/bin/env bash
# Print the size of the wasm package per product (one build per Cargo
# feature, one per products.json entry: its `name` is the feature) and for
# all products together. A measurement, not a test.
#   scripts/size-report.sh          a markdown table (gzipped KB)
#   scripts/size-report.sh --json   one JSON object per build, in bytes (bench P2)
set -euo pipefail
cd "$(dirname "$0")/.."
export CARGO_TARGET_DIR="${CARGO_TARGET_DIR:-$(cd .. && pwd)/target}"
json=0
[ "${1:-}" = "--json" ] && json=1
out=$(mktemp -d)
trap 'rm -rf "$out"' EXIT
[ $json = 1 ] || printf '| build | wasm raw | wasm gz | JS glue gz | total gz |\n|---|---:|---:|---:|---:|\n'
# One build per product, then all of them (comma-joined, as Cargo takes them).
builds=$(node -e 'const n = require("./products.json").products.map((p) => p.name); console.log([...n, n.join(",")].join("\n"))')
for features in $builds; do
  # The build that ships (scripts/build-wasm.sh), so its flags live in one place.
  OUT="$out" scripts/build-wasm.sh --no-default-features --features "$features" -q >/dev/null
  raw=$(wc -c < "$out/zscaler_wasm_bg.wasm")
  wgz=$(gzip -9c "$out/zscaler_wasm_bg.wasm" | wc -c)
  js=$(wc -c < "$out/zscaler_wasm.js")
  jgz=$(gzip -9c "$out/zscaler_wasm.js" | wc -c)
  if [ $json = 1 ]; then
    printf '{"build": "%s", "wasm": %d, "wasmGz": %d, "js": %d, "jsGz": %d}\n' "$features" "$raw" "$wgz" "$js" "$jgz"
  else
    printf '| %s | %d KB | %d KB | %d KB | %d KB |\n' "$features" $((raw / 1024)) $((wgz / 1024)) $((jgz / 1024)) $(((wgz + jgz) / 1024))
  fi
done
