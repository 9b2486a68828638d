//! The official SDKs' ZIA/ZIdentity paging bugs, replayed against fake
//! servers: each must come out right here.

use super::*;

/// The fake servers answer at once, so every walk completes on first poll.
fn block_on<F: Future>(f: F) -> F::Output {
    futures_util::FutureExt::now_or_never(f).expect("fake servers are always ready")
}

#[derive(Clone)]
struct P(Cursor);
impl CursorParams for P {
    fn cursor(&self) -> Cursor {
        self.0.clone()
    }
    fn set_cursor(&mut self, c: Cursor) {
        self.0 = c;
    }
    fn max_size(&self) -> i64 {
        1000
    }
}

fn zia(page: i64, size: i64) -> P {
    P(Cursor::Page { page, size })
}

/// A ZIA list of `n` items that honours page and size.
fn zia_server(n: i64) -> impl FnMut(P) -> std::future::Ready<Result<Step<Vec<i64>>, Error>> {
    move |p| {
        let Cursor::Page { page, size } = p.0 else {
            panic!("ZIA walks by page")
        };
        let items: Vec<i64> = ((page - 1) * size..(page * size).min(n)).collect();
        std::future::ready(Ok(step_of(items, false)))
    }
}

/// A ZIdentity list of `n` records with `next_link` while more remain.
fn zid_server(n: i64) -> impl FnMut(P) -> std::future::Ready<Result<Step<Vec<i64>>, Error>> {
    move |p| {
        let Cursor::Offset { offset, limit } = p.0 else {
            panic!("ZIdentity walks by offset")
        };
        let items: Vec<i64> = (offset..(offset + limit).min(n)).collect();
        let more = offset + limit < n;
        std::future::ready(Ok(step_of(items, more)))
    }
}

#[test]
fn zia_every_item_exactly_once_including_exact_multiples() {
    // Exact multiples of the size are where N-1 and endless-walk bugs live.
    for n in [0, 1, 99, 100, 101, 200, 1000, 1001] {
        let all = block_on(cursor_collect(&zia(1, 100), zia_server(n))).unwrap();
        assert_eq!(all, (0..n).collect::<Vec<_>>(), "n = {n}");
    }
}

#[test]
fn zia_walk_ends_when_the_server_ignores_the_page_number() {
    // A list that answers every page with the same full page (the SDK's
    // has_next() never turns false) must fail, not loop or duplicate.
    let mut calls = 0;
    let same = |_p: P| {
        calls += 1;
        std::future::ready(Ok(step_of((0..100).collect::<Vec<i64>>(), false)))
    };
    let err = block_on(cursor_collect(&zia(1, 100), same)).unwrap_err();
    assert_eq!(err.code(), "DECODE");
    assert_eq!(calls, 2);
}

#[test]
fn zia_walk_stops_when_the_server_ignores_the_size() {
    // 250 items in one answer to a request for 100: nothing can follow.
    let mut calls = 0;
    let everything = |_p: P| {
        calls += 1;
        std::future::ready(Ok(step_of((0..250).collect::<Vec<i64>>(), false)))
    };
    let all = block_on(cursor_collect(&zia(1, 100), everything)).unwrap();
    assert_eq!((all.len(), calls), (250, 1));
}

#[test]
fn zia_start_page_is_honoured_without_duplicates() {
    let all = block_on(cursor_collect(&zia(3, 10), zia_server(45))).unwrap();
    assert_eq!(all, (20..45).collect::<Vec<_>>());
}

#[test]
fn sizes_the_server_would_shrink_are_refused_before_sending() {
    let calls = std::cell::Cell::new(0);
    let never = |_p: P| {
        calls.set(calls.get() + 1);
        std::future::ready(Ok(step_of(Vec::<i64>::new(), false)))
    };
    for bad in [
        zia(1, 5000),
        zia(1, 0),
        zia(0, 100),
        P(Cursor::Offset {
            offset: 0,
            limit: 1001,
        }),
    ] {
        let err = block_on(cursor_collect(&bad, &never)).unwrap_err();
        assert_eq!(err.code(), "INVALID_ARGUMENT");
    }
    assert_eq!(calls.get(), 0);
}

#[test]
fn an_error_mid_way_is_raised_not_a_short_list() {
    let mut inner = zia_server(500);
    let flaky = move |p: P| {
        if p.0 == (Cursor::Page { page: 3, size: 100 }) {
            return std::future::ready(Err(Error::Transport {
                message: "connection reset".into(),
                context: Default::default(),
            }));
        }
        inner(p)
    };
    let err = block_on(cursor_collect(&zia(1, 100), flaky)).unwrap_err();
    assert_eq!(err.code(), "TRANSPORT");
}

#[test]
fn zidentity_follows_next_link_to_the_end() {
    for n in [0, 1, 99, 100, 101, 250] {
        let start = P(Cursor::Offset {
            offset: 0,
            limit: 100,
        });
        let all = block_on(cursor_collect(&start, zid_server(n))).unwrap();
        assert_eq!(all, (0..n).collect::<Vec<_>>(), "n = {n}");
    }
    let from = P(Cursor::Offset {
        offset: 30,
        limit: 25,
    });
    let all = block_on(cursor_collect(&from, zid_server(80))).unwrap();
    assert_eq!(all, (30..80).collect::<Vec<_>>());
}

#[test]
fn items_stream_fetches_the_next_page_only_when_needed() {
    let mut calls = 0;
    let mut inner = zia_server(1000);
    let counting = |p: P| {
        calls += 1;
        inner(p)
    };
    let first: Vec<_> = block_on(
        cursor_items(&zia(1, 100), counting)
            .take(150)
            .collect::<Vec<_>>(),
    );
    assert_eq!(first.len(), 150);
    assert_eq!(calls, 2);
}

/// A ZDX reporting list of `n` items: the token is the next index as text,
/// and the last page carries an empty one (`null` and absent end it too).
#[cfg(zscaler_paging = "next_offset")]
#[test]
fn zdx_follows_next_offset_until_it_is_empty() {
    let server = |n: i64, last: Option<String>| {
        move |p: P| {
            let Cursor::Token { token, limit } = p.0 else {
                panic!("ZDX walks by token")
            };
            let at: i64 = token.as_deref().map_or(0, |t| t.parse().unwrap());
            let items: Vec<i64> = (at..(at + limit).min(n)).collect();
            let next = if at + limit < n {
                Some((at + limit).to_string())
            } else {
                last.clone()
            };
            std::future::ready(Ok(step_with(items, More::Token(next))))
        }
    };
    let start = || {
        P(Cursor::Token {
            token: None,
            limit: 10,
        })
    };
    for n in [0, 1, 10, 11, 35] {
        for last in [None, Some(String::new())] {
            let all = block_on(cursor_collect(&start(), server(n, last))).unwrap();
            assert_eq!(all, (0..n).collect::<Vec<_>>(), "n = {n}");
        }
    }
}

/// A ZCC wrapped list: `totalCount` ends a walk whose last page is full.
#[cfg(zscaler_paging = "total_count")]
#[test]
fn zcc_stops_at_total_count_without_an_empty_request() {
    let mut calls = 0;
    let server = |p: P| {
        calls += 1;
        let Cursor::Page { page, size } = p.0 else {
            panic!("ZCC walks by page")
        };
        let items: Vec<i64> = ((page - 1) * size..(page * size).min(30)).collect();
        std::future::ready(Ok(step_with(items, More::Total(Some(30)))))
    };
    let all = block_on(cursor_collect(&zia(1, 10), server)).unwrap();
    assert_eq!((all, calls), ((0..30).collect::<Vec<_>>(), 3));
}

/// A ZWA search: the cursor's page numbers end the walk.
#[cfg(zscaler_paging = "page_cursor")]
#[test]
fn zwa_walks_until_the_current_page_is_the_last() {
    for n in [0i64, 1, 10, 25] {
        let server = move |p: P| {
            let Cursor::Page { page, size } = p.0 else {
                panic!("ZWA walks by page")
            };
            let items: Vec<i64> = ((page - 1) * size..(page * size).min(n)).collect();
            let total = (n + size - 1) / size;
            let more = More::Pages {
                current: Some(page),
                total: Some(total),
            };
            std::future::ready(Ok(step_with(items, more)))
        };
        let all = block_on(cursor_collect(&zia(1, 10), server)).unwrap();
        assert_eq!(all, (0..n).collect::<Vec<_>>(), "n = {n}");
    }
}

#[cfg(any(zscaler_paging = "total_count", zscaler_paging = "page_cursor"))]
#[path = "sequential_ahead_tests.rs"]
mod ahead;
