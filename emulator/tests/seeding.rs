//! `--seed-file` and `--bulk`, through the library and the binary.

mod common;

use std::collections::HashSet;
use std::io::{BufRead, BufReader};
use std::process::{Command, Stdio};
use std::sync::Arc;

use common::{start_with, zpa};
use serde_json::{json, Value};
use zscaler_emulator::config::Bulk;
use zscaler_emulator::{Config, Seed};

#[tokio::test]
async fn seed_file_on_an_empty_tenant_survives_reset() {
    let doc = json!({
        "zpa": {"applications": [{"name": "From file", "domainNames": ["f.example.com"]}]},
        "zia": {
            "users": [{"id": 9001, "name": "Seeded", "email": "s@corp.example.com"}],
            "/api/v1/advancedSettings": {"enableOffice365": false}
        },
        "zidentity": {"groups": [{"name": "Seeded group"}]}
    });
    let emu = start_with(Config {
        seed: Seed::Empty,
        seed_file: Some(Arc::new(doc)),
        ..Config::default()
    })
    .await;
    let check = || async {
        let apps = emu.get(&zpa("/application")).await.json();
        assert_eq!(apps["totalCount"], "1");
        assert_eq!(apps["list"][0]["name"], "From file");
        assert!(apps["list"][0]["id"].is_string(), "ids assigned ZPA-style");
        let users = emu.get("/zia/api/v1/users").await.json();
        assert_eq!(users[0]["id"], 9001);
        assert_eq!(
            emu.get("/zia/api/v1/advancedSettings").await.json(),
            json!({"enableOffice365": false})
        );
        let groups = emu.get("/ziam/admin/api/v1/groups").await.json();
        assert_eq!(groups["records"][0]["name"], "Seeded group");
    };
    check().await;
    // New ids never collide with seeded ones.
    let r = emu
        .post(
            "/zia/api/v1/users",
            &json!({"name": "New", "email": "n@corp.example.com"}),
        )
        .await;
    assert!(r.json()["id"].as_i64().unwrap() > 9001);
    emu.control("/_emulator/reset").await;
    check().await;
}

#[tokio::test]
async fn bulk_records_paginate_exactly_once() {
    let emu = start_with(Config {
        bulk: vec![
            Bulk {
                target: "zpa.applications".into(),
                count: 10_000,
            },
            Bulk {
                target: "zia.users".into(),
                count: 2_500,
            },
        ],
        ..Config::default()
    })
    .await;
    let mut seen = HashSet::new();
    for page in 1..=21 {
        let v = emu
            .get(&zpa(&format!("/application?page={page}&pagesize=500")))
            .await
            .json();
        assert_eq!(v["totalCount"], "10045");
        assert_eq!(v["totalPages"], "21");
        for a in v["list"].as_array().unwrap() {
            assert!(seen.insert(a["id"].as_str().unwrap().to_string()));
        }
    }
    assert_eq!(seen.len(), 10_045);
    let mut users = 0;
    for page in 1.. {
        let v: Value = emu
            .get(&format!("/zia/api/v1/users?page={page}&pageSize=1000"))
            .await
            .json();
        let n = v.as_array().unwrap().len();
        users += n;
        if n < 1000 {
            break;
        }
    }
    assert_eq!(users, 2_530);
}

#[tokio::test]
async fn binary_takes_seed_file_bulk_and_rejects_bad_ones() {
    let dir = std::env::temp_dir().join(format!("zscaler-emu-seed-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let good = dir.join("good.json");
    std::fs::write(&good, r#"{"zia": {"groups": [{"name": "G"}]}}"#).unwrap();
    let bad = dir.join("bad.json");
    std::fs::write(&bad, r#"{"zia": {"noSuchCollection": []}}"#).unwrap();
    let bin = env!("CARGO_BIN_EXE_zscaler-emulator");

    let out = Command::new(bin)
        .args(["--seed-file", bad.to_str().unwrap()])
        .output()
        .unwrap();
    assert!(!out.status.success());
    assert!(String::from_utf8_lossy(&out.stderr).contains("noSuchCollection"));
    let out = Command::new(bin)
        .args(["--bulk", "zpa.nothing=5"])
        .output()
        .unwrap();
    assert!(!out.status.success());

    let mut child = Command::new(bin)
        .args([
            "--listen",
            "127.0.0.1:0",
            "--seed",
            "empty",
            "--seed-file",
            good.to_str().unwrap(),
            "--bulk",
            "zpa.applications=10000",
        ])
        .stdout(Stdio::piped())
        .stderr(Stdio::null())
        .spawn()
        .unwrap();
    let mut line = String::new();
    BufReader::new(child.stdout.take().unwrap())
        .read_line(&mut line)
        .unwrap();
    let base = line
        .trim_end()
        .trim_start_matches("listening on ")
        .to_string();
    let http = common::client();
    let token = common::fetch_token(&http, &base, "emulator-client", "emulator-secret").await;
    let get = |path: String| {
        let rb = http.get(format!("{base}{path}")).bearer_auth(&token);
        async move { common::send(rb).await.json() }
    };
    let groups = get("/zia/api/v1/groups".into()).await;
    let apps = get(zpa("/application")).await;
    let _ = child.kill();
    let _ = child.wait();
    let _ = std::fs::remove_dir_all(&dir);
    assert_eq!(groups[0]["name"], "G");
    assert_eq!(apps["totalCount"], "10000");
}
