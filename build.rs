//! Generates the typed product clients from `openapi/` at build time.
//!
//! Models come from progenitor's type space (typify); operations, JS wrappers
//! and TypeScript declarations come from our own emitters in `codegen/`,
//! because progenitor's own client is tied to reqwest, which costs about
//! three times the wasm size of our fetch transport.

#[path = "codegen/js_ops.rs"]
mod js_ops;
#[path = "codegen/model.rs"]
mod model;
#[path = "codegen/names.rs"]
mod names;
#[path = "codegen/rust_ops.rs"]
mod rust_ops;
#[path = "codegen/ts_types.rs"]
mod ts_types;

use openapiv3::OpenAPI;
use std::path::Path;

/// A product: which specs make it up and how it is named on each side.
pub struct Product {
    feature: &'static str,
    module: &'static str,
    specs: &'static [&'static str],
    variant: &'static str,
    api_struct: &'static str,
    js_class: &'static str,
    ts_namespace: &'static str,
    fills_customer: bool,
}

const PRODUCTS: &[Product] = &[
    Product {
        feature: "ZPA",
        module: "zpa",
        specs: &["zpa-mgmtconfig.yaml", "zpa-userconfig.yaml"],
        variant: "Zpa",
        api_struct: "Zpa",
        js_class: "ZpaApi",
        ts_namespace: "Zpa",
        fills_customer: true,
    },
    Product {
        feature: "ZIA",
        module: "zia",
        specs: &["zia.yaml"],
        variant: "Zia",
        api_struct: "Zia",
        js_class: "ZiaApi",
        ts_namespace: "Zia",
        fills_customer: false,
    },
    Product {
        feature: "ZIDENTITY",
        module: "zidentity",
        specs: &["zidentity.yaml"],
        variant: "Zidentity",
        api_struct: "Zidentity",
        js_class: "ZidentityApi",
        ts_namespace: "Zidentity",
        fills_customer: false,
    },
];

fn load(file: &str) -> OpenAPI {
    let path = Path::new("openapi").join(file);
    let text = std::fs::read_to_string(&path)
        .unwrap_or_else(|e| panic!("reading {}: {e}", path.display()));
    serde_yaml::from_str(&text).unwrap_or_else(|e| panic!("parsing {}: {e}", path.display()))
}

/// Several specs of one product become one document, so they share one
/// type space and one Rust module.
fn merged(product: &Product) -> OpenAPI {
    let mut docs = product.specs.iter().map(|f| load(f));
    let mut doc = docs.next().expect("a product has at least one spec");
    for other in docs {
        doc.paths.paths.extend(other.paths.paths);
        let into = doc.components.get_or_insert_with(Default::default);
        for (name, schema) in other.components.unwrap_or_default().schemas {
            if let Some(prev) = into.schemas.get(&name) {
                assert_eq!(
                    prev, &schema,
                    "{}: schema {name} differs between specs",
                    product.module
                );
            }
            into.schemas.insert(name, schema);
        }
    }
    doc
}

fn pretty(code: &str, what: &str) -> String {
    let file: syn::File = syn::parse_str(code).unwrap_or_else(|e| {
        let dump = Path::new(&std::env::var("OUT_DIR").unwrap()).join(format!("{what}.broken.rs"));
        std::fs::write(&dump, code).ok();
        panic!(
            "generated {what} does not parse ({e}); see {}",
            dump.display()
        )
    });
    prettyplease::unparse(&file)
}

/// progenitor refuses operations whose success and `default` responses have
/// different types; we use only its type space (every component schema), so
/// it gets a copy without the error responses.
fn types_only(doc: &OpenAPI) -> OpenAPI {
    let mut doc = doc.clone();
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

fn generate(product: &Product, out_dir: &Path) {
    let doc = merged(product);
    let mut settings = progenitor::GenerationSettings::default();
    settings.with_interface(progenitor::InterfaceStyle::Positional);
    let mut generator = progenitor::Generator::new(&settings);
    generator
        .generate_tokens(&types_only(&doc))
        .unwrap_or_else(|e| panic!("{}: progenitor failed: {e}", product.module));
    let types = generator.get_type_space().to_stream().to_string();

    let ops = model::operations(&doc);
    let rust = rust_ops::emit(product, &doc, &ops);
    let ts = ts_types::emit(product, &doc, &ops);
    let js = format!(
        "#[wasm_bindgen(typescript_custom_section)]\nconst TS_DECLARATIONS: &'static str = r####\"{ts}\"####;\n{}",
        js_ops::emit(product, &doc, &ops)
    );
    let code = format!(
        "/// Models of the {m} API, generated from `openapi/`.\n\
         pub mod types {{ {types} }}\n{rust}\n\
         #[cfg(target_arch = \"wasm32\")]\n#[allow(clippy::all)]\nmod js_bindings {{ use super::*; use crate::js::{js_class}; use wasm_bindgen::prelude::*; {js} }}\n",
        m = product.ts_namespace,
        js_class = product.js_class
    );
    std::fs::write(
        out_dir.join(format!("{}.rs", product.module)),
        pretty(&code, product.module),
    )
    .expect("writing generated module");
    std::fs::write(out_dir.join(format!("{}.d.ts", product.module)), ts)
        .expect("writing generated declarations");
}

fn main() {
    println!("cargo:rerun-if-changed=openapi");
    println!("cargo:rerun-if-changed=codegen");
    let out_dir = std::env::var("OUT_DIR").expect("cargo sets OUT_DIR");
    for product in PRODUCTS {
        if std::env::var_os(format!("CARGO_FEATURE_{}", product.feature)).is_some() {
            generate(product, Path::new(&out_dir));
        }
    }
}
