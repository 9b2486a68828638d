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
mod tests {
    use super::*;

    #[derive(Clone, Default)]
    struct P(Option<i32>, Option<i32>);
    impl PageParams for P {
        fn page(&self) -> Option<i32> {
            self.0
        }
        fn page_size(&self) -> Option<i32> {
            self.1
        }
        fn set_page(&mut self, page: i32, size: i32) {
            *self = P(Some(page), Some(size));
        }
    }
    struct Page(Option<String>, Vec<i32>);
    impl ZpaPage for Page {
        type Item = i32;
        fn total_pages(&self) -> Option<String> {
            self.0.clone()
        }
        fn into_items(self) -> Vec<i32> {
            self.1
        }
    }

    /// A fake server with `n` items: pages are 1-based, totals are strings.
    fn serve(n: i32, p: &P) -> Result<Page, Error> {
        let (page, size) = (p.0.unwrap(), p.1.unwrap());
        let pages = (n + size - 1) / size;
        let items = ((page - 1) * size..(page * size).min(n)).collect();
        Ok(Page(Some(pages.to_string()), items))
    }

    fn run<F: FnMut(P) -> Result<Page, Error>>(p: P, mut f: F) -> Result<Vec<i32>, Error> {
        futures_util::FutureExt::now_or_never(zpa_collect(&p, 3, |p| std::future::ready(f(p))))
            .unwrap()
    }

    #[test]
    fn every_item_exactly_once_at_any_size() {
        for (n, size) in [(45, 20), (45, 500), (40, 20), (1, 1), (0, 20), (1001, 500)] {
            let got = run(P(None, Some(size)), |p| serve(n, &p)).unwrap();
            assert_eq!(got, (0..n).collect::<Vec<_>>(), "n={n} size={size}");
        }
    }

    #[test]
    fn start_page_is_honoured_without_duplicates() {
        let got = run(P(Some(2), Some(20)), |p| serve(45, &p)).unwrap();
        assert_eq!(got, (20..45).collect::<Vec<_>>());
    }

    #[test]
    fn size_stays_fixed_across_pages() {
        let mut sizes = vec![];
        run(P(None, None), |p| {
            sizes.push(p.1.unwrap());
            serve(1200, &p)
        })
        .unwrap();
        assert_eq!(sizes, vec![500, 500, 500]);
    }

    #[test]
    fn items_stream_fetches_lazily_in_order() {
        let calls = std::cell::Cell::new(0);
        let items = zpa_items(&P(None, Some(10)), 1, usize::MAX, |p: P| {
            calls.set(calls.get() + 1);
            std::future::ready(serve(45, &p))
        });
        let first: Vec<i32> =
            futures_util::FutureExt::now_or_never(items.take(15).map(|r| r.unwrap()).collect())
                .unwrap();
        assert_eq!(first, (0..15).collect::<Vec<_>>());
        assert_eq!(calls.get(), 2, "only the pages needed so far were fetched");
    }

    /// A page that answers on its second poll, so several can be in flight.
    struct Slow(Option<Result<Page, Error>>, bool);
    impl Future for Slow {
        type Output = Result<Page, Error>;
        fn poll(
            mut self: std::pin::Pin<&mut Self>,
            cx: &mut std::task::Context<'_>,
        ) -> std::task::Poll<Self::Output> {
            if !self.1 {
                self.1 = true;
                cx.waker().wake_by_ref();
                return std::task::Poll::Pending;
            }
            std::task::Poll::Ready(self.0.take().unwrap())
        }
    }

    /// A budget that each request spends when it starts, as the pacer's.
    struct Budget<'a>(&'a std::cell::Cell<usize>);
    impl Room for Budget<'_> {
        fn room(&self) -> usize {
            self.0.get()
        }
    }

    #[test]
    fn a_walk_takes_the_free_budget_at_once_then_one_page_at_a_time() {
        let budget = std::cell::Cell::new(6);
        let (started, done, peak) = (
            std::cell::Cell::new(0),
            std::rc::Rc::new(std::cell::Cell::new(0)),
            std::cell::Cell::new(0),
        );
        let pages = typed_pages(&P(None, Some(5)), 20, Budget(&budget), |p: P| {
            budget.set(budget.get().saturating_sub(1));
            started.set(started.get() + 1);
            peak.set(peak.get().max(started.get() - done.get()));
            let done = done.clone();
            let page = serve(45, &p);
            async move {
                let page = Slow(Some(page), false).await;
                done.set(done.get() + 1);
                page
            }
        });
        let got: Vec<Vec<i32>> = futures_executor_free(pages.map(|r| r.unwrap()).collect());
        assert_eq!(got.concat(), (0..45).collect::<Vec<_>>(), "in page order");
        assert_eq!(started.get(), 9);
        // The first page, then the 5 the budget had free at once; after
        // that one at a time.
        assert_eq!(peak.get(), 5);
    }

    #[test]
    fn the_look_ahead_is_requested_before_the_first_page_is_handed_out() {
        // Requests started when each page was handed out: with a room of
        // 3, pages 2-4 were asked for before the caller saw page 1, so
        // they arrive while it works on page 1; then one more per page,
        // never more than 3 in flight.
        let started = std::cell::Cell::new(0);
        let pages = typed_pages(&P(None, Some(5)), 3, 3usize, |p: P| {
            started.set(started.get() + 1);
            std::future::ready(serve(45, &p))
        });
        let mut pages = std::pin::pin!(pages);
        let mut at_hand_out = Vec::new();
        while let Some(page) = futures_executor_free(pages.next()) {
            page.unwrap();
            at_hand_out.push(started.get());
        }
        assert_eq!(at_hand_out, [4, 4, 5, 6, 7, 8, 9, 9, 9]);
    }

    #[test]
    fn the_early_look_ahead_asks_for_the_free_room_once() {
        // As with the pacer, a request takes its slot when first polled,
        // not when made. Page 1 leaves 3 slots free: pages 2-4 are asked
        // for before page 1 is handed out, and handing it out must not
        // ask for 3 more on a budget that has not yet seen them start.
        let budget = std::rc::Rc::new(std::cell::Cell::new(4));
        let made = std::cell::Cell::new(0);
        let pages = typed_pages(&P(None, Some(5)), 20, Budget(&budget), |p: P| {
            made.set(made.get() + 1);
            let budget = budget.clone();
            let page = serve(45, &p);
            async move {
                budget.set(budget.get().saturating_sub(1));
                Slow(Some(page), false).await
            }
        });
        let mut pages = std::pin::pin!(pages);
        let mut at_hand_out = Vec::new();
        while let Some(page) = futures_executor_free(pages.next()) {
            page.unwrap();
            at_hand_out.push(made.get());
        }
        // Page 1, then the 3 free; after that one at a time as the empty
        // budget lets the walk advance.
        assert_eq!(at_hand_out[..2], [4, 4]);
        assert!(
            at_hand_out.windows(2).all(|w| w[1] - w[0] <= 1),
            "{at_hand_out:?}"
        );
        assert_eq!(made.get(), 9);
    }

    /// Drive a future whose pending parts wake themselves.
    fn futures_executor_free<F: Future>(fut: F) -> F::Output {
        let waker = futures_util::task::noop_waker();
        let mut cx = std::task::Context::from_waker(&waker);
        let mut fut = std::pin::pin!(fut);
        loop {
            if let std::task::Poll::Ready(v) = fut.as_mut().poll(&mut cx) {
                return v;
            }
        }
    }

    #[test]
    fn an_error_mid_way_is_raised_not_truncated() {
        let err = run(P(None, Some(10)), |p| {
            if p.0 == Some(3) {
                Err(Error::Transport {
                    message: "reset".into(),
                    context: Default::default(),
                })
            } else {
                serve(45, &p)
            }
        })
        .unwrap_err();
        assert_eq!(err.code(), "TRANSPORT");
    }

    #[test]
    fn bad_totals_and_sizes_are_typed_errors() {
        let err = run(P(None, Some(10)), |_| {
            Ok(Page(Some("many".into()), vec![1]))
        })
        .unwrap_err();
        assert_eq!(err.code(), "DECODE");
        assert_eq!(
            run(P(None, Some(501)), |p| serve(5, &p))
                .unwrap_err()
                .code(),
            "INVALID_ARGUMENT"
        );
        assert_eq!(
            run(P(Some(0), None), |p| serve(5, &p)).unwrap_err().code(),
            "INVALID_ARGUMENT"
        );
    }
}
