//! ZCC's removeDevices over HTTP: a soft remove that marks the named
//! devices "Removal Pending", counts only the devices it found, and leaves
//! every other device as it was.

mod common;

use common::start;
use serde_json::{json, Value};

const DEVICES: &str = "/zcc/papi/public/v1/getDevices?pageSize=100";

async fn devices(emu: &common::Emu) -> Vec<Value> {
    emu.get(DEVICES).await.json().as_array().unwrap().clone()
}

#[tokio::test]
async fn remove_devices_marks_the_named_ones_removal_pending() {
    let emu = start().await;
    let before = devices(&emu).await;
    let chosen: Vec<&Value> = before
        .iter()
        .filter(|d| d["registrationState"] == "Registered")
        .take(2)
        .collect();
    let udids: Vec<&str> = chosen.iter().map(|d| d["udid"].as_str().unwrap()).collect();
    let r = emu
        .post(
            "/zcc/papi/public/v1/removeDevices",
            &json!({ "udids": [udids[0], udids[1], "no-such-device"] }),
        )
        .await;
    assert_eq!(r.status, 200, "{}", r.text);
    assert_eq!(r.json()["devicesRemoved"], 2);
    let after = devices(&emu).await;
    assert_eq!(
        after.len(),
        before.len(),
        "a soft remove keeps the devices listed"
    );
    for (b, a) in before.iter().zip(&after) {
        let named = udids.contains(&b["udid"].as_str().unwrap());
        if named {
            assert_eq!(a["registrationState"], "Removal Pending");
        } else {
            assert_eq!(a, b, "an unnamed device is untouched");
        }
    }
}
