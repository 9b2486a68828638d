//! ZIdentity: offset/limit paging with next_link walking, user CRUD.

mod common;

use std::collections::HashSet;

use common::start;
use reqwest::Method;
use serde_json::json;

#[tokio::test]
async fn next_link_walks_every_user_once() {
    let emu = start().await;
    let mut url = emu.url("/ziam/admin/api/v1/users?limit=10");
    let mut seen = HashSet::new();
    let mut pages = 0;
    loop {
        pages += 1;
        assert!(pages <= 10, "next_link loops");
        let r = common::send(emu.http.get(&url).bearer_auth(&emu.token)).await;
        assert_eq!(r.status, 200);
        let v = r.json();
        assert_eq!(v["results_total"], 25);
        assert_eq!(v["pageSize"], 10);
        assert_eq!(v["pageOffset"], (pages - 1) * 10);
        assert_eq!(
            v.get("prev_link").is_some(),
            pages > 1,
            "prev_link only past the start"
        );
        for u in v["records"].as_array().unwrap() {
            assert!(seen.insert(u["id"].as_str().unwrap().to_string()));
        }
        match v.get("next_link").and_then(|l| l.as_str()) {
            Some(next) => {
                assert!(
                    next.starts_with(&emu.base),
                    "link must use our origin: {next}"
                );
                url = next.to_string();
            }
            None => break,
        }
    }
    assert_eq!(pages, 3);
    assert_eq!(seen.len(), 25);
}

#[tokio::test]
async fn links_keep_filters_and_limits_are_checked() {
    let emu = start().await;
    let v = emu
        .get("/ziam/admin/api/v1/users?search=corp.example.com&limit=20")
        .await
        .json();
    let next = v["next_link"].as_str().unwrap();
    assert!(next.contains("search=corp.example.com"), "{next}");
    assert!(
        next.contains("offset=20") && next.contains("limit=20"),
        "{next}"
    );
    let v = emu
        .get("/ziam/admin/api/v1/users?loginname=alice")
        .await
        .json();
    assert_eq!(v["results_total"], 1);
    assert_eq!(v["records"][0]["firstName"], "Alice");
    assert!(v.get("next_link").is_none());
    let r = emu.get("/ziam/admin/api/v1/users?limit=1001").await;
    assert_eq!(r.status, 400);
    assert!(r.json()["error"].as_str().is_some());
    let g = emu.get("/ziam/admin/api/v1/groups").await.json();
    assert_eq!(g["results_total"], 6);
    let gid = g["records"][0]["id"].as_str().unwrap();
    assert_eq!(
        emu.get(&format!("/ziam/admin/api/v1/groups/{gid}"))
            .await
            .json()["id"],
        gid
    );
}

#[tokio::test]
async fn user_crud_round_trip() {
    let emu = start().await;
    let body = json!({
        "displayName": "Jane Roe", "firstName": "Jane", "lastName": "Roe",
        "loginName": "jane.roe@corp.example.com", "primaryEmail": "jane.roe@corp.example.com",
        "status": true
    });
    let r = emu.post("/ziam/admin/api/v1/users", &body).await;
    assert_eq!(r.status, 201);
    let u = r.json();
    let id = u["id"].as_str().unwrap().to_string();
    assert_eq!(id.len(), 13);
    assert!(id
        .bytes()
        .all(|b| b.is_ascii_digit() || b.is_ascii_lowercase()));
    assert_eq!(u["source"], "API");
    // API users belong to the tenant's default identity provider.
    assert!(
        u["idp"]["id"].is_string() && u["idp"]["name"].is_string(),
        "{u}"
    );
    assert_eq!(
        emu.get(&format!("/ziam/admin/api/v1/users/{id}"))
            .await
            .json(),
        u
    );

    let mut changed = body.clone();
    changed["displayName"] = json!("Jane Q. Roe");
    let r = emu
        .put(&format!("/ziam/admin/api/v1/users/{id}"), &changed)
        .await;
    assert_eq!(r.status, 200);
    assert_eq!(r.json()["displayName"], "Jane Q. Roe");
    assert_eq!(r.json()["id"], id.as_str());
    assert_eq!(
        emu.get("/ziam/admin/api/v1/users").await.json()["results_total"],
        26
    );

    assert_eq!(
        emu.delete(&format!("/ziam/admin/api/v1/users/{id}"))
            .await
            .status,
        204
    );
    assert_eq!(
        emu.get(&format!("/ziam/admin/api/v1/users/{id}"))
            .await
            .status,
        404
    );
}

#[tokio::test]
async fn bad_body_is_rejected_without_state_change() {
    let emu = start().await;
    for raw in [
        "{oops",
        "{\"loginName\": \"a@b.c\", \"displayName\": \"A\", \"status\": \"yes\"}",
        "{}",
    ] {
        let r = emu
            .send_raw(Method::POST, "/ziam/admin/api/v1/users", raw)
            .await;
        assert_eq!(r.status, 400, "{raw}");
        assert!(r.json()["error"].as_str().is_some());
        assert!(r.json()["message"].as_str().is_some());
    }
    assert_eq!(
        emu.get("/ziam/admin/api/v1/users").await.json()["results_total"],
        25
    );
}
