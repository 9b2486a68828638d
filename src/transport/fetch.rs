//! The wasm transport, on the global `fetch`.
//!
//! It binds `fetch` and `setTimeout` as globals instead of going through
//! `window()`, because Cloudflare Workers and Node have no window. It sets
//! no `mode` or `credentials`, so each runtime keeps its own defaults.

use crate::http::{HttpRequest, HttpResponse};
use crate::Error;
use std::cell::Cell;
use std::rc::Rc;
use wasm_bindgen::prelude::*;
use wasm_bindgen::JsCast;
use wasm_bindgen_futures::JsFuture;

#[wasm_bindgen]
extern "C" {
    #[wasm_bindgen(js_name = fetch)]
    fn global_fetch(input: &web_sys::Request) -> js_sys::Promise;
    #[wasm_bindgen(js_name = setTimeout)]
    fn set_timeout(handler: &js_sys::Function, ms: f64) -> JsValue;
    #[wasm_bindgen(js_name = clearTimeout)]
    fn clear_timeout(handle: &JsValue);
}

/// Stateless: every runtime pools connections under `fetch` itself.
#[derive(Clone, Debug, Default)]
pub struct Transport {
    _private: (),
}

/// Aborts the request when the call's future is dropped or times out, so a
/// cancelled call frees its connection instead of running on unseen.
struct AbortGuard {
    controller: web_sys::AbortController,
    timer: JsValue,
    timed_out: Rc<Cell<bool>>,
    _on_timeout: Closure<dyn FnMut()>,
}

impl AbortGuard {
    fn new(timeout_ms: u64) -> Result<Self, Error> {
        let controller = web_sys::AbortController::new().map_err(js_transport)?;
        let timed_out = Rc::new(Cell::new(false));
        let on_timeout = {
            let controller = controller.clone();
            let timed_out = timed_out.clone();
            Closure::<dyn FnMut()>::new(move || {
                timed_out.set(true);
                controller.abort();
            })
        };
        let timer = set_timeout(on_timeout.as_ref().unchecked_ref(), timeout_ms as f64);
        Ok(Self {
            controller,
            timer,
            timed_out,
            _on_timeout: on_timeout,
        })
    }
}

impl Drop for AbortGuard {
    fn drop(&mut self) {
        clear_timeout(&self.timer);
        self.controller.abort();
    }
}

fn js_transport(e: JsValue) -> Error {
    let message = e
        .dyn_ref::<js_sys::Error>()
        .map(|e| String::from(e.message()))
        .or_else(|| e.as_string())
        .unwrap_or_else(|| "fetch failed".into());
    Error::Transport { message }
}

impl Transport {
    /// Send one request, giving up after `timeout_ms`.
    pub async fn send(&self, req: HttpRequest, timeout_ms: u64) -> Result<HttpResponse, Error> {
        let guard = AbortGuard::new(timeout_ms)?;
        let fail = |e: JsValue| {
            if guard.timed_out.get() {
                Error::Timeout {
                    after_ms: timeout_ms,
                }
            } else {
                js_transport(e)
            }
        };
        let headers = web_sys::Headers::new().map_err(js_transport)?;
        for (name, value) in &req.headers {
            headers.set(name, value).map_err(js_transport)?;
        }
        let init = web_sys::RequestInit::new();
        init.set_method(req.method);
        init.set_headers(&headers);
        init.set_signal(Some(&guard.controller.signal()));
        if let Some(body) = &req.body {
            init.set_body(&JsValue::from_str(body));
        }
        let request =
            web_sys::Request::new_with_str_and_init(&req.url, &init).map_err(js_transport)?;
        let resp: web_sys::Response = JsFuture::from(global_fetch(&request))
            .await
            .map_err(fail)?
            .dyn_into()
            .map_err(|_| Error::Transport {
                message: "fetch did not return a Response".into(),
            })?;
        let status = resp.status();
        let mut out_headers = Vec::new();
        if let Ok(Some(iter)) = js_sys::try_iter(resp.headers().as_ref()) {
            for pair in iter.flatten() {
                let pair: js_sys::Array = pair.unchecked_into();
                if let (Some(k), Some(v)) = (pair.get(0).as_string(), pair.get(1).as_string()) {
                    out_headers.push((k.to_ascii_lowercase(), v));
                }
            }
        }
        let mut answer = HttpResponse {
            status,
            headers: out_headers,
            body: String::new(),
        };
        let limit = super::MAX_BODY_BYTES;
        let declared = answer
            .header("content-length")
            .and_then(|n| n.trim().parse::<u64>().ok());
        if declared.is_some_and(|n| n > limit as u64) {
            return Err(super::too_large(status, answer.request_id()));
        }
        let text = JsFuture::from(resp.text().map_err(js_transport)?)
            .await
            .map_err(fail)?;
        drop(guard);
        // Checked in JS string units before the copy into wasm memory, which
        // then takes at most three bytes a unit: memory stays bounded.
        let len = text
            .dyn_ref::<js_sys::JsString>()
            .map_or(0, |s| s.length() as usize);
        if len > limit {
            return Err(super::too_large(status, answer.request_id()));
        }
        answer.body = text.as_string().unwrap_or_default();
        Ok(answer)
    }
}
