//! Lists of spec-driven collections, in the product's paging style (see
//! `paging`) and with its filters (see `rules`):
//!
//! - page envelopes (ZPA): `page` / `pagesize`, expression `search` and
//!   the scope parameter (`microtenantId`);
//! - arrays (ZIA): `search` / `name` substring filters; paged when the
//!   operation declares the paging parameters or the request sends them,
//!   otherwise complete;
//! - `records` envelopes (ZIdentity): `offset` / `limit` with `next_link` /
//!   `prev_link` on the emulator's own origin, `search` / `name` filters;
//! - any other array: the whole filtered collection.

use axum::http::HeaderMap;
use serde_json::Value;

use crate::errors::ApiError;
use crate::paging::{self, field_contains, Search, Totals};
use crate::product::{PagingStyle, Product};
use crate::query::Params;
use crate::rules::{self, SearchStyle};
use crate::spec::schema::Shape;
use crate::spec::Operation;

/// The list response body for `items`.
pub fn render(
    op: &Operation,
    params: &Params,
    headers: &HeaderMap,
    path: &str,
    items: &[Value],
) -> Result<Value, ApiError> {
    let product = op.product;
    let rows = rows(product, params, items);
    match &op.response {
        Shape::ZpaPage { numeric_totals } => {
            let totals = if *numeric_totals {
                Totals::Numbers
            } else {
                Totals::Strings
            };
            paging::envelope_page(product, params, &rows, totals)
        }
        Shape::ZidPage => {
            paging::offset_page(product, &paging::origin(headers), path, params, &rows)
        }
        _ if product.paging.style == PagingStyle::PageArray => {
            let p = &product.paging;
            let declared = op.query.iter().any(|q| q == p.position || q == p.size);
            let asked = params.get(p.position).is_some() || params.get(p.size).is_some();
            if declared || asked {
                Ok(Value::Array(paging::array_page(product, params, &rows)?))
            } else {
                Ok(Value::Array(rows.into_iter().cloned().collect()))
            }
        }
        _ => Ok(Value::Array(rows.into_iter().cloned().collect())),
    }
}

/// The rows a list request selects, in store order: the product's search
/// syntax, `name` substring (substring-search products), and its scope.
pub fn rows<'a>(product: Product, params: &Params, items: &'a [Value]) -> Vec<&'a Value> {
    let r = rules::of(product);
    let scope = rules::wanted_scope(r, params);
    let search = params.get("search").filter(|s| !s.trim().is_empty());
    match r.search {
        SearchStyle::Expression => {
            let search = search.map(Search::parse);
            items
                .iter()
                .filter(|o| search.as_ref().is_none_or(|s| s.matches(o)))
                .filter(|o| scope.is_none_or(|m| rules::in_scope(r, o, m)))
                .collect()
        }
        SearchStyle::Substring(fields) => {
            let search = params.get("search").filter(|s| !s.is_empty());
            let name = params.get("name").filter(|s| !s.is_empty());
            items
                .iter()
                .filter(|o| search.is_none_or(|s| fields.iter().any(|f| field_contains(o, f, s))))
                .filter(|o| name.is_none_or(|n| field_contains(o, "name", n)))
                .filter(|o| scope.is_none_or(|m| rules::in_scope(r, o, m)))
                .collect()
        }
    }
}
