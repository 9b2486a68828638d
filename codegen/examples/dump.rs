//! Write every generated file to a folder for reading:
//! `cargo run -p zscaler-codegen --example dump -- <folder>` (what
//! `scripts/codegen-dump.sh` runs). All registry products are generated
//! unless `ZSCALER_PRODUCTS` names some.

use std::path::Path;

fn main() {
    let out = std::env::args()
        .nth(1)
        .unwrap_or_else(|| "generated".into());
    let root = Path::new(env!("CARGO_MANIFEST_DIR"))
        .parent()
        .expect("repository root");
    let out = root.join(out);
    std::fs::create_dir_all(&out).expect("creating the output folder");
    let env = std::env::var(zscaler_codegen::registry::PRODUCTS_ENV).ok();
    let registry = zscaler_codegen::registry::Registry::load(&root.join("products.json"));
    let (names, _, _) =
        zscaler_codegen::build::generate_all(root, &registry, &out, env.as_deref(), |_| true);
    println!("{}: {}", out.display(), names.join(", "));
}
