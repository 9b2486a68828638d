#!/usr/bin/env bash
# Write the generated code of every product (Rust modules, products.rs,
# product_table.rs, the .d.ts declarations, the conformance table) to
# generated/ (git-ignored), for reading and diffing. ZSCALER_PRODUCTS=zpa,zia
# limits it to some products. The build itself never reads generated/.
set -euo pipefail
cd "$(dirname "$0")/.."
out="${1:-generated}"
rm -rf "$out"
cargo run --quiet -p zscaler-codegen --example dump -- "$out"
ls -l "$out"
