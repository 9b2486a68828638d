//! Checks for relayed calls ([`Client::forward`](crate::Client::forward)):
//! a backend passes a browser's method, path and headers through, so each
//! must be one the client would build itself.

use crate::request::ApiRequest;
use crate::{Error, Product};

const METHODS: [&str; 5] = ["GET", "POST", "PUT", "PATCH", "DELETE"];

/// Headers a relay may pass on; everything else (cookies, auth, hop-by-hop,
/// host) is the relay's or the client's business.
const PASSABLE: [&str; 3] = ["content-type", "accept", "x-request-id"];

/// The product and product-relative request of a prefixed path.
pub fn request(
    method: &str,
    path: &str,
    query: &str,
    body: Option<String>,
) -> Result<ApiRequest, Error> {
    let method = METHODS
        .into_iter()
        .find(|m| m.eq_ignore_ascii_case(method))
        .ok_or_else(|| Error::invalid(format!("method {method:?} is not allowed")))?;
    let (product, rest) = Product::split_path(path).ok_or_else(|| {
        let prefixes: Vec<String> = Product::ALL
            .iter()
            .map(|p| format!("{}/", p.base_path()))
            .collect();
        Error::invalid(format!("path must start with {}", prefixes.join(", ")))
    })?;
    // A dot segment or an encoded one could climb out of the product's
    // base path once a server normalises it.
    let lower = rest.to_ascii_lowercase();
    let climbs = lower
        .split('/')
        .any(|seg| matches!(seg, "." | "..") || seg.contains("%2e") || seg.contains("%2f"));
    if climbs || rest.contains(['?', '#', '\\']) || rest.chars().any(char::is_control) {
        return Err(Error::invalid(
            "path holds a forbidden segment or character",
        ));
    }
    if query.contains(['#']) || query.chars().any(char::is_control) {
        return Err(Error::invalid("query holds a forbidden character"));
    }
    let mut req = ApiRequest::new(product, method, "forward", rest.to_string());
    req.query = query.trim_start_matches('?').to_string();
    req.body = body;
    Ok(req)
}

/// The subset of `headers` that may travel on.
pub fn headers(headers: &[(String, String)]) -> Result<Vec<(String, String)>, Error> {
    let mut out = Vec::new();
    for (k, v) in headers {
        let k = k.to_ascii_lowercase();
        if PASSABLE.contains(&k.as_str()) {
            if v.contains(['\r', '\n']) {
                return Err(Error::invalid(format!("header {k} holds a line break")));
            }
            out.push((k, v.clone()));
        }
    }
    Ok(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn only_product_paths_and_known_methods_pass() {
        let ok = request(
            "get",
            "/zpa/mgmtconfig/v1/admin/customers/1/application",
            "page=2",
            None,
        )
        .unwrap();
        assert_eq!((ok.product, ok.method), (Product::Zpa, "GET"));
        assert_eq!(ok.path, "/mgmtconfig/v1/admin/customers/1/application");
        assert_eq!(
            request("GET", "/ziam/admin/api/v1/users", "", None)
                .unwrap()
                .product,
            Product::Zidentity
        );
        for (m, p) in [
            ("TRACE", "/zpa/x"),
            ("GET", "/zpax/y"),
            ("GET", "/other/x"),
            ("GET", "https://evil.example/zpa/x"),
            ("GET", "/zpa/../oauth2/v1/token"),
            ("GET", "/zpa/%2E%2E/x"),
            ("GET", "/zia/a%2fb"),
            ("GET", "/zia/x?y=1"),
            ("GET", "/zia/x\r\nHost: evil"),
        ] {
            assert_eq!(
                request(m, p, "", None).unwrap_err().code(),
                "INVALID_ARGUMENT",
                "{m} {p}"
            );
        }
    }

    #[test]
    fn credentials_and_hop_headers_are_dropped() {
        let h = |k: &str, v: &str| (k.to_string(), v.to_string());
        let out = headers(&[
            h("Cookie", "session=1"),
            h("Authorization", "Bearer x"),
            h("Connection", "keep-alive"),
            h("Content-Type", "application/json"),
        ])
        .unwrap();
        assert_eq!(out, vec![h("content-type", "application/json")]);
        assert!(headers(&[h("accept", "a\r\nb")]).is_err());
    }
}
