//! The escape hatch for an operation the specs lack (octokit's
//! `request("GET /path")`): a route and a parameter object become an
//! [`ApiRequest`] that takes the same path as every generated call (auth,
//! pacing, retries, redaction, error typing).

use crate::request::{append_pair, path_segment, ApiRequest};
use crate::{Client, Error, Product};
use serde_json::{Map, Value};

/// Methods a route may name; static, as requests carry `&'static str`.
const METHODS: [&str; 5] = ["GET", "POST", "PUT", "PATCH", "DELETE"];

/// Build the request for `route` (`"GET /zia/api/v1/ipGroups/{id}"`):
/// `{name}` placeholders are filled from `params` (percent-encoded), a
/// `body` member is the JSON body, every other member a query parameter
/// (an array repeats it).
pub fn build(route: &str, params: &Map<String, Value>) -> Result<ApiRequest, Error> {
    let shape = "a route is \"METHOD /product/path\", e.g. \"GET /zia/api/v1/users\"";
    let (method, path) = route
        .trim()
        .split_once(' ')
        .ok_or_else(|| Error::invalid(shape))?;
    let method = METHODS
        .iter()
        .find(|m| m.eq_ignore_ascii_case(method))
        .ok_or_else(|| Error::invalid(format!("unknown method {method:?}: {shape}")))?;
    let path = path.trim();
    if path.contains(['?', '#', ' ']) || path.split('/').any(|s| s == ".." || s == ".") {
        return Err(Error::invalid(format!(
            "route path {path:?} must be a plain path; query parameters go in the params"
        )));
    }
    let (product, rest) = Product::split_path(path).ok_or_else(|| {
        let prefixes: Vec<&str> = Product::ALL.iter().map(|p| p.base_path()).collect();
        Error::invalid(format!(
            "route path {path:?} must start with a product prefix ({})",
            prefixes.join(", ")
        ))
    })?;
    let mut used = Vec::new();
    let mut filled = String::with_capacity(rest.len());
    let mut tail = rest;
    while let Some(open) = tail.find('{') {
        let close = tail[open..]
            .find('}')
            .map(|i| open + i)
            .ok_or_else(|| Error::invalid(format!("unclosed placeholder in {path:?}")))?;
        let name = &tail[open + 1..close];
        let value = params
            .get(name)
            .and_then(scalar)
            .ok_or_else(|| Error::invalid(format!("no value for path parameter {{{name}}}")))?;
        filled.push_str(&tail[..open]);
        filled.push_str(&path_segment(name, &value)?);
        used.push(name);
        tail = &tail[close + 1..];
    }
    filled.push_str(tail);
    let mut req = ApiRequest::new(product, method, "request", filled);
    for (name, value) in params {
        if used.contains(&name.as_str()) {
            continue;
        }
        if name == "body" {
            req.json_body(value)?;
            continue;
        }
        let values = match value {
            Value::Array(items) => items.iter().collect(),
            Value::Null => Vec::new(),
            v => vec![v],
        };
        for v in values {
            let text = scalar(v).ok_or_else(|| {
                Error::invalid(format!(
                    "query parameter {name:?} must be a string, number or boolean"
                ))
            })?;
            append_pair(&mut req.query, name, &text);
        }
    }
    Ok(req)
}

/// A string, number or boolean as text.
fn scalar(v: &Value) -> Option<String> {
    match v {
        Value::String(s) => Some(s.clone()),
        Value::Number(n) => Some(n.to_string()),
        Value::Bool(b) => Some(b.to_string()),
        _ => None,
    }
}

impl Client {
    /// Call a route the specs lack, with every generated call's handling:
    /// `client.request("GET /zia/api/v1/ipGroups/{id}", json!({"id": 5}))`.
    /// A JSON answer is parsed, any other is a string, an empty one `null`.
    pub async fn request(&self, route: &str, params: Value) -> Result<Value, Error> {
        let params = match params {
            Value::Object(map) => map,
            Value::Null => Map::new(),
            _ => return Err(Error::invalid("params must be an object")),
        };
        let resp = self.execute(build(route, &params)?).await?;
        Ok(answer(&resp))
    }
}

/// The answer as a value: JSON parsed, other text as a string, nothing as
/// `null`.
pub(crate) fn answer(resp: &crate::http::HttpResponse) -> Value {
    if resp.body.trim().is_empty() {
        return Value::Null;
    }
    serde_json::from_str(&resp.body).unwrap_or_else(|_| Value::String(resp.body.clone()))
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    fn map(v: Value) -> Map<String, Value> {
        v.as_object().unwrap().clone()
    }

    #[test]
    fn placeholders_fill_and_the_rest_is_query_or_body() {
        let r = build(
            "put /zia/api/v1/ipGroups/{id}",
            &map(json!({"id": "a/b", "search": "x y", "tag": [1, 2], "body": {"name": "n"}})),
        )
        .unwrap();
        assert_eq!((r.product, r.method), (Product::Zia, "PUT"));
        assert_eq!(r.path, "/api/v1/ipGroups/a%2Fb");
        assert_eq!(r.query, "search=x%20y&tag=1&tag=2");
        assert_eq!(r.body.as_deref(), Some(r#"{"name":"n"}"#));
        assert_eq!(r.operation, "request");
    }

    #[test]
    fn bad_routes_and_params_are_refused() {
        for (route, params, message) in [
            ("/zia/api/v1/users", json!({}), "METHOD /product/path"),
            ("FETCH /zia/api/v1/users", json!({}), "unknown method"),
            (
                "GET /nope/v1/users",
                json!({}),
                "must start with a product prefix",
            ),
            ("GET /zia/api/v1/users?x=1", json!({}), "plain path"),
            ("GET /zia/api/../v1/users", json!({}), "plain path"),
            (
                "GET /zia/api/v1/users/{id}",
                json!({}),
                "no value for path parameter {id}",
            ),
            ("GET /zia/api/v1/users/{id", json!({"id": 1}), "unclosed"),
            (
                "GET /zia/api/v1/users",
                json!({"x": {"a": 1}}),
                "must be a string",
            ),
        ] {
            let err = build(route, &map(params)).unwrap_err();
            assert_eq!(err.code(), "INVALID_ARGUMENT");
            assert!(err.to_string().contains(message), "{route}: {err}");
        }
    }
}
