//! ZPA lists as JS async iterables. The iterator is a plain object with
//! `next`, `return` and `[Symbol.asyncIterator]`, built from closures, so
//! it needs no JS glue of its own (and no `eval`, which a strict CSP bans).

use super::promise;
use crate::pagination::{zpa_pages, PageParams, ZpaPage};
use crate::Error;
use futures_util::lock::Mutex;
use futures_util::stream::{LocalBoxStream, Stream, StreamExt};
use std::collections::VecDeque;
use std::future::Future;
use std::rc::Rc;
use wasm_bindgen::prelude::*;

/// The `list` arrays of each page, in order, as JS arrays.
pub(crate) fn js_pages<T, P, F, Fut>(
    params: &P,
    concurrency: usize,
    mut fetch: F,
) -> impl Stream<Item = Result<js_sys::Array, Error>>
where
    T: ZpaPage,
    P: PageParams,
    F: FnMut(P) -> Fut,
    Fut: Future<Output = Result<(T, JsValue), Error>>,
{
    zpa_pages(params, concurrency, move |p| {
        let fut = fetch(p);
        async move {
            let (typed, value) = fut.await?;
            let total = typed.total_pages();
            let count = typed.into_items().len();
            let list = js_sys::Reflect::get(&value, &JsValue::from_str("list"))
                .unwrap_or(JsValue::UNDEFINED);
            let list = list.dyn_into::<js_sys::Array>().unwrap_or_default();
            Ok((total, count, list))
        }
    })
}

struct State {
    pages: Option<LocalBoxStream<'static, Result<js_sys::Array, Error>>>,
    buffer: VecDeque<JsValue>,
}

fn step(value: JsValue, done: bool) -> JsValue {
    let out = js_sys::Object::new();
    let _ = js_sys::Reflect::set(&out, &"value".into(), &value);
    let _ = js_sys::Reflect::set(&out, &"done".into(), &JsValue::from_bool(done));
    out.into()
}

/// Build the async iterator. Pages are fetched one at a time as items are
/// consumed, so at most two pages are resident; breaking out of the loop
/// (`return`) drops the walk and aborts any request in flight.
pub(crate) fn zpa_iterator<T, P, F, Fut>(params: P, fetch: F) -> JsValue
where
    T: ZpaPage + 'static,
    P: PageParams + 'static,
    F: FnMut(P) -> Fut + 'static,
    Fut: Future<Output = Result<(T, JsValue), Error>> + 'static,
{
    let pages = js_pages(&params, 1, fetch).boxed_local();
    let state = Rc::new(Mutex::new(State {
        pages: Some(pages),
        buffer: VecDeque::new(),
    }));
    let iterator = js_sys::Object::new();

    let next_state = state.clone();
    let next = Closure::<dyn FnMut() -> js_sys::Promise>::new(move || {
        let state = next_state.clone();
        // The mutex serialises overlapping next() calls instead of racing.
        promise(async move {
            let mut s = state.lock().await;
            loop {
                if let Some(item) = s.buffer.pop_front() {
                    return Ok(step(item, false));
                }
                let Some(pages) = s.pages.as_mut() else {
                    return Ok(step(JsValue::UNDEFINED, true));
                };
                match pages.next().await {
                    Some(Ok(list)) => s.buffer.extend(list.iter()),
                    Some(Err(e)) => {
                        s.pages = None;
                        return Err(e);
                    }
                    None => s.pages = None,
                }
            }
        })
    });
    let return_state = state;
    let finish = Closure::<dyn FnMut() -> js_sys::Promise>::new(move || {
        let state = return_state.clone();
        promise(async move {
            let mut s = state.lock().await;
            s.pages = None;
            s.buffer.clear();
            Ok(step(JsValue::UNDEFINED, true))
        })
    });
    let this: JsValue = iterator.clone().into();
    let itself = Closure::<dyn FnMut() -> JsValue>::new(move || this.clone());
    let set = |key: &JsValue, value: JsValue| {
        let _ = js_sys::Reflect::set(&iterator, key, &value);
    };
    set(&"next".into(), next.into_js_value());
    set(&"return".into(), finish.into_js_value());
    set(
        &js_sys::Symbol::async_iterator().into(),
        itself.into_js_value(),
    );
    iterator.into()
}
