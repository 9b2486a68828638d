//! Access tokens: where they come from and how long they are reused.
//!
//! One cache per client, behind an async mutex, so fifty concurrent calls
//! on a cold client cause one token request, not fifty.

use crate::clock::now_ms;
use crate::error::{parse_error_body, snippet};
use crate::http::{HttpRequest, HttpResponse};
use crate::transport::Transport;
use crate::{Error, Secret};
use futures_util::lock::Mutex;
use serde::Deserialize;

/// Refresh this long before the server's expiry, so a token never expires
/// in flight.
pub const REFRESH_MARGIN_MS: f64 = 60_000.0;

/// Where tokens are obtained.
#[derive(Clone, Debug)]
pub(crate) enum TokenSource {
    /// OAuth 2.0 client credentials against ZIdentity.
    ClientSecret {
        token_url: String,
        client_id: String,
        client_secret: Secret,
    },
    /// A same-origin backend that holds the credentials.
    Backend { url: String },
}

#[derive(Deserialize)]
struct TokenBody {
    access_token: String,
    #[serde(default)]
    expires_in: Option<serde_json::Value>,
}

struct Cached {
    token: Secret,
    refresh_at_ms: f64,
}

/// A token source plus its cached token.
pub(crate) struct TokenCache {
    source: TokenSource,
    slot: Mutex<Option<Cached>>,
}

impl std::fmt::Debug for TokenCache {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("TokenCache")
            .field("source", &self.source)
            .finish_non_exhaustive()
    }
}

fn form_encode(pairs: &[(&str, &str)]) -> String {
    let mut out = String::new();
    for (k, v) in pairs {
        crate::request::append_pair(&mut out, k, v);
    }
    out
}

/// Seconds until expiry, as a number or numeric string; one hour if absent,
/// the OneAPI default.
fn expires_in_ms(v: Option<&serde_json::Value>) -> Result<f64, String> {
    let secs = match v {
        None | Some(serde_json::Value::Null) => 3600.0,
        Some(serde_json::Value::Number(n)) => n.as_f64().unwrap_or(-1.0),
        Some(serde_json::Value::String(s)) => s.trim().parse::<f64>().unwrap_or(-1.0),
        Some(_) => -1.0,
    };
    if !(secs.is_finite() && secs > 0.0) {
        return Err("expires_in is not a positive number".into());
    }
    Ok(secs * 1000.0)
}

/// When to fetch a new token: a minute early, or at half-life for tokens
/// shorter than two minutes.
fn refresh_at(now: f64, lifetime_ms: f64) -> f64 {
    let margin = if lifetime_ms > 2.0 * REFRESH_MARGIN_MS {
        REFRESH_MARGIN_MS
    } else {
        lifetime_ms / 2.0
    };
    now + lifetime_ms - margin
}

fn parse_token(resp: &HttpResponse) -> Result<Cached, Error> {
    let request_id = resp.request_id();
    if !resp.is_success() {
        let (code, message) = parse_error_body(&resp.body);
        let message = match (code, message) {
            (Some(c), Some(m)) => format!("{c}: {m}"),
            (Some(c), None) => c,
            (None, Some(m)) => m,
            (None, None) => format!("token endpoint answered {}", snippet(&resp.body)),
        };
        return Err(Error::Auth {
            status: Some(resp.status),
            message,
            request_id,
        });
    }
    let body: TokenBody = serde_json::from_str(&resp.body).map_err(|e| Error::Auth {
        status: Some(resp.status),
        message: format!("token response is not valid JSON with access_token: {e}"),
        request_id: request_id.clone(),
    })?;
    if body.access_token.is_empty() {
        return Err(Error::Auth {
            status: Some(resp.status),
            message: "empty access_token".into(),
            request_id,
        });
    }
    let lifetime = expires_in_ms(body.expires_in.as_ref()).map_err(|message| Error::Auth {
        status: Some(resp.status),
        message,
        request_id,
    })?;
    Ok(Cached {
        token: Secret::new(body.access_token),
        refresh_at_ms: refresh_at(now_ms(), lifetime),
    })
}

impl TokenCache {
    pub(crate) fn new(source: TokenSource) -> Self {
        Self {
            source,
            slot: Mutex::new(None),
        }
    }

    fn request(&self) -> HttpRequest {
        match &self.source {
            TokenSource::ClientSecret {
                token_url,
                client_id,
                client_secret,
            } => HttpRequest {
                method: "POST",
                url: token_url.clone(),
                headers: vec![
                    (
                        "content-type".into(),
                        "application/x-www-form-urlencoded".into(),
                    ),
                    ("accept".into(), "application/json".into()),
                ],
                body: Some(form_encode(&[
                    ("grant_type", "client_credentials"),
                    ("client_id", client_id),
                    ("client_secret", client_secret.expose()),
                    ("audience", "https://api.zscaler.com"),
                ])),
            },
            TokenSource::Backend { url } => HttpRequest {
                method: "POST",
                url: url.clone(),
                headers: vec![("accept".into(), "application/json".into())],
                body: None,
            },
        }
    }

    /// A valid token, fetched only when the cached one is missing or due.
    pub(crate) async fn token(
        &self,
        transport: &Transport,
        timeout_ms: u64,
    ) -> Result<Secret, Error> {
        let mut slot = self.slot.lock().await;
        if let Some(c) = slot.as_ref() {
            if now_ms() < c.refresh_at_ms {
                return Ok(c.token.clone());
            }
        }
        let resp = transport
            .send(self.request(), timeout_ms)
            .await
            .map_err(|e| match e {
                Error::Transport { message } => Error::Auth {
                    status: None,
                    message,
                    request_id: None,
                },
                other => other,
            })?;
        let fresh = parse_token(&resp)?;
        let token = fresh.token.clone();
        *slot = Some(fresh);
        Ok(token)
    }

    /// Forget `stale` after the API refused it. A token that another call
    /// already replaced is kept, so one 401 never causes two mints.
    pub(crate) async fn invalidate(&self, stale: &Secret) {
        let mut slot = self.slot.lock().await;
        if slot.as_ref().is_some_and(|c| &c.token == stale) {
            *slot = None;
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn resp(status: u16, body: &str) -> HttpResponse {
        HttpResponse {
            status,
            headers: vec![],
            body: body.into(),
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

    #[test]
    fn refresh_is_a_minute_early_or_half_life() {
        assert_eq!(refresh_at(0.0, 3_600_000.0), 3_540_000.0);
        assert_eq!(refresh_at(0.0, 60_000.0), 30_000.0);
    }

    #[test]
    fn token_errors_are_typed_and_bounded() {
        let e = parse_token(&resp(401, r#"{"error":"invalid_client"}"#))
            .err()
            .unwrap();
        assert_eq!(e.code(), "AUTH_FAILED");
        assert_eq!(e.status(), Some(401));
        assert!(e.to_string().contains("invalid_client"));
        let huge = "x".repeat(10_000_000);
        let e = parse_token(&resp(502, &huge)).err().unwrap();
        assert!(e.to_string().len() < 1_000);
        let e = parse_token(&resp(200, "{\"access_token\": 5}"))
            .err()
            .unwrap();
        assert_eq!(e.code(), "AUTH_FAILED");
    }

    #[test]
    fn form_body_escapes_secrets() {
        let body = form_encode(&[("client_secret", "a&b=c d")]);
        assert_eq!(body, "client_secret=a%26b%3Dc%20d");
    }
}
