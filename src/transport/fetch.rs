//! The wasm transport, on the global `fetch`.
//!
//! It binds `fetch` and `setTimeout` as globals instead of going through
//! `window()`, because Cloudflare Workers and Node have no window. It sets
//! no `mode` or `credentials`, so each runtime keeps its own defaults.

use crate::error::{Cause, Context};
use crate::http::{HttpRequest, HttpResponse};
use crate::Error;
use wasm_bindgen::prelude::*;
use wasm_bindgen::JsCast;
use wasm_bindgen_futures::JsFuture;

#[wasm_bindgen]
extern "C" {
    // `fetch(url, init)`, not `fetch(new Request(..))`: runtimes copy a
    // Request passed in, so building one first costs a second Request.
    #[wasm_bindgen(js_name = fetch)]
    fn global_fetch(url: &str, init: &web_sys::RequestInit) -> js_sys::Promise;
    #[wasm_bindgen(js_name = setTimeout)]
    fn set_timeout(handler: &js_sys::Function, ms: f64) -> JsValue;
    #[wasm_bindgen(js_name = clearTimeout)]
    fn clear_timeout(handle: &JsValue);
}

#[wasm_bindgen(
    inline_js = "export function headerLines(h) { let s = ''; for (const [k, v] of h) s += k + '\\n' + v + '\\n'; return s; }"
)]
extern "C" {
    // Every header in one string, `name\nvalue\n` each: one crossing
    // instead of a JS iterator walked from Rust (five crossings a header,
    // and js_sys's iterator code compiled on every cold start). `Headers`
    // refuses a line break in a name or value, so the split is exact.
    #[wasm_bindgen(js_name = headerLines)]
    fn header_lines(headers: &web_sys::Headers) -> String;
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

    /// Call the fetch in use. A caller's function may throw or answer a
    /// plain value; both become a transport error below, never a panic.
    fn start(&self, url: &str, init: &web_sys::RequestInit) -> Result<js_sys::Promise, JsValue> {
        match &self.fetch {
            None => Ok(global_fetch(url, init)),
            Some(f) => f
                .call2(&JsValue::UNDEFINED, &url.into(), init)
                .map(|v| js_sys::Promise::resolve(&v)),
        }
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
        let resp: web_sys::Response = JsFuture::from(self.start(&req.url, &init).map_err(fail)?)
            .await
            .map_err(fail)?
            .dyn_into()
            .map_err(|_| Error::Transport {
                message: "fetch did not return a Response".into(),
                context: Default::default(),
            })?;
        let status = resp.status();
        let lines = header_lines(&resp.headers());
        let mut out_headers = Vec::new();
        let mut parts = lines.split('\n');
        while let (Some(k), Some(v)) = (parts.next(), parts.next()) {
            out_headers.push((k.to_ascii_lowercase(), v.to_string()));
        }
        let answer = HttpResponse {
            status,
            headers: out_headers,
            ..HttpResponse::default()
        };
        let limit = super::MAX_BODY_BYTES;
        let declared = answer
            .header("content-length")
            .and_then(|n| n.trim().parse::<u64>().ok());
        if declared.is_some_and(|n| n > limit as u64) {
            return Err(super::too_large(status, answer.request_id()));
        }
        let bytes = match read_body(&resp, declared, limit).await {
            Ok(bytes) => bytes,
            Err(BodyError::TooLarge) => return Err(super::too_large(status, answer.request_id())),
            Err(BodyError::Js(e)) => return Err(fail(e)),
        };
        guard.finished = true;
        drop(guard);
        Ok(HttpResponse::from_bytes(status, answer.headers, bytes))
    }
}

enum BodyError {
    TooLarge,
    Js(JsValue),
}

/// The body's bytes, read chunk by chunk straight into wasm memory.
///
/// Bytes, not `text()`: copying bytes into wasm memory is a memcpy, while a
/// JS string crosses as a character-by-character loop.
///
/// Not `arrayBuffer()`: that joins every chunk into one more buffer outside
/// the JS heap, which the runtime frees only at a later GC, so a long walk
/// held several pages of those at once (issue 9, P4). Reading chunks also
/// stops an oversized body without chunked encoding at the limit.
async fn read_body(
    resp: &web_sys::Response,
    declared: Option<u64>,
    limit: usize,
) -> Result<Vec<u8>, BodyError> {
    let Some(stream) = resp.body() else {
        return Ok(Vec::new());
    };
    let reader: web_sys::ReadableStreamDefaultReader = stream
        .get_reader()
        .dyn_into()
        .map_err(|_| BodyError::Js("the body has no default reader".into()))?;
    let mut out = Vec::with_capacity(declared.map_or(0, |n| n as usize));
    let done_key = JsValue::from_str("done");
    let value_key = JsValue::from_str("value");
    loop {
        let step = JsFuture::from(reader.read()).await.map_err(BodyError::Js)?;
        if js_sys::Reflect::get(&step, &done_key)
            .map_err(BodyError::Js)?
            .is_truthy()
        {
            return Ok(out);
        }
        let chunk: js_sys::Uint8Array = js_sys::Reflect::get(&step, &value_key)
            .map_err(BodyError::Js)?
            .dyn_into()
            .map_err(|_| BodyError::Js("a body chunk is not bytes".into()))?;
        let len = chunk.length() as usize;
        if out.len() + len > limit {
            // Cancelling frees the connection instead of draining the rest.
            let _ = reader.cancel();
            return Err(BodyError::TooLarge);
        }
        // Straight into spare capacity: zero-filling first (`resize`) ran
        // a byte-at-a-time loop in the size-optimised build, 0.3 ms of a
        // 500-item page, more than the copy itself.
        out.reserve(len);
        let at = out.len();
        chunk.copy_to_uninit(&mut out.spare_capacity_mut()[..len]);
        // SAFETY: `copy_to_uninit` has just initialised the `len` bytes
        // after `at` (it panics unless it fills the whole slice given).
        unsafe { out.set_len(at + len) };
    }
}
