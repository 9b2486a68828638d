//! Pagination and name search shared by the product modules: the three
//! paging styles of the registry (`product::PagingStyle`), and the
//! envelopes an operation's response declares (`spec::schema::Shape`):
//! ZDX's `next_offset` token, ZCC's `totalCount` and ZWA's numbered
//! `cursor`. Default and largest sizes come from the product's registry
//! entry; page-number parameter names too.
//!
//! This module turns rows into pages; it may not choose the rows (filters
//! are the caller's) nor read the store.

use std::borrow::Borrow;

use axum::http::{header, HeaderMap};
use serde_json::{json, Map, Value};

use crate::errors::ApiError;
use crate::product::Product;
use crate::query::{encode, Params};

/// Returns `items[start..start+len]` as owned values, clamped to the list.
pub fn slice<V: Borrow<Value>>(items: &[V], start: usize, len: usize) -> Vec<Value> {
    let start = start.min(items.len());
    let end = start.saturating_add(len).min(items.len());
    items[start..end]
        .iter()
        .map(|v| v.borrow().clone())
        .collect()
}

/// Whether ZPA list totals are JSON strings (most endpoints) or numbers
/// (the userconfig SCIM group endpoint, as observed on the wire).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Totals {
    /// `"totalPages": "3"`.
    Strings,
    /// `"totalPages": 3`.
    Numbers,
}

/// Which rows of a page-envelope list one page covers.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Window {
    /// Index of the first row.
    pub start: usize,
    /// Rows on the page (before clamping to the list).
    pub len: usize,
    /// Number of pages for the whole list.
    pub pages: i64,
}

/// Page number and size of a page-style request (1-based page).
fn page_and_size(product: Product, params: &Params) -> Result<(i64, i64), ApiError> {
    let p = &product.paging;
    let page = params.int(product, p.position, 1, 1, i64::from(i32::MAX))?;
    let size = params.int(product, p.size, p.default_size, 1, p.max_size)?;
    Ok((page, size))
}

/// Reads the page number and size (ZPA's `page` / `pagesize`) for a list
/// of `count` rows.
pub fn window(product: Product, params: &Params, count: usize) -> Result<Window, ApiError> {
    let (page, size) = page_and_size(product, params)?;
    let count = count as i64;
    Ok(Window {
        start: ((page - 1) * size) as usize,
        len: size as usize,
        pages: (count + size - 1) / size,
    })
}

/// The ZPA page envelope around already-selected rows; `list` is left out
/// when the page is empty, as ZPA does.
pub fn zpa_envelope(count: usize, pages: i64, rows: Vec<Value>, totals: Totals) -> Value {
    let mut out = Map::new();
    match totals {
        Totals::Strings => {
            out.insert("totalPages".into(), json!(pages.to_string()));
            out.insert("totalCount".into(), json!(count.to_string()));
        }
        Totals::Numbers => {
            out.insert("totalPages".into(), json!(pages));
            out.insert("totalCount".into(), json!(count));
        }
    }
    if !rows.is_empty() {
        out.insert("list".into(), Value::Array(rows));
    }
    Value::Object(out)
}

/// Builds a page envelope: `{"totalPages","totalCount","list"}`.
pub fn envelope_page<V: Borrow<Value>>(
    product: Product,
    params: &Params,
    items: &[V],
    totals: Totals,
) -> Result<Value, ApiError> {
    let w = window(product, params, items.len())?;
    let rows = slice(items, w.start, w.len);
    Ok(zpa_envelope(items.len(), w.pages, rows, totals))
}

/// Page of a plain array (ZIA's `page` 1-based, `pageSize`).
pub fn array_page<V: Borrow<Value>>(
    product: Product,
    params: &Params,
    items: &[V],
) -> Result<Vec<Value>, ApiError> {
    let (page, size) = page_and_size(product, params)?;
    Ok(slice(items, ((page - 1) * size) as usize, size as usize))
}

/// The offset/limit envelope (ZIdentity's). `next_link` / `prev_link`
/// point at `origin` + `path` and repeat the caller's other parameters, so
/// following them walks the same result set on this emulator.
pub fn offset_page<V: Borrow<Value>>(
    product: Product,
    origin: &str,
    path: &str,
    params: &Params,
    rows: &[V],
) -> Result<Value, ApiError> {
    let p = &product.paging;
    let (off_name, lim_name) = (p.position, p.size);
    let offset = params.int(product, off_name, 0, 0, i64::from(i32::MAX))?;
    let limit = params.int(product, lim_name, p.default_size, 1, p.max_size)?;
    let total = rows.len() as i64;
    let records = slice(rows, offset as usize, limit as usize);
    let filters: String = params
        .0
        .iter()
        .filter(|(k, _)| k != off_name && k != lim_name)
        .map(|(k, v)| format!("{}={}&", encode(k), encode(v)))
        .collect();
    let link = |off: i64| format!("{origin}{path}?{filters}{off_name}={off}&{lim_name}={limit}");
    let mut out = Map::new();
    out.insert("results_total".into(), json!(total));
    out.insert("totalRecord".into(), json!(total));
    out.insert("pageOffset".into(), json!(offset));
    out.insert("pageSize".into(), json!(limit));
    if offset + limit < total {
        out.insert("next_link".into(), json!(link(offset + limit)));
    }
    if offset > 0 {
        out.insert("prev_link".into(), json!(link((offset - limit).max(0))));
    }
    out.insert("records".into(), Value::Array(records));
    Ok(Value::Object(out))
}

/// An envelope around one page's rows, under the member `items`.
fn wrap(items: &str, rows: Vec<Value>, extra: &[(&str, Value)]) -> Value {
    let mut out = Map::new();
    for (k, v) in extra {
        out.insert((*k).into(), v.clone());
    }
    out.insert(items.into(), Value::Array(rows));
    Value::Object(out)
}

/// ZDX's reports: `{<items>, next_offset}` per `offset` and `limit`. The
/// token is the index of the page's first row as text (opaque to clients,
/// which only send back what they got); the last page has no
/// `next_offset`.
pub fn token_page<V: Borrow<Value>>(
    product: Product,
    params: &Params,
    rows: &[V],
    items: &str,
) -> Result<Value, ApiError> {
    let p = &product.paging;
    let offset = match params.get("offset").filter(|t| !t.is_empty()) {
        None => 0,
        Some(t) => t.parse::<usize>().map_err(|_| {
            ApiError::invalid_param(
                product,
                format!("offset {t:?} is not a cursor of this list"),
            )
        })?,
    };
    let limit = params.int(product, "limit", p.default_size, 1, p.max_size)? as usize;
    let page = slice(rows, offset, limit);
    let next = offset.saturating_add(limit);
    let extra = if next < rows.len() {
        vec![("next_offset", json!(next.to_string()))]
    } else {
        Vec::new()
    };
    Ok(wrap(items, page, &extra))
}

/// ZCC's wrapped lists: `{<items>, totalCount}` per page number and size.
pub fn counted_page<V: Borrow<Value>>(
    product: Product,
    params: &Params,
    rows: &[V],
    items: &str,
) -> Result<Value, ApiError> {
    let page = array_page(product, params, rows)?;
    Ok(wrap(items, page, &[("totalCount", json!(rows.len()))]))
}

/// ZWA's searches: `{cursor, <items>}` per page number (or the `pageId`
/// the previous cursor gave, the next page's number as text) and size.
pub fn cursor_page<V: Borrow<Value>>(
    product: Product,
    params: &Params,
    rows: &[V],
    items: &str,
) -> Result<Value, ApiError> {
    let p = &product.paging;
    let size = params.int(product, p.size, p.default_size, 1, p.max_size)?;
    let page =
        match params.get("pageId").filter(|t| !t.is_empty()) {
            Some(id) => id.parse::<i64>().ok().filter(|n| *n >= 1).ok_or_else(|| {
                ApiError::invalid_param(product, format!("unknown pageId {id:?}"))
            })?,
            None => params.int(product, p.position, 1, 1, i64::from(i32::MAX))?,
        };
    let total = rows.len() as i64;
    let pages = (total + size - 1) / size;
    let list = slice(rows, ((page - 1) * size) as usize, size as usize);
    let mut cursor = Map::new();
    cursor.insert("totalPages".into(), json!(pages));
    cursor.insert("currentPageNumber".into(), json!(page));
    cursor.insert("currentPageSize".into(), json!(list.len()));
    cursor.insert("totalElements".into(), json!(total));
    if page < pages {
        cursor.insert("pageId".into(), json!((page + 1).to_string()));
    }
    Ok(wrap(items, list, &[("cursor", Value::Object(cursor))]))
}

/// `http://host` of the request, for links that must lead back here.
pub fn origin(headers: &HeaderMap) -> String {
    let host = headers
        .get(header::HOST)
        .and_then(|h| h.to_str().ok())
        .unwrap_or("127.0.0.1");
    format!("http://{host}")
}

/// A parsed ZPA `search` expression.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Search {
    field: String,
    exact: bool,
    value: String,
}

impl Search {
    /// Parses `name EQ x`, `name LIKE x` (with `+` or spaces as separators,
    /// since `+` may or may not have been decoded), or a bare substring.
    pub fn parse(raw: &str) -> Search {
        let t = raw.trim();
        let is_sep = |c: char| c == ' ' || c == '+';
        if let Some((field, rest)) = t.split_once(is_sep) {
            if let Some((op, value)) = rest.split_once(is_sep) {
                let exact = op.eq_ignore_ascii_case("EQ");
                if exact || op.eq_ignore_ascii_case("LIKE") {
                    return Search {
                        field: field.to_string(),
                        exact,
                        value: value.trim_matches(|c| c == '%' || c == '*').to_string(),
                    };
                }
            }
        }
        Search {
            field: "name".into(),
            exact: false,
            value: t.to_string(),
        }
    }

    /// Case-insensitive test against the object's field; a `+` in the value
    /// may also stand for a space (undecoded form encoding).
    pub fn matches(&self, obj: &Value) -> bool {
        let Some(have) = obj.get(&self.field).and_then(Value::as_str) else {
            return false;
        };
        let have = have.to_lowercase();
        let want = self.value.to_lowercase();
        let alt = want.replace('+', " ");
        if self.exact {
            have == want || have == alt
        } else {
            have.contains(&want) || have.contains(&alt)
        }
    }
}

/// Case-insensitive substring test on a string field (ZIA and ZIdentity
/// filters); an absent field never matches.
pub fn field_contains(obj: &Value, field: &str, needle: &str) -> bool {
    obj.get(field)
        .and_then(Value::as_str)
        .is_some_and(|v| v.to_lowercase().contains(&needle.to_lowercase()))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn search_forms() {
        let o = json!({"name": "Finance ERP"});
        assert!(Search::parse("name EQ Finance ERP").matches(&o));
        assert!(Search::parse("name+EQ+Finance+ERP").matches(&o));
        assert!(Search::parse("name eq finance erp").matches(&o));
        assert!(!Search::parse("name EQ Finance").matches(&o));
        assert!(Search::parse("name LIKE nance").matches(&o));
        assert!(Search::parse("name+LIKE+nance").matches(&o));
        assert!(Search::parse("ERP").matches(&o));
        assert!(!Search::parse("HR").matches(&o));
    }

    #[test]
    fn zpa_page_omits_empty_list() {
        let items: Vec<Value> = (0..45).map(|i| json!({ "id": i })).collect();
        let p = Params::parse(Some("page=3"));
        let v = envelope_page(Product::ZPA, &p, &items, Totals::Strings).unwrap();
        assert_eq!(v["totalPages"], "3");
        assert_eq!(v["totalCount"], "45");
        assert_eq!(v["list"].as_array().unwrap().len(), 5);
        let v = envelope_page(
            Product::ZPA,
            &Params::parse(Some("page=4")),
            &items,
            Totals::Strings,
        )
        .unwrap();
        assert!(v.get("list").is_none());
        assert!(envelope_page(
            Product::ZPA,
            &Params::parse(Some("pagesize=501")),
            &items,
            Totals::Strings
        )
        .is_err());
    }
}
