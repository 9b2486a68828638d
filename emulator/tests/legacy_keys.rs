//! The legacy logins of ZCC, ZTW, ZDX and ZWA: each login's request format
//! checked exactly, its credential accepted on that product's API (both
//! layouts) and no other product's, and refusals in the product's shape.

mod common;

use common::{send, start, Emu};
use serde_json::{json, Value};
use zscaler_emulator::legacy::keys::sha256_hex;
use zscaler_emulator::legacy::zia::obfuscate;

const ID: &str = "emulator-client";
const SECRET: &str = "emulator-secret";

fn now() -> u64 {
    std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .unwrap()
        .as_secs()
}

async fn post(emu: &Emu, path: &str, body: Value) -> common::Resp {
    send(emu.http.post(emu.url(path)).json(&body)).await
}

#[tokio::test]
async fn zcc_login_token_goes_in_auth_token_and_opens_zcc_only() {
    let emu = start().await;
    let r = post(
        &emu,
        "/papi/auth/v1/login",
        json!({"apiKey": ID, "secretKey": SECRET}),
    )
    .await;
    assert_eq!(r.status, 200, "{}", r.text);
    let jwt = r.json()["jwtToken"].as_str().unwrap().to_string();
    assert_eq!(jwt.split('.').count(), 3, "JWT-shaped, clients read exp");

    let path = "/papi/public/v1/application-profiles";
    let a = send(emu.http.get(emu.url(path)).header("auth-token", &jwt)).await;
    assert_eq!(a.status, 200, "{}", a.text);
    let b = send(
        emu.http
            .get(emu.url(&format!("/zcc{path}")))
            .bearer_auth(&emu.token),
    )
    .await;
    assert_eq!(a.json(), b.json(), "same handlers, same data");
    // The prefixed layout takes the same credential.
    let c = send(
        emu.http
            .get(emu.url(&format!("/zcc{path}")))
            .header("auth-token", &jwt),
    )
    .await;
    assert_eq!(c.status, 200);
    // Not as a bearer token, and not on another product.
    let d = send(emu.http.get(emu.url(path)).bearer_auth(&jwt)).await;
    assert_eq!(d.status, 401);
    let zia = send(emu.http.get(emu.url("/zia/api/v1/users")).bearer_auth(&jwt)).await;
    assert_eq!(zia.status, 401);

    let bad = send(emu.http.get(emu.url(path)).header("auth-token", "forged")).await;
    assert_eq!(bad.status, 401);
    assert_eq!(bad.json()["code"], "NOT_AUTHENTICATED", "ZCC's shape");

    let r = post(
        &emu,
        "/papi/auth/v1/login",
        json!({"apiKey": ID, "secretKey": "x"}),
    )
    .await;
    assert_eq!(r.status, 401);
    assert_eq!(r.json()["code"], "AUTHENTICATION_FAILED");
    let r = post(&emu, "/papi/auth/v1/login", json!({"apiKey": ID})).await;
    assert_eq!(r.status, 400);
    assert_eq!(r.json()["code"], "INVALID_INPUT");
    let r = post(
        &emu,
        "/zcc/papi/auth/v1/login",
        json!({"apiKey": ID, "secretKey": SECRET}),
    )
    .await;
    assert_eq!(r.status, 200, "served under the prefix too");
}

#[tokio::test]
async fn zdx_login_checks_the_hash_and_the_timestamp_window() {
    let emu = start().await;
    let login =
        |ts: Value, hash: String| json!({"key_id": ID, "key_secret": hash, "timestamp": ts});
    let ts = now();
    let r = post(
        &emu,
        "/v1/oauth/token",
        login(json!(ts), sha256_hex(&format!("{SECRET}:{ts}"))),
    )
    .await;
    assert_eq!(r.status, 200, "{}", r.text);
    let v = r.json();
    assert_eq!(v["expires_in"], json!(3600));
    let token = v["token"].as_str().unwrap().to_string();

    let path = "/v1/administration/departments";
    let a = send(emu.http.get(emu.url(path)).bearer_auth(&token)).await;
    assert_eq!(a.status, 200, "{}", a.text);
    let b = send(
        emu.http
            .get(emu.url(&format!("/zdx{path}")))
            .bearer_auth(&emu.token),
    )
    .await;
    assert_eq!(a.json(), b.json());
    let zwa = send(
        emu.http
            .get(emu.url("/zwa/dlp/v1/incidents/1"))
            .bearer_auth(&token),
    )
    .await;
    assert_eq!(zwa.status, 401, "a ZDX token opens ZDX only");
    let bad = send(emu.http.get(emu.url(path)).bearer_auth("forged")).await;
    assert_eq!(bad.status, 401);
    assert_eq!(bad.json()["code"], "NOT_AUTHENTICATED", "ZDX's shape");

    // The raw secret, a stale timestamp, a string timestamp: all refused.
    let r = post(&emu, "/v1/oauth/token", login(json!(ts), SECRET.into())).await;
    assert_eq!(r.status, 401);
    let old = ts - 3600;
    let r = post(
        &emu,
        "/v1/oauth/token",
        login(json!(old), sha256_hex(&format!("{SECRET}:{old}"))),
    )
    .await;
    assert_eq!(r.status, 401, "{}", r.text);
    let r = post(
        &emu,
        "/v1/oauth/token",
        login(json!(ts.to_string()), sha256_hex(&format!("{SECRET}:{ts}"))),
    )
    .await;
    assert_eq!(r.status, 400);
    assert_eq!(r.json()["code"], "INVALID_INPUT_ARGUMENT");
}

#[tokio::test]
async fn zwa_login_answers_201_and_opens_zwa() {
    let emu = start().await;
    let r = post(
        &emu,
        "/v1/auth/api-key/token",
        json!({"key_id": ID, "key_secret": SECRET}),
    )
    .await;
    assert_eq!(r.status, 201, "{}", r.text);
    let token = r.json()["token"].as_str().unwrap().to_string();
    let path = "/dlp/v1/incidents/search";
    let a = send(
        emu.http
            .post(emu.url(path))
            .bearer_auth(&token)
            .json(&json!({})),
    )
    .await;
    assert_eq!(a.status, 200, "{}", a.text);
    let b = send(
        emu.http
            .post(emu.url(&format!("/zwa{path}")))
            .bearer_auth(&emu.token)
            .json(&json!({})),
    )
    .await;
    assert_eq!(a.json(), b.json());
    let bad = send(
        emu.http
            .post(emu.url(path))
            .bearer_auth("forged")
            .json(&json!({})),
    )
    .await;
    assert_eq!(bad.status, 401);
    assert_eq!(bad.json()["code"], "NOT_AUTHENTICATED");
    let r = post(
        &emu,
        "/v1/auth/api-key/token",
        json!({"key_id": ID, "key_secret": "x"}),
    )
    .await;
    assert_eq!(r.status, 401);
    let r = post(
        &emu,
        "/v1/auth/api-key/token",
        json!({"key_id": ID, "key_secret": SECRET, "x": 1}),
    )
    .await;
    assert_eq!(r.status, 400, "an unknown field is refused");
}

fn session_login(ts: &str, key: &str) -> Value {
    json!({
        "apiKey": obfuscate(key, ts).unwrap(),
        "username": "admin@emulator.test",
        "password": "emulator-password",
        "timestamp": ts
    })
}

#[tokio::test]
async fn ztw_session_opens_ztw_not_zia_and_ends() {
    let emu = start().await;
    let ts = format!("{}", now() * 1000 + 123);
    let r = post(&emu, "/api/v1/auth", session_login(&ts, "ABCDEFGHIJKL")).await;
    assert_eq!(r.status, 200, "{}", r.text);
    let cookie = r.header("set-cookie").unwrap();
    let session = cookie.split(';').next().unwrap().to_string();
    let with = |rb: reqwest::RequestBuilder| rb.header("cookie", session.clone());

    // ZTW's un-prefixed root is ZIA's too: the session decides.
    let path = "/api/v1/accountGroups";
    let a = send(with(emu.http.get(emu.url(path)))).await;
    assert_eq!(a.status, 200, "{}", a.text);
    let b = send(
        emu.http
            .get(emu.url(&format!("/ztw{path}")))
            .bearer_auth(&emu.token),
    )
    .await;
    assert_eq!(a.json(), b.json());
    assert_eq!(
        send(with(emu.http.get(emu.url("/zia/api/v1/users"))))
            .await
            .status,
        401
    );
    assert_eq!(
        send(with(emu.http.get(emu.url("/api/v1/authenticatedSession"))))
            .await
            .status,
        401
    );
    assert_eq!(
        send(with(emu.http.get(emu.url("/api/v1/auth"))))
            .await
            .status,
        200
    );

    let forged = send(
        emu.http
            .get(emu.url(&format!("/ztw{path}")))
            .header("cookie", "JSESSIONID=F00"),
    )
    .await;
    assert_eq!(forged.status, 401);
    assert_eq!(forged.json()["code"], "NOT_AUTHENTICATED", "ZTW's shape");

    let r = send(with(emu.http.delete(emu.url("/api/v1/auth")))).await;
    assert_eq!(r.status, 200);
    assert_eq!(
        send(with(emu.http.get(emu.url(&format!("/ztw{path}")))))
            .await
            .status,
        401
    );

    let r = post(&emu, "/ztw/api/v1/auth", session_login(&ts, "ZZZZZZZZZZZZ")).await;
    assert_eq!(r.status, 401);
    assert_eq!(r.json()["code"], "AUTHENTICATION_FAILED");
}
