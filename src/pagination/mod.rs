//! Walking ZPA's numbered pages (ZIA and ZIdentity: [`sequential`]). The page size stays the same on every page
//! (the official SDK asks for 20 first and 500 after, and skips items), and
//! a failure on any page fails the walk instead of returning a short list.
//!
//! Owns the walks over pages that callers fetch; it may not send requests
//! itself, so every page goes through the one send path with its pacing.

use crate::Error;
use futures_util::stream::{self, FuturesOrdered, Stream, StreamExt};
use std::future::Future;

pub mod sequential;

/// ZPA's largest accepted page size, used when collecting everything.
pub const ZPA_MAX_PAGE_SIZE: i32 = 500;

/// A decoded ZPA page: `{totalPages: "3", totalCount: "45", list: [...]}`.
pub trait ZpaPage {
    /// The element type of `list`.
    type Item;
    /// `totalPages`, which ZPA sends as a string (userconfig as a number).
    fn total_pages(&self) -> Option<String>;
    /// The items of this page.
    fn into_items(self) -> Vec<Self::Item>;
}

/// Parameters of a paged ZPA list operation.
pub trait PageParams: Clone {
    /// The requested start page.
    fn page(&self) -> Option<i32>;
    /// The requested page size.
    fn page_size(&self) -> Option<i32>;
    /// Point the parameters at another page.
    fn set_page(&mut self, page: i32, size: i32);
}

/// Parse `totalPages`. Absent means the server did not paginate: one page.
pub fn parse_total_pages(value: Option<&str>) -> Result<i32, Error> {
    match value {
        None => Ok(1),
        Some(s) => s
            .trim()
            .parse::<i32>()
            .ok()
            .filter(|n| *n >= 0)
            .ok_or_else(|| Error::Decode {
                status: 200,
                message: format!(
                    "totalPages is not a page count: {:?}",
                    crate::error::snippet(s)
                ),
                request_id: None,
                context: Default::default(),
            }),
    }
}

/// Validated start page and page size of a walk.
fn bounds<P: PageParams>(params: &P) -> Result<(i32, i32), Error> {
    let size = params.page_size().unwrap_or(ZPA_MAX_PAGE_SIZE);
    if !(1..=ZPA_MAX_PAGE_SIZE).contains(&size) {
        return Err(Error::invalid(format!(
            "pagesize must be 1..={ZPA_MAX_PAGE_SIZE}, got {size}"
        )));
    }
    let page = params.page().unwrap_or(1);
    if page < 1 {
        return Err(Error::invalid(format!(
            "page must be 1 or more, got {page}"
        )));
    }
    Ok((page, size))
}

/// One fetched page: its `totalPages`, how many items it held, and the
/// page itself in whatever form the caller wants it.
pub type Fetched<R> = (Option<String>, usize, R);

struct Walk<P, F, Fut: Future, B> {
    params: P,
    fetch: F,
    size: i32,
    next: i32,
    last: Option<i32>,
    in_flight: FuturesOrdered<Fut>,
    max: usize,
    room: B,
    failed: bool,
    /// The look-ahead was just requested and nothing has polled it since,
    /// so the budget does not show its slots as taken yet (a request
    /// takes its slot when first polled): filling again now would ask
    /// for the same room twice.
    fresh: bool,
}

impl<P, F, Fut, R, B> Walk<P, F, Fut, B>
where
    P: PageParams,
    F: FnMut(P) -> Fut,
    Fut: Future<Output = Result<Fetched<R>, Error>>,
    B: Room,
{
    /// Request as many of the pages up to `last` as [`to_start`] allows now.
    fn fill(&mut self, last: i32) {
        let start = to_start(
            &self.room,
            self.in_flight.len(),
            self.max,
            self.next <= last,
        );
        for _ in 0..start {
            if self.next > last {
                break;
            }
            let mut p = self.params.clone();
            p.set_page(self.next, self.size);
            self.in_flight.push_back((self.fetch)(p));
            self.next += 1;
        }
    }
}

/// How many requests a walk may start now without waiting: the pacer's
/// free slots for its page GETs (see [`crate::Client::page_budget`]), or a
/// fixed number where nothing is paced.
pub trait Room {
    /// Requests that may start now.
    fn room(&self) -> usize;
}

/// How many more requests a walk with `in_flight` of at most `max` under
/// way starts now: what `room` has free (read once per fill: the requests
/// pushed reserve their slots only when first polled), and at least one
/// when none is under way, so the walk always advances. None once nothing
/// is `left` to ask for.
pub(crate) fn to_start(room: &impl Room, in_flight: usize, max: usize, left: bool) -> usize {
    let free = if left && in_flight < max {
        room.room()
    } else {
        0
    };
    let start = free.min(max - in_flight);
    if in_flight == 0 {
        start.max(1)
    } else {
        start
    }
}

/// A fixed room: always this many.
impl Room for usize {
    fn room(&self) -> usize {
        *self
    }
}

/// Pages from the requested start page to the last, in order, as a stream.
/// The first page says how many there are. After it, the walk asks for as
/// many of the rest at once as `room` has free now, never more than `max`
/// in flight (so at most `max + 1` pages are resident), and one at a time
/// once the budget is spent: a walk takes the free budget, then waits its
/// turn like any other call. Each page size is the same. An error is
/// yielded and ends the stream: a caller never mistakes a failure for the
/// end of the list.
pub fn zpa_pages<P, R, F, Fut, B>(
    params: &P,
    max: usize,
    room: B,
    fetch: F,
) -> impl Stream<Item = Result<R, Error>>
where
    P: PageParams,
    F: FnMut(P) -> Fut,
    Fut: Future<Output = Result<Fetched<R>, Error>>,
    B: Room,
{
    let start = bounds(params);
    let state = start.map(|(page, size)| Walk {
        params: params.clone(),
        fetch,
        size,
        next: page,
        last: None,
        in_flight: FuturesOrdered::new(),
        max: max.max(1),
        room,
        failed: false,
        fresh: false,
    });
    stream::unfold(Some(state), |state| async move {
        let mut walk = match state? {
            Ok(walk) => walk,
            Err(e) => return Some((Err(e), None)),
        };
        if walk.failed {
            return None;
        }
        let last = match walk.last {
            Some(last) => last,
            None => {
                // The first page decides how many follow.
                let mut p = walk.params.clone();
                p.set_page(walk.next, walk.size);
                let first = (walk.fetch)(p).await.and_then(|(total, count, r)| {
                    let total = parse_total_pages(total.as_deref())?;
                    // An empty first page ends the walk even if totalPages
                    // disagrees: nothing could follow it.
                    Ok((
                        if count == 0 {
                            walk.next
                        } else {
                            total.max(walk.next)
                        },
                        r,
                    ))
                });
                return match first {
                    Ok((last, r)) => {
                        walk.last = Some(last);
                        walk.next += 1;
                        // The look-ahead starts now, not once the caller
                        // has consumed the first page.
                        walk.fill(last);
                        walk.fresh = true;
                        Some((Ok(r), Some(Ok(walk))))
                    }
                    Err(e) => Some((Err(e), None)),
                };
            }
        };
        if !std::mem::take(&mut walk.fresh) {
            walk.fill(last);
        }
        match walk.in_flight.next().await? {
            Ok((_, _, r)) => Some((Ok(r), Some(Ok(walk)))),
            Err(e) => Some((Err(e), None)),
        }
    })
}

/// The most pages a collect-all has in flight at once after the first:
/// what the pacer has free decides, this only bounds memory and sockets
/// where nothing is paced. ZPA's whole GET budget is 20 per 10 s.
pub const COLLECT_MAX_IN_FLIGHT: usize = 20;

/// Pages an iterator requests ahead of the one being consumed, unless a
/// call says otherwise (`prefetch`). Measured in BENCHMARKS.md (P1-L, P4).
pub const DEFAULT_PREFETCH: usize = 4;

/// The items of each page of a typed ZPA list operation.
fn typed_pages<P, T, F, Fut, B>(
    params: &P,
    max: usize,
    room: B,
    mut fetch: F,
) -> impl Stream<Item = Result<Vec<T::Item>, Error>>
where
    P: PageParams,
    T: ZpaPage,
    F: FnMut(P) -> Fut,
    Fut: Future<Output = Result<T, Error>>,
    B: Room,
{
    zpa_pages(params, max, room, move |p| {
        let fut = fetch(p);
        async move {
            let page = fut.await?;
            let total = page.total_pages();
            let list = page.into_items();
            Ok((total, list.len(), list))
        }
    })
}

/// Every item of a paged ZPA list, one at a time, with up to `prefetch`
/// pages requested ahead of the one being consumed (at most
/// `prefetch + 1` resident), within `room`.
pub fn zpa_items<P, T, F, Fut, B>(
    params: &P,
    prefetch: usize,
    room: B,
    fetch: F,
) -> impl Stream<Item = Result<T::Item, Error>>
where
    P: PageParams,
    T: ZpaPage,
    F: FnMut(P) -> Fut,
    Fut: Future<Output = Result<T, Error>>,
    B: Room,
{
    typed_pages(params, prefetch, room, fetch).flat_map(|page| match page {
        Ok(items) => stream::iter(items.into_iter().map(Ok)).left_stream(),
        Err(e) => stream::iter(std::iter::once(Err(e))).right_stream(),
    })
}

/// Collect every item of a paged ZPA list operation: after the first page,
/// as many of the rest at once as `room` has free (at most
/// [`COLLECT_MAX_IN_FLIGHT`]), in page order.
pub async fn zpa_collect<P, T, F, Fut, B>(
    params: &P,
    room: B,
    fetch: F,
) -> Result<Vec<T::Item>, Error>
where
    P: PageParams,
    T: ZpaPage,
    F: FnMut(P) -> Fut,
    Fut: Future<Output = Result<T, Error>>,
    B: Room,
{
    let pages = typed_pages(params, COLLECT_MAX_IN_FLIGHT, room, fetch);
    let mut pages = std::pin::pin!(pages);
    let mut items = Vec::new();
    while let Some(list) = pages.next().await {
        items.extend(list?);
    }
    Ok(items)
}

#[cfg(test)]
mod tests;
