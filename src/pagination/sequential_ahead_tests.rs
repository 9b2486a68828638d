//! Walks whose pages give their total (ZCC's `totalCount`, ZWA's
//! `totalPages`) request later pages ahead, within a budget, and still
//! yield every item once, in order.

use super::*;
use std::cell::Cell;
use std::rc::Rc;

/// How the fake server states the list's length.
#[derive(Clone, Copy)]
enum Says {
    #[cfg(zscaler_paging = "total_count")]
    Items,
    #[cfg(zscaler_paging = "page_cursor")]
    Pages,
}

fn says_all() -> Vec<Says> {
    vec![
        #[cfg(zscaler_paging = "total_count")]
        Says::Items,
        #[cfg(zscaler_paging = "page_cursor")]
        Says::Pages,
    ]
}

/// A list of `n` items answering at once; counts the requests started, and
/// fails page `fail_at` if given.
fn server(
    n: i64,
    says: Says,
    started: Rc<Cell<usize>>,
    fail_at: Option<i64>,
) -> impl FnMut(P) -> std::future::Ready<Result<Step<Vec<i64>>, Error>> {
    move |p| {
        started.set(started.get() + 1);
        let Cursor::Page { page, size } = p.0 else {
            panic!("counted lists walk by page")
        };
        if fail_at == Some(page) {
            return std::future::ready(Err(Error::invalid(format!("page {page} failed"))));
        }
        let items: Vec<i64> = ((page - 1) * size..(page * size).min(n)).collect();
        let more = match says {
            #[cfg(zscaler_paging = "total_count")]
            Says::Items => More::Total(Some(n)),
            #[cfg(zscaler_paging = "page_cursor")]
            Says::Pages => More::Pages {
                current: Some(page),
                total: Some((n + size - 1) / size),
            },
        };
        std::future::ready(Ok(step_with(items, more)))
    }
}

/// The items of each page and, at each page handed out, how many requests
/// had been started but not yet handed out.
fn walk(n: i64, says: Says, max: usize, room: usize) -> (Vec<i64>, Vec<usize>, usize) {
    let started = Rc::new(Cell::new(0));
    let pages = cursor_pages_within(
        &zia(1, 10),
        max,
        room,
        server(n, says, started.clone(), None),
    );
    let mut pages = std::pin::pin!(pages);
    let (mut items, mut ahead) = (Vec::new(), Vec::new());
    while let Some(page) = block_on(pages.next()) {
        items.extend(page.unwrap());
        ahead.push(started.get() - ahead.len() - 1);
    }
    (items, ahead, started.get())
}

#[test]
fn every_item_once_in_order_with_no_request_past_the_end() {
    for says in says_all() {
        // Exact multiples of the page size are where an extra request hides.
        for n in [0, 1, 9, 10, 11, 95, 100, 101] {
            let (items, _, started) = walk(n, says, 20, 20);
            assert_eq!(items, (0..n).collect::<Vec<_>>(), "n = {n}");
            let pages = ((n + 9) / 10).max(1) as usize;
            assert_eq!(started, pages, "requests for n = {n}");
        }
    }
}

#[test]
fn after_the_first_page_the_free_room_is_requested_at_once() {
    for says in says_all() {
        // 10 pages; 3 requests may start now, at most 5 in flight.
        let (_, ahead, _) = walk(100, says, 5, 3);
        // The room (3) is requested before page 1 is handed out, so the
        // look-ahead runs while the caller consumes page 1. Page 2 comes
        // from those without asking again (the budget has not yet seen
        // them start); then more as pages are handed out, never past
        // `max` in flight.
        assert_eq!(ahead[0], 3, "{ahead:?}");
        assert_eq!(ahead[1], 2, "{ahead:?}");
        assert_eq!(ahead[2], 4, "{ahead:?}");
        assert!(ahead.iter().all(|&a| a < 5), "{ahead:?}");
        assert_eq!(ahead.last(), Some(&0), "nothing past the end: {ahead:?}");
        // With no room, one page in flight at a time (waiting its turn),
        // as a serial walk.
        let (items, ahead, _) = walk(100, says, 5, 0);
        assert_eq!(items.len(), 100);
        assert!(ahead.iter().all(|&a| a <= 1), "{ahead:?}");
    }
}

#[test]
fn a_serial_walk_never_requests_ahead() {
    for says in says_all() {
        let started = Rc::new(Cell::new(0));
        let pages = cursor_pages(&zia(1, 10), server(100, says, started.clone(), None));
        let mut pages = std::pin::pin!(pages);
        let mut handed = 0;
        while let Some(page) = block_on(pages.next()) {
            page.unwrap();
            handed += 1;
            assert_eq!(started.get(), handed);
        }
    }
}

#[test]
fn a_failed_page_ahead_fails_the_walk_at_its_turn() {
    for says in says_all() {
        let started = Rc::new(Cell::new(0));
        let pages = cursor_pages_within(&zia(1, 10), 20, 20, server(100, says, started, Some(4)));
        let mut pages = std::pin::pin!(pages);
        let mut got = Vec::new();
        while let Some(page) = block_on(pages.next()) {
            got.push(page.map(|p| p.len()).map_err(|e| e.to_string()));
        }
        // Pages 1-3 in order, then the failure, then nothing.
        assert_eq!(got.len(), 4, "{got:?}");
        assert!(got[..3].iter().all(|p| p == &Ok(10)), "{got:?}");
        assert!(
            got[3].as_ref().is_err_and(|e| e.contains("page 4")),
            "{got:?}"
        );
    }
}

#[test]
fn a_server_ignoring_the_page_number_is_still_caught() {
    for says in says_all() {
        // Always page 1: the second page repeats the first item.
        let mut inner = server(100, says, Rc::new(Cell::new(0)), None);
        let stuck = move |mut p: P| {
            p.0 = Cursor::Page { page: 1, size: 10 };
            inner(p)
        };
        let err = block_on(cursor_collect_within(&zia(1, 10), 20usize, stuck)).unwrap_err();
        assert!(err.to_string().contains("page before it again"), "{err}");
    }
}
