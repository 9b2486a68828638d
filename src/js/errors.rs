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
    ) -> JsValue;
}

/// Build the JS error thrown for `e`.
pub(crate) fn to_js_error(e: &Error) -> JsValue {
    make_error(
        e.kind(),
        &e.to_string(),
        &e.code(),
        e.status().map(f64::from),
        e.retry_after_ms().map(|ms| ms as f64 / 1000.0),
        e.request_id().map(str::to_string),
        e.product_code().map(str::to_string),
    )
}
