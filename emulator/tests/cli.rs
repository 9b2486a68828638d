//! The binary: first stdout line announces the bound address, and the
//! server answers there.

use std::io::{BufRead, BufReader};
use std::process::{Command, Stdio};

#[tokio::test]
async fn binary_prints_address_first_and_serves() {
    let mut child = Command::new(env!("CARGO_BIN_EXE_zscaler-emulator"))
        .args([
            "--listen",
            "127.0.0.1:0",
            "--seed",
            "empty",
            "--client-id",
            "cli-id",
        ])
        .stdout(Stdio::piped())
        .stderr(Stdio::null())
        .spawn()
        .unwrap();
    let stdout = child.stdout.take().unwrap();
    let mut line = String::new();
    BufReader::new(stdout).read_line(&mut line).unwrap();
    let base = line
        .trim_end()
        .strip_prefix("listening on ")
        .unwrap_or_else(|| panic!("unexpected first line: {line:?}"))
        .to_string();
    assert!(base.starts_with("http://127.0.0.1:"), "{base}");
    assert!(!base.ends_with(":0"), "must print the real port: {base}");

    let http = reqwest::Client::builder().no_proxy().build().unwrap();
    let token = http
        .post(format!("{base}/oauth2/v1/token"))
        .header("content-type", "application/x-www-form-urlencoded")
        .body("grant_type=client_credentials&client_id=cli-id&client_secret=emulator-secret")
        .send()
        .await
        .unwrap();
    let status = token.status();
    let _ = child.kill();
    let _ = child.wait();
    assert_eq!(status, 200, "flags must reach the server");
}

#[test]
fn help_prints_usage() {
    let out = Command::new(env!("CARGO_BIN_EXE_zscaler-emulator"))
        .arg("--help")
        .output()
        .unwrap();
    assert!(out.status.success());
    let text = String::from_utf8(out.stdout).unwrap();
    assert!(
        text.contains("--listen") && text.contains("--seed") && text.contains("--cors ORIGIN"),
        "{text}"
    );
    let bad = Command::new(env!("CARGO_BIN_EXE_zscaler-emulator"))
        .arg("--nope")
        .output()
        .unwrap();
    assert!(!bad.status.success());
    let bad_origin = Command::new(env!("CARGO_BIN_EXE_zscaler-emulator"))
        .args(["--cors", "app.example"])
        .output()
        .unwrap();
    assert!(!bad_origin.status.success());
    let err = String::from_utf8(bad_origin.stderr).unwrap();
    assert!(
        err.contains("--cors") && err.contains("app.example"),
        "{err}"
    );
}
