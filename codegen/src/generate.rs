//! One product's generated code: its module (models, operations, JS
//! bindings), its TypeScript declarations and its conformance rows.

use crate::registry::Product;
use openapiv3::OpenAPI;
use quote::{format_ident, quote, ToTokens};

/// Everything generated for one product.
#[derive(Debug)]
pub struct Generated {
    /// The body of `pub mod <name>`, prettyplease-formatted.
    pub module: String,
    /// The `export namespace <TypeName>` declarations.
    pub dts: String,
    /// The JS tables and class glue alone (also inside `module`),
    /// prettyplease-formatted, for reading and snapshot tests.
    pub js_table: String,
    /// Rows of the conformance test's operation table.
    pub conformance: String,
}

/// Format generated code; on a parse error, name where the text was saved.
pub fn pretty(code: &str, what: &str, dump_dir: Option<&std::path::Path>) -> String {
    let file: syn::File = syn::parse_str(code).unwrap_or_else(|e| {
        let dump = dump_dir.map(|d| d.join(format!("{what}.broken.rs")));
        if let Some(dump) = &dump {
            std::fs::write(dump, code).ok();
        }
        panic!(
            "generated {what} does not parse ({e}); see {}",
            dump.map_or("(not saved)".into(), |d| d.display().to_string())
        )
    });
    prettyplease::unparse(&file)
}

/// The models progenitor's type space (typify) makes of the document.
fn models(product: &Product, doc: &OpenAPI) -> proc_macro2::TokenStream {
    let mut settings = progenitor::GenerationSettings::default();
    settings.with_interface(progenitor::InterfaceStyle::Positional);
    let mut generator = progenitor::Generator::new(&settings);
    generator
        .generate_tokens(&crate::spec::types_only(doc))
        .unwrap_or_else(|e| panic!("{}: progenitor failed: {e}", product.name));
    let mut types: syn::File =
        syn::parse2(generator.get_type_space().to_stream()).expect("typify output parses");
    crate::fidelity::keep_empty_containers(&mut types);
    types.to_token_stream()
}

/// The JS class of the product, `client.<name>` on `ZscalerClient`, and a
/// staging product's `pendingChanges`; they sit in the wasm32-only
/// `js_bindings` module next to the generated tables.
fn js_class(product: &Product) -> proc_macro2::TokenStream {
    let class = format_ident!("{}", product.js_class());
    let handle = format_ident!("{}", product.type_name);
    let getter = format_ident!("{}", product.name);
    let class_name = product.js_class();
    let class_doc = format!(" {} operations (`client.{}`).", product.title, product.name);
    let getter_doc = format!(" {} operations.", product.title);
    let pending = product.staging.as_ref().map(|_| {
        let doc = format!(
            " Whether this client made {} changes that are not activated yet.",
            product.title
        );
        quote! {
            #[wasm_bindgen]
            impl #class {
                #[doc = #doc]
                #[wasm_bindgen(getter, js_name = pendingChanges)]
                pub fn pending_changes(&self) -> bool {
                    self.0.pending_changes()
                }
            }
        }
    });
    quote! {
        #[doc = #class_doc]
        #[wasm_bindgen]
        pub struct #class(pub(crate) crate::#handle);

        #[wasm_bindgen]
        impl ZscalerClient {
            #[doc = #getter_doc]
            #[wasm_bindgen(getter, unchecked_return_type = #class_name)]
            pub fn #getter(&self) -> JsValue {
                hand_out(#class(self.client.#getter()))
            }
        }
        #pending
    }
}

/// Generate everything for `product` from its merged document.
pub fn product(product: &Product, doc: &OpenAPI, dump_dir: Option<&std::path::Path>) -> Generated {
    let types = models(product, doc);
    let ops = crate::model::operations(doc);
    // A quota or an activation naming an operation the spec lacks would
    // silently never apply.
    let staging = product.staging.iter();
    let named = product.quotas.iter().flat_map(|q| q.operations.iter());
    let named = named.chain(staging.flat_map(|s| std::iter::once(&s.activate).chain(&s.force)));
    for id in named {
        assert!(
            ops.iter().any(|op| &op.id == id),
            "products.json: {} names operation {id:?}, which its spec lacks",
            product.name
        );
    }
    let rust = crate::rust_ops::emit(product, doc, &ops);
    let dts = crate::ts_types::emit(product, doc, &ops);
    let table = crate::js_table::emit(product, doc, &ops);
    let js_table = pretty(
        &table.to_string(),
        &format!("{}.js_table", product.name),
        dump_dir,
    );
    let class = js_class(product);
    // A raw string keeps the declarations readable in the generated file.
    let dts_literal: proc_macro2::TokenStream = format!("r####\"{dts}\"####")
        .parse()
        .expect("declarations fit a raw string");
    let models_doc = format!(
        " Models of the {} API, generated from `openapi/`.",
        product.type_name
    );
    let module = quote! {
        #[doc = #models_doc]
        pub mod types { #types }
        #rust
        #[cfg(target_arch = "wasm32")]
        #[allow(clippy::all)]
        pub(crate) mod js_bindings {
            use crate::js::ZscalerClient;
            use wasm_bindgen::prelude::*;
            #[wasm_bindgen(typescript_custom_section)]
            const TS_DECLARATIONS: &'static str = #dts_literal;
            #class
            #table
        }
    };
    Generated {
        module: pretty(&module.to_string(), &product.name, dump_dir),
        dts,
        js_table,
        conformance: crate::conformance::entries(product, &ops),
    }
}
