//! Data-safe updates. Most Zscaler PUTs replace the whole object, so a PUT
//! with only the fields a caller cares about resets the rest. For every
//! `update…` whose path also has a `get…` of the same type, we emit
//! `patch…`: GET, apply a JSON merge patch (RFC 7396), PUT.

use crate::model::{Op, TypeRef};
use crate::names::pascal;
use crate::registry::Product;
use crate::rust_ops::{doc, ident, param_field, ty, type_rust};
use proc_macro2::TokenStream;
use quote::{format_ident, quote};

/// A `get`/`update` pair on one path, sharing the body type.
pub struct Pair<'a> {
    /// The read.
    pub get: &'a Op,
    /// The full replace.
    pub update: &'a Op,
    /// operationId of the patch (`patchApplicationSegment`).
    pub id: String,
}

/// Find every patchable update.
pub fn pairs<'a>(product: &Product, ops: &'a [Op]) -> Vec<Pair<'a>> {
    let mut out = Vec::new();
    for update in ops.iter().filter(|o| o.method == "PUT") {
        let Some(TypeRef::Named(body)) = &update.body else {
            continue;
        };
        let get = ops.iter().find(|g| {
            g.method == "GET"
                && g.path == update.path
                && matches!(&g.response, Some(TypeRef::Named(r)) if r == body)
        });
        let Some(get) = get else { continue };
        // Every required parameter of the update must come from the get.
        let get_names: Vec<&str> = get
            .caller_params(product)
            .map(|p| p.name.as_str())
            .collect();
        if update
            .caller_params(product)
            .any(|p| p.required && !get_names.contains(&p.name.as_str()))
        {
            continue;
        }
        let id = match update.id.strip_prefix("update") {
            Some(rest) => format!("patch{rest}"),
            None => format!("patch{}", pascal(&update.id)),
        };
        if ops.iter().any(|o| o.id == id) {
            continue;
        }
        out.push(Pair { get, update, id });
    }
    out
}

/// Name of the generated parameter struct.
pub fn params_name(pair: &Pair) -> String {
    format!("{}Params", pascal(&pair.id))
}

/// The patch parameter structs (outside the API impl).
pub fn emit_params(product: &Product, pair: &Pair) -> TokenStream {
    let doc = doc(&format!(
        "Arguments of [`{}::{}`].",
        product.type_name,
        crate::names::snake(&pair.id)
    ));
    let name = format_ident!("{}", params_name(pair));
    // A required parameter is never an array here: ZPA paths hold scalars.
    let fields = pair.get.caller_params(product).map(|p| {
        let ty = if p.required {
            p.prim.rust().to_string()
        } else {
            p.rust_type()
        };
        param_field(
            p,
            &format!("The `{}` parameter of the read and the write.", p.name),
            &ty,
        )
    });
    quote! {
        #doc
        #[derive(Clone, Debug, serde::Deserialize, serde::Serialize)]
        #[serde(deny_unknown_fields)]
        pub struct #name {
            #(#fields)*
            #[doc = " Fields to change, as a JSON merge patch; `null` removes a field."]
            pub patch: serde_json::Value,
        }
    }
}

/// The `patch…` method (inside the API impl).
pub fn emit_method(product: &Product, pair: &Pair) -> TokenStream {
    let body = ty(&type_rust(
        pair.update
            .body
            .as_ref()
            .expect("a pair's update has a body"),
    ));
    let get_fields: Vec<String> = pair.get.caller_params(product).map(|p| p.field()).collect();
    let doc = doc(&format!(
        "Change only the fields named in `patch` of the object [`Self::{}`] returns, then store it \
         with [`Self::{}`], so fields the patch leaves out keep their values. Returns what was stored.",
        pair.get.method_name(),
        pair.update.method_name()
    ));
    let name = ident(&crate::names::snake(&pair.id));
    let params = format_ident!("{}", params_name(pair));
    let (get, update) = (
        ident(&pair.get.method_name()),
        ident(&pair.update.method_name()),
    );
    let (get_params, update_params) = (
        format_ident!("{}", pair.get.params_struct()),
        format_ident!("{}", pair.update.params_struct()),
    );
    let init = get_fields.iter().map(|f| {
        let f = ident(f);
        quote!(#f: p.#f.clone())
    });
    let fields = pair.update.caller_params(product).map(|q| {
        let f = ident(&q.field());
        if get_fields.contains(&q.field()) {
            quote!(#f: p.#f.clone())
        } else {
            quote!(#f: None)
        }
    });
    let body_field = if pair.update.body_required {
        quote!(body: body.clone())
    } else {
        quote!(body: Some(body.clone()))
    };
    quote! {
        #doc
        pub async fn #name(&self, p: &#params) -> Result<#body, crate::Error> {
            let current = self.#get(&#get_params { #(#init),* }).await?;
            let body: #body = crate::merge::apply(&current, &p.patch)?;
            self.#update(&#update_params { #(#fields,)* #body_field }).await?;
            Ok(body)
        }
    }
}
