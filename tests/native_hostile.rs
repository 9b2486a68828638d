//! Answers no real API sends, from a raw TCP server that writes whatever a
//! test asks for: each must be a typed error, and the client must work
//! normally on the next call.
#![cfg(not(target_arch = "wasm32"))]

use tokio::io::{AsyncReadExt, AsyncWriteExt};
use tokio::net::TcpListener;
use zscaler_wasm::{zpa, Client, ClientOptions, Secret};

const BIG: usize = 40 * 1024 * 1024;

/// The raw answer for a request whose query names `mode`.
fn answer(request: &str) -> Vec<u8> {
    let mode = request
        .split_whitespace()
        .nth(1)
        .and_then(|target| target.split("search=").nth(1))
        .unwrap_or("ok")
        .split('&')
        .next()
        .unwrap_or("ok")
        .to_string();
    let head = |status: &str, ctype: &str, len: usize| {
        format!("HTTP/1.1 {status}\r\ncontent-type: {ctype}\r\ncontent-length: {len}\r\nconnection: close\r\n\r\n")
    };
    if request.starts_with("POST /token") {
        // A token endpoint that quotes the posted form back in its error.
        let form = request.split("\r\n\r\n").nth(1).unwrap_or("");
        let body =
            serde_json::json!({"error": "invalid_client", "error_description": form}).to_string();
        let mut out = head("401 Unauthorized", "application/json", body.len()).into_bytes();
        out.extend_from_slice(body.as_bytes());
        return out;
    }
    match mode.as_str() {
        "echo" => {
            // A proxy that quotes the request, bearer token included.
            let auth = request
                .lines()
                .find(|l| l.to_ascii_lowercase().starts_with("authorization:"))
                .unwrap_or("");
            let body =
                serde_json::json!({"code": "BAD", "message": "bad", "seen": auth}).to_string();
            let mut out = head("400 Bad Request", "application/json", body.len()).into_bytes();
            out.extend_from_slice(body.as_bytes());
            out
        }
        "declared" => {
            // Claims a huge body and sends none of it: the length alone must do.
            head("200 OK", "application/json", BIG).into_bytes()
        }
        "chunked" => {
            let mut out = b"HTTP/1.1 200 OK\r\ncontent-type: application/json\r\ntransfer-encoding: chunked\r\nconnection: close\r\n\r\n".to_vec();
            let chunk = vec![b' '; 1024 * 1024];
            for _ in 0..(BIG / chunk.len()) {
                out.extend_from_slice(format!("{:x}\r\n", chunk.len()).as_bytes());
                out.extend_from_slice(&chunk);
                out.extend_from_slice(b"\r\n");
            }
            out.extend_from_slice(b"0\r\n\r\n");
            out
        }
        "html" => {
            let body =
                "<html><body><h1>502 Bad Gateway</h1><script>alert(1)</script></body></html>";
            let mut out = head("502 Bad Gateway", "text/html", body.len()).into_bytes();
            out.extend_from_slice(body.as_bytes());
            out
        }
        "html200" => {
            let body = "<!DOCTYPE html><html><title>Sign in</title></html>";
            let mut out = head("200 OK", "text/html", body.len()).into_bytes();
            out.extend_from_slice(body.as_bytes());
            out
        }
        "types" => {
            let body = r#"{"totalPages":"1","list":[{"id":{"nested":true},"name":7}]}"#;
            let mut out = head("200 OK", "application/json", body.len()).into_bytes();
            out.extend_from_slice(body.as_bytes());
            out
        }
        _ => {
            let body = r#"{"totalPages":"1","totalCount":"1","list":[{"id":"1","name":"fine"}]}"#;
            let mut out = head("200 OK", "application/json", body.len()).into_bytes();
            out.extend_from_slice(body.as_bytes());
            out
        }
    }
}

/// A server that answers each connection once, per [`answer`].
async fn serve() -> String {
    let listener = TcpListener::bind("127.0.0.1:0").await.unwrap();
    let addr = listener.local_addr().unwrap();
    tokio::spawn(async move {
        loop {
            let Ok((mut sock, _)) = listener.accept().await else {
                return;
            };
            tokio::spawn(async move {
                let mut buf = vec![0u8; 16 * 1024];
                let n = sock.read(&mut buf).await.unwrap_or(0);
                let request = String::from_utf8_lossy(&buf[..n]).to_string();
                let _ = sock.write_all(&answer(&request)).await;
                let _ = sock.shutdown().await;
            });
        }
    });
    format!("http://{addr}")
}

async fn client() -> Client {
    let emulator = zscaler_emulator::spawn(zscaler_emulator::Config::default())
        .await
        .unwrap();
    Client::new(ClientOptions {
        client_id: Some("emulator-client".into()),
        client_secret: Some(Secret::new("emulator-secret")),
        token_url: Some(format!("http://{emulator}/oauth2/v1/token")),
        base_url: Some(serve().await),
        customer_id: Some("216196257331281920".into()),
        pacing: Some(false),
        max_attempts: Some(1),
        ..Default::default()
    })
    .unwrap()
}

async fn list(
    client: &Client,
    mode: &str,
) -> Result<zpa::types::ApplicationSegmentPage, zscaler_wasm::Error> {
    client
        .zpa()
        .list_application_segments(&zpa::ListApplicationSegmentsParams {
            search: Some(mode.into()),
            ..Default::default()
        })
        .await
}

#[tokio::test]
async fn hostile_answers_are_typed_errors_and_the_client_carries_on() {
    let client = client().await;
    for (mode, code) in [
        ("declared", "DECODE"),
        ("chunked", "DECODE"),
        ("html200", "DECODE"),
        ("types", "DECODE"),
        ("html", "HTTP_502"),
    ] {
        let err = list(&client, mode).await.unwrap_err();
        assert_eq!(err.code(), code, "{mode}: {err}");
        let text = err.to_string();
        assert!(text.len() < 600, "{mode}: the message stays short");
        assert!(
            !text.contains("<script>"),
            "{mode}: no raw markup in {text}"
        );
        let fine = list(&client, "ok").await.expect("the next call works");
        assert_eq!(fine.list.unwrap()[0].name.as_deref(), Some("fine"));
    }
}

#[tokio::test]
async fn a_token_endpoint_that_echoes_the_form_cannot_leak_the_secret() {
    let server = serve().await;
    let secret = "canary-S3cr3t/+&=value";
    let client = Client::new(ClientOptions {
        client_id: Some("emulator-client".into()),
        client_secret: Some(Secret::new(secret)),
        token_url: Some(format!("{server}/token")),
        base_url: Some(server.clone()),
        customer_id: Some("216196257331281920".into()),
        pacing: Some(false),
        ..Default::default()
    })
    .unwrap();
    let err = list(&client, "ok").await.unwrap_err();
    assert_eq!(err.code(), "AUTH_FAILED");
    let shown = format!("{err} {err:?}");
    assert!(
        shown.contains("<redacted>"),
        "the echo was seen and scrubbed: {shown}"
    );
    assert!(!shown.contains("S3cr3t"), "{shown}");
}

#[tokio::test]
async fn errors_name_their_request_and_keep_a_safe_excerpt_of_the_answer() {
    use std::error::Error as _;
    let client = client().await;
    let err = list(&client, "echo").await.unwrap_err();
    assert_eq!(err.code(), "INVALID");
    assert_eq!(err.method(), Some("GET"));
    assert_eq!(err.operation(), Some("listApplicationSegments"));
    let url = err.url().unwrap();
    assert!(
        url.starts_with("http://127.0.0.1:")
            && url.contains("/application?")
            && url.contains("search=echo"),
        "{url}"
    );
    let body = err.body().unwrap();
    assert!(body.contains("\"code\":\"BAD\""), "{body}");
    assert!(
        body.contains("<redacted>") && !body.contains("eyJ"),
        "the echoed token is blanked: {body}"
    );
    assert!(err.source().is_none(), "an answer has no lower-level cause");

    let err = list(&client, "html200").await.unwrap_err();
    assert_eq!(err.code(), "DECODE");
    assert_eq!(err.body(), Some("an HTML page titled \"Sign in\""));
    let parser = err.source().expect("the JSON parser's error is the source");
    assert!(!parser.to_string().is_empty());
    assert_eq!(err.operation(), Some("listApplicationSegments"));
}

#[tokio::test]
async fn a_lost_connection_keeps_the_transport_error_as_its_source() {
    use std::error::Error as _;
    // A port nothing listens on: bind one, then free it.
    let closed = {
        let l = std::net::TcpListener::bind("127.0.0.1:0").unwrap();
        format!("http://{}", l.local_addr().unwrap())
    };
    let emulator = zscaler_emulator::spawn(zscaler_emulator::Config::default())
        .await
        .unwrap();
    let options = |token_url: String, base_url: String| ClientOptions {
        client_id: Some("emulator-client".into()),
        client_secret: Some(Secret::new("emulator-secret")),
        token_url: Some(token_url),
        base_url: Some(base_url),
        customer_id: Some("216196257331281920".into()),
        pacing: Some(false),
        max_attempts: Some(1),
        ..Default::default()
    };
    let api_down = Client::new(options(
        format!("http://{emulator}/oauth2/v1/token"),
        closed.clone(),
    ))
    .unwrap();
    let err = list(&api_down, "ok").await.unwrap_err();
    assert_eq!(err.code(), "TRANSPORT");
    assert!(err.url().unwrap().starts_with(&closed), "{err:?}");
    assert_eq!(err.operation(), Some("listApplicationSegments"));
    assert!(err.source().is_some(), "reqwest's error is kept: {err:?}");
    assert!(err.body().is_none());

    let token_down = Client::new(options(
        format!("{closed}/oauth2/v1/token"),
        format!("http://{emulator}"),
    ))
    .unwrap();
    let err = list(&token_down, "ok").await.unwrap_err();
    assert_eq!(err.code(), "TRANSPORT");
    assert_eq!(
        err.operation(),
        Some("mintToken"),
        "the token call is named, not the API call"
    );
    assert_eq!(err.method(), Some("POST"));
    assert_eq!(
        err.url(),
        Some(format!("{closed}/oauth2/v1/token").as_str())
    );
    assert!(err.source().is_some());
}
