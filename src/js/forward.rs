//! The JS shapes of [`Client::forward`](crate::Client::forward).

use crate::http::HttpResponse;
use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;

/// `ForwardRequest` in the TypeScript declarations.
#[derive(Deserialize)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub(super) struct Request {
    pub method: String,
    pub path: String,
    #[serde(default)]
    pub query: String,
    #[serde(default)]
    headers: Headers,
    #[serde(default)]
    pub body: Option<String>,
}

/// Headers as a record or as `[name, value]` pairs: a `Headers` object
/// spread with `[...headers]` gives the latter, and keeps repeated names.
#[derive(Deserialize)]
#[serde(untagged)]
enum Headers {
    Map(BTreeMap<String, String>),
    Pairs(Vec<(String, String)>),
}

impl Default for Headers {
    fn default() -> Self {
        Headers::Pairs(Vec::new())
    }
}

impl Request {
    pub fn headers(&self) -> Vec<(String, String)> {
        match &self.headers {
            Headers::Map(m) => m.iter().map(|(k, v)| (k.clone(), v.clone())).collect(),
            Headers::Pairs(p) => p.clone(),
        }
    }
}

/// `ForwardResponse` in the TypeScript declarations.
#[derive(Serialize)]
pub(super) struct Response {
    status: u16,
    headers: Vec<(String, String)>,
    body: String,
}

impl From<HttpResponse> for Response {
    fn from(r: HttpResponse) -> Self {
        Self {
            status: r.status,
            headers: r.headers,
            body: r.body,
        }
    }
}
