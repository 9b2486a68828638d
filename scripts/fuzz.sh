#!/usr/bin/env bash
# Run every cargo-fuzz target in fuzz/ for SECONDS each (default 60); exit
# non-zero if any target crashes. Installs cargo-fuzz when missing; skips,
# saying so, when no nightly toolchain can be had (libFuzzer needs one).
#   scripts/fuzz.sh [SECONDS]
set -euo pipefail
cd "$(dirname "$0")/.."
seconds=${1:-60}
targets=(decode_responses pagination retry_after)

if ! cargo +nightly --version >/dev/null 2>&1; then
  rustup toolchain install nightly --profile minimal >/dev/null 2>&1 || true
fi
if ! cargo +nightly --version >/dev/null 2>&1; then
  echo "fuzz: SKIPPED, no nightly toolchain and none could be installed"
  exit 0
fi
if ! cargo fuzz --version >/dev/null 2>&1; then
  cargo install cargo-fuzz
fi

# A directory of its own: nightly and sanitizer flags would otherwise evict
# the stable build's artifacts.
args=()
if [ -n "${CARGO_TARGET_DIR:-}" ]; then
  args+=(--target-dir "$CARGO_TARGET_DIR/fuzz")
fi
# No AddressSanitizer: every target is safe Rust, where it finds nothing,
# and it roughly doubles the build and halves the executions per second.
# Panics and overflows still abort (debug assertions stay on).
args+=(--sanitizer none)

log=$(mktemp)
trap 'rm -f "$log"' EXIT
# One build for all targets, so its errors show before any run starts.
cargo +nightly fuzz build "${args[@]}"
for target in "${targets[@]}"; do
  echo "=== fuzz $target (${seconds}s)"
  # New inputs go to fuzz/corpus/ (git-ignored, so later runs go deeper);
  # checked-in seeds and a token dictionary, where a target has them, get
  # the fuzzer to well-formed headers and dates within seconds.
  mkdir -p "fuzz/corpus/$target"
  dirs=("fuzz/corpus/$target")
  [ -d "fuzz/seeds/$target" ] && dirs+=("fuzz/seeds/$target")
  extra=()
  [ -f "fuzz/$target.dict" ] && extra+=(-dict="fuzz/$target.dict")
  rc=0
  cargo +nightly fuzz run "${args[@]}" "$target" "${dirs[@]}" -- "${extra[@]}" \
    -max_total_time="$seconds" -print_final_stats=1 > "$log" 2>&1 || rc=$?
  # libFuzzer logs every new coverage point; keep the summary and any crash.
  grep -Ev '^#[0-9]+[[:space:]]+(NEW|REDUCE|pulse|INITED)' "$log" | tail -n 40
  if [ "$rc" -ne 0 ]; then
    echo "fuzz: $target FAILED; the crashing input is in fuzz/artifacts/$target/"
    exit 1
  fi
done
echo "fuzz: ${#targets[@]} targets ran ${seconds}s each without a crash"
