//! Retries, token handling and typed errors against the emulator's fault
//! and control API, with a fake clock that records every wait.
#![cfg(not(target_arch = "wasm32"))]

use serde_json::{json, Value};
use std::sync::{Arc, Mutex};
use zscaler_wasm::{Client, ClientOptions, Secret};

struct Rig {
    base: String,
    http: reqwest::Client,
    waits: Arc<Mutex<Vec<u64>>>,
}

impl Rig {
    async fn new() -> Self {
        let addr = zscaler_emulator::spawn(zscaler_emulator::Config::default())
            .await
            .unwrap();
        Self {
            base: format!("http://{addr}"),
            http: reqwest::Client::new(),
            waits: Default::default(),
        }
    }

    fn client(&self, tweak: impl FnOnce(&mut ClientOptions)) -> Client {
        let mut options = ClientOptions {
            client_id: Some("emulator-client".into()),
            client_secret: Some(Secret::new("emulator-secret")),
            base_url: Some(self.base.clone()),
            token_url: Some(format!("{}/oauth2/v1/token", self.base)),
            customer_id: Some("216196257331281920".into()),
            pacing: Some(false),
            ..Default::default()
        };
        tweak(&mut options);
        let waits = self.waits.clone();
        let sleep: zscaler_wasm::sleep::SleepFn = Arc::new(move |ms| {
            waits.lock().unwrap().push(ms);
            Box::pin(async {})
        });
        Client::with_sleep(options, sleep).unwrap()
    }

    async fn control(&self, path: &str, body: Value) -> Value {
        let resp = self
            .http
            .post(format!("{}/_emulator/{path}", self.base))
            .header("content-type", "application/json")
            .body(body.to_string())
            .send()
            .await
            .unwrap();
        assert!(
            resp.status().is_success(),
            "control {path}: {}",
            resp.status()
        );
        serde_json::from_str(&resp.text().await.unwrap()).unwrap_or(Value::Null)
    }

    async fn stats(&self) -> Value {
        let resp = self
            .http
            .get(format!("{}/_emulator/stats", self.base))
            .send()
            .await
            .unwrap();
        serde_json::from_str(&resp.text().await.unwrap()).unwrap()
    }

    fn waits(&self) -> Vec<u64> {
        self.waits.lock().unwrap().clone()
    }
}

#[tokio::test]
async fn a_429_is_retried_after_the_servers_wait() {
    let rig = Rig::new().await;
    rig.control(
        "faults",
        json!({"method": "GET", "path_prefix": "/zia/api/v1/users", "status": 429,
        "headers": {"retry-after": "3"}, "count": 2}),
    )
    .await;
    let users = rig
        .client(|_| {})
        .zia()
        .list_users(&Default::default())
        .await
        .unwrap();
    assert!(!users.is_empty());
    assert_eq!(rig.waits(), vec![3000, 3000]);
}

#[tokio::test]
async fn a_429_without_headers_is_retried_with_backoff() {
    let rig = Rig::new().await;
    rig.control(
        "faults",
        json!({"method": "GET", "path_prefix": "/zia/api/v1/groups", "status": 429,
        "headers": {}, "body": {"message": "slow down"}, "count": 1}),
    )
    .await;
    rig.client(|_| {})
        .zia()
        .list_groups(&Default::default())
        .await
        .unwrap();
    let waits = rig.waits();
    assert_eq!(waits.len(), 1);
    assert!(
        waits[0] <= 500,
        "full jitter under the first step: {waits:?}"
    );
}

#[tokio::test]
async fn server_errors_are_retried_for_gets_but_not_posts() {
    let rig = Rig::new().await;
    rig.control("faults", json!({"method": "GET", "path_prefix": "/zia/api/v1/departments", "status": 502, "count": 1})).await;
    rig.client(|_| {})
        .zia()
        .list_departments(&Default::default())
        .await
        .unwrap();
    assert_eq!(rig.waits().len(), 1);

    rig.control("faults", json!({"method": "POST", "path_prefix": "/zia/api/v1/urlLookup", "status": 500, "count": 1})).await;
    let err = rig
        .client(|_| {})
        .zia()
        .lookup_urls(&["example.com".into()])
        .await
        .unwrap_err();
    assert_eq!(err.status(), Some(500));
    assert_eq!(rig.waits().len(), 1, "the POST was not retried");
}

#[tokio::test]
async fn attempts_are_bounded_and_the_last_error_is_returned() {
    let rig = Rig::new().await;
    rig.control(
        "faults",
        json!({"method": "GET", "path_prefix": "/zia/api/v1/users", "status": 503, "count": 10}),
    )
    .await;
    let err = rig
        .client(|o| o.max_attempts = Some(3))
        .zia()
        .list_users(&Default::default())
        .await
        .unwrap_err();
    assert_eq!(err.status(), Some(503));
    assert_eq!(rig.waits().len(), 2);
}

#[tokio::test]
async fn a_wait_beyond_max_retry_seconds_fails_fast() {
    let rig = Rig::new().await;
    rig.control(
        "faults",
        json!({"method": "GET", "path_prefix": "/zia/api/v1/users", "status": 429,
        "headers": {"retry-after": "600"}, "count": 1}),
    )
    .await;
    let err = rig
        .client(|o| o.max_retry_seconds = Some(30))
        .zia()
        .list_users(&Default::default())
        .await
        .unwrap_err();
    assert_eq!(
        (err.code().as_str(), err.retry_after_ms()),
        ("RETRY_TOO_LONG", Some(600_000))
    );
    assert_eq!(err.kind(), "RateLimitError");
    assert!(rig.waits().is_empty());
}

#[tokio::test]
async fn edit_lock_is_retried_even_for_posts() {
    let rig = Rig::new().await;
    rig.control(
        "faults",
        json!({"method": "POST", "path_prefix": "/zia/api/v1/status/activate", "status": 409,
        "body": {"code": "EDIT_LOCK_NOT_AVAILABLE", "message": "locked"}, "count": 1}),
    )
    .await;
    let status = rig
        .client(|_| {})
        .zia()
        .activate(&Default::default())
        .await
        .unwrap();
    assert_eq!(status.status.as_deref(), Some("ACTIVE"));
    assert_eq!(rig.waits().len(), 1);
}

#[tokio::test]
async fn read_only_mode_is_its_own_error() {
    let rig = Rig::new().await;
    rig.control("read-only", json!({"enabled": true})).await;
    let err = rig
        .client(|_| {})
        .zia()
        .activate(&Default::default())
        .await
        .unwrap_err();
    assert_eq!(
        (err.kind(), err.code().as_str()),
        ("ReadOnlyError", "STATE_READONLY")
    );
    assert!(rig.waits().is_empty(), "read-only is never retried");
}

#[tokio::test]
async fn fifty_concurrent_calls_mint_one_token() {
    let rig = Rig::new().await;
    let before = rig.stats().await["token_requests"].as_u64().unwrap();
    let client = rig.client(|_| {});
    let calls = (0..50).map(|_| {
        let zpa = client.zpa();
        async move { zpa.list_segment_groups(&Default::default()).await }
    });
    for r in futures_util::future::join_all(calls).await {
        r.unwrap();
    }
    let after = rig.stats().await["token_requests"].as_u64().unwrap();
    assert_eq!(after - before, 1);
}

#[tokio::test]
async fn expired_tokens_are_reminted_once() {
    let rig = Rig::new().await;
    let client = rig.client(|_| {});
    client.zia().list_groups(&Default::default()).await.unwrap();
    rig.control("expire-tokens", json!({})).await;
    let before = rig.stats().await["token_requests"].as_u64().unwrap();
    client.zia().list_groups(&Default::default()).await.unwrap();
    let after = rig.stats().await["token_requests"].as_u64().unwrap();
    assert_eq!(after - before, 1);
}

#[tokio::test]
async fn a_connection_reset_is_retried_for_gets() {
    let rig = Rig::new().await;
    rig.control(
        "faults",
        json!({"method": "GET", "path_prefix": "/zia/api/v1/users", "reset": true, "count": 1}),
    )
    .await;
    rig.client(|_| {})
        .zia()
        .list_users(&Default::default())
        .await
        .unwrap();
    assert_eq!(rig.waits().len(), 1);
}

#[tokio::test]
async fn a_malformed_body_is_a_decode_error() {
    let rig = Rig::new().await;
    rig.control(
        "faults",
        json!({"method": "GET", "path_prefix": "/zia/api/v1/users", "status": 200,
        "body": "{\"truncated\": [", "count": 1}),
    )
    .await;
    let err = rig
        .client(|_| {})
        .zia()
        .list_users(&Default::default())
        .await
        .unwrap_err();
    assert_eq!(err.code(), "DECODE");
}
