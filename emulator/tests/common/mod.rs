//! Shared helpers for the integration tests: start an emulator on a free
//! port, authenticate, and make JSON requests against it.
#![allow(dead_code)]

use reqwest::{Method, RequestBuilder, StatusCode};
use serde_json::Value;
use zscaler_emulator::Config;

/// Customer id served by the default config.
pub const CUST: &str = "216196257331281920";

/// A running emulator plus an authenticated client.
pub struct Emu {
    pub base: String,
    pub http: reqwest::Client,
    pub token: String,
}

/// The parts of a response the tests look at.
pub struct Resp {
    pub status: StatusCode,
    pub headers: reqwest::header::HeaderMap,
    pub text: String,
}

impl Resp {
    /// Body parsed as JSON (panics with the raw text if it is not JSON).
    pub fn json(&self) -> Value {
        serde_json::from_str(&self.text)
            .unwrap_or_else(|e| panic!("not JSON ({e}): {:?}", self.text))
    }

    pub fn header(&self, name: &str) -> Option<String> {
        self.headers
            .get(name)
            .map(|v| v.to_str().unwrap().to_string())
    }
}

/// Path under the ZPA management API for the default customer.
pub fn zpa(rest: &str) -> String {
    format!("/zpa/mgmtconfig/v1/admin/customers/{CUST}{rest}")
}

/// A client that never goes through an environment proxy.
pub fn client() -> reqwest::Client {
    reqwest::Client::builder().no_proxy().build().unwrap()
}

pub async fn start() -> Emu {
    start_with(Config::default()).await
}

pub async fn start_with(config: Config) -> Emu {
    let (id, secret) = (config.client_id.clone(), config.client_secret.clone());
    let addr = zscaler_emulator::spawn(config).await.unwrap();
    let base = format!("http://{addr}");
    let http = client();
    let token = fetch_token(&http, &base, &id, &secret).await;
    Emu { base, http, token }
}

pub async fn fetch_token(http: &reqwest::Client, base: &str, id: &str, secret: &str) -> String {
    let body = format!(
        "grant_type=client_credentials&client_id={id}&client_secret={secret}&audience=https%3A%2F%2Fapi.zscaler.com"
    );
    let resp = http
        .post(format!("{base}/oauth2/v1/token"))
        .header("content-type", "application/x-www-form-urlencoded")
        .body(body)
        .send()
        .await
        .unwrap();
    assert_eq!(resp.status(), 200);
    let v: Value = resp.json().await.unwrap();
    v["access_token"].as_str().unwrap().to_string()
}

pub async fn send(rb: RequestBuilder) -> Resp {
    let r = rb.send().await.unwrap();
    Resp {
        status: r.status(),
        headers: r.headers().clone(),
        text: r.text().await.unwrap(),
    }
}

impl Emu {
    pub fn url(&self, path: &str) -> String {
        format!("{}{}", self.base, path)
    }

    /// An authenticated request builder.
    pub fn req(&self, method: Method, path: &str) -> RequestBuilder {
        self.http
            .request(method, self.url(path))
            .bearer_auth(&self.token)
    }

    pub async fn get(&self, path: &str) -> Resp {
        send(self.req(Method::GET, path)).await
    }

    pub async fn delete(&self, path: &str) -> Resp {
        send(self.req(Method::DELETE, path)).await
    }

    pub async fn post(&self, path: &str, body: &Value) -> Resp {
        send(self.req(Method::POST, path).json(body)).await
    }

    pub async fn put(&self, path: &str, body: &Value) -> Resp {
        send(self.req(Method::PUT, path).json(body)).await
    }

    /// Sends `raw` as a JSON-typed body without checking it is JSON.
    pub async fn send_raw(&self, method: Method, path: &str, raw: &str) -> Resp {
        send(
            self.req(method, path)
                .header("content-type", "application/json")
                .body(raw.to_string()),
        )
        .await
    }

    /// Unauthenticated POST to a control route.
    pub async fn control(&self, path: &str) -> Resp {
        send(self.http.post(self.url(path))).await
    }
}
