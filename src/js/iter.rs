//! Paged lists (ZPA, ZIA, ZIdentity) as JS async iterables. The iterator is a plain object with
//! `next`, `return` and `[Symbol.asyncIterator]`, built from closures, so
//! it needs no JS glue of its own (and no `eval`, which a strict CSP bans).

use super::promise;
use crate::Error;
use futures_util::lock::Mutex;
use futures_util::stream::{LocalBoxStream, StreamExt};
use std::collections::VecDeque;
use std::rc::Rc;
use wasm_bindgen::prelude::*;

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

/// A ZPA list as an async iterator, one page fetched at a time.
#[cfg(feature = "zpa")]
pub(crate) fn zpa_iterator(
    client: crate::Client,
    schemas: &'static [crate::schema::ObjectSchema],
    op: &'static super::table::OpSpec,
    params: Option<JsValue>,
) -> Result<JsValue, Error> {
    let args = super::table::args(params)?;
    Ok(iterator(
        super::table::pages(client, schemas, op, args, 1).boxed_local(),
    ))
}

/// A ZIA or ZIdentity list as an async iterator.
#[cfg_attr(not(any(feature = "zia", feature = "zidentity")), allow(dead_code))]
pub(crate) fn cursor_iterator(
    client: crate::Client,
    schemas: &'static [crate::schema::ObjectSchema],
    op: &'static super::table::OpSpec,
    kind: super::cursor::CursorKind,
    params: Option<JsValue>,
) -> Result<JsValue, Error> {
    let pages = super::cursor::pages(client, schemas, op, kind, params)?;
    Ok(iterator(pages.boxed_local()))
}

/// Build the async iterator over `pages`. Pages are fetched one at a time
/// as items are consumed, so at most two are resident; breaking out of the
/// loop (`return`) drops the walk and aborts any request in flight.
fn iterator(pages: LocalBoxStream<'static, Result<js_sys::Array, Error>>) -> JsValue {
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
