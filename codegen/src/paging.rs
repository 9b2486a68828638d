//! Which list operations can be walked page by page when the pages do not
//! say how many follow up front, and the native Rust helpers (`list_all_…`,
//! `iter_…`) for them. ZPA's numbered pages are in `rust_ops`.
//!
//! The walk is chosen per operation, from the response shape and the
//! query parameter names, so one product may page several ways (ZDX:
//! `next_offset` reports and `page`/`pageSize` configuration arrays); the
//! registry only gives the product's largest page size, which is also the
//! walk's default (`ProductInfo::max_page_size`).

use crate::model::{component, ref_name, Op, Prim, TypeRef};
use crate::registry::Product;

use openapiv3::{ObjectType, OpenAPI, ReferenceOr, SchemaKind, Type};
use proc_macro2::TokenStream;
use quote::{format_ident, quote};

/// How a list moves from one page to the next.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum CursorKind {
    /// `page` and `pageSize`, a plain array per page (ZIA, ZTW, ZCC, ZDX
    /// configuration lists).
    Page,
    /// `offset` and `limit`, `records` plus `next_link` (ZIdentity).
    Offset,
    /// String `offset` and `limit`, one array member plus the `next_offset`
    /// to send as the next `offset` (ZDX reports).
    NextOffset,
    /// `page` and `pageSize`, one array member plus `totalCount` (ZCC).
    TotalCount,
    /// `page` and `pageSize`, one array member plus a `cursor` object with
    /// `currentPageNumber` and `totalPages` (ZWA searches).
    PageCursor,
}

/// A walkable list: how it pages, its item model and the array member of
/// an envelope (`None` for plain arrays and ZIdentity's `records`).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Walk {
    /// How it pages.
    pub kind: CursorKind,
    /// The item model.
    pub item: String,
    /// The envelope's array member.
    pub member: Option<String>,
}

impl Walk {
    /// The runtime's name for this walk in generated JS tables.
    pub fn js_variant(&self) -> String {
        let k = "crate::js::cursor::CursorKind";
        let member = self.member.as_deref().unwrap_or_default();
        match self.kind {
            CursorKind::Page => format!("{k}::Page"),
            CursorKind::Offset => format!("{k}::Offset"),
            CursorKind::NextOffset => format!("{k}::NextOffset({member:?})"),
            CursorKind::TotalCount => format!("{k}::TotalCount({member:?})"),
            CursorKind::PageCursor => format!("{k}::PageCursor({member:?})"),
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

/// The object schema of component `name`.
fn object<'a>(doc: &'a OpenAPI, name: &str) -> Option<&'a ObjectType> {
    match &component(doc, name)?.schema_kind {
        SchemaKind::Type(Type::Object(obj)) => Some(obj),
        _ => None,
    }
}

/// The item model of an array property that lists a named model.
fn array_of(prop: &ReferenceOr<Box<openapiv3::Schema>>) -> Option<String> {
    let ReferenceOr::Item(schema) = prop else {
        return None;
    };
    let SchemaKind::Type(Type::Array(arr)) = &schema.schema_kind else {
        return None;
    };
    match arr.items.as_ref()? {
        ReferenceOr::Reference { reference } => Some(ref_name(reference)),
        ReferenceOr::Item(_) => None,
    }
}

/// The one array member of an envelope and its item model; an envelope
/// with two lists (ZCC's group entitlements) names no single item.
fn one_array(obj: &ObjectType) -> Option<(String, String)> {
    let mut arrays = obj.properties.iter().filter_map(|(name, prop)| {
        let is_array = matches!(prop, ReferenceOr::Item(s)
            if matches!(s.schema_kind, SchemaKind::Type(Type::Array(_))));
        is_array.then(|| (name.clone(), array_of(prop)))
    });
    let (member, item) = arrays.next()?;
    if arrays.next().is_some() {
        return None;
    }
    Some((member, item?))
}

/// Whether `cursor` refers to a model that numbers pages (ZWA's `PageCursor`).
fn numbers_pages(doc: &OpenAPI, obj: &ObjectType) -> bool {
    let Some(ReferenceOr::Reference { reference }) = obj.properties.get("cursor") else {
        return false;
    };
    object(doc, &ref_name(reference)).is_some_and(|c| {
        c.properties.contains_key("totalPages") && c.properties.contains_key("currentPageNumber")
    })
}

/// How a list operation pages, if it is one of the walks here: a GET, or
/// a POST that only reads (`x-zscaler-read`, ZWA's searches).
pub fn cursor_item(op: &Op, doc: &OpenAPI) -> Option<Walk> {
    let read = op.method == "GET" || (op.method == "POST" && op.read);
    if !read {
        return None;
    }
    let walk = |kind, item: String, member: Option<String>| Walk { kind, item, member };
    let paged = has_query(op, &["page", "pageSize"]);
    match op.response.as_ref()? {
        TypeRef::Array(inner) if paged && op.method == "GET" => match inner.as_ref() {
            TypeRef::Named(item) => Some(walk(CursorKind::Page, item.clone(), None)),
            _ => None,
        },
        TypeRef::Named(page) => {
            let obj = object(doc, page)?;
            if op.method == "GET" && has_query(op, &["offset", "limit"]) {
                if obj.properties.contains_key("next_link") {
                    let item = array_of(obj.properties.get("records")?)?;
                    return Some(walk(CursorKind::Offset, item, None));
                }
                let string_offset = op
                    .query
                    .iter()
                    .any(|q| q.name == "offset" && q.prim == Prim::Str);
                if string_offset && obj.properties.contains_key("next_offset") {
                    let (member, item) = one_array(obj)?;
                    return Some(walk(CursorKind::NextOffset, item, Some(member)));
                }
                return None;
            }
            if !paged {
                return None;
            }
            let (member, item) = one_array(obj)?;
            if numbers_pages(doc, obj) {
                Some(walk(CursorKind::PageCursor, item, Some(member)))
            } else if obj.properties.contains_key("totalCount") && op.method == "GET" {
                Some(walk(CursorKind::TotalCount, item, Some(member)))
            } else {
                None
            }
        }
        _ => None,
    }
}

/// `impl CursorParams` for the operation's parameter struct; the default
/// and largest page size is the product's (registry `paging.max_size`).
pub fn emit_params_impl(product: &Product, op: &Op, walk: &Walk) -> TokenStream {
    let params = format_ident!("{}", op.params_struct());
    let variant = format_ident!("{}", product.type_name);
    let seq = quote!(crate::pagination::sequential);
    let max = quote!(crate::Product::#variant.info().max_page_size);
    let (cursor, set) = match walk.kind {
        CursorKind::Page | CursorKind::TotalCount | CursorKind::PageCursor => (
            quote!(#seq::Cursor::Page {
                page: self.page.map_or(1, |v| v as i64),
                size: self.page_size.map_or(#max, |v| v as i64)
            }),
            quote!(if let #seq::Cursor::Page { page, size } = c {
                self.page = Some(page as _);
                self.page_size = Some(size as _);
            }),
        ),
        CursorKind::Offset => (
            quote!(#seq::Cursor::Offset {
                offset: self.offset.map_or(0, |v| v as i64),
                limit: self.limit.map_or(#max, |v| v as i64)
            }),
            quote!(if let #seq::Cursor::Offset { offset, limit } = c {
                self.offset = Some(offset as _);
                self.limit = Some(limit as _);
            }),
        ),
        CursorKind::NextOffset => (
            quote!(#seq::Cursor::Token {
                token: self.offset.clone(),
                limit: self.limit.map_or(#max, |v| v as i64)
            }),
            quote!(if let #seq::Cursor::Token { token, limit } = c {
                self.offset = token;
                self.limit = Some(limit as _);
            }),
        ),
    };
    quote! {
        impl #seq::CursorParams for #params {
            fn cursor(&self) -> #seq::Cursor { #cursor }
            fn set_cursor(&mut self, c: #seq::Cursor) { #set }
            fn max_size(&self) -> i64 { #max }
        }
    }
}

/// `list_all_…` and `iter_…` on the product's API struct. Walks whose
/// pages give their total request later pages ahead, within the budget.
pub fn emit_methods(product: &Product, op: &Op, walk: &Walk) -> TokenStream {
    let name = format_ident!("{}", op.method_name());
    let seq = quote!(crate::pagination::sequential);
    let member = walk
        .member
        .as_deref()
        .map(|m| format_ident!("{}", crate::names::snake(m)));
    let step = match walk.kind {
        CursorKind::Page => quote! {
            let page = self.#name(&p).await?;
            Ok(#seq::step_of(page, false))
        },
        CursorKind::Offset => quote! {
            let page = self.#name(&p).await?;
            let more = page.next_link.as_deref().is_some_and(|l| !l.is_empty());
            Ok(#seq::step_of(page.records.unwrap_or_default(), more))
        },
        CursorKind::NextOffset => quote! {
            let page = self.#name(&p).await?;
            let more = #seq::More::Token(page.next_offset);
            Ok(#seq::step_with(page.#member.unwrap_or_default(), more))
        },
        CursorKind::TotalCount => quote! {
            let page = self.#name(&p).await?;
            let more = #seq::More::Total(page.total_count.map(|v| v as i64));
            Ok(#seq::step_with(page.#member.unwrap_or_default(), more))
        },
        CursorKind::PageCursor => quote! {
            let page = self.#name(&p).await?;
            let cursor = page.cursor.as_ref();
            let more = #seq::More::Pages {
                current: cursor.and_then(|c| c.current_page_number).map(|v| v as i64),
                total: cursor.and_then(|c| c.total_pages).map(|v| v as i64)
            };
            Ok(#seq::step_with(page.#member.unwrap_or_default(), more))
        },
    };
    if matches!(walk.kind, CursorKind::TotalCount | CursorKind::PageCursor) {
        let variant = format_ident!("{}", product.type_name);
        let id = &op.id;
        let budget = quote!(self.client.page_budget(crate::Product::#variant, #id));
        return crate::rust_ops::walk_methods(
            op,
            &walk.item,
            "walking all pages in order (the largest page size unless one is given); \
             after the first, as many at once as the rate budget has free.",
            quote!(#seq::cursor_collect_within(params, #budget, |p| async move { #step }).await),
            quote!(#seq::cursor_items_within(params, self.client.prefetch(), #budget, move |p| async move { #step })),
        );
    }
    crate::rust_ops::walk_methods(
        op,
        &walk.item,
        "walking all pages in order (the largest page size unless one is given).",
        quote!(#seq::cursor_collect(params, |p| async move { #step }).await),
        quote!(#seq::cursor_items(params, move |p| async move { #step })),
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    fn walk(kind: CursorKind, member: Option<&str>) -> Walk {
        let member = member.map(String::from);
        Walk {
            kind,
            item: "Item".into(),
            member,
        }
    }

    #[test]
    fn js_variants_name_the_envelope_member() {
        assert_eq!(
            walk(CursorKind::Page, None).js_variant(),
            "crate::js::cursor::CursorKind::Page"
        );
        assert_eq!(
            walk(CursorKind::NextOffset, Some("devices")).js_variant(),
            "crate::js::cursor::CursorKind::NextOffset(\"devices\")"
        );
    }
}
