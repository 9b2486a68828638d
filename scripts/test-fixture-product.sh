#!/usr/bin/env bash
# A product is data: copy the repository's tracked files to a scratch
# folder, add the fixture product there through products.json and its spec
# in openapi/ (no other file), then build and drive it natively (typed Rust
# against the emulator built from the same copy) and as wasm (JS in Node,
# TypeScript with tsc --strict). Dependencies come from the shared target
# directory; only the copy's own crates are compiled again.
set -euo pipefail
cd "$(dirname "$0")/.."
root=$PWD
export CARGO_TARGET_DIR="${CARGO_TARGET_DIR:-$(cd .. && pwd)/target}"
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
copy=$work/repo
mkdir -p "$copy"
git ls-files -z | tar --null -T - -cf - | tar -xf - -C "$copy"

# The whole product: one registry entry and one spec.
cp tests/fixture_product/fixture.yaml "$copy/openapi/fixture.yaml"
python3 - "$copy/products.json" tests/fixture_product/entry.json <<'PY'
import json, sys
path, entry = sys.argv[1], sys.argv[2]
registry = json.load(open(path))
registry["products"].append(json.load(open(entry)))
open(path, "w").write(json.dumps(registry, indent=2) + "\n")
PY

# The drivers are the test's own files, beside the copy.
mkdir -p "$copy/examples"
cp tests/fixture_product/driver.rs "$copy/examples/fixture_driver.rs"
cp tests/fixture_product/driver.mjs tests/fixture_product/types.ts "$work/"
echo '{"type": "module"}' > "$work/package.json"

export ZSCALER_PRODUCTS=fixture
(cd "$copy" && cargo build --lib --target wasm32-unknown-unknown --no-default-features)
wasm-bindgen --target web --out-dir "$work/pkg" \
  "$CARGO_TARGET_DIR/wasm32-unknown-unknown/debug/zscaler_wasm.wasm"
grep -q 'export namespace Fixture' "$work/pkg/zscaler_wasm.d.ts"
"$root/node_modules/.bin/tsc" --strict --noEmit --skipLibCheck false --module nodenext \
  --moduleResolution nodenext --target es2022 --lib esnext,dom "$work/types.ts"
echo "types: the fixture product's declarations check"
(cd "$copy" && cargo run --quiet --example fixture_driver --no-default-features -- "$work/driver.mjs")
echo "1 passed, 0 failed"
