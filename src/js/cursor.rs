#![cfg_attr(
    not(any(zscaler_paging = "page", zscaler_paging = "offset")),
    allow(dead_code)
)]
//! ZIA and ZIdentity lists walked from JS (see
//! [`crate::pagination::sequential`] for the rules): the argument object
//! carries the cursor, and each page's items cross to JS as an array.

use super::body;
use super::table::{args, build, send_body, OpSpec};
use crate::pagination::sequential::{
    cursor_pages, Cursor, CursorParams, Step, ZIA_MAX_PAGE_SIZE, ZIDENTITY_MAX_LIMIT,
};
use crate::schema::ObjectSchema;
use crate::{Client, Error};
use futures_util::Stream;
use serde_json::{Map, Value};
use wasm_bindgen::{JsCast, JsValue};

/// How a list moves from one page to the next.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
#[cfg_attr(
    not(all(zscaler_paging = "page", zscaler_paging = "offset")),
    allow(dead_code)
)]
pub enum CursorKind {
    /// ZIA: `page` and `pageSize`; each answer is an array.
    Page,
    /// ZIdentity: `offset` and `limit`; `records` plus `next_link`.
    Offset,
}

#[derive(Clone)]
struct DynCursor {
    args: Map<String, Value>,
    kind: CursorKind,
}

impl DynCursor {
    fn int(&self, name: &str, default: i64) -> i64 {
        self.args
            .get(name)
            .and_then(Value::as_i64)
            .unwrap_or(default)
    }
}

impl CursorParams for DynCursor {
    fn cursor(&self) -> Cursor {
        match self.kind {
            CursorKind::Page => Cursor::Page {
                page: self.int("page", 1),
                size: self.int("pageSize", ZIA_MAX_PAGE_SIZE),
            },
            CursorKind::Offset => Cursor::Offset {
                offset: self.int("offset", 0),
                limit: self.int("limit", ZIDENTITY_MAX_LIMIT),
            },
        }
    }

    fn set_cursor(&mut self, c: Cursor) {
        let (a, b, x, y) = match c {
            Cursor::Page { page, size } => ("page", "pageSize", page, size),
            Cursor::Offset { offset, limit } => ("offset", "limit", offset, limit),
        };
        self.args.insert(a.into(), x.into());
        self.args.insert(b.into(), y.into());
    }
}

/// The pages of a cursor-paged operation as JS arrays of items.
pub(crate) fn pages(
    client: Client,
    schemas: &'static [ObjectSchema],
    op: &'static OpSpec,
    kind: CursorKind,
    params: Option<JsValue>,
) -> Result<impl Stream<Item = Result<js_sys::Array, Error>>, Error> {
    let args = args(params)?;
    // Checked once up front, so a wrongly typed cursor argument is an
    // error rather than silently replaced by the default.
    build(&client, schemas, op, &args)?;
    let start = DynCursor { args, kind };
    Ok(cursor_pages(&start, move |p: DynCursor| {
        let client = client.clone();
        async move {
            let req = build(&client, schemas, op, &p.args)?;
            let resp = send_body(&client, schemas, op, req).await?;
            let parsed = body::parse(&resp)?;
            let (list, has_next) = match kind {
                CursorKind::Page => (parsed, false),
                CursorKind::Offset => (
                    body::get(&parsed, "records"),
                    body::get(&parsed, "next_link")
                        .as_string()
                        .is_some_and(|l| !l.is_empty()),
                ),
            };
            let list = list.dyn_into::<js_sys::Array>().unwrap_or_default();
            let count = list.length() as usize;
            // Compared across pages to catch a server that ignores the cursor.
            let first = (count > 0)
                .then(|| js_sys::JSON::stringify(&list.get(0)).ok())
                .flatten()
                .and_then(|s| s.as_string());
            Ok(Step {
                count,
                has_next,
                first,
                page: list,
            })
        }
    }))
}

/// Every item of a cursor-paged operation in one array.
pub async fn cursor_collect(
    client: Client,
    schemas: &'static [ObjectSchema],
    op: &'static OpSpec,
    kind: CursorKind,
    params: Option<JsValue>,
) -> Result<JsValue, Error> {
    use futures_util::StreamExt;
    let pages = pages(client, schemas, op, kind, params)?;
    let mut pages = std::pin::pin!(pages);
    let all = js_sys::Array::new();
    while let Some(list) = pages.next().await {
        for item in list?.iter() {
            all.push(&item);
        }
    }
    Ok(all.into())
}
