//! [`ClientOptions`] read from a JSON object by hand.
//!
//! A derived `Deserialize` costs the wasm build serde's typed visitors and,
//! through their error messages, the float formatter: about a tenth of the
//! ZIdentity-only package. Reading a `serde_json::Value` needs neither. It
//! also lets every message name the option in its JS spelling and never
//! quote a value, which may be a credential.

use super::ClientOptions;
use crate::Secret;
use serde_json::Value;
use std::collections::BTreeMap;

/// Every option, in the order of the TypeScript declaration.
const KNOWN: &str = "clientId, clientSecret, privateKey, clientAuth, vanityDomain, cloud, \
baseUrl, tokenUrl, tokenEndpoint, backendSession, legacy, username, password, apiKey, \
customerId, microtenantId, timeoutMs, maxAttempts, maxRetrySeconds, retryBaseDelayMs, \
retryMaxDelayMs, pacing, checkResponses, headers";

fn string(key: &str, v: Value) -> Result<Option<String>, String> {
    match v {
        Value::Null => Ok(None),
        Value::String(s) => Ok(Some(s)),
        _ => Err(format!("{key} must be a string")),
    }
}

fn secret(key: &str, v: Value) -> Result<Option<Secret>, String> {
    match v {
        Value::Null => Ok(None),
        v => Secret::from_json(v)
            .map(Some)
            .ok_or_else(|| format!("{key} must be a string")),
    }
}

fn flag(key: &str, v: Value) -> Result<Option<bool>, String> {
    match v {
        Value::Null => Ok(None),
        Value::Bool(b) => Ok(Some(b)),
        _ => Err(format!("{key} must be true or false")),
    }
}

fn whole(key: &str, v: Value) -> Result<Option<u64>, String> {
    match v {
        Value::Null => Ok(None),
        v => v
            .as_u64()
            .map(Some)
            .ok_or_else(|| format!("{key} must be a whole number, 0 or more")),
    }
}

fn headers(v: Value) -> Result<Option<BTreeMap<String, String>>, String> {
    let map = match v {
        Value::Null => return Ok(None),
        Value::Object(map) => map,
        _ => return Err("headers must be an object of strings".into()),
    };
    map.into_iter()
        .map(|(name, value)| match value {
            Value::String(s) => Ok((name, s)),
            _ => Err(format!("header {name:?} must be a string")),
        })
        .collect::<Result<_, _>>()
        .map(Some)
}

fn set(o: &mut ClientOptions, key: &str, v: Value) -> Result<(), String> {
    match key {
        "clientId" => o.client_id = string(key, v)?,
        "clientSecret" => o.client_secret = secret(key, v)?,
        "privateKey" => o.private_key = secret(key, v)?,
        "clientAuth" => o.client_auth = string(key, v)?,
        "vanityDomain" => o.vanity_domain = string(key, v)?,
        "cloud" => o.cloud = string(key, v)?,
        "baseUrl" => o.base_url = string(key, v)?,
        "tokenUrl" => o.token_url = string(key, v)?,
        "tokenEndpoint" => o.token_endpoint = string(key, v)?,
        "backendSession" => o.backend_session = flag(key, v)?,
        "legacy" => o.legacy = string(key, v)?,
        "username" => o.username = string(key, v)?,
        "password" => o.password = secret(key, v)?,
        "apiKey" => o.api_key = secret(key, v)?,
        "customerId" => o.customer_id = string(key, v)?,
        "microtenantId" => o.microtenant_id = string(key, v)?,
        "timeoutMs" => o.timeout_ms = whole(key, v)?,
        "maxAttempts" => {
            o.max_attempts = whole(key, v)?
                .map(u32::try_from)
                .transpose()
                .map_err(|_| format!("{key} is too large"))?
        }
        "maxRetrySeconds" => o.max_retry_seconds = whole(key, v)?,
        "retryBaseDelayMs" => o.retry_base_delay_ms = whole(key, v)?,
        "retryMaxDelayMs" => o.retry_max_delay_ms = whole(key, v)?,
        "pacing" => o.pacing = flag(key, v)?,
        "checkResponses" => o.check_responses = flag(key, v)?,
        "headers" => o.headers = headers(v)?,
        _ => return Err(format!("unknown option {key:?}; the options are {KNOWN}")),
    }
    Ok(())
}

impl ClientOptions {
    /// Read options from a JSON object with the camelCase keys of the JS
    /// API. `null` counts as absent; an unknown key is an error, so a
    /// misspelt option is not silently ignored.
    pub fn from_json(value: Value) -> Result<Self, String> {
        let Value::Object(map) = value else {
            return Err("options must be an object".into());
        };
        let mut options = ClientOptions::default();
        for (key, v) in map {
            set(&mut options, &key, v)?;
        }
        Ok(options)
    }
}

/// Through [`ClientOptions::from_json`], so Rust callers who load options
/// from a file get the same checks and messages as JS.
impl<'de> serde::Deserialize<'de> for ClientOptions {
    fn deserialize<D: serde::Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        ClientOptions::from_json(Value::deserialize(d)?).map_err(serde::de::Error::custom)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn every_option_is_read() {
        let o = ClientOptions::from_json(json!({
            "clientId": "id", "clientSecret": "s", "privateKey": {"kty": "EC"},
            "clientAuth": "basic", "vanityDomain": "acme", "cloud": "beta",
            "baseUrl": "http://b", "tokenUrl": "http://t", "tokenEndpoint": "/token",
            "backendSession": true, "legacy": "zia", "username": "u", "password": "p",
            "apiKey": "k", "customerId": "123", "microtenantId": "9", "timeoutMs": 5,
            "maxAttempts": 2, "maxRetrySeconds": 7, "retryBaseDelayMs": 11,
            "retryMaxDelayMs": 13, "pacing": false, "checkResponses": false,
            "headers": {"x-a": "1"}
        }))
        .unwrap();
        let names = KNOWN.split(", ").count();
        assert_eq!(names, 24, "KNOWN lists every option once");
        let text = format!("{o:?}");
        for field in [
            "client_id: Some(\"id\")",
            "client_auth: Some(\"basic\")",
            "vanity_domain: Some(\"acme\")",
            "cloud: Some(\"beta\")",
            "base_url: Some(\"http://b\")",
            "token_url: Some(\"http://t\")",
            "token_endpoint: Some(\"/token\")",
            "backend_session: Some(true)",
            "legacy: Some(\"zia\")",
            "username: Some(\"u\")",
            "customer_id: Some(\"123\")",
            "microtenant_id: Some(\"9\")",
            "timeout_ms: Some(5)",
            "max_attempts: Some(2)",
            "max_retry_seconds: Some(7)",
            "retry_base_delay_ms: Some(11)",
            "retry_max_delay_ms: Some(13)",
            "pacing: Some(false)",
            "check_responses: Some(false)",
        ] {
            assert!(text.contains(field), "{field} missing from {text}");
        }
        assert_eq!(o.client_secret.unwrap().expose(), "s");
        assert_eq!(o.private_key.unwrap().expose(), r#"{"kty":"EC"}"#);
        assert_eq!(o.password.unwrap().expose(), "p");
        assert_eq!(o.api_key.unwrap().expose(), "k");
        assert_eq!(o.headers.unwrap()["x-a"], "1");
    }

    #[test]
    fn null_means_absent() {
        let o = ClientOptions::from_json(json!({"clientId": null, "timeoutMs": null})).unwrap();
        assert!(o.client_id.is_none() && o.timeout_ms.is_none());
    }

    #[test]
    fn wrong_shapes_name_the_option_and_never_the_value() {
        for (options, want) in [
            (
                json!({"clientSecret": 31337}),
                "clientSecret must be a string",
            ),
            (json!({"password": ["s3cr3t"]}), "password must be a string"),
            (
                json!({"customerId": 216196257331281920u64}),
                "customerId must be a string",
            ),
            (
                json!({"timeoutMs": 1.5}),
                "timeoutMs must be a whole number",
            ),
            (json!({"timeoutMs": -1}), "timeoutMs must be a whole number"),
            (
                json!({"maxAttempts": 1u64 << 40}),
                "maxAttempts is too large",
            ),
            (json!({"pacing": "yes"}), "pacing must be true or false"),
            (
                json!({"headers": {"x-a": 1}}),
                "header \"x-a\" must be a string",
            ),
            (json!({"headers": "s3cr3t"}), "headers must be an object"),
            (
                json!({"clientSecrets": "s3cr3t"}),
                "unknown option \"clientSecrets\"",
            ),
            (json!(["s3cr3t"]), "options must be an object"),
        ] {
            let err = ClientOptions::from_json(options.clone()).unwrap_err();
            assert!(err.contains(want), "{options}: {err}");
            assert!(!err.contains("s3cr3t") && !err.contains("31337"), "{err}");
        }
    }

    #[test]
    fn serde_deserialize_takes_the_same_path() {
        let o: ClientOptions = serde_json::from_str(r#"{"clientId": "id"}"#).unwrap();
        assert_eq!(o.client_id.as_deref(), Some("id"));
        let err = serde_json::from_str::<ClientOptions>(r#"{"pagesise": 5}"#).unwrap_err();
        assert!(
            err.to_string().contains("unknown option \"pagesise\""),
            "{err}"
        );
    }
}
