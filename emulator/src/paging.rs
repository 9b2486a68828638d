//! Pagination and name search shared by the product modules.

use serde_json::{json, Map, Value};

use crate::errors::{ApiError, Product};
use crate::query::Params;

/// ZPA: default `pagesize`.
pub const ZPA_DEFAULT_PAGE_SIZE: i64 = 20;
/// ZPA: largest `pagesize` accepted (larger is a 400).
pub const ZPA_MAX_PAGE_SIZE: i64 = 500;
/// ZIA: default `pageSize`.
pub const ZIA_DEFAULT_PAGE_SIZE: i64 = 100;
/// ZIA: largest `pageSize` accepted (larger is a 400).
pub const ZIA_MAX_PAGE_SIZE: i64 = 1000;
/// ZIdentity: default `limit`.
pub const ZID_DEFAULT_LIMIT: i64 = 100;
/// ZIdentity: largest `limit` accepted (larger is a 400).
pub const ZID_MAX_LIMIT: i64 = 1000;

/// Returns `items[start..start+len]`, clamped to the list.
pub fn slice<T: Clone>(items: &[T], start: usize, len: usize) -> Vec<T> {
    let start = start.min(items.len());
    let end = start.saturating_add(len).min(items.len());
    items[start..end].to_vec()
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

/// Builds a ZPA page: `{"totalPages","totalCount","list"}`, where `list` is
/// left out when the page is empty, as ZPA does.
pub fn zpa_page(params: &Params, items: &[Value], totals: Totals) -> Result<Value, ApiError> {
    let page = params.int(Product::Zpa, "page", 1, 1, i64::from(i32::MAX))?;
    let size = params.int(
        Product::Zpa,
        "pagesize",
        ZPA_DEFAULT_PAGE_SIZE,
        1,
        ZPA_MAX_PAGE_SIZE,
    )?;
    let count = items.len() as i64;
    let pages = (count + size - 1) / size;
    let rows = slice(items, ((page - 1) * size) as usize, size as usize);
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
    Ok(Value::Object(out))
}

/// ZIA page of a plain array (`page` 1-based, `pageSize`).
pub fn zia_page(params: &Params, items: &[Value]) -> Result<Vec<Value>, ApiError> {
    let page = params.int(Product::Zia, "page", 1, 1, i64::from(i32::MAX))?;
    let size = params.int(
        Product::Zia,
        "pageSize",
        ZIA_DEFAULT_PAGE_SIZE,
        1,
        ZIA_MAX_PAGE_SIZE,
    )?;
    Ok(slice(items, ((page - 1) * size) as usize, size as usize))
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
        let v = zpa_page(&p, &items, Totals::Strings).unwrap();
        assert_eq!(v["totalPages"], "3");
        assert_eq!(v["totalCount"], "45");
        assert_eq!(v["list"].as_array().unwrap().len(), 5);
        let v = zpa_page(&Params::parse(Some("page=4")), &items, Totals::Strings).unwrap();
        assert!(v.get("list").is_none());
        assert!(zpa_page(
            &Params::parse(Some("pagesize=501")),
            &items,
            Totals::Strings
        )
        .is_err());
    }
}
