//! Walking pages that say little or nothing about how many follow:
//!
//! - plain arrays per `page`/`pageSize` (ZIA, ZTW, ZCC's and ZDX's
//!   configuration lists): a short page is the last;
//! - `records` per `offset`/`limit` with a `next_link` while more exist
//!   (ZIdentity);
//! - one array member plus `next_offset` (ZDX reporting lists): the next
//!   request passes the token as `offset`, and an absent or empty token ends;
//! - one array member plus `totalCount` per `page`/`pageSize` (ZCC's
//!   wrapped lists): a short page or reaching the total ends;
//! - one array member plus a `cursor` with `currentPageNumber` and
//!   `totalPages` (ZWA searches): the last page number ends.
//!
//! The official SDK never stops on some ZIA lists (its `has_next()` stays
//! true), so a walk here refuses a page size the server would silently
//! shrink (which would end it early; the largest is the product's
//! `paging.max_size` in the registry), and fails loudly if the server
//! answers two cursors with the same page. Which shape an operation has is
//! decided per operation by the generator, so one product may use several.

use super::Room;
use crate::Error;
use futures_util::stream::{self, FuturesOrdered, Stream, StreamExt};
use std::future::Future;

/// Where a page starts.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Cursor {
    /// A 1-based page number and the page size.
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
    /// ZDX: the server's opaque `next_offset` (none for the first page).
    #[cfg(zscaler_paging = "next_offset")]
    Token {
        /// The token of the page to fetch; `None` is the caller's start.
        token: Option<String>,
        /// Items per page.
        limit: i64,
    },
}

/// Parameters of a list operation that a walk can move.
pub trait CursorParams: Clone {
    /// The caller's start, with defaults filled in; checked by the walk.
    fn cursor(&self) -> Cursor;
    /// Point the parameters at `cursor`.
    fn set_cursor(&mut self, cursor: Cursor);
    /// The largest page size the product accepts (registry `paging.max_size`).
    fn max_size(&self) -> i64;
}

/// What a page says about the pages after it.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum More {
    /// Whether the answer carried a `next_link` (ZIdentity). Plain arrays
    /// say nothing and are built with `false`; their walk ends on a short page.
    Link(bool),
    /// ZDX: the `next_offset` token, if the answer carried one.
    #[cfg(zscaler_paging = "next_offset")]
    Token(Option<String>),
    /// ZCC: `totalCount`, the items of the whole list.
    #[cfg(zscaler_paging = "total_count")]
    Total(Option<i64>),
    /// ZWA: the page's `currentPageNumber` and the `totalPages` of the list.
    #[cfg(zscaler_paging = "page_cursor")]
    Pages {
        /// `cursor.currentPageNumber` (1-based).
        current: Option<i64>,
        /// `cursor.totalPages`.
        total: Option<i64>,
    },
}

/// What one fetched page tells the walk.
pub struct Step<R> {
    /// Items on the page.
    pub count: usize,
    /// What the page says about what follows.
    pub more: More,
    /// The first item in some canonical text form, to notice a server that
    /// ignores the cursor and sends one page forever.
    pub first: Option<String>,
    /// The page in whatever form the caller wants it.
    pub page: R,
}

/// Check the caller's start before anything is sent; `max` is the
/// product's largest page size.
pub fn check(cursor: Cursor, max: i64) -> Result<Cursor, Error> {
    let (name, size, start, min_start) = match &cursor {
        Cursor::Page { page, size } => ("pageSize", *size, *page, 1),
        Cursor::Offset { offset, limit } => ("limit", *limit, *offset, 0),
        #[cfg(zscaler_paging = "next_offset")]
        Cursor::Token { limit, .. } => ("limit", *limit, 0, 0),
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
fn advance<R>(cursor: &Cursor, step: &Step<R>) -> Option<Cursor> {
    let count = step.count as i64;
    match (cursor, &step.more) {
        // The server numbers its pages: the last one it names ends the walk
        // (an empty page too, which no later page could follow).
        #[cfg(zscaler_paging = "page_cursor")]
        (Cursor::Page { page, size }, More::Pages { current, total }) => {
            let current = current.unwrap_or(*page);
            (count > 0 && total.is_some_and(|t| current < t)).then_some(Cursor::Page {
                page: current + 1,
                size: *size,
            })
        }
        (Cursor::Page { page, size }, _more) => {
            // Items up to the end of this page, against the list's total.
            #[cfg(zscaler_paging = "total_count")]
            if let More::Total(Some(total)) = _more {
                if (page - 1) * size + count >= *total {
                    return None;
                }
            }
            // A short page is the last; a longer one means the server
            // ignored the size, so no later page could be addressed
            // reliably either.
            (count == *size).then_some(Cursor::Page {
                page: page + 1,
                size: *size,
            })
        }
        (Cursor::Offset { offset, limit }, more) => (count > 0 && *more == More::Link(true))
            .then_some(Cursor::Offset {
                offset: offset + count,
                limit: *limit,
            }),
        // An empty page with a token could repeat forever unnoticed (there
        // is no first item to compare), so it ends the walk too.
        #[cfg(zscaler_paging = "next_offset")]
        (Cursor::Token { limit, .. }, More::Token(Some(next))) if count > 0 && !next.is_empty() => {
            Some(Cursor::Token {
                token: Some(next.clone()),
                limit: *limit,
            })
        }
        #[cfg(zscaler_paging = "next_offset")]
        (Cursor::Token { .. }, _) => None,
    }
}

/// The last page a walk can see coming from a full page at `cursor`:
/// ZCC's `totalCount` and ZWA's `totalPages` say how long the list is, so
/// the pages after it can be requested before it is consumed. `None` where
/// a page says nothing of the rest, or where the server numbered the page
/// differently from the request (the walk then goes one page at a time).
fn last_page<R>(cursor: &Cursor, step: &Step<R>) -> Option<i64> {
    let Cursor::Page { page, size } = cursor else {
        return None;
    };
    // A short page is the last anyway; a longer one means the server
    // ignored the size, so later pages could not be addressed reliably.
    if step.count as i64 != *size {
        return None;
    }
    match &step.more {
        #[cfg(zscaler_paging = "total_count")]
        More::Total(Some(total)) => Some((total + size - 1) / size),
        #[cfg(zscaler_paging = "page_cursor")]
        More::Pages {
            current,
            total: Some(total),
        } if current.unwrap_or(*page) == *page => Some(*total),
        _ => {
            let _ = page;
            None
        }
    }
}

/// Pages known to exist, requested ahead of the one being consumed.
struct Ahead<Fut: Future> {
    /// The next page to request, the last one, and the page size.
    next: i64,
    last: i64,
    size: i64,
    /// The page whose answer `in_flight` yields next.
    due: i64,
    in_flight: FuturesOrdered<Fut>,
}

struct Walk<F, Fut: Future, B> {
    fetch: F,
    next: Option<Cursor>,
    previous_first: Option<String>,
    ahead: Option<Ahead<Fut>>,
    max: usize,
    room: B,
    /// The look-ahead was just requested and nothing has polled it since
    /// (see the ZPA walk's `fresh`).
    fresh: bool,
}

impl<F, Fut, R, B> Walk<F, Fut, B>
where
    F: FnMut(Cursor) -> Fut,
    Fut: Future<Output = Result<Step<R>, Error>>,
    B: Room,
{
    /// Once the total is known, request as many of the pages ahead as
    /// [`to_start`](super::to_start) allows now.
    fn fill(&mut self) {
        let Some(ahead) = self.ahead.as_mut() else {
            return;
        };
        let left = ahead.next <= ahead.last;
        let start = super::to_start(&self.room, ahead.in_flight.len(), self.max, left);
        for _ in 0..start {
            if ahead.next > ahead.last {
                break;
            }
            let (page, size) = (ahead.next, ahead.size);
            ahead
                .in_flight
                .push_back((self.fetch)(Cursor::Page { page, size }));
            ahead.next += 1;
        }
    }

    /// The next page and its cursor: the one after the last (one request at
    /// a time), or, once the total is known, the oldest of those requested
    /// ahead after topping them up to what the budget has free now.
    async fn step(&mut self) -> Option<(Cursor, Result<Step<R>, Error>)> {
        if self.ahead.is_none() {
            let cursor = self.next.take()?;
            let step = (self.fetch)(cursor.clone()).await;
            return Some((cursor, step));
        }
        if !std::mem::take(&mut self.fresh) {
            self.fill();
        }
        let ahead = self.ahead.as_mut()?;
        let step = ahead.in_flight.next().await?;
        let cursor = Cursor::Page {
            page: ahead.due,
            size: ahead.size,
        };
        ahead.due += 1;
        Some((cursor, step))
    }
}

/// Pages from the start cursor to the end, in order, one request at a time
/// (each cursor depends on the page before). An error is yielded and ends
/// the stream, so a failure never reads as the end of the list.
pub fn cursor_pages<P, R, F, Fut>(params: &P, fetch: F) -> impl Stream<Item = Result<R, Error>>
where
    P: CursorParams,
    F: FnMut(P) -> Fut,
    Fut: Future<Output = Result<Step<R>, Error>>,
{
    cursor_pages_within(params, 1, 1, fetch)
}

/// [`cursor_pages`], except that once a full page tells how many follow
/// (ZCC's `totalCount`, ZWA's `totalPages`), up to `max` of the later pages
/// are requested at once, as many as `room` has free now and then one at a
/// time as it frees up; they are still yielded in order, at most `max + 1`
/// held. Walks whose pages say nothing of the rest stay one at a time.
pub fn cursor_pages_within<P, R, F, Fut, B>(
    params: &P,
    max: usize,
    room: B,
    mut fetch: F,
) -> impl Stream<Item = Result<R, Error>>
where
    P: CursorParams,
    F: FnMut(P) -> Fut,
    Fut: Future<Output = Result<Step<R>, Error>>,
    B: Room,
{
    let params = params.clone();
    let start = check(params.cursor(), params.max_size());
    let walk = start.map(|c| Walk {
        fetch: move |cursor| {
            let mut p = params.clone();
            p.set_cursor(cursor);
            fetch(p)
        },
        next: Some(c),
        previous_first: None,
        ahead: None,
        max: max.max(1),
        room,
        fresh: false,
    });
    stream::unfold(Some(walk), |state| async move {
        let mut walk = match state? {
            Ok(walk) => walk,
            Err(e) => return Some((Err(e), None)),
        };
        let (cursor, step) = walk.step().await?;
        let step = match step {
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
                context: Default::default(),
            };
            return Some((Err(e), None));
        }
        if walk.ahead.is_none() {
            walk.next = advance(&cursor, &step);
            if let (Some(Cursor::Page { page, size }), true) = (&walk.next, walk.max > 1) {
                if let Some(last) = last_page(&cursor, &step) {
                    walk.ahead = Some(Ahead {
                        next: *page,
                        last,
                        size: *size,
                        due: *page,
                        in_flight: FuturesOrdered::new(),
                    });
                    walk.next = None;
                    // The look-ahead starts now, not once the caller has
                    // consumed this page.
                    walk.fill();
                    walk.fresh = true;
                }
            }
        }
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
    cursor_items_within(params, 1, 1, fetch)
}

/// Every item of every page, one at a time, with up to `prefetch` pages
/// requested ahead where the pages give their total ([`cursor_pages_within`]).
pub fn cursor_items_within<P, T, F, Fut, B>(
    params: &P,
    prefetch: usize,
    room: B,
    fetch: F,
) -> impl Stream<Item = Result<T, Error>>
where
    P: CursorParams,
    F: FnMut(P) -> Fut,
    Fut: Future<Output = Result<Step<Vec<T>>, Error>>,
    B: Room,
{
    cursor_pages_within(params, prefetch, room, fetch).flat_map(|page| match page {
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
    join(cursor_pages(params, fetch)).await
}

/// Collect every item of every page; where the pages give their total, as
/// many later pages at once as `room` has free ([`cursor_pages_within`],
/// at most [`super::COLLECT_MAX_IN_FLIGHT`] in flight).
pub async fn cursor_collect_within<P, T, F, Fut, B>(
    params: &P,
    room: B,
    fetch: F,
) -> Result<Vec<T>, Error>
where
    P: CursorParams,
    F: FnMut(P) -> Fut,
    Fut: Future<Output = Result<Step<Vec<T>>, Error>>,
    B: Room,
{
    join(cursor_pages_within(
        params,
        super::COLLECT_MAX_IN_FLIGHT,
        room,
        fetch,
    ))
    .await
}

/// The items of every page in order; the first failure fails it all.
async fn join<T>(pages: impl Stream<Item = Result<Vec<T>, Error>>) -> Result<Vec<T>, Error> {
    let mut pages = std::pin::pin!(pages);
    let mut items = Vec::new();
    while let Some(page) = pages.next().await {
        items.extend(page?);
    }
    Ok(items)
}

/// A typed step from a page of items, fingerprinting the first by its JSON;
/// `has_next` is ZIdentity's `next_link` (`false` for plain arrays).
pub fn step_of<T: serde::Serialize>(items: Vec<T>, has_next: bool) -> Step<Vec<T>> {
    step_with(items, More::Link(has_next))
}

/// A typed step from a page of items and what the page says follows.
pub fn step_with<T: serde::Serialize>(items: Vec<T>, more: More) -> Step<Vec<T>> {
    Step {
        count: items.len(),
        more,
        first: items.first().and_then(|i| serde_json::to_string(i).ok()),
        page: items,
    }
}

#[cfg(test)]
#[path = "sequential_tests.rs"]
mod tests;
