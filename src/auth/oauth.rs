//! OneAPI token requests (client credentials with a secret or a signed
//! assertion, or a backend's token endpoint) and the parsing of their
//! answers, which legacy ZPA `/signin` shares.

use super::jwt;
use super::{Cold, SigningKey, TokenSource};
use crate::error::{parse_error_body, snippet};
use crate::http::{HttpRequest, HttpResponse};
use crate::{Error, Secret};

/// The audience OneAPI tokens are issued for.
const API_AUDIENCE: &str = "https://api.zscaler.com";
const ASSERTION_TYPE: &str = "urn:ietf:params:oauth:client-assertion-type:jwt-bearer";

pub(crate) fn form_encode(pairs: &[(&str, &str)]) -> String {
    let mut out = String::new();
    for (k, v) in pairs {
        crate::request::append_pair(&mut out, k, v);
    }
    out
}

fn form_post(url: &str, extra: Option<(String, String)>, pairs: &[(&str, &str)]) -> HttpRequest {
    let mut headers = vec![
        (
            "content-type".into(),
            "application/x-www-form-urlencoded".into(),
        ),
        ("accept".into(), "application/json".into()),
    ];
    headers.extend(extra);
    HttpRequest {
        method: "POST",
        url: url.to_string(),
        headers,
        body: Some(form_encode(pairs)),
    }
}

/// The token request for a OneAPI or backend source. Async because signing
/// an assertion goes through WebCrypto on wasm.
pub(crate) async fn token_request(source: &TokenSource, now_ms: f64) -> Result<HttpRequest, Error> {
    Ok(match source {
        TokenSource::ClientSecret {
            token_url,
            client_id,
            client_secret,
            basic: true,
        } => {
            // RFC 6749 §2.3.1: both parts are form-encoded before joining.
            let user = form_encode(&[("", client_id)]);
            let pass = form_encode(&[("", client_secret.expose())]);
            let pair = format!("{}:{}", &user[1..], &pass[1..]);
            let header = format!("Basic {}", jwt::base64(pair.as_bytes(), false));
            form_post(
                token_url,
                Some(("authorization".into(), header)),
                &[
                    ("grant_type", "client_credentials"),
                    ("audience", API_AUDIENCE),
                ],
            )
        }
        TokenSource::ClientSecret {
            token_url,
            client_id,
            client_secret,
            basic: false,
        } => form_post(
            token_url,
            None,
            &[
                ("grant_type", "client_credentials"),
                ("client_id", client_id),
                ("client_secret", client_secret.expose()),
                ("audience", API_AUDIENCE),
            ],
        ),
        TokenSource::PrivateKey {
            token_url,
            client_id,
            key,
        } => return key_request(token_url, client_id, key, now_ms).await,
        TokenSource::Backend { url } => HttpRequest {
            method: "POST",
            url: url.clone(),
            headers: vec![("accept".into(), "application/json".into())],
            body: None,
        },
        _ => return Err(Error::config("this auth mode has no token endpoint")),
    })
}

/// The private-key token request, behind a [`Cold`] future: signing code
/// is compiled only by clients that sign.
fn key_request<'a>(
    token_url: &'a str,
    client_id: &'a str,
    key: &'a SigningKey,
    now_ms: f64,
) -> Cold<'a, Result<HttpRequest, Error>> {
    Box::pin(async move {
        let assertion = jwt::assertion(key, client_id, token_url, now_ms).await?;
        Ok(form_post(
            token_url,
            None,
            &[
                ("grant_type", "client_credentials"),
                ("client_id", client_id),
                ("client_assertion_type", ASSERTION_TYPE),
                ("client_assertion", assertion.expose()),
                ("audience", API_AUDIENCE),
            ],
        ))
    })
}

/// Seconds until expiry, as a number or numeric string; one hour if absent,
/// the OneAPI default.
pub(crate) fn expires_in_ms(v: Option<&serde_json::Value>) -> Result<f64, String> {
    let secs = match v {
        None | Some(serde_json::Value::Null) => 3600.0,
        Some(serde_json::Value::Number(n)) => n.as_f64().unwrap_or(-1.0),
        Some(serde_json::Value::String(s)) => {
            crate::retry_after::parse_decimal(s.trim()).unwrap_or(-1.0)
        }
        Some(_) => -1.0,
    };
    if !(secs.is_finite() && secs > 0.0) {
        return Err("expires_in is not a positive number".into());
    }
    Ok(secs * 1000.0)
}

/// The typed error for a refused token or session request.
pub(crate) fn auth_error(resp: &HttpResponse) -> Error {
    let (code, message) = parse_error_body(&resp.body);
    let message = match (code, message) {
        (Some(c), Some(m)) => format!("{c}: {m}"),
        (Some(c), None) => c,
        (None, Some(m)) => m,
        (None, None) => format!("token endpoint answered {}", snippet(&resp.body)),
    };
    Error::Auth {
        status: Some(resp.status),
        message,
        request_id: resp.request_id(),
        context: crate::error::Context::answer(&resp.body),
    }
}

/// The usual token answer read without serde_json's parser, which would
/// otherwise be compiled on a cold start's first call for this alone: a
/// well-formed object whose last `access_token` is a non-empty string
/// without escapes and whose `expires_in` is absent, `null` or whole
/// seconds (digits, bare or quoted). Anything else is `None`, and
/// [`parse_token`]'s `Value` path decides, so both paths agree on every
/// answer this one takes.
fn plain_token(body: &str) -> Option<(Secret, f64)> {
    let members = crate::schema_scan::members(body)?;
    let last = |name: &str| members.iter().rev().find(|(k, _)| *k == name).map(|m| m.1);
    let token = last("access_token")?.strip_prefix('"')?.strip_suffix('"')?;
    if token.is_empty() || token.contains('\\') {
        return None;
    }
    let secs = match last("expires_in") {
        None | Some("null") => 3600,
        Some(raw) => {
            let digits = raw
                .strip_prefix('"')
                .and_then(|r| r.strip_suffix('"'))
                .unwrap_or(raw);
            if digits.is_empty() || digits.len() > 9 || !digits.bytes().all(|b| b.is_ascii_digit())
            {
                return None;
            }
            digits
                .bytes()
                .fold(0u32, |n, b| n * 10 + u32::from(b - b'0'))
        }
    };
    (secs > 0).then(|| (Secret::new(token.to_string()), f64::from(secs) * 1000.0))
}

/// The token and its lifetime in milliseconds.
pub(crate) fn parse_token(resp: &HttpResponse) -> Result<(Secret, f64), Error> {
    if !resp.is_success() {
        return Err(auth_error(resp));
    }
    match plain_token(&resp.body) {
        Some(answer) => Ok(answer),
        None => parse_token_value(resp),
    }
}

/// [`parse_token`] for any other answer, through a `Value`; out of line so
/// that a cold start's usual token answer does not compile it.
#[inline(never)]
fn parse_token_value(resp: &HttpResponse) -> Result<(Secret, f64), Error> {
    // No body excerpt: a successful answer holds the credential.
    let fail = |message: String| Error::Auth {
        status: Some(resp.status),
        message,
        request_id: resp.request_id(),
        context: Default::default(),
    };
    // A Value, not a derived struct: see `config/kinds.rs` for the size.
    let mut body = match serde_json::from_str(&resp.body) {
        Ok(serde_json::Value::Object(map)) => map,
        _ => {
            // Not quoted: a non-JSON answer may still hold a token.
            return Err(fail("token response is not a JSON object".into()));
        }
    };
    let token = match body.remove("access_token") {
        Some(serde_json::Value::String(t)) if !t.is_empty() => t,
        Some(serde_json::Value::String(_)) => return Err(fail("empty access_token".into())),
        _ => return Err(fail("token response has no access_token string".into())),
    };
    let lifetime = expires_in_ms(body.get("expires_in")).map_err(fail)?;
    Ok((Secret::new(token), lifetime))
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

    #[test]
    fn token_expiry_forms() {
        assert_eq!(
            expires_in_ms(Some(&serde_json::json!(3600))).unwrap(),
            3_600_000.0
        );
        assert_eq!(
            expires_in_ms(Some(&serde_json::json!("120"))).unwrap(),
            120_000.0
        );
        assert!(expires_in_ms(Some(&serde_json::json!(-5))).is_err());
        assert!(expires_in_ms(Some(&serde_json::json!("soon"))).is_err());
    }

    /// The fast path takes the usual answers and agrees with the `Value`
    /// path on every answer it takes; the rest it leaves to that path.
    #[test]
    fn plain_token_answers_agree_with_the_value_path() {
        for (body, taken) in [
            (
                r#"{"access_token":"abc","token_type":"Bearer","expires_in":3600}"#,
                true,
            ),
            (r#"{"expires_in":"120","access_token":"abc"}"#, true),
            (
                r#"{"access_token":"abc","expires_in":null,"scope":{"a":[1]}}"#,
                true,
            ),
            (r#"{"access_token":"abc"}"#, true),
            (r#"{"access_token":"old","access_token":"new"}"#, true),
            (r#"{"access_token":"a\/b","expires_in":60}"#, false),
            (r#"{"access_token":"","expires_in":60}"#, false),
            (r#"{"access_token":"abc","expires_in":0}"#, false),
            (r#"{"access_token":"abc","expires_in":-5}"#, false),
            (r#"{"access_token":"abc","expires_in":1.5}"#, false),
            (r#"{"access_token":"abc","expires_in":" 60 "}"#, false),
            (r#"{"access_token":"abc","expires_in":12345678901}"#, false),
            (r#"{"access_token":7}"#, false),
            (r#"["abc"]"#, false),
            ("not json", false),
        ] {
            let fast = plain_token(body);
            assert_eq!(fast.is_some(), taken, "{body}");
            let slow = parse_token_value(&resp(200, body));
            if let Some((token, ms)) = fast {
                let (want, want_ms) = slow.unwrap();
                assert_eq!((token.expose(), ms), (want.expose(), want_ms), "{body}");
            }
            assert_eq!(
                parse_token(&resp(200, body))
                    .map(|(t, ms)| (t.expose().to_string(), ms))
                    .ok(),
                parse_token_value(&resp(200, body))
                    .map(|(t, ms)| (t.expose().to_string(), ms))
                    .ok(),
                "{body}"
            );
        }
    }

    #[test]
    fn token_errors_are_typed_and_bounded() {
        let e = parse_token(&resp(401, r#"{"error":"invalid_client"}"#)).unwrap_err();
        assert_eq!(e.code(), "AUTH_FAILED");
        assert_eq!(e.status(), Some(401));
        assert!(e.to_string().contains("invalid_client"));
        let huge = "x".repeat(10_000_000);
        let e = parse_token(&resp(502, &huge)).unwrap_err();
        assert!(e.to_string().len() < 1_000);
        let e = parse_token(&resp(200, "{\"access_token\": 5}")).unwrap_err();
        assert_eq!(e.code(), "AUTH_FAILED");
        // A form-encoded answer still holds the token: it is not quoted.
        let e = parse_token(&resp(200, "access_token=tok3n&expires_in=60")).unwrap_err();
        assert!(!e.to_string().contains("tok3n"), "{e}");
        let (token, ms) =
            parse_token(&resp(200, r#"{"access_token":"t","expires_in":"90"}"#)).unwrap();
        assert_eq!((token.expose(), ms), ("t", 90_000.0));
    }

    #[test]
    fn form_body_escapes_secrets() {
        let body = form_encode(&[("client_secret", "a&b=c d")]);
        assert_eq!(body, "client_secret=a%26b%3Dc%20d");
    }

    #[test]
    fn basic_auth_keeps_the_secret_out_of_the_body() {
        let source = TokenSource::ClientSecret {
            token_url: "https://t/token".into(),
            client_id: "id:1".into(),
            client_secret: Secret::new("s&cret"),
            basic: true,
        };
        let req = futures_util::FutureExt::now_or_never(token_request(&source, 0.0))
            .unwrap()
            .unwrap();
        let body = req.body.unwrap();
        assert!(
            !body.contains("cret") && !body.contains("client_id"),
            "{body}"
        );
        let auth = &req
            .headers
            .iter()
            .find(|(k, _)| k == "authorization")
            .unwrap()
            .1;
        // base64("id%3A1:s%26cret")
        assert_eq!(auth, "Basic aWQlM0ExOnMlMjZjcmV0");
    }
}
