//! Embeds the project's OpenAPI specs (`../openapi/*.yaml`) as one JSON
//! document, `$OUT_DIR/openapi.json`: `[{"file": "zia.yaml", "spec": {...}}]`,
//! and compiles the product registry (`../products.json`) into
//! `$OUT_DIR/products.rs`, included by `src/product.rs`.
//!
//! Converting at build time keeps a YAML parser out of the emulator binary
//! and makes a broken spec fail the build instead of a test run.

use std::fs;
use std::path::Path;

use serde_json::{json, Map, Number, Value};
use serde_yaml::Value as Yaml;

fn main() {
    let manifest = std::env::var("CARGO_MANIFEST_DIR").expect("cargo sets CARGO_MANIFEST_DIR");
    let dir = Path::new(&manifest).join("../openapi");
    // A directory here makes cargo rescan every file in it for changes, so
    // added, edited and removed specs all trigger a rebuild.
    println!("cargo:rerun-if-changed=../openapi");
    println!("cargo:rerun-if-changed=build.rs");
    println!("cargo:rerun-if-changed=../products.json");
    registry(&Path::new(&manifest).join("../products.json"));

    let mut names: Vec<String> = match fs::read_dir(&dir) {
        Ok(entries) => entries
            .filter_map(Result::ok)
            .map(|e| e.file_name().to_string_lossy().into_owned())
            .filter(|n| n.ends_with(".yaml") || n.ends_with(".yml"))
            .collect(),
        Err(e) => {
            println!(
                "cargo:warning=no OpenAPI specs at {}: {e}; serving hand-written routes only",
                dir.display()
            );
            Vec::new()
        }
    };
    // Sorted so the embedded document (and so route order) is reproducible.
    names.sort();

    let mut specs = Vec::new();
    for name in names {
        let path = dir.join(&name);
        let text = fs::read_to_string(&path)
            .unwrap_or_else(|e| panic!("cannot read {}: {e}", path.display()));
        let yaml: Yaml = serde_yaml::from_str(&text)
            .unwrap_or_else(|e| panic!("{} is not valid YAML: {e}", path.display()));
        specs.push(json!({ "file": name, "spec": to_json(yaml) }));
    }

    let out =
        Path::new(&std::env::var("OUT_DIR").expect("cargo sets OUT_DIR")).join("openapi.json");
    fs::write(&out, Value::Array(specs).to_string())
        .unwrap_or_else(|e| panic!("cannot write {}: {e}", out.display()));
}

/// YAML to JSON. Done by hand because YAML allows non-string mapping keys
/// (`200:` is an integer), which JSON objects cannot hold: keys become text.
fn to_json(v: Yaml) -> Value {
    match v {
        Yaml::Null => Value::Null,
        Yaml::Bool(b) => Value::Bool(b),
        Yaml::Number(n) => {
            if let Some(i) = n.as_i64() {
                Value::Number(i.into())
            } else if let Some(u) = n.as_u64() {
                Value::Number(u.into())
            } else {
                n.as_f64()
                    .and_then(Number::from_f64)
                    .map_or(Value::Null, Value::Number)
            }
        }
        Yaml::String(s) => Value::String(s),
        Yaml::Sequence(items) => Value::Array(items.into_iter().map(to_json).collect()),
        Yaml::Mapping(map) => {
            let mut out = Map::new();
            for (k, v) in map {
                out.insert(key_text(k), to_json(v));
            }
            Value::Object(out)
        }
        Yaml::Tagged(tagged) => to_json(tagged.value),
    }
}

fn key_text(k: Yaml) -> String {
    match k {
        Yaml::String(s) => s,
        Yaml::Number(n) => n.to_string(),
        Yaml::Bool(b) => b.to_string(),
        Yaml::Null => "null".to_string(),
        other => to_json(other).to_string(),
    }
}

/// Writes `products.rs`: one `ProductInfo` constant per registry entry, a
/// `Product::NAME` handle for each, and `REGISTRY` listing them in file order.
fn registry(path: &Path) {
    let text =
        fs::read_to_string(path).unwrap_or_else(|e| panic!("cannot read {}: {e}", path.display()));
    let doc: Value = serde_json::from_str(&text)
        .unwrap_or_else(|e| panic!("{} is not valid JSON: {e}", path.display()));
    let products = doc["products"]
        .as_array()
        .unwrap_or_else(|| panic!("{}: no `products` array", path.display()));
    let mut out = String::new();
    let mut handles = Vec::new();
    for p in products {
        let name = text_of(p, "name");
        // The emulator serves these logins (`src/legacy/`); another kind
        // would be accepted here and then never answered.
        const LEGACY_KINDS: &[&str] = &[
            "zpa-signin",
            "zia-session",
            "zcc-login",
            "ztw-session",
            "zdx-token",
            "zwa-token",
        ];
        if let Some(kind) = p["auth"]["legacy"].as_str() {
            assert!(
                LEGACY_KINDS.contains(&kind),
                "{}: product {name:?} has unknown auth.legacy {kind:?}",
                path.display()
            );
        }
        let konst = name.to_ascii_uppercase().replace('-', "_");
        out.push_str(&format!(
            "const {konst}_INFO: ProductInfo = {};\n",
            product_info(p)
        ));
        out.push_str(&format!(
            "impl Product {{\n    /// `{name}`: {}.\n    pub const {konst}: Product = Product(&{konst}_INFO);\n}}\n",
            text_of(p, "long_name")
        ));
        handles.push(format!("Product::{konst}"));
    }
    out.push_str(&format!(
        "/// Every product of `products.json`, in file order.\npub static REGISTRY: &[Product] = &[{}];\n",
        handles.join(", ")
    ));
    let dest =
        Path::new(&std::env::var("OUT_DIR").expect("cargo sets OUT_DIR")).join("products.rs");
    fs::write(&dest, out).unwrap_or_else(|e| panic!("cannot write {}: {e}", dest.display()));
}

fn text_of(v: &Value, key: &str) -> String {
    v[key]
        .as_str()
        .unwrap_or_else(|| panic!("products.json: `{key}` must be a string in {v}"))
        .to_string()
}

fn lit(s: &str) -> String {
    format!("{s:?}")
}

fn opt_lit(v: &Value) -> String {
    v.as_str().map_or("None".into(), |s| format!("Some({s:?})"))
}

fn lits(v: &Value) -> String {
    let items: Vec<String> = v
        .as_array()
        .into_iter()
        .flatten()
        .filter_map(Value::as_str)
        .map(lit)
        .collect();
    format!("&[{}]", items.join(", "))
}

fn int(v: &Value, key: &str) -> i64 {
    v[key]
        .as_i64()
        .unwrap_or_else(|| panic!("products.json: `{key}` must be an integer in {v}"))
}

/// The Rust expression of one registry entry.
fn product_info(p: &Value) -> String {
    let name = text_of(p, "name");
    let e = &p["errors"];
    let errors = format!(
        "ErrorShape {{ code_field: {}, message_field: {}, not_found: {}, invalid_body: {}, \
         invalid_param: {}, too_large: {}, method_not_allowed: {}, rate_limited: {}, \
         read_only: {}, retry_conflict: {} }}",
        lit(&text_of(e, "code_field")),
        lit(&text_of(e, "message_field")),
        lit(&text_of(e, "not_found")),
        lit(&text_of(e, "invalid_body")),
        lit(&text_of(e, "invalid_param")),
        lit(&text_of(e, "too_large")),
        lit(&text_of(e, "method_not_allowed")),
        opt_lit(&e["rate_limited"]),
        lit(&text_of(e, "read_only")),
        lits(&e["retry_conflict"]),
    );
    let ids = match text_of(p, "ids").as_str() {
        "numeric-string" => "IdStyle::NumericString",
        "int64" => "IdStyle::Int64",
        "alphanumeric" => "IdStyle::Alphanumeric",
        other => panic!("products.json: {name}: unknown id style {other:?}"),
    };
    let pg = &p["paging"];
    let (style, position) = match text_of(pg, "style").as_str() {
        "page" => ("PagingStyle::Page", text_of(pg, "page")),
        "page-array" => ("PagingStyle::PageArray", text_of(pg, "page")),
        "offset-cursor" => ("PagingStyle::OffsetCursor", text_of(pg, "offset")),
        other => panic!("products.json: {name}: unknown paging style {other:?}"),
    };
    let paging = format!(
        "Paging {{ style: {style}, position: {}, size: {}, default_size: {}, max_size: {}, \
         string_totals: {} }}",
        lit(&position),
        lit(&text_of(pg, "size")),
        int(pg, "default_size"),
        int(pg, "max_size"),
        pg["totals"].as_str() == Some("string"),
    );
    let limits: Vec<String> = p["rate_limits"]
        .as_array()
        .into_iter()
        .flatten()
        .map(|r| {
            format!(
                "RateLimit {{ methods: {}, max: {}, window_ms: {} }}",
                lits(&r["methods"]),
                int(r, "max"),
                int(r, "window_ms")
            )
        })
        .collect();
    let quotas: Vec<String> = p["quotas"]
        .as_array()
        .into_iter()
        .flatten()
        .map(|q| {
            format!(
                "Quota {{ operations: {}, max: {}, window_ms: {} }}",
                lits(&q["operations"]),
                int(q, "max"),
                int(q, "window_ms")
            )
        })
        .collect();
    let staging = match &p["staging"] {
        Value::Null => "None".to_string(),
        s => format!(
            "Some(Staging {{ activate: {}, force: {}, read_extension: {} }})",
            lit(&text_of(s, "activate")),
            s["force"]
                .as_str()
                .map_or("None".to_string(), |f| format!("Some({})", lit(f))),
            lit(&text_of(s, "read_extension"))
        ),
    };
    let fills: Vec<String> = p["fills"]
        .as_array()
        .into_iter()
        .flatten()
        .map(|f| {
            format!(
                "Fill {{ param: {}, option: {}, required: {} }}",
                lit(&text_of(f, "param")),
                lit(&text_of(f, "option")),
                f["required"].as_bool().unwrap_or(false)
            )
        })
        .collect();
    let aliases: Vec<Value> = p["shared_key"]
        .as_str()
        .filter(|k| *k != name)
        .map(|k| Value::String(k.to_string()))
        .into_iter()
        .collect();
    format!(
        "ProductInfo {{ name: {}, title: {}, spec_prefix: {}, gateway: {}, api_roots: {}, \
         aliases: {}, errors: {errors}, ids: {ids}, paging: {paging}, legacy_auth: {}, \
         rate_limits: &[{}], quotas: &[{}], staging: {staging}, fills: &[{}] }}",
        lit(&name),
        lit(&text_of(p, "title")),
        lit(&text_of(p, "spec_prefix")),
        lit(&text_of(p, "gateway")),
        lits(&p["api_roots"]),
        lits(&Value::Array(aliases)),
        opt_lit(&p["auth"]["legacy"]),
        limits.join(", "),
        quotas.join(", "),
        fills.join(", "),
    )
}
