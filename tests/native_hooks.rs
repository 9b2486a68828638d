//! The one send path: API calls, relayed calls and token requests all pass
//! through the same hooks (`before_send`, the transport, `after_response`,
//! `log`), each with its own policy. A replacement transport stands in for
//! the network, so every request the client makes is seen here.
#![cfg(not(target_arch = "wasm32"))]

use std::sync::{Arc, Mutex};
use zscaler_wasm::http::{HttpRequest, HttpResponse};
use zscaler_wasm::log::{LogEvent, Phase};
use zscaler_wasm::{zia, Client, ClientOptions, Hooks, Secret};

const SECRET: &str = "canary-s3cr3t-value";

/// What the fake network saw and what it answers: per URL substring, a
/// queue of (status, body); the token endpoint always answers a token.
#[derive(Default)]
struct Net {
    seen: Mutex<Vec<HttpRequest>>,
    answers: Mutex<Vec<(&'static str, u16, &'static str)>>,
    responses_seen: Mutex<u32>,
    events: Mutex<Vec<LogEvent>>,
}

impl Net {
    fn answer(&self, req: &HttpRequest) -> HttpResponse {
        let (status, body) = if req.url.ends_with("/oauth2/v1/token") {
            (
                200,
                r#"{"access_token":"tok-1","token_type":"Bearer","expires_in":3600}"#,
            )
        } else {
            let mut answers = self.answers.lock().unwrap();
            let i = answers
                .iter()
                .position(|(part, _, _)| req.url.contains(part))
                .unwrap_or_else(|| panic!("no answer for {}", req.url));
            let (_, s, b) = answers.remove(i);
            (s, b)
        };
        HttpResponse {
            status,
            headers: vec![("content-type".into(), "application/json".into())],
            body: body.into(),
            bytes: None,
        }
    }
}

fn client(net: &Arc<Net>, tweak: impl FnOnce(&mut ClientOptions)) -> Client {
    let mut options = ClientOptions {
        client_id: Some("hook-client".into()),
        client_secret: Some(Secret::new(SECRET)),
        client_auth: Some("basic".into()),
        base_url: Some("http://api.test".into()),
        token_url: Some("http://login.test/oauth2/v1/token".into()),
        customer_id: Some("216196257331281920".into()),
        pacing: Some(false),
        ..Default::default()
    };
    tweak(&mut options);
    let (a, b, c, d) = (net.clone(), net.clone(), net.clone(), net.clone());
    let hooks = Hooks {
        sleep: Arc::new(|_| Box::pin(async {})),
        log: Some(Arc::new(move |e: &LogEvent| {
            a.events.lock().unwrap().push(e.clone())
        })),
        before_send: Some(Arc::new(|req: &mut HttpRequest| {
            req.headers.push(("x-trace-id".into(), "trace-7".into()))
        })),
        after_response: Some(Arc::new(move |_resp: &HttpResponse| {
            *b.responses_seen.lock().unwrap() += 1
        })),
        transport: Some(Arc::new(move |req: HttpRequest, _timeout| {
            let resp = c.answer(&req);
            c.seen.lock().unwrap().push(req);
            Box::pin(async move { Ok(resp) })
        })),
    };
    let _ = d;
    Client::with_hooks(options, hooks).unwrap()
}

#[tokio::test]
async fn token_and_api_requests_share_the_hooks_and_the_log() {
    let net = Arc::new(Net::default());
    net.answers
        .lock()
        .unwrap()
        .push(("/zia/api/v1/users", 200, "[]"));
    let c = client(&net, |_| {});
    c.zia()
        .list_users(&zia::ListUsersParams::default())
        .await
        .unwrap();
    let seen = net.seen.lock().unwrap();
    assert_eq!(seen.len(), 2, "one token request, one API request");
    assert!(seen[0].url.ends_with("/oauth2/v1/token"));
    assert!(seen[1].url.starts_with("http://api.test/zia/api/v1/users"));
    for req in seen.iter() {
        assert!(
            req.headers
                .iter()
                .any(|(k, v)| k == "x-trace-id" && v == "trace-7"),
            "before_send saw {}",
            req.url
        );
    }
    assert_eq!(*net.responses_seen.lock().unwrap(), 2);
    let events = net.events.lock().unwrap();
    let token: Vec<&LogEvent> = events
        .iter()
        .filter(|e| e.operation == "mintToken")
        .collect();
    assert_eq!(
        token.iter().map(|e| e.phase).collect::<Vec<_>>(),
        vec![Phase::Request, Phase::Response],
        "the token call is logged like any other"
    );
    let auth = token[0]
        .headers
        .iter()
        .find(|(k, _)| k.eq_ignore_ascii_case("authorization"))
        .expect("basic client auth travels in a header");
    assert_eq!(auth.1, "<redacted>");
    let text = format!("{events:?}");
    assert!(!text.contains(SECRET) && !text.contains("tok-1"), "{text}");
}

#[tokio::test]
async fn a_lookup_leaves_no_pending_changes_and_a_write_does() {
    let net = Arc::new(Net::default());
    net.answers.lock().unwrap().push((
        "/urlLookup",
        200,
        r#"[{"url":"a.example","urlClassifications":[]}]"#,
    ));
    let c = client(&net, |_| {});
    c.zia().lookup_urls(&["a.example".into()]).await.unwrap();
    assert!(!c.zia().pending_changes(), "a lookup is a read");
    net.answers
        .lock()
        .unwrap()
        .push(("/zia/api/v1/users/7", 200, r#"{"id":7,"name":"x"}"#));
    c.zia()
        .update_user(&zia::UpdateUserParams {
            user_id: 7,
            body: Default::default(),
        })
        .await
        .unwrap();
    assert!(c.zia().pending_changes(), "a write is staged");
    net.answers
        .lock()
        .unwrap()
        .push(("/status/activate", 200, r#"{"status":"ACTIVE"}"#));
    c.zia().activate(&Default::default()).await.unwrap();
    assert!(!c.zia().pending_changes(), "activation applies it");
}

/// ZTW's forced activation (registry `staging.force`) applies the staged
/// writes as its plain activation does.
#[cfg(feature = "ztw")]
#[tokio::test]
async fn a_forced_ztw_activation_clears_pending_changes() {
    use zscaler_wasm::ztw;
    let net = Arc::new(Net::default());
    let c = client(&net, |_| {});
    net.answers
        .lock()
        .unwrap()
        .push(("/ztw/api/v1/adminRoles/3", 200, r#"{"id":3,"name":"r"}"#));
    c.ztw()
        .update_admin_role(&ztw::UpdateAdminRoleParams {
            id: 3,
            body: Default::default(),
        })
        .await
        .unwrap();
    assert!(c.ztw().pending_changes(), "a write is staged");
    assert!(!c.zia().pending_changes(), "per product");
    net.answers
        .lock()
        .unwrap()
        .push(("/forcedActivate", 200, r#"{"status":"ACTIVE"}"#));
    c.ztw().force_activate(&Default::default()).await.unwrap();
    assert!(
        !c.ztw().pending_changes(),
        "the forced activation applies it"
    );
}

#[tokio::test]
async fn relayed_calls_are_not_retried_and_api_calls_are() {
    let net = Arc::new(Net::default());
    let limited = r#"{"message":"Rate Limit (1/SECOND) exceeded"}"#;
    net.answers
        .lock()
        .unwrap()
        .push(("/zia/api/v1/users", 429, limited));
    let c = client(&net, |_| {});
    let resp = c
        .forward("GET", "/zia/api/v1/users", "", &[], None)
        .await
        .unwrap();
    assert_eq!(resp.status, 429, "the relay sees the 429 itself");
    net.answers.lock().unwrap().extend([
        ("/zia/api/v1/users", 429, limited),
        ("/zia/api/v1/users", 200, "[]"),
    ]);
    c.zia()
        .list_users(&zia::ListUsersParams::default())
        .await
        .unwrap();
    let api_calls = net
        .seen
        .lock()
        .unwrap()
        .iter()
        .filter(|r| r.url.contains("/users"))
        .count();
    assert_eq!(api_calls, 3, "one relayed, two for the retried call");
    let retries = net
        .events
        .lock()
        .unwrap()
        .iter()
        .filter(|e| e.phase == Phase::Retry)
        .count();
    assert_eq!(retries, 1);
}
