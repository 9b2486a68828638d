//! Emulator behaviour replayed from recorded sequences: every cassette of
//! real ZPA, ZIA, ZIdentity, ZCC and ZTW traffic (`../shared/recorded`, or
//! `$ZSCALER_SHARED_DIR/recorded`) is sent, in order, to a fresh emulator
//! with the demo seed, and each answer is held against the recorded one:
//! the same status (same class for successes), and a body with every
//! recorded key and JSON type (see `replay/shape.rs`). Ids the emulator
//! hands out replace the recorded ones in later requests (`replay/ids.rs`).
//!
//! Not compared: the token requests (the test authenticates like the other
//! tests), recorded rate limits, expired tokens, edit locks and server
//! faults (the SDK retried; the interaction is not sent), and requests on
//! objects the recording tenant already had (an id, in the path or a
//! write's body, the cassette never got back: a fresh emulator cannot
//! have them). What else the emulator cannot
//! reproduce is listed in [`EXEMPT`], each entry with its reason; cassettes
//! with gaps still open are listed in [`PENDING`]; anything else that
//! differs fails the test.

#[path = "replay/ids.rs"]
mod ids;
#[path = "replay/shape.rs"]
mod shape;

mod common;

use std::collections::BTreeMap;
use std::path::PathBuf;

use reqwest::{Method, Url};
use serde_json::Value;

use common::{send, start, Emu, CUST};
use ids::IdMap;

/// Cassettes that do not replay yet: emulator gaps still to close, not
/// accepted differences. The list may only shrink: a listed cassette that
/// passes fails the test, so fixing a gap means deleting its line here.
const PENDING: &[(&str, &str)] = &[];

/// The recording tenant refused the SDK's test body as a whole
/// ("Request body is invalid."): its licences and settings decide, and the
/// emulator accepts any body the spec allows.
const TENANT_REFUSED: &str = "tenant refused the test body (licence/settings)";
/// A check the real service makes on field values that the spec does not
/// declare, so the emulator cannot know it.
const UNDECLARED_CHECK: &str = "field check the spec does not declare";
/// The endpoint is not enabled on the recording tenant (404 without body).
const NOT_ENABLED: &str = "endpoint not enabled on the recording tenant";

/// A (redacted) user of the recording tenant, whom the answer is about.
const RECORDING_USER: &str = "user of the recording tenant";

/// Data of the Zscaler cloud the recording ran on (its data centres).
const RECORDING_CLOUD: &str = "VIPs of the recording cloud";

/// Interactions whose recorded answer depends on the real tenant or on the
/// moment of recording, as (file, cassette, index or every index, reason).
const EXEMPT: &[(&str, &str, Option<u64>, &str)] = &[
    ("zia.jsonl", "TestATPPolicy.yaml", Some(1), TENANT_REFUSED),
    (
        "zia.jsonl",
        "TestCasbMalwareRules.yaml",
        Some(5),
        TENANT_REFUSED,
    ),
    (
        "zia.jsonl",
        "TestDLPTemplates.yaml",
        Some(1),
        TENANT_REFUSED,
    ),
    (
        "zia.jsonl",
        "TestMobileThreatSettings.yaml",
        Some(1),
        TENANT_REFUSED,
    ),
    (
        "zia.jsonl",
        "TestNatControlPolicy.yaml",
        Some(1),
        TENANT_REFUSED,
    ),
    (
        "zia.jsonl",
        "TestRiskProfiles.yaml",
        Some(2),
        TENANT_REFUSED,
    ),
    (
        "zia.jsonl",
        "TestSSLInspectionRules.yaml",
        Some(1),
        TENANT_REFUSED,
    ),
    (
        "zia.jsonl",
        "TestTrafficDatacenters.yaml",
        Some(3),
        TENANT_REFUSED,
    ),
    (
        "zia.jsonl",
        "TestTrafficExtranet.yaml",
        Some(1),
        TENANT_REFUSED,
    ),
    (
        "zia.jsonl",
        "TestCloudAppInstances.yaml",
        Some(2),
        UNDECLARED_CHECK,
    ),
    (
        "zia.jsonl",
        "TestEndUserNotification.yaml",
        Some(1),
        UNDECLARED_CHECK,
    ),
    (
        "zia.jsonl",
        "TestWorkloadGroups.yaml",
        Some(1),
        UNDECLARED_CHECK,
    ),
    ("zia.jsonl", "TestLocations.yaml", Some(9), UNDECLARED_CHECK),
    ("zia.jsonl", "TestLocations.yaml", Some(8), NOT_ENABLED),
    ("zia.jsonl", "TestCloudNSS.yaml", Some(3), NOT_ENABLED),
    ("zia.jsonl", "TestCloudNSS.yaml", Some(5), NOT_ENABLED),
    // The tunnel names its VIPs by the ids the recording cloud recommended
    // for the tenant's address; the emulator's cloud has other VIPs.
    (
        "zia.jsonl",
        "TestTrafficGRETunnel.yaml",
        Some(3),
        RECORDING_CLOUD,
    ),
    (
        "zia.jsonl",
        "TestTrafficGRETunnel.yaml",
        Some(5),
        RECORDING_CLOUD,
    ),
    (
        "zia.jsonl",
        "TestTrafficGRETunnel.yaml",
        Some(6),
        RECORDING_CLOUD,
    ),
    (
        "zia.jsonl",
        "TestTrafficGRETunnel.yaml",
        Some(7),
        RECORDING_CLOUD,
    ),
    // A DLP engine every ZIA tenant has, read by its fixed id `1`.
    (
        "zia.jsonl",
        "TestDLPEngine.yaml",
        Some(2),
        "tenant's predefined DLP engine",
    ),
    // The recording's API client was not a super admin.
    (
        "zia.jsonl",
        "TestAdminRoles.yaml",
        Some(5),
        "recording admin lacked the rights",
    ),
    // One-identity tenants refuse the legacy password settings.
    (
        "zia.jsonl",
        "TestAdminRoles.yaml",
        Some(6),
        "tenant kind refuses the endpoint",
    ),
    // The sync endpoints answered the gateway's plain `404 Not Found`: not
    // routed for the recording tenant.
    (
        "zcc.jsonl",
        "TestAdminUserExtended.yaml",
        Some(1),
        NOT_ENABLED,
    ),
    (
        "zcc.jsonl",
        "TestAdminUserExtended.yaml",
        Some(2),
        NOT_ENABLED,
    ),
    // `webAppConfig` is the recording cloud's feature-visibility map (a
    // few hundred per-cloud rollout flags), not a setting of the API.
    (
        "zcc.jsonl",
        "TestCompanyInfo.yaml",
        Some(1),
        "feature map of the recording cloud",
    ),
    // Removing devices by user and version refused with a redacted
    // message where the plain removal of the same devices answered 200.
    (
        "zcc.jsonl",
        "TestDeviceRemoval.yaml",
        Some(1),
        UNDECLARED_CHECK,
    ),
    // Predefined application 3 is from the service's catalogue, which a
    // fresh emulator tenant does not hold.
    (
        "zcc.jsonl",
        "TestPredefinedIPBasedApps.yaml",
        Some(2),
        "tenant's predefined IP-based app",
    ),
    // The OTPs of a device the recording tenant had (its udid came from
    // the tenant's device list, which a fresh emulator has empty).
    (
        "zcc.jsonl",
        "TestSecrets.yaml",
        Some(1),
        "device of the recording tenant",
    ),
    // The passwords of a (redacted) user of the recording tenant.
    ("zcc.jsonl", "TestSecrets.yaml", Some(2), RECORDING_USER),
    ("zcc.jsonl", "TestSecrets.yaml", Some(3), RECORDING_USER),
    ("zcc.jsonl", "TestSecrets.yaml", Some(4), RECORDING_USER),
    ("zcc.jsonl", "TestSecrets.yaml", Some(5), RECORDING_USER),
    ("zcc.jsonl", "TestSecrets.yaml", Some(6), RECORDING_USER),
    // The report was never requested (the SDK's POST went to a mistyped
    // path), so the real tenant had none; the emulator's singleton
    // answers its empty value instead of 404 / 406.
    (
        "zia.jsonl",
        "TestAuditLogs.yaml",
        None,
        "report state of the recording tenant",
    ),
];

/// Recorded statuses that describe the moment, not the API: rate limiting,
/// an expired token, another admin holding ZIA's edit lock, a server fault.
/// The SDK retried after each, so the interaction is not sent at all.
fn environmental(rec: &Value) -> bool {
    let body = &rec["response_body"];
    match rec["status"].as_u64() {
        Some(429) | Some(401) => true,
        Some(409) => body["code"] == "EDIT_LOCK_NOT_AVAILABLE",
        Some(500) => body["code"] == "UNEXPECTED_ERROR",
        _ => false,
    }
}

/// The folder of recorded traffic.
fn recorded_dir() -> PathBuf {
    let shared = std::env::var_os("ZSCALER_SHARED_DIR")
        .map(PathBuf::from)
        .unwrap_or_else(|| PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../../shared"));
    shared.join("recorded")
}

/// The cassettes of one file, each in recording order.
fn cassettes(file: &str) -> BTreeMap<String, Vec<Value>> {
    let path = recorded_dir().join(file);
    let text = std::fs::read_to_string(&path)
        .unwrap_or_else(|e| panic!("reading {} (set ZSCALER_SHARED_DIR): {e}", path.display()));
    let mut out: BTreeMap<String, Vec<Value>> = BTreeMap::new();
    for line in text.lines().filter(|l| !l.trim().is_empty()) {
        let v: Value = serde_json::from_str(line).expect("recorded lines are JSON");
        let name = v["cassette"].as_str().unwrap_or_default().to_string();
        out.entry(name).or_default().push(v);
    }
    for lines in out.values_mut() {
        lines.sort_by_key(|v| v["index"].as_u64());
    }
    out
}

fn exemption(file: &str, cassette: &str, index: u64) -> Option<&'static str> {
    EXEMPT
        .iter()
        .find(|(f, c, i, _)| *f == file && *c == cassette && i.is_none_or(|i| i == index))
        .map(|(.., reason)| *reason)
}

/// The request of one recorded interaction, ids substituted.
fn request(emu: &Emu, ids: &IdMap, rec: &Value) -> reqwest::RequestBuilder {
    let method = Method::from_bytes(rec["method"].as_str().unwrap_or("GET").as_bytes()).unwrap();
    let path = ids.path(rec["url_path"].as_str().unwrap_or("/"));
    let mut url = Url::parse(&emu.url(&path)).unwrap();
    if let Some(q) = rec["query"].as_object().filter(|q| !q.is_empty()) {
        let mut pairs = url.query_pairs_mut();
        for (k, vals) in q {
            for v in vals.as_array().into_iter().flatten() {
                pairs.append_pair(k, &ids.word(v.as_str().unwrap_or_default()));
            }
        }
    }
    let mut rb = emu
        .http
        .request(method.clone(), url)
        .bearer_auth(&emu.token);
    let body = &rec["request_body"];
    let carries = match method {
        Method::GET | Method::HEAD => false,
        Method::DELETE => !body.is_null() && body != &serde_json::json!({}),
        _ => !body.is_null(),
    };
    if carries {
        rb = match body {
            Value::String(raw) => {
                let ct = rec["request_headers"]["content-type"]
                    .as_str()
                    .unwrap_or("application/json");
                rb.header("content-type", ct).body(raw.clone())
            }
            json => rb.json(&ids.body(json)),
        };
    }
    rb
}

/// What differs between the recorded answer and the emulator's.
fn compare(rec: &Value, status: u16, text: &str) -> Vec<String> {
    let want = rec["status"].as_u64().unwrap_or(0) as u16;
    let same = if (200..300).contains(&want) {
        (200..300).contains(&status)
    } else {
        status == want
    };
    if !same {
        return vec![format!(
            "status {status} where {want} was recorded: {text:.200}"
        )];
    }
    if !(200..300).contains(&want) {
        return Vec::new();
    }
    match &rec["response_body"] {
        Value::Null => Vec::new(),
        Value::String(_) => match serde_json::from_str::<Value>(text) {
            Ok(Value::String(_)) | Err(_) if !text.trim().is_empty() => Vec::new(),
            _ => vec![format!("text was recorded, got {text:.200}")],
        },
        body => match serde_json::from_str::<Value>(text) {
            Ok(got) => shape::diff(body, &got),
            Err(_) => vec![format!("JSON was recorded, got {text:.200}")],
        },
    }
}

/// Replays every cassette of `file`; panics listing the failures.
async fn replay(file: &str) {
    let (mut failed, mut waiting) = (Vec::new(), 0);
    let all = cassettes(file);
    assert!(!all.is_empty(), "{file} holds no cassettes");
    for (cassette, lines) in &all {
        let emu = start().await;
        let mut ids = IdMap::default();
        let (mut sent, mut problems, mut exempted, mut tenant) = (0, Vec::new(), 0, 0);
        for rec in lines {
            let index = rec["index"].as_u64().unwrap_or(0);
            if rec["url_path"] == "/oauth2/v1/token" || environmental(rec) {
                continue;
            }
            let recorded_path = rec["url_path"].as_str().unwrap_or_default();
            let tenant_object = ids
                .unknown_id(recorded_path, CUST)
                .map(String::from)
                .or_else(|| ids.unknown_body_id(&rec["request_body"]));
            let resp = send(request(&emu, &ids, rec)).await;
            sent += 1;
            let status = resp.status.as_u16();
            if let Ok(got) = serde_json::from_str::<Value>(&resp.text) {
                ids.learn(recorded_path, &rec["response_body"], &got);
            }
            let diffs = compare(rec, status, &resp.text);
            if diffs.is_empty() {
                continue;
            }
            if exemption(file, cassette, index).is_some() {
                exempted += 1;
                continue;
            }
            // The recording read or changed an object the real tenant already
            // had (its id came from the tenant's data, never from this
            // cassette): a fresh emulator has no such object.
            if let Some(id) = tenant_object {
                println!("  #{index}: tenant object {id}, not compared");
                tenant += 1;
                continue;
            }
            let what = format!("{} {}", rec["method"], rec["url_path"]).replace('"', "");
            problems.push(format!("  #{index} {what}\n    {}", diffs.join("\n    ")));
        }
        let pending = PENDING.contains(&(file, cassette.as_str()));
        let verdict = match (problems.is_empty(), pending) {
            (true, false) => "PASS",
            (true, true) => "FIXED",
            (false, true) => "PENDING",
            (false, false) => "FAIL",
        };
        println!(
            "{verdict} {file} {cassette}: {sent} sent, {exempted} exempted, {tenant} on tenant objects"
        );
        if !problems.is_empty() {
            println!("{}", problems.join("\n"));
        }
        if problems.is_empty() == pending {
            failed.push(format!("{verdict} {cassette}"));
        } else if pending {
            waiting += 1;
        }
    }
    let passing = all.len() - waiting - failed.len();
    println!(
        "{file}: {passing}/{} cassettes pass, {waiting} pending",
        all.len()
    );
    assert!(
        failed.is_empty(),
        "{file}: FAIL = a difference to fix or exempt; FIXED = delete from PENDING: {failed:?}"
    );
}

#[tokio::test]
async fn zpa_cassettes_replay() {
    replay("zpa.jsonl").await;
}

#[tokio::test]
async fn zia_cassettes_replay() {
    replay("zia.jsonl").await;
}

#[tokio::test]
async fn zidentity_cassettes_replay() {
    replay("zid.jsonl").await;
}

#[tokio::test]
async fn zcc_cassettes_replay() {
    replay("zcc.jsonl").await;
}

#[tokio::test]
async fn ztw_cassettes_replay() {
    replay("ztw.jsonl").await;
}

#[test]
fn every_pending_cassette_is_recorded() {
    for (file, cassette) in PENDING {
        assert!(
            cassettes(file).contains_key(*cassette),
            "{file}: no {cassette}"
        );
    }
}

#[test]
fn every_exemption_names_a_recorded_interaction() {
    for (file, cassette, index, reason) in EXEMPT {
        assert!(
            !reason.trim().is_empty(),
            "{cassette}: exemption without a reason"
        );
        let all = cassettes(file);
        let lines = all
            .get(*cassette)
            .unwrap_or_else(|| panic!("{file}: no {cassette}"));
        if let Some(i) = index {
            assert!(lines.iter().any(|l| l["index"] == *i), "{cassette} #{i}");
        }
    }
}
