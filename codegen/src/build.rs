//! What `build.rs` runs: read the registry, pick the products, write every
//! generated file into `OUT_DIR`, and tell Cargo when to run again.

use crate::registry::{Registry, PRODUCTS_ENV};
use std::path::Path;

/// Generate into `out_dir` from `registry` and the specs under `root` (the
/// crate directory). `products_env` is [`PRODUCTS_ENV`]'s value and
/// `feature_on` says whether a registry name's Cargo feature is on.
/// Returns the names of the generated products, the list walks their
/// code uses (see [`PAGING_STYLES`]) and whether any has a JS patch method.
pub fn generate_all(
    root: &Path,
    registry: &Registry,
    out_dir: &Path,
    products_env: Option<&str>,
    feature_on: impl Fn(&str) -> bool,
) -> (Vec<String>, Vec<&'static str>, bool) {
    let selected = registry
        .selected(products_env, feature_on)
        .unwrap_or_else(|e| panic!("{e}"));
    let write = |name: &str, text: &str| {
        std::fs::write(out_dir.join(name), text).unwrap_or_else(|e| panic!("writing {name}: {e}"))
    };
    let mut conformance = String::from(
        "/// Every generated operation, for the conformance test.\nfn operations() -> Vec<ConfOp> { vec![\n",
    );
    let mut paging = Vec::new();
    let mut patch = false;
    for product in &selected {
        let doc = crate::spec::merged(product, &root.join("openapi"));
        let generated = crate::generate::product(product, &doc, Some(out_dir));
        for (style, marker) in PAGING_STYLES {
            if uses(&generated.module, marker) && !paging.contains(style) {
                paging.push(*style);
            }
        }
        patch |= generated.module.contains("Method::Patch(");
        write(&format!("{}.rs", product.name), &generated.module);
        write(&format!("{}.d.ts", product.name), &generated.dts);
        conformance.push_str(&generated.conformance);
    }
    conformance.push_str("] }\n");
    write("conformance.rs", &conformance);
    let pretty = |tokens: proc_macro2::TokenStream, what: &str| {
        crate::generate::pretty(&tokens.to_string(), what, Some(out_dir))
    };
    write(
        "products.rs",
        &pretty(crate::products::products_rs(&selected), "products"),
    );
    write(
        "product_table.rs",
        &pretty(crate::products::product_table(registry), "product_table"),
    );
    let names = selected.iter().map(|p| p.name.clone()).collect();
    (names, paging, patch)
}

/// Whether `text` names `path` as a whole path (`CursorKind::Page`, not
/// the start of `CursorKind::PageCursor`).
fn uses(text: &str, path: &str) -> bool {
    text.match_indices(path).any(|(at, _)| {
        let next = text[at + path.len()..].chars().next();
        !next.is_some_and(|c| c.is_alphanumeric() || c == '_')
    })
}

/// The runtime's list walks, as `cfg(zscaler_paging = ...)` values, and
/// the generated text that uses each: the runtime compiles a walk only
/// when some generated product calls it, so a build of any product set
/// has no dead walk code (and no warnings about it).
pub const PAGING_STYLES: &[(&str, &str)] = &[
    ("numbered", "Method::ZpaAll"),
    ("page", "CursorKind::Page"),
    ("offset", "CursorKind::Offset"),
    ("next_offset", "CursorKind::NextOffset"),
    ("total_count", "CursorKind::TotalCount"),
    ("page_cursor", "CursorKind::PageCursor"),
];

/// The build script of `zscaler-wasm`: generate from `products.json` and
/// `openapi/` into `OUT_DIR`.
///
/// Besides the files, it sets `cfg(zscaler_product = "<name>")` for each
/// generated product, so handwritten product extras follow
/// [`PRODUCTS_ENV`] as well as the Cargo features.
pub fn run() {
    println!("cargo:rerun-if-changed=products.json");
    println!("cargo:rerun-if-changed=openapi");
    println!("cargo:rerun-if-env-changed={PRODUCTS_ENV}");
    let root = std::env::var("CARGO_MANIFEST_DIR").expect("cargo sets CARGO_MANIFEST_DIR");
    let out_dir = std::env::var("OUT_DIR").expect("cargo sets OUT_DIR");
    let products_env = std::env::var(PRODUCTS_ENV).ok();
    let feature_on =
        |name: &str| std::env::var_os(format!("CARGO_FEATURE_{}", name.to_uppercase())).is_some();
    let root = Path::new(&root);
    let registry = Registry::load(&root.join("products.json"));
    let (names, paging, patch) = generate_all(
        root,
        &registry,
        Path::new(&out_dir),
        products_env.as_deref(),
        feature_on,
    );
    let all: Vec<String> = registry
        .products
        .iter()
        .map(|p| format!("{:?}", p.name))
        .collect();
    println!(
        "cargo:rustc-check-cfg=cfg(zscaler_product, values({}))",
        all.join(", ")
    );
    for name in names {
        println!("cargo:rustc-cfg=zscaler_product=\"{name}\"");
    }
    let styles: Vec<String> = PAGING_STYLES
        .iter()
        .map(|(s, _)| format!("{s:?}"))
        .collect();
    println!(
        "cargo:rustc-check-cfg=cfg(zscaler_paging, values({}))",
        styles.join(", ")
    );
    // `zscaler_cursor`: some walk other than ZPA's numbered pages is in the
    // build, so the shared cursor dispatch is needed; one name instead of
    // every cursor style listed at each use.
    println!("cargo:rustc-check-cfg=cfg(zscaler_cursor)");
    let mut cursor = false;
    for style in paging {
        println!("cargo:rustc-cfg=zscaler_paging=\"{style}\"");
        cursor |= style != "numbered";
    }
    if cursor {
        println!("cargo:rustc-cfg=zscaler_cursor");
    }
    // Like the walks, the JS patch helper is compiled only when some
    // generated product has a get/update pair to patch with.
    println!("cargo:rustc-check-cfg=cfg(zscaler_patch)");
    if patch {
        println!("cargo:rustc-cfg=zscaler_patch");
    }
}

#[cfg(test)]
mod tests {
    #[test]
    fn markers_match_whole_paths() {
        let text =
            "CursorAll(\n    3,\n    crate::js::cursor::CursorKind::PageCursor(\"logs\"),\n)";
        assert!(super::uses(text, "CursorKind::PageCursor"));
        assert!(!super::uses(text, "CursorKind::Page"));
        assert!(super::uses("CursorKind::Page,\n", "CursorKind::Page"));
        assert!(super::uses("Method::ZpaAll(3)", "Method::ZpaAll"));
    }
}
