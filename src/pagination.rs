//! Walking ZPA's numbered pages. The page size stays the same on every page
//! (the official SDK asks for 20 first and 500 after, and skips items), and
//! a failure on any page fails the walk instead of returning a short list.

use crate::Error;
use std::future::Future;

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
            }),
    }
}

/// Fetch pages from the requested start page to the last one, in order,
/// handing each to `on_page`. `fetch` returns the page's `totalPages` and
/// how many items it held, besides the page itself.
pub async fn walk_zpa<P, R, F, Fut>(
    params: &P,
    mut fetch: F,
    mut on_page: impl FnMut(R),
) -> Result<(), Error>
where
    P: PageParams,
    F: FnMut(P) -> Fut,
    Fut: Future<Output = Result<(Option<String>, usize, R), Error>>,
{
    let size = params.page_size().unwrap_or(ZPA_MAX_PAGE_SIZE);
    if !(1..=ZPA_MAX_PAGE_SIZE).contains(&size) {
        return Err(Error::invalid(format!(
            "pagesize must be 1..={ZPA_MAX_PAGE_SIZE}, got {size}"
        )));
    }
    let mut page = params.page().unwrap_or(1);
    if page < 1 {
        return Err(Error::invalid(format!(
            "page must be 1 or more, got {page}"
        )));
    }
    loop {
        let mut p = params.clone();
        p.set_page(page, size);
        let (total, count, result) = fetch(p).await?;
        let total = parse_total_pages(total.as_deref())?;
        on_page(result);
        // An empty page means the data shrank under us; stopping is the
        // only answer that cannot loop forever.
        if page >= total || count == 0 {
            return Ok(());
        }
        page += 1;
    }
}

/// Collect every item of a paged ZPA list operation.
pub async fn zpa_collect<P, T, F, Fut>(params: &P, mut fetch: F) -> Result<Vec<T::Item>, Error>
where
    P: PageParams,
    T: ZpaPage,
    F: FnMut(P) -> Fut,
    Fut: Future<Output = Result<T, Error>>,
{
    let mut items = Vec::new();
    walk_zpa(
        params,
        |p| {
            let fut = fetch(p);
            async move {
                let page = fut.await?;
                let total = page.total_pages();
                let list = page.into_items();
                Ok((total, list.len(), list))
            }
        },
        |list| items.extend(list),
    )
    .await?;
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
        futures_util::FutureExt::now_or_never(zpa_collect(&p, |p| std::future::ready(f(p))))
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
    fn an_error_mid_way_is_raised_not_truncated() {
        let err = run(P(None, Some(10)), |p| {
            if p.0 == Some(3) {
                Err(Error::Transport {
                    message: "reset".into(),
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
