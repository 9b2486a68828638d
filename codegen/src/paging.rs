//! Which ZIA and ZIdentity list operations can be walked page by page, and
//! the native Rust helpers (`list_all_…`, `iter_…`) for them. ZPA's
//! numbered pages are in `rust_ops` (they say how many follow; these don't).

use crate::model::{component, ref_name, Op, TypeRef};

use openapiv3::{OpenAPI, ReferenceOr, SchemaKind, Type};
use proc_macro2::TokenStream;
use quote::{format_ident, quote};

/// How a list moves from one page to the next.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum CursorKind {
    /// ZIA: `page` and `pageSize`, a plain array per page.
    Page,
    /// ZIdentity: `offset` and `limit`, `records` plus `next_link`.
    Offset,
}

impl CursorKind {
    /// The runtime's name for this kind in generated JS tables.
    pub fn js_variant(self) -> &'static str {
        match self {
            CursorKind::Page => "crate::js::cursor::CursorKind::Page",
            CursorKind::Offset => "crate::js::cursor::CursorKind::Offset",
        }
    }
}

/// The operation takes every one of `names` as an optional query parameter
/// (the walk sets them, so a required one would be the caller's to give).
fn has_query(op: &Op, names: &[&str]) -> bool {
    names.iter().all(|n| {
        op.query
            .iter()
            .any(|q| q.name == *n && !q.required && !q.array)
    })
}

/// The `records` item type of a ZIdentity page schema.
fn records_item(doc: &OpenAPI, page: &str) -> Option<String> {
    let SchemaKind::Type(Type::Object(obj)) = &component(doc, page)?.schema_kind else {
        return None;
    };
    obj.properties.get("next_link")?;
    let ReferenceOr::Item(records) = obj.properties.get("records")? else {
        return None;
    };
    let SchemaKind::Type(Type::Array(arr)) = &records.schema_kind else {
        return None;
    };
    match arr.items.as_ref()? {
        ReferenceOr::Reference { reference } => Some(ref_name(reference)),
        ReferenceOr::Item(_) => None,
    }
}

/// The walk kind and item model of a cursor-paged GET, if it is one.
pub fn cursor_item(op: &Op, doc: &OpenAPI) -> Option<(CursorKind, String)> {
    if op.method != "GET" {
        return None;
    }
    match op.response.as_ref()? {
        TypeRef::Array(inner) if has_query(op, &["page", "pageSize"]) => match inner.as_ref() {
            TypeRef::Named(item) => Some((CursorKind::Page, item.clone())),
            _ => None,
        },
        TypeRef::Named(page) if has_query(op, &["offset", "limit"]) => {
            records_item(doc, page).map(|item| (CursorKind::Offset, item))
        }
        _ => None,
    }
}

/// `impl CursorParams` for the operation's parameter struct.
pub fn emit_params_impl(op: &Op, kind: CursorKind) -> TokenStream {
    let (a, b, default_a, variant, fa, fb, max) = match kind {
        CursorKind::Page => (
            "page",
            "page_size",
            1i64,
            "Page",
            "page",
            "size",
            "ZIA_MAX_PAGE_SIZE",
        ),
        CursorKind::Offset => (
            "offset",
            "limit",
            0i64,
            "Offset",
            "offset",
            "limit",
            "ZIDENTITY_MAX_LIMIT",
        ),
    };
    let [a, b, variant, fa, fb, max] = [a, b, variant, fa, fb, max].map(|s| format_ident!("{s}"));
    let default_a = proc_macro2::Literal::i64_unsuffixed(default_a);
    let params = format_ident!("{}", op.params_struct());
    quote! {
        impl crate::pagination::sequential::CursorParams for #params {
            fn cursor(&self) -> crate::pagination::sequential::Cursor {
                crate::pagination::sequential::Cursor::#variant {
                    #fa: self.#a.map_or(#default_a, |v| v as i64),
                    #fb: self.#b.map_or(crate::pagination::sequential::#max, |v| v as i64)
                }
            }
            fn set_cursor(&mut self, c: crate::pagination::sequential::Cursor) {
                if let crate::pagination::sequential::Cursor::#variant { #fa, #fb } = c {
                    self.#a = Some(#fa as _);
                    self.#b = Some(#fb as _);
                }
            }
        }
    }
}

/// `list_all_…` and `iter_…` on the product's API struct.
pub fn emit_methods(op: &Op, kind: CursorKind, item: &str) -> TokenStream {
    let name = format_ident!("{}", op.method_name());
    let step = match kind {
        CursorKind::Page => quote! {
            let page = self.#name(&p).await?;
            Ok(crate::pagination::sequential::step_of(page, false))
        },
        CursorKind::Offset => quote! {
            let page = self.#name(&p).await?;
            let more = page.next_link.as_deref().is_some_and(|l| !l.is_empty());
            Ok(crate::pagination::sequential::step_of(page.records.unwrap_or_default(), more))
        },
    };
    crate::rust_ops::walk_methods(
        op,
        item,
        "walking all pages in order (the largest page size unless one is given).",
        quote!(crate::pagination::sequential::cursor_collect(params, |p| async move { #step }).await),
        quote!(crate::pagination::sequential::cursor_items(params, move |p| async move { #step })),
    )
}
