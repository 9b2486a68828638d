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

# One smaller wasm per registry product, for the `zscaler-wasm/<name>`
# entries: rebuilt when missing or older than pkg/ (or with --wasm).
products=$(node -p 'require("./products.json").products.map((p) => p.name).join(" ")')
for p in $products; do
  built=pkg-products/$p/zscaler_wasm_bg.wasm
  if [ "${1:-}" = "--wasm" ] || [ ! -f "$built" ] || [ pkg/zscaler_wasm_bg.wasm -nt "$built" ]; then
    OUT="pkg-products/$p" scripts/build-wasm.sh --no-default-features --features "$p" >&2
  fi
done

# The entry files and one wasm-bindgen output in folder $1.
assemble() {
  local dest=$1 src=$2
  mkdir -p "$dest"
  cp js/index.js js/index.d.ts js/node.js js/workerd.js "$dest/"
  cp "$src/zscaler_wasm.js" "$src/zscaler_wasm_bg.wasm" "$dest/"
  [ -d "$src/snippets" ] && cp -r "$src/snippets" "$dest/"
  # wasm-bindgen types the raw wasm exports (`InitOutput`) with `any`; no
  # entry re-exports them, and `unknown` keeps the shipped files `any`-free.
  # Its `[Symbol.dispose]` members need lib esnext.disposable, which would
  # fail every consumer on an older lib without skipLibCheck: they go (the
  # methods stay; `free()` is the typed way to release a client early).
  sed -E -e 's/\bany\b/unknown/g' -e '/\[Symbol\.dispose\]\(\): void;/d' \
    "$src/zscaler_wasm.d.ts" > "$dest/zscaler_wasm.d.ts"
  # The error classes live in a wasm-bindgen snippet (src/js/errors.js) whose
  # folder name carries a hash: re-export them from wherever it landed.
  local snippet
  snippet=$(cd "$dest" && find snippets -path '*/src/js/errors.js' 2>/dev/null | head -n 1 || true)
  if [ -n "$snippet" ] && [ -f src/js/errors.d.ts ]; then
    echo "export * from './$snippet';" > "$dest/errors.js"
    cp src/js/errors.d.ts "$dest/${snippet%.js}.d.ts"
    echo "export * from './$snippet';" > "$dest/errors.d.ts"
  else
    echo "warning: no error-class snippet in $src; $dest exports no error classes" >&2
    echo 'export {};' > "$dest/errors.js"
    echo 'export {};' > "$dest/errors.d.ts"
  fi
}

out=dist/npm
rm -rf "$out"
mkdir -p "$out"
cp js/package.json "$out/"
assemble "$out" pkg
for p in $products; do
  assemble "$out/$p" "pkg-products/$p"
done
# Each product's folder is an entry with the root's conditions.
node -e '
  const fs = require("fs");
  const [file, ...names] = process.argv.slice(1);
  const pkg = JSON.parse(fs.readFileSync(file, "utf8"));
  const root = pkg.exports["."];
  const exportsMap = { ".": root };
  for (const n of names) {
    exportsMap[`./${n}`] = Object.fromEntries(Object.entries(root).map(([k, v]) => [k, v.replace("./", `./${n}/`)]));
  }
  exportsMap["./package.json"] = "./package.json";
  pkg.exports = exportsMap;
  pkg.files = [...pkg.files, ...names.map((n) => `${n}/`)];
  // The runtime entries load the wasm when imported: bundlers must keep
  // those of every product folder too, or a worker starts with no wasm.
  pkg.sideEffects = [...pkg.sideEffects, ...names.flatMap((n) => pkg.sideEffects.map((f) => f.replace("./", `./${n}/`)))];
  fs.writeFileSync(file, JSON.stringify(pkg, null, 2) + "\n");
' "$out/package.json" $products

cp CHANGELOG.md "$out/"
cp docs/package.md "$out/README.md"   # the npm-facing README

tarball=$(cd dist && npm pack --silent ./npm 2>/dev/null | tail -n 1)
echo "dist/$tarball"
