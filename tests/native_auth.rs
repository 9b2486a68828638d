//! Every auth mode of the native client against an in-process emulator:
//! OneAPI secret as HTTP Basic, private-key JWTs (RS256 PEM, ES256 JWK),
//! legacy ZPA `/signin` and legacy ZIA sessions, and ambiguous options.
//! A recording proxy sits in between so the tests see what was sent.
#![cfg(not(target_arch = "wasm32"))]

#[path = "native_auth/recorder.rs"]
mod recorder;

use recorder::Recorder;
use serde_json::{json, Value};
use std::net::SocketAddr;
use zscaler_wasm::{zpa, Client, ClientOptions, Secret};

const FIXTURES: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/emulator/tests/fixtures");

fn fixture(name: &str) -> String {
    std::fs::read_to_string(format!("{FIXTURES}/{name}")).unwrap()
}

/// A fresh emulator, reached directly for setup and checks.
struct Emu {
    addr: SocketAddr,
    base: String,
    config: zscaler_emulator::Config,
    http: reqwest::Client,
}

impl Emu {
    async fn start() -> Emu {
        let config = zscaler_emulator::Config::default();
        let addr = zscaler_emulator::spawn(config.clone()).await.unwrap();
        Emu {
            addr,
            base: format!("http://{addr}"),
            config,
            http: reqwest::Client::builder().no_proxy().build().unwrap(),
        }
    }

    fn recorder(&self) -> Recorder {
        Recorder::start(self.addr)
    }

    /// OneAPI options aimed at `origin` (the emulator or a recorder),
    /// without a credential.
    fn oneapi(&self, origin: &str) -> ClientOptions {
        ClientOptions {
            client_id: Some(self.config.client_id.clone()),
            base_url: Some(origin.to_string()),
            token_url: Some(format!("{origin}/oauth2/v1/token")),
            customer_id: Some(self.config.customer_id.clone()),
            pacing: Some(false),
            ..Default::default()
        }
    }

    async fn register_key(&self, body: Value) {
        let resp = self
            .http
            .post(format!("{}/_emulator/client-keys", self.base))
            .header("content-type", "application/json")
            .body(body.to_string())
            .send()
            .await
            .unwrap();
        assert_eq!(resp.status(), 200, "{}", resp.text().await.unwrap());
    }

    async fn status(&self, path: &str, header: (&str, &str)) -> u16 {
        self.http
            .get(format!("{}{path}", self.base))
            .header(header.0, header.1)
            .send()
            .await
            .unwrap()
            .status()
            .as_u16()
    }

    /// A JSON answer from the gateway form of `path`, fetched with a token
    /// of our own: the emulator's view, to compare the client against.
    async fn truth(&self, path: &str) -> Value {
        let form = [
            ("grant_type", "client_credentials"),
            ("client_id", self.config.client_id.as_str()),
            ("client_secret", self.config.client_secret.as_str()),
        ];
        let resp = self
            .http
            .post(format!("{}/oauth2/v1/token", self.base))
            .form(&form)
            .send()
            .await
            .unwrap();
        let token: Value = serde_json::from_str(&resp.text().await.unwrap()).unwrap();
        let token = token["access_token"].as_str().unwrap();
        let resp = self
            .http
            .get(format!("{}{path}", self.base))
            .bearer_auth(token)
            .send()
            .await
            .unwrap();
        serde_json::from_str(&resp.text().await.unwrap()).unwrap()
    }

    fn segments_path(&self, gateway: bool) -> String {
        let prefix = if gateway { "/zpa" } else { "" };
        format!(
            "{prefix}/mgmtconfig/v1/admin/customers/{}/application",
            self.config.customer_id
        )
    }

    async fn segment_total(&self) -> usize {
        let path = format!("{}?pagesize=1", self.segments_path(true));
        self.truth(&path).await["totalCount"]
            .as_str()
            .unwrap()
            .parse()
            .unwrap()
    }
}

/// Lists every application segment and checks the count is the emulator's.
async fn assert_lists_all_segments(client: &Client, emu: &Emu) {
    let all = client
        .zpa()
        .list_all_application_segments(&zpa::ListApplicationSegmentsParams {
            pagesize: Some(500),
            ..Default::default()
        })
        .await
        .unwrap();
    let expected = emu.segment_total().await;
    assert!(expected > 0, "the demo seed has segments");
    assert_eq!(all.len(), expected);
}

/// A fresh P-256 key: the private JWK as text and the public JWK.
fn ec_key() -> (String, Value) {
    let mut bytes = [0u8; 32];
    loop {
        getrandom::getrandom(&mut bytes).unwrap();
        if let Ok(secret) = p256::SecretKey::from_slice(&bytes) {
            let public = serde_json::from_str(&secret.public_key().to_jwk_string()).unwrap();
            return (secret.to_jwk_string().to_string(), public);
        }
    }
}

fn token_requests(rec: &Recorder) -> usize {
    rec.request_lines()
        .iter()
        .filter(|l| l.starts_with("POST /oauth2/v1/token "))
        .count()
}

#[tokio::test]
async fn basic_client_auth_lists_segments() {
    let emu = Emu::start().await;
    let rec = emu.recorder();
    let client = Client::new(ClientOptions {
        client_secret: Some(Secret::new(emu.config.client_secret.clone())),
        client_auth: Some("basic".into()),
        ..emu.oneapi(&rec.base)
    })
    .unwrap();
    assert_lists_all_segments(&client, &emu).await;
    assert_eq!(token_requests(&rec), 1);
    let basic: Vec<_> = rec
        .header_values("authorization")
        .into_iter()
        .filter(|v| v.starts_with("Basic "))
        .collect();
    assert_eq!(basic.len(), 1, "the token request authenticates by Basic");
    assert!(!rec.all_text().contains("client_secret="));
}

#[tokio::test]
async fn rs256_pkcs8_pem_lists_segments() {
    let emu = Emu::start().await;
    emu.register_key(json!({ "pem": fixture("test-only-rsa-2048-public.pem") }))
        .await;
    let rec = emu.recorder();
    let client = Client::new(ClientOptions {
        private_key: Some(Secret::new(fixture("test-only-rsa-2048-private.pem"))),
        ..emu.oneapi(&rec.base)
    })
    .unwrap();
    assert_lists_all_segments(&client, &emu).await;
    let sent = rec.all_text();
    assert!(sent.contains(
        "client_assertion_type=urn%3Aietf%3Aparams%3Aoauth%3Aclient-assertion-type%3Ajwt-bearer"
    ));
    assert!(!sent.contains("client_secret="));
    assert_eq!(token_requests(&rec), 1);
}

#[tokio::test]
async fn es256_jwk_lists_segments() {
    let emu = Emu::start().await;
    let (private, public) = ec_key();
    emu.register_key(json!({ "jwk": public })).await;
    let client = Client::new(ClientOptions {
        private_key: Some(Secret::new(private)),
        ..emu.oneapi(&emu.base)
    })
    .unwrap();
    assert_lists_all_segments(&client, &emu).await;
}

#[tokio::test]
async fn an_unregistered_private_key_is_auth_failed_without_key_material() {
    let emu = Emu::start().await;
    let (_, registered) = ec_key();
    emu.register_key(json!({ "jwk": registered })).await;

    let (other, _) = ec_key();
    let d = serde_json::from_str::<Value>(&other).unwrap()["d"]
        .as_str()
        .unwrap()
        .to_string();
    let pem = fixture("test-only-rsa-2048-private.pem");
    // A line from the middle of the PEM body stands for the whole key.
    let pem_line = pem.lines().nth(5).unwrap().to_string();
    for (key, canary) in [(other, d), (pem, pem_line)] {
        let client = Client::new(ClientOptions {
            private_key: Some(Secret::new(key)),
            ..emu.oneapi(&emu.base)
        })
        .unwrap();
        let err = client
            .zpa()
            .list_application_segments(&Default::default())
            .await
            .unwrap_err();
        assert_eq!(err.code(), "AUTH_FAILED");
        assert_eq!(err.status(), Some(401));
        let shown = format!("{err} {err:?} {client:?}");
        assert!(shown.contains("invalid_client"), "{shown}");
        assert!(!shown.contains(&canary), "{shown}");
    }
}

#[tokio::test]
async fn legacy_zpa_signs_in_uses_unprefixed_paths_and_signs_out() {
    let emu = Emu::start().await;
    let rec = emu.recorder();
    let client = Client::new(ClientOptions {
        legacy: Some("zpa".into()),
        client_id: Some(emu.config.client_id.clone()),
        client_secret: Some(Secret::new(emu.config.client_secret.clone())),
        base_url: Some(rec.base.clone()),
        customer_id: Some(emu.config.customer_id.clone()),
        pacing: Some(false),
        ..Default::default()
    })
    .unwrap();
    assert_lists_all_segments(&client, &emu).await;

    let lines = rec.request_lines();
    assert!(lines[0].starts_with("POST /signin "), "{lines:?}");
    let listed = format!("GET {}?", emu.segments_path(false));
    assert!(lines.iter().any(|l| l.starts_with(&listed)), "{lines:?}");
    assert!(!lines.iter().any(|l| l.contains(" /zpa/")), "{lines:?}");
    let bearer = rec
        .header_values("authorization")
        .into_iter()
        .find(|v| v.starts_with("Bearer "))
        .expect("API calls carry the signed-in token");
    let old = ("authorization", bearer.as_str());
    let path = emu.segments_path(false);
    assert_eq!(emu.status(&path, old).await, 200);

    client.sign_out().await.unwrap();
    assert!(rec
        .request_lines()
        .last()
        .unwrap()
        .starts_with("POST /signout "));
    assert_eq!(emu.status(&path, old).await, 401);
    // The client signs in again on its next call.
    assert_lists_all_segments(&client, &emu).await;
    let signins = rec.request_lines();
    let signins = signins.iter().filter(|l| l.starts_with("POST /signin "));
    assert_eq!(signins.count(), 2);
}

#[tokio::test]
async fn legacy_zia_session_lists_users_and_sign_out_ends_it() {
    let emu = Emu::start().await;
    let rec = emu.recorder();
    let client = Client::new(ClientOptions {
        legacy: Some("zia".into()),
        username: Some(emu.config.zia_username.clone()),
        password: Some(Secret::new(emu.config.zia_password.clone())),
        api_key: Some(Secret::new(emu.config.zia_api_key.clone())),
        base_url: Some(rec.base.clone()),
        pacing: Some(false),
        ..Default::default()
    })
    .unwrap();
    let users = client.zia().list_users(&Default::default()).await.unwrap();
    let expected = emu.truth("/zia/api/v1/users").await;
    assert!(!users.is_empty());
    assert_eq!(users.len(), expected.as_array().unwrap().len());

    let lines = rec.request_lines();
    assert!(
        lines[0].starts_with("POST /api/v1/authenticatedSession "),
        "{lines:?}"
    );
    assert!(
        lines.iter().any(|l| l.starts_with("GET /api/v1/users")),
        "{lines:?}"
    );
    let cookie = rec
        .header_values("cookie")
        .into_iter()
        .find(|v| v.starts_with("JSESSIONID="))
        .expect("API calls carry the session cookie");
    let old = ("cookie", cookie.as_str());
    assert_eq!(emu.status("/api/v1/authenticatedSession", old).await, 200);

    client.sign_out().await.unwrap();
    let last = rec.request_lines().last().unwrap().clone();
    assert!(
        last.starts_with("DELETE /api/v1/authenticatedSession "),
        "{last}"
    );
    assert_eq!(emu.status("/api/v1/authenticatedSession", old).await, 401);
    assert_eq!(emu.status("/api/v1/users", old).await, 401);
}

#[test]
fn combining_two_auth_modes_is_a_config_error() {
    let secret = || Some(Secret::new("canary-secret-9d1c"));
    let base = || ClientOptions {
        client_id: Some("id".into()),
        token_url: Some("https://t.example/oauth2/v1/token".into()),
        ..Default::default()
    };
    let cases = [
        ClientOptions {
            client_secret: secret(),
            private_key: Some(Secret::new(fixture("test-only-rsa-2048-private.pem"))),
            ..base()
        },
        ClientOptions {
            client_secret: secret(),
            token_endpoint: Some("https://backend.example/token".into()),
            ..base()
        },
        ClientOptions {
            client_secret: secret(),
            backend_session: Some(true),
            ..base()
        },
        ClientOptions {
            legacy: Some("zia".into()),
            client_secret: secret(),
            username: Some("admin@example.com".into()),
            password: secret(),
            api_key: secret(),
            ..base()
        },
        ClientOptions {
            legacy: Some("zpa".into()),
            client_secret: secret(),
            username: Some("admin@example.com".into()),
            ..base()
        },
    ];
    for options in cases {
        let shown = format!("{options:?}");
        let err = Client::new(options).unwrap_err();
        assert_eq!(err.code(), "CONFIG", "{shown}");
        assert!(!err.to_string().contains("canary-secret"), "{err}");
    }
}
