#!/usr/bin/env bash
# The benchmark harness (issue 9): builds what it needs, runs P1-P5 against
# fresh release emulators and writes BENCHMARKS.md. See bench/ and BENCHMARKS.md.
#   scripts/bench.sh            warm wasm build + P1, P1-L, P2-P4 (about 13 minutes on 2 cores)
#   scripts/bench.sh --build    also cold builds (empty target dirs) and .ci/run cold and warm
#   scripts/bench.sh --runs N   runs per figure (default 5)
#   scripts/bench.sh --only p1l builds pkg/ and the bins, runs P1-L alone (about 6 minutes)
#                               and replaces only its section and goals in BENCHMARKS.md
set -euo pipefail
cd "$(dirname "$0")/.."
root=$(pwd)
export CARGO_TARGET_DIR="${CARGO_TARGET_DIR:-$(cd .. && pwd)/target}"
start=$(date +%s)
runs=5 build=0 only=
while [ $# -gt 0 ]; do
  case "$1" in
    --build) build=1 ;;
    --runs) runs="$2"; shift ;;
    --only) only="$2"; shift ;;
    *) echo "usage: scripts/bench.sh [--build] [--runs N] [--only p1l]" >&2; exit 2 ;;
  esac
  shift
done

case "$only" in
  ''|p1l) ;;
  *) echo "--only: only p1l can be run alone (the others share one report)" >&2; exit 2 ;;
esac

scripts/setup.sh
mkdir -p bench/out
[ -n "$only" ] || rm -f bench/out/*.json bench/out/*.jsonl bench/out/*.md

# The official SDK, pinned and installed exactly as the emulator's SDK test does.
venv="${ZSCALER_CACHE:-$HOME/.cache/zscaler-wasm}/sdk-venv"
reqs=emulator/tests/python/requirements.txt
[ -x "$venv/bin/python" ] || python3 -m venv "$venv"
if ! cmp -s "$reqs" "$venv/.requirements"; then
  "$venv/bin/pip" install --quiet --disable-pip-version-check -r "$reqs"
  cp "$reqs" "$venv/.requirements"
fi

echo "building the emulator and the native Rust bench client" >&2
cargo build --release -q -p zscaler-emulator
# ZPA only: the native example needs no other product, and this halves its build.
cargo build --release -q --example bench_list --no-default-features --features zpa

if [ "$only" = p1l ]; then
  scripts/build-wasm.sh >&2
  node bench/run.mjs --only p1l --runs "$runs" --began "$start" --emulator "$CARGO_TARGET_DIR/release/zscaler-emulator" \
    --rust "$CARGO_TARGET_DIR/release/examples/bench_list" --python "$venv/bin/python"
  node bench/report.mjs --only p1l
  echo "wrote the P1-L section of BENCHMARKS.md in $(( $(date +%s) - start )) s" >&2
  exit 0
fi

seconds() { python3 -c "import time; print(time.monotonic())"; }
timed() { local t0; t0=$(seconds); "$@" >&2; python3 -c "import time; print(round(time.monotonic() - $t0, 2))"; }

echo "P5: warm release wasm build" >&2
touch src/lib.rs
warm_wasm=$(timed scripts/build-wasm.sh)
p5="\"wasm build, warm (crate only)\": $warm_wasm"
if [ "$build" = 1 ]; then
  cold=$(mktemp -d "${TMPDIR:-/tmp}/zs-bench-cold-XXXXXX")
  trap 'rm -rf "$cold"' EXIT
  echo "P5: cold builds in $cold" >&2
  cold_wasm=$(CARGO_TARGET_DIR="$cold/wasm" timed scripts/build-wasm.sh)
  cold_ci=$(CARGO_TARGET_DIR="$cold/ci" timed .ci/run)
  warm_ci=$(CARGO_TARGET_DIR="$cold/ci" timed .ci/run)
  p5="\"wasm build, cold\": $cold_wasm, $p5, \".ci/run, cold\": $cold_ci, \".ci/run, warm\": $warm_ci"
  # The cold wasm build rewrote pkg/ identically; rebuild from the shared dir for P1-P4.
  scripts/build-wasm.sh >&2
fi
echo "{$p5}" > bench/out/p5.json
# The same build with wasm and glue function names kept, for the P3 profile.
KEEP_NAMES=1 OUT=bench/out/pkg-names scripts/build-wasm.sh >&2
# P3 also starts the ZPA entry (`zscaler-wasm/zpa`), what a ZPA-only worker
# ships, and profiles it.
OUT=pkg-products/zpa scripts/build-wasm.sh --no-default-features --features zpa >&2
KEEP_NAMES=1 OUT=bench/out/pkg-names-zpa scripts/build-wasm.sh --no-default-features --features zpa >&2
# P3's minimal wasm-bindgen client (bench/minimal/, its own workspace), built
# the same way into a target dir of its own.
CARGO_TARGET_DIR="$CARGO_TARGET_DIR/minimal" OUT=bench/out/pkg-minimal \
  scripts/build-wasm.sh --manifest-path bench/minimal/Cargo.toml >&2

echo "P2: sizes per product" >&2
bench/size.sh > bench/out/p2.jsonl

node bench/run.mjs --runs "$runs" --began "$start" --emulator "$CARGO_TARGET_DIR/release/zscaler-emulator" \
  --rust "$CARGO_TARGET_DIR/release/examples/bench_list" --python "$venv/bin/python"

node bench/report.mjs --seconds $(( $(date +%s) - start ))
echo "wrote BENCHMARKS.md in $(( $(date +%s) - start )) s" >&2
