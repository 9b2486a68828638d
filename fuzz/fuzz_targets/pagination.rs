//! Page walks fed with fuzzed answers: ZPA's `totalPages`/`totalCount`
//! strings and typed pages, ZIA's plain arrays and ZIdentity's
//! `records`/`next_link` pages, from fuzzed start parameters. No input may
//! panic, and every walk keeps its contract: an error is the last item.
#![no_main]

use futures_util::{Stream, StreamExt};
use libfuzzer_sys::fuzz_target;
use std::future::ready;
use zscaler_wasm::pagination::sequential::{cursor_pages, step_of, Step};
use zscaler_wasm::pagination::{parse_total_pages, zpa_items, zpa_pages};
use zscaler_wasm::{zia, zidentity, zpa, Error};
use zscaler_wasm_fuzz::{block_on, bodies, MAX_FETCHES};

/// The error a fetch gives once the input has no more pages to offer.
fn exhausted() -> Error {
    Error::Transport {
        message: "no more fuzzed pages".into(),
        context: Default::default(),
    }
}

/// A fetch over the input's bodies, in order, failing once they run out.
fn fetcher<'a, T>(
    bodies: &'a [String],
    mut decode: impl FnMut(&str) -> Result<T, Error> + 'a,
) -> impl FnMut() -> Result<T, Error> + 'a {
    let mut next = 0;
    move || {
        let body = bodies.get(next).filter(|_| next < MAX_FETCHES);
        next += 1;
        body.map_or_else(|| Err(exhausted()), |b| decode(b))
    }
}

fn decoded<T: serde::de::DeserializeOwned>(body: &str) -> Result<T, Error> {
    serde_json::from_str(body).map_err(|e| Error::Decode {
        status: 200,
        message: e.to_string(),
        request_id: None,
        context: Default::default(),
    })
}

/// Drain a walk, checking that nothing follows an error.
fn drain<T>(walk: impl Stream<Item = Result<T, Error>>) {
    block_on(async {
        let mut walk = std::pin::pin!(walk);
        while let Some(item) = walk.next().await {
            if item.is_err() {
                assert!(
                    walk.next().await.is_none(),
                    "the walk went on after an error"
                );
                return;
            }
        }
    })
}

fn take<const N: usize>(data: &mut &[u8]) -> [u8; N] {
    let mut out = [0; N];
    let n = data.len().min(N);
    out[..n].copy_from_slice(&data[..n]);
    *data = &data[n..];
    out
}

fuzz_target!(|data: &[u8]| {
    let mut data = data;
    let page = i32::from_le_bytes(take(&mut data));
    let size = i32::from_le_bytes(take(&mut data));
    let [concurrency, defaults] = take(&mut data);
    let bodies = bodies(data);
    // Absent parameters take the walk's defaults; both paths are fuzzed.
    let (page, size) = if defaults & 1 == 0 {
        (Some(page), Some(size))
    } else {
        (None, None)
    };

    for text in &bodies {
        if let Ok(n) = parse_total_pages(Some(text)) {
            assert!(
                n >= 0 && text.trim().parse::<i32>() == Ok(n),
                "{text:?} -> {n}"
            );
        }
    }

    // ZPA with raw `totalPages` strings, as the JS layer walks pages.
    let zpa_params = zpa::ListApplicationSegmentsParams {
        page,
        pagesize: size,
        ..Default::default()
    };
    let mut raw = fetcher(&bodies, |b| Ok((Some(b.to_string()), b.len() % 7, ())));
    // The room varies with the input too: a walk must be right whatever
    // the budget says.
    drain(zpa_pages(
        &zpa_params,
        concurrency as usize,
        (concurrency % 5) as usize,
        move |_| ready(raw()),
    ));

    // ZPA with typed pages, as the native helpers walk them.
    let mut typed = fetcher(&bodies, decoded::<zpa::types::ApplicationSegmentPage>);
    drain(zpa_items(&zpa_params, 2, usize::MAX, move |_| {
        ready(typed())
    }));

    // ZIA: plain arrays per `page`/`pageSize`.
    let zia_params = zia::ListAdminUsersParams {
        page,
        page_size: size,
        ..Default::default()
    };
    let mut zia_page = fetcher(&bodies, |b| {
        decoded::<Vec<zia::types::AdminUser>>(b).map(|items| step_of(items, false))
    });
    drain(cursor_pages(&zia_params, move |_| ready(zia_page())));

    // ZIdentity: `records` plus `next_link` per `offset`/`limit`.
    let zid_params = zidentity::ListUsersParams {
        offset: page,
        limit: size,
        ..Default::default()
    };
    let mut zid_page = fetcher(&bodies, |b| {
        decoded::<zidentity::types::UserPage>(b).map(|p| -> Step<_> {
            let more = p.next_link.as_deref().is_some_and(|l| !l.is_empty());
            step_of(p.records.unwrap_or_default(), more)
        })
    });
    drain(cursor_pages(&zid_params, move |_| ready(zid_page())));
});
