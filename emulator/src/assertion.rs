//! Checks a private-key JWT client assertion (RFC 7523 §3) sent to the
//! token endpoint in place of a client secret.
//!
//! Accepted: a compact JWS with `alg` RS256 or ES256, signed by a key
//! registered for the client (see `client_keys`); `iss` and `sub` equal to
//! the client id; `aud` the token URL the request was sent to or
//! `https://api.zscaler.com`; `exp` in the future; `iat` and `nbf`, when
//! present, not beyond a small clock skew; a `jti` never seen before. Every
//! failure is a user-facing reason, never an echo of the assertion.

use serde_json::Value;

use crate::auth::AUDIENCE;
use crate::client_keys::ClientKeys;

/// The only `client_assertion_type` defined for JWTs.
pub const ASSERTION_TYPE: &str = "urn:ietf:params:oauth:client-assertion-type:jwt-bearer";

/// How far a client's clock may run ahead of ours, for `iat` and `nbf`.
pub const CLOCK_SKEW_SECS: u64 = 60;

/// What the assertion is checked against.
pub struct Expected<'a> {
    /// The client id the emulator is configured with.
    pub client_id: &'a str,
    /// The token URLs the request could have been addressed to.
    pub token_urls: &'a [String],
    /// Seconds since the epoch.
    pub now: u64,
}

fn decode_json(part: &str, what: &str) -> Result<Value, String> {
    let bytes =
        crate::auth::decode_base64(part).ok_or(format!("assertion {what} is not base64url"))?;
    let v: Value =
        serde_json::from_slice(&bytes).map_err(|_| format!("assertion {what} is not JSON"))?;
    if !v.is_object() {
        return Err(format!("assertion {what} is not a JSON object"));
    }
    Ok(v)
}

/// A numeric date claim; `None` when absent, an error when not a number.
fn date(claims: &Value, name: &str) -> Result<Option<u64>, String> {
    match claims.get(name) {
        None => Ok(None),
        Some(v) => v
            .as_f64()
            .filter(|n| n.is_finite() && *n >= 0.0)
            .map(|n| Some(n as u64))
            .ok_or(format!("{name} must be a NumericDate")),
    }
}

/// The audience matches when `aud` (a string or an array of them) names
/// one of the accepted values.
fn audience_ok(aud: Option<&Value>, accepted: &[&str]) -> bool {
    match aud {
        Some(Value::String(s)) => accepted.contains(&s.as_str()),
        Some(Value::Array(list)) => list
            .iter()
            .filter_map(Value::as_str)
            .any(|s| accepted.contains(&s)),
        _ => false,
    }
}

/// Verifies `jwt`, and on success records its `jti` so it cannot be used
/// again.
pub fn verify(jwt: &str, keys: &ClientKeys, expected: &Expected<'_>) -> Result<(), String> {
    let mut parts = jwt.split('.');
    let (Some(h), Some(c), Some(s), None) =
        (parts.next(), parts.next(), parts.next(), parts.next())
    else {
        return Err("assertion is not a compact JWS (header.claims.signature)".into());
    };
    let header = decode_json(h, "header")?;
    let alg = header.get("alg").and_then(Value::as_str).unwrap_or("");
    if alg != "RS256" && alg != "ES256" {
        return Err(format!("assertion alg must be RS256 or ES256, got {alg:?}"));
    }
    if header.get("crit").is_some() {
        return Err("assertion header has crit extensions, none are supported".into());
    }
    let claims = decode_json(c, "claims")?;
    let sig = crate::auth::decode_base64(s).ok_or("assertion signature is not base64url")?;
    let input = &jwt[..h.len() + 1 + c.len()];
    if !keys.any_verifies(alg, input.as_bytes(), &sig) {
        return Err(format!(
            "assertion signature does not verify with any registered {alg} key"
        ));
    }

    let text = |k: &str| claims.get(k).and_then(Value::as_str);
    if text("iss") != Some(expected.client_id) || text("sub") != Some(expected.client_id) {
        return Err("assertion iss and sub must both be the client id".into());
    }
    let mut accepted: Vec<&str> = expected.token_urls.iter().map(String::as_str).collect();
    accepted.push(AUDIENCE);
    if !audience_ok(claims.get("aud"), &accepted) {
        return Err(format!("assertion aud must be the token URL or {AUDIENCE}"));
    }
    let now = expected.now;
    let exp = date(&claims, "exp")?.ok_or("assertion has no exp")?;
    if exp <= now {
        return Err("assertion has expired".into());
    }
    if date(&claims, "iat")?.is_some_and(|iat| iat > now + CLOCK_SKEW_SECS) {
        return Err("assertion iat is in the future".into());
    }
    if date(&claims, "nbf")?.is_some_and(|nbf| nbf > now + CLOCK_SKEW_SECS) {
        return Err("assertion is not valid yet (nbf)".into());
    }
    let jti = text("jti")
        .filter(|j| !j.is_empty())
        .ok_or("assertion has no jti")?;
    if !keys.first_use(jti, exp, now) {
        return Err("assertion jti was already used".into());
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn audience_forms() {
        let ok = ["https://api.zscaler.com"];
        assert!(audience_ok(Some(&json!("https://api.zscaler.com")), &ok));
        assert!(audience_ok(
            Some(&json!(["x", "https://api.zscaler.com"])),
            &ok
        ));
        assert!(!audience_ok(Some(&json!("https://evil.example")), &ok));
        assert!(!audience_ok(Some(&json!(5)), &ok));
        assert!(!audience_ok(None, &ok));
    }

    #[test]
    fn malformed_assertions_are_refused_before_any_key_lookup() {
        let keys = ClientKeys::new(Vec::new());
        let urls = vec!["http://h/oauth2/v1/token".to_string()];
        let exp = Expected {
            client_id: "c",
            token_urls: &urls,
            now: 1000,
        };
        for jwt in ["", "a.b", "a.b.c.d", "!.e30.", "e30.e30.sig"] {
            assert!(verify(jwt, &keys, &exp).is_err(), "{jwt}");
        }
        // {"alg":"none"} . {} . (empty)
        let none = "eyJhbGciOiJub25lIn0.e30.";
        assert!(verify(none, &keys, &exp).unwrap_err().contains("alg"));
    }
}
