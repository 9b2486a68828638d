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

struct Walk<P, F, Fut: Future> {
    params: P,
    fetch: F,
    size: i32,
    next: i32,
    last: Option<i32>,
    in_flight: FuturesOrdered<Fut>,
    concurrency: usize,
    failed: bool,
}

/// Pages from the requested start page to the last, in order, as a stream.
/// The first page says how many there are; after it, up to `concurrency`
/// pages are fetched at once, so at most `concurrency + 1` are resident.
/// Each page size is the same. An error is yielded and ends the stream: a
/// caller never mistakes a failure for the end of the list.
pub fn zpa_pages<P, R, F, Fut>(
    params: &P,
    concurrency: usize,
    fetch: F,
) -> impl Stream<Item = Result<R, Error>>
where
    P: PageParams,
    F: FnMut(P) -> Fut,
    Fut: Future<Output = Result<Fetched<R>, Error>>,
{
    let start = bounds(params);
    let state = start.map(|(page, size)| Walk {
        params: params.clone(),
        fetch,
        size,
        next: page,
        last: None,
        in_flight: FuturesOrdered::new(),
        concurrency: concurrency.max(1),
        failed: false,
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
                        Some((Ok(r), Some(Ok(walk))))
                    }
                    Err(e) => Some((Err(e), None)),
                };
            }
        };
        while walk.in_flight.len() < walk.concurrency && walk.next <= last {
            let mut p = walk.params.clone();
            p.set_page(walk.next, walk.size);
            walk.in_flight.push_back((walk.fetch)(p));
            walk.next += 1;
        }
        match walk.in_flight.next().await? {
            Ok((_, _, r)) => Some((Ok(r), Some(Ok(walk)))),
            Err(e) => Some((Err(e), None)),
        }
    })
}

/// How many pages a collect-all fetches at once after the first, within
/// the pacing limits (ZPA allows 20 GETs per 10 s).
pub const COLLECT_CONCURRENCY: usize = 4;

/// The items of each page of a typed ZPA list operation.
fn typed_pages<P, T, F, Fut>(
    params: &P,
    concurrency: usize,
    mut fetch: F,
) -> impl Stream<Item = Result<Vec<T::Item>, Error>>
where
    P: PageParams,
    T: ZpaPage,
    F: FnMut(P) -> Fut,
    Fut: Future<Output = Result<T, Error>>,
{
    zpa_pages(params, concurrency, move |p| {
        let fut = fetch(p);
        async move {
            let page = fut.await?;
            let total = page.total_pages();
            let list = page.into_items();
            Ok((total, list.len(), list))
        }
    })
}

/// Every item of a paged ZPA list, one at a time, fetching the next page
/// only when the current one is used up (at most two pages resident).
pub fn zpa_items<P, T, F, Fut>(params: &P, fetch: F) -> impl Stream<Item = Result<T::Item, Error>>
where
    P: PageParams,
    T: ZpaPage,
    F: FnMut(P) -> Fut,
    Fut: Future<Output = Result<T, Error>>,
{
    typed_pages(params, 1, fetch).flat_map(|page| match page {
        Ok(items) => stream::iter(items.into_iter().map(Ok)).left_stream(),
        Err(e) => stream::iter(std::iter::once(Err(e))).right_stream(),
    })
}

/// Collect every item of a paged ZPA list operation, fetching up to
/// `concurrency` pages at once after the first.
pub async fn zpa_collect<P, T, F, Fut>(
    params: &P,
    concurrency: usize,
    fetch: F,
) -> Result<Vec<T::Item>, Error>
where
    P: PageParams,
    T: ZpaPage,
    F: FnMut(P) -> Fut,
    Fut: Future<Output = Result<T, Error>>,
{
    let pages = typed_pages(params, concurrency, fetch);
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
        let items = zpa_items(&P(None, Some(10)), |p: P| {
            calls.set(calls.get() + 1);
            std::future::ready(serve(45, &p))
        });
        let first: Vec<i32> =
            futures_util::FutureExt::now_or_never(items.take(15).map(|r| r.unwrap()).collect())
                .unwrap();
        assert_eq!(first, (0..15).collect::<Vec<_>>());
        assert_eq!(calls.get(), 2, "only the pages needed so far were fetched");
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
