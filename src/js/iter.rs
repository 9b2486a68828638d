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
    schemas: &'static [crate::schema::ObjectSchema],
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
    schemas: &'static [crate::schema::ObjectSchema],
    op: &'static super::table::OpSpec,
    kind: super::cursor::CursorKind,
    params: Option<JsValue>,
    signal: Option<web_sys::AbortSignal>,
) -> Result<JsValue, Error> {
    let prefetch = client.prefetch();
    let pages = super::cursor::pages(client, schemas, op, kind, params, prefetch)?;
    Ok(iterator(pages.boxed_local(), signal))
}

#[wasm_bindgen(module = "/src/js/walk.js")]
extern "C" {
    fn walk(next_page: &JsValue, close: &JsValue) -> JsValue;
}

/// Build the async iterator over `pages`. Pages are fetched as items are
/// consumed, so at most two are resident; breaking out of the
/// loop drops the walk and aborts any request in flight, as an abort of
/// `signal` does (the walk then fails with `AbortError`).
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
