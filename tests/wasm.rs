//! The client compiled to wasm32, on the fetch transport, against a running
//! emulator. The same tests run in Node and (with WASM_BINDGEN_USE_BROWSER=1)
//! in headless Chromium; `scripts/test.sh` starts the emulator and passes
//! its URL at build time. In Chromium the page comes from the test
//! runner's own origin, chosen at run time, so that stage's emulator runs
//! with `--cors '*'`; a default emulator, like Zscaler, sends no CORS
//! headers and the browser would hide every answer.
#![cfg(target_arch = "wasm32")]

use std::collections::HashSet;
use wasm_bindgen_test::*;
use zscaler_wasm::{zpa, Client, ClientOptions, Secret};

fn emulator() -> &'static str {
    // Read at build time: a wasm test has no environment at run time.
    match option_env!("ZSCALER_EMULATOR_URL") {
        Some(url) => url,
        None => panic!("build with ZSCALER_EMULATOR_URL set to a running emulator"),
    }
}

fn client(secret: &str, timeout_ms: Option<u64>) -> Client {
    let base = emulator();
    Client::new(ClientOptions {
        client_id: Some("emulator-client".into()),
        client_secret: Some(Secret::new(secret)),
        base_url: Some(base.into()),
        token_url: Some(format!("{base}/oauth2/v1/token")),
        customer_id: Some("216196257331281920".into()),
        timeout_ms,
        ..Default::default()
    })
    .unwrap()
}

#[wasm_bindgen_test]
async fn lists_every_application_segment_over_fetch() {
    let zpa = client("emulator-secret", None).zpa();
    let first = zpa
        .list_application_segments(&zpa::ListApplicationSegmentsParams {
            pagesize: Some(20),
            ..Default::default()
        })
        .await
        .unwrap();
    let total: usize = first.total_count.unwrap().parse().unwrap();
    let all = zpa
        .list_all_application_segments(&zpa::ListApplicationSegmentsParams {
            pagesize: Some(20),
            ..Default::default()
        })
        .await
        .unwrap();
    let ids: HashSet<_> = all.iter().filter_map(|a| a.id.clone()).collect();
    assert!(total > 20);
    assert_eq!((all.len(), ids.len()), (total, total));
}

#[wasm_bindgen_test]
async fn zia_and_zidentity_calls_work_over_fetch() {
    let c = client("emulator-secret", None);
    let users = c.zia().list_users(&Default::default()).await.unwrap();
    assert!(!users.is_empty());
    let page = c.zidentity().list_users(&Default::default()).await.unwrap();
    assert!(!page.records.unwrap_or_default().is_empty());
}

#[wasm_bindgen_test]
async fn refused_credentials_are_a_typed_auth_error() {
    let err = client("not-the-secret", None)
        .zia()
        .list_users(&Default::default())
        .await
        .unwrap_err();
    assert_eq!(err.code(), "AUTH_FAILED");
    assert_eq!(err.status(), Some(401));
    assert!(!format!("{err:?}").contains("not-the-secret"));
}

#[wasm_bindgen_test]
async fn unknown_id_is_a_404_api_error() {
    let err = client("emulator-secret", None)
        .zpa()
        .get_application_segment(&zpa::GetApplicationSegmentParams {
            application_id: "1".into(),
            ..Default::default()
        })
        .await
        .unwrap_err();
    assert_eq!(err.status(), Some(404));
    assert_eq!(err.kind(), "ZscalerApiError");
}

#[wasm_bindgen_test]
async fn connection_refused_is_typed_not_a_trap() {
    let c = Client::new(ClientOptions {
        client_id: Some("x".into()),
        client_secret: Some(Secret::new("y")),
        base_url: Some("http://127.0.0.1:9".into()),
        token_url: Some("http://127.0.0.1:9/token".into()),
        ..Default::default()
    })
    .unwrap();
    let err = c.zia().list_users(&Default::default()).await.unwrap_err();
    assert_eq!(err.code(), "TRANSPORT", "{err}");
    // The instance is still usable after the failure.
    let ok = client("emulator-secret", None)
        .zia()
        .list_groups(&Default::default())
        .await
        .unwrap();
    assert!(!ok.is_empty());
}
