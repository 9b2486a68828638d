//! Downloads: an operation whose spec declares non-JSON content answers
//! with the file as it came (bytes byte for byte, text as text), asks for
//! any content type, and still goes through the error path on failure.
#![cfg(not(target_arch = "wasm32"))]

use std::sync::{Arc, Mutex};
use zscaler_wasm::http::{HttpRequest, HttpResponse};
use zscaler_wasm::{zia, Client, ClientOptions, Error, Hooks, Secret};

/// A zip header followed by bytes that are not UTF-8.
const ARCHIVE: &[u8] = b"PK\x03\x04\xff\xfe\x00\x80binary\xc3";

fn client(status: u16, body: Vec<u8>, seen: Arc<Mutex<Vec<HttpRequest>>>) -> Client {
    let options = ClientOptions {
        client_id: Some("files".into()),
        client_secret: Some(Secret::new("files-secret")),
        base_url: Some("http://api.test".into()),
        token_url: Some("http://login.test/oauth2/v1/token".into()),
        pacing: Some(false),
        max_attempts: Some(1),
        ..Default::default()
    };
    let hooks = Hooks {
        sleep: Arc::new(|_| Box::pin(async {})),
        transport: Some(Arc::new(move |req: HttpRequest, _timeout| {
            let resp = if req.url.ends_with("/oauth2/v1/token") {
                HttpResponse::from_bytes(
                    200,
                    vec![],
                    br#"{"access_token":"t","token_type":"Bearer","expires_in":3600}"#.to_vec(),
                )
            } else {
                seen.lock().unwrap().push(req);
                HttpResponse::from_bytes(status, vec![], body.clone())
            };
            Box::pin(async move { Ok(resp) })
        })),
        ..Hooks::default()
    };
    Client::with_hooks(options, hooks).unwrap()
}

fn accept(req: &HttpRequest) -> &str {
    req.headers
        .iter()
        .find(|(k, _)| k == "accept")
        .map(|(_, v)| v.as_str())
        .unwrap_or("")
}

#[tokio::test]
async fn a_binary_download_arrives_byte_for_byte() {
    let seen = Arc::new(Mutex::new(Vec::new()));
    let c = client(200, ARCHIVE.to_vec(), seen.clone());
    let got = c
        .zia()
        .download_audit_report(&zia::DownloadAuditReportParams {})
        .await
        .unwrap();
    assert_eq!(got, ARCHIVE);
    let seen = seen.lock().unwrap();
    assert!(
        seen[0].url.ends_with("/zia/api/v1/auditReport/download"),
        "{}",
        seen[0].url
    );
    assert_eq!(accept(&seen[0]), "*/*");
}

#[tokio::test]
async fn a_json_call_still_asks_for_json() {
    let seen = Arc::new(Mutex::new(Vec::new()));
    let c = client(200, b"[]".to_vec(), seen.clone());
    let users = c.zia().list_users(&Default::default()).await.unwrap();
    assert!(users.is_empty());
    assert_eq!(accept(&seen.lock().unwrap()[0]), "application/json");
}

#[tokio::test]
async fn a_failed_download_is_a_typed_error_not_a_file() {
    let seen = Arc::new(Mutex::new(Vec::new()));
    let body = br#"{"code":"RESOURCE_NOT_FOUND","message":"no report"}"#.to_vec();
    let c = client(404, body, seen);
    let err = c
        .zia()
        .download_audit_report(&zia::DownloadAuditReportParams {})
        .await
        .unwrap_err();
    assert!(matches!(err, Error::Api { status: 404, .. }), "{err:?}");
}

#[test]
fn from_bytes_keeps_text_without_a_copy_and_binary_as_it_came() {
    let text = HttpResponse::from_bytes(200, vec![], b"a,b\n1,2\n".to_vec());
    assert_eq!(text.body, "a,b\n1,2\n");
    assert!(text.bytes.is_none());
    let bin = HttpResponse::from_bytes(200, vec![], ARCHIVE.to_vec());
    assert!(bin.body.contains('\u{fffd}'));
    assert_eq!(bin.into_bytes(), ARCHIVE);
}
