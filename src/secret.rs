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
        match serde_json::Value::deserialize(d) {
            Ok(serde_json::Value::String(s)) => Ok(Secret(s)),
            Ok(v @ serde_json::Value::Object(_)) => Ok(Secret(v.to_string())),
            _ => Err(serde::de::Error::custom("a credential must be a string")),
        }
    }
}
