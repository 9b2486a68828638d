//! Behaviour declared in the specs with `x-emulator-*` extensions: ordered
//! collections and their reorder actions, server-filled defaults, list
//! actions, views of other collections, creates under another name and
//! fixed answers.

mod common;

use common::{start, zpa, CUST};
use reqwest::Method;
use serde_json::{json, Value};

fn names_and_orders(v: &Value) -> Vec<(String, String)> {
    v["list"]
        .as_array()
        .unwrap()
        .iter()
        .map(|r| {
            let s = |k: &str| r[k].as_str().unwrap_or_default().to_string();
            (s("name"), s("ruleOrder"))
        })
        .collect()
}

#[tokio::test]
async fn policy_rules_are_numbered_and_reordered() {
    let emu = start().await;
    let set = emu
        .get(&zpa("/policySet/policyType/ACCESS_POLICY"))
        .await
        .json();
    assert_eq!(set["enabled"], true, "server-filled default: {set}");
    assert!(set["creationTime"].is_string(), "{set}");
    let set_id = set["id"].as_str().unwrap().to_string();
    let mut ids = Vec::new();
    for name in ["a", "b", "c"] {
        let r = emu
            .post(
                &zpa(&format!("/policySet/{set_id}/rule")),
                &json!({"name": name, "action": "ALLOW"}),
            )
            .await;
        assert!(r.status.is_success());
        let rule = r.json();
        assert_eq!(rule["defaultRule"], false, "{rule}");
        assert_eq!(rule["operator"], "AND");
        ids.push(rule["id"].as_str().unwrap().to_string());
    }
    let by_type = zpa("/policySet/rules/policyType/ACCESS_POLICY");
    let order = |v: &[(&str, &str)]| -> Vec<(String, String)> {
        v.iter()
            .map(|(a, b)| (a.to_string(), b.to_string()))
            .collect()
    };
    let listed = names_and_orders(&emu.get(&by_type).await.json());
    assert_eq!(listed, order(&[("a", "1"), ("b", "2"), ("c", "3")]));

    let path = zpa(&format!("/policySet/{set_id}/rule/{}/reorder/1", ids[2]));
    let r = common::send(emu.req(Method::PUT, &path)).await;
    assert!(r.status.is_success(), "{}", r.text);
    let listed = names_and_orders(&emu.get(&by_type).await.json());
    assert_eq!(listed, order(&[("c", "1"), ("a", "2"), ("b", "3")]));
    let one = emu
        .get(&zpa(&format!("/policySet/{set_id}/rule/{}", ids[1])))
        .await
        .json();
    assert_eq!(one["ruleOrder"], "3", "the item read agrees with the list");

    let r = emu
        .put(
            &zpa(&format!("/policySet/{set_id}/reorder")),
            &json!([ids[1], ids[0]]),
        )
        .await;
    assert!(r.status.is_success(), "{}", r.text);
    let listed = names_and_orders(&emu.get(&by_type).await.json());
    assert_eq!(listed, order(&[("b", "1"), ("a", "2"), ("c", "3")]));

    let r = emu
        .delete(&zpa(&format!("/policySet/{set_id}/rule/{}", ids[1])))
        .await;
    assert!(r.status.is_success());
    let listed = names_and_orders(&emu.get(&by_type).await.json());
    assert_eq!(
        listed,
        order(&[("a", "1"), ("c", "2")]),
        "a delete closes the gap"
    );
}

#[tokio::test]
async fn denylist_actions_change_the_stored_list() {
    let emu = start().await;
    let at = "/zia/api/v1/security/advanced/blacklistUrls";
    let add = format!("{at}?action=ADD_TO_LIST");
    let r = emu
        .post(&add, &json!({"blacklistUrls": ["a.example", "b.example"]}))
        .await;
    assert_eq!(r.status, 200, "{}", r.text);
    let r = emu
        .post(
            &format!("{at}?action=REMOVE_FROM_LIST"),
            &json!({"blacklistUrls": ["a.example"]}),
        )
        .await;
    assert_eq!(r.status, 200);
    let stored = emu.get("/zia/api/v1/security/advanced").await.json();
    assert_eq!(stored["blacklistUrls"], json!(["b.example"]));
    let r = emu.post(at, &json!({"blacklistUrls": ["c.example"]})).await;
    assert_eq!(r.status, 400, "the action is required");
}

#[tokio::test]
async fn static_ip_validation_answers_success() {
    let emu = start().await;
    let r = emu
        .post(
            "/zia/api/v1/staticIP/validate",
            &json!({"ipAddress": "203.0.113.9"}),
        )
        .await;
    assert_eq!(r.status, 200);
    assert_eq!(r.json(), json!("SUCCESS"));
}

#[tokio::test]
async fn cbi_banners_get_ids_and_are_listed() {
    let emu = start().await;
    let base = format!("/zpa/cbiconfig/cbi/api/customers/{CUST}");
    let r = emu
        .post(
            &format!("{base}/banner"),
            &json!({"name": "ban", "banner": true}),
        )
        .await;
    assert!(r.status.is_success(), "{}", r.text);
    let id = r.json()["id"].clone();
    assert!(!id.is_null(), "{}", r.text);
    let id = id
        .as_str()
        .map(String::from)
        .unwrap_or_else(|| id.to_string());
    let one = emu.get(&format!("{base}/banners/{id}")).await;
    assert_eq!(one.status, 200, "{}", one.text);
    assert_eq!(one.json()["name"], "ban");
    let all = emu.get(&format!("{base}/banners")).await.json();
    assert!(
        all.as_array().unwrap().iter().any(|b| b["name"] == "ban"),
        "{all}"
    );
}

#[tokio::test]
async fn views_list_what_was_created() {
    let emu = start().await;
    let server = emu
        .post(
            &zpa("/server"),
            &json!({"name": "srv-view", "address": "10.0.0.9"}),
        )
        .await;
    assert!(server.status.is_success(), "{}", server.text);
    let summary = emu.get(&zpa("/server/summary")).await.text;
    assert!(summary.contains("srv-view"), "{summary}");

    let cert = emu
        .post(
            &zpa("/certificate"),
            &json!({"name": "cert-view", "certBlob": "x"}),
        )
        .await;
    assert!(cert.status.is_success(), "{}", cert.text);
    let v2 = format!("/zpa/mgmtconfig/v2/admin/customers/{CUST}");
    let issued = emu
        .get(&format!("{v2}/clientlessCertificate/issued"))
        .await
        .text;
    assert!(issued.contains("cert-view"), "{issued}");
}

#[tokio::test]
async fn saml_attributes_are_listed_by_their_idp() {
    let attrs = "/mgmtconfig/v2/admin/customers/{customerId}/samlAttribute";
    let doc = json!({"zpa": {attrs: [
        {"name": "email", "idpId": "7"}, {"name": "dept", "idpId": "8"}, {"name": "upn", "idpId": "7"}
    ]}});
    let config = zscaler_emulator::Config {
        seed_file: Some(std::sync::Arc::new(doc)),
        ..Default::default()
    };
    let emu = common::start_with(config).await;
    let v2 = format!("/zpa/mgmtconfig/v2/admin/customers/{CUST}");
    let by_idp = emu.get(&format!("{v2}/samlAttribute/idp/7")).await.json();
    let names: Vec<&str> = by_idp["list"]
        .as_array()
        .unwrap()
        .iter()
        .map(|a| a["name"].as_str().unwrap())
        .collect();
    assert_eq!(names, ["email", "upn"]);
    assert_eq!(
        by_idp["currentCount"], "2",
        "the page declares its own count"
    );
}

#[tokio::test]
async fn references_answer_with_the_referenced_fields() {
    let emu = start().await;
    let services = emu.get("/zia/api/v1/networkServices").await.json();
    let dns = services
        .as_array()
        .unwrap()
        .iter()
        .find(|s| s["name"] == "DNS")
        .expect("predefined DNS service")
        .clone();
    let r = emu
        .post(
            "/zia/api/v1/networkServiceGroups",
            &json!({"name": "grp", "services": [{"id": dns["id"]}, {"id": 1}]}),
        )
        .await;
    assert!(r.status.is_success(), "{}", r.text);
    let group = r.json();
    assert_eq!(group["services"][0]["name"], "DNS", "{group}");
    assert_eq!(
        group["services"][1],
        json!({"id": 1}),
        "unknown ids stay as sent"
    );
    let id = group["id"].clone();
    let read = emu
        .get(&format!("/zia/api/v1/networkServiceGroups/{id}"))
        .await
        .json();
    assert_eq!(read["services"][0]["name"], "DNS");
}

#[tokio::test]
async fn series_windows_generated_defaults_and_merges() {
    // Without from/to the API serves the last two hours.
    let now = std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .unwrap()
        .as_secs();
    let (old, recent) = (now - 3 * 3600, now - 3600);
    let doc = json!({"zdx": {"/v1/apps/7/score": {"metric": "score", "datapoints": [
        {"timestamp": old, "value": 1}, {"timestamp": recent, "value": 2}
    ]}}});
    let emu = common::start_with(zscaler_emulator::Config {
        seed_file: Some(std::sync::Arc::new(doc)),
        ..zscaler_emulator::Config::default()
    })
    .await;
    let last = emu.get("/zdx/v1/apps/7/score").await.json();
    assert_eq!(
        last["datapoints"],
        json!([{"timestamp": recent, "value": 2}])
    );
    let all = emu
        .get(&format!("/zdx/v1/apps/7/score?from={}&to={now}", old - 1))
        .await
        .json();
    assert_eq!(all["datapoints"].as_array().unwrap().len(), 2);
    let cut = emu
        .get(&format!(
            "/zdx/v1/apps/7/score?from={}&to={}",
            old - 1,
            old + 1
        ))
        .await
        .json();
    assert_eq!(cut["datapoints"], json!([{"timestamp": old, "value": 1}]));
    // The cut is the answer's, not the stored series'.
    let again = emu
        .get(&format!("/zdx/v1/apps/7/score?from={}&to={now}", old - 1))
        .await
        .json();
    assert_eq!(again["datapoints"].as_array().unwrap().len(), 2);

    // `$id` and `$now` defaults: a deep trace names its id `trace_id`.
    let r = emu
        .post(
            "/zdx/v1/devices/9/deeptraces",
            &json!({"session_name": "s"}),
        )
        .await;
    assert_eq!(r.status, 202, "{}", r.text);
    let trace = r.json();
    assert_eq!(trace["trace_id"], trace["id"]);
    assert!(trace["created_at"].as_u64().unwrap() > 1_700_000_000);

    // A merge into a missing object is a 404 in the product's shape.
    let r = emu
        .post(
            "/zwa/dlp/v1/incidents/nope/close",
            &json!({"resolutionCode": "FALSE_POSITIVE"}),
        )
        .await;
    assert_eq!(r.status, 404);
    assert_eq!(r.json()["code"], "RESOURCE_NOT_FOUND");
}
