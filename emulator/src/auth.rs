//! OAuth2 client-credentials token endpoint and the token registry (the
//! bearer check itself is in `gate`, assertion checks in `assertion`).
//! It owns tokens and the token endpoint; it may not touch tenant data.

use std::collections::HashMap;
use std::time::{Duration, Instant};

use axum::body::Body;
use axum::extract::State;
use axum::http::{header, HeaderMap, HeaderValue, StatusCode};
use axum::response::{IntoResponse, Response};
use axum::Json;
use base64ct::{Base64Unpadded, Base64UrlUnpadded, Encoding};
use serde_json::json;

use crate::assertion;
use crate::body;
use crate::product::Product;
use crate::query::Params;
use crate::random;
use crate::state::AppState;
use crate::stats::TOKEN_PATH;

/// The audience Zscaler's OneAPI token endpoint expects.
pub const AUDIENCE: &str = "https://api.zscaler.com";

/// Issued tokens and their expiry instants.
#[derive(Debug, Default)]
pub struct Tokens {
    expiry: HashMap<String, Instant>,
}

impl Tokens {
    /// Issues a new token valid for `ttl`. Expired entries are swept here
    /// so benchmark loops that fetch many tokens do not grow memory.
    pub fn issue(&mut self, ttl: Duration) -> String {
        let now = Instant::now();
        self.expiry.retain(|_, exp| *exp > now);
        let token = jwt_shaped(ttl);
        self.expiry.insert(token.clone(), now + ttl);
        token
    }

    /// True when `token` was issued and has not expired or been revoked.
    pub fn is_valid(&self, token: &str) -> bool {
        self.expiry
            .get(token)
            .is_some_and(|exp| *exp > Instant::now())
    }

    /// Revokes one token; false when it was not valid.
    pub fn revoke(&mut self, token: &str) -> bool {
        self.expiry
            .remove(token)
            .is_some_and(|exp| exp > Instant::now())
    }

    /// Revokes every token (backs `POST /_emulator/expire-tokens`).
    pub fn expire_all(&mut self) -> usize {
        let n = self.expiry.len();
        self.expiry.clear();
        n
    }
}

/// A token shaped like the real ones (a JWT with `exp`), because clients
/// such as the Python SDK's legacy ZPA client read `exp` to decide when to
/// log in again. The signature is random: the emulator only looks tokens
/// up, it never verifies them.
pub fn jwt_shaped(ttl: Duration) -> String {
    let now = crate::store::now_secs();
    let header = r#"{"alg":"RS256","kid":"zscaler-emulator","typ":"JWT"}"#;
    let claims = json!({
        "aud": AUDIENCE, "exp": now + ttl.as_secs(), "iat": now,
        "iss": "zscaler-emulator", "jti": random::hex(2)
    });
    format!(
        "{}.{}.{}",
        Base64UrlUnpadded::encode_string(header.as_bytes()),
        Base64UrlUnpadded::encode_string(claims.to_string().as_bytes()),
        Base64UrlUnpadded::encode_string(random::hex(4).as_bytes())
    )
}

/// `POST /oauth2/v1/token`: form-encoded client credentials, HTTP Basic, or
/// a private-key JWT assertion (see `assertion`).
pub async fn token(State(state): State<AppState>, headers: HeaderMap, body: Body) -> Response {
    let bytes = match body::read(Product::OTHER, body).await {
        Ok(b) => b,
        Err(e) => return e.into_response(),
    };
    let form = Params::parse(Some(&String::from_utf8_lossy(&bytes)));

    if form.get("grant_type") != Some("client_credentials") {
        return oauth_error(
            StatusCode::BAD_REQUEST,
            "unsupported_grant_type",
            "grant_type must be client_credentials",
        );
    }
    if let Some(aud) = form.get("audience") {
        if aud != AUDIENCE {
            return oauth_error(
                StatusCode::BAD_REQUEST,
                "invalid_request",
                "audience must be https://api.zscaler.com",
            );
        }
    }
    let basic = headers
        .get(header::AUTHORIZATION)
        .and_then(|v| v.to_str().ok())
        .and_then(parse_basic);
    let cfg = &state.config;
    if form.get("client_assertion_type").is_some() || form.get("client_assertion").is_some() {
        if let Some(refusal) = assertion_refusal(&state, &headers, &form, basic.is_some()) {
            return refusal;
        }
    } else {
        let (id, secret) = match (&basic, form.get("client_id"), form.get("client_secret")) {
            (_, Some(id), Some(secret)) => (id.to_string(), secret.to_string()),
            (Some((id, secret)), _, _) => (id.clone(), secret.clone()),
            _ => (String::new(), String::new()),
        };
        if id != cfg.client_id || secret != cfg.client_secret {
            return oauth_error(
                StatusCode::UNAUTHORIZED,
                "invalid_client",
                "Client authentication failed",
            );
        }
    }

    let token = state.tokens().issue(cfg.token_ttl);
    let mut resp = Json(json!({
        "access_token": token,
        "token_type": "Bearer",
        "expires_in": cfg.token_ttl.as_secs(),
    }))
    .into_response();
    resp.headers_mut()
        .insert(header::CACHE_CONTROL, HeaderValue::from_static("no-store"));
    resp
}

/// Client authentication by a signed JWT (RFC 7523 §2.2): the error
/// response, or None when the assertion is good. RFC 6749 §2.3 forbids
/// combining it with a secret, so that is a malformed request rather than a
/// failed authentication.
fn assertion_refusal(
    state: &AppState,
    headers: &HeaderMap,
    form: &Params,
    has_basic: bool,
) -> Option<Response> {
    let cfg = &state.config;
    if has_basic || form.get("client_secret").is_some() {
        return Some(oauth_error(
            StatusCode::BAD_REQUEST,
            "invalid_request",
            "use either a client secret or a client assertion, not both",
        ));
    }
    if form.get("client_assertion_type") != Some(assertion::ASSERTION_TYPE) {
        return Some(oauth_error(
            StatusCode::BAD_REQUEST,
            "invalid_request",
            "client_assertion_type must be urn:ietf:params:oauth:client-assertion-type:jwt-bearer",
        ));
    }
    let refuse = |why: &str| {
        oauth_error(
            StatusCode::UNAUTHORIZED,
            "invalid_client",
            &format!("Client authentication failed: {why}"),
        )
    };
    if form.get("client_id").is_some_and(|id| id != cfg.client_id) {
        return Some(refuse("unknown client_id"));
    }
    let jwt = form.get("client_assertion").unwrap_or_default();
    // The emulator's own token URL as the client addressed it; behind a
    // TLS-terminating proxy the scheme may be https.
    let host = headers
        .get(header::HOST)
        .and_then(|v| v.to_str().ok())
        .unwrap_or_default();
    let token_urls = [
        format!("http://{host}{TOKEN_PATH}"),
        format!("https://{host}{TOKEN_PATH}"),
    ];
    let expected = assertion::Expected {
        client_id: &cfg.client_id,
        token_urls: &token_urls,
        now: crate::store::now_secs(),
    };
    assertion::verify(jwt, &state.runtime.client_keys, &expected)
        .err()
        .map(|why| refuse(&why))
}

fn oauth_error(status: StatusCode, error: &str, description: &str) -> Response {
    (
        status,
        Json(json!({ "error": error, "error_description": description })),
    )
        .into_response()
}

/// The token of an `Authorization: Bearer <token>` header.
pub fn bearer(headers: &HeaderMap) -> Option<&str> {
    headers
        .get(header::AUTHORIZATION)
        .and_then(|v| v.to_str().ok())
        .and_then(|v| {
            let (scheme, rest) = v.split_once(' ')?;
            scheme.eq_ignore_ascii_case("bearer").then(|| rest.trim())
        })
}

/// Decodes standard or URL-safe base64, padded or not (clients and key
/// files use all four); None on junk.
pub(crate) fn decode_base64(s: &str) -> Option<Vec<u8>> {
    let bare = s.trim_end_matches('=');
    if bare.contains(['+', '/']) {
        Base64Unpadded::decode_vec(bare).ok()
    } else {
        Base64UrlUnpadded::decode_vec(bare).ok()
    }
}

/// Decodes `Basic base64(id:secret)`; percent-encoding inside is undone, as
/// RFC 6749 asks clients to form-encode the parts before base64.
fn parse_basic(value: &str) -> Option<(String, String)> {
    let (scheme, rest) = value.split_once(' ')?;
    if !scheme.eq_ignore_ascii_case("basic") {
        return None;
    }
    let raw = decode_base64(rest.trim())?;
    let text = String::from_utf8(raw).ok()?;
    let (id, secret) = text.split_once(':')?;
    Some((crate::query::decode(id), crate::query::decode(secret)))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn base64_either_alphabet_padded_or_not() {
        for (text, want) in [
            ("Zm9vYmFy", &b"foobar"[..]),
            ("Zm8", b"fo"),
            ("Zm8=", b"fo"),
            ("-_8", &[0xfb, 0xff]),
            ("+/8=", &[0xfb, 0xff]),
            ("", b""),
        ] {
            assert_eq!(decode_base64(text).as_deref(), Some(want), "{text}");
        }
        assert_eq!(decode_base64("a b"), None);
        assert_eq!(Base64UrlUnpadded::encode_string(&[0xfb, 0xff]), "-_8");
    }

    #[test]
    fn basic_auth_decodes() {
        // "emulator-client:emulator-secret"
        let v = "Basic ZW11bGF0b3ItY2xpZW50OmVtdWxhdG9yLXNlY3JldA==";
        assert_eq!(
            parse_basic(v),
            Some(("emulator-client".into(), "emulator-secret".into()))
        );
        assert_eq!(parse_basic("Bearer x"), None);
        assert_eq!(parse_basic("Basic !!!"), None);
    }

    #[test]
    fn tokens_look_like_jwts() {
        let t = Tokens::default().issue(Duration::from_secs(60));
        let parts: Vec<&str> = t.split('.').collect();
        assert_eq!(parts.len(), 3);
        let claims: serde_json::Value =
            serde_json::from_slice(&decode_base64(parts[1]).unwrap()).unwrap();
        assert!(claims["exp"].as_u64().unwrap() >= crate::store::now_secs() + 59);
    }

    #[test]
    fn tokens_expire() {
        let mut t = Tokens::default();
        let a = t.issue(Duration::from_secs(60));
        let b = t.issue(Duration::from_secs(0));
        assert_ne!(a, b);
        assert!(t.is_valid(&a));
        assert!(!t.is_valid(&b));
        assert!(!t.is_valid("nope"));
        t.expire_all();
        assert!(!t.is_valid(&a));
    }
}
