//! The client options object as JS passes it: functions taken out by
//! name, everything else checked before it crosses as JSON.
//!
//! JSON cannot carry a function, so without this a misspelt or unknown
//! function-valued option (`onlog`, `fecth`) would vanish on the way in
//! instead of being the error that every other unknown option is.

use crate::config::{ClientOptions, JS_ONLY_OPTIONS};
use crate::Error;
use wasm_bindgen::prelude::*;
use wasm_bindgen::JsCast;

/// The options split in two.
pub struct Split {
    /// What remains, for [`ClientOptions::from_json`].
    pub data: JsValue,
    /// `onLog`.
    pub on_log: Option<js_sys::Function>,
    /// `fetch`.
    pub fetch: Option<js_sys::Function>,
}

/// Take the function-valued options out of `options`; any function under
/// another name is an error that names it.
pub fn split(options: JsValue) -> Result<Split, Error> {
    let mut out = Split {
        data: options.clone(),
        on_log: None,
        fetch: None,
    };
    let Some(object) = options.dyn_ref::<js_sys::Object>() else {
        // Not an object: the JSON reader says so.
        return Ok(out);
    };
    if options.is_function() || js_sys::Array::is_array(&options) {
        return Ok(out);
    }
    let data = js_sys::Object::new();
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
                _ => unreachable!("every JS-only option is taken above"),
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
        js_sys::Reflect::set(&data, &key, &value).map_err(|_| Error::config("options"))?;
    }
    out.data = data.into();
    Ok(out)
}
