//! Emits the Rust side of each operation: a parameter struct, a request
//! builder and a typed async method on the product's API handle.

use crate::model::{Op, Param, TypeRef};
use crate::names::pascal;
use crate::registry::Product;
use openapiv3::OpenAPI;
use proc_macro2::TokenStream;
use quote::{format_ident, quote};

/// Parse a type spelled by the model (`Option<Vec<i64>>`).
pub fn ty(text: &str) -> syn::Type {
    syn::parse_str(text).unwrap_or_else(|e| panic!("type {text}: {e}"))
}

/// A Rust identifier from a name the model already sanitised.
pub fn ident(name: &str) -> syn::Ident {
    syn::parse_str(name).unwrap_or_else(|_| format_ident!("r#{}", name))
}

/// Rust spelling of a body or response type, relative to the product module.
pub fn type_rust(t: &TypeRef) -> String {
    match t {
        TypeRef::Named(n) => format!("types::{}", pascal(n)),
        TypeRef::Array(inner) => format!("Vec<{}>", type_rust(inner)),
        TypeRef::Prim(p) => p.rust().to_string(),
        TypeRef::Any => "serde_json::Value".to_string(),
    }
}

/// `#[doc = " text"]`, as `/// text` would be written.
pub fn doc(text: &str) -> TokenStream {
    let text = format!(" {text}");
    quote!(#[doc = #text])
}

/// A field of a parameter struct, with its serde attributes.
pub fn param_field(p: &Param, what: &str, ty: &str) -> TokenStream {
    let doc = doc(what);
    let (name, field, ty) = (&p.name, ident(&p.field()), self::ty(ty));
    let serde = if p.required {
        quote!(#[serde(rename = #name)])
    } else {
        quote!(#[serde(rename = #name, default, skip_serializing_if = "Option::is_none")])
    };
    quote!(#doc #serde pub #field: #ty,)
}

fn emit_params(product: &Product, op: &Op) -> TokenStream {
    let derive_default = (op.body.is_none() || !op.body_required).then(|| quote!(, Default));
    let doc = doc(&format!(
        "Arguments of [`{}::{}`].",
        product.type_name,
        op.method_name()
    ));
    let name = format_ident!("{}", op.params_struct());
    let fields = op.caller_params(product).map(|p| {
        let what = format!(
            "The `{}` {} parameter.",
            p.name,
            p.place.as_str().to_lowercase()
        );
        param_field(p, &what, &p.rust_type())
    });
    let body = op.body.as_ref().map(|body| {
        let body = ty(&type_rust(body));
        if op.body_required {
            quote!(#[doc = " The JSON request body."] pub body: #body,)
        } else {
            quote! {
                #[doc = " The JSON request body."]
                #[serde(default, skip_serializing_if = "Option::is_none")]
                pub body: Option<#body>,
            }
        }
    });
    quote! {
        #doc
        #[derive(Clone, Debug, serde::Deserialize, serde::Serialize #derive_default)]
        #[serde(deny_unknown_fields)]
        pub struct #name { #(#fields)* #body }
    }
}

fn emit_request_builder(product: &Product, op: &Op) -> TokenStream {
    let variant = format_ident!("{}", product.type_name);
    let (fmt_path, names) = op.path_format();
    let args: Vec<TokenStream> = names
        .iter()
        .map(|name| {
            if product.hides(name) {
                // Parsed from text: prettyplease prints macro arguments as
                // their tokens are spaced, and `quote!` spaces `?.` apart.
                format!(
                    "crate::request::path_segment({name:?}, self.client.fill(crate::Product::{}, {name:?})?.unwrap_or_default())?",
                    product.type_name
                )
                .parse()
                .expect("path argument tokenizes")
            } else {
                let field = ident(&crate::names::snake(name));
                quote!(crate::request::path_segment(#name, &p.#field.to_string())?)
            }
        })
        .collect();
    let p_used = op.caller_params(product).next().is_some() || op.body.is_some();
    let p_name = if p_used {
        format_ident!("p")
    } else {
        format_ident!("_p")
    };
    let builder = format_ident!("request_{}", op.method_name());
    let params = format_ident!("{}", op.params_struct());
    let path_expr = if args.is_empty() {
        quote!(#fmt_path.to_string())
    } else {
        quote!(format!(#fmt_path, #(#args),*))
    };
    let effect = op.effect(product);
    let default_effect = effect == if op.method == "GET" { "Read" } else { "Write" };
    let mutable =
        (!(op.query.is_empty() && op.body.is_none() && default_effect)).then(|| quote!(mut));
    let set_effect = (!default_effect).then(|| {
        let effect = format_ident!("{effect}");
        quote!(r.effect = crate::request::Effect::#effect;)
    });
    let queries = op.query.iter().map(|q| {
        let (name, field) = (&q.name, ident(&q.field()));
        // An optional fill is the caller's value or else the client's.
        let defaults = product.fill(name).is_some_and(|f| !f.required)
            && !q.required
            && !q.array
            && q.prim == crate::model::Prim::Str;
        if product.hides(name) {
            quote!(r.query(#name, &self.client.fill(crate::Product::#variant, #name)?);)
        } else if defaults {
            quote!(r.query(#name, &match p.#field.as_deref() { Some(v) => Some(v), None => self.client.fill(crate::Product::#variant, #name)? });)
        } else {
            quote!(r.query(#name, &p.#field);)
        }
    });
    let body = match (&op.body, op.body_required) {
        (Some(_), true) => Some(quote!(r.json_body(&p.body)?;)),
        (Some(_), false) => Some(quote!(if let Some(body) = &p.body {
            r.json_body(body)?;
        })),
        (None, _) => None,
    };
    let (method, id) = (&op.method, &op.id);
    quote! {
        #[doc(hidden)]
        pub fn #builder(&self, #p_name: &#params) -> Result<crate::request::ApiRequest, crate::Error> {
            let #mutable r = crate::request::ApiRequest::new(crate::Product::#variant, #method, #id, #path_expr);
            #set_effect
            #(#queries)*
            #body
            Ok(r)
        }
    }
}

fn emit_method(op: &Op) -> TokenStream {
    let name = format_ident!("{}", op.method_name());
    let builder = format_ident!("request_{}", op.method_name());
    let params = format_ident!("{}", op.params_struct());
    let doc = doc(&op.doc());
    match &op.response {
        Some(t) => {
            let t = ty(&type_rust(t));
            quote! {
                #doc
                pub async fn #name(&self, params: &#params) -> Result<#t, crate::Error> {
                    self.client.call_json(self.#builder(params)?).await
                }
            }
        }
        None => match op.file {
            Some(crate::model::File::Text) => quote! {
                #doc
                pub async fn #name(&self, params: &#params) -> Result<String, crate::Error> {
                    self.client.call_text(self.#builder(params)?).await
                }
            },
            Some(crate::model::File::Bytes) => quote! {
                #doc
                pub async fn #name(&self, params: &#params) -> Result<Vec<u8>, crate::Error> {
                    self.client.call_bytes(self.#builder(params)?).await
                }
            },
            None => quote! {
                #doc
                pub async fn #name(&self, params: &#params) -> Result<(), crate::Error> {
                    self.client.call_empty(self.#builder(params)?).await
                }
            },
        },
    }
}

/// `list_all_…` and `iter_…` of a paged list: `collect` and `stream` are
/// the bodies, given `params` and the page method `self.<name>(&p)`.
pub fn walk_methods(
    op: &Op,
    item: &str,
    all_doc: &str,
    collect: TokenStream,
    stream: TokenStream,
) -> TokenStream {
    let name = op.method_name();
    let all = ident(&crate::names::snake(&op.all_name()));
    let iter = ident(&crate::names::snake(&op.iter_name()));
    let params = format_ident!("{}", op.params_struct());
    let item = format_ident!("{}", pascal(item));
    let all_doc = doc(&format!("Every item of [`Self::{name}`], {all_doc}"));
    let iter_doc = doc(&format!(
        "Every item of [`Self::{name}`] as a stream, page by page in order."
    ));
    quote! {
        #all_doc
        pub async fn #all(&self, params: &#params) -> Result<Vec<types::#item>, crate::Error> { #collect }
        #iter_doc
        pub fn #iter<'a>(&'a self, params: &#params) -> impl futures_util::Stream<Item = Result<types::#item, crate::Error>> + 'a { #stream }
    }
}

fn emit_collect(product: &Product, op: &Op, item: &str) -> TokenStream {
    let name = format_ident!("{}", op.method_name());
    let variant = format_ident!("{}", product.type_name);
    let id = &op.id;
    let budget = quote!(self.client.page_budget(crate::Product::#variant, #id));
    walk_methods(
        op,
        item,
        "walking all pages in order, as many at once as the rate budget has free.",
        quote!(crate::pagination::zpa_collect(params, #budget, |p| async move { self.#name(&p).await }).await),
        quote!(crate::pagination::zpa_items(params, self.client.prefetch(), #budget, move |p| async move { self.#name(&p).await })),
    )
}

fn emit_page_impl(page: &str, item: &str) -> TokenStream {
    let (page, item) = (
        format_ident!("{}", pascal(page)),
        format_ident!("{}", pascal(item)),
    );
    quote! {
        impl crate::pagination::ZpaPage for types::#page {
            type Item = types::#item;
            fn total_pages(&self) -> Option<String> { self.total_pages.as_ref().map(|v| v.to_string()) }
            fn into_items(self) -> Vec<Self::Item> { self.list.unwrap_or_default() }
        }
    }
}

fn emit_page_params_impl(op: &Op) -> TokenStream {
    let params = format_ident!("{}", op.params_struct());
    quote! {
        impl crate::pagination::PageParams for #params {
            fn page(&self) -> Option<i32> { self.page }
            fn page_size(&self) -> Option<i32> { self.pagesize }
            fn set_page(&mut self, page: i32, size: i32) { self.page = Some(page); self.pagesize = Some(size); }
        }
    }
}

/// Emit all Rust code for the operations of one product.
pub fn emit(product: &Product, doc: &OpenAPI, ops: &[Op]) -> TokenStream {
    let mut items: Vec<TokenStream> = ops.iter().map(|op| emit_params(product, op)).collect();
    let patches = crate::patch_ops::pairs(product, ops);
    items.extend(
        patches
            .iter()
            .map(|pair| crate::patch_ops::emit_params(product, pair)),
    );
    let mut pages = std::collections::BTreeMap::new();
    for op in ops {
        if let (Some(item), Some(TypeRef::Named(page))) = (op.zpa_page_item(doc), &op.response) {
            pages.insert(page.clone(), item);
            items.push(emit_page_params_impl(op));
        }
    }
    items.extend(pages.iter().map(|(page, item)| emit_page_impl(page, item)));
    for op in ops {
        if let Some(walk) = crate::paging::cursor_item(op, doc) {
            items.push(crate::paging::emit_params_impl(product, op, &walk));
        }
    }
    let mut methods = Vec::new();
    for op in ops {
        methods.push(emit_request_builder(product, op));
        methods.push(emit_method(op));
        if let Some(item) = op.zpa_page_item(doc).filter(|_| op.helpers_free(ops)) {
            methods.push(emit_collect(product, op, &item));
        }
        if let Some(walk) = crate::paging::cursor_item(op, doc).filter(|_| op.helpers_free(ops)) {
            methods.push(crate::paging::emit_methods(product, op, &walk));
        }
    }
    methods.extend(
        patches
            .iter()
            .map(|pair| crate::patch_ops::emit_method(product, pair)),
    );
    let handle = format_ident!("{}", product.type_name);
    quote! {
        #(#items)*
        impl crate::#handle { #(#methods)* }
    }
}
