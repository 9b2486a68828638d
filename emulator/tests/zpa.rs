//! ZPA: pagination, search, microtenant filter, CRUD, SCIM shapes, errors.

mod common;

use std::collections::HashSet;

use common::{start, zpa, CUST};
use reqwest::Method;
use serde_json::{json, Value};

fn list_names(v: &Value) -> Vec<String> {
    v["list"]
        .as_array()
        .map(|a| {
            a.iter()
                .map(|o| o["name"].as_str().unwrap().to_string())
                .collect()
        })
        .unwrap_or_default()
}

#[tokio::test]
async fn pagination_covers_every_item_exactly_once() {
    let emu = start().await;
    let mut seen = HashSet::new();
    for page in 1..=3 {
        let r = emu
            .get(&zpa(&format!("/application?page={page}&pagesize=20")))
            .await;
        assert_eq!(r.status, 200);
        let v = r.json();
        assert_eq!(v["totalPages"], json!("3"), "totals are strings");
        assert_eq!(v["totalCount"], json!("45"));
        let list = v["list"].as_array().unwrap();
        assert_eq!(list.len(), if page < 3 { 20 } else { 5 });
        for app in list {
            let id = app["id"].as_str().expect("ZPA ids are strings");
            assert!(id.bytes().all(|b| b.is_ascii_digit()));
            assert!(seen.insert(id.to_string()), "duplicate {id}");
        }
    }
    assert_eq!(seen.len(), 45);
    // Past the end: totals still there, no list.
    let v = emu
        .get(&zpa("/application?page=4&pagesize=20"))
        .await
        .json();
    assert_eq!(v["totalCount"], "45");
    assert!(v.get("list").is_none(), "empty page omits list: {v}");
    // Default page size is 20.
    let v = emu.get(&zpa("/application")).await.json();
    assert_eq!(v["list"].as_array().unwrap().len(), 20);
}

#[tokio::test]
async fn bad_page_size_is_a_zpa_400() {
    let emu = start().await;
    for q in ["pagesize=501", "pagesize=abc", "page=0"] {
        let r = emu.get(&zpa(&format!("/application?{q}"))).await;
        assert_eq!(r.status, 400, "{q}");
        assert!(r.json()["id"].as_str().is_some(), "ZPA error shape for {q}");
        assert!(r.json()["reason"].as_str().is_some());
    }
    assert_eq!(emu.get(&zpa("/application?pagesize=500")).await.status, 200);
}

#[tokio::test]
async fn search_eq_and_like() {
    let emu = start().await;
    // `+` decoded to spaces.
    let v = emu
        .get(&zpa("/application?search=name+EQ+Finance+ERP"))
        .await
        .json();
    assert_eq!(list_names(&v), vec!["Finance ERP"]);
    assert_eq!(v["totalCount"], "1");
    // Literal `+` (percent-encoded) as the separator.
    let v = emu
        .get(&zpa("/application?search=name%2BEQ%2BFinance%2BERP"))
        .await
        .json();
    assert_eq!(list_names(&v), vec!["Finance ERP"]);
    // Spaces as separator.
    let v = emu
        .get(&zpa("/application?search=name%20EQ%20Jira"))
        .await
        .json();
    assert_eq!(list_names(&v), vec!["Jira"]);
    // EQ is exact: a prefix does not match.
    let v = emu
        .get(&zpa("/application?search=name+EQ+Finance"))
        .await
        .json();
    assert_eq!(v["totalCount"], "0");
    assert!(v.get("list").is_none());
    // LIKE is a substring match.
    let mut names = list_names(
        &emu.get(&zpa("/application?search=name+LIKE+Portal"))
            .await
            .json(),
    );
    names.sort();
    assert_eq!(
        names,
        vec!["Benefits Portal", "Intranet Portal", "Partner Portal"]
    );
    // A bare string is a substring match too.
    let v = emu.get(&zpa("/application?search=grafana")).await.json();
    assert_eq!(list_names(&v), vec!["Grafana"]);
    // Search works on other collections.
    let v = emu
        .get(&zpa("/segmentGroup?search=name+EQ+Engineering"))
        .await
        .json();
    assert_eq!(list_names(&v), vec!["Engineering"]);
}

#[tokio::test]
async fn microtenant_filter() {
    let emu = start().await;
    let mts = emu.get(&zpa("/microtenants")).await.json();
    let list = mts["list"].as_array().unwrap();
    assert_eq!(list.len(), 2);
    let default = list
        .iter()
        .find(|m| m["id"] == "0")
        .expect("Default microtenant");
    assert_eq!(default["name"], "Default");
    let other = list.iter().find(|m| m["id"] != "0").unwrap();
    let other_id = other["id"].as_str().unwrap();

    let v = emu
        .get(&zpa(&format!("/application?microtenantId={other_id}")))
        .await
        .json();
    assert_eq!(v["totalCount"], "2");
    for app in v["list"].as_array().unwrap() {
        assert_eq!(app["microtenantId"], other_id);
        assert_eq!(app["microtenantName"], other["name"]);
    }
    let v = emu
        .get(&zpa("/application?microtenantId=0&pagesize=500"))
        .await
        .json();
    assert_eq!(v["totalCount"], "43");
    assert!(v["list"]
        .as_array()
        .unwrap()
        .iter()
        .all(|a| a["microtenantName"] == "Default"));
}

#[tokio::test]
async fn crud_round_trip() {
    let emu = start().await;
    // Create a segment group and a server-group-backed application in it.
    let r = emu
        .post(
            &zpa("/segmentGroup"),
            &json!({"name": "CI Apps", "description": "made by a test", "enabled": true}),
        )
        .await;
    assert_eq!(r.status, 201);
    let sg = r.json();
    let sg_id = sg["id"].as_str().unwrap().to_string();
    assert!(sg_id.parse::<u64>().is_ok());
    let servers = emu.get(&zpa("/serverGroup")).await.json();
    let server_id = servers["list"][0]["id"].as_str().unwrap().to_string();

    let body = json!({
        "name": "ci-app.corp.example.com",
        "description": "first",
        "domainNames": ["ci-app.corp.example.com"],
        "segmentGroupId": sg_id,
        "serverGroups": [{"id": server_id}],
        "tcpPortRanges": ["8000", "8001"],
        "enabled": true
    });
    let r = emu.post(&zpa("/application"), &body).await;
    assert_eq!(r.status, 201);
    let app = r.json();
    let id = app["id"].as_str().unwrap().to_string();
    assert!(app["creationTime"].as_str().unwrap().parse::<u64>().is_ok());
    assert_eq!(
        app["modifiedBy"].as_str().map(|s| s.parse::<u64>().is_ok()),
        Some(true)
    );
    assert_eq!(app["tcpPortRange"], json!([{"from": "8000", "to": "8001"}]));
    assert_eq!(app["segmentGroupName"], "CI Apps");
    assert_eq!(app["serverGroups"][0]["id"], server_id.as_str());
    // The link's own fields, with the service's defaults.
    assert_eq!(app["serverGroups"][0]["passive"], false);
    assert_eq!(app["serverGroups"][0]["weight"], "0");

    let got = emu.get(&zpa(&format!("/application/{id}"))).await.json();
    assert_eq!(got["name"], "ci-app.corp.example.com");
    assert_eq!(got["description"], "first");
    // The segment group now lists the application.
    let sg = emu
        .get(&zpa(&format!("/segmentGroup/{sg_id}")))
        .await
        .json();
    assert_eq!(sg["applications"][0]["id"], id.as_str());
    assert_eq!(
        emu.get(&zpa("/application")).await.json()["totalCount"],
        "46"
    );

    // PUT replaces: 204, empty body.
    let mut updated = body.clone();
    updated["description"] = json!("second");
    updated["tcpPortRanges"] = json!(["9000", "9000"]);
    let r = emu.put(&zpa(&format!("/application/{id}")), &updated).await;
    assert_eq!(r.status, 204);
    assert!(r.text.is_empty());
    let got = emu.get(&zpa(&format!("/application/{id}"))).await.json();
    assert_eq!(got["description"], "second");
    assert_eq!(got["id"], id.as_str());
    assert_eq!(got["creationTime"], app["creationTime"]);
    assert_eq!(got["tcpPortRange"], json!([{"from": "9000", "to": "9000"}]));
    // Fields not resent are dropped, as on ZPA.
    let mut no_desc = updated.clone();
    no_desc.as_object_mut().unwrap().remove("description");
    assert_eq!(
        emu.put(&zpa(&format!("/application/{id}")), &no_desc)
            .await
            .status,
        204
    );
    let got = emu.get(&zpa(&format!("/application/{id}"))).await.json();
    assert!(got.get("description").is_none(), "{got}");
    assert_eq!(got["name"], "ci-app.corp.example.com");

    // DELETE, then it is gone.
    let r = emu.delete(&zpa(&format!("/application/{id}"))).await;
    assert_eq!(r.status, 204);
    let r = emu.get(&zpa(&format!("/application/{id}"))).await;
    assert_eq!(r.status, 404);
    assert_eq!(r.json()["id"], "resource.not.found");
    assert_eq!(
        emu.delete(&zpa(&format!("/application/{id}"))).await.status,
        404
    );
    assert_eq!(
        emu.get(&zpa("/application")).await.json()["totalCount"],
        "45"
    );
    assert_eq!(
        emu.delete(&zpa(&format!("/segmentGroup/{sg_id}")))
            .await
            .status,
        204
    );
}

#[tokio::test]
async fn server_group_crud() {
    let emu = start().await;
    let r = emu
        .post(
            &zpa("/serverGroup"),
            &json!({"name": "CI Servers", "dynamicDiscovery": true}),
        )
        .await;
    assert_eq!(r.status, 201);
    let id = r.json()["id"].as_str().unwrap().to_string();
    let r = emu
        .put(
            &zpa(&format!("/serverGroup/{id}")),
            &json!({"name": "CI Servers 2"}),
        )
        .await;
    assert_eq!(r.status, 204);
    assert_eq!(
        emu.get(&zpa(&format!("/serverGroup/{id}"))).await.json()["name"],
        "CI Servers 2"
    );
    assert_eq!(
        emu.delete(&zpa(&format!("/serverGroup/{id}"))).await.status,
        204
    );
    assert_eq!(
        emu.get(&zpa(&format!("/serverGroup/{id}"))).await.status,
        404
    );
}

#[tokio::test]
async fn malformed_or_mistyped_body_is_rejected_without_state_change() {
    let emu = start().await;
    let cases = [
        "{\"name\": ",
        "not json",
        "[1,2,3]",
        // A number would do for a string (ZPA keeps its text); an object not.
        "{\"name\": {\"text\": \"x\"}}",
        "{\"name\": \"x\", \"enabled\": \"yes\"}",
        "{\"name\": \"x\", \"domainNames\": \"a.example.com\"}",
        "{\"description\": \"no name\"}",
        "{\"name\": \"x\", \"segmentGroupId\": \"999\"}",
    ];
    for raw in cases {
        let r = emu.send_raw(Method::POST, &zpa("/application"), raw).await;
        assert_eq!(r.status, 400, "{raw}");
        assert_eq!(r.json()["id"], "invalid.request.body", "{raw}");
        assert!(r.json()["reason"].as_str().is_some());
    }
    assert_eq!(
        emu.get(&zpa("/application")).await.json()["totalCount"],
        "45"
    );

    // A bad PUT leaves the object untouched.
    let first = emu.get(&zpa("/application?pagesize=1")).await.json()["list"][0].clone();
    let id = first["id"].as_str().unwrap();
    let r = emu
        .send_raw(
            Method::PUT,
            &zpa(&format!("/application/{id}")),
            "{\"name\": false}",
        )
        .await;
    assert_eq!(r.status, 400);
    assert_eq!(
        emu.get(&zpa(&format!("/application/{id}"))).await.json(),
        first
    );
}

/// zscaler-oneapi-sdk-python types ZPA ids, times and some string fields
/// as numbers and sends a loaded object back whole. ZPA's mapper takes a
/// number for a string and answers its text (recorded traffic: a
/// provisioning key created with `"maxUsage": 2` came back `"2"`).
#[tokio::test]
async fn numbers_sent_for_strings_are_kept_as_text() {
    let emu = start().await;
    let r = emu
        .post(
            &zpa("/segmentGroup"),
            &json!({"name": "Typed", "enabled": true}),
        )
        .await;
    assert_eq!(r.status, 201);
    let sg = r.json();
    let id = sg["id"].as_str().unwrap().to_string();
    // The object as a client with numeric models sends it back.
    let mut back = sg.clone();
    for key in [
        "id",
        "creationTime",
        "modifiedTime",
        "modifiedBy",
        "tcpKeepAliveEnabled",
    ] {
        let n: u64 = sg[key].as_str().unwrap().parse().unwrap();
        back[key] = json!(n);
    }
    back["description"] = json!("numbers in");
    let r = emu.put(&zpa(&format!("/segmentGroup/{id}")), &back).await;
    assert_eq!(r.status, 204, "{}", r.text);
    let got = emu.get(&zpa(&format!("/segmentGroup/{id}"))).await.json();
    assert_eq!(got["description"], "numbers in");
    assert_eq!(got["tcpKeepAliveEnabled"], "0");
    assert_eq!(got["id"], id.as_str());
    assert_eq!(got["creationTime"], sg["creationTime"]);

    // The spec-driven path does the same for declared string fields.
    let keys = zpa("/associationType/CONNECTOR_GRP/provisioningKey");
    let body = json!({"name": "typed-key", "maxUsage": 2, "enrollmentCertId": 6573});
    let r = emu.post(&keys, &body).await;
    assert!(r.status.is_success(), "{} {}", r.status, r.text);
    let key = r.json();
    assert_eq!(key["enrollmentCertId"], "6573", "{key}");
    let kid = key["id"].as_str().unwrap();
    let got = emu.get(&format!("{keys}/{kid}")).await.json();
    assert_eq!(got["enrollmentCertId"], "6573");
}

#[tokio::test]
async fn other_customer_is_not_found() {
    let emu = start().await;
    let r = emu
        .get("/zpa/mgmtconfig/v1/admin/customers/123/application")
        .await;
    assert_eq!(r.status, 404);
    assert_eq!(r.json()["id"], "resource.not.found");
}

#[tokio::test]
async fn idps_scim_attributes_and_groups() {
    let emu = start().await;
    let idps = emu
        .get(&format!("/zpa/mgmtconfig/v2/admin/customers/{CUST}/idp"))
        .await
        .json();
    assert_eq!(idps["totalCount"], "2");
    let scim_idp = idps["list"]
        .as_array()
        .unwrap()
        .iter()
        .find(|i| i["scimEnabled"] == true)
        .unwrap()
        .clone();
    let idp_id = scim_idp["id"].as_str().unwrap();
    assert_eq!(
        emu.get(&zpa(&format!("/idp/{idp_id}"))).await.json()["name"],
        scim_idp["name"]
    );

    let attrs = emu
        .get(&zpa(&format!("/idp/{idp_id}/scimattribute")))
        .await
        .json();
    let list = attrs["list"].as_array().unwrap();
    assert!(!list.is_empty());
    assert!(list
        .iter()
        .all(|a| a["idpId"] == idp_id && a["id"].is_string()));

    let groups = emu
        .get(&format!(
            "/zpa/userconfig/v1/customers/{CUST}/scimgroup/idpId/{idp_id}?pagesize=5"
        ))
        .await
        .json();
    // This endpoint uses numbers for totals and ids, as the real one does.
    assert!(groups["totalCount"].is_u64(), "{groups}");
    assert!(groups["totalPages"].is_u64());
    let g = &groups["list"][0];
    assert!(g["id"].is_u64());
    assert_eq!(g["idpId"].as_u64().unwrap().to_string(), idp_id);
    let gid = g["id"].as_u64().unwrap();
    let one = emu
        .get(&format!(
            "/zpa/userconfig/v1/customers/{CUST}/scimgroup/{gid}"
        ))
        .await;
    assert_eq!(one.status, 200);
    assert_eq!(one.json()["name"], g["name"]);
    let missing = emu.get(&zpa("/idp/1/scimattribute")).await;
    assert_eq!(missing.status, 404);
}
