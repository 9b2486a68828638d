//! The JavaScript API: `new ZscalerClient(options)` with one object per
//! product (`client.zpa`, `client.zia`, `client.zidentity`). The per
//! operation methods are generated; this file holds what they share.

mod errors;
#[cfg(feature = "zpa")]
pub(crate) mod iter;
pub(crate) mod table;

use crate::{Client, ClientOptions, Error};
use serde::de::DeserializeOwned;
use std::future::Future;
use wasm_bindgen::prelude::*;

pub(crate) use errors::to_js_error;

#[wasm_bindgen(typescript_custom_section)]
const TS_OPTIONS: &str = r#"
/** Options of `new ZscalerClient(...)`. */
export interface ClientOptions {
  /** OneAPI client id; server-side only, with `clientSecret`. */
  clientId?: string;
  /** OneAPI client secret. Never ship it to a browser: use `tokenEndpoint`. */
  clientSecret?: string;
  /** ZIdentity vanity domain: `acme` for acme.zslogin.net. */
  vanityDomain?: string;
  /** Zscaler cloud, e.g. `beta`; production when absent. */
  cloud?: string;
  /** API origin override, e.g. an emulator: `http://127.0.0.1:8080`. */
  baseUrl?: string;
  /** OAuth token URL override. */
  tokenUrl?: string;
  /** Backend URL answering POST with `{access_token, expires_in}`. */
  tokenEndpoint?: string;
  /** ZPA tenant id, as a string of digits. */
  customerId?: string;
  /** Default ZPA microtenant. */
  microtenantId?: string;
  /** Per-request timeout in milliseconds (default 30000). */
  timeoutMs?: number;
}

/** What every error thrown by this package carries besides `message`. */
export interface ZscalerErrorFields {
  /** `ZscalerApiError`, `RateLimitError`, `AuthError`, `ConfigError`,
   * `InvalidArgumentError`, `TransportError`, `TimeoutError` or `DecodeError`. */
  name: string;
  /** The product's error code, or one of ours (`CONFIG`, `DECODE`, `HTTP_404`...). */
  code: string;
  /** HTTP status, when the server answered. */
  status?: number;
  /** The gateway's request id, when it sent one. */
  requestId?: string;
}
"#;

/// The entry point of the JS API.
#[wasm_bindgen]
pub struct ZscalerClient {
    client: Client,
}

#[wasm_bindgen]
impl ZscalerClient {
    /// Validate the options and build a client. Throws a `ConfigError`.
    #[wasm_bindgen(constructor)]
    pub fn new(
        #[wasm_bindgen(unchecked_param_type = "ClientOptions")] options: JsValue,
    ) -> Result<ZscalerClient, JsValue> {
        let options: ClientOptions =
            from_js(options).map_err(|e| to_js_error(&Error::config(e)))?;
        Client::new(options)
            .map(|client| ZscalerClient { client })
            .map_err(|e| to_js_error(&e))
    }

    /// ZPA operations.
    #[cfg(feature = "zpa")]
    #[wasm_bindgen(getter)]
    pub fn zpa(&self) -> ZpaApi {
        ZpaApi(self.client.zpa())
    }

    /// ZIA operations.
    #[cfg(feature = "zia")]
    #[wasm_bindgen(getter)]
    pub fn zia(&self) -> ZiaApi {
        ZiaApi(self.client.zia())
    }

    /// ZIdentity operations.
    #[cfg(feature = "zidentity")]
    #[wasm_bindgen(getter)]
    pub fn zidentity(&self) -> ZidentityApi {
        ZidentityApi(self.client.zidentity())
    }
}

/// ZPA operations (`client.zpa`).
#[cfg(feature = "zpa")]
#[wasm_bindgen]
pub struct ZpaApi(pub(crate) crate::Zpa);

/// ZIA operations (`client.zia`).
#[cfg(feature = "zia")]
#[wasm_bindgen]
pub struct ZiaApi(pub(crate) crate::Zia);

/// ZIdentity operations (`client.zidentity`).
#[cfg(feature = "zidentity")]
#[wasm_bindgen]
pub struct ZidentityApi(pub(crate) crate::Zidentity);

#[cfg(feature = "zia")]
#[wasm_bindgen]
impl ZiaApi {
    /// Whether this client made ZIA changes that are not activated yet.
    #[wasm_bindgen(getter, js_name = pendingChanges)]
    pub fn pending_changes(&self) -> bool {
        self.0.pending_changes()
    }

    /// Classify any number of URLs in batches of 100, in input order. A URL
    /// over 1,024 characters is refused before anything is sent.
    #[wasm_bindgen(js_name = lookupUrls, unchecked_return_type = "Promise<Zia.UrlClassificationInfo[]>")]
    pub fn lookup_urls(
        &self,
        #[wasm_bindgen(unchecked_param_type = "string[]")] urls: JsValue,
    ) -> js_sys::Promise {
        let api = self.0.clone();
        promise(async move {
            let urls: Vec<String> = from_js(urls).map_err(Error::invalid)?;
            to_js(&api.lookup_urls(&urls).await?)
        })
    }
}

/// Run a call as a JS promise that rejects with a typed `Error`.
pub(crate) fn promise<F>(fut: F) -> js_sys::Promise
where
    F: Future<Output = Result<JsValue, Error>> + 'static,
{
    wasm_bindgen_futures::future_to_promise(async move { fut.await.map_err(|e| to_js_error(&e)) })
}

/// Read an operation's argument object; `undefined` means "no arguments".
pub(crate) fn params<T: DeserializeOwned>(value: impl Into<Option<JsValue>>) -> Result<T, Error> {
    let value = value.into().filter(|v| !v.is_undefined() && !v.is_null());
    let value = value.unwrap_or_else(|| js_sys::Object::new().into());
    from_js(value).map_err(Error::invalid)
}

/// Decode a JS value through its JSON text. Unlike a field-by-field walk,
/// this sees every key, so a misspelt option (`pagesise`) is an error
/// instead of being silently ignored.
fn from_js<T: DeserializeOwned>(value: JsValue) -> Result<T, String> {
    let text = js_sys::JSON::stringify(&value)
        .map_err(|_| "value cannot be encoded as JSON (BigInt or a cycle?)".to_string())?
        .as_string()
        .ok_or_else(|| "expected an object".to_string())?;
    serde_json::from_str(&text).map_err(|e| e.to_string())
}

/// Hand a Rust value to JS as a plain object, through JSON.
pub(crate) fn to_js<T: serde::Serialize>(value: &T) -> Result<JsValue, Error> {
    let text = serde_json::to_string(value).map_err(|e| Error::invalid(e.to_string()))?;
    js_sys::JSON::parse(&text).map_err(|_| Error::invalid("value is not JSON"))
}
