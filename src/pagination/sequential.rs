//! Walking ZIA's and ZIdentity's pages, which say nothing about how many
//! follow: ZIA answers a plain array per `page`/`pageSize`, ZIdentity a
//! `records` array per `offset`/`limit` with a `next_link` while more exist.
//!
//! The official SDK never stops on some ZIA lists (its `has_next()` stays
//! true), so a walk here ends on a short or empty page, refuses a page size
//! the server would silently shrink (which would end it early), and fails
//! loudly if the server answers two cursors with the same page.

use crate::Error;
use futures_util::stream::{self, Stream, StreamExt};
use std::future::Future;

/// ZIA's documented largest `pageSize`, also the default when walking.
pub const ZIA_MAX_PAGE_SIZE: i64 = 1000;
/// ZIdentity's documented largest `limit`, also the default when walking.
pub const ZIDENTITY_MAX_LIMIT: i64 = 1000;

/// Where a page starts.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Cursor {
    /// ZIA: a 1-based page number and the page size.
    Page {
        /// 1-based page number.
        page: i64,
        /// Items per page.
        size: i64,
    },
    /// ZIdentity: how many records to skip, and how many to return.
    Offset {
        /// Records skipped.
        offset: i64,
        /// Records per page.
        limit: i64,
    },
}

/// Parameters of a ZIA or ZIdentity list operation that a walk can move.
pub trait CursorParams: Clone {
    /// The caller's start, with defaults filled in; checked by the walk.
    fn cursor(&self) -> Cursor;
    /// Point the parameters at `cursor`.
    fn set_cursor(&mut self, cursor: Cursor);
}

/// What one fetched page tells the walk.
pub struct Step<R> {
    /// Items on the page.
    pub count: usize,
    /// ZIdentity: whether the answer carried a `next_link` (ZIA: ignored).
    pub has_next: bool,
    /// The first item in some canonical text form, to notice a server that
    /// ignores the cursor and sends one page forever.
    pub first: Option<String>,
    /// The page in whatever form the caller wants it.
    pub page: R,
}

/// Check the caller's start before anything is sent.
pub fn check(cursor: Cursor) -> Result<Cursor, Error> {
    let (name, size, max, start, min_start) = match cursor {
        Cursor::Page { page, size } => ("pageSize", size, ZIA_MAX_PAGE_SIZE, page, 1),
        Cursor::Offset { offset, limit } => ("limit", limit, ZIDENTITY_MAX_LIMIT, offset, 0),
    };
    if !(1..=max).contains(&size) {
        return Err(Error::invalid(format!(
            "{name} must be 1..={max} to walk every page, got {size}"
        )));
    }
    if start < min_start {
        return Err(Error::invalid(format!(
            "the walk cannot start before {min_start}, got {start}"
        )));
    }
    Ok(cursor)
}

/// The cursor after a page of `step.count` items, or `None` at the end.
fn advance<R>(cursor: Cursor, step: &Step<R>) -> Option<Cursor> {
    let count = step.count as i64;
    match cursor {
        // A short page is the last; a longer one means the server ignored
        // the size, so no later page could be addressed reliably either.
        Cursor::Page { page, size } => (count == size).then_some(Cursor::Page {
            page: page + 1,
            size,
        }),
        Cursor::Offset { offset, limit } => {
            (count > 0 && step.has_next).then_some(Cursor::Offset {
                offset: offset + count,
                limit,
            })
        }
    }
}

struct Walk<F> {
    fetch: F,
    next: Option<Cursor>,
    previous_first: Option<String>,
}

/// Pages from the start cursor to the end, in order, one request at a time
/// (each cursor depends on the page before). An error is yielded and ends
/// the stream, so a failure never reads as the end of the list.
pub fn cursor_pages<P, R, F, Fut>(params: &P, mut fetch: F) -> impl Stream<Item = Result<R, Error>>
where
    P: CursorParams,
    F: FnMut(P) -> Fut,
    Fut: Future<Output = Result<Step<R>, Error>>,
{
    let params = params.clone();
    let start = check(params.cursor());
    let walk = start.map(|c| Walk {
        fetch: move |cursor| {
            let mut p = params.clone();
            p.set_cursor(cursor);
            fetch(p)
        },
        next: Some(c),
        previous_first: None,
    });
    stream::unfold(Some(walk), |state| async move {
        let mut walk = match state? {
            Ok(walk) => walk,
            Err(e) => return Some((Err(e), None)),
        };
        let cursor = walk.next?;
        let step = match (walk.fetch)(cursor).await {
            Ok(step) => step,
            Err(e) => return Some((Err(e), None)),
        };
        if step.first.is_some() && step.first == walk.previous_first {
            let e = Error::Decode {
                status: 200,
                message: format!(
                    "the server answered {cursor:?} with the page before it again; \
                     stopping instead of looping"
                ),
                request_id: None,
            };
            return Some((Err(e), None));
        }
        walk.next = advance(cursor, &step);
        walk.previous_first = step.first;
        Some((Ok(step.page), Some(Ok(walk))))
    })
}

/// Every item of every page, one at a time.
pub fn cursor_items<P, T, F, Fut>(params: &P, fetch: F) -> impl Stream<Item = Result<T, Error>>
where
    P: CursorParams,
    F: FnMut(P) -> Fut,
    Fut: Future<Output = Result<Step<Vec<T>>, Error>>,
{
    cursor_pages(params, fetch).flat_map(|page| match page {
        Ok(items) => stream::iter(items.into_iter().map(Ok)).left_stream(),
        Err(e) => stream::iter(std::iter::once(Err(e))).right_stream(),
    })
}

/// Collect every item of every page.
pub async fn cursor_collect<P, T, F, Fut>(params: &P, fetch: F) -> Result<Vec<T>, Error>
where
    P: CursorParams,
    F: FnMut(P) -> Fut,
    Fut: Future<Output = Result<Step<Vec<T>>, Error>>,
{
    let pages = cursor_pages(params, fetch);
    let mut pages = std::pin::pin!(pages);
    let mut items = Vec::new();
    while let Some(page) = pages.next().await {
        items.extend(page?);
    }
    Ok(items)
}

/// A typed step from a page of items, fingerprinting the first by its JSON.
pub fn step_of<T: serde::Serialize>(items: Vec<T>, has_next: bool) -> Step<Vec<T>> {
    Step {
        count: items.len(),
        has_next,
        first: items.first().and_then(|i| serde_json::to_string(i).ok()),
        page: items,
    }
}

#[cfg(test)]
#[path = "sequential_tests.rs"]
mod tests;
