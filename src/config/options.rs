//! Every client option, declared once.
//!
//! One table row per option gives its Rust field, JS name, kind, TypeScript
//! type and documentation; the `options!` macro turns the table into the
//! [`ClientOptions`] struct, the JSON reader, the list of known names that
//! error messages quote, and the TypeScript `ClientOptions` declaration. A
//! test holds README's options table to the same list, so adding an option
//! is one row here and one line of prose there.

use super::kinds::{Count, Flag, HeaderMap, OptionKind, SecretText, Text, Whole};
use serde_json::Value;

macro_rules! options {
    (
        js_only {
            $( $(#[doc = $jdoc:literal])* $jname:literal as $jts:literal; )*
        }
        $( $(#[doc = $doc:literal])* $field:ident: $kind:ident = $js:literal as $ts:literal; )*
    ) => {
        /// What a caller configures. JS spells each field in camelCase;
        /// [`ClientOptions::from_json`] reads that form.
        #[derive(Clone, Debug, Default)]
        pub struct ClientOptions {
            $( $(#[doc = $doc])* pub $field: Option<<$kind as OptionKind>::Value>, )*
        }

        /// Every option's JS name, in declaration order; the JS-only ones
        /// (functions, set from JS directly) last.
        pub const OPTION_NAMES: &[&str] = &[$($js,)* $($jname,)*];

        /// The options that only JS can give: functions, which JSON cannot carry.
        pub const JS_ONLY_OPTIONS: &[&str] = &[$($jname,)*];

        /// The TypeScript declaration of `ClientOptions`.
        pub const TS_CLIENT_OPTIONS: &str = concat!(
            "/** Options of `new ZscalerClient(...)`. */\nexport interface ClientOptions {\n",
            $( "  /**", $($doc, "\n   *",)* "/\n  ", $js, "?: ", $ts, ";\n", )*
            $( "  /**", $($jdoc, "\n   *",)* "/\n  ", $jname, "?: ", $jts, ";\n", )*
            "}\n"
        );

        impl ClientOptions {
            /// `Ok` for a known option name, else the unknown-option error.
            pub fn check_name(key: &str) -> Result<(), String> {
                if OPTION_NAMES.contains(&key) {
                    Ok(())
                } else {
                    Err(format!(
                        "unknown option {key:?}; the options are {}",
                        OPTION_NAMES.join(", ")
                    ))
                }
            }

            /// Set one option from its JSON value; `null` clears it.
            pub(crate) fn set(&mut self, key: &str, v: Value) -> Result<(), String> {
                match key {
                    $( $js => <$kind as OptionKind>::read_into(key, v, &mut self.$field)?, )*
                    $( $jname => return Err(format!("{key} can only be given from JavaScript")), )*
                    _ => return Self::check_name(key),
                }
                Ok(())
            }
        }
    };
}

options! {
    js_only {
        /// Receives one event per request, answer and retry; credentials redacted.
        "onLog" as "(event: LogEvent) => void";
        /// Sends every request (API and token calls) instead of the global
        /// `fetch`: a proxy, a test double, instrumentation. It gets
        /// `(url, init)` and must resolve to a `Response`.
        "fetch" as "(url: string, init: RequestInit) => Promise<Response>";
    }
    /// OneAPI client id; server side only, with `clientSecret` or `privateKey`.
    /// With `legacy` "zpa", "zcc", "zdx" or "zwa": the API key (id).
    client_id: Text = "clientId" as "string";
    /// OneAPI client secret. Never ship it to a browser: use `backendSession`.
    /// With `legacy` "zpa", "zcc", "zdx" or "zwa": the key's secret.
    client_secret: SecretText = "clientSecret" as "string";
    /// OneAPI private key for JWT client auth (RS256 or ES256): a PKCS#8 PEM,
    /// or a JWK as JSON text or object.
    private_key: SecretText = "privateKey" as "string | JsonWebKey";
    /// How `clientSecret` is sent: in the form body (default) or as HTTP Basic.
    client_auth: Text = "clientAuth" as "\"body\" | \"basic\"";
    /// The tenant's ZIdentity vanity domain: `acme` for acme.zslogin.net.
    vanity_domain: Text = "vanityDomain" as "string";
    /// Zscaler cloud, e.g. `beta`; production when absent.
    cloud: Text = "cloud" as "string";
    /// API origin override, e.g. an emulator: `http://127.0.0.1:8080`.
    base_url: Text = "baseUrl" as "string";
    /// OAuth token URL override.
    token_url: Text = "tokenUrl" as "string";
    /// Backend URL answering POST with `{access_token, expires_in}`.
    token_endpoint: Text = "tokenEndpoint" as "string";
    /// In a browser behind the zscaler-wasm backend worker: send no token;
    /// the session cookie authenticates and the CSRF header is added.
    backend_session: Flag = "backendSession" as "boolean";
    /// Pre-OneAPI login of one product: "zpa" (`/signin`), "zcc", "zdx" or
    /// "zwa" (API-key token logins) with clientId/clientSecret as the key
    /// pair; "zia" or "ztw" (sessions with username, password and apiKey;
    /// not in browsers, which hide Set-Cookie).
    legacy: Text = "legacy" as "\"zpa\" | \"zia\" | \"zcc\" | \"ztw\" | \"zdx\" | \"zwa\"";
    /// Legacy ZIA or ZTW admin username.
    username: Text = "username" as "string";
    /// Legacy ZIA or ZTW admin password.
    password: SecretText = "password" as "string";
    /// Legacy ZIA or ZTW API key (obfuscated before it is sent).
    api_key: SecretText = "apiKey" as "string";
    /// ZPA tenant id, as a string of digits (it exceeds 2^53); required for
    /// ZPA calls.
    customer_id: Text = "customerId" as "string";
    /// Default ZPA microtenant for calls that accept one.
    microtenant_id: Text = "microtenantId" as "string";
    /// Per-request timeout in milliseconds (default 30000).
    timeout_ms: Whole = "timeoutMs" as "number";
    /// Attempts per call including the first (default 4; 1 disables retries).
    max_attempts: Count = "maxAttempts" as "number";
    /// Fail at once with a RateLimitError when the server asks to wait longer
    /// than this many seconds (default 60).
    max_retry_seconds: Whole = "maxRetrySeconds" as "number";
    /// First backoff step in ms when the server names no wait (default 500).
    retry_base_delay_ms: Whole = "retryBaseDelayMs" as "number";
    /// Longest backoff step in ms (default 20000).
    retry_max_delay_ms: Whole = "retryMaxDelayMs" as "number";
    /// Pace calls to the documented per-product rate limits (default true).
    pacing: Flag = "pacing" as "boolean";
    /// Check every answer against the spec and throw a DecodeError naming the
    /// first field that does not fit (default true). Off, answers that are
    /// JSON come back unchecked: about a tenth less CPU on large list pages.
    check_responses: Flag = "checkResponses" as "boolean";
    /// Extra headers for every API call (not Authorization, Cookie, Host).
    headers: HeaderMap = "headers" as "Record<string, string>";
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
            options.set(&key, v)?;
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
        let mut names = OPTION_NAMES.to_vec();
        names.sort();
        names.dedup();
        assert_eq!(
            names.len(),
            OPTION_NAMES.len(),
            "each option is declared once"
        );
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

    /// README's options table is prose, but it must name every option and
    /// no other: the names in its first column are compared with the table.
    #[test]
    fn readme_documents_every_option() {
        let readme = include_str!("../../README.md");
        let section = readme
            .split("### Options")
            .nth(1)
            .and_then(|s| s.split("\n\n").find(|p| p.trim_start().starts_with('|')))
            .expect("README has an options table");
        let mut documented = Vec::new();
        for row in section.lines().skip(2) {
            let first = row.trim_start_matches('|').split('|').next().unwrap_or("");
            for name in first.split('`').skip(1).step_by(2) {
                let camel = !name.contains(['_', ':', ' ']);
                if camel {
                    documented.push(name.to_string());
                }
            }
        }
        for name in OPTION_NAMES {
            assert!(
                documented.iter().any(|d| d == name),
                "README lacks `{name}`"
            );
        }
        for name in &documented {
            assert!(
                OPTION_NAMES.contains(&name.as_str()),
                "README names unknown `{name}`"
            );
        }
    }

    #[test]
    fn typescript_declares_every_option() {
        for name in OPTION_NAMES {
            assert!(
                TS_CLIENT_OPTIONS.contains(&format!("\n  {name}?: ")),
                "{name} missing from {TS_CLIENT_OPTIONS}"
            );
        }
    }
}
