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

/// ZTW's activation status, as the spec declares it for both states.
async fn ztw_edits(emu: &Emu) -> String {
    let r = emu.get("/ztw/api/v1/ecAdminActivateStatus").await;
    assert_eq!(r.status, 200, "{}", r.text);
    r.json()["orgEditStatus"].as_str().unwrap().to_string()
}

#[tokio::test]
async fn ztw_writes_stay_pending_until_activated_or_forced() {
    let emu = start().await;
    assert_eq!(ztw_edits(&emu).await, "EDITS_CLEARED");
    let r = emu
        .post(
            "/ztw/api/v1/locationTemplate",
            &json!({"name": "t1", "template": {"templatePrefix": "p"}}),
        )
        .await;
    assert_eq!(r.status, 200, "{}", r.text);
    let id = r.json()["id"].as_i64().unwrap();
    assert_eq!(ztw_edits(&emu).await, "EDITS_PRESENT");
    assert_eq!(
        emu.get("/ztw/api/v1/ecAdminActivateStatus").await.json()["adminActivateStatus"],
        "ADM_EDITING"
    );
    let r = emu
        .req(
            reqwest::Method::PUT,
            "/ztw/api/v1/ecAdminActivateStatus/activate",
        )
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), 200);
    let body: serde_json::Value = r.json().await.unwrap();
    assert_eq!(body["orgEditStatus"], "EDITS_CLEARED");
    assert_eq!(ztw_edits(&emu).await, "EDITS_CLEARED");
    // A delete stages too; the forced activation clears like the plain one.
    let r = emu
        .delete(&format!("/ztw/api/v1/locationTemplate/{id}"))
        .await;
    assert!(r.status.is_success(), "{}", r.text);
    assert_eq!(ztw_edits(&emu).await, "EDITS_PRESENT");
    let r = emu
        .req(
            reqwest::Method::PUT,
            "/ztw/api/v1/ecAdminActivateStatus/forcedActivate",
        )
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), 200);
    assert_eq!(ztw_edits(&emu).await, "EDITS_CLEARED");
    // ZIA's staging is its own.
    assert!(!pending(&emu).await);
}
