//! Embeds the project's OpenAPI specs (`../openapi/*.yaml`) as one JSON
//! document, `$OUT_DIR/openapi.json`: `[{"file": "zia.yaml", "spec": {...}}]`.
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
