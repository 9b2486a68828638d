//! Which ZIA and ZIdentity list operations can be walked page by page, and
//! the native Rust helpers (`list_all_…`, `iter_…`) for them. ZPA's
//! numbered pages are in `rust_ops` (they say how many follow; these don't).

use crate::model::{component, ref_name, Op, TypeRef};
use crate::names::{pascal, snake};
use crate::rust_ops::{all_name, iter_name, params_struct};
use openapiv3::{OpenAPI, ReferenceOr, SchemaKind, Type};
use std::fmt::Write;

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
pub fn emit_params_impl(out: &mut String, op: &Op, kind: CursorKind) {
    let (a, b, default_a, variant, fa, fb, max) = match kind {
        CursorKind::Page => (
            "page",
            "page_size",
            1,
            "Page",
            "page",
            "size",
            "ZIA_MAX_PAGE_SIZE",
        ),
        CursorKind::Offset => (
            "offset",
            "limit",
            0,
            "Offset",
            "offset",
            "limit",
            "ZIDENTITY_MAX_LIMIT",
        ),
    };
    let m = "crate::pagination::sequential";
    writeln!(out, "impl {m}::CursorParams for {} {{", params_struct(op)).unwrap();
    writeln!(
        out,
        "    fn cursor(&self) -> {m}::Cursor {{ {m}::Cursor::{variant} {{ {fa}: self.{a}.map_or({default_a}, |v| v as i64), {fb}: self.{b}.map_or({m}::{max}, |v| v as i64) }} }}"
    )
    .unwrap();
    writeln!(
        out,
        "    fn set_cursor(&mut self, c: {m}::Cursor) {{ if let {m}::Cursor::{variant} {{ {fa}, {fb} }} = c {{ self.{a} = Some({fa} as _); self.{b} = Some({fb} as _); }} }}"
    )
    .unwrap();
    writeln!(out, "}}\n").unwrap();
}

/// `list_all_…` and `iter_…` on the product's API struct.
pub fn emit_methods(out: &mut String, op: &Op, kind: CursorKind, item: &str) {
    let name = snake(&op.id);
    let params = params_struct(op);
    let item = pascal(item);
    let step = match kind {
        CursorKind::Page => format!(
            "let page = self.{name}(&p).await?; Ok(crate::pagination::sequential::step_of(page, false))"
        ),
        CursorKind::Offset => format!(
            "let page = self.{name}(&p).await?; let more = page.next_link.as_deref().is_some_and(|l| !l.is_empty()); Ok(crate::pagination::sequential::step_of(page.records.unwrap_or_default(), more))"
        ),
    };
    writeln!(
        out,
        "    /// Every item of [`Self::{name}`], walking all pages in order (the largest page size unless one is given)."
    )
    .unwrap();
    writeln!(
        out,
        "    pub async fn {}(&self, params: &{params}) -> Result<Vec<types::{item}>, crate::Error> {{",
        snake(&all_name(op))
    )
    .unwrap();
    writeln!(
        out,
        "        crate::pagination::sequential::cursor_collect(params, |p| async move {{ {step} }}).await"
    )
    .unwrap();
    writeln!(out, "    }}\n").unwrap();
    writeln!(
        out,
        "    /// Every item of [`Self::{name}`] as a stream, one page fetched at a time."
    )
    .unwrap();
    writeln!(
        out,
        "    pub fn {}<'a>(&'a self, params: &{params}) -> impl futures_util::Stream<Item = Result<types::{item}, crate::Error>> + 'a {{",
        snake(&iter_name(op))
    )
    .unwrap();
    writeln!(
        out,
        "        crate::pagination::sequential::cursor_items(params, move |p| async move {{ {step} }})"
    )
    .unwrap();
    writeln!(out, "    }}\n").unwrap();
}
