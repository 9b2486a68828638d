//! Rate limits (off by default, switchable) and the gateway's headers.

mod common;

use common::{start, start_with, zpa, Emu};
use serde_json::json;
use zscaler_emulator::Config;

async fn enable(emu: &Emu) {
    let r = common::send(
        emu.http
            .post(emu.url("/_emulator/rate-limits"))
            .json(&json!({"enabled": true})),
    )
    .await;
    assert_eq!(r.status, 200, "{}", r.text);
}

#[tokio::test]
async fn off_by_default() {
    let emu = start().await;
    for _ in 0..30 {
        assert_eq!(emu.get(&zpa("/segmentGroup")).await.status, 200);
    }
    for _ in 0..5 {
        assert_eq!(emu.get("/zia/api/v1/users").await.status, 200);
    }
}

#[tokio::test]
async fn zpa_gets_and_writes_per_ten_seconds() {
    let emu = start().await;
    enable(&emu).await;
    for i in 0..20 {
        assert_eq!(emu.get(&zpa("/segmentGroup")).await.status, 200, "GET {i}");
    }
    let r = emu.get(&zpa("/segmentGroup")).await;
    assert_eq!(r.status, 429);
    let retry = r.header("retry-after").unwrap();
    let secs: u64 = retry
        .strip_suffix('s')
        .expect("ZPA says `<n>s`")
        .parse()
        .unwrap();
    assert!((1..=10).contains(&secs), "{retry}");
    assert_eq!(r.json()["id"], "invalid.toomanyrequests");
    assert!(r.json()["reason"].as_str().is_some());
    // Writes have their own budget of 10.
    for i in 0..10 {
        let r = emu
            .post(&zpa("/segmentGroup"), &json!({"name": format!("g{i}")}))
            .await;
        assert_eq!(r.status, 201, "write {i}");
    }
    let r = emu.post(&zpa("/segmentGroup"), &json!({"name": "x"})).await;
    assert_eq!(r.status, 429);
    // Another token has its own windows.
    let other =
        common::fetch_token(&emu.http, &emu.base, "emulator-client", "emulator-secret").await;
    let r = common::send(
        emu.http
            .get(emu.url(&zpa("/segmentGroup")))
            .bearer_auth(other),
    )
    .await;
    assert_eq!(r.status, 200);
}

#[tokio::test]
async fn zia_limits_per_method() {
    let emu = start_with(Config {
        rate_limits: true,
        ..Config::default()
    })
    .await;
    assert_eq!(emu.get("/zia/api/v1/users").await.status, 200);
    assert_eq!(emu.get("/zia/api/v1/groups").await.status, 200);
    let r = emu.get("/zia/api/v1/departments").await;
    assert_eq!(r.status, 429);
    assert_eq!(r.header("retry-after").as_deref(), Some("1"));
    assert_eq!(
        r.json(),
        json!({"message": "Rate Limit (2/SECOND) exceeded", "Retry-After": "1 seconds"})
    );
    // POST has its own 1/second budget.
    let user = json!({"name": "N", "email": "n@corp.example.com"});
    let r = emu.post("/zia/api/v1/users", &user).await;
    assert_eq!(r.status, 200);
    let id = r.json()["id"].as_i64().unwrap();
    let r = emu.post("/zia/api/v1/users", &user).await;
    assert_eq!(r.status, 429);
    assert_eq!(r.json()["message"], "Rate Limit (1/SECOND) exceeded");
    // DELETE: one per minute.
    assert_eq!(
        emu.delete(&format!("/zia/api/v1/users/{id}")).await.status,
        204
    );
    let r = emu.delete("/zia/api/v1/users/1").await;
    assert_eq!(r.status, 429);
    assert_eq!(r.json()["message"], "Rate Limit (1/MINUTE) exceeded");
    let wait: u64 = r.header("retry-after").unwrap().parse().unwrap();
    assert!(wait > 50 && wait <= 60, "{wait}");
    // Switching off lifts every limit.
    common::send(
        emu.http
            .post(emu.url("/_emulator/rate-limits"))
            .json(&json!({"enabled": false})),
    )
    .await;
    assert_eq!(emu.get("/zia/api/v1/departments").await.status, 200);
}

#[tokio::test]
async fn gateway_headers_on_every_product_response() {
    let emu = start().await;
    let a = emu.get(&zpa("/segmentGroup")).await;
    let b = emu.get(&zpa("/segmentGroup")).await;
    assert_eq!(
        a.header("x-ratelimit-limit").as_deref(),
        Some("5000, 5000;w=60")
    );
    let (ra, rb): (u64, u64) = (
        a.header("x-ratelimit-remaining").unwrap().parse().unwrap(),
        b.header("x-ratelimit-remaining").unwrap().parse().unwrap(),
    );
    assert_eq!(ra, rb + 1, "remaining counts down");
    let reset: u64 = a.header("x-ratelimit-reset").unwrap().parse().unwrap();
    assert!((1..=60).contains(&reset));
    // ZIA: gateway headers plus the mode, on errors too.
    let r = emu.get("/zia/api/v1/users/1").await;
    assert_eq!(r.status, 404);
    assert!(r.header("x-ratelimit-remaining").is_some());
    assert_eq!(r.header("x-zscaler-mode").as_deref(), Some("read-write"));
    let r = emu.get("/ziam/admin/api/v1/users").await;
    assert_eq!(
        r.header("x-ratelimit-limit").as_deref(),
        Some("500, 500;w=1, 20000;w=60, 1000, 1000;w=1")
    );
    assert!(r.header("x-ratelimit-remaining").unwrap().contains(", "));
    assert!(r.header("x-request-id").is_some());
}

#[tokio::test]
async fn zcc_device_downloads_three_a_day_and_calls_per_hour() {
    let emu = start().await;
    enable(&emu).await;
    let devices = "/zcc/papi/public/v1/downloadDevices";
    for i in 0..3 {
        assert_eq!(emu.get(devices).await.status, 200, "download {i}");
    }
    let r = emu.get(devices).await;
    assert_eq!(r.status, 429);
    let wait: u64 = r
        .header("x-rate-limit-retry-after-seconds")
        .expect("the header the SDK reads for ZCC")
        .parse()
        .unwrap();
    assert!(wait > 86_000 && wait <= 86_400, "{wait}");
    assert_eq!(r.header("x-ratelimit-reset"), Some(wait.to_string()));
    assert_eq!(r.header("x-ratelimit-remaining").as_deref(), Some("0"));
    // The service-status download has its own daily budget.
    let status = "/zcc/papi/public/v1/downloadServiceStatus";
    for i in 0..3 {
        assert_eq!(emu.get(status).await.status, 200, "status {i}");
    }
    assert_eq!(emu.get(status).await.status, 429);
    // Other calls have the hourly budget of 100, 6 of them spent.
    let other = "/zcc/papi/public/v1/getAdminUsers";
    for i in 6..100 {
        assert_eq!(emu.get(other).await.status, 200, "call {i}");
    }
    let r = emu.get(other).await;
    assert_eq!(r.status, 429);
    let wait: u64 = r
        .header("x-rate-limit-retry-after-seconds")
        .unwrap()
        .parse()
        .unwrap();
    assert!(wait > 3500 && wait <= 3600, "{wait}");
}

#[tokio::test]
async fn ztw_limits_like_zia() {
    let emu = start().await;
    enable(&emu).await;
    assert_eq!(emu.get("/ztw/api/v1/provUrl").await.status, 200);
    assert_eq!(emu.get("/ztw/api/v1/locationTemplate").await.status, 200);
    let r = emu.get("/ztw/api/v1/provUrl").await;
    assert_eq!(r.status, 429);
    assert_eq!(r.header("retry-after").as_deref(), Some("1"));
    assert_eq!(r.json()["message"], "Rate Limit (2/SECOND) exceeded");
    // Writes have their own per-second budget.
    let t = json!({"name": "t", "template": {}});
    assert_eq!(
        emu.post("/ztw/api/v1/locationTemplate", &t).await.status,
        200
    );
    let r = emu.post("/ztw/api/v1/locationTemplate", &t).await;
    assert_eq!(r.status, 429);
    assert_eq!(r.json()["message"], "Rate Limit (1/SECOND) exceeded");
}

#[tokio::test]
async fn zcc_and_ztw_gateway_headers() {
    let emu = start().await;
    let r = emu.get("/zcc/papi/public/v1/getAdminRoles").await;
    assert_eq!(
        r.header("x-ratelimit-limit").as_deref(),
        Some("100, 100;w=3600, 100;w=3600")
    );
    let r = emu.get("/ztw/api/v1/provUrl").await;
    assert_eq!(
        r.header("x-ratelimit-limit").as_deref(),
        Some("1000, 1000;w=1")
    );
    assert!(r.header("x-ratelimit-remaining").is_some());
}
