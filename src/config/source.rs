//! Which credential provider the options select, checked so that a wrong
//! or ambiguous combination fails at construction with a clear message.

use super::{check_label, check_url, non_empty, ClientOptions};
use crate::auth::{KeyLogin, SigningKey, TokenSource, ZIA_SESSION_PATH, ZTW_SESSION_PATH};
use crate::{Error, Product, Secret};

fn secret(v: &Option<Secret>) -> Option<Secret> {
    v.clone().filter(|s| !s.expose().trim_ascii().is_empty())
}

fn required(v: Option<Secret>, what: &str) -> Result<Secret, Error> {
    v.ok_or_else(|| Error::config(format!("{what} is required")))
}

/// The OneAPI token URL: explicit, or from the vanity domain and cloud.
fn token_url(o: &ClientOptions, cloud: Option<&str>) -> Result<String, Error> {
    match (non_empty(&o.token_url), non_empty(&o.vanity_domain)) {
        (Some(u), _) => check_url("tokenUrl", u),
        (None, Some(v)) => {
            check_label("vanityDomain", v)?;
            let suffix = cloud.unwrap_or("");
            Ok(format!("https://{v}.zslogin{suffix}.net/oauth2/v1/token"))
        }
        (None, None) => Err(Error::config("vanityDomain (or tokenUrl) is required")),
    }
}

/// The legacy host of a login kind: `baseUrl`, or the kind's default for
/// `cloud`. Hosts belong to the login kind (the pre-OneAPI service), not to
/// the product's gateway entry.
fn legacy_base(o: &ClientOptions, kind: &str, cloud: Option<&str>) -> Result<String, Error> {
    if let Some(u) = non_empty(&o.base_url) {
        return check_url("baseUrl", u);
    }
    let needs_cloud = |product: &str| {
        Error::config(format!(
            "legacy {product} needs cloud (e.g. zscalertwo) or baseUrl"
        ))
    };
    match (kind, cloud) {
        ("zpa-signin", None) => Ok("https://config.private.zscaler.com".into()),
        ("zpa-signin", Some(c)) => Ok(format!("https://config.{c}.net")),
        // zscalerten's mobile API has its own subdomain.
        ("zcc-login", Some("zscalerten")) => Ok("https://api-mobile6.zscalerten.net".into()),
        ("zcc-login", Some(c)) => Ok(format!("https://api-mobile.{c}.net")),
        ("zcc-login", None) => Err(needs_cloud("ZCC")),
        ("ztw-session", Some(c)) => Ok(format!("https://connector.{c}.net")),
        ("ztw-session", None) => Err(needs_cloud("ZTW")),
        ("zdx-token", c) => Ok(format!("https://api.{}.net", c.unwrap_or("zdxcloud"))),
        ("zwa-token", c) => Ok(format!("https://api.{}.zsworkflow.net", c.unwrap_or("us1"))),
        (_, Some(c)) => Ok(format!("https://zsapi.{c}.net")),
        (_, None) => Err(needs_cloud("ZIA")),
    }
}

/// The products that have a legacy login, as the `legacy` option names them.
fn legacy_names() -> String {
    let names: Vec<String> = Product::ALL
        .iter()
        .filter(|p| p.info().legacy.is_some())
        .map(|p| format!("{:?}", p.name()))
        .collect();
    names.join(" or ")
}

/// The provider, and for legacy modes the one product it serves.
pub(super) fn resolve(
    o: &ClientOptions,
    cloud: Option<&str>,
) -> Result<(TokenSource, Option<Product>), Error> {
    let client_id = non_empty(&o.client_id).map(str::to_string);
    let client_secret = secret(&o.client_secret);
    let private_key = secret(&o.private_key);
    let chosen = [
        o.backend_session == Some(true),
        non_empty(&o.token_endpoint).is_some(),
        client_id.is_some() || client_secret.is_some() || private_key.is_some(),
        o.username.is_some() || secret(&o.api_key).is_some(),
    ];
    if chosen.iter().filter(|c| **c).count() > 1 {
        return Err(Error::config(
            "choose one way to authenticate: backendSession, tokenEndpoint, \
             clientId with clientSecret or privateKey, or legacy username/apiKey",
        ));
    }
    let basic = match o.client_auth.as_deref() {
        None | Some("body") => false,
        Some("basic") => true,
        Some(_) => return Err(Error::config("clientAuth must be \"body\" or \"basic\"")),
    };
    let legacy = match o.legacy.as_deref() {
        Some(name) => Some(
            Product::named(name)
                .and_then(|p| Some((p, p.info().legacy?)))
                .ok_or_else(|| Error::config(format!("legacy must be {}", legacy_names())))?,
        ),
        None => None,
    };
    match legacy {
        Some((product, kind)) => {
            let given = Given {
                client_id,
                client_secret,
                key_or_user: chosen[3] || private_key.is_some(),
            };
            return legacy_source(o, product, kind, cloud, given);
        }
        None if chosen[3] => {
            return Err(Error::config(
                "username/apiKey need legacy: \"zia\" or \"ztw\"",
            ));
        }
        None => {}
    }
    if o.backend_session == Some(true) {
        return Ok((TokenSource::Session, None));
    }
    if let Some(url) = non_empty(&o.token_endpoint) {
        let url = check_url("tokenEndpoint", url)?;
        return Ok((TokenSource::Backend { url }, None));
    }
    let Some(client_id) = client_id else {
        return Err(Error::config(
            "no credentials: give clientId with clientSecret or privateKey, \
             tokenEndpoint, or backendSession",
        ));
    };
    let source = match (client_secret, private_key) {
        (Some(_), Some(_)) => {
            return Err(Error::config("give clientSecret or privateKey, not both"))
        }
        (Some(client_secret), None) => TokenSource::ClientSecret {
            token_url: token_url(o, cloud)?,
            client_id,
            client_secret,
            basic,
        },
        (None, Some(_)) if basic => {
            return Err(Error::config(
                "clientAuth applies to clientSecret; privateKey is sent as a signed assertion",
            ))
        }
        (None, Some(key)) => TokenSource::PrivateKey {
            token_url: token_url(o, cloud)?,
            client_id,
            key: SigningKey::parse(key.expose())?,
        },
        (None, None) => {
            return Err(Error::config(
                "clientSecret or privateKey is required with clientId",
            ))
        }
    };
    Ok((source, None))
}

/// What the common options held, for [`legacy_source`].
struct Given {
    client_id: Option<String>,
    client_secret: Option<Secret>,
    /// A private key, username or API key was given too.
    key_or_user: bool,
}

/// The provider of legacy login `kind` for `product`. Out of line: a
/// OneAPI client's constructor never compiles it (see `crate::auth::Cold`).
#[inline(never)]
fn legacy_source(
    o: &ClientOptions,
    product: Product,
    kind: &str,
    cloud: Option<&str>,
    given: Given,
) -> Result<(TokenSource, Option<Product>), Error> {
    match kind {
        "zpa-signin" => {
            let source = TokenSource::LegacyZpa {
                base: legacy_base(o, kind, cloud)?,
                client_id: given
                    .client_id
                    .ok_or_else(|| Error::config("clientId is required"))?,
                client_secret: required(given.client_secret, "clientSecret")?,
            };
            Ok((source, Some(product)))
        }
        "zia-session" | "ztw-session" => {
            let source = TokenSource::LegacySession {
                base: legacy_base(o, kind, cloud)?,
                path: if kind == "zia-session" {
                    ZIA_SESSION_PATH
                } else {
                    ZTW_SESSION_PATH
                },
                username: non_empty(&o.username)
                    .ok_or_else(|| Error::config("username is required"))?
                    .to_string(),
                password: required(secret(&o.password), "password")?,
                api_key: required(secret(&o.api_key), "apiKey")?,
            };
            Ok((source, Some(product)))
        }
        _ => {
            let login = match kind {
                "zcc-login" => KeyLogin::Zcc,
                "zdx-token" => KeyLogin::Zdx,
                "zwa-token" => KeyLogin::Zwa,
                _ => {
                    return Err(Error::config(format!(
                        "legacy login {kind:?} is not implemented"
                    )))
                }
            };
            if given.key_or_user {
                return Err(Error::config(format!(
                    "legacy {} takes clientId and clientSecret only",
                    product.name()
                )));
            }
            // The key id and secret (ZCC's API key and secret key) are
            // given as clientId and clientSecret, like legacy ZPA's pair.
            let source = TokenSource::LegacyKey {
                login,
                base: legacy_base(o, kind, cloud)?,
                key_id: given
                    .client_id
                    .ok_or_else(|| Error::config("clientId is required"))?,
                key_secret: required(given.client_secret, "clientSecret")?,
            };
            Ok((source, Some(product)))
        }
    }
}
