#!/usr/bin/env bash
# P2: raw and gzipped size of the optimised wasm and its minified JS glue,
# per product and for all products: one JSON object per build.
exec "$(dirname "$0")/../scripts/size-report.sh" --json
