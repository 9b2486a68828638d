//! The wasm transport, on the global `fetch`.
//!
//! It calls `fetch` and `setTimeout` as globals instead of going through
//! `window()`, because Cloudflare Workers and Node have no window; the
//! request itself runs in `fetch.js`. It sets
//! no `mode` or `credentials`, so each runtime keeps its own defaults.

use crate::error::{Cause, Context};
use crate::http::{HttpRequest, HttpResponse};
use crate::Error;
use wasm_bindgen::prelude::*;
use wasm_bindgen::JsCast;
use wasm_bindgen_futures::JsFuture;

#[wasm_bindgen]
extern "C" {
    #[wasm_bindgen(js_name = setTimeout)]
    fn set_timeout(handler: &js_sys::Function, ms: f64) -> JsValue;
    #[wasm_bindgen(js_name = clearTimeout)]
    fn clear_timeout(handle: &JsValue);
}

#[wasm_bindgen(module = "/src/transport/fetch.js")]
extern "C" {
    // The request, its answer's head and its body's chunks in one promise;
    // fetch.js says what it resolves to. It calls `fetch(url, init)`, not
    // `fetch(new Request(..))`: runtimes copy a Request passed in, so
    // building one first costs a second Request.
    fn exchange(
        fetch: &JsValue,
        url: &str,
        init: &web_sys::RequestInit,
        limit: f64,
    ) -> js_sys::Promise;
}

/// Stateless but for the function it calls: every runtime pools
/// connections under `fetch` itself.
#[derive(Clone, Debug, Default)]
pub struct Transport {
    /// The caller's `fetch` (the `fetch` option); the global one if `None`.
    fetch: Option<js_sys::Function>,
}

/// Aborts the request when the call's future is dropped or times out, so a
/// cancelled call frees its connection instead of running on unseen.
struct AbortGuard {
    controller: web_sys::AbortController,
    timer: JsValue,
    /// Set once the body is read: nothing is left to abort, and an abort
    /// would still cost the runtime an `AbortError` per request.
    finished: bool,
}

impl AbortGuard {
    fn new(timeout_ms: u64) -> Result<Self, Error> {
        let controller = web_sys::AbortController::new().map_err(js_transport)?;
        // The timer calls `controller.abort` bound to the controller, a
        // function JS already has, instead of a new Rust closure per request.
        let abort: js_sys::Function = js_sys::Reflect::get(&controller, &"abort".into())
            .map_err(js_transport)?
            .dyn_into()
            .map_err(js_transport)?;
        let timer = set_timeout(&abort.bind0(&controller), timeout_ms as f64);
        Ok(Self {
            controller,
            timer,
            finished: false,
        })
    }

    /// Only the timer aborts while the guard lives, so an aborted signal
    /// means the time ran out.
    fn timed_out(&self) -> bool {
        self.controller.signal().aborted()
    }
}

impl Drop for AbortGuard {
    fn drop(&mut self) {
        clear_timeout(&self.timer);
        if !self.finished {
            self.controller.abort();
        }
    }
}

/// A failed `fetch` as a transport error. Node's fetch says only "fetch
/// failed" and keeps the reason (refused, DNS, TLS) in `cause`, so up to
/// three causes are appended: `fetch failed: connect ECONNREFUSED …`.
fn js_transport(e: JsValue) -> Error {
    let mut message = describe(&e).unwrap_or_else(|| "fetch failed".into());
    let mut next = cause_of(&e);
    for _ in 0..3 {
        let Some(cause) = next else { break };
        if let Some(m) = describe(&cause).filter(|m| !message.contains(m.as_str())) {
            message.push_str(": ");
            message.push_str(&m);
        }
        next = cause_of(&cause);
    }
    let cause = Cause::js(e, message.clone());
    Error::Transport {
        message,
        context: Context::caused_by(cause),
    }
}

/// The message of a thrown value, or its `code` when the message is empty
/// (an `AggregateError` of several refused addresses has none).
fn describe(v: &JsValue) -> Option<String> {
    let text = |v: JsValue| v.as_string().filter(|m| !m.is_empty());
    match v.dyn_ref::<js_sys::Error>() {
        Some(e) => text(e.message().into())
            .or_else(|| js_sys::Reflect::get(e, &"code".into()).ok().and_then(text)),
        None => text(v.clone()),
    }
}

/// `v.cause`, when `v` is an object that has one.
fn cause_of(v: &JsValue) -> Option<JsValue> {
    if !v.is_object() {
        return None;
    }
    js_sys::Reflect::get(v, &"cause".into())
        .ok()
        .filter(|c| !c.is_undefined() && !c.is_null())
}

impl Transport {
    /// A transport that calls `fetch` instead of the global one, on every
    /// runtime alike: a proxy, a test double, instrumentation.
    pub fn with_fetch(fetch: js_sys::Function) -> Self {
        Self { fetch: Some(fetch) }
    }

    /// Send one request, giving up after `timeout_ms`.
    pub async fn send(&self, req: HttpRequest, timeout_ms: u64) -> Result<HttpResponse, Error> {
        let mut guard = AbortGuard::new(timeout_ms)?;
        let fail = |e: JsValue| {
            if guard.timed_out() {
                Error::Timeout {
                    after_ms: timeout_ms,
                    context: Default::default(),
                }
            } else {
                js_transport(e)
            }
        };
        // A plain object: the runtime builds its own Headers from it anyway.
        let headers = js_sys::Object::new();
        for (name, value) in &req.headers {
            js_sys::Reflect::set(&headers, &name.into(), &value.into()).map_err(js_transport)?;
        }
        let init = web_sys::RequestInit::new();
        init.set_method(req.method);
        init.set_headers(&headers);
        init.set_signal(Some(&guard.controller.signal()));
        if let Some(body) = &req.body {
            init.set_body(&JsValue::from_str(body));
        }
        // The caller's function may throw or answer a plain value; both
        // become a transport error below, never a panic.
        let undefined = JsValue::UNDEFINED;
        let fetch = self.fetch.as_ref().map_or(&undefined, |f| f.as_ref());
        let limit = super::MAX_BODY_BYTES;
        let answer = JsFuture::from(exchange(fetch, &req.url, &init, limit as f64))
            .await
            .map_err(fail)?;
        if answer.is_null() {
            return Err(Error::Transport {
                message: "fetch did not return a Response".into(),
                context: Default::default(),
            });
        }
        let answer: js_sys::Array = answer.unchecked_into();
        let status = answer.get(0).as_f64().unwrap_or(0.0) as u16;
        let lines = answer.get(1).as_string().unwrap_or_default();
        let mut headers = Vec::new();
        let mut parts = lines.split('\n');
        while let (Some(k), Some(v)) = (parts.next(), parts.next()) {
            headers.push((k.to_ascii_lowercase(), v.to_string()));
        }
        let chunks = answer.get(2);
        if chunks.is_null() {
            let head = HttpResponse {
                status,
                headers,
                ..HttpResponse::default()
            };
            return Err(super::too_large(status, head.request_id()));
        }
        let total = answer.get(3).as_f64().unwrap_or(0.0) as usize;
        let mut bytes = Vec::with_capacity(total.min(limit));
        // fetch.js resolved to an array here: `Array::from` would copy it.
        for chunk in chunks.unchecked_into::<js_sys::Array>().iter() {
            let chunk: js_sys::Uint8Array = chunk.unchecked_into();
            let len = chunk.length() as usize;
            // Straight into spare capacity: zero-filling first (`resize`)
            // ran a byte-at-a-time loop in the size-optimised build, 0.3 ms
            // of a 500-item page, more than the copy itself.
            bytes.reserve(len);
            let at = bytes.len();
            chunk.copy_to_uninit(&mut bytes.spare_capacity_mut()[..len]);
            // SAFETY: `copy_to_uninit` has just initialised the `len` bytes
            // after `at` (it panics unless it fills the whole slice given).
            unsafe { bytes.set_len(at + len) };
        }
        guard.finished = true;
        drop(guard);
        Ok(HttpResponse::from_bytes(status, headers, bytes))
    }
}
