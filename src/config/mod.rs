//! Client options as a user writes them, and their resolution into URLs and
//! an auth mode. All validation happens here, at construction, so a wrong
//! config fails before any request is sent.
//!
//! Owns the options table (`options.rs`, each option declared once) and its
//! validation. It may not send requests, and reads product facts only from
//! the registry (`crate::product`).

mod kinds;
mod options;
mod source;

pub use options::{ClientOptions, JS_ONLY_OPTIONS, OPTION_NAMES, TS_CLIENT_OPTIONS};

use crate::auth::TokenSource;
use crate::{Error, Product};

/// Default per-request timeout.
pub const DEFAULT_TIMEOUT_MS: u64 = 30_000;

/// Options after validation.
#[derive(Debug)]
pub(crate) struct Resolved {
    pub api_base: String,
    pub source: TokenSource,
    /// Set in legacy modes: the one product served, without a gateway
    /// prefix.
    pub legacy: Option<Product>,
    pub customer_id: Option<String>,
    pub microtenant_id: Option<String>,
    pub timeout_ms: u64,
    pub retry: crate::retry::RetryPolicy,
    pub pacing: bool,
    /// Read by the JS API only: typed Rust calls check by deserializing.
    #[cfg_attr(not(target_arch = "wasm32"), allow(dead_code))]
    pub check_responses: bool,
    pub headers: Vec<(String, String)>,
}

// Whitespace is ASCII's: Unicode's `trim` compiles a UTF-8 decoder and a
// whitespace table into a cold start, for values that are names, ids and URLs.
fn non_empty(v: &Option<String>) -> Option<&str> {
    v.as_deref().map(str::trim_ascii).filter(|s| !s.is_empty())
}

fn check_url(name: &str, url: &str) -> Result<String, Error> {
    let mut url = url.trim_ascii();
    while let Some(shorter) = url.strip_suffix('/') {
        url = shorter;
    }
    let rest = url
        .strip_prefix("https://")
        .or_else(|| url.strip_prefix("http://"))
        .ok_or_else(|| Error::config(format!("{name} must start with https:// or http://")))?;
    if rest.is_empty() || rest.starts_with('/') {
        return Err(Error::config(format!("{name} has no host")));
    }
    Ok(url.to_string())
}

fn check_label(name: &str, value: &str) -> Result<(), Error> {
    if value.chars().all(|c| c.is_ascii_alphanumeric() || c == '-') {
        Ok(())
    } else {
        Err(Error::config(format!(
            "{name} may hold only letters, digits and '-'"
        )))
    }
}

impl ClientOptions {
    pub(crate) fn resolve(&self) -> Result<Resolved, Error> {
        let cloud = non_empty(&self.cloud).filter(|c| !c.eq_ignore_ascii_case("production"));
        if let Some(c) = cloud {
            check_label("cloud", c)?;
        }
        let api_base = match non_empty(&self.base_url) {
            Some(u) => check_url("baseUrl", u)?,
            None => match cloud {
                Some(c) => format!("https://api.{c}.zsapi.net"),
                None => "https://api.zsapi.net".to_string(),
            },
        };
        let (source, legacy) = source::resolve(self, cloud)?;
        let api_base = match &source {
            TokenSource::LegacyZpa { base, .. }
            | TokenSource::LegacySession { base, .. }
            | TokenSource::LegacyKey { base, .. } => base.clone(),
            _ => api_base,
        };
        if let Some(id) = non_empty(&self.customer_id) {
            if !id.chars().all(|c| c.is_ascii_digit()) {
                return Err(Error::config("customerId must be a string of digits"));
            }
        }
        let timeout_ms = self.timeout_ms.unwrap_or(DEFAULT_TIMEOUT_MS);
        if timeout_ms == 0 {
            return Err(Error::config("timeoutMs must be positive"));
        }
        let defaults = crate::retry::RetryPolicy::default();
        let retry = crate::retry::RetryPolicy {
            max_attempts: self.max_attempts.unwrap_or(defaults.max_attempts),
            base_delay_ms: self.retry_base_delay_ms.unwrap_or(defaults.base_delay_ms),
            max_delay_ms: self.retry_max_delay_ms.unwrap_or(defaults.max_delay_ms),
            max_retry_ms: self
                .max_retry_seconds
                .map_or(defaults.max_retry_ms, |s| s.saturating_mul(1000)),
        };
        if retry.max_attempts == 0 {
            return Err(Error::config("maxAttempts must be 1 or more"));
        }
        let mut headers = Vec::new();
        for (name, value) in self.headers.iter().flatten() {
            let lower = crate::call_options::check_header(name, value).map_err(Error::config)?;
            headers.push((lower, value.clone()));
        }
        Ok(Resolved {
            retry,
            pacing: self.pacing.unwrap_or(true),
            check_responses: self.check_responses.unwrap_or(true),
            headers,
            api_base,
            source,
            legacy,
            customer_id: non_empty(&self.customer_id).map(str::to_string),
            microtenant_id: non_empty(&self.microtenant_id).map(str::to_string),
            timeout_ms,
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::Secret;

    fn creds() -> ClientOptions {
        ClientOptions {
            client_id: Some("id".into()),
            client_secret: Some(Secret::new("s3cr3t")),
            vanity_domain: Some("acme".into()),
            ..Default::default()
        }
    }

    #[test]
    fn production_urls() {
        let r = creds().resolve().unwrap();
        assert_eq!(r.api_base, "https://api.zsapi.net");
        match r.source {
            TokenSource::ClientSecret { token_url, .. } => {
                assert_eq!(token_url, "https://acme.zslogin.net/oauth2/v1/token")
            }
            other => panic!("unexpected {other:?}"),
        }
    }

    #[test]
    fn other_cloud_urls() {
        let r = ClientOptions {
            cloud: Some("beta".into()),
            ..creds()
        }
        .resolve()
        .unwrap();
        assert_eq!(r.api_base, "https://api.beta.zsapi.net");
        match r.source {
            TokenSource::ClientSecret { token_url, .. } => {
                assert_eq!(token_url, "https://acme.zsloginbeta.net/oauth2/v1/token")
            }
            other => panic!("unexpected {other:?}"),
        }
    }

    #[test]
    fn bad_configs_are_typed_errors() {
        let cases = [
            ClientOptions {
                client_secret: None,
                ..creds()
            },
            ClientOptions {
                vanity_domain: None,
                ..creds()
            },
            ClientOptions {
                vanity_domain: Some("a.b/c".into()),
                ..creds()
            },
            ClientOptions {
                base_url: Some("ftp://x".into()),
                ..creds()
            },
            ClientOptions {
                customer_id: Some("12ab".into()),
                ..creds()
            },
            ClientOptions {
                token_endpoint: Some("https://x/token".into()),
                ..creds()
            },
            ClientOptions {
                max_attempts: Some(0),
                ..creds()
            },
            ClientOptions {
                headers: Some([("Authorization".to_string(), "x".to_string())].into()),
                ..creds()
            },
            ClientOptions {
                headers: Some([("x-a".to_string(), "a\r\nb".to_string())].into()),
                ..creds()
            },
            ClientOptions {
                client_secret: None,
                private_key: Some(Secret::new(r#"{"kty":"EC","crv":"P-256","d":"s3cr3t"}"#)),
                client_auth: Some("basic".into()),
                ..creds()
            },
            ClientOptions {
                client_auth: Some("header".into()),
                ..creds()
            },
            ClientOptions::default(),
        ];
        for c in cases {
            let err = c.resolve().unwrap_err();
            assert_eq!(err.code(), "CONFIG", "{err}");
            assert!(!err.to_string().contains("s3cr3t"));
        }
    }

    #[cfg(all(feature = "zcc", feature = "ztw", feature = "zdx", feature = "zwa"))]
    #[test]
    fn legacy_hosts_of_the_key_and_session_logins() {
        let key = |legacy: &str, cloud: Option<&str>| ClientOptions {
            legacy: Some(legacy.into()),
            client_id: Some("id".into()),
            client_secret: Some(Secret::new("s3cr3t")),
            cloud: cloud.map(Into::into),
            ..Default::default()
        };
        let base = |o: ClientOptions| o.resolve().unwrap().api_base;
        let zcc = |c| base(key("zcc", Some(c)));
        assert_eq!(zcc("zscalertwo"), "https://api-mobile.zscalertwo.net");
        assert_eq!(zcc("zscalerten"), "https://api-mobile6.zscalerten.net");
        assert_eq!(base(key("zdx", None)), "https://api.zdxcloud.net");
        assert_eq!(base(key("zdx", Some("zdxbeta"))), "https://api.zdxbeta.net");
        assert_eq!(base(key("zwa", None)), "https://api.us1.zsworkflow.net");
        assert_eq!(
            base(key("zwa", Some("eu1"))),
            "https://api.eu1.zsworkflow.net"
        );
        let overridden = ClientOptions {
            base_url: Some("http://127.0.0.1:9/".into()),
            ..key("zcc", None)
        };
        assert_eq!(base(overridden), "http://127.0.0.1:9");
        let session = |cloud: Option<&str>| ClientOptions {
            legacy: Some("ztw".into()),
            username: Some("admin@example.com".into()),
            password: Some(Secret::new("s3cr3t")),
            api_key: Some(Secret::new("s3cr3ts3cr3t")),
            cloud: cloud.map(Into::into),
            ..Default::default()
        };
        let r = session(Some("zscalerthree")).resolve().unwrap();
        assert_eq!(r.api_base, "https://connector.zscalerthree.net");
        assert!(matches!(
            r.source,
            TokenSource::LegacySession { path, .. } if path == crate::auth::ZTW_SESSION_PATH
        ));
        let bad = [
            key("zcc", None),
            session(None),
            ClientOptions {
                username: Some("admin@example.com".into()),
                ..key("zdx", None)
            },
            ClientOptions {
                client_secret: None,
                ..key("zwa", None)
            },
            ClientOptions {
                client_id: Some("id".into()),
                ..session(Some("zscalertwo"))
            },
        ];
        for o in bad {
            let err = o.resolve().unwrap_err();
            assert_eq!(err.code(), "CONFIG", "{err}");
            assert!(!format!("{err} {o:?}").contains("s3cr3t"), "{err}");
        }
    }
}
