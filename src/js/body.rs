//! A checked answer handed to JS as a plain value.
//!
//! The bytes JS received go straight to `TextDecoder` and `JSON.parse`, the
//! same two native steps a hand-written `fetch` loop takes. The copy of the
//! body in wasm memory is only for the schema check and for error messages.

use crate::http::HttpResponse;
use crate::Error;
use wasm_bindgen::prelude::*;

#[wasm_bindgen(module = "/src/js/body.js")]
extern "C" {
    #[wasm_bindgen(js_name = parseBytes, catch)]
    fn parse_bytes(bytes: &js_sys::Uint8Array) -> Result<JsValue, JsValue>;
}

/// The body of `resp` as a JS value.
pub fn parse(resp: &HttpResponse) -> Result<JsValue, Error> {
    let parsed = match &resp.raw.0 {
        Some(bytes) => parse_bytes(bytes),
        None => js_sys::JSON::parse(&resp.body),
    };
    parsed.map_err(|_| Error::Decode {
        status: resp.status,
        message: "body is not JSON".into(),
        request_id: resp.request_id(),
    })
}

/// `object[key]`, or `undefined` when `object` is not an object.
pub fn get(object: &JsValue, key: &str) -> JsValue {
    js_sys::Reflect::get(object, &JsValue::from_str(key)).unwrap_or(JsValue::UNDEFINED)
}
