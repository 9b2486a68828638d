//! The P3 minimal client: a token and one page of segments through the global
//! `fetch`, with the JSON read by the JS engine. No checks, no retries, no
//! pacing, no typed errors: whatever a real client adds to a cold start
//! comes on top of this (bench/p3_workerd.mjs, BENCHMARKS.md P3).

use js_sys::{Array, Function, Promise, Reflect, JSON};
use wasm_bindgen::prelude::*;
use wasm_bindgen_futures::JsFuture;

/// What the P3 worker hands over: the token request and the page address.
#[wasm_bindgen]
pub struct ZscalerClient {
    token_url: String,
    token_form: String,
    segments_url: String,
}

/// One string field of the options object.
fn text(options: &JsValue, key: &str) -> Result<String, JsValue> {
    Reflect::get(options, &key.into())?
        .as_string()
        .ok_or_else(|| JsError::new(&format!("{key} must be a string")).into())
}

/// `fetch(url, init)`, then the answer's status and text.
async fn fetch_text(url: &str, init: &JsValue) -> Result<(u16, String), JsValue> {
    let global = js_sys::global();
    let fetch: Function = Reflect::get(&global, &"fetch".into())?.unchecked_into();
    let answer = JsFuture::from(Promise::from(fetch.call2(&global, &url.into(), init)?)).await?;
    let status = Reflect::get(&answer, &"status".into())?
        .as_f64()
        .unwrap_or(0.0) as u16;
    let text_fn: Function = Reflect::get(&answer, &"text".into())?.unchecked_into();
    let body = JsFuture::from(Promise::from(text_fn.call0(&answer)?)).await?;
    Ok((status, body.as_string().unwrap_or_default()))
}

/// A request init object from `(key, value)` pairs.
fn init(pairs: &[(&str, JsValue)]) -> Result<JsValue, JsValue> {
    let o = js_sys::Object::new();
    for (k, v) in pairs {
        Reflect::set(&o, &(*k).into(), v)?;
    }
    Ok(o.into())
}

#[wasm_bindgen]
impl ZscalerClient {
    /// `{tokenUrl, tokenForm, segmentsUrl}`.
    #[wasm_bindgen(constructor)]
    pub fn new(options: JsValue) -> Result<ZscalerClient, JsValue> {
        Ok(ZscalerClient {
            token_url: text(&options, "tokenUrl")?,
            token_form: text(&options, "tokenForm")?,
            segments_url: text(&options, "segmentsUrl")?,
        })
    }

    /// One page of segments, as `JSON.parse` reads it.
    #[wasm_bindgen(js_name = listApplicationSegments)]
    pub async fn list_application_segments(
        &self,
        page: u32,
        pagesize: u32,
    ) -> Result<JsValue, JsValue> {
        let headers = init(&[("content-type", "application/x-www-form-urlencoded".into())])?;
        let token_init = init(&[
            ("method", "POST".into()),
            ("body", self.token_form.as_str().into()),
            ("headers", headers),
        ])?;
        let (_, token) = fetch_text(&self.token_url, &token_init).await?;
        let token = Reflect::get(&JSON::parse(&token)?, &"access_token".into())?
            .as_string()
            .ok_or_else(|| JsError::new("no access_token"))?;
        let headers = init(&[("authorization", format!("Bearer {token}").into())])?;
        let url = format!("{}?page={page}&pagesize={pagesize}", self.segments_url);
        let (status, body) = fetch_text(&url, &init(&[("headers", headers)])?).await?;
        if status != 200 {
            return Err(JsError::new(&format!("status {status}")).into());
        }
        let page = JSON::parse(&body)?;
        if !Array::is_array(&Reflect::get(&page, &"list".into())?) {
            return Err(JsError::new("no list").into());
        }
        Ok(page)
    }
}
