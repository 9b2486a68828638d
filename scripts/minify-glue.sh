#!/usr/bin/env bash
# Minify wasm-bindgen's JS glue: IN -> OUT. Stripping comments (the .d.ts
# keeps the docs for editors) and whitespace and shortening local names
# leaves less for workerd and browsers to parse on a cold start
# (BENCHMARKS.md, P3).
# --keep-names keeps the classes' `name` (ZscalerClient, not `v`) for
# stack traces and consoles. KEEP_NAMES=1 (a profiling build) keeps every
# identifier, so profiles name the glue's own functions.
#   scripts/minify-glue.sh IN OUT
set -euo pipefail
cd "$(dirname "$0")/.."
idents=(--minify-identifiers --keep-names)
[ "${KEEP_NAMES:-}" = 1 ] && idents=()
node_modules/.bin/esbuild "$1" --format=esm --minify-whitespace --minify-syntax "${idents[@]}" \
  --legal-comments=none --log-level=warning --outfile="$2"
