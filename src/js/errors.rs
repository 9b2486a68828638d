//! Turning [`Error`] into a real JS `Error` with `name`, `code`, `status`
//! and `requestId`, so `instanceof Error` and stack traces work in every
//! runtime. Messages come from `Display`, which never holds a secret.

use crate::Error;
use wasm_bindgen::JsValue;

fn set(target: &JsValue, key: &str, value: &JsValue) {
    // Reflect.set only fails on frozen objects; a fresh Error is not one.
    let _ = js_sys::Reflect::set(target, &JsValue::from_str(key), value);
}

/// Build the JS error thrown for `e`.
pub(crate) fn to_js_error(e: &Error) -> JsValue {
    let err = js_sys::Error::new(&e.to_string());
    err.set_name(e.kind());
    let value: JsValue = err.into();
    set(&value, "code", &JsValue::from_str(&e.code()));
    if let Some(status) = e.status() {
        set(&value, "status", &JsValue::from_f64(status.into()));
    }
    if let Some(ms) = e.retry_after_ms() {
        set(&value, "retryAfter", &JsValue::from_f64(ms as f64 / 1000.0));
    }
    if let Some(id) = e.request_id() {
        set(&value, "requestId", &JsValue::from_str(id));
    }
    value
}
