#!/usr/bin/env bash
# Build the npm package `zscaler-wasm` into dist/npm/ and pack it into
# dist/zscaler-wasm-VERSION.tgz (the path is the last line printed).
#   scripts/build-package.sh          reuse pkg/ from scripts/build-wasm.sh, building it if missing
#   scripts/build-package.sh --wasm   rebuild pkg/ first
set -euo pipefail
cd "$(dirname "$0")/.."

if [ "${1:-}" = "--wasm" ] || [ ! -f pkg/zscaler_wasm_bg.wasm ]; then
  scripts/build-wasm.sh >&2
fi

version=$(awk -F'"' '/^version = / { print $2; exit }' Cargo.toml)
pkg_version=$(node -p 'require("./js/package.json").version')
if [ "$version" != "$pkg_version" ]; then
  echo "js/package.json version $pkg_version differs from Cargo.toml $version" >&2
  exit 1
fi

out=dist/npm
rm -rf "$out"
mkdir -p "$out"
cp js/package.json js/index.js js/index.d.ts js/node.js js/workerd.js "$out/"
cp pkg/zscaler_wasm.js pkg/zscaler_wasm_bg.wasm "$out/"
[ -d pkg/snippets ] && cp -r pkg/snippets "$out/"

# wasm-bindgen types the raw wasm exports (`InitOutput`) with `any`; no
# entry re-exports them, and `unknown` keeps the shipped files `any`-free.
# Its `[Symbol.dispose]` members need lib esnext.disposable, which would
# fail every consumer on an older lib without skipLibCheck: they go (the
# methods stay; `free()` is the typed way to release a client early).
sed -E -e 's/\bany\b/unknown/g' -e '/\[Symbol\.dispose\]\(\): void;/d' \
  pkg/zscaler_wasm.d.ts > "$out/zscaler_wasm.d.ts"

# The error classes live in a wasm-bindgen snippet (src/js/errors.js) whose
# folder name carries a hash: re-export them from wherever it landed.
snippet=$(cd "$out" && find snippets -path '*/src/js/errors.js' 2>/dev/null | head -n 1 || true)
if [ -n "$snippet" ] && [ -f src/js/errors.d.ts ]; then
  echo "export * from './$snippet';" > "$out/errors.js"
  cp src/js/errors.d.ts "$out/${snippet%.js}.d.ts"
  echo "export * from './$snippet';" > "$out/errors.d.ts"
else
  echo "warning: no error-class snippet in pkg/; the package exports no error classes" >&2
  echo 'export {};' > "$out/errors.js"
  echo 'export {};' > "$out/errors.d.ts"
fi

cp CHANGELOG.md "$out/"
cp docs/package.md "$out/README.md"   # the npm-facing README

tarball=$(cd dist && npm pack --silent ./npm 2>/dev/null | tail -n 1)
echo "dist/$tarball"
