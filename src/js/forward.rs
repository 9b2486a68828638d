//! The JS shapes of [`Client::forward`](crate::Client::forward).

use crate::http::HttpResponse;
use serde::Serialize;
use serde_json::Value;

/// `ForwardRequest` in the TypeScript declarations. Read from JSON by hand
/// rather than derived, for the reason given in `config/kinds.rs`.
pub(super) struct Request {
    pub method: String,
    pub path: String,
    pub query: String,
    /// A record, or `[name, value]` pairs: a `Headers` object spread with
    /// `[...headers]` gives the latter, and keeps repeated names.
    pub headers: Vec<(String, String)>,
    pub body: Option<String>,
}

fn text(key: &str, v: Value) -> Result<String, String> {
    match v {
        Value::String(s) => Ok(s),
        _ => Err(format!("{key} must be a string")),
    }
}

fn headers(v: Value) -> Result<Vec<(String, String)>, String> {
    let bad = || "headers must be a record of strings or [name, value] pairs".to_string();
    let pair =
        |name: String, value: Value| text(&format!("header {name:?}"), value).map(|v| (name, v));
    match v {
        Value::Null => Ok(Vec::new()),
        Value::Object(map) => map.into_iter().map(|(k, v)| pair(k, v)).collect(),
        Value::Array(items) => items
            .into_iter()
            .map(|item| match item {
                Value::Array(p) if p.len() == 2 => {
                    let mut p = p.into_iter();
                    let name = text("a header name", p.next().unwrap_or_default())?;
                    pair(name, p.next().unwrap_or_default())
                }
                _ => Err(bad()),
            })
            .collect(),
        _ => Err(bad()),
    }
}

impl Request {
    /// Check and read a `ForwardRequest`; unknown keys are errors.
    pub fn from_json(value: Value) -> Result<Self, String> {
        let Value::Object(map) = value else {
            return Err("a forwarded request must be an object".into());
        };
        let (mut method, mut path) = (None, None);
        let mut r = Request {
            method: String::new(),
            path: String::new(),
            query: String::new(),
            headers: Vec::new(),
            body: None,
        };
        for (key, v) in map {
            match key.as_str() {
                "method" => method = Some(text(&key, v)?),
                "path" => path = Some(text(&key, v)?),
                "query" if v.is_null() => {}
                "query" => r.query = text(&key, v)?,
                "headers" => r.headers = headers(v)?,
                "body" if v.is_null() => {}
                "body" => r.body = Some(text(&key, v)?),
                _ => {
                    return Err(format!(
                        "unknown field {key:?}; expected method, path, query, headers or body"
                    ))
                }
            }
        }
        r.method = method.ok_or("method is required")?;
        r.path = path.ok_or("path is required")?;
        Ok(r)
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
