//! Cross-cutting HTTP behaviour: request ids, 404/405/413, control routes
//! (CORS: `cors.rs`).

mod common;

use common::{send, start, zpa};
use reqwest::Method;
use serde_json::json;

#[tokio::test]
async fn every_response_has_a_unique_request_id() {
    let emu = start().await;
    let a = emu.get("/zia/api/v1/status").await;
    let b = emu.get("/zia/api/v1/status").await;
    let c = send(emu.http.get(emu.url("/missing"))).await;
    let ids: Vec<String> = [&a, &b, &c]
        .iter()
        .map(|r| r.header("x-request-id").unwrap())
        .collect();
    assert!(ids.iter().all(|i| !i.is_empty()));
    assert_ne!(ids[0], ids[1]);
    assert_ne!(ids[1], ids[2]);
    assert_ne!(ids[0], ids[2]);
}

#[tokio::test]
async fn unknown_paths_and_methods() {
    let emu = start().await;
    let r = send(emu.http.get(emu.url("/definitely/not/here"))).await;
    assert_eq!(r.status, 404);
    assert_eq!(r.json()["error"], "not_found");
    // Unknown paths under a product use that product's error shape, even
    // without a token.
    let r = send(emu.http.get(emu.url("/zpa/mgmtconfig/v1/nothing"))).await;
    assert_eq!(r.status, 404);
    assert_eq!(r.json()["id"], "resource.not.found");
    let r = emu.get("/zia/api/v1/nothing").await;
    assert_eq!(r.status, 404);
    assert_eq!(r.json()["code"], "RESOURCE_NOT_FOUND");
    let r = send(emu.req(Method::PATCH, "/zia/api/v1/status")).await;
    assert_eq!(r.status, 405);
}

#[tokio::test]
async fn oversized_body_is_413() {
    let emu = start().await;
    let big = format!("{{\"name\": \"{}\"}}", "a".repeat(5 * 1024 * 1024 + 10));
    let r = emu
        .send_raw(Method::POST, &zpa("/segmentGroup"), &big)
        .await;
    assert_eq!(r.status, 413);
    assert!(r.json()["id"].as_str().is_some());
    assert_eq!(
        emu.get(&zpa("/segmentGroup")).await.json()["totalCount"],
        "6"
    );
    // Just under the limit is accepted.
    let ok = format!("{{\"name\": \"{}\"}}", "b".repeat(4 * 1024 * 1024));
    assert_eq!(
        emu.send_raw(Method::POST, &zpa("/segmentGroup"), &ok)
            .await
            .status,
        201
    );
}

#[tokio::test]
async fn reset_restores_the_seed_and_keeps_tokens() {
    let emu = start().await;
    let first = emu.get(&zpa("/application?pagesize=1")).await.json()["list"][0]["id"]
        .as_str()
        .unwrap()
        .to_string();
    assert_eq!(
        emu.delete(&zpa(&format!("/application/{first}")))
            .await
            .status,
        204
    );
    assert_eq!(
        emu.post(
            "/zia/api/v1/users",
            &json!({"name": "Temp", "email": "t@corp.example.com"})
        )
        .await
        .status,
        200
    );
    assert_eq!(
        emu.get(&zpa("/application")).await.json()["totalCount"],
        "44"
    );

    let r = emu.control("/_emulator/reset").await;
    assert_eq!(r.status, 200);
    // Same token still works; data is back.
    assert_eq!(
        emu.get(&zpa("/application")).await.json()["totalCount"],
        "45"
    );
    assert_eq!(
        emu.get(&zpa(&format!("/application/{first}"))).await.status,
        200
    );
    assert_eq!(
        emu.get("/zia/api/v1/users")
            .await
            .json()
            .as_array()
            .unwrap()
            .len(),
        30
    );
    assert_eq!(
        emu.get("/zia/api/v1/status").await.json()["status"],
        "ACTIVE"
    );

    // An explicit empty seed.
    assert_eq!(emu.control("/_emulator/reset?seed=empty").await.status, 200);
    let v = emu.get(&zpa("/application")).await.json();
    assert_eq!(v["totalCount"], "0");
    assert!(v.get("list").is_none());
    assert_eq!(emu.get("/zia/api/v1/users").await.json(), json!([]));
    assert_eq!(emu.control("/_emulator/reset?seed=bogus").await.status, 400);
}

#[tokio::test]
async fn health_needs_no_token() {
    let emu = start().await;
    let r = send(emu.http.get(emu.url("/_emulator/health"))).await;
    assert_eq!(r.status, 200);
    assert_eq!(r.json()["status"], "ok");
}

#[tokio::test]
async fn unread_request_bodies_keep_the_connection_usable() {
    use tokio::io::{AsyncReadExt, AsyncWriteExt};
    let emu = start().await;
    let addr = emu.base.trim_start_matches("http://").to_string();
    let mut sock = tokio::net::TcpStream::connect(&addr).await.unwrap();
    // A GET carrying `{}` (as the Python SDK sends), twice on one
    // connection; the body follows the head in a separate write, as
    // Python's http.client does.
    let head = format!(
        "GET {} HTTP/1.1\r\nHost: {addr}\r\nAuthorization: Bearer {}\r\n\
         Content-Type: application/json\r\nContent-Length: 2\r\n\r\n",
        zpa("/segmentGroup"),
        emu.token
    );
    for round in 0..2 {
        sock.write_all(head.as_bytes()).await.unwrap();
        tokio::time::sleep(std::time::Duration::from_millis(50)).await;
        sock.write_all(b"{}").await.unwrap();
        let mut buf = Vec::new();
        let mut chunk = [0u8; 8192];
        let body_start = loop {
            let n = sock.read(&mut chunk).await.unwrap();
            assert!(n > 0, "connection closed in round {round}");
            buf.extend_from_slice(&chunk[..n]);
            if let Some(i) = buf.windows(4).position(|w| w == b"\r\n\r\n") {
                break i + 4;
            }
        };
        let head = String::from_utf8_lossy(&buf[..body_start]).to_ascii_lowercase();
        assert!(head.starts_with("http/1.1 200"), "{head}");
        assert!(!head.contains("connection: close"), "{head}");
        let len: usize = head
            .lines()
            .find_map(|l| l.strip_prefix("content-length: "))
            .unwrap()
            .trim()
            .parse()
            .unwrap();
        while buf.len() < body_start + len {
            let n = sock.read(&mut chunk).await.unwrap();
            assert!(n > 0);
            buf.extend_from_slice(&chunk[..n]);
        }
    }
}
