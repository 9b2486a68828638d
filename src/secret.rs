//! A string that must never be printed: client secrets and access tokens.

use std::fmt;

/// Holds a credential. `Debug` and `Display` print a fixed placeholder, so a
/// secret cannot reach logs or error messages through formatting.
#[derive(Clone, PartialEq, Eq)]
pub struct Secret(String);

impl Secret {
    /// Wrap a credential.
    pub fn new(value: impl Into<String>) -> Self {
        Self(value.into())
    }

    /// A string, or an object (a JWK) kept as its JSON text; `None` for
    /// any other JSON.
    pub fn from_json(value: serde_json::Value) -> Option<Self> {
        match value {
            serde_json::Value::String(s) => Some(Secret(s)),
            v @ serde_json::Value::Object(_) => Some(Secret(v.to_string())),
            _ => None,
        }
    }

    /// The raw value, for the one place that must send it.
    pub fn expose(&self) -> &str {
        &self.0
    }
}

impl fmt::Debug for Secret {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("Secret(<redacted>)")
    }
}

impl fmt::Display for Secret {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("<redacted>")
    }
}

/// A string, or an object (a JWK) kept as its JSON text.
impl<'de> serde::Deserialize<'de> for Secret {
    fn deserialize<D: serde::Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        // Errors name the expected shape only: serde would otherwise quote
        // the offending value, which may be the credential itself.
        serde_json::Value::deserialize(d)
            .ok()
            .and_then(Secret::from_json)
            .ok_or_else(|| serde::de::Error::custom("a credential must be a string"))
    }
}
