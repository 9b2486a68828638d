#!/usr/bin/env bash
# Runs the official Python SDKs (zscaler-sdk-python and
# zscaler-oneapi-sdk-python) against the emulator binary.
#
#   ZSCALER_EMULATOR_BIN=/path/to/zscaler-emulator emulator/tests/python/run.sh [pytest args]
#
# The virtualenv lives in ${ZSCALER_CACHE:-$HOME/.cache/zscaler-wasm}/sdk-venv
# and is reused; the pinned requirements are (re)installed when they change.
set -euo pipefail

here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
: "${ZSCALER_EMULATOR_BIN:?set ZSCALER_EMULATOR_BIN to a built zscaler-emulator binary}"
if [ ! -x "$ZSCALER_EMULATOR_BIN" ]; then
    echo "ZSCALER_EMULATOR_BIN=$ZSCALER_EMULATOR_BIN is not an executable" >&2
    exit 2
fi
export ZSCALER_EMULATOR_BIN="$(cd "$(dirname "$ZSCALER_EMULATOR_BIN")" && pwd)/$(basename "$ZSCALER_EMULATOR_BIN")"

venv="${ZSCALER_CACHE:-$HOME/.cache/zscaler-wasm}/sdk-venv"
if [ ! -x "$venv/bin/python" ]; then
    python3 -m venv "$venv"
fi
stamp="$venv/.requirements"
if ! cmp -s "$here/requirements.txt" "$stamp"; then
    "$venv/bin/pip" install --quiet --disable-pip-version-check -r "$here/requirements.txt"
    cp "$here/requirements.txt" "$stamp"
fi

# Keep the source tree clean of bytecode caches.
export PYTHONDONTWRITEBYTECODE=1

# Loopback only: never send the emulator's traffic through a proxy.
unset HTTP_PROXY HTTPS_PROXY http_proxy https_proxy ALL_PROXY all_proxy
export NO_PROXY=127.0.0.1,localhost no_proxy=127.0.0.1,localhost

cd "$here"
exec "$venv/bin/python" -m pytest -p no:cacheprovider "$@"
