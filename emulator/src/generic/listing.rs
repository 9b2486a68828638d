//! Lists of spec-driven collections, in each product's paging style:
//!
//! - ZPA page envelopes: `page` / `pagesize` (default 20, max 500),
//!   `search` (`name EQ x`, `name LIKE x`, bare text) and `microtenantId`;
//! - ZIA arrays: `search` / `name` substring filters; paged by `page` /
//!   `pageSize` (default 100, max 1000) when the operation declares those
//!   parameters or the request sends them, otherwise complete;
//! - ZIdentity `records` envelopes: `offset` / `limit` with `next_link` /
//!   `prev_link` on the emulator's own origin, `search` / `name` filters;
//! - any other array: the whole filtered collection.

use axum::http::HeaderMap;
use serde_json::Value;

use crate::errors::{ApiError, Product};
use crate::paging::{self, field_contains, Search, Totals};
use crate::products::zpa_model::microtenant_of;
use crate::query::Params;
use crate::spec::schema::Shape;
use crate::spec::Operation;

/// Fields ZIdentity's free-text `search` looks in.
const ZID_SEARCH_FIELDS: [&str; 4] = ["name", "displayName", "loginName", "primaryEmail"];

/// The list response body for `items`.
pub fn render(
    op: &Operation,
    params: &Params,
    headers: &HeaderMap,
    path: &str,
    items: &[Value],
) -> Result<Value, ApiError> {
    match (&op.response, op.product) {
        (Shape::ZpaPage { numeric_totals }, _) => {
            let rows = zpa_rows(params, items);
            let totals = if *numeric_totals {
                Totals::Numbers
            } else {
                Totals::Strings
            };
            paging::zpa_page(params, &rows, totals)
        }
        (Shape::ZidPage, _) => {
            let rows = text_rows(params, items, &ZID_SEARCH_FIELDS);
            paging::zid_page(&paging::origin(headers), path, params, &rows)
        }
        (_, Product::Zia) => {
            let rows = text_rows(params, items, &["name"]);
            let declared = op.query.iter().any(|q| q == "page" || q == "pageSize");
            let asked = params.get("page").is_some() || params.get("pageSize").is_some();
            if declared || asked {
                Ok(Value::Array(paging::zia_page(params, &rows)?))
            } else {
                Ok(Value::Array(rows.into_iter().cloned().collect()))
            }
        }
        (_, Product::Zpa) => Ok(Value::Array(
            zpa_rows(params, items).into_iter().cloned().collect(),
        )),
        _ => Ok(Value::Array(
            text_rows(params, items, &ZID_SEARCH_FIELDS)
                .into_iter()
                .cloned()
                .collect(),
        )),
    }
}

/// ZPA's `search` and `microtenantId` filters.
fn zpa_rows<'a>(params: &Params, items: &'a [Value]) -> Vec<&'a Value> {
    let search = params
        .get("search")
        .filter(|s| !s.trim().is_empty())
        .map(Search::parse);
    let mt = params.get("microtenantId").filter(|s| !s.is_empty());
    items
        .iter()
        .filter(|o| search.as_ref().is_none_or(|s| s.matches(o)))
        .filter(|o| mt.is_none_or(|m| microtenant_of(o) == m))
        .collect()
}

/// Case-insensitive substring filters: `search` in any of `fields`, `name`
/// in the `name` field.
fn text_rows<'a>(params: &Params, items: &'a [Value], fields: &[&str]) -> Vec<&'a Value> {
    let search = params.get("search").filter(|s| !s.is_empty());
    let name = params.get("name").filter(|s| !s.is_empty());
    items
        .iter()
        .filter(|o| search.is_none_or(|s| fields.iter().any(|f| field_contains(o, f, s))))
        .filter(|o| name.is_none_or(|n| field_contains(o, "name", n)))
        .collect()
}
