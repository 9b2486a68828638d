//! The `onLog` option: a JS function that receives each [`LogEvent`] as a
//! plain object. A throwing hook is ignored so logging cannot break calls.

use crate::log::{LogEvent, LogFn};
use serde::Serialize;
use std::sync::Arc;
use wasm_bindgen::JsValue;

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct Event<'a> {
    phase: &'static str,
    operation: &'static str,
    method: &'static str,
    url: &'a str,
    attempt: u32,
    #[serde(skip_serializing_if = "Option::is_none")]
    status: Option<u16>,
    #[serde(skip_serializing_if = "Option::is_none")]
    wait_ms: Option<u64>,
    #[serde(skip_serializing_if = "Option::is_none")]
    request_id: Option<&'a str>,
    headers: &'a [(String, String)],
    #[serde(skip_serializing_if = "Option::is_none")]
    message: Option<&'a str>,
}

/// Wrap a JS function as the client's log hook.
pub(super) fn hook(f: js_sys::Function) -> LogFn {
    Arc::new(move |e: &LogEvent| {
        let event = Event {
            phase: e.phase.as_str(),
            operation: e.operation,
            method: e.method,
            url: &e.url,
            attempt: e.attempt,
            status: e.status,
            wait_ms: e.wait_ms,
            request_id: e.request_id.as_deref(),
            headers: &e.headers,
            message: e.message.as_deref(),
        };
        if let Ok(obj) = super::to_js(&event) {
            let _ = f.call1(&JsValue::NULL, &obj);
        }
    })
}
