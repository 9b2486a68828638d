#!/usr/bin/env bash
# Run the BFF worker's tests in real workerd (tests/worker/), printing
# node --test's TAP totals (`# pass N`, `# fail N`).
#   ZSCALER_EMULATOR_BIN  emulator binary: each test file starts its own, with a
#                         canary client secret (preferred)
#   ZSCALER_EMULATOR_URL  else, a running emulator with the default credentials
# Needs pkg/ (scripts/build-wasm.sh) and node_modules (scripts/setup.sh).
set -euo pipefail
cd "$(dirname "$0")/.."
export CARGO_TARGET_DIR="${CARGO_TARGET_DIR:-$(cd .. && pwd)/target}"
if [ -z "${ZSCALER_EMULATOR_BIN:-}" ] && [ -x "$CARGO_TARGET_DIR/release/zscaler-emulator" ]; then
  export ZSCALER_EMULATOR_BIN="$CARGO_TARGET_DIR/release/zscaler-emulator"
fi
if [ -n "${ZSCALER_EMULATOR_BIN:-}" ]; then
  exec node --test tests/worker/
fi
# One shared emulator: its counters are global, so one file at a time.
exec node --test --test-concurrency=1 tests/worker/
