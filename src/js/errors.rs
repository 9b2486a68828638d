//! Turning [`Error`] into an instance of the JS error classes in
//! `errors.js` (`RateLimitError`, `AuthError`, ...), so `instanceof` and
//! stack traces work in every runtime. Messages come from `Display`, which
//! never holds a secret.

use crate::Error;
use wasm_bindgen::prelude::*;

#[wasm_bindgen(module = "/src/js/errors.js")]
extern "C" {
    #[wasm_bindgen(js_name = makeError)]
    fn make_error(
        kind: &str,
        message: &str,
        code: &str,
        status: Option<f64>,
        retry_after: Option<f64>,
        request_id: Option<String>,
        product_code: Option<String>,
        method: Option<String>,
        url: Option<String>,
        operation: Option<String>,
        body: Option<String>,
        cause: JsValue,
    ) -> JsValue;
}

/// Build the JS error thrown for `e`. Its `cause` is the very value a
/// `fetch` rejected with; a Rust cause (the JSON parser's) becomes an
/// `Error` with its message.
pub(crate) fn to_js_error(e: &Error) -> JsValue {
    let owned = |s: Option<&str>| s.map(str::to_string);
    let cause = match e.context().and_then(|c| c.cause()) {
        Some(c) => match c.js_value() {
            Some(v) => v.clone(),
            None => js_sys::Error::new(&c.to_string()).into(),
        },
        None => JsValue::UNDEFINED,
    };
    make_error(
        e.kind(),
        &e.to_string(),
        &e.code(),
        e.status().map(f64::from),
        e.retry_after_ms().map(|ms| ms as f64 / 1000.0),
        owned(e.request_id()),
        owned(e.product_code()),
        owned(e.method()),
        owned(e.url()),
        owned(e.operation()),
        owned(e.body()),
        cause,
    )
}
