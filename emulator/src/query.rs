//! URL-encoded parsing for query strings and OAuth form bodies.
//!
//! Done by hand so malformed input yields the product's own 400 shape rather
//! than a framework rejection, and so repeated keys keep their order.
//!
//! This module owns query and percent decoding; it may not interpret
//! parameters.

use crate::errors::ApiError;
use crate::product::Product;

/// Decoded `key=value` pairs in the order they appeared.
#[derive(Debug, Clone, Default)]
pub struct Params(pub Vec<(String, String)>);

impl Params {
    /// Parses `a=1&b=x+y` style input; `+` decodes to a space.
    pub fn parse(raw: Option<&str>) -> Params {
        let raw = raw.unwrap_or("");
        Params(
            raw.split('&')
                .filter(|p| !p.is_empty())
                .map(|pair| {
                    let (k, v) = pair.split_once('=').unwrap_or((pair, ""));
                    (decode(k), decode(v))
                })
                .collect(),
        )
    }

    /// The last value for `key`, matched case-sensitively.
    pub fn get(&self, key: &str) -> Option<&str> {
        self.0
            .iter()
            .rev()
            .find(|(k, _)| k == key)
            .map(|(_, v)| v.as_str())
    }

    /// The last value for `key`, ignoring ASCII case of the key (ZIdentity
    /// filter names are documented in lower case but clients vary).
    pub fn get_ci(&self, key: &str) -> Option<&str> {
        self.0
            .iter()
            .rev()
            .find(|(k, _)| k.eq_ignore_ascii_case(key))
            .map(|(_, v)| v.as_str())
    }

    /// An integer parameter: `default` when absent, 400 when not a number or
    /// outside `min..=max`.
    pub fn int(
        &self,
        product: Product,
        key: &str,
        default: i64,
        min: i64,
        max: i64,
    ) -> Result<i64, ApiError> {
        let Some(raw) = self.get(key) else {
            return Ok(default);
        };
        let n: i64 = raw.trim().parse().map_err(|_| {
            ApiError::invalid_param(product, format!("{key} must be an integer, got {raw:?}"))
        })?;
        if n < min || n > max {
            return Err(ApiError::invalid_param(
                product,
                format!("{key} must be between {min} and {max}, got {n}"),
            ));
        }
        Ok(n)
    }
}

/// Percent-decodes one component; invalid escapes are kept literally and
/// invalid UTF-8 is replaced, because a lookup on garbage should simply miss.
pub fn decode(s: &str) -> String {
    decode_with(s, true)
}

/// Percent-decodes a path segment, where `+` is a literal plus sign.
pub fn decode_path(s: &str) -> String {
    decode_with(s, false)
}

fn decode_with(s: &str, plus_is_space: bool) -> String {
    let bytes = s.as_bytes();
    let mut out = Vec::with_capacity(bytes.len());
    let mut i = 0;
    while i < bytes.len() {
        match bytes[i] {
            b'+' if plus_is_space => out.push(b' '),
            b'%' if i + 2 < bytes.len() => match (hex(bytes[i + 1]), hex(bytes[i + 2])) {
                (Some(h), Some(l)) => {
                    out.push(h * 16 + l);
                    i += 2;
                }
                _ => out.push(b'%'),
            },
            b => out.push(b),
        }
        i += 1;
    }
    String::from_utf8_lossy(&out).into_owned()
}

/// Percent-encodes a query component for links the emulator hands out.
pub fn encode(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for b in s.bytes() {
        if b.is_ascii_alphanumeric() || matches!(b, b'-' | b'_' | b'.' | b'~') {
            out.push(b as char);
        } else {
            out.push_str(&format!("%{b:02X}"));
        }
    }
    out
}

fn hex(b: u8) -> Option<u8> {
    match b {
        b'0'..=b'9' => Some(b - b'0'),
        b'a'..=b'f' => Some(b - b'a' + 10),
        b'A'..=b'F' => Some(b - b'A' + 10),
        _ => None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn decodes_plus_and_percent() {
        let p = Params::parse(Some("search=name+EQ+a%2Bb&x=%zz&empty"));
        assert_eq!(p.get("search"), Some("name EQ a+b"));
        assert_eq!(p.get("x"), Some("%zz"));
        assert_eq!(p.get("empty"), Some(""));
        assert_eq!(decode("%E2%9C%93"), "\u{2713}");
        assert_eq!(decode("abc%4"), "abc%4");
        assert_eq!(decode_path("a+b%20c"), "a+b c");
    }

    #[test]
    fn encode_round_trips() {
        let s = "a b&c=d/é";
        assert_eq!(decode(&encode(s)), s);
    }
}
