//! A documented quota (each ZCC download: 3 a day) fails the call
//! that would exceed it at once, with a typed error saying when the quota
//! has room again, and sends nothing; a wait longer than a retry may take
//! (ZCC's 100 calls an hour) fails the same way instead of hanging.
#![cfg(all(not(target_arch = "wasm32"), feature = "zcc"))]

use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::Arc;
use zscaler_wasm::http::{HttpRequest, HttpResponse};
use zscaler_wasm::{zcc, Client, ClientOptions, Error, Hooks, Secret};

const DAY_MS: u64 = 86_400_000;

fn client(sent: Arc<AtomicUsize>) -> Client {
    let options = ClientOptions {
        client_id: Some("quota".into()),
        client_secret: Some(Secret::new("quota-secret")),
        base_url: Some("http://api.test".into()),
        token_url: Some("http://login.test/oauth2/v1/token".into()),
        ..Default::default()
    };
    let hooks = Hooks {
        sleep: Arc::new(|_| Box::pin(async {})),
        transport: Some(Arc::new(move |req: HttpRequest, _timeout| {
            let resp = if req.url.ends_with("/oauth2/v1/token") {
                HttpResponse::from_bytes(
                    200,
                    vec![],
                    br#"{"access_token":"t","token_type":"Bearer","expires_in":3600}"#.to_vec(),
                )
            } else {
                sent.fetch_add(1, Ordering::SeqCst);
                let body: &[u8] = if req.url.contains("/download") {
                    b"udid,user\n1,a\n"
                } else {
                    b"[]"
                };
                HttpResponse::from_bytes(200, vec![], body.to_vec())
            };
            Box::pin(async move { Ok(resp) })
        })),
        ..Hooks::default()
    };
    Client::with_hooks(options, hooks).unwrap()
}

fn now_ms() -> u64 {
    std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .unwrap()
        .as_millis() as u64
}

#[tokio::test]
async fn the_fourth_download_of_the_day_fails_fast_and_says_when_it_resets() {
    let sent = Arc::new(AtomicUsize::new(0));
    let c = client(sent.clone());
    let zcc = c.zcc();
    let params = zcc::DownloadDevicesParams::default();
    for _ in 0..3 {
        assert!(zcc
            .download_devices(&params)
            .await
            .unwrap()
            .starts_with(b"udid"));
    }
    let before = now_ms();
    let err = zcc.download_devices(&params).await.unwrap_err();
    assert_eq!(
        sent.load(Ordering::SeqCst),
        3,
        "the refused call sent nothing"
    );
    let Error::LimitReached {
        operation,
        max,
        window_ms,
        wait_ms,
        reset_at_ms,
    } = &err
    else {
        panic!("expected LimitReached, got {err:?}");
    };
    assert_eq!(
        (operation.as_str(), *max, *window_ms),
        ("downloadDevices", 3, DAY_MS)
    );
    assert!(
        *wait_ms > DAY_MS - 60_000 && *wait_ms <= DAY_MS,
        "{wait_ms}"
    );
    assert!(*reset_at_ms >= before + wait_ms - 1_000 && *reset_at_ms <= now_ms() + DAY_MS);
    assert_eq!(
        (err.kind(), err.code().as_str()),
        ("RateLimitError", "RATE_LIMITED")
    );
    assert_eq!(err.retry_after_ms(), Some(*wait_ms));
    let text = err.to_string();
    assert!(text.contains("3 calls per 24 h"), "{text}");
    // The reset time, to the second, in ISO 8601 UTC.
    let at = text.split("room again at ").nth(1).expect("a reset time");
    let (stamp, _) = at.split_once(' ').unwrap();
    assert_eq!(stamp.len(), 20, "{text}");
    assert!(stamp.starts_with("20") && stamp.ends_with('Z') && stamp.as_bytes()[10] == b'T');
    // Other operations still go: the service-status download has its own
    // quota, and the rest count only against the hourly limit.
    zcc.download_service_status(&Default::default())
        .await
        .unwrap();
    zcc.list_devices(&Default::default()).await.unwrap();
    assert_eq!(sent.load(Ordering::SeqCst), 5);
}

#[tokio::test]
async fn an_hourly_budget_used_up_fails_instead_of_waiting_an_hour() {
    let sent = Arc::new(AtomicUsize::new(0));
    let c = client(sent.clone());
    let zcc = c.zcc();
    for _ in 0..100 {
        zcc.list_devices(&Default::default()).await.unwrap();
    }
    let err = zcc.list_devices(&Default::default()).await.unwrap_err();
    assert!(
        matches!(
            &err,
            Error::LimitReached {
                max: 100,
                window_ms: 3_600_000,
                ..
            }
        ),
        "{err:?}"
    );
    assert_eq!(sent.load(Ordering::SeqCst), 100);
}
