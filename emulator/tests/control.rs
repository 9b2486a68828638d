//! Control API: faults, read-only mode, the ZIA edit lock, stats.

mod common;

use std::time::{Duration, Instant};

use common::{start, zpa, Emu, Resp};
use serde_json::{json, Value};

async fn control(emu: &Emu, path: &str, body: Value) -> Resp {
    common::send(emu.http.post(emu.url(path)).json(&body)).await
}

#[tokio::test]
async fn faults_answer_matching_requests_count_times() {
    let emu = start().await;
    let r = control(
        &emu,
        "/_emulator/faults",
        json!({"method": "GET", "path_prefix": "/zia/api/v1/users", "status": 503,
               "headers": {"x-injected": "yes"}, "body": {"message": "down"}, "count": 2}),
    )
    .await;
    assert_eq!(r.status, 200, "{}", r.text);
    // Other methods and paths are untouched.
    assert_eq!(emu.get("/zia/api/v1/groups").await.status, 200);
    for _ in 0..2 {
        let r = emu.get("/zia/api/v1/users?page=1").await;
        assert_eq!(r.status, 503);
        assert_eq!(r.header("x-injected").as_deref(), Some("yes"));
        assert_eq!(r.json(), json!({"message": "down"}));
        assert!(r.header("x-request-id").is_some());
    }
    assert_eq!(emu.get("/zia/api/v1/users").await.status, 200, "used up");
    // Without a body: the product's own shape (ZPA 429 with retry-after).
    control(
        &emu,
        "/_emulator/faults",
        json!({"status": 429, "count": 1}),
    )
    .await;
    let r = emu.get(&zpa("/application")).await;
    assert_eq!(r.status, 429);
    assert_eq!(r.json()["id"], "invalid.toomanyrequests");
    assert_eq!(r.header("retry-after").as_deref(), Some("1s"));
    // Bad rules are refused.
    let r = control(&emu, "/_emulator/faults", json!({"status": 500})).await;
    assert_eq!(r.status, 400);
}

#[tokio::test]
async fn faults_add_latency_or_reset_the_connection() {
    let emu = start().await;
    control(
        &emu,
        "/_emulator/faults",
        json!({"path_prefix": "/zia/api/v1/status", "delay_ms": 300, "count": 1}),
    )
    .await;
    let t = Instant::now();
    let r = emu.get("/zia/api/v1/status").await;
    assert_eq!(r.status, 200, "latency only, then a normal answer");
    assert!(t.elapsed() >= Duration::from_millis(300));

    control(
        &emu,
        "/_emulator/faults",
        json!({"path_prefix": "/zia/api/v1/status", "reset": true, "count": 1}),
    )
    .await;
    let err = emu
        .req(reqwest::Method::GET, "/zia/api/v1/status")
        .send()
        .await
        .expect_err("the connection is reset without a response");
    assert!(!err.is_status(), "{err}");
    assert_eq!(emu.get("/zia/api/v1/status").await.status, 200);
    let pending = common::send(emu.http.get(emu.url("/_emulator/faults"))).await;
    assert_eq!(pending.json(), json!([]));
}

#[tokio::test]
async fn read_only_refuses_writes_only() {
    let emu = start().await;
    control(&emu, "/_emulator/read-only", json!({"enabled": true})).await;
    let before = emu.get(&zpa("/segmentGroup")).await.json()["totalCount"].clone();
    for r in [
        emu.post(&zpa("/segmentGroup"), &json!({"name": "x"})).await,
        emu.post("/zia/api/v1/ruleLabels", &json!({"name": "x"}))
            .await,
        emu.delete("/ziam/admin/api/v1/users/whatever").await,
    ] {
        assert_eq!(r.status, 403, "{}", r.text);
        assert_eq!(r.header("x-zscaler-mode").as_deref(), Some("read-only"));
        assert_eq!(r.json()["code"], "STATE_READONLY");
        assert!(r.json()["message"].as_str().is_some());
    }
    assert_eq!(
        emu.get(&zpa("/segmentGroup")).await.json()["totalCount"],
        before
    );
    assert_eq!(
        emu.get("/zia/api/v1/users")
            .await
            .header("x-zscaler-mode")
            .as_deref(),
        Some("read-only")
    );
    control(&emu, "/_emulator/read-only", json!({"enabled": false})).await;
    assert_eq!(
        emu.post(&zpa("/segmentGroup"), &json!({"name": "x"}))
            .await
            .status,
        201
    );
    let r = control(&emu, "/_emulator/read-only", json!({"on": 1})).await;
    assert_eq!(r.status, 400);
}

#[tokio::test]
async fn edit_lock_blocks_zia_writes() {
    let emu = start().await;
    control(&emu, "/_emulator/edit-lock", json!({"held": true})).await;
    let user = json!({"name": "L", "email": "l@corp.example.com"});
    let r = emu.post("/zia/api/v1/users", &user).await;
    assert_eq!(r.status, 409);
    assert_eq!(r.json()["code"], "EDIT_LOCK_NOT_AVAILABLE");
    assert!(r.json()["message"].as_str().is_some());
    assert_eq!(
        emu.post("/zia/api/v1/status/activate", &json!({}))
            .await
            .status,
        409
    );
    assert_eq!(
        emu.get("/zia/api/v1/users").await.status,
        200,
        "reads still work"
    );
    assert_eq!(
        emu.post(&zpa("/segmentGroup"), &json!({"name": "x"}))
            .await
            .status,
        201,
        "only ZIA has an edit lock"
    );
    control(&emu, "/_emulator/edit-lock", json!({"held": false})).await;
    assert_eq!(emu.post("/zia/api/v1/users", &user).await.status, 200);
}

#[tokio::test]
async fn stats_count_token_posts_and_api_calls() {
    let emu = start().await;
    let stats = || async {
        common::send(emu.http.get(emu.url("/_emulator/stats")))
            .await
            .json()
    };
    // `start` fetched one token.
    assert_eq!(
        stats().await,
        json!({"token_requests": 1, "api_requests": 0})
    );
    let calls: Vec<_> = (0..50)
        .map(|_| {
            let rb = emu
                .http
                .get(emu.url(&zpa("/segmentGroup")))
                .bearer_auth(&emu.token);
            tokio::spawn(common::send(rb))
        })
        .collect();
    for c in calls {
        assert_eq!(c.await.unwrap().status, 200);
    }
    emu.get("/no/such/path").await;
    assert_eq!(
        stats().await,
        json!({"token_requests": 1, "api_requests": 51})
    );
    common::send(emu.http.delete(emu.url("/_emulator/stats"))).await;
    assert_eq!(
        stats().await,
        json!({"token_requests": 0, "api_requests": 0})
    );
}

#[tokio::test]
async fn reset_clears_modes_and_faults() {
    let emu = start().await;
    control(&emu, "/_emulator/read-only", json!({"enabled": true})).await;
    control(&emu, "/_emulator/edit-lock", json!({"held": true})).await;
    control(
        &emu,
        "/_emulator/faults",
        json!({"status": 500, "count": 5}),
    )
    .await;
    emu.control("/_emulator/reset").await;
    assert_eq!(
        emu.post("/zia/api/v1/users", &json!({"name": "a", "email": "a@b.c"}))
            .await
            .status,
        200
    );
}

#[tokio::test]
async fn list_pages_follow_every_change() {
    let emu = start().await;
    let page = zpa("/application?pagesize=500");
    let first = emu.get(&page).await.json();
    let app = &first["list"][0];
    let sg = app["segmentGroupId"].as_str().unwrap();
    // Renaming the segment group changes the derived name in the app list,
    // although no application was written.
    let r = emu
        .put(
            &zpa(&format!("/segmentGroup/{sg}")),
            &json!({"name": "Renamed SG"}),
        )
        .await;
    assert_eq!(r.status, 204);
    let second = emu.get(&page).await.json();
    assert_eq!(second["list"][0]["segmentGroupName"], "Renamed SG");
    emu.control("/_emulator/reset").await;
    assert_eq!(emu.get(&page).await.json(), first);
}
