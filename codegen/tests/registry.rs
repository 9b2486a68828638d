//! The registry against the root crate: every product is a Cargo feature
//! named after it, and the selection rules.

use std::path::Path;
use zscaler_codegen::registry::Registry;

fn root() -> &'static Path {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .parent()
        .expect("codegen/ is in the repository")
}

/// The names in the root `Cargo.toml`'s `[features]` table, but `default`.
fn features() -> Vec<String> {
    let text = std::fs::read_to_string(root().join("Cargo.toml")).expect("root Cargo.toml");
    let mut names = Vec::new();
    let mut inside = false;
    for line in text.lines().map(str::trim) {
        if line.starts_with('[') {
            inside = line == "[features]";
            continue;
        }
        if let (true, Some((name, _))) = (inside, line.split_once('=')) {
            let name = name.trim();
            if name != "default" && !name.starts_with('#') {
                names.push(name.to_string());
            }
        }
    }
    names.sort();
    names
}

#[test]
fn cargo_features_are_the_registry_names() {
    let registry = Registry::load(&root().join("products.json"));
    let mut names: Vec<String> = registry.products.iter().map(|p| p.name.clone()).collect();
    names.sort();
    assert_eq!(
        features(),
        names,
        "root Cargo.toml [features] vs products.json"
    );
}

#[test]
fn every_product_has_a_spec() {
    let registry = Registry::load(&root().join("products.json"));
    for p in &registry.products {
        let files = zscaler_codegen::spec::files(p, &root().join("openapi"));
        assert!(
            !files.is_empty(),
            "{}: no openapi/{}*.yaml",
            p.name,
            p.spec_prefix
        );
    }
}

#[test]
fn the_env_list_overrides_features() {
    let registry = Registry::load(&root().join("products.json"));
    let names = |v: Vec<&zscaler_codegen::registry::Product>| -> Vec<String> {
        v.into_iter().map(|p| p.name.clone()).collect()
    };
    let by_feature = registry.selected(None, |n| n == "zia").unwrap();
    assert_eq!(names(by_feature), ["zia"]);
    let by_env = registry
        .selected(Some(" zidentity,zpa "), |_| true)
        .unwrap();
    assert_eq!(
        names(by_env),
        ["zpa", "zidentity"],
        "registry order, features ignored"
    );
    assert!(registry.selected(Some(""), |_| true).unwrap().is_empty());
    let err = registry.selected(Some("zpa,nope"), |_| true).unwrap_err();
    assert!(err.contains("\"nope\""), "{err}");
}

#[test]
fn registry_names_are_checked() {
    let entry = |name: &str| {
        format!(
            r#"{{"products": [{{"name": "{name}", "type_name": "X", "title": "X", "spec_prefix": "x",
               "gateway": "/x", "errors": {{"code_field": "c", "message_field": "m", "not_found": "n"}}}}]}}"#
        )
    };
    assert!(Registry::parse(&entry("ok_name")).is_ok());
    assert!(Registry::parse(&entry("Bad")).is_err());
    assert!(Registry::parse(&entry("has-dash")).is_err());
}

#[test]
fn legacy_login_kinds_are_checked() {
    let entry = |legacy: &str| {
        format!(
            r#"{{"products": [{{"name": "x", "type_name": "X", "title": "X", "spec_prefix": "x",
               "gateway": "/x", "errors": {{"code_field": "c", "message_field": "m", "not_found": "n"}},
               "auth": {{"legacy": {legacy}}}}}]}}"#
        )
    };
    for kind in zscaler_codegen::registry::LEGACY_KINDS {
        assert!(
            Registry::parse(&entry(&format!("{kind:?}"))).is_ok(),
            "{kind}"
        );
    }
    assert!(Registry::parse(&entry("null")).is_ok());
    let err = Registry::parse(&entry("\"zxx-magic\"")).unwrap_err();
    assert!(err.contains("zxx-magic"), "{err}");
}
