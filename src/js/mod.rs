//! The JavaScript API: `new ZscalerClient(options)` with one object per
//! product (`client.zpa`, `client.zia`, `client.zidentity`). The per
//! operation methods are generated; this file holds what they share.
//!
//! The `js` folder owns the crossing into JavaScript: argument and option
//! checks, the operation table walker, errors as real `Error`s, walks as
//! async iterables. It may not decide anything about HTTP (that is the send
//! path's) or name a product (product classes and getters are generated).

mod args;
mod body;
mod budget;
pub(crate) mod call;
pub(crate) mod cursor;
mod errors;
mod forward;
pub(crate) mod iter;
mod log;
pub(crate) mod methods;
mod options;
mod request;
pub(crate) mod table;

use crate::{Client, Error};
use std::future::Future;
use wasm_bindgen::prelude::*;

pub(crate) use errors::to_js_error;

#[wasm_bindgen(typescript_custom_section)]
const TS_OPTIONS: &str = crate::config::TS_CLIENT_OPTIONS;

#[wasm_bindgen(typescript_custom_section)]
const TS_SHAPES: &str = r#"
/** What `onLog` receives. Header values carrying credentials read `<redacted>`. */
export interface LogEvent {
  /** `wait`: paced to a documented rate limit; `retry`: a failed try is sent again. Both carry `waitMs` and a `message` saying why. */
  phase: "request" | "response" | "retry" | "wait" | "failure";
  operation: string;
  method: string;
  url: string;
  attempt: number;
  status?: number;
  waitMs?: number;
  requestId?: string;
  headers: [string, string][];
  message?: string;
}

/** A method's second argument: settings for this call only. */
export interface CallOptions {
  /** Aborts the call (its request and any wait); it rejects with `AbortError`. */
  signal?: AbortSignal;
  /** Milliseconds to wait for each answer, instead of the client's. */
  timeoutMs?: number;
  /** Attempts in total, the first included, instead of the client's. */
  maxAttempts?: number;
  /** Headers for this call, after the client's `headers`; never credentials. */
  headers?: Record<string, string>;
  /** Resolve to `{data, status, headers}` instead of the data. */
  withResponse?: boolean;
}

/** Call options of walks (`listAll…`, `iter…`) and patches. */
export type WalkOptions = Omit<CallOptions, "withResponse"> & {
  /**
   * Pages an `iter…` over pages that give their total (ZPA; ZCC's and ZWA's
   * counted lists) requests ahead of the one being consumed (1 to 20,
   * default 4), within the rate budget; at most `prefetch + 1` pages are
   * held. An error elsewhere.
   */
  prefetch?: number;
};

/** One documented limit as it stands now (`client.rateBudget(product)`). */
export interface RateBudget {
  /** Methods it counts (`["GET"]`, `["*"]`); empty for a quota. */
  methods: string[];
  /** Operations of a quota; empty for a method limit. */
  operations: string[];
  max: number;
  windowMs: number;
  /** Calls that may go now without waiting. */
  remaining: number;
  /** Milliseconds until one more call has room (0 while `remaining > 0`). */
  waitMs: number;
}

/** A call's answer with its HTTP metadata (`withResponse: true`). */
export interface WithResponse<T> {
  data: T;
  status: number;
  /** By lower-case name; repeated headers joined with `, `. */
  headers: Record<string, string>;
}

/** What a call resolves to under options `O`. */
export type Answer<T, O> = O extends { withResponse: true } ? WithResponse<T> : T;

/** A call relayed by a backend: see `ZscalerClient.forward`. */
export interface ForwardRequest {
  method: "GET" | "POST" | "PUT" | "PATCH" | "DELETE";
  /** Starts with a product's gateway prefix (its `gateway` in products.json) and a slash. */
  path: string;
  /** Query string without `?`. */
  query?: string;
  /** Only content-type, accept and x-request-id travel on. */
  headers?: Record<string, string> | [string, string][];
  body?: string;
}

/** The API's answer to a forwarded call, whatever its status. */
export interface ForwardResponse {
  status: number;
  headers: [string, string][];
  body: string;
}

"#;

/// The entry point of the JS API.
#[wasm_bindgen]
pub struct ZscalerClient {
    // The generated `client.<product>` getters read it.
    pub(crate) client: Client,
}

#[wasm_bindgen]
impl ZscalerClient {
    /// Validate the options and build a client. Throws a `ConfigError`.
    #[wasm_bindgen(constructor)]
    pub fn new(
        #[wasm_bindgen(unchecked_param_type = "ClientOptions")] options: JsValue,
    ) -> Result<ZscalerClient, JsValue> {
        let read = options::read(options).map_err(|e| to_js_error(&e))?;
        let hooks = crate::Hooks {
            log: read.on_log.map(log::hook),
            transport: read.fetch.map(transport),
            ..Default::default()
        };
        Client::with_hooks(read.options, hooks)
            .map(|client| ZscalerClient { client })
            .map_err(|e| to_js_error(&e))
    }

    /// Relay a call with this client's credentials and return the API's
    /// answer whatever its status; for a backend (BFF) worker. The token
    /// stays inside wasm.
    #[wasm_bindgen(unchecked_return_type = "Promise<ForwardResponse>")]
    pub fn forward(
        &self,
        #[wasm_bindgen(unchecked_param_type = "ForwardRequest")] request: JsValue,
    ) -> js_sys::Promise {
        let client = self.client.clone();
        promise(async move {
            let r = from_js(request)
                .and_then(forward::Request::from_json)
                .map_err(Error::invalid)?;
            let resp = client
                .forward(&r.method, &r.path, &r.query, &r.headers, r.body)
                .await?;
            to_js(&forward::Response::from(resp))
        })
    }

    /// Mint (or reuse) the bearer token and return it with its expiry in
    /// ms since the epoch. Only for a backend's opt-in token-mediating mode:
    /// a token in JS can be stolen by any script on the page.
    #[wasm_bindgen(js_name = mintAccessToken, unchecked_return_type = "Promise<{accessToken: string, expiresAt: number}>")]
    pub fn mint_access_token(&self) -> js_sys::Promise {
        let client = self.client.clone();
        promise(async move {
            let (token, expires_at) = client.access_token().await?;
            to_js(&serde_json::json!({"accessToken": token.expose(), "expiresAt": expires_at}))
        })
    }

    /// End a legacy ZPA, ZIA or ZTW session; resolves at once for OneAPI
    /// tokens and the ZCC, ZDX and ZWA legacy tokens.
    #[wasm_bindgen(js_name = signOut, unchecked_return_type = "Promise<void>")]
    pub fn sign_out(&self) -> js_sys::Promise {
        let client = self.client.clone();
        promise(async move {
            client.sign_out().await?;
            Ok(JsValue::UNDEFINED)
        })
    }
}

// The per-product classes (`ZpaApi`) and getters (`client.zpa`) are
// generated (`codegen/`); product extras follow.
#[cfg(zscaler_product = "zia")]
use crate::zia::js_bindings::ZiaApi;

#[cfg(zscaler_product = "zia")]
#[wasm_bindgen]
impl ZiaApi {
    /// Classify any number of URLs in batches of 100, in input order. A URL
    /// over 1,024 characters is refused before anything is sent.
    #[wasm_bindgen(js_name = lookupUrls, unchecked_return_type = "Promise<Zia.UrlClassificationInfo[]>")]
    pub fn lookup_urls(
        &self,
        #[wasm_bindgen(unchecked_param_type = "string[]")] urls: JsValue,
    ) -> js_sys::Promise {
        let api = self.0.clone();
        promise(async move {
            let urls: Vec<String> = from_js(urls)
                .and_then(|v| serde_json::from_value(v).map_err(|e| e.to_string()))
                .map_err(Error::invalid)?;
            to_js(&api.lookup_urls(&urls).await?)
        })
    }
}

/// Run a call as a JS promise that rejects with a typed `Error`.
/// The built-in transport over the caller's `fetch` instead of the global.
fn transport(fetch: js_sys::Function) -> crate::send::TransportFn {
    let t = crate::transport::Transport::with_fetch(fetch);
    std::sync::Arc::new(move |req, timeout_ms| {
        let t = t.clone();
        Box::pin(async move { t.send(req, timeout_ms).await })
    })
}

pub(crate) fn promise<F>(fut: F) -> js_sys::Promise
where
    F: Future<Output = Result<JsValue, Error>> + 'static,
{
    wasm_bindgen_futures::future_to_promise(async move { fut.await.map_err(|e| to_js_error(&e)) })
}

/// Read an operation's argument object; `undefined` means "no arguments".
pub(crate) fn params(value: impl Into<Option<JsValue>>) -> Result<serde_json::Value, Error> {
    let value = value.into().filter(|v| !v.is_undefined() && !v.is_null());
    let value = value.unwrap_or_else(|| js_sys::Object::new().into());
    from_js(value).map_err(Error::invalid)
}

/// Decode a JS value through its JSON text. Unlike a field-by-field walk,
/// this sees every key, so a misspelt option (`pagesise`) is an error
/// instead of being silently ignored. `BigInt`s become JSON integers.
fn from_js(value: JsValue) -> Result<serde_json::Value, String> {
    let text = body::stringify(&value)?.ok_or_else(|| "expected an object".to_string())?;
    serde_json::from_str(&text).map_err(|e| e.to_string())
}

/// A JS string, boolean, whole number or `null` as the `Value` its JSON
/// text would parse to, read without the text; `None` for anything else,
/// which goes through [`from_js`]. Options and most arguments are such
/// scalars, and reading them directly keeps serde_json's parser off a cold
/// start's path.
pub(crate) fn scalar(value: &JsValue) -> Option<serde_json::Value> {
    use serde_json::Value;
    if let Some(s) = value.as_string() {
        return Some(Value::String(s));
    }
    if let Some(x) = value.as_f64() {
        // Only whole numbers within 2^53, which JS spells exactly: for the
        // rest (fractions, NaN, larger numbers) JSON's reading stands.
        const MAX_SAFE: f64 = 9_007_199_254_740_991.0;
        return (x.fract() == 0.0 && x.abs() <= MAX_SAFE).then(|| match x >= 0.0 {
            true => Value::from(x as u64),
            false => Value::from(x as i64),
        });
    }
    if let Some(b) = value.as_bool() {
        return Some(Value::Bool(b));
    }
    value.is_null().then_some(Value::Null)
}

/// Hand a Rust value to JS as a plain object, through JSON; integers
/// beyond 2^53 − 1 as `BigInt`s, as in answers.
pub(crate) fn to_js<T: serde::Serialize>(value: &T) -> Result<JsValue, Error> {
    let text = serde_json::to_string(value).map_err(|e| Error::invalid(e.to_string()))?;
    body::unscanned(&text).map_err(Error::invalid)
}
