#![cfg_attr(not(zscaler_cursor), allow(dead_code))]
//! Lists walked from JS without numbered totals (see
//! [`crate::pagination::sequential`] for the rules): the argument object
//! carries the cursor, and each page's items cross to JS as an array. The
//! walks of products not in the build are compiled out (`zscaler_paging`).

use super::args::Args;
use super::body;
use super::table::{args, build, send_body, OpSpec};
use crate::pagination::sequential::{cursor_pages_within, Cursor, CursorParams, More, Step};
use crate::schema::Schemas;
use crate::{Client, Error};
use futures_util::Stream;
use serde_json::Value;
use wasm_bindgen::{JsCast, JsValue};

/// How a list moves from one page to the next; an envelope's array
/// member is named where the spec has one per list.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
#[cfg_attr(
    not(all(zscaler_paging = "page", zscaler_paging = "offset")),
    allow(dead_code)
)]
pub enum CursorKind {
    /// `page` and `pageSize`; each answer is an array.
    Page,
    /// ZIdentity: `offset` and `limit`; `records` plus `next_link`.
    Offset,
    /// ZDX: string `offset` and `limit`; the member plus `next_offset`.
    #[cfg(zscaler_paging = "next_offset")]
    NextOffset(&'static str),
    /// ZCC: `page` and `pageSize`; the member plus `totalCount`.
    #[cfg(zscaler_paging = "total_count")]
    TotalCount(&'static str),
    /// ZWA: `page` and `pageSize`; the member plus a numbered `cursor`.
    #[cfg(zscaler_paging = "page_cursor")]
    PageCursor(&'static str),
}

impl CursorKind {
    /// Whether a full page says how many follow (ZCC's `totalCount`, ZWA's
    /// `totalPages`), so a walk can request later pages ahead.
    pub fn gives_total(self) -> bool {
        match self {
            #[cfg(zscaler_paging = "total_count")]
            CursorKind::TotalCount(_) => true,
            #[cfg(zscaler_paging = "page_cursor")]
            CursorKind::PageCursor(_) => true,
            _ => false,
        }
    }
}

#[derive(Clone)]
struct DynCursor {
    args: Args,
    kind: CursorKind,
    max: i64,
}

impl DynCursor {
    fn int(&self, name: &str, default: i64) -> i64 {
        self.args
            .get(name)
            .and_then(Value::as_i64)
            .unwrap_or(default)
    }

    fn numbered(&self) -> Cursor {
        Cursor::Page {
            page: self.int("page", 1),
            size: self.int("pageSize", self.max),
        }
    }
}

impl CursorParams for DynCursor {
    fn cursor(&self) -> Cursor {
        match self.kind {
            CursorKind::Page => self.numbered(),
            #[cfg(zscaler_paging = "total_count")]
            CursorKind::TotalCount(_) => self.numbered(),
            #[cfg(zscaler_paging = "page_cursor")]
            CursorKind::PageCursor(_) => self.numbered(),
            CursorKind::Offset => Cursor::Offset {
                offset: self.int("offset", 0),
                limit: self.int("limit", self.max),
            },
            #[cfg(zscaler_paging = "next_offset")]
            CursorKind::NextOffset(_) => Cursor::Token {
                token: self
                    .args
                    .get("offset")
                    .and_then(Value::as_str)
                    .map(String::from),
                limit: self.int("limit", self.max),
            },
        }
    }

    fn set_cursor(&mut self, c: Cursor) {
        let (a, b, x, y): (_, _, Value, _) = match c {
            Cursor::Page { page, size } => ("page", "pageSize", page.into(), size),
            Cursor::Offset { offset, limit } => ("offset", "limit", offset.into(), limit),
            #[cfg(zscaler_paging = "next_offset")]
            Cursor::Token { token, limit } => ("offset", "limit", token.into(), limit),
        };
        // No token yet is no `offset` at all, not a null one.
        if x.is_null() {
            self.args.remove(a);
        } else {
            self.args.insert(a.into(), x);
        }
        self.args.insert(b.into(), y.into());
    }

    fn max_size(&self) -> i64 {
        self.max
    }
}

/// A JS number as a count, if it is one.
#[cfg(any(zscaler_paging = "total_count", zscaler_paging = "page_cursor"))]
fn count(v: JsValue) -> Option<i64> {
    v.as_f64().map(|n| n as i64)
}

/// The items of a parsed page and what it says follows.
fn split(kind: CursorKind, parsed: JsValue) -> (JsValue, More) {
    match kind {
        CursorKind::Page => (parsed, More::Link(false)),
        CursorKind::Offset => {
            let next = body::get(&parsed, "next_link").as_string();
            let more = More::Link(next.is_some_and(|l| !l.is_empty()));
            (body::get(&parsed, "records"), more)
        }
        #[cfg(zscaler_paging = "next_offset")]
        CursorKind::NextOffset(member) => {
            let more = More::Token(body::get(&parsed, "next_offset").as_string());
            (body::get(&parsed, member), more)
        }
        #[cfg(zscaler_paging = "total_count")]
        CursorKind::TotalCount(member) => {
            let more = More::Total(count(body::get(&parsed, "totalCount")));
            (body::get(&parsed, member), more)
        }
        #[cfg(zscaler_paging = "page_cursor")]
        CursorKind::PageCursor(member) => {
            let cursor = body::get(&parsed, "cursor");
            let more = More::Pages {
                current: count(body::get(&cursor, "currentPageNumber")),
                total: count(body::get(&cursor, "totalPages")),
            };
            (body::get(&parsed, member), more)
        }
    }
}

/// The pages of a cursor-paged operation as JS arrays of items; where the
/// pages give their total, up to `ahead` later ones requested at once within
/// the rate budget (see [`cursor_pages_within`]).
pub(crate) fn pages(
    client: Client,
    schemas: &'static Schemas,
    op: &'static OpSpec,
    kind: CursorKind,
    params: Option<JsValue>,
    ahead: usize,
) -> Result<impl Stream<Item = Result<js_sys::Array, Error>>, Error> {
    let args = args(params)?;
    // Checked once up front, so a wrongly typed cursor argument is an
    // error rather than silently replaced by the default.
    build(&client, schemas, op, &args)?;
    let max = op.product.info().max_page_size;
    let start = DynCursor { args, kind, max };
    let budget = client.page_budget(op.product, op.id);
    Ok(cursor_pages_within(
        &start,
        ahead,
        budget,
        move |p: DynCursor| {
            let client = client.clone();
            super::iter::ahead(async move {
                let req = build(&client, schemas, op, &p.args)?;
                let answer = send_body(&client, schemas, op, req).await?;
                let (list, more) = split(kind, answer.parse()?);
                let list = list.dyn_into::<js_sys::Array>().unwrap_or_default();
                let count = list.length() as usize;
                // Compared across pages to catch a server that ignores the
                // cursor; body::stringify, as JSON.stringify throws on BigInts.
                let first = (count > 0)
                    .then(|| body::stringify(&list.get(0)).ok())
                    .flatten()
                    .flatten();
                Ok(Step {
                    count,
                    more,
                    first,
                    page: list,
                })
            })
        },
    ))
}

/// Every item of a cursor-paged operation in one array.
pub async fn cursor_collect(
    client: Client,
    schemas: &'static Schemas,
    op: &'static OpSpec,
    kind: CursorKind,
    params: Option<JsValue>,
) -> Result<JsValue, Error> {
    use futures_util::StreamExt;
    let max = crate::pagination::COLLECT_MAX_IN_FLIGHT;
    let pages = pages(client, schemas, op, kind, params, max)?;
    let mut pages = std::pin::pin!(pages);
    // Joined once at the end, as ZPA's collect does.
    let all = js_sys::Array::new();
    while let Some(list) = pages.next().await {
        all.push(&list?.into());
    }
    Ok(all.flat(1).into())
}
