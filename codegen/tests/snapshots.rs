//! Snapshot tests: the code generated for a fixture product (a list in
//! numbered pages, lists walked page by page (a plain array, a `next_offset`
//! token, a `totalCount` wrapper, a read-only POST search with a numbered
//! cursor), one CRUD resource with its
//! patch, a read-only POST, an activation, two fills) is compared with the
//! files in `tests/snapshots/`. Run with `UPDATE_SNAPSHOTS=1` to accept a
//! change, then read the diff in review.

use std::path::{Path, PathBuf};
use zscaler_codegen::registry::Registry;

fn dir() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("tests")
}

fn fixture() -> zscaler_codegen::generate::Generated {
    let registry = Registry::load(&dir().join("fixtures/registry.json"));
    let product = registry.get("fixture").expect("fixture entry");
    let doc = zscaler_codegen::spec::merged(product, &dir().join("fixtures"));
    zscaler_codegen::generate::product(product, &doc, None)
}

/// A line diff (longest common subsequence), `-` expected, `+` actual,
/// with two lines of context around each change.
fn diff(expected: &str, actual: &str) -> String {
    let (a, b): (Vec<&str>, Vec<&str>) = (expected.lines().collect(), actual.lines().collect());
    let mut lcs = vec![vec![0u32; b.len() + 1]; a.len() + 1];
    for i in (0..a.len()).rev() {
        for j in (0..b.len()).rev() {
            lcs[i][j] = if a[i] == b[j] {
                lcs[i + 1][j + 1] + 1
            } else {
                lcs[i + 1][j].max(lcs[i][j + 1])
            };
        }
    }
    let mut lines = Vec::new();
    let (mut i, mut j) = (0, 0);
    while i < a.len() || j < b.len() {
        if i < a.len() && j < b.len() && a[i] == b[j] {
            lines.push((' ', a[i], i + 1));
            i += 1;
            j += 1;
        } else if j < b.len() && (i == a.len() || lcs[i][j + 1] >= lcs[i + 1][j]) {
            lines.push(('+', b[j], j + 1));
            j += 1;
        } else {
            lines.push(('-', a[i], i + 1));
            i += 1;
        }
    }
    let near_change = |k: usize| {
        lines[k.saturating_sub(2)..(k + 3).min(lines.len())]
            .iter()
            .any(|l| l.0 != ' ')
    };
    let mut out = String::new();
    let mut skipped = false;
    for (k, (tag, line, n)) in lines.iter().enumerate() {
        if near_change(k) {
            out.push_str(&format!("{tag}{n:>5} {line}\n"));
            skipped = false;
        } else if !skipped {
            out.push_str("      ...\n");
            skipped = true;
        }
    }
    out
}

fn check(name: &str, actual: &str) {
    let path = dir().join("snapshots").join(name);
    if std::env::var_os("UPDATE_SNAPSHOTS").is_some() {
        std::fs::write(&path, actual).expect("writing snapshot");
        return;
    }
    let expected = std::fs::read_to_string(&path).unwrap_or_default();
    if expected != actual {
        panic!(
            "{} differs from the generated code (UPDATE_SNAPSHOTS=1 accepts it):\n{}",
            path.display(),
            diff(&expected, actual)
        );
    }
}

#[test]
fn rust_module_matches_snapshot() {
    check("fixture.rs", &fixture().module);
}

#[test]
fn declarations_match_snapshot() {
    check("fixture.d.ts", &fixture().dts);
}

#[test]
fn js_table_matches_snapshot() {
    check("fixture.js_table.rs", &fixture().js_table);
}

#[test]
fn product_glue_matches_snapshot() {
    let registry = Registry::load(&dir().join("fixtures/registry.json"));
    let selected: Vec<_> = registry.products.iter().collect();
    let glue = zscaler_codegen::products::products_rs(&selected).to_string()
        + &zscaler_codegen::products::product_table(&registry).to_string();
    let glue = zscaler_codegen::generate::pretty(&glue, "products", None);
    check("fixture.products.rs", &glue);
}

#[test]
fn generated_code_parses() {
    let generated = fixture();
    for (what, code) in [
        ("module", &generated.module),
        ("js table", &generated.js_table),
    ] {
        syn::parse_file(code).unwrap_or_else(|e| panic!("{what}: {e}"));
    }
    let rows = format!(
        "fn operations() -> Vec<ConfOp> {{ vec![{}] }}",
        generated.conformance
    );
    syn::parse_file(&rows).expect("conformance rows parse");
}

#[test]
fn fills_and_effects_follow_the_registry() {
    // Compared without whitespace: prettyplease wraps macro arguments freely.
    let module: String = fixture().module.split_whitespace().collect();
    let has = |needle: &str| module.contains(&needle.split_whitespace().collect::<String>());
    // The required fill is hidden from callers and filled by the client.
    assert!(!has("pub tenant_id"));
    assert!(has(
        r#"self.client.fill(crate::Product::Fixture, "tenantId")"#
    ));
    // The optional fill stays a parameter and defaults from the client.
    assert!(has("pub scope_id: Option<String>"));
    assert!(has(
        r#"None => self.client.fill(crate::Product::Fixture, "scopeId")?"#
    ));
    // A read-only POST and the activation carry their effect.
    assert!(has("r.effect = crate::request::Effect::Read;"));
    assert!(has("r.effect = crate::request::Effect::Activate;"));
    // The staging product gets pendingChanges in JS.
    assert!(has("js_name = pendingChanges"));
}

#[test]
fn diff_shows_changed_lines() {
    let d = diff("a\nb\nc\n", "a\nB\nc\n");
    assert!(d.contains("-    2 b"), "{d}");
    assert!(d.contains("+    2 B"), "{d}");
}
