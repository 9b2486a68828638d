//! The client options object as JS passes it, read key by key.
//!
//! JSON cannot carry a function, so reading the object through its JSON
//! text would lose a misspelt or unknown function-valued option (`onlog`,
//! `fecth`) on the way in instead of making it the error that every other
//! unknown option is. Options are also read without that text: every value
//! but a header map or a JWK is a string, a number or a boolean, and taking
//! those as they are keeps serde_json's parser off a cold start's path.

use super::{from_js, scalar};
use crate::config::{ClientOptions, JS_ONLY_OPTIONS};
use crate::Error;
use wasm_bindgen::prelude::*;
use wasm_bindgen::JsCast;

/// The options read: the JSON-shaped ones and the functions.
pub struct Read {
    /// Everything JSON can hold.
    pub options: ClientOptions,
    /// `onLog`.
    pub on_log: Option<js_sys::Function>,
    /// `fetch`.
    pub fetch: Option<js_sys::Function>,
}

/// Read `options`; any function under a name other than a JS-only
/// option's is an error that names it.
pub fn read(options: JsValue) -> Result<Read, Error> {
    let mut out = Read {
        options: ClientOptions::default(),
        on_log: None,
        fetch: None,
    };
    let object = match options.dyn_ref::<js_sys::Object>() {
        Some(object) if !options.is_function() && !js_sys::Array::is_array(&options) => object,
        // Not an object: the JSON reader's message says so.
        _ => {
            out.options = from_js(options)
                .and_then(ClientOptions::from_json)
                .map_err(Error::config)?;
            return Ok(out);
        }
    };
    for key in js_sys::Object::keys(object).iter() {
        let name = key.as_string().unwrap_or_default();
        let value = js_sys::Reflect::get(object, &key).unwrap_or(JsValue::UNDEFINED);
        if JS_ONLY_OPTIONS.contains(&name.as_str()) {
            if value.is_undefined() || value.is_null() {
                continue;
            }
            let f: js_sys::Function = value
                .dyn_into()
                .map_err(|_| Error::config(format!("{name} must be a function")))?;
            match name.as_str() {
                "onLog" => out.on_log = Some(f),
                "fetch" => out.fetch = Some(f),
                // A JS-only option added to the table but not taken here:
                // an error, not a panic, since this runs under a JS call.
                _ => return Err(Error::config(format!("{name} is not read by this build"))),
            }
            continue;
        }
        if value.is_function() {
            // An unknown name gets the reader's own message; a known one
            // says what it takes instead.
            ClientOptions::check_name(&name).map_err(Error::config)?;
            return Err(Error::config(format!(
                "{name} must not be a function (it takes a value)"
            )));
        }
        // JSON leaves an `undefined` member out, so it is an absent option.
        if value.is_undefined() {
            ClientOptions::check_name(&name).map_err(Error::config)?;
            continue;
        }
        let value = match scalar(&value) {
            Some(v) => v,
            None => match from_js(value).map_err(Error::config)? {
                // NaN and the infinities, which JSON quietly makes `null`
                // (a real `null` is a scalar, read above).
                serde_json::Value::Null => {
                    ClientOptions::check_name(&name).map_err(Error::config)?;
                    return Err(Error::config(format!("{name} must be a finite number")));
                }
                v => v,
            },
        };
        out.options.set(&name, value).map_err(Error::config)?;
    }
    Ok(out)
}
