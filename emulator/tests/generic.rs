//! Spec-driven routes: CRUD with each product's ids, paging and status
//! codes; singletons; body validation without state change.

mod common;

use std::collections::HashSet;

use common::{start, zpa, Emu};
use reqwest::Method;
use serde_json::{json, Value};

const LABELS: &str = "/zia/api/v1/ruleLabels";
const ZID_GROUPS: &str = "/ziam/admin/api/v1/groups";

fn servers() -> String {
    zpa("/server")
}

async fn pending(emu: &Emu) -> bool {
    emu.get("/zia/api/v1/status").await.json()["status"] == "PENDING"
}

#[tokio::test]
async fn zia_generic_crud_is_staged_and_full_put() {
    let emu = start().await;
    assert!(!pending(&emu).await);
    let r = emu
        .post(LABELS, &json!({"name": "Audit", "description": "first"}))
        .await;
    assert_eq!(r.status, 200, "ZIA creates answer 200: {}", r.text);
    let created = r.json();
    let id = created["id"].as_i64().expect("ZIA ids are integers");
    assert_eq!(created["name"], "Audit");
    assert!(pending(&emu).await, "a generic write is staged");
    emu.post("/zia/api/v1/status/activate", &json!({})).await;
    assert!(!pending(&emu).await);

    let got = emu.get(&format!("{LABELS}/{id}")).await;
    assert_eq!(got.status, 200);
    assert_eq!(got.json(), created);
    let list = emu.get(LABELS).await.json();
    assert!(list.as_array().unwrap().iter().any(|l| l["id"] == id));

    // Full PUT: the omitted description is gone, the id stays.
    let r = emu
        .put(&format!("{LABELS}/{id}"), &json!({"name": "Audit 2"}))
        .await;
    assert_eq!(r.status, 200);
    let got = emu.get(&format!("{LABELS}/{id}")).await.json();
    assert_eq!(got["name"], "Audit 2");
    assert!(got.get("description").is_none(), "{got}");
    assert_eq!(got["id"], id);
    assert!(pending(&emu).await);

    assert_eq!(emu.delete(&format!("{LABELS}/{id}")).await.status, 204);
    let r = emu.get(&format!("{LABELS}/{id}")).await;
    assert_eq!(r.status, 404);
    assert_eq!(r.json()["code"], "RESOURCE_NOT_FOUND");
    assert_eq!(emu.delete(&format!("{LABELS}/{id}")).await.status, 404);
}

#[tokio::test]
async fn zia_generic_lists_page_and_filter() {
    let emu = start().await;
    for i in 0..7 {
        let r = emu
            .post(LABELS, &json!({"name": format!("Label {i}")}))
            .await;
        assert_eq!(r.status, 200);
    }
    emu.post(LABELS, &json!({"name": "Other"})).await;
    let page = |q: &str| format!("{LABELS}?{q}");
    let all = emu.get(&page("search=label")).await.json();
    assert_eq!(all.as_array().unwrap().len(), 7);
    let p1 = emu.get(&page("page=1&pageSize=3")).await.json();
    let p3 = emu.get(&page("page=3&pageSize=3")).await.json();
    assert_eq!(p1.as_array().unwrap().len(), 3);
    assert_eq!(p3.as_array().unwrap().len(), 2);
    assert_eq!(emu.get(&page("pageSize=1001")).await.status, 400);
}

#[tokio::test]
async fn zpa_generic_crud_paging_and_search() {
    let emu = start().await;
    let mut ids = HashSet::new();
    for i in 0..25 {
        let r = emu
            .post(
                &servers(),
                &json!({"name": format!("srv-{i:02}"), "address": "10.0.0.1"}),
            )
            .await;
        assert_eq!(r.status, 201, "{}", r.text);
        let id = r.json()["id"]
            .as_str()
            .expect("ZPA ids are strings")
            .to_string();
        assert!(id.bytes().all(|b| b.is_ascii_digit()));
        ids.insert(id);
    }
    assert_eq!(ids.len(), 25);
    let first = emu.get(&servers()).await.json();
    assert_eq!(first["totalCount"], "25");
    assert_eq!(first["totalPages"], "2");
    assert_eq!(
        first["list"].as_array().unwrap().len(),
        20,
        "default pagesize 20"
    );
    let second = emu.get(&format!("{}?page=2", servers())).await.json();
    let mut seen: HashSet<String> = HashSet::new();
    for o in first["list"]
        .as_array()
        .unwrap()
        .iter()
        .chain(second["list"].as_array().unwrap())
    {
        assert!(seen.insert(o["id"].as_str().unwrap().to_string()));
    }
    assert_eq!(seen, ids);
    let v = emu
        .get(&format!("{}?search=name+EQ+srv-07", servers()))
        .await
        .json();
    assert_eq!(v["totalCount"], "1");
    let v = emu
        .get(&format!("{}?search=name+LIKE+srv-1", servers()))
        .await
        .json();
    assert_eq!(v["totalCount"], "10");
    assert_eq!(
        emu.get(&format!("{}?pagesize=501", servers())).await.status,
        400
    );

    let id = ids.iter().next().unwrap();
    let item = format!("{}/{id}", servers());
    let r = emu.put(&item, &json!({"name": "renamed"})).await;
    assert_eq!(r.status, 204, "ZPA PUT answers 204");
    let got = emu.get(&item).await.json();
    assert_eq!(got["name"], "renamed");
    assert!(got.get("address").is_none(), "full replace: {got}");
    let r = emu.get(&format!("{}/999999", servers())).await;
    assert_eq!(r.status, 404);
    assert_eq!(r.json()["id"], "resource.not.found");
    assert_eq!(emu.delete(&item).await.status, 204);
    assert_eq!(emu.get(&item).await.status, 404);
}

#[tokio::test]
async fn zpa_generic_microtenant_scope() {
    let emu = start().await;
    let mt = emu
        .get(&zpa("/microtenants?search=name+EQ+Contractors"))
        .await
        .json()["list"][0]["id"]
        .as_str()
        .unwrap()
        .to_string();
    let r = emu
        .post(
            &format!("{}?microtenantId={mt}", servers()),
            &json!({"name": "scoped"}),
        )
        .await;
    assert_eq!(r.status, 201);
    emu.post(&servers(), &json!({"name": "default"})).await;
    let v = emu
        .get(&format!("{}?microtenantId={mt}", servers()))
        .await
        .json();
    assert_eq!(v["totalCount"], "1");
    assert_eq!(v["list"][0]["name"], "scoped");
    let v = emu
        .get(&format!("{}?microtenantId=0", servers()))
        .await
        .json();
    assert_eq!(v["totalCount"], "1");
}

#[tokio::test]
async fn zidentity_generic_create_and_next_link() {
    let emu = start().await;
    let r = emu
        .post(
            ZID_GROUPS,
            &json!({"name": "Generated", "description": "d"}),
        )
        .await;
    assert_eq!(r.status, 201, "{}", r.text);
    let id = r.json()["id"].as_str().unwrap().to_string();
    assert!(id.bytes().all(|b| b.is_ascii_alphanumeric()), "{id}");
    // The hand-written list sees the group created by the generic route.
    let mut url = emu.url(&format!("{ZID_GROUPS}?limit=2"));
    let mut names = Vec::new();
    loop {
        let v = common::send(emu.http.get(&url).bearer_auth(&emu.token))
            .await
            .json();
        for g in v["records"].as_array().unwrap() {
            names.push(g["name"].as_str().unwrap().to_string());
        }
        match v.get("next_link").and_then(Value::as_str) {
            Some(next) => {
                assert!(next.starts_with(&emu.base), "{next}");
                url = next.to_string();
            }
            None => break,
        }
    }
    assert_eq!(names.len(), 7);
    assert!(names.contains(&"Generated".to_string()));
    let r = emu
        .put(&format!("{ZID_GROUPS}/{id}"), &json!({"name": "Renamed"}))
        .await;
    assert_eq!(r.status, 200);
    assert_eq!(
        emu.get(&format!("{ZID_GROUPS}/{id}")).await.json()["name"],
        "Renamed"
    );
}

#[tokio::test]
async fn singletons_store_and_serve() {
    let emu = start().await;
    let path = "/zia/api/v1/advancedSettings";
    let r = emu.get(path).await;
    assert_eq!(r.status, 200);
    assert_eq!(r.json(), json!({}));
    let r = emu.put(path, &json!({"enableOffice365": true})).await;
    assert_eq!(r.status, 200);
    assert_eq!(r.json()["enableOffice365"], true);
    assert_eq!(emu.get(path).await.json()["enableOffice365"], true);
    assert!(pending(&emu).await);
    // A lookup by value materialises a stable object with an id.
    let by_type = zpa("/policySet/policyType/ACCESS_POLICY");
    let a = emu.get(&by_type).await.json();
    assert!(a["id"].as_str().is_some(), "{a}");
    assert_eq!(emu.get(&by_type).await.json(), a);
    // Sub-paths beside an item template are not taken for ids.
    let r = emu.get("/zia/api/v1/departments/lite").await;
    assert_eq!(r.status, 200);
    assert_eq!(r.json().as_array().unwrap().len(), 8);
}

#[tokio::test]
async fn bad_bodies_change_nothing() {
    let emu = start().await;
    let before = emu.get(LABELS).await.json();
    for (raw, why) in [
        ("{not json", "malformed"),
        ("[1, 2]", "array where an object is declared"),
        (r#"{"name": 5}"#, "wrong type"),
        ("", "missing required body"),
    ] {
        let r = emu.send_raw(Method::POST, LABELS, raw).await;
        assert_eq!(r.status, 400, "{why}: {}", r.text);
        assert_eq!(r.json()["code"], "INVALID_INPUT_ARGUMENT", "{why}");
    }
    assert_eq!(emu.get(LABELS).await.json(), before);
    assert!(!pending(&emu).await, "rejected writes stage nothing");
    let r = emu.send_raw(Method::POST, &servers(), "{oops").await;
    assert_eq!(r.status, 400);
    assert_eq!(r.json()["id"], "invalid.request.body");
    let r = emu
        .send_raw(
            Method::PUT,
            "/zia/api/v1/advancedSettings",
            r#"{"enableOffice365": "yes"}"#,
        )
        .await;
    assert_eq!(r.status, 400, "{}", r.text);
    // An undeclared method on a spec path is a 405, an unknown path a 404.
    assert_eq!(
        common::send(emu.req(Method::PATCH, LABELS)).await.status,
        405
    );
    assert_eq!(emu.get("/zia/api/v1/noSuchThing").await.status, 404);
}

#[tokio::test]
async fn zpa_policy_rules_list_by_type() {
    let emu = start().await;
    let set = emu
        .get(&zpa("/policySet/policyType/ACCESS_POLICY"))
        .await
        .json();
    let set_id = set["id"].as_str().unwrap();
    let by_type = zpa("/policySet/rules/policyType/ACCESS_POLICY");
    assert_eq!(emu.get(&by_type).await.json()["totalCount"], "0");
    let r = emu
        .post(
            &zpa(&format!("/policySet/{set_id}/rule")),
            &json!({"name": "Allow all", "action": "ALLOW"}),
        )
        .await;
    assert_eq!(r.status, 201, "{}", r.text);
    let v = emu.get(&by_type).await.json();
    assert_eq!(v["totalCount"], "1");
    assert_eq!(v["list"][0]["name"], "Allow all");
    let other = zpa("/policySet/rules/policyType/TIMEOUT_POLICY");
    assert_eq!(emu.get(&other).await.json()["totalCount"], "0");
}
