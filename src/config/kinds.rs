//! How each kind of option is read from JSON.
//!
//! Reading a `serde_json::Value` by hand instead of deriving `Deserialize`
//! keeps serde's typed visitors and, through their messages, the float
//! formatter out of the wasm build (about a tenth of the ZIdentity-only
//! package). It also lets every message name the option in its JS spelling
//! and never quote a value, which may be a credential.

use crate::Secret;
use serde_json::Value;
use std::collections::BTreeMap;

/// A kind of option: the Rust type it holds and how JSON becomes it.
pub trait OptionKind {
    /// The field's type inside its `Option`.
    type Value;
    /// Read `v` for option `key`; `null` is absent.
    fn read(key: &str, v: Value) -> Result<Option<Self::Value>, String>;

    /// Read `v` into the option's field. Out of line, so that each of the
    /// generated `ClientOptions::set`'s arms is one call: with every kind
    /// inlined into every arm, `set` was a 4 KB function that each cold
    /// start compiled whole.
    #[inline(never)]
    fn read_into(key: &str, v: Value, field: &mut Option<Self::Value>) -> Result<(), String> {
        *field = Self::read(key, v)?;
        Ok(())
    }
}

/// Plain text.
pub struct Text;
/// Text that is a credential: kept in a [`Secret`]; a JWK object is taken
/// as its JSON text.
pub struct SecretText;
/// `true` or `false`.
pub struct Flag;
/// A whole number, 0 or more.
pub struct Whole;
/// A whole number that fits 32 bits (an attempt count).
pub struct Count;
/// An object of header names to string values.
pub struct HeaderMap;

impl OptionKind for Text {
    type Value = String;
    fn read(key: &str, v: Value) -> Result<Option<String>, String> {
        match v {
            Value::Null => Ok(None),
            Value::String(s) => Ok(Some(s)),
            _ => Err(format!("{key} must be a string")),
        }
    }
}

impl OptionKind for SecretText {
    type Value = Secret;
    fn read(key: &str, v: Value) -> Result<Option<Secret>, String> {
        match v {
            Value::Null => Ok(None),
            v => Secret::from_json(v)
                .map(Some)
                .ok_or_else(|| format!("{key} must be a string")),
        }
    }
}

impl OptionKind for Flag {
    type Value = bool;
    fn read(key: &str, v: Value) -> Result<Option<bool>, String> {
        match v {
            Value::Null => Ok(None),
            Value::Bool(b) => Ok(Some(b)),
            _ => Err(format!("{key} must be true or false")),
        }
    }
}

impl OptionKind for Whole {
    type Value = u64;
    fn read(key: &str, v: Value) -> Result<Option<u64>, String> {
        match v {
            Value::Null => Ok(None),
            v => v
                .as_u64()
                .map(Some)
                .ok_or_else(|| format!("{key} must be a whole number, 0 or more")),
        }
    }
}

impl OptionKind for Count {
    type Value = u32;
    fn read(key: &str, v: Value) -> Result<Option<u32>, String> {
        Whole::read(key, v)?
            .map(u32::try_from)
            .transpose()
            .map_err(|_| format!("{key} is too large"))
    }
}

impl OptionKind for HeaderMap {
    type Value = BTreeMap<String, String>;
    fn read(key: &str, v: Value) -> Result<Option<Self::Value>, String> {
        let map = match v {
            Value::Null => return Ok(None),
            Value::Object(map) => map,
            _ => return Err(format!("{key} must be an object of strings")),
        };
        map.into_iter()
            .map(|(name, value)| match value {
                Value::String(s) => Ok((name, s)),
                _ => Err(format!("header {name:?} must be a string")),
            })
            .collect::<Result<_, _>>()
            .map(Some)
    }
}
