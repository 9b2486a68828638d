#!/usr/bin/env bash
# Build everything and start the demo: the emulator with its seeded demo
# tenant, and the page in www/ that lists application segments through the
# wasm client. Ctrl-C stops both.
#   EMULATOR_PORT (default 8080) and WEB_PORT (default 8000) pick the ports.
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/setup.sh
export CARGO_TARGET_DIR="${CARGO_TARGET_DIR:-$(cd .. && pwd)/target}"
cargo build --release -p zscaler-emulator
scripts/build-wasm.sh

"$CARGO_TARGET_DIR/release/zscaler-emulator" --listen "127.0.0.1:${EMULATOR_PORT:-8080}" --seed demo &
emulator=$!
trap 'kill $emulator 2>/dev/null' EXIT
emu="http://127.0.0.1:${EMULATOR_PORT:-8080}"
# The demo page holds the emulator's built-in demo credentials, which guard
# nothing. A real tenant's secret belongs in the backend worker, never here.
config=$(printf '{"clientId":"emulator-client","clientSecret":"emulator-secret","baseUrl":"%s","tokenUrl":"%s/oauth2/v1/token","customerId":"216196257331281920"}' "$emu" "$emu")
node scripts/serve-www.mjs "${WEB_PORT:-8000}" "$config" &
wait -n
