//! ZIA: array pagination, filters, full-replace PUT, activation status,
//! bulk delete, URL lookup, errors.

mod common;

use std::collections::HashSet;

use common::start;
use reqwest::Method;
use serde_json::{json, Value};

fn ids(v: &Value) -> Vec<i64> {
    v.as_array()
        .unwrap()
        .iter()
        .map(|u| u["id"].as_i64().unwrap())
        .collect()
}

#[tokio::test]
async fn users_paginate_as_plain_arrays() {
    let emu = start().await;
    let mut seen = HashSet::new();
    for page in 1..=3 {
        let r = emu
            .get(&format!("/zia/api/v1/users?page={page}&pageSize=10"))
            .await;
        assert_eq!(r.status, 200);
        assert_eq!(r.header("x-zscaler-mode").as_deref(), Some("read-write"));
        let v = r.json();
        assert_eq!(v.as_array().unwrap().len(), 10);
        for id in ids(&v) {
            assert!(seen.insert(id), "duplicate {id}");
        }
    }
    assert_eq!(seen.len(), 30);
    let v = emu.get("/zia/api/v1/users?page=4&pageSize=10").await.json();
    assert_eq!(v, json!([]));
    // Default page size (100) returns everything.
    assert_eq!(
        emu.get("/zia/api/v1/users")
            .await
            .json()
            .as_array()
            .unwrap()
            .len(),
        30
    );
    let r = emu.get("/zia/api/v1/users?pageSize=1001").await;
    assert_eq!(r.status, 400);
    assert_eq!(r.json()["code"], "INVALID_INPUT_ARGUMENT");
    // Groups and departments page the same way.
    assert_eq!(
        emu.get("/zia/api/v1/groups")
            .await
            .json()
            .as_array()
            .unwrap()
            .len(),
        8
    );
    assert_eq!(
        emu.get("/zia/api/v1/departments?pageSize=5")
            .await
            .json()
            .as_array()
            .unwrap()
            .len(),
        5
    );
    assert_eq!(
        emu.get("/zia/api/v1/departments?page=2&pageSize=5")
            .await
            .json()
            .as_array()
            .unwrap()
            .len(),
        3
    );
}

#[tokio::test]
async fn name_and_search_filters() {
    let emu = start().await;
    let v = emu.get("/zia/api/v1/users?name=ALICE").await.json();
    assert_eq!(v.as_array().unwrap().len(), 1);
    assert_eq!(v[0]["name"], "Alice Johnson");
    let v = emu
        .get("/zia/api/v1/users?search=nobody-matches-this")
        .await
        .json();
    assert_eq!(v, json!([]));
    let v = emu.get("/zia/api/v1/groups?search=engineer").await.json();
    assert_eq!(v[0]["name"], "Engineering");
}

#[tokio::test]
async fn put_is_a_full_replace() {
    let emu = start().await;
    let users = emu.get("/zia/api/v1/users").await.json();
    let victim = users
        .as_array()
        .unwrap()
        .iter()
        .find(|u| u.get("comments").is_some() && !u["groups"].as_array().unwrap().is_empty())
        .unwrap()
        .clone();
    let id = victim["id"].as_i64().unwrap();
    let r = emu
        .put(
            &format!("/zia/api/v1/users/{id}"),
            &json!({"name": "Renamed User", "email": "renamed@corp.example.com"}),
        )
        .await;
    assert_eq!(r.status, 200);
    let v = r.json();
    assert_eq!(v["id"], id);
    assert_eq!(v["name"], "Renamed User");
    assert!(v.get("comments").is_none(), "comments must be cleared: {v}");
    assert!(
        v.get("department").is_none(),
        "department must be cleared: {v}"
    );
    assert_eq!(v["groups"], json!([]));
    let got = emu.get(&format!("/zia/api/v1/users/{id}")).await.json();
    assert_eq!(got, v);
    assert_eq!(
        emu.put("/zia/api/v1/users/1", &json!({"name": "x", "email": "y"}))
            .await
            .status,
        404
    );
}

#[tokio::test]
async fn status_is_pending_after_a_write_until_activation() {
    let emu = start().await;
    assert_eq!(
        emu.get("/zia/api/v1/status").await.json(),
        json!({"status": "ACTIVE"})
    );
    let groups = emu.get("/zia/api/v1/groups").await.json();
    let r = emu
        .post(
            "/zia/api/v1/users",
            &json!({
                "name": "New Hire", "email": "new.hire@corp.example.com",
                "password": "Secr3t!", "groups": [{"id": groups[0]["id"]}]
            }),
        )
        .await;
    assert_eq!(r.status, 200);
    let user = r.json();
    assert!(user["id"].as_i64().is_some());
    assert!(user.get("password").is_none(), "passwords are write-only");
    assert_eq!(user["groups"][0]["name"], groups[0]["name"]);
    assert_eq!(
        emu.get("/zia/api/v1/status").await.json()["status"],
        "PENDING"
    );
    let r = emu.post("/zia/api/v1/status/activate", &json!({})).await;
    assert_eq!(r.status, 200);
    assert_eq!(r.json()["status"], "ACTIVE");
    assert_eq!(
        emu.get("/zia/api/v1/status").await.json()["status"],
        "ACTIVE"
    );
    // DELETE is a write too.
    let id = user["id"].as_i64().unwrap();
    assert_eq!(
        emu.delete(&format!("/zia/api/v1/users/{id}")).await.status,
        204
    );
    assert_eq!(
        emu.get("/zia/api/v1/status").await.json()["status"],
        "PENDING"
    );
    assert_eq!(
        emu.get(&format!("/zia/api/v1/users/{id}")).await.status,
        404
    );
}

#[tokio::test]
async fn bulk_delete_limits_and_results() {
    let emu = start().await;
    let too_many: Vec<i64> = (1..=501).collect();
    let r = emu
        .post("/zia/api/v1/users/bulkDelete", &json!({"ids": too_many}))
        .await;
    assert_eq!(r.status, 400);
    assert_eq!(r.json()["code"], "INVALID_INPUT_ARGUMENT");
    assert_eq!(
        emu.get("/zia/api/v1/users")
            .await
            .json()
            .as_array()
            .unwrap()
            .len(),
        30
    );
    assert_eq!(
        emu.get("/zia/api/v1/status").await.json()["status"],
        "ACTIVE"
    );

    let all = ids(&emu.get("/zia/api/v1/users").await.json());
    let r = emu
        .post(
            "/zia/api/v1/users/bulkDelete",
            &json!({"ids": [all[0], all[1], 12345]}),
        )
        .await;
    assert_eq!(r.status, 200);
    assert_eq!(r.json(), json!({"ids": [all[0], all[1]]}));
    assert_eq!(
        emu.get("/zia/api/v1/users")
            .await
            .json()
            .as_array()
            .unwrap()
            .len(),
        28
    );
}

#[tokio::test]
async fn url_lookup() {
    let emu = start().await;
    let r = emu
        .post(
            "/zia/api/v1/urlLookup",
            &json!(["www.google.com", "malware.bad.example"]),
        )
        .await;
    assert_eq!(r.status, 200);
    let v = r.json();
    assert_eq!(v.as_array().unwrap().len(), 2);
    assert_eq!(v[0]["url"], "www.google.com");
    assert!(v[0]["urlClassifications"].as_array().is_some());
    assert_eq!(v[0]["urlClassificationsWithSecurityAlert"], json!([]));
    assert_eq!(
        v[1]["urlClassificationsWithSecurityAlert"][0],
        "MALWARE_SITE"
    );
    let urls: Vec<String> = (0..101).map(|i| format!("site{i}.example.com")).collect();
    let r = emu.post("/zia/api/v1/urlLookup", &json!(urls)).await;
    assert_eq!(r.status, 400);
    assert!(r.json()["message"].as_str().is_some());
}

#[tokio::test]
async fn malformed_json_is_rejected_without_state_change() {
    let emu = start().await;
    for raw in [
        "{",
        "{\"name\": 1, \"email\": \"a@b.c\"}",
        "{\"name\": \"only name\"}",
        "\"str\"",
    ] {
        let r = emu.send_raw(Method::POST, "/zia/api/v1/users", raw).await;
        assert_eq!(r.status, 400, "{raw}");
        assert_eq!(r.json()["code"], "INVALID_INPUT_ARGUMENT", "{raw}");
        assert_eq!(r.header("x-zscaler-mode").as_deref(), Some("read-write"));
    }
    assert_eq!(
        emu.get("/zia/api/v1/users")
            .await
            .json()
            .as_array()
            .unwrap()
            .len(),
        30
    );
    assert_eq!(
        emu.get("/zia/api/v1/status").await.json()["status"],
        "ACTIVE"
    );
    let r = emu.get("/zia/api/v1/users/999").await;
    assert_eq!(r.status, 404);
    assert_eq!(r.json()["code"], "RESOURCE_NOT_FOUND");
}
