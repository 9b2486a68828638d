//! The second argument of every operation method: call options
//! `{signal, timeoutMs, maxAttempts, headers, withResponse}`. Every key is
//! checked, so a misspelt option or a stray argument is an error instead
//! of being ignored; `signal` cancels by racing the call against it, so
//! dropping the call's future aborts its `fetch` and any wait.

use crate::{CallOptions, Error};
use futures_util::future::{select, Either};
use std::future::Future;
use wasm_bindgen::prelude::*;
use wasm_bindgen::JsCast;
use wasm_bindgen_futures::JsFuture;

#[wasm_bindgen(module = "/src/js/abort.js")]
extern "C" {
    #[wasm_bindgen(js_name = whenAborted)]
    fn when_aborted(signal: &web_sys::AbortSignal) -> JsValue;
}

/// What a method's second argument asks for.
#[derive(Default)]
pub(crate) struct Call {
    /// Overrides of the client options, if any were given.
    pub settings: Option<CallOptions>,
    /// Cancels the call.
    pub signal: Option<web_sys::AbortSignal>,
    /// Resolve to `{data, status, headers}` instead of the data.
    pub with_response: bool,
}

const SHAPE: &str = "{signal, timeoutMs, maxAttempts, headers, withResponse, prefetch}";

/// Read a method's second argument (`undefined` and `null` mean none).
pub(crate) fn read(value: Option<JsValue>) -> Result<Call, Error> {
    match value.filter(|v| !v.is_undefined() && !v.is_null()) {
        None => Ok(Call::default()),
        Some(value) => read_given(value),
    }
}

/// [`read`] for a given object. Out of line: V8 compiles a wasm function
/// whole on its first call, and most calls pass no options, so a cold
/// start need not compile the option checks.
#[inline(never)]
fn read_given(value: JsValue) -> Result<Call, Error> {
    if !value.is_object() || value.is_function() || js_sys::Array::is_array(&value) {
        return Err(Error::invalid(format!(
            "the second argument must be a call-options object {SHAPE}, not {}",
            type_name(&value)
        )));
    }
    let mut call = Call::default();
    let mut settings = CallOptions::default();
    let mut overrides = false;
    let object: &js_sys::Object = value.unchecked_ref();
    for key in js_sys::Object::keys(object).iter() {
        let name = key.as_string().unwrap_or_default();
        let v = js_sys::Reflect::get(object, &key).unwrap_or(JsValue::UNDEFINED);
        if v.is_undefined() {
            continue;
        }
        match name.as_str() {
            "signal" => {
                call.signal = Some(v.dyn_into().map_err(|v| {
                    Error::invalid(format!(
                        "signal must be an AbortSignal, not {}",
                        type_name(&v)
                    ))
                })?)
            }
            "timeoutMs" => settings.timeout_ms = Some(count(&name, &v)?),
            "maxAttempts" => {
                let n = count(&name, &v)?;
                settings.max_attempts = Some(u32::try_from(n).unwrap_or(u32::MAX));
            }
            "headers" => settings.headers = headers(&v)?,
            "prefetch" => {
                settings.prefetch = Some(usize::try_from(count(&name, &v)?).unwrap_or(usize::MAX))
            }
            "withResponse" => {
                call.with_response = v
                    .as_bool()
                    .ok_or_else(|| Error::invalid("withResponse must be true or false"))?
            }
            _ => {
                return Err(Error::invalid(format!(
                    "unknown call option {name:?} (call options are {SHAPE})"
                )))
            }
        }
        overrides |= matches!(
            name.as_str(),
            "timeoutMs" | "maxAttempts" | "headers" | "prefetch"
        );
    }
    if overrides {
        call.settings = Some(settings.checked()?);
    }
    Ok(call)
}

/// A whole number of at least 1.
fn count(name: &str, v: &JsValue) -> Result<u64, Error> {
    match v.as_f64() {
        Some(n) if n >= 1.0 && n.fract() == 0.0 && n <= 9.0e15 => Ok(n as u64),
        _ => Err(Error::invalid(format!(
            "{name} must be a whole number of at least 1"
        ))),
    }
}

/// A plain object of string values.
fn headers(v: &JsValue) -> Result<Vec<(String, String)>, Error> {
    let bad = || Error::invalid("headers must be an object of strings");
    if !v.is_object() || v.is_function() || js_sys::Array::is_array(v) {
        return Err(bad());
    }
    let object: &js_sys::Object = v.unchecked_ref();
    js_sys::Object::entries(object)
        .iter()
        .map(|pair| {
            let pair: js_sys::Array = pair.unchecked_into();
            match (pair.get(0).as_string(), pair.get(1).as_string()) {
                (Some(k), Some(v)) => Ok((k, v)),
                _ => Err(bad()),
            }
        })
        .collect()
}

fn type_name(v: &JsValue) -> String {
    if v.is_function() {
        "a function".into()
    } else if js_sys::Array::is_array(v) {
        "an array".into()
    } else {
        v.js_typeof().as_string().unwrap_or_default()
    }
}

impl Call {
    /// The client the call runs on: `client` itself, or a handle carrying
    /// the call's overrides.
    pub(crate) fn client(&mut self, client: &crate::Client) -> Result<crate::Client, Error> {
        match self.settings.take() {
            Some(settings) => client.with_call_options(settings),
            None => Ok(client.clone()),
        }
    }
}

/// `fut` as a JS promise that `signal` can abort, rejecting with the typed
/// JS error (an abort's carrying the signal's reason).
pub(crate) fn promise<F>(fut: F, signal: Option<web_sys::AbortSignal>) -> js_sys::Promise
where
    F: Future<Output = Result<JsValue, Error>> + 'static,
{
    // One boxed type keeps a single copy of the race in the wasm, whatever
    // the call's future is.
    let fut: std::pin::Pin<Box<dyn Future<Output = Result<JsValue, Error>>>> = Box::pin(fut);
    wasm_bindgen_futures::future_to_promise(async move {
        abortable(fut, signal.as_ref())
            .await
            .map_err(|e| js_error(&e, signal.as_ref()))
    })
}

/// Run `fut` until it ends or `signal` aborts, whichever is first. On
/// abort the future is dropped (its transport guard aborts the `fetch`,
/// its timers are forgotten) and the call fails with [`Error::Aborted`].
pub(crate) async fn abortable<T>(
    fut: impl Future<Output = Result<T, Error>>,
    signal: Option<&web_sys::AbortSignal>,
) -> Result<T, Error> {
    let Some(signal) = signal else {
        return fut.await;
    };
    if signal.aborted() {
        return Err(Error::Aborted);
    }
    let watch = when_aborted(signal);
    let get = |k: &str| js_sys::Reflect::get(&watch, &k.into()).unwrap_or(JsValue::UNDEFINED);
    let aborted = JsFuture::from(js_sys::Promise::from(get("promise")));
    let off: Option<js_sys::Function> = get("off").dyn_into().ok();
    let result = match select(std::pin::pin!(fut), aborted).await {
        Either::Left((result, _)) => result,
        Either::Right(_) => Err(Error::Aborted),
    };
    if let Some(off) = off {
        let _ = off.call0(&JsValue::UNDEFINED);
    }
    result
}

/// The JS error for `e`; an abort carries the signal's reason as `cause`.
pub(crate) fn js_error(e: &Error, signal: Option<&web_sys::AbortSignal>) -> JsValue {
    let err = super::to_js_error(e);
    if let (Error::Aborted, Some(signal)) = (e, signal) {
        let _ = js_sys::Reflect::set(&err, &"cause".into(), &signal.reason());
    }
    err
}
