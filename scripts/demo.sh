#!/usr/bin/env bash
# Build everything and start the demo: the emulator with its seeded demo
# tenant, then the backend worker (worker/, in workerd) holding the API
# credentials, which serves the admin page in www/ on the same origin.
# Ctrl-C stops both.
#   EMULATOR_PORT (default 8080) and WEB_PORT (default 8000) pick the ports.
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/setup.sh
export CARGO_TARGET_DIR="${CARGO_TARGET_DIR:-$(cd .. && pwd)/target}"
cargo build --release -p zscaler-emulator
scripts/build-wasm.sh

emu="http://127.0.0.1:${EMULATOR_PORT:-8080}"
"$CARGO_TARGET_DIR/release/zscaler-emulator" --listen "127.0.0.1:${EMULATOR_PORT:-8080}" --seed demo &
emulator=$!
trap 'kill $emulator ${worker:-} 2>/dev/null' EXIT
for _ in $(seq 50); do curl -fs "$emu/_emulator/health" >/dev/null 2>&1 && break; sleep 0.1; done

# The worker's bindings, read by workerd from this environment. The
# emulator's built-in demo credentials guard nothing; a real tenant's go
# into secrets (see docs/worker.md). The admin password `demo-admin` is
# stored only as this PBKDF2 hash (worker/hash-password.mjs made it).
export ZSCALER_CLIENT_ID=emulator-client
export ZSCALER_CLIENT_SECRET=emulator-secret
export ZSCALER_API_BASE_URL="$emu"
export ZSCALER_TOKEN_URL="$emu/oauth2/v1/token"
export ZPA_CUSTOMER_ID=216196257331281920
export ADMIN_PASSWORD_HASH='pbkdf2-sha256$100000$4Uaz11_mUM2RlIUOoFg8RQ$Yl30hGMXzY6S3s7LfUV-Q9QSsq56LDz782f0sdWTzSs'
# No trusted proxy sets a client-address header here: one shared login bucket.
export CLIENT_IP_HEADER=
config=$(node worker/make-config.mjs "${WEB_PORT:-8000}")
node_modules/.bin/workerd serve "$config" &
worker=$!
echo "page on http://127.0.0.1:${WEB_PORT:-8000}/  (admin password: demo-admin)"
wait -n
