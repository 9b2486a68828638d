//! The pre-OneAPI logins: ZPA `/signin` (a bearer token from the API key
//! pair) and the sessions of ZIA (`authenticatedSession`) and ZTW (`auth`):
//! a `JSESSIONID` cookie from an obfuscated API key plus an admin's
//! username and password. The API-key token logins of ZCC, ZDX and ZWA are
//! in `legacy_key`.
//!
//! Browsers can use neither: `fetch` hides `Set-Cookie`, and the legacy
//! hosts send no CORS headers. Native code and Workers can.

use super::oauth::{auth_error, form_encode};
use super::{Credential, TokenSource};
use crate::http::{HttpRequest, HttpResponse};
use crate::{Error, Secret};

/// ZIA and ZTW end idle sessions after 30 minutes; we replace ours a
/// minute early.
const SESSION_MS: f64 = 30.0 * 60_000.0;
/// ZIA's session endpoint.
pub(crate) const ZIA_SESSION_PATH: &str = "/api/v1/authenticatedSession";
/// ZTW's session endpoint: ZIA's login under another path.
pub(crate) const ZTW_SESSION_PATH: &str = "/api/v1/auth";

/// ZIA's key obfuscation: six key characters picked by the last six digits
/// of the millisecond timestamp, then six picked by half that number
/// (zero-padded), each shifted by two. `None` for a key too short to index.
pub(crate) fn obfuscate(api_key: &str, timestamp_ms: &str) -> Option<String> {
    let key: Vec<char> = api_key.chars().collect();
    let low = &timestamp_ms[timestamp_ms.len().checked_sub(6)?..];
    let half = format!("{:06}", low.parse::<u32>().ok()? >> 1);
    let pick = |digits: &str, shift: usize| -> Option<String> {
        digits
            .bytes()
            .map(|d| key.get(usize::from(d.wrapping_sub(b'0')) + shift).copied())
            .collect()
    };
    Some(pick(low, 0)? + &pick(&half, 2)?)
}

/// `POST /signin` for legacy ZPA.
pub(crate) fn zpa_signin(source: &TokenSource) -> Result<HttpRequest, Error> {
    let TokenSource::LegacyZpa {
        base,
        client_id,
        client_secret,
    } = source
    else {
        return Err(Error::config("not a legacy ZPA source"));
    };
    Ok(HttpRequest {
        method: "POST",
        url: format!("{base}/signin"),
        headers: vec![
            (
                "content-type".into(),
                "application/x-www-form-urlencoded".into(),
            ),
            ("accept".into(), "application/json".into()),
        ],
        body: Some(form_encode(&[
            ("client_id", client_id),
            ("client_secret", client_secret.expose()),
        ])),
    })
}

/// `POST` to the session endpoint of legacy ZIA or ZTW.
pub(crate) fn session_login(source: &TokenSource, now_ms: f64) -> Result<HttpRequest, Error> {
    let TokenSource::LegacySession {
        base,
        path,
        username,
        password,
        api_key,
    } = source
    else {
        return Err(Error::config("not a legacy session source"));
    };
    let timestamp = format!("{}", now_ms as u64);
    let key = obfuscate(api_key.expose(), &timestamp)
        .ok_or_else(|| Error::config("apiKey must be at least 12 characters"))?;
    let body = serde_json::json!({
        "apiKey": key,
        "username": username,
        "password": password.expose(),
        "timestamp": timestamp,
    });
    Ok(HttpRequest {
        method: "POST",
        url: format!("{base}{path}"),
        headers: vec![
            ("content-type".into(), "application/json".into()),
            ("accept".into(), "application/json".into()),
        ],
        body: Some(body.to_string()),
    })
}

/// The `JSESSIONID` cookie from a login answer, and its lifetime.
pub(crate) fn session_cookie(resp: &HttpResponse) -> Result<(Credential, f64), Error> {
    if !resp.is_success() {
        return Err(auth_error(resp));
    }
    let cookie = resp
        .headers
        .iter()
        .filter(|(k, _)| k == "set-cookie")
        .flat_map(|(_, v)| v.split(','))
        .filter_map(|c| c.split(';').next())
        .map(str::trim)
        .find(|c| c.starts_with("JSESSIONID=") && c.len() > "JSESSIONID=".len());
    match cookie {
        Some(c) => Ok((Credential::Cookie(Secret::new(c)), SESSION_MS)),
        None => Err(Error::Auth {
            status: Some(resp.status),
            message: "login succeeded but no JSESSIONID cookie was readable \
                      (browsers hide Set-Cookie: use OneAPI there)"
                .into(),
            request_id: resp.request_id(),
            context: Default::default(),
        }),
    }
}

/// The request that ends a legacy session, if the source has one.
pub(crate) fn logout(source: &TokenSource, credential: &Credential) -> Option<HttpRequest> {
    let (method, url) = match source {
        TokenSource::LegacyZpa { base, .. } => ("POST", format!("{base}/signout")),
        TokenSource::LegacySession { base, path, .. } => ("DELETE", format!("{base}{path}")),
        // API-key tokens (ZCC, ZDX, ZWA) have no sign-out: they expire.
        _ => return None,
    };
    let mut headers = vec![("accept".to_string(), "application/json".to_string())];
    credential.apply(&mut headers);
    Some(HttpRequest {
        method,
        url,
        headers,
        body: None,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn obfuscation_picks_by_timestamp_digits() {
        // Low digits 123456 pick key[1..=6]; half is 061728, shifted by 2.
        let key = "ABCDEFGHIJKL";
        assert_eq!(obfuscate(key, "1700000123456").unwrap(), "BCDEFGCIDJEK");
        assert!(obfuscate("short", "1700000999999").is_none());
        assert!(obfuscate(key, "12").is_none());
    }

    #[test]
    fn session_cookie_is_read_from_set_cookie() {
        let resp = HttpResponse {
            status: 200,
            headers: vec![(
                "set-cookie".into(),
                "JSESSIONID=ABC123; Path=/; HttpOnly".into(),
            )],
            body: "{}".into(),
            bytes: None,
        };
        let (c, _) = session_cookie(&resp).unwrap();
        assert_eq!(c, Credential::Cookie(Secret::new("JSESSIONID=ABC123")));
        let hidden = HttpResponse {
            headers: vec![],
            ..resp
        };
        assert_eq!(session_cookie(&hidden).unwrap_err().code(), "AUTH_FAILED");
    }
}
