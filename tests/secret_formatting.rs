//! No credential a caller hands the client may come back out through
//! `{:?}` or `{}`: not from the options, not from the client, and not from
//! the error of a token request that failed, whatever the auth mode.
#![cfg(not(target_arch = "wasm32"))]

use zscaler_wasm::{Client, ClientOptions, Error, Secret};

/// One distinct canary per credential field, so a leak names its source.
const SECRET: &str = "canary-client-secret-3b9c41";
const PRIVATE_KEY: &str = "canary-private-key-a7e210";
const PASSWORD: &str = "canary-password-58d0f3";
const API_KEY: &str = "canary-api-key-0c6b9e";
const CANARIES: [&str; 4] = [SECRET, PRIVATE_KEY, PASSWORD, API_KEY];

#[track_caller]
fn assert_no_canary(what: &str, shown: &str) {
    for canary in CANARIES {
        assert!(!shown.contains(canary), "{what} shows {canary}: {shown}");
    }
}

fn all_secrets() -> ClientOptions {
    ClientOptions {
        client_id: Some("id".into()),
        client_secret: Some(Secret::new(SECRET)),
        private_key: Some(Secret::new(PRIVATE_KEY)),
        username: Some("admin@example.com".into()),
        password: Some(Secret::new(PASSWORD)),
        api_key: Some(Secret::new(API_KEY)),
        ..Default::default()
    }
}

/// Build a client, make calls that need a token (ZIA and ZPA, so each
/// legacy mode reaches its login), and check every formatting of what came
/// back: the client itself and each error. Returns the error codes.
async fn check_mode(what: &str, mut options: ClientOptions) -> Vec<String> {
    options
        .customer_id
        .get_or_insert_with(|| "216196257331281920".into());
    assert_no_canary(what, &format!("{options:?}"));
    let errors: Vec<Error> = match Client::new(options) {
        Err(e) => vec![e],
        Ok(client) => {
            assert_no_canary(what, &format!("{client:?} {:?}", client.zia()));
            let zia = client.zia().list_users(&Default::default()).await;
            let zpa = client
                .zpa()
                .list_application_segments(&Default::default())
                .await;
            vec![
                zia.expect_err("the credentials are wrong"),
                zpa.expect_err("the credentials are wrong"),
            ]
        }
    };
    for err in &errors {
        assert_no_canary(what, &format!("{err} | {err:?} | {}", err.code()));
    }
    errors.iter().map(Error::code).collect()
}

/// The refusal came from the token request, not from an earlier check.
#[track_caller]
fn assert_refused(codes: Vec<String>) {
    assert!(codes.iter().all(|c| c == "AUTH_FAILED"), "{codes:?}");
}

/// The token request got no answer: a transport error (retried by the
/// send loop), not a refusal.
#[track_caller]
fn assert_unreachable(codes: Vec<String>) {
    assert!(codes.iter().all(|c| c == "TRANSPORT"), "{codes:?}");
}

async fn emulator() -> String {
    let addr = zscaler_emulator::spawn(zscaler_emulator::Config::default())
        .await
        .expect("emulator starts");
    format!("http://{addr}")
}

#[test]
fn options_and_secrets_print_placeholders() {
    let options = all_secrets();
    assert_no_canary("ClientOptions", &format!("{options:?} {options:#?}"));
    for canary in CANARIES {
        let s = Secret::new(canary);
        assert_no_canary("Secret", &format!("{s} {s:?} {s:#?}"));
    }
}

#[test]
fn the_check_can_fail() {
    let leaked = std::panic::catch_unwind(|| assert_no_canary("self-check", SECRET));
    assert!(leaked.is_err(), "a shown canary must be caught");
}

#[tokio::test]
async fn refused_oneapi_credentials_are_not_shown() {
    let base = emulator().await;
    let oneapi = |auth: Option<&str>| ClientOptions {
        client_id: Some(zscaler_emulator::Config::default().client_id),
        client_secret: Some(Secret::new(SECRET)),
        client_auth: auth.map(str::to_string),
        base_url: Some(base.clone()),
        token_url: Some(format!("{base}/oauth2/v1/token")),
        ..Default::default()
    };
    assert_refused(check_mode("secret in the body", oneapi(None)).await);
    assert_refused(check_mode("secret as basic auth", oneapi(Some("basic"))).await);
    // Refused at construction: the message must not quote the bad key.
    check_mode(
        "a private key that is no key",
        ClientOptions {
            client_secret: None,
            private_key: Some(Secret::new(PRIVATE_KEY)),
            ..oneapi(None)
        },
    )
    .await;
    check_mode(
        "every credential at once",
        ClientOptions {
            base_url: Some(base.clone()),
            token_url: Some(format!("{base}/oauth2/v1/token")),
            ..all_secrets()
        },
    )
    .await;
}

#[tokio::test]
async fn refused_legacy_credentials_are_not_shown() {
    let base = emulator().await;
    assert_refused(
        check_mode(
            "legacy ZIA",
            ClientOptions {
                legacy: Some("zia".into()),
                username: Some("admin@example.com".into()),
                password: Some(Secret::new(PASSWORD)),
                api_key: Some(Secret::new(API_KEY)),
                base_url: Some(base.clone()),
                ..Default::default()
            },
        )
        .await,
    );
    assert_refused(
        check_mode(
            "legacy ZPA",
            ClientOptions {
                legacy: Some("zpa".into()),
                client_id: Some("id".into()),
                client_secret: Some(Secret::new(SECRET)),
                base_url: Some(base),
                ..Default::default()
            },
        )
        .await,
    );
}

#[tokio::test]
async fn an_unreachable_token_server_does_not_show_the_secret() {
    assert_unreachable(
        check_mode(
            "nothing listens",
            ClientOptions {
                client_id: Some("id".into()),
                client_secret: Some(Secret::new(SECRET)),
                base_url: Some("http://127.0.0.1:9".into()),
                token_url: Some("http://127.0.0.1:9/token".into()),
                ..Default::default()
            },
        )
        .await,
    );
}
