//! A checked answer handed to JS as a plain value.
//!
//! The body's bytes go to `TextDecoder` and `JSON.parse`, the same two
//! native steps a hand-written `fetch` loop takes. JS reads them through a
//! view of wasm memory, so no copy of the page is made on the way out.
//! A body holding integers beyond 2^53 − 1 takes a slower path that hands
//! them over as `BigInt`s instead of rounding them ([`crate::wide_int`]).

use crate::http::HttpResponse;
use crate::wide_int;
use crate::Error;
use wasm_bindgen::prelude::*;

#[wasm_bindgen(module = "/src/js/body.js")]
extern "C" {
    #[wasm_bindgen(js_name = parseBytes, catch)]
    fn parse_bytes(bytes: &[u8]) -> Result<JsValue, JsValue>;
    #[wasm_bindgen(js_name = parseWide, catch)]
    fn parse_wide(bytes: &[u8], mark: u8) -> Result<JsValue, JsValue>;
    #[wasm_bindgen(js_name = stringifyArgs, catch)]
    fn stringify_args(value: &JsValue) -> Result<JsValue, JsValue>;
}

/// A caller's value (arguments, options) as JSON text, its `BigInt`s as
/// JSON integers. `None` for a value JSON cannot spell at all
/// (`undefined`, a function).
pub fn stringify(value: &JsValue) -> Result<Option<String>, String> {
    match stringify_args(value) {
        Ok(text) => Ok(text.as_string()),
        Err(e) => Err(format!(
            "value cannot be encoded as JSON: {}",
            e.dyn_ref::<js_sys::Error>()
                .map(|e| String::from(e.message()))
                .unwrap_or_else(|| "it threw".into())
        )),
    }
}

/// A checked answer, and whether its text holds an integer beyond
/// 2^53 − 1 (the schema scan notes it while checking).
pub struct Answer {
    /// The answer as received.
    pub resp: HttpResponse,
    /// An integer beyond the safe range occurs outside strings.
    pub wide: bool,
}

impl Answer {
    /// An answer no scan has read, searched here for wide integers.
    pub fn unscanned(resp: HttpResponse) -> Self {
        let wide = wide_int::any(&resp.body);
        Answer { resp, wide }
    }

    /// The body as a JS value.
    pub fn parse(&self) -> Result<JsValue, Error> {
        let resp = &self.resp;
        text(&resp.body, self.wide).map_err(|message| Error::Decode {
            status: resp.status,
            message: message.into(),
            request_id: resp.request_id(),
            context: crate::error::Context::answer(&resp.body),
        })
    }
}

/// [`text`] for JSON no scan has read: searched here for wide integers.
pub fn unscanned(json: &str) -> Result<JsValue, &'static str> {
    text(json, wide_int::any(json))
}

/// JSON `text` as a JS value, its integers beyond 2^53 − 1 as `BigInt`s
/// when `wide` says it holds any. Not generic, so each caller adds a call.
pub fn text(text: &str, wide: bool) -> Result<JsValue, &'static str> {
    if !wide {
        return parse_bytes(text.as_bytes()).map_err(|_| "body is not JSON");
    }
    let (marked, mark) = wide_int::quote(text).ok_or(
        "body spells every control character, so its integers beyond 2^53 cannot be marked",
    )?;
    parse_wide(&marked, mark).map_err(|_| "body is not JSON")
}

/// `object[key]`, or `undefined` when `object` is not an object.
pub fn get(object: &JsValue, key: &str) -> JsValue {
    js_sys::Reflect::get(object, &JsValue::from_str(key)).unwrap_or(JsValue::UNDEFINED)
}
