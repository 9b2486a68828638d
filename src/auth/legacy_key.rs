//! The pre-OneAPI API-key logins that answer a token in a JSON body:
//! ZCC `/papi/auth/v1/login` (sent back as an `auth-token` header), ZDX
//! `/v1/oauth/token` (the secret hashed with a timestamp) and ZWA
//! `/v1/auth/api-key/token` (both sent back as a bearer token).
//!
//! Each takes a key id and a key secret, which the options give as
//! `clientId` and `clientSecret`, as legacy ZPA's pair is given.

use super::oauth::{auth_error, expires_in_ms};
use super::{Credential, TokenSource};
use crate::http::{HttpRequest, HttpResponse};
use crate::{Error, Secret};
use serde_json::{json, Value};

/// Lifetime assumed when an answer states none and its token carries no
/// readable `exp`: the OneAPI default.
const DEFAULT_LIFETIME_MS: f64 = 3_600_000.0;

/// Which API-key login a [`TokenSource::LegacyKey`] performs.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum KeyLogin {
    /// ZCC: `{apiKey, secretKey}` → `{jwtToken}`, sent as `auth-token`.
    Zcc,
    /// ZDX: `{key_id, key_secret: sha256(secret:ts), timestamp}` → `{token}`.
    Zdx,
    /// ZWA: `{key_id, key_secret}` → `{token}`.
    Zwa,
}

impl KeyLogin {
    /// The login path on the product's legacy host.
    pub(crate) fn path(self) -> &'static str {
        match self {
            KeyLogin::Zcc => "/papi/auth/v1/login",
            KeyLogin::Zdx => "/v1/oauth/token",
            KeyLogin::Zwa => "/v1/auth/api-key/token",
        }
    }

    /// The answer's field holding the token.
    fn token_field(self) -> &'static str {
        match self {
            KeyLogin::Zcc => "jwtToken",
            KeyLogin::Zdx | KeyLogin::Zwa => "token",
        }
    }
}

/// Lowercase hex SHA-256 of `text`: ZDX proves the secret by hashing it
/// with the timestamp rather than sending it.
#[cfg(feature = "zdx")]
fn sha256_hex(text: &str) -> String {
    use sha2::Digest;
    sha2::Sha256::digest(text.as_bytes())
        .iter()
        .map(|b| format!("{b:02x}"))
        .collect()
}

/// The login request of a [`TokenSource::LegacyKey`] at `now_ms`.
pub(crate) fn login(source: &TokenSource, now_ms: f64) -> Result<HttpRequest, Error> {
    let TokenSource::LegacyKey {
        login,
        base,
        key_id,
        key_secret,
    } = source
    else {
        return Err(Error::config("not a legacy API-key source"));
    };
    let body = match login {
        KeyLogin::Zcc => json!({"apiKey": key_id, "secretKey": key_secret.expose()}),
        #[cfg(feature = "zdx")]
        KeyLogin::Zdx => {
            let ts = (now_ms / 1000.0) as u64;
            let hash = sha256_hex(&format!("{}:{ts}", key_secret.expose()));
            json!({"key_id": key_id, "key_secret": hash, "timestamp": ts})
        }
        #[cfg(not(feature = "zdx"))]
        KeyLogin::Zdx => {
            let _ = now_ms;
            return Err(Error::config("the zdx feature is off"));
        }
        KeyLogin::Zwa => json!({"key_id": key_id, "key_secret": key_secret.expose()}),
    };
    Ok(HttpRequest {
        method: "POST",
        url: format!("{base}{}", login.path()),
        headers: vec![
            ("content-type".into(), "application/json".into()),
            ("accept".into(), "application/json".into()),
        ],
        body: Some(body.to_string()),
    })
}

/// Seconds from now to the `exp` claim of a JWT-shaped `token`, if readable.
fn jwt_lifetime_ms(token: &str, now_ms: f64) -> Option<f64> {
    let payload = token.split('.').nth(1)?;
    // Through text: serde_json's slice reader would be a second copy of
    // its whole parser in the wasm, for this one call.
    let text = String::from_utf8(super::jwt::base64_decode(payload)?).ok()?;
    let claims: Value = serde_json::from_str(&text).ok()?;
    let exp = claims.get("exp")?.as_f64()?;
    Some(exp * 1000.0 - now_ms).filter(|ms| *ms > 0.0)
}

/// The credential from a login answer, and its lifetime: the answer's
/// `expires_in` when given, else the token's own `exp`, else an hour.
pub(crate) fn credential(
    login: KeyLogin,
    resp: &HttpResponse,
    now_ms: f64,
) -> Result<(Credential, f64), Error> {
    if !resp.is_success() {
        return Err(auth_error(resp));
    }
    // No body excerpt: a successful answer holds the credential.
    let fail = |message: String| Error::Auth {
        status: Some(resp.status),
        message,
        request_id: resp.request_id(),
        context: Default::default(),
    };
    let Ok(Value::Object(mut body)) = serde_json::from_str(&resp.body) else {
        // Not quoted: a non-JSON answer may still hold a token.
        return Err(fail("login response is not a JSON object".into()));
    };
    let field = login.token_field();
    let token = match body.remove(field) {
        Some(Value::String(t)) if !t.is_empty() => Secret::new(t),
        _ => return Err(fail(format!("login response has no {field} string"))),
    };
    let lifetime = match body.get("expires_in") {
        Some(v) if !v.is_null() => expires_in_ms(Some(v)).map_err(fail)?,
        _ => jwt_lifetime_ms(token.expose(), now_ms).unwrap_or(DEFAULT_LIFETIME_MS),
    };
    let credential = match login {
        KeyLogin::Zcc => Credential::AuthToken(token),
        KeyLogin::Zdx | KeyLogin::Zwa => Credential::Bearer(token),
    };
    Ok((credential, lifetime))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn resp(status: u16, body: &str) -> HttpResponse {
        HttpResponse {
            status,
            headers: vec![],
            body: body.into(),
            bytes: None,
        }
    }

    fn source(login: KeyLogin) -> TokenSource {
        TokenSource::LegacyKey {
            login,
            base: "https://h".into(),
            key_id: "kid".into(),
            key_secret: Secret::new("s3cr3t"),
        }
    }

    #[cfg(feature = "zdx")]
    #[test]
    fn zdx_sends_the_hash_of_secret_and_timestamp_not_the_secret() {
        // FIPS 180-2's "abc" vector pins the hash itself.
        let want = sha256_hex("s3cr3t:1700000000");
        assert_eq!(
            sha256_hex("abc"),
            "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad"
        );
        let req = login(&source(KeyLogin::Zdx), 1_700_000_000_999.0).unwrap();
        assert_eq!(req.url, "https://h/v1/oauth/token");
        let body: Value = serde_json::from_str(req.body.as_deref().unwrap()).unwrap();
        assert_eq!(
            body,
            json!({"key_id": "kid", "key_secret": want, "timestamp": 1_700_000_000u64})
        );
    }

    #[test]
    fn zcc_and_zwa_bodies_and_credentials() {
        let req = login(&source(KeyLogin::Zcc), 0.0).unwrap();
        assert_eq!(req.url, "https://h/papi/auth/v1/login");
        let body: Value = serde_json::from_str(req.body.as_deref().unwrap()).unwrap();
        assert_eq!(body, json!({"apiKey": "kid", "secretKey": "s3cr3t"}));
        let req = login(&source(KeyLogin::Zwa), 0.0).unwrap();
        assert_eq!(req.url, "https://h/v1/auth/api-key/token");

        let (c, ms) = credential(KeyLogin::Zcc, &resp(200, r#"{"jwtToken":"t"}"#), 0.0).unwrap();
        assert_eq!(c, Credential::AuthToken(Secret::new("t")));
        assert_eq!(ms, DEFAULT_LIFETIME_MS);
        let (c, ms) = credential(
            KeyLogin::Zwa,
            &resp(200, r#"{"token":"t","expires_in":60}"#),
            0.0,
        )
        .unwrap();
        assert_eq!(c, Credential::Bearer(Secret::new("t")));
        assert_eq!(ms, 60_000.0);
        let err = credential(KeyLogin::Zdx, &resp(200, r#"{"jwtToken":"t"}"#), 0.0).unwrap_err();
        assert_eq!(err.code(), "AUTH_FAILED");
        let err = credential(KeyLogin::Zcc, &resp(401, r#"{"code":"X"}"#), 0.0).unwrap_err();
        assert_eq!(err.code(), "AUTH_FAILED");
    }

    #[test]
    fn lifetime_comes_from_the_jwt_exp() {
        let claims = super::super::jwt::base64(br#"{"exp":1000}"#, true);
        let token = format!("h.{claims}.s");
        assert_eq!(jwt_lifetime_ms(&token, 400_000.0), Some(600_000.0));
        assert_eq!(jwt_lifetime_ms(&token, 2_000_000.0), None);
        assert_eq!(jwt_lifetime_ms("opaque", 0.0), None);
        let body = format!(r#"{{"jwtToken":"{token}"}}"#);
        let (_, ms) = credential(KeyLogin::Zcc, &resp(200, &body), 400_000.0).unwrap();
        assert_eq!(ms, 600_000.0);
    }
}
