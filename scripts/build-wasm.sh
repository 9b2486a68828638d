#!/usr/bin/env bash
# Build the wasm package into pkg/: release wasm32 build, wasm-bindgen
# (web target: one artifact that browsers, Node and workerd all load), then
# wasm-opt -Oz from npm's binaryen (Debian's binaryen 108 corrupts the output),
# then the JS glue is minified (scripts/minify-glue.sh).
#   KEEP_NAMES=1 OUT=dir scripts/build-wasm.sh   a build for profiling: wasm
#   function names kept, written to dir instead of pkg/ (see bench/).
set -euo pipefail
cd "$(dirname "$0")/.."
export CARGO_TARGET_DIR="${CARGO_TARGET_DIR:-$(cd .. && pwd)/target}"

# A pinned nightly (scripts/wasm-toolchain, installed by scripts/setup.sh)
# rebuilds std for size and with panics as a bare trap: a wasm32 panic
# prints nothing anyway, yet on stable its message formatting and source
# locations ship in every build. Measured on the ZPA entry: 30 KB less wasm
# (8%), 142 -> 134 KB gzipped (BENCHMARKS.md P2, P3). The crate itself and
# its tests stay on stable. Its own target directory, so the stable wasm32
# builds (clippy, wasm-bindgen-test) keep theirs.
toolchain=$(cat scripts/wasm-toolchain)
if ! cargo "+$toolchain" --version >/dev/null 2>&1; then
  echo "build-wasm: toolchain $toolchain is missing; run scripts/setup.sh" >&2
  exit 1
fi
target_dir="$CARGO_TARGET_DIR/wasm-release"
RUSTFLAGS="-Zunstable-options -Cpanic=immediate-abort" \
  cargo "+$toolchain" build --lib --release --target wasm32-unknown-unknown \
  --target-dir "$target_dir" -Zbuild-std=std,panic_abort -Zbuild-std-features=optimize_for_size "$@"
out=${OUT:-pkg}
# --strip-debug drops the name section too; -g keeps it for profiles.
names=--strip-debug
[ "${KEEP_NAMES:-}" = 1 ] && names=-g
rm -rf "$out"
wasm-bindgen --target web --weak-refs --out-dir "$out" \
  "$target_dir/wasm32-unknown-unknown/release/zscaler_wasm.wasm"
# -ocimfs 20: binaryen otherwise inlines every function that has one caller,
# however large, so rarely taken branches (other auth modes, error paths)
# land inside the functions of the first call, and V8, which compiles a wasm
# function whole on its first call, compiles them at every cold start.
# Measured on the ZPA build: 22% fewer bytes compiled by the first call,
# construction 4.1 -> 2.2 ms in Node, gzipped size 2% smaller (BENCHMARKS.md P3).
node_modules/.bin/wasm-opt -Oz -ocimfs 20 $names --strip-producers --enable-bulk-memory --enable-nontrapping-float-to-int \
  --enable-sign-ext --enable-mutable-globals --enable-reference-types --enable-multivalue \
  "$out/zscaler_wasm_bg.wasm" -o "$out/zscaler_wasm_bg.wasm"
scripts/minify-glue.sh "$out/zscaler_wasm.js" "$out/zscaler_wasm.min.js"
mv "$out/zscaler_wasm.min.js" "$out/zscaler_wasm.js"
wasm_gz=$(gzip -9c "$out/zscaler_wasm_bg.wasm" | wc -c)
js_gz=$(gzip -9c "$out/zscaler_wasm.js" | wc -c)
echo "$out/: wasm $(wc -c < "$out/zscaler_wasm_bg.wasm") B raw, $wasm_gz B gzipped; JS glue $js_gz B gzipped"
