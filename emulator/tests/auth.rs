//! Token endpoint and bearer checks.

mod common;

use std::time::Duration;

use common::{client, fetch_token, send, start, start_with, zpa};
use serde_json::Value;
use zscaler_emulator::Config;

async fn token_request(base: &str, body: &str) -> common::Resp {
    send(
        client()
            .post(format!("{base}/oauth2/v1/token"))
            .header("content-type", "application/x-www-form-urlencoded")
            .body(body.to_string()),
    )
    .await
}

#[tokio::test]
async fn token_success_returns_bearer_token() {
    let emu = start().await;
    let r = token_request(
        &emu.base,
        "grant_type=client_credentials&client_id=emulator-client&client_secret=emulator-secret&audience=https%3A%2F%2Fapi.zscaler.com",
    )
    .await;
    assert_eq!(r.status, 200);
    let v = r.json();
    assert_eq!(v["token_type"], "Bearer");
    assert_eq!(v["expires_in"], 3600);
    let token = v["access_token"].as_str().unwrap();
    assert!(token.len() >= 32, "token too short: {token}");
    assert_ne!(token, emu.token, "each token must be fresh");
    // The new token works.
    let ok = send(
        emu.http
            .get(emu.url(&zpa("/segmentGroup")))
            .bearer_auth(token),
    )
    .await;
    assert_eq!(ok.status, 200);
}

#[tokio::test]
async fn token_accepts_http_basic_credentials() {
    let emu = start().await;
    let r = send(
        client()
            .post(emu.url("/oauth2/v1/token"))
            .basic_auth("emulator-client", Some("emulator-secret"))
            .header("content-type", "application/x-www-form-urlencoded")
            .body("grant_type=client_credentials&audience=https%3A%2F%2Fapi.zscaler.com"),
    )
    .await;
    assert_eq!(r.status, 200);
    assert!(r.json()["access_token"].as_str().is_some());
}

#[tokio::test]
async fn token_rejects_wrong_credentials() {
    let emu = start().await;
    let r = token_request(
        &emu.base,
        "grant_type=client_credentials&client_id=emulator-client&client_secret=wrong",
    )
    .await;
    assert_eq!(r.status, 401);
    assert_eq!(r.json()["error"], "invalid_client");
    let r = token_request(&emu.base, "grant_type=client_credentials").await;
    assert_eq!(r.status, 401);
}

#[tokio::test]
async fn token_rejects_bad_grant_type() {
    let emu = start().await;
    let r = token_request(
        &emu.base,
        "grant_type=password&client_id=emulator-client&client_secret=emulator-secret",
    )
    .await;
    assert_eq!(r.status, 400);
    assert_eq!(r.json()["error"], "unsupported_grant_type");
    let r = token_request(
        &emu.base,
        "client_id=emulator-client&client_secret=emulator-secret",
    )
    .await;
    assert_eq!(r.status, 400);
    assert_eq!(r.json()["error"], "unsupported_grant_type");
}

#[tokio::test]
async fn custom_credentials_are_honoured() {
    let config = Config {
        client_id: "ci-id".into(),
        client_secret: "ci-secret".into(),
        ..Config::default()
    };
    let emu = start_with(config).await;
    let r = token_request(
        &emu.base,
        "grant_type=client_credentials&client_id=emulator-client&client_secret=emulator-secret",
    )
    .await;
    assert_eq!(
        r.status, 401,
        "default credentials must not work when overridden"
    );
}

#[tokio::test]
async fn api_requires_a_valid_bearer_token() {
    let emu = start().await;
    for path in [
        zpa("/application"),
        "/zia/api/v1/users".into(),
        "/ziam/admin/api/v1/users".into(),
    ] {
        let r = send(emu.http.get(emu.url(&path))).await;
        assert_eq!(r.status, 401, "{path} without a token");
        assert_eq!(r.json()["detail"], "Invalid or expired token");
        let r = send(emu.http.get(emu.url(&path)).bearer_auth("not-a-token")).await;
        assert_eq!(r.status, 401, "{path} with a bogus token");
        let r = emu.get(&path).await;
        assert_eq!(r.status, 200, "{path} with a valid token");
    }
}

#[tokio::test]
async fn expire_tokens_revokes_everything() {
    let emu = start().await;
    assert_eq!(emu.get("/zia/api/v1/status").await.status, 200);
    let r = emu.control("/_emulator/expire-tokens").await;
    assert_eq!(r.status, 200);
    assert_eq!(emu.get("/zia/api/v1/status").await.status, 401);
    // A fresh token works again.
    let token = fetch_token(&emu.http, &emu.base, "emulator-client", "emulator-secret").await;
    let r = send(
        emu.http
            .get(emu.url("/zia/api/v1/status"))
            .bearer_auth(token),
    )
    .await;
    assert_eq!(r.status, 200);
}

#[tokio::test]
async fn tokens_expire_after_their_ttl() {
    let config = Config {
        token_ttl: Duration::from_secs(1),
        ..Config::default()
    };
    let emu = start_with(config).await;
    let r = token_request(
        &emu.base,
        "grant_type=client_credentials&client_id=emulator-client&client_secret=emulator-secret",
    )
    .await;
    assert_eq!(r.json()["expires_in"], Value::from(1));
    assert_eq!(emu.get("/zia/api/v1/status").await.status, 200);
    tokio::time::sleep(Duration::from_millis(1200)).await;
    assert_eq!(emu.get("/zia/api/v1/status").await.status, 401);
}
