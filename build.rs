//! Generates the typed product clients from `openapi/` at build time.
//!
//! Models come from progenitor's type space (typify); operations, JS wrappers
//! and TypeScript declarations come from our own emitters in `codegen/`,
//! because progenitor's own client is tied to reqwest, which costs about
//! three times the wasm size of our fetch transport.

#[path = "codegen/conformance.rs"]
mod conformance;
#[path = "codegen/fidelity.rs"]
mod fidelity;
#[path = "codegen/js_table.rs"]
mod js_table;
#[path = "codegen/model.rs"]
mod model;
#[path = "codegen/names.rs"]
mod names;
#[path = "codegen/paging.rs"]
mod paging;
#[path = "codegen/patch_ops.rs"]
mod patch_ops;
#[path = "codegen/rust_ops.rs"]
mod rust_ops;
#[path = "codegen/ts_types.rs"]
mod ts_types;

use openapiv3::OpenAPI;
use quote::ToTokens;
use std::path::Path;

/// A product: which specs make it up and how it is named on each side.
pub struct Product {
    feature: &'static str,
    module: &'static str,
    /// Every `openapi/<spec_prefix>*.yaml` belongs to the product.
    spec_prefix: &'static str,
    variant: &'static str,
    api_struct: &'static str,
    js_class: &'static str,
    ts_namespace: &'static str,
    gateway_prefix: &'static str,
    fills_customer: bool,
    /// operationId of the activation, for a product that stages writes.
    activate: Option<&'static str>,
}

const PRODUCTS: &[Product] = &[
    Product {
        feature: "ZPA",
        module: "zpa",
        spec_prefix: "zpa-",
        variant: "Zpa",
        api_struct: "Zpa",
        js_class: "ZpaApi",
        ts_namespace: "Zpa",
        gateway_prefix: "/zpa",
        fills_customer: true,
        activate: None,
    },
    Product {
        feature: "ZIA",
        module: "zia",
        spec_prefix: "zia",
        variant: "Zia",
        api_struct: "Zia",
        js_class: "ZiaApi",
        ts_namespace: "Zia",
        gateway_prefix: "/zia",
        fills_customer: false,
        activate: Some("activate"),
    },
    Product {
        feature: "ZIDENTITY",
        module: "zidentity",
        spec_prefix: "zidentity",
        variant: "Zidentity",
        api_struct: "Zidentity",
        js_class: "ZidentityApi",
        ts_namespace: "Zidentity",
        gateway_prefix: "/ziam",
        fills_customer: false,
        activate: None,
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
    let mut files: Vec<String> = std::fs::read_dir("openapi")
        .expect("openapi/ exists")
        .filter_map(|e| e.ok()?.file_name().into_string().ok())
        .filter(|n| n.starts_with(product.spec_prefix) && n.ends_with(".yaml"))
        .collect();
    files.sort();
    let mut docs = files.iter().map(|f| load(f));
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
fn types_only(doc: &OpenAPI) -> OpenAPI {
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

fn generate(product: &Product, out_dir: &Path) -> String {
    let doc = merged(product);
    let mut settings = progenitor::GenerationSettings::default();
    settings.with_interface(progenitor::InterfaceStyle::Positional);
    let mut generator = progenitor::Generator::new(&settings);
    generator
        .generate_tokens(&types_only(&doc))
        .unwrap_or_else(|e| panic!("{}: progenitor failed: {e}", product.module));
    let mut types: syn::File =
        syn::parse2(generator.get_type_space().to_stream()).expect("typify output parses");
    fidelity::keep_empty_containers(&mut types);
    let types = types.to_token_stream().to_string();

    let ops = model::operations(&doc);
    let rust = rust_ops::emit(product, &doc, &ops);
    let ts = ts_types::emit(product, &doc, &ops);
    let js = format!(
        "#[wasm_bindgen(typescript_custom_section)]\nconst TS_DECLARATIONS: &'static str = r####\"{ts}\"####;\n{}",
        js_table::emit(product, &doc, &ops)
    );
    let code = format!(
        "/// Models of the {m} API, generated from `openapi/`.\n\
         pub mod types {{ {types} }}\n{rust}\n\
         #[cfg(target_arch = \"wasm32\")]\n#[allow(clippy::all)]\npub(crate) mod js_bindings {{ use crate::js::{js_class}; use wasm_bindgen::prelude::*; {js} }}\n",
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
    conformance::entries(product, &ops)
}

/// `product_table.rs`: the runtime's [`Product`] enum and one `ProductInfo`
/// per registry entry (see `src/product.rs`).
fn product_table(registry: &serde_json::Value) -> String {
    let products = registry["products"]
        .as_array()
        .expect("products.json: products[]");
    let text = |v: &serde_json::Value| v.as_str().map(str::to_string);
    let strs = |v: &serde_json::Value| -> String {
        let items: Vec<String> = v
            .as_array()
            .map(|a| {
                a.iter()
                    .filter_map(|s| s.as_str())
                    .map(|s| format!("{s:?}"))
                    .collect()
            })
            .unwrap_or_default();
        format!("&[{}]", items.join(", "))
    };
    let opt = |v: Option<String>| v.map_or("None".to_string(), |s| format!("Some({s:?})"));
    let mut variants = String::new();
    let mut all = String::new();
    let mut arms = String::new();
    let mut infos = String::new();
    for (i, p) in products.iter().enumerate() {
        let ty = text(&p["type_name"]).expect("type_name");
        let long = text(&p["long_name"]).unwrap_or_default();
        variants.push_str(&format!("    /// {long}.\n    {ty},\n"));
        all.push_str(&format!("Product::{ty}, "));
        arms.push_str(&format!("            Product::{ty} => &INFO[{i}],\n"));
        let limits: Vec<String> = p["rate_limits"]
            .as_array()
            .map(|a| {
                a.iter()
                    .map(|r| {
                        format!(
                            "RateLimit {{ methods: {}, max: {}, window_ms: {} }}",
                            strs(&r["methods"]),
                            r["max"].as_u64().expect("rate limit max"),
                            r["window_ms"].as_u64().expect("rate limit window_ms")
                        )
                    })
                    .collect()
            })
            .unwrap_or_default();
        let fills: Vec<String> = p["fills"]
            .as_array()
            .map(|a| {
                a.iter()
                    .map(|f| {
                        format!(
                            "Fill {{ param: {:?}, option: {:?}, required: {} }}",
                            f["param"].as_str().expect("fill param"),
                            f["option"].as_str().expect("fill option"),
                            f["required"].as_bool().unwrap_or(false)
                        )
                    })
                    .collect()
            })
            .unwrap_or_default();
        let e = &p["errors"];
        infos.push_str(&format!(
            "    ProductInfo {{ name: {:?}, title: {:?}, gateway: {:?}, legacy: {}, rate_limits: &[{}], activate: {}, fills: &[{}], code_field: {:?}, message_field: {:?}, not_found: {:?}, read_only: {:?}, retry_conflict: {} }},\n",
            text(&p["name"]).expect("name"),
            text(&p["title"]).expect("title"),
            text(&p["gateway"]).expect("gateway"),
            opt(text(&p["auth"]["legacy"])),
            limits.join(", "),
            opt(text(&p["staging"]["activate"])),
            fills.join(", "),
            text(&e["code_field"]).expect("errors.code_field"),
            text(&e["message_field"]).expect("errors.message_field"),
            text(&e["not_found"]).expect("errors.not_found"),
            text(&e["read_only"]).unwrap_or_default(),
            strs(&e["retry_conflict"]),
        ));
    }
    format!(
        "/// A product of the registry (`products.json`).\n#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]\npub enum Product {{\n{variants}}}\n\n\
         impl Product {{\n    /// Every product of the registry, in its order.\n    pub const ALL: &'static [Product] = &[{all}];\n\n    \
         /// The registry's facts about the product.\n    pub fn info(self) -> &'static ProductInfo {{\n        match self {{\n{arms}        }}\n    }}\n}}\n\n\
         static INFO: [ProductInfo; {n}] = [\n{infos}];\n",
        n = products.len()
    )
}

fn main() {
    println!("cargo:rerun-if-changed=products.json");
    let registry: serde_json::Value = serde_json::from_str(
        &std::fs::read_to_string("products.json").expect("reading products.json"),
    )
    .expect("products.json is JSON");
    println!("cargo:rerun-if-changed=openapi");
    println!("cargo:rerun-if-changed=codegen");
    let out_dir = std::env::var("OUT_DIR").expect("cargo sets OUT_DIR");
    let mut table = String::from("/// Every generated operation, for the conformance test.\nfn operations() -> Vec<ConfOp> { vec![\n");
    for product in PRODUCTS {
        if std::env::var_os(format!("CARGO_FEATURE_{}", product.feature)).is_some() {
            table.push_str(&generate(product, Path::new(&out_dir)));
        }
    }
    table.push_str("] }\n");
    std::fs::write(
        Path::new(&out_dir).join("product_table.rs"),
        pretty(&product_table(&registry), "product_table"),
    )
    .expect("writing product table");
    std::fs::write(Path::new(&out_dir).join("conformance.rs"), table)
        .expect("writing conformance table");
}
