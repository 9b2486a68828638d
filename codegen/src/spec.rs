//! Reading a product's OpenAPI documents: every `openapi/<spec_prefix>*.yaml`
//! merged into one, and the copy progenitor's type space is built from.

use crate::registry::Product;
use openapiv3::OpenAPI;
use std::path::Path;

fn load(path: &Path) -> OpenAPI {
    let text =
        std::fs::read_to_string(path).unwrap_or_else(|e| panic!("reading {}: {e}", path.display()));
    serde_yaml::from_str(&text).unwrap_or_else(|e| panic!("parsing {}: {e}", path.display()))
}

/// The spec files of `product` in `dir`, sorted.
pub fn files(product: &Product, dir: &Path) -> Vec<std::path::PathBuf> {
    let mut files: Vec<_> = std::fs::read_dir(dir)
        .unwrap_or_else(|e| panic!("reading {}: {e}", dir.display()))
        .filter_map(|e| e.ok()?.file_name().into_string().ok())
        .filter(|n| n.starts_with(&product.spec_prefix) && n.ends_with(".yaml"))
        .map(|n| dir.join(n))
        .collect();
    files.sort();
    files
}

/// Several specs of one product become one document, so they share one
/// type space and one Rust module.
pub fn merged(product: &Product, dir: &Path) -> OpenAPI {
    let files = files(product, dir);
    let mut docs = files.iter().map(|f| load(f));
    let mut doc = docs.next().unwrap_or_else(|| {
        panic!(
            "{}: no {}*.yaml in {}",
            product.name,
            product.spec_prefix,
            dir.display()
        )
    });
    for other in docs {
        doc.paths.paths.extend(other.paths.paths);
        let into = doc.components.get_or_insert_with(Default::default);
        for (name, schema) in other.components.unwrap_or_default().schemas {
            if let Some(prev) = into.schemas.get(&name) {
                assert_eq!(
                    prev, &schema,
                    "{}: schema {name} differs between specs",
                    product.name
                );
            }
            into.schemas.insert(name, schema);
        }
    }
    doc
}

/// Known string values stay documentation for Rust: a value Zscaler adds
/// tomorrow must not make today's client fail to decode a response.
fn open_enums(schema: &mut openapiv3::Schema) {
    use openapiv3::{ReferenceOr::Item, SchemaKind, Type};
    match &mut schema.schema_kind {
        SchemaKind::Type(Type::String(s)) => s.enumeration.clear(),
        SchemaKind::Type(Type::Object(o)) => {
            for prop in o.properties.values_mut() {
                if let Item(p) = prop {
                    open_enums(p);
                }
            }
        }
        SchemaKind::Type(Type::Array(a)) => {
            if let Some(Item(items)) = &mut a.items {
                open_enums(items);
            }
        }
        _ => {}
    }
}

/// progenitor refuses operations whose success and `default` responses have
/// different types; we use only its type space (every component schema), so
/// it gets a copy without the error responses.
pub fn types_only(doc: &OpenAPI) -> OpenAPI {
    let mut doc = doc.clone();
    if let Some(c) = &mut doc.components {
        for schema in c.schemas.values_mut() {
            if let openapiv3::ReferenceOr::Item(s) = schema {
                open_enums(s);
            }
        }
    }
    for item in doc.paths.paths.values_mut() {
        if let openapiv3::ReferenceOr::Item(item) = item {
            let ops = [
                &mut item.get,
                &mut item.put,
                &mut item.post,
                &mut item.delete,
                &mut item.options,
                &mut item.head,
                &mut item.patch,
                &mut item.trace,
            ];
            for op in ops.into_iter().flatten() {
                op.responses.default = None;
                op.responses
                    .responses
                    .retain(|code, _| code.to_string().starts_with('2'));
            }
        }
    }
    doc
}
