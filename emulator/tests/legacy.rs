//! Legacy (pre-OneAPI) authentication and un-prefixed paths.

mod common;

use common::{send, start, CUST};
use serde_json::{json, Value};
use zscaler_emulator::legacy::zia::obfuscate;

#[tokio::test]
async fn zpa_signin_token_works_without_the_prefix() {
    let emu = start().await;
    let r = send(
        emu.http
            .post(emu.url("/signin"))
            .header("content-type", "application/x-www-form-urlencoded")
            .body("client_id=emulator-client&client_secret=emulator-secret"),
    )
    .await;
    assert_eq!(r.status, 200, "{}", r.text);
    let v = r.json();
    assert_eq!(v["token_type"], "Bearer");
    assert_eq!(v["expires_in"], json!("3600"), "legacy ZPA sends a string");
    let token = v["access_token"].as_str().unwrap().to_string();

    let legacy = format!("/mgmtconfig/v1/admin/customers/{CUST}/segmentGroup");
    let a = send(emu.http.get(emu.url(&legacy)).bearer_auth(&token)).await;
    let b = send(
        emu.http
            .get(emu.url(&format!("/zpa{legacy}")))
            .bearer_auth(&token),
    )
    .await;
    assert_eq!(a.status, 200);
    assert_eq!(a.json(), b.json(), "same handlers, same data");
    let scim = format!("/userconfig/v1/customers/{CUST}/scimgroup/4100001");
    assert_eq!(
        send(emu.http.get(emu.url(&scim)).bearer_auth(&token))
            .await
            .status,
        200
    );
    // Errors keep the ZPA shape on the legacy layout.
    let r = send(
        emu.http
            .get(emu.url(&format!("{legacy}/1")))
            .bearer_auth(&token),
    )
    .await;
    assert_eq!(r.json()["id"], "resource.not.found");

    let r = send(emu.http.post(emu.url("/signout")).bearer_auth(&token)).await;
    assert_eq!(r.status, 200);
    assert_eq!(
        send(emu.http.get(emu.url(&legacy)).bearer_auth(&token))
            .await
            .status,
        401
    );
    let r = send(
        emu.http
            .post(emu.url("/signin"))
            .header("content-type", "application/x-www-form-urlencoded")
            .body("client_id=emulator-client&client_secret=wrong"),
    )
    .await;
    assert_eq!(r.status, 401);
    assert!(r.json()["id"].as_str().is_some());
}

fn login_body(key: &str, ts: &str) -> Value {
    json!({
        "apiKey": obfuscate(key, ts).unwrap(),
        "username": "admin@emulator.test",
        "password": "emulator-password",
        "timestamp": ts.parse::<u64>().unwrap()
    })
}

#[tokio::test]
async fn zia_session_cookie_lifecycle() {
    let emu = start().await;
    let http = &emu.http;
    let r = send(
        http.post(emu.url("/api/v1/authenticatedSession"))
            .json(&login_body("ABCDEFGHIJKL", "1795344794881")),
    )
    .await;
    assert_eq!(r.status, 200, "{}", r.text);
    assert_eq!(r.json()["authType"], "ADMIN_LOGIN");
    let cookie = r.header("set-cookie").unwrap();
    assert!(cookie.contains("HttpOnly"), "{cookie}");
    let session = cookie.split(';').next().unwrap().to_string();
    assert!(session.starts_with("JSESSIONID="));

    let with = |rb: reqwest::RequestBuilder| rb.header("cookie", session.clone());
    let r = send(with(http.get(emu.url("/api/v1/users")))).await;
    assert_eq!(r.status, 200);
    assert_eq!(r.json().as_array().unwrap().len(), 30);
    assert_eq!(r.header("x-zscaler-mode").as_deref(), Some("read-write"));
    // The cookie alone is no bearer token for other products.
    let zpa = format!("/zpa/mgmtconfig/v1/admin/customers/{CUST}/segmentGroup");
    assert_eq!(send(with(http.get(emu.url(&zpa)))).await.status, 401);
    assert_eq!(
        send(with(http.get(emu.url("/api/v1/authenticatedSession"))))
            .await
            .status,
        200
    );
    // A write, then logout: logout activates, and the cookie is dead.
    let r = send(with(http.post(emu.url("/api/v1/users")).json(
        &json!({"name": "Legacy", "email": "legacy@corp.example.com"}),
    )))
    .await;
    assert_eq!(r.status, 200);
    assert_eq!(
        emu.get("/zia/api/v1/status").await.json()["status"],
        "PENDING"
    );
    let r = send(with(http.delete(emu.url("/api/v1/authenticatedSession")))).await;
    assert_eq!(r.status, 204);
    assert_eq!(
        emu.get("/zia/api/v1/status").await.json()["status"],
        "ACTIVE"
    );
    assert_eq!(
        send(with(http.get(emu.url("/api/v1/users")))).await.status,
        401
    );
    assert_eq!(
        send(with(http.get(emu.url("/api/v1/authenticatedSession"))))
            .await
            .status,
        401
    );
}

#[tokio::test]
async fn zia_login_rejects_wrong_key_or_password() {
    let emu = start().await;
    let url = emu.url("/api/v1/authenticatedSession");
    // Right key, obfuscated for another timestamp.
    let mut body = login_body("ABCDEFGHIJKL", "1795344794881");
    body["timestamp"] = json!(1795344794882u64);
    let r = send(emu.http.post(&url).json(&body)).await;
    assert_eq!(r.status, 401);
    assert!(r.json()["code"].as_str().is_some(), "ZIA error shape");
    let r = send(
        emu.http
            .post(&url)
            .json(&login_body("ZYXWVUTSRQPO", "1795344794881")),
    )
    .await;
    assert_eq!(r.status, 401);
    let mut body = login_body("ABCDEFGHIJKL", "1795344794881");
    body["password"] = json!("nope");
    assert_eq!(send(emu.http.post(&url).json(&body)).await.status, 401);
    assert!(send(emu.http.post(&url).json(&body))
        .await
        .header("set-cookie")
        .is_none());
}
