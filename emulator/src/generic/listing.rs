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
//! - envelopes of one array member (ZDX `next_offset`, ZCC `totalCount`,
//!   ZWA `cursor`), whichever a product's operation declares;
//! - any other array: the whole filtered collection.
//!
//! This module owns list filtering and the choice of page style; the page
//! arithmetic is `paging`'s, and it may not write to the store.

use axum::http::HeaderMap;
use serde_json::Value;

use crate::errors::ApiError;
use crate::paging::{self, field_contains, Search, Totals};
use crate::product::{PagingStyle, Product};
use crate::query::Params;
use crate::rules::{self, Rules, SearchStyle};
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
        Shape::ZpaPage {
            numeric_totals,
            current_count,
        } => {
            let totals = if *numeric_totals {
                Totals::Numbers
            } else {
                Totals::Strings
            };
            let mut page = paging::envelope_page(product, params, &rows, totals)?;
            if *current_count {
                let n = page
                    .get("list")
                    .and_then(Value::as_array)
                    .map_or(0, Vec::len);
                page["currentCount"] = match totals {
                    Totals::Numbers => Value::from(n),
                    Totals::Strings => Value::from(n.to_string()),
                };
            }
            Ok(page)
        }
        Shape::ZidPage => {
            paging::offset_page(product, &paging::origin(headers), path, params, &rows)
        }
        Shape::TokenPage { items } => paging::token_page(product, params, &rows, items),
        Shape::CountedPage { items } => paging::counted_page(product, params, &rows, items),
        Shape::CursorPage { items } => paging::cursor_page(product, params, &rows, items),
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

/// The rows a list request selects, in store order (see [`Filter`]).
pub fn rows<'a>(product: Product, params: &Params, items: &'a [Value]) -> Vec<&'a Value> {
    let filter = Filter::new(product, params);
    items.iter().filter(|o| filter.keep(o)).collect()
}

/// A list request's filters: the product's search syntax, `name`
/// substring (substring-search products) and its scope parameter.
pub struct Filter<'p> {
    rules: &'static Rules,
    scope: Option<&'p str>,
    expression: Option<Search>,
    text: Option<&'p str>,
    name: Option<&'p str>,
}

impl<'p> Filter<'p> {
    /// The filters `params` ask for.
    pub fn new(product: Product, params: &'p Params) -> Self {
        let rules = rules::of(product);
        let mut f = Filter {
            rules,
            scope: rules::wanted_scope(rules, params),
            expression: None,
            text: None,
            name: None,
        };
        match rules.search {
            SearchStyle::Expression => {
                f.expression = params
                    .get("search")
                    .filter(|s| !s.trim().is_empty())
                    .map(Search::parse);
            }
            SearchStyle::Substring(_) => {
                f.text = params.get("search").filter(|s| !s.is_empty());
                f.name = params.get("name").filter(|s| !s.is_empty());
            }
        }
        f
    }

    /// Whether `obj` passes.
    pub fn keep(&self, obj: &Value) -> bool {
        let fields = match self.rules.search {
            SearchStyle::Substring(fields) => fields,
            SearchStyle::Expression => &[],
        };
        self.expression.as_ref().is_none_or(|s| s.matches(obj))
            && self
                .text
                .is_none_or(|s| fields.iter().any(|f| field_contains(obj, f, s)))
            && self.name.is_none_or(|n| field_contains(obj, "name", n))
            && self
                .scope
                .is_none_or(|m| rules::in_scope(self.rules, obj, m))
    }
}
