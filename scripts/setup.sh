#!/usr/bin/env bash
# Install what building, the demo and the tests need, on a bare machine of
# this project's kind. Idempotent: each step checks before it installs.
#   scripts/setup.sh            build + demo tools
#   scripts/setup.sh --browser  also Debian's chromium and chromedriver
set -euo pipefail
cd "$(dirname "$0")/.."

rustup target list --installed | grep -qx wasm32-unknown-unknown \
  || rustup target add wasm32-unknown-unknown
# The release wasm's toolchain (scripts/build-wasm.sh says why a nightly).
toolchain=$(cat scripts/wasm-toolchain)
rustup component list --toolchain "$toolchain" --installed 2>/dev/null | grep -q '^rust-src' \
  || rustup toolchain install "$toolchain" --profile minimal -c rust-src

# wasm-bindgen-cli must match the wasm-bindgen crate in Cargo.lock exactly.
# (--locked fails here: its lock names a crate version this registry lacks.)
want=$(awk '/^name = "wasm-bindgen"$/ { getline; gsub(/"/, "", $3); print $3; exit }' Cargo.lock)
have=$(wasm-bindgen --version 2>/dev/null | awk '{ print $2 }' || true)
if [ "$have" != "$want" ]; then
  cargo install wasm-bindgen-cli --version "$want"
fi

# npm tools (binaryen's wasm-opt, workerd) at the versions in package-lock.json.
# `npm ci` refuses our lock (it lacks workerd's other-platform packages).
if [ ! -x node_modules/.bin/workerd ] || [ package-lock.json -nt node_modules/.package-lock.json ]; then
  npm install --no-audit --no-fund
fi

python3 -c 'import yaml' 2>/dev/null || pip install --quiet pyyaml

if [ "${1:-}" = "--browser" ] && ! { command -v chromium && command -v chromedriver; } >/dev/null; then
  export DEBIAN_FRONTEND=noninteractive
  apt-get update -qq
  apt-get install -y -qq chromium chromium-driver >/dev/null
fi
