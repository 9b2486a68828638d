//! ZIA staging through the one router: hand-written and spec-driven
//! operations follow the same rule.

mod common;

use common::{start, Emu};
use serde_json::json;

async fn pending(emu: &Emu) -> bool {
    emu.get("/zia/api/v1/status").await.json()["status"] == "PENDING"
}

#[tokio::test]
async fn lookups_stage_nothing_and_writes_do() {
    let emu = start().await;
    let r = emu
        .post("/zia/api/v1/urlLookup", &json!(["example.com"]))
        .await;
    assert_eq!(r.status, 200, "{}", r.text);
    assert!(!pending(&emu).await, "a URL lookup is a read");
    let r = emu.post("/zia/api/v1/users", &json!({"name": ""})).await;
    assert_eq!(r.status, 400);
    assert!(!pending(&emu).await, "a refused write stages nothing");
    let users = emu.get("/zia/api/v1/users").await.json();
    let user = &users[0];
    let id = user["id"].as_i64().unwrap();
    let body = json!({"name": user["name"], "email": user["email"]});
    let r = emu.put(&format!("/zia/api/v1/users/{id}"), &body).await;
    assert_eq!(r.status, 200, "{}", r.text);
    assert!(pending(&emu).await, "an update is staged");
    emu.post("/zia/api/v1/status/activate", &json!({})).await;
    assert!(!pending(&emu).await);
}
