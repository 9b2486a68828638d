//! Paged lists (ZPA, ZIA, ZIdentity) as JS async iterables: wasm fetches
//! and checks pages, and a small async generator in `walk.js` hands out
//! their items (no `eval`, which a strict CSP bans).

use crate::Error;
use futures_util::lock::Mutex;
use futures_util::stream::{LocalBoxStream, StreamExt};
use std::rc::Rc;
use wasm_bindgen::prelude::*;

/// A ZPA list as an async iterator. The next `prefetch` pages are
/// requested while page n is still arriving, within the rate budget, so
/// the server prepares them while page n is checked, parsed and consumed:
/// on a real tenant that hides most of the wait.
#[cfg(zscaler_paging = "numbered")]
pub(crate) fn zpa_iterator(
    client: crate::Client,
    schemas: &'static crate::schema::Schemas,
    op: &'static super::table::OpSpec,
    params: Option<JsValue>,
    signal: Option<web_sys::AbortSignal>,
) -> Result<JsValue, Error> {
    let args = super::table::args(params)?;
    Ok(iterator(
        super::table::pages(client.clone(), schemas, op, args, client.prefetch()).boxed_local(),
        signal,
    ))
}

/// A list of the other products as an async iterator; where the pages
/// give their total (ZCC, ZWA), `prefetch` pages are requested ahead as
/// for ZPA.
#[cfg_attr(not(zscaler_cursor), allow(dead_code))]
pub(crate) fn cursor_iterator(
    client: crate::Client,
    schemas: &'static crate::schema::Schemas,
    op: &'static super::table::OpSpec,
    kind: super::cursor::CursorKind,
    params: Option<JsValue>,
    signal: Option<web_sys::AbortSignal>,
) -> Result<JsValue, Error> {
    let prefetch = client.prefetch();
    let pages = super::cursor::pages(client, schemas, op, kind, params, prefetch)?;
    Ok(iterator(pages.boxed_local(), signal))
}

/// `page` as a task of its own, started now; the future returned yields
/// its result, and dropping that future drops the task's `page` (whose
/// guard aborts its request) at the task's next wake-up.
///
/// Why: a page requested ahead sits in the walk's stream, and a future
/// runs only while something polls it. Between two `next()` calls of an
/// iterator nothing polls the stream, so a page asked for in advance got
/// its answer's headers and no more: its body stayed unread (on a slow
/// link the transfer stalled behind the runtime's stream buffer) until the
/// caller asked for it, and its check and parse waited too. As a task, it
/// is read, checked and parsed while the caller works on earlier items.
///
/// The task's first poll happens here, not at the executor's next turn: it
/// takes the request's slot in the pacer, and the walk reads the free
/// budget again before that turn comes. Started later, the walk saw slots
/// still free that its own pages were about to take, and queued more pages
/// for the window, ahead of the caller's other calls.
pub(crate) fn ahead<T: 'static>(
    page: impl std::future::Future<Output = T> + 'static,
) -> impl std::future::Future<Output = T> {
    use futures_util::FutureExt;
    let (task, result) = page.remote_handle();
    let mut task = Box::pin(task);
    // A waker that does nothing is enough for this one poll: the executor
    // polls the task again at its next turn, and every future registers
    // the waker of its latest poll.
    let waker = futures_util::task::noop_waker();
    let first = task.poll_unpin(&mut std::task::Context::from_waker(&waker));
    if first.is_pending() {
        wasm_bindgen_futures::spawn_local(task);
    }
    result
}

#[wasm_bindgen(module = "/src/js/walk.js")]
extern "C" {
    fn walk(next_page: &JsValue, close: &JsValue) -> JsValue;
}

/// Build the async iterator over `pages`. Pages requested ahead run as
/// tasks of their own ([`ahead`]), at most `prefetch` of them, so at most
/// `prefetch + 1` are resident; breaking out of the loop drops the walk
/// and aborts any request in flight, as an abort of `signal` does (the
/// walk then fails with `AbortError`).
fn iterator(
    pages: LocalBoxStream<'static, Result<js_sys::Array, Error>>,
    signal: Option<web_sys::AbortSignal>,
) -> JsValue {
    let pages = Rc::new(Mutex::new(Some(pages)));
    let next_pages = pages.clone();
    let next_page = Closure::<dyn FnMut() -> js_sys::Promise>::new(move || {
        let pages = next_pages.clone();
        let signal = signal.clone();
        // The mutex serialises overlapping calls instead of racing.
        wasm_bindgen_futures::future_to_promise(async move {
            let mut guard = pages.lock().await;
            let Some(stream) = guard.as_mut() else {
                return Ok(JsValue::UNDEFINED);
            };
            let next = async { Ok(stream.next().await) };
            let next = super::call::abortable(next, signal.as_ref()).await;
            let fail = |e: Error| super::call::js_error(&e, signal.as_ref());
            let next = match next {
                Ok(next) => next,
                Err(e) => {
                    *guard = None;
                    return Err(fail(e));
                }
            };
            match next.map(|r| r.map_err(fail)) {
                Some(Ok(list)) => Ok(list.into()),
                Some(Err(e)) => {
                    *guard = None;
                    Err(e)
                }
                None => {
                    *guard = None;
                    Ok(JsValue::UNDEFINED)
                }
            }
        })
    });
    let close = Closure::<dyn FnMut()>::new(move || {
        // Dropping the stream drops its request futures, whose guards
        // abort the fetches. A pending nextPage holds the lock and ends on
        // its own; the walk then stops at the next call.
        if let Some(mut guard) = pages.try_lock() {
            *guard = None;
        }
    });
    walk(&next_page.into_js_value(), &close.into_js_value())
}
