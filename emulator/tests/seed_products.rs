//! The demo tenant of the newer products (ZCC, ZTW, ZDX, ZWA), read over
//! HTTP: list and detail routes, field types, the hostile strings, the ZDX
//! series windows and closing a ZWA incident.

mod common;

use std::time::{SystemTime, UNIX_EPOCH};

use common::start;
use serde_json::{json, Value};
use zscaler_emulator::seed::{EMOJI_NAME, LONG_UNICODE, XSS_IMG, XSS_SCRIPT};

fn now() -> u64 {
    SystemTime::now()
        .duration_since(UNIX_EPOCH)
        .unwrap()
        .as_secs()
}

/// Every string anywhere in `v`.
fn strings(v: &Value, out: &mut Vec<String>) {
    match v {
        Value::String(s) => out.push(s.clone()),
        Value::Array(a) => a.iter().for_each(|x| strings(x, out)),
        Value::Object(m) => m.values().for_each(|x| strings(x, out)),
        _ => {}
    }
}

fn contains(v: &Value, needle: &str) -> bool {
    let mut all = Vec::new();
    strings(v, &mut all);
    all.iter().any(|s| s == needle)
}

#[tokio::test]
async fn zcc_devices_list_and_details() {
    let emu = start().await;
    let r = emu.get("/zcc/papi/public/v1/getDevices?pageSize=100").await;
    assert_eq!(r.status, 200, "{}", r.text);
    let list = r.json();
    let devices = list.as_array().expect("a plain array");
    assert_eq!(devices.len(), 25);
    for d in devices {
        assert!(d["udid"].is_string() && d["user"].is_string());
        assert!(d["type"].is_i64() && d["state"].is_i64() && d["vpnState"].is_i64());
        assert!(d["download_count"].is_i64());
        assert!(d["last_seen_time"].as_str().unwrap().parse::<u64>().is_ok());
    }
    let kinds: std::collections::HashSet<i64> = devices
        .iter()
        .map(|d| d["type"].as_i64().unwrap())
        .collect();
    assert_eq!(kinds.len(), 5, "five platforms");
    let states: std::collections::HashSet<&str> = devices
        .iter()
        .map(|d| d["registrationState"].as_str().unwrap())
        .collect();
    for s in [
        "Registered",
        "Removal Pending",
        "Unregistered",
        "Quarantined",
    ] {
        assert!(states.contains(s), "{s}");
    }
    for hostile in [XSS_IMG, XSS_SCRIPT, LONG_UNICODE] {
        assert!(contains(&list, hostile), "{hostile}");
    }
    assert!(devices
        .iter()
        .any(|d| d["machineHostname"].as_str().unwrap().contains(EMOJI_NAME)));

    let hostile = devices.iter().find(|d| d["user"] == XSS_SCRIPT).unwrap();
    let udid = hostile["udid"].as_str().unwrap();
    let r = emu
        .get(&format!("/zcc/papi/public/v1/getDeviceDetails?udid={udid}"))
        .await;
    assert_eq!(r.status, 200, "{}", r.text);
    let detail = r.json();
    assert_eq!(detail["udid"], udid);
    assert_eq!(detail["user"], XSS_SCRIPT);
    assert!(detail["agent_version"].is_string());
    // osType filters by the device type code (4: macOS).
    let macs = emu
        .get("/zcc/papi/public/v1/getDevices?osType=4")
        .await
        .json();
    let macs = macs.as_array().unwrap();
    assert_eq!(macs.len(), 5);
    assert!(macs.iter().all(|d| d["type"] == 4));
    let mine = emu
        .get("/zcc/papi/public/v1/getDevices?username=bob.smith@corp.example.com")
        .await
        .json();
    assert!(!mine.as_array().unwrap().is_empty());
    assert!(mine
        .as_array()
        .unwrap()
        .iter()
        .all(|d| d["owner"] == "bob.smith"));
    let r = emu
        .get("/zcc/papi/public/v1/getDeviceDetails?udid=no-such-device")
        .await;
    assert_eq!(r.status, 404);

    let nets = emu
        .get("/zcc/papi/public/v1/webTrustedNetwork/listByCompany")
        .await
        .json();
    assert_eq!(nets["totalCount"], 3, "{nets}");
    assert_eq!(nets["trustedNetworkContracts"].as_array().unwrap().len(), 3);
}

#[tokio::test]
async fn ztw_groups_locations_templates() {
    let emu = start().await;
    let groups = emu.get("/ztw/api/v1/ecgroup").await.json();
    let groups = groups.as_array().expect("array");
    assert_eq!(groups.len(), 4);
    assert!(groups.iter().all(|g| g["id"].is_i64()
        && !g["vms"].as_array().unwrap().is_empty()
        && g["vms"][0]["id"].is_i64()));
    let id = &groups[0]["id"];
    let one = emu.get(&format!("/ztw/api/v1/ecgroup/{id}")).await;
    assert_eq!(one.status, 200);
    assert_eq!(one.json()["name"], groups[0]["name"]);

    let locations = emu.get("/ztw/api/v1/location").await.json();
    assert_eq!(locations.as_array().unwrap().len(), 5);
    assert!(contains(&locations, XSS_IMG));
    assert!(contains(&locations, LONG_UNICODE));

    let templates = emu.get("/ztw/api/v1/locationTemplate").await.json();
    let names: Vec<&str> = templates
        .as_array()
        .unwrap()
        .iter()
        .map(|t| t["name"].as_str().unwrap())
        .collect();
    assert_eq!(names.len(), 3);
    assert!(names.contains(&"Default Location Template"));

    let urls = emu.get("/ztw/api/v1/provUrl").await.json();
    assert_eq!(urls.as_array().unwrap().len(), 3);
    let url_id = &urls[0]["id"];
    let one = emu
        .get(&format!("/ztw/api/v1/provUrl/{url_id}"))
        .await
        .json();
    assert!(one["provUrlData"]["locationTemplate"]["template"].is_object());
}

#[tokio::test]
async fn zdx_apps_series_and_alerts() {
    let emu = start().await;
    let apps = emu.get("/zdx/v1/apps").await.json();
    let apps = apps.as_array().expect("array");
    assert_eq!(apps.len(), 6);
    assert!(apps.iter().any(|a| a["name"] == XSS_SCRIPT));
    for a in apps {
        let s = a["score"].as_i64().unwrap();
        assert!((0..=100).contains(&s));
    }
    let id = &apps[3]["id"];
    let one = emu.get(&format!("/zdx/v1/apps/{id}")).await.json();
    assert_eq!(one["name"], apps[3]["name"]);
    assert!(one["stats"]["active_users"].is_i64());

    // Without a window: the last two hours.
    let t = now();
    let r = emu.get(&format!("/zdx/v1/apps/{id}/score")).await;
    assert_eq!(r.status, 200, "{}", r.text);
    let series = r.json();
    let points = series["datapoints"].as_array().unwrap();
    assert!(points.len() >= 20, "{} points", points.len());
    let times: Vec<u64> = points
        .iter()
        .map(|p| p["timestamp"].as_u64().unwrap())
        .collect();
    assert!(times.windows(2).all(|w| w[0] < w[1]), "ordered");
    assert!(times
        .iter()
        .all(|&ts| ts + 2 * 3600 + 60 >= t && ts <= t + 60));
    assert!(points
        .iter()
        .all(|p| (0..=100).contains(&p["value"].as_i64().unwrap())));

    // An explicit window: only its points.
    let (from, to) = (t - 6 * 3600, t - 3 * 3600);
    let win = emu
        .get(&format!("/zdx/v1/apps/{id}/score?from={from}&to={to}"))
        .await
        .json();
    let ts: Vec<u64> = win["datapoints"]
        .as_array()
        .unwrap()
        .iter()
        .map(|p| p["timestamp"].as_u64().unwrap())
        .collect();
    assert!(ts.len() >= 30, "{}", ts.len());
    assert!(ts.iter().all(|&x| x >= from && x <= to));

    let metrics = emu
        .get(&format!("/zdx/v1/apps/{id}/metrics?metric_name=pft"))
        .await
        .json();
    assert_eq!(metrics.as_array().unwrap().len(), 1);
    assert_eq!(metrics[0]["metric"], "pft");

    let ongoing = emu.get("/zdx/v1/alerts/ongoing").await.json();
    let historical = emu.get("/zdx/v1/alerts/historical").await.json();
    assert_eq!(ongoing["alerts"].as_array().unwrap().len(), 3);
    assert_eq!(historical["alerts"].as_array().unwrap().len(), 5);
    let alert_id = &historical["alerts"][0]["id"];
    let alert = emu.get(&format!("/zdx/v1/alerts/{alert_id}")).await.json();
    assert!(alert["departments"].is_array() && alert["ended_on"].as_i64() > Some(0));

    let devices = emu.get("/zdx/v1/devices").await.json();
    assert_eq!(devices["devices"].as_array().unwrap().len(), 8);
    let users = emu.get("/zdx/v1/users").await.json();
    assert!(contains(&users, EMOJI_NAME));
}

#[tokio::test]
async fn zwa_incidents_search_read_close() {
    let emu = start().await;
    let r = emu.post("/zwa/dlp/v1/incidents/search", &json!({})).await;
    assert_eq!(r.status, 200, "{}", r.text);
    let page = r.json();
    let incidents = page["incidents"].as_array().expect("incidents");
    assert_eq!(incidents.len(), 10, "{page}");
    let hostile = incidents
        .iter()
        .find(|i| i["userInfo"]["name"] == XSS_SCRIPT)
        .expect("hostile incident");
    assert!(contains(hostile, XSS_IMG));
    let open = incidents.iter().find(|i| i["status"] == "OPEN").unwrap();
    let id = open["internalId"].as_str().unwrap();

    let one = emu.get(&format!("/zwa/dlp/v1/incidents/{id}")).await;
    assert_eq!(one.status, 200, "{}", one.text);
    assert_eq!(one.json()["severity"], open["severity"]);
    let ev = emu
        .get(&format!("/zwa/dlp/v1/incidents/{id}/evidence"))
        .await
        .json();
    assert!(ev["evidenceURL"].as_str().unwrap().contains(id));

    let r = emu
        .post(
            &format!("/zwa/dlp/v1/incidents/{id}/notes"),
            &json!({"notes": "checked with the user"}),
        )
        .await;
    assert_eq!(r.status, 200, "{}", r.text);
    let r = emu
        .post(
            &format!("/zwa/dlp/v1/incidents/{id}/close"),
            &json!({"resolutionCode": "FALSE_POSITIVE", "notes": "not sensitive"}),
        )
        .await;
    assert_eq!(r.status, 200, "{}", r.text);
    assert_eq!(r.json()["status"], "CLOSED");
    let back = emu.get(&format!("/zwa/dlp/v1/incidents/{id}")).await.json();
    assert_eq!(back["status"], "CLOSED");
    assert_eq!(back["closedCode"], "FALSE_POSITIVE");
    let notes: Vec<&str> = back["notes"]
        .as_array()
        .unwrap()
        .iter()
        .map(|n| n["body"].as_str().unwrap())
        .collect();
    assert!(notes.contains(&"checked with the user") && notes.contains(&"not sensitive"));

    let missing = emu.get("/zwa/dlp/v1/incidents/nope").await;
    assert_eq!(missing.status, 404);
}
