//! A checked answer handed to JS as a plain value.
//!
//! The body's bytes go to `TextDecoder` and `JSON.parse`, the same two
//! native steps a hand-written `fetch` loop takes. JS reads them through a
//! view of wasm memory, so no copy of the page is made on the way out.

use crate::http::HttpResponse;
use crate::Error;
use wasm_bindgen::prelude::*;

#[wasm_bindgen(module = "/src/js/body.js")]
extern "C" {
    #[wasm_bindgen(js_name = parseBytes, catch)]
    fn parse_bytes(bytes: &[u8]) -> Result<JsValue, JsValue>;
}

/// The body of `resp` as a JS value.
pub fn parse(resp: &HttpResponse) -> Result<JsValue, Error> {
    parse_bytes(resp.body.as_bytes()).map_err(|_| Error::Decode {
        status: resp.status,
        message: "body is not JSON".into(),
        request_id: resp.request_id(),
        context: crate::error::Context::answer(&resp.body),
    })
}

/// `object[key]`, or `undefined` when `object` is not an object.
pub fn get(object: &JsValue, key: &str) -> JsValue {
    js_sys::Reflect::get(object, &JsValue::from_str(key)).unwrap_or(JsValue::UNDEFINED)
}
