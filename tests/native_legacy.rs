//! The legacy logins of ZCC, ZTW, ZDX and ZWA, end to end against an
//! in-process emulator: login, one API call of the product on its legacy
//! layout, ZTW's sign-out, wrong credentials as a typed auth error, and
//! secrets absent from errors, `Debug` and log events. A recording proxy
//! shows what went over the wire.
#![cfg(not(target_arch = "wasm32"))]

#[path = "native_auth/recorder.rs"]
mod recorder;

use recorder::Recorder;
use std::sync::{Arc, Mutex};
use zscaler_wasm::log::LogEvent;
use zscaler_wasm::{zcc, zdx, ztw, zwa, Client, ClientOptions, Hooks, Secret};

/// A fresh emulator behind a recorder, and what its default config accepts.
struct Emu {
    base: String,
    rec: Recorder,
    config: zscaler_emulator::Config,
}

impl Emu {
    async fn start() -> Emu {
        let config = zscaler_emulator::Config::default();
        let addr = zscaler_emulator::spawn(config.clone()).await.unwrap();
        Emu {
            base: format!("http://{addr}"),
            rec: Recorder::start(addr),
            config,
        }
    }

    /// Options of an API-key login (`legacy` zcc, zdx, zwa) through the
    /// recorder.
    fn key(&self, legacy: &str, secret: &str) -> ClientOptions {
        ClientOptions {
            legacy: Some(legacy.into()),
            client_id: Some(self.config.client_id.clone()),
            client_secret: Some(Secret::new(secret)),
            base_url: Some(self.rec.base.clone()),
            pacing: Some(false),
            max_attempts: Some(1),
            ..Default::default()
        }
    }

    /// Options of a ZTW session login through the recorder.
    fn ztw(&self, password: &str) -> ClientOptions {
        ClientOptions {
            legacy: Some("ztw".into()),
            username: Some(self.config.zia_username.clone()),
            password: Some(Secret::new(password)),
            api_key: Some(Secret::new(self.config.zia_api_key.clone())),
            base_url: Some(self.rec.base.clone()),
            pacing: Some(false),
            max_attempts: Some(1),
            ..Default::default()
        }
    }

    /// The status of `GET path` on the emulator with one header.
    async fn status(&self, path: &str, header: (&str, &str)) -> u16 {
        reqwest::Client::builder()
            .no_proxy()
            .build()
            .unwrap()
            .get(format!("{}{path}", self.base))
            .header(header.0, header.1)
            .send()
            .await
            .unwrap()
            .status()
            .as_u16()
    }
}

/// A client whose log events are kept, rendered as Debug text.
fn logged(options: ClientOptions) -> (Client, Arc<Mutex<Vec<String>>>) {
    let events: Arc<Mutex<Vec<String>>> = Arc::default();
    let sink = events.clone();
    let hooks = Hooks {
        log: Some(Arc::new(move |e: &LogEvent| {
            sink.lock().unwrap().push(format!("{e:?}"))
        })),
        ..Default::default()
    };
    (Client::with_hooks(options, hooks).unwrap(), events)
}

/// No secret in the client's Debug or its log events; every credential
/// header a log event shows reads `<redacted>`.
fn assert_hidden(client: &Client, events: &Mutex<Vec<String>>, secrets: &[&str]) {
    let shown = format!("{client:?} {}", events.lock().unwrap().join("\n"));
    for s in secrets {
        assert!(!shown.contains(s), "{s:?} leaked: {shown}");
    }
}

/// A ZWA incident search without filters (its body has no `Default`).
fn zwa_search() -> zwa::SearchIncidentsParams {
    serde_json::from_value(serde_json::json!({"body": {}})).unwrap()
}

fn first_line(rec: &Recorder) -> String {
    rec.request_lines()[0].clone()
}

#[tokio::test]
async fn zcc_logs_in_and_sends_its_jwt_as_auth_token() {
    let emu = Emu::start().await;
    let secret = emu.config.client_secret.clone();
    let (client, events) = logged(emu.key("zcc", &secret));
    let params = zcc::ListApplicationProfilesParams::default();
    client
        .zcc()
        .list_application_profiles(&params)
        .await
        .unwrap();

    let lines = emu.rec.request_lines();
    assert!(
        lines[0].starts_with("POST /papi/auth/v1/login "),
        "{lines:?}"
    );
    let listed = "GET /papi/public/v1/application-profiles";
    assert!(lines.iter().any(|l| l.starts_with(listed)), "{lines:?}");
    let jwt = emu
        .rec
        .header_values("auth-token")
        .pop()
        .expect("auth-token sent");
    assert!(emu.rec.header_values("authorization").is_empty());
    let redacted = events
        .lock()
        .unwrap()
        .iter()
        .any(|e| e.contains("\"auth-token\", \"<redacted>\""));
    assert!(redacted, "{:?}", events.lock().unwrap());
    assert_hidden(&client, &events, &[&secret, &jwt]);
    let path = "/papi/public/v1/application-profiles";
    assert_eq!(emu.status(path, ("auth-token", &jwt)).await, 200);
}

#[tokio::test]
async fn zdx_sends_a_hash_never_the_secret_and_uses_the_bearer_token() {
    let emu = Emu::start().await;
    let secret = emu.config.client_secret.clone();
    let (client, events) = logged(emu.key("zdx", &secret));
    let params = zdx::ListDepartmentsParams::default();
    client.zdx().list_departments(&params).await.unwrap();

    assert!(first_line(&emu.rec).starts_with("POST /v1/oauth/token "));
    let lines = emu.rec.request_lines();
    let listed = "GET /v1/administration/departments";
    assert!(lines.iter().any(|l| l.starts_with(listed)), "{lines:?}");
    assert!(
        !emu.rec.all_text().contains(&secret),
        "only the hash is sent"
    );
    let (token, _) = client.access_token().await.unwrap();
    assert_hidden(&client, &events, &[&secret, token.expose()]);
}

#[tokio::test]
async fn zwa_logs_in_and_searches_incidents() {
    let emu = Emu::start().await;
    let secret = emu.config.client_secret.clone();
    let (client, events) = logged(emu.key("zwa", &secret));
    let params = zwa_search();
    client.zwa().search_incidents(&params).await.unwrap();

    assert!(first_line(&emu.rec).starts_with("POST /v1/auth/api-key/token "));
    let lines = emu.rec.request_lines();
    let searched = "POST /dlp/v1/incidents/search";
    assert!(lines.iter().any(|l| l.starts_with(searched)), "{lines:?}");
    let (token, _) = client.access_token().await.unwrap();
    assert_hidden(&client, &events, &[&secret, token.expose()]);
}

#[tokio::test]
async fn ztw_session_lists_account_groups_and_sign_out_ends_it() {
    let emu = Emu::start().await;
    let password = emu.config.zia_password.clone();
    let (client, events) = logged(emu.ztw(&password));
    let params = ztw::ListAccountGroupsParams::default();
    client.ztw().list_account_groups(&params).await.unwrap();

    assert!(first_line(&emu.rec).starts_with("POST /api/v1/auth "));
    let lines = emu.rec.request_lines();
    let listed = "GET /api/v1/accountGroups";
    assert!(lines.iter().any(|l| l.starts_with(listed)), "{lines:?}");
    let cookie = emu
        .rec
        .header_values("cookie")
        .into_iter()
        .find(|v| v.starts_with("JSESSIONID="))
        .expect("API calls carry the session cookie");
    let api_key = emu.config.zia_api_key.clone();
    assert_hidden(&client, &events, &[&password, &api_key, &cookie]);
    assert_eq!(
        emu.status("/ztw/api/v1/accountGroups", ("cookie", &cookie))
            .await,
        200
    );

    client.sign_out().await.unwrap();
    let last = emu.rec.request_lines().last().unwrap().clone();
    assert!(last.starts_with("DELETE /api/v1/auth "), "{last}");
    assert_eq!(
        emu.status("/ztw/api/v1/accountGroups", ("cookie", &cookie))
            .await,
        401
    );
}

#[tokio::test]
async fn wrong_credentials_are_auth_errors_without_the_secret() {
    let emu = Emu::start().await;
    let canary = "canary-secret-51f0";
    let cases = [
        ("zcc", emu.key("zcc", canary)),
        ("zdx", emu.key("zdx", canary)),
        ("zwa", emu.key("zwa", canary)),
        ("ztw", emu.ztw(canary)),
    ];
    for (product, options) in cases {
        let (client, events) = logged(options);
        let err = match product {
            "zcc" => client
                .zcc()
                .list_application_profiles(&Default::default())
                .await
                .map(drop),
            "zdx" => client
                .zdx()
                .list_departments(&Default::default())
                .await
                .map(drop),
            "zwa" => client.zwa().search_incidents(&zwa_search()).await.map(drop),
            _ => client
                .ztw()
                .list_account_groups(&Default::default())
                .await
                .map(drop),
        }
        .unwrap_err();
        assert_eq!(err.code(), "AUTH_FAILED", "{product}: {err}");
        assert_eq!(err.status(), Some(401), "{product}: {err}");
        let shown = format!("{err} {err:?}");
        assert!(!shown.contains(canary), "{product}: {shown}");
        assert_hidden(&client, &events, &[canary]);
    }
}
