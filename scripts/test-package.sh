#!/usr/bin/env bash
# Build and pack the npm package from pkg/ (scripts/build-wasm.sh's output),
# then run tests/package/: size budgets, tsc and attw on the tarball, and
# the tarball installed offline in Node, a vite app in headless Chromium
# and a workerd worker. Uses ZSCALER_EMULATOR_URL when set, else starts a
# release emulator of its own. node's test runner prints `# pass N` / `# fail N`.
set -euo pipefail
cd "$(dirname "$0")/.."
. scripts/listening.sh
export CARGO_TARGET_DIR="${CARGO_TARGET_DIR:-$(cd .. && pwd)/target}"

scripts/build-package.sh

if [ -z "${ZSCALER_EMULATOR_URL:-}" ]; then
  cargo build --release -q -p zscaler-emulator
  out=$(mktemp)
  "$CARGO_TARGET_DIR/release/zscaler-emulator" --listen 127.0.0.1:0 --seed demo > "$out" 2>&1 &
  emulator=$!
  trap 'kill $emulator 2>/dev/null; rm -f "$out"' EXIT
  ZSCALER_EMULATOR_URL=$(listening_on "$out")
  export ZSCALER_EMULATOR_URL
fi

node --test --test-concurrency=1 tests/package/
