//! ZCC's RPC-style API served from spec extensions: `.../create`,
//! `.../edit` (the body names the object), `.../{id}/delete` and
//! `listByCompany` work on one collection; `set...` writes what `get...`
//! reads; the settings an empty tenant has are the spec's defaults. Every
//! test starts from the empty seed, so demo data cannot change the counts.

mod common;

use common::{start_with, Emu};
use serde_json::{json, Value};

const API: &str = "/zcc/papi/public/v1";

/// An emulator without seed data.
async fn start() -> Emu {
    start_with(zscaler_emulator::Config {
        seed: zscaler_emulator::Seed::Empty,
        ..zscaler_emulator::Config::default()
    })
    .await
}

async fn trusted(emu: &Emu) -> Value {
    let r = emu
        .get(&format!("{API}/webTrustedNetwork/listByCompany"))
        .await;
    assert_eq!(r.status, 200, "{}", r.text);
    r.json()
}

#[tokio::test]
async fn trusted_networks_create_edit_list_delete() {
    let emu = start().await;
    let before = trusted(&emu).await["totalCount"].as_u64().unwrap();
    let r = emu
        .post(
            &format!("{API}/webTrustedNetwork/create"),
            &json!({"networkName": "office", "dnsServers": "10.0.0.1", "active": true}),
        )
        .await;
    assert_eq!(r.status, 200, "{}", r.text);
    let made = r.json();
    let id = made["id"]
        .as_str()
        .expect("trusted network ids are strings");
    assert_eq!(made["conditionType"], 0);
    assert_eq!(made["guid"].as_str().unwrap().len(), 36);
    let list = trusted(&emu).await;
    assert_eq!(list["totalCount"], before + 1);
    let r = emu
        .put(
            &format!("{API}/webTrustedNetwork/edit"),
            &json!({"id": id, "networkName": "office", "dnsServers": "10.0.0.2"}),
        )
        .await;
    assert_eq!(r.json(), json!({"errorCode": "0", "success": "true"}));
    let list = trusted(&emu).await;
    let found = list["trustedNetworkContracts"]
        .as_array()
        .unwrap()
        .iter()
        .find(|n| n["id"] == id)
        .cloned()
        .unwrap();
    assert_eq!(found["dnsServers"], "10.0.0.2");
    assert_eq!(found["guid"], made["guid"], "an edit keeps what it omits");
    let r = emu
        .delete(&format!("{API}/webTrustedNetwork/{id}/delete"))
        .await;
    assert_eq!(r.status, 200, "{}", r.text);
    assert_eq!(trusted(&emu).await["totalCount"], before);
    let r = emu
        .delete(&format!("{API}/webTrustedNetwork/{id}/delete"))
        .await;
    assert_eq!(
        r.status, 200,
        "ZCC answers a missing object with its error code"
    );
    assert_eq!(r.json(), json!({"errorCode": "3005", "success": "false"}));
}

/// The edit form declares a string id; the answer gives it as a number.
fn same_id(listed: &Value, id: i64) -> bool {
    listed
        .as_str()
        .map_or(listed.as_i64() == Some(id), |s| s == id.to_string())
}

#[tokio::test]
async fn web_policy_edit_answers_the_id_and_lists() {
    let emu = start().await;
    let r = emu
        .put(
            &format!("{API}/web/policy/edit"),
            &json!({"name": "p1", "device_type": 3, "active": "1"}),
        )
        .await;
    assert_eq!(r.status, 200, "{}", r.text);
    let id = r.json()["id"].as_i64().expect("a numeric id");
    assert_eq!(r.json()["success"], "true");
    let list = emu.get(&format!("{API}/web/policy/listByCompany")).await;
    assert!(list
        .json()
        .as_array()
        .unwrap()
        .iter()
        .any(|p| same_id(&p["id"], id)));
    // Listed in the list form, and only under its own device type.
    let list = emu
        .get(&format!("{API}/web/policy/listByCompany?deviceType=3"))
        .await;
    assert_eq!(list.json()[0]["deviceType"], "DEVICE_TYPE_WINDOWS");
    assert_eq!(list.json()[0]["active"], 1);
    let list = emu
        .get(&format!("{API}/web/policy/listByCompany?deviceType=4"))
        .await;
    assert_eq!(list.json(), json!([]));
    let r = emu.delete(&format!("{API}/web/policy/{id}/delete")).await;
    assert_eq!(r.json(), json!({"id": id, "success": "true"}));
    let list = emu.get(&format!("{API}/web/policy/listByCompany")).await;
    assert!(!list
        .json()
        .as_array()
        .unwrap()
        .iter()
        .any(|p| same_id(&p["id"], id)));
}

#[tokio::test]
async fn settings_have_defaults_and_setters_write_them() {
    let emu = start().await;
    let privacy = emu.get(&format!("{API}/getWebPrivacyInfo")).await.json();
    assert_eq!(privacy["id"], "0", "ZCC settings carry string ids");
    assert_eq!(privacy["collectUserInfo"], "1");
    let r = emu
        .put(
            &format!("{API}/setWebPrivacyInfo"),
            &json!({"collectUserInfo": "0"}),
        )
        .await;
    assert_eq!(r.status, 200, "{}", r.text);
    let privacy = emu.get(&format!("{API}/getWebPrivacyInfo")).await.json();
    assert_eq!(privacy["collectUserInfo"], "0");
    assert_eq!(privacy["collectMachineHostname"], "1");
    let zpa = emu
        .get(&format!("{API}/getZpaGroupEntitlements"))
        .await
        .json();
    assert_eq!(zpa["zpaEnableForAll"], 1);
    let r = emu
        .put(
            &format!("{API}/updateZpaGroupEntitlement"),
            &json!({"zpaEnableForAll": 0}),
        )
        .await;
    assert_eq!(r.json()["success"], "true");
    let zpa = emu
        .get(&format!("{API}/getZpaGroupEntitlements"))
        .await
        .json();
    assert_eq!(zpa["zpaEnableForAll"], 0);
}

#[tokio::test]
async fn device_download_is_a_csv_of_the_devices() {
    let doc = json!({"zcc": {"/papi/public/v1/getDevices": [
        {"udid": "U-1", "user": "ann@corp.example.com", "type": 4, "registrationState": "Registered"},
        {"udid": "U-2", "user": "bob \"the\" admin", "type": 3}
    ]}});
    let emu = start_with(zscaler_emulator::Config {
        seed: zscaler_emulator::Seed::Empty,
        seed_file: Some(std::sync::Arc::new(doc)),
        ..zscaler_emulator::Config::default()
    })
    .await;
    let r = emu.get(&format!("{API}/downloadDevices")).await;
    assert_eq!(r.status, 200);
    assert!(r
        .header("content-type")
        .unwrap()
        .starts_with("application/octet-stream"));
    let rows: Vec<&str> = r.text.lines().collect();
    assert!(
        rows[0].starts_with("\"User\",\"Device type\""),
        "{}",
        r.text
    );
    assert_eq!(rows.len(), 3);
    assert!(rows[1].starts_with("\"ann@corp.example.com\",\"MAC\",\"\",\"\",\"U-1\""));
    assert!(rows[1].contains("\"Registered\""));
    assert!(rows[2].starts_with("\"bob \"\"the\"\" admin\",\"WINDOWS\""));
    let r = emu.get(&format!("{API}/downloadServiceStatus")).await;
    assert_eq!(
        r.text.lines().nth(1).unwrap().split(',').nth(1),
        Some("\"U-1\"")
    );
}

#[tokio::test]
async fn unrouted_paths_get_the_gateway_text_404() {
    let emu = start().await;
    let r = emu.get(&format!("{API}/noSuchEndpoint")).await;
    assert_eq!(r.status, 404);
    assert_eq!(r.text, "404 Not Found");
    // A missing object of a routed path is the product's JSON error.
    let r = emu
        .put(
            &format!("{API}/webTrustedNetwork/edit"),
            &json!({"id": "404"}),
        )
        .await;
    assert_eq!(r.status, 404);
    assert_eq!(r.json()["code"], "NOT_FOUND");
}
