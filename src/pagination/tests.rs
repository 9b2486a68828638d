//! Tests of the numbered-page walk and its fan-out.

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
    futures_util::FutureExt::now_or_never(zpa_collect(&p, 3, |p| std::future::ready(f(p)))).unwrap()
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
