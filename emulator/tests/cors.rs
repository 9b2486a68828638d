//! CORS: none by default, as the real service (a page on another origin
//! cannot read any answer); `--cors ORIGIN` (`Config::cors`) allows exactly
//! the origins named, or any with `*`.

mod common;

use common::{send, start, start_with, zpa, Emu, Resp};
use reqwest::Method;
use zscaler_emulator::{Config, CorsOrigins};

const APP: &str = "https://app.example";
const OTHER: &str = "https://other.example";

fn allowing(origins: &[&str]) -> Config {
    let mut cors = CorsOrigins::default();
    for o in origins {
        cors.allow(o).unwrap();
    }
    Config {
        cors,
        ..Config::default()
    }
}

fn cors_headers(r: &Resp) -> Vec<String> {
    r.headers
        .keys()
        .map(|k| k.as_str().to_string())
        .filter(|k| k.starts_with("access-control-"))
        .collect()
}

/// A browser's preflight for a PUT with the client's headers.
async fn preflight(emu: &Emu, path: &str, origin: &str) -> Resp {
    send(
        emu.http
            .request(Method::OPTIONS, emu.url(path))
            .header("origin", origin)
            .header("access-control-request-method", "PUT")
            .header(
                "access-control-request-headers",
                "authorization,content-type,api-version,x-csrf-token",
            ),
    )
    .await
}

/// An authenticated call, an unauthenticated one and an unknown path, each
/// sent with `origin`.
async fn calls(emu: &Emu, origin: &str) -> [Resp; 3] {
    let ok = send(
        emu.req(Method::GET, &zpa("/application"))
            .header("origin", origin),
    )
    .await;
    assert_eq!(ok.status, 200);
    let unauthorized = send(
        emu.http
            .get(emu.url(&zpa("/application")))
            .header("origin", origin),
    )
    .await;
    assert_eq!(unauthorized.status, 401);
    let missing = send(
        emu.http
            .get(emu.url("/no/such/path"))
            .header("origin", origin),
    )
    .await;
    assert_eq!(missing.status, 404);
    [ok, unauthorized, missing]
}

#[tokio::test]
async fn by_default_no_response_carries_cors_headers() {
    let emu = start().await;
    for r in calls(&emu, APP).await {
        assert_eq!(cors_headers(&r), Vec::<String>::new(), "{}", r.status);
    }
    // A token request from a page is answered (the secret has already
    // left the browser) but without headers that would let it read it.
    let token = send(
        emu.http
            .post(emu.url("/oauth2/v1/token"))
            .header("origin", APP)
            .form(&[
                ("grant_type", "client_credentials"),
                ("client_id", "emulator-client"),
                ("client_secret", "emulator-secret"),
                ("audience", "https://api.zscaler.com"),
            ]),
    )
    .await;
    assert_eq!(token.status, 200);
    assert_eq!(cors_headers(&token), Vec::<String>::new());
}

#[tokio::test]
async fn by_default_a_preflight_is_refused_like_any_undeclared_method() {
    let emu = start().await;
    let r = preflight(&emu, &zpa("/application"), APP).await;
    assert_eq!(r.status, 405);
    assert_eq!(cors_headers(&r), Vec::<String>::new());
    // In ZPA's error shape, before any token check.
    assert!(r.json()["id"].as_str().is_some(), "{}", r.text);
    let r = preflight(&emu, "/zia/api/v1/status", APP).await;
    assert_eq!(r.status, 405);
    assert_eq!(cors_headers(&r), Vec::<String>::new());
    for path in ["/oauth2/v1/token", "/_emulator/health"] {
        let r = preflight(&emu, path, APP).await;
        assert!(r.status == 404 || r.status == 405, "{path}: {}", r.status);
        assert_eq!(cors_headers(&r), Vec::<String>::new(), "{path}");
    }
}

#[tokio::test]
async fn an_allowed_origin_gets_preflights_and_readable_answers() {
    let emu = start_with(allowing(&[APP])).await;
    let r = preflight(&emu, &zpa("/application"), APP).await;
    assert_eq!(r.status, 204);
    assert_eq!(
        r.header("access-control-allow-origin").as_deref(),
        Some(APP)
    );
    assert!(r.header("vary").unwrap().contains("origin"));
    let methods = r.header("access-control-allow-methods").unwrap();
    for m in ["GET", "POST", "PUT", "DELETE", "PATCH", "OPTIONS"] {
        assert!(methods.contains(m), "{methods}");
    }
    assert_eq!(
        r.header("access-control-allow-headers").as_deref(),
        Some("authorization,content-type,api-version,x-csrf-token")
    );
    assert_eq!(r.header("access-control-max-age").as_deref(), Some("600"));
    // Errors produced before routing are readable too.
    for r in calls(&emu, APP).await {
        assert_eq!(
            r.header("access-control-allow-origin").as_deref(),
            Some(APP)
        );
        assert!(r.header("vary").unwrap().contains("origin"));
        let expose = r.header("access-control-expose-headers").unwrap();
        for h in ["retry-after", "x-ratelimit-remaining", "x-request-id"] {
            assert!(expose.contains(h), "{expose}");
        }
    }
}

#[tokio::test]
async fn another_origin_gets_nothing_when_one_is_allowed() {
    let emu = start_with(allowing(&[APP])).await;
    let r = preflight(&emu, &zpa("/application"), OTHER).await;
    assert_eq!(r.status, 405);
    assert_eq!(cors_headers(&r), Vec::<String>::new());
    for r in calls(&emu, OTHER).await {
        assert_eq!(cors_headers(&r), Vec::<String>::new(), "{}", r.status);
        // The answer depends on the origin, so caches must key on it.
        assert!(r.header("vary").unwrap().contains("origin"));
    }
}

#[tokio::test]
async fn star_allows_any_origin() {
    let emu = start_with(allowing(&["*"])).await;
    let r = preflight(&emu, "/oauth2/v1/token", OTHER).await;
    assert_eq!(r.status, 204);
    assert_eq!(
        r.header("access-control-allow-origin").as_deref(),
        Some("*")
    );
    for r in calls(&emu, OTHER).await {
        assert_eq!(
            r.header("access-control-allow-origin").as_deref(),
            Some("*")
        );
    }
}
