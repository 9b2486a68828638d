//! The page envelopes operations declare in their response shapes: ZDX's
//! `{<items>, next_offset}`, ZCC's `{<items>, totalCount}` and ZWA's
//! `{cursor, <items>}` on search POSTs (reads, not creates), with the
//! registry's default and largest page sizes.

mod common;

use std::sync::Arc;

use common::{start_with, Emu};
use serde_json::{json, Value};
use zscaler_emulator::{Config, Seed};

const DEVICES: &str = "/zdx/v1/devices";
const APPS: &str = "/zcc/papi/public/v1/custom-ip-based-apps";
const AUDIT: &str = "/zwa/dlp/v1/customer/audit";

/// An emulator whose three lists hold `n` objects each.
async fn seeded(n: usize) -> Emu {
    let rows = |key: &str| {
        (0..n)
            .map(|i| json!({ key: format!("x-{i}") }))
            .collect::<Vec<_>>()
    };
    let seed = json!({
        "zdx": {"/v1/devices": rows("name")},
        "zcc": {"/papi/public/v1/custom-ip-based-apps": rows("appName")},
        "zwa": {"/dlp/v1/customer/audit": rows("module")},
    });
    start_with(Config {
        seed: Seed::Empty,
        seed_file: Some(Arc::new(seed)),
        ..Config::default()
    })
    .await
}

fn len(v: &Value, member: &str) -> usize {
    v[member].as_array().map_or(0, Vec::len)
}

#[tokio::test]
async fn zdx_next_offset_pages_to_the_end() {
    let emu = seeded(25).await;
    let first = emu.get(&format!("{DEVICES}?limit=10")).await.json();
    assert_eq!(len(&first, "devices"), 10);
    let token = first["next_offset"].as_str().unwrap().to_string();
    let second = emu
        .get(&format!("{DEVICES}?limit=10&offset={token}"))
        .await
        .json();
    assert_eq!(len(&second, "devices"), 10);
    assert_ne!(first["devices"][0], second["devices"][0]);
    let token = second["next_offset"].as_str().unwrap().to_string();
    let last = emu
        .get(&format!("{DEVICES}?limit=10&offset={token}"))
        .await
        .json();
    assert_eq!(len(&last, "devices"), 5);
    assert!(last.get("next_offset").is_none(), "the last page has none");
    // The registry's default size (10) applies without a limit.
    let default = emu.get(DEVICES).await.json();
    assert_eq!(len(&default, "devices"), 10);
    let bad = emu.get(&format!("{DEVICES}?offset=nonsense")).await;
    assert_eq!(bad.status, 400);
    let big = emu.get(&format!("{DEVICES}?limit=1001")).await;
    assert_eq!(big.status, 400, "above the registry's max_size");
}

#[tokio::test]
async fn zcc_wrapped_lists_carry_the_total() {
    let emu = seeded(12).await;
    let page = emu.get(&format!("{APPS}?page=2&pageSize=5")).await.json();
    assert_eq!(page["totalCount"], 12);
    assert_eq!(len(&page, "customAppContracts"), 5);
    let last = emu.get(&format!("{APPS}?page=3&pageSize=5")).await.json();
    assert_eq!(len(&last, "customAppContracts"), 2);
    let past = emu.get(&format!("{APPS}?page=4&pageSize=5")).await.json();
    assert_eq!(
        (len(&past, "customAppContracts"), &past["totalCount"]),
        (0, &json!(12))
    );
}

#[tokio::test]
async fn zwa_search_posts_are_paged_reads() {
    let emu = seeded(7).await;
    let first = emu
        .post(&format!("{AUDIT}?page=1&pageSize=3"), &json!({}))
        .await;
    assert_eq!(first.status, 200, "{}", first.text);
    let first = first.json();
    assert_eq!(len(&first, "logs"), 3);
    let c = &first["cursor"];
    assert_eq!(
        (
            &c["totalPages"],
            &c["currentPageNumber"],
            &c["totalElements"]
        ),
        (&json!(3), &json!(1), &json!(7))
    );
    assert_eq!(c["currentPageSize"], 3);
    // The cursor's pageId addresses the next page as well as its number.
    let page_id = c["pageId"].as_str().unwrap().to_string();
    let second = emu
        .post(&format!("{AUDIT}?pageId={page_id}&pageSize=3"), &json!({}))
        .await
        .json();
    assert_eq!(second["cursor"]["currentPageNumber"], 2);
    let last = emu
        .post(&format!("{AUDIT}?page=3&pageSize=3"), &json!({}))
        .await
        .json();
    assert_eq!(len(&last, "logs"), 1);
    assert!(last["cursor"].get("pageId").is_none());
    // A search stores nothing: the list is the same after several.
    let again = emu
        .post(&format!("{AUDIT}?pageSize=100"), &json!({"fields": []}))
        .await
        .json();
    assert_eq!(len(&again, "logs"), 7);
}

#[tokio::test]
async fn zwa_incident_search_lists_the_incidents_and_creates_none() {
    let emu = seeded(0).await;
    let r = emu
        .post("/zwa/dlp/v1/incidents/search?pageSize=5", &json!({}))
        .await;
    assert_eq!(r.status, 200, "{}", r.text);
    let body = r.json();
    assert_eq!(len(&body, "incidents"), 0);
    assert_eq!(body["cursor"]["totalElements"], 0);
    let again = emu
        .post("/zwa/dlp/v1/incidents/search", &json!({}))
        .await
        .json();
    assert_eq!(len(&again, "incidents"), 0, "the search was not stored");
}
