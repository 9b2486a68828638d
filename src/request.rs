//! A product-relative API request as the generated code builds it, before
//! the client adds the base URL and credentials.

use crate::{Error, Product};

/// One API call, described by product, method, path and query.
#[derive(Clone, Debug)]
pub struct ApiRequest {
    /// Which product's base path the request goes to.
    pub product: Product,
    /// HTTP method.
    pub method: &'static str,
    /// The spec's operationId, for logs and errors.
    pub operation: &'static str,
    /// Product-relative path, already percent-encoded.
    pub path: String,
    /// Query string without the `?`, already encoded.
    pub query: String,
    /// JSON body.
    pub body: Option<String>,
    /// What a success means for the product's staged changes.
    pub effect: Effect,
    /// Set for downloads: the answer is a file, so any content type is
    /// accepted instead of JSON only.
    pub file: Option<File>,
}

/// What an operation does to server state, as far as staging cares: a
/// product whose writes wait for an activation reports pending changes
/// after a [`Effect::Write`] until an [`Effect::Activate`] succeeds.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Effect {
    /// Changes nothing: every GET, and POSTs the spec marks
    /// `x-zscaler-read` (lookups, searches).
    Read,
    /// Changes configuration.
    Write,
    /// Applies staged changes (the registry's `staging.activate`).
    Activate,
}

impl Effect {
    /// The effect a method has unless the spec says otherwise.
    pub fn of_method(method: &str) -> Effect {
        if method == "GET" {
            Effect::Read
        } else {
            Effect::Write
        }
    }
}

impl ApiRequest {
    /// Start a request with no query and no body.
    pub fn new(
        product: Product,
        method: &'static str,
        operation: &'static str,
        path: String,
    ) -> Self {
        Self {
            product,
            method,
            operation,
            path,
            query: String::new(),
            body: None,
            effect: Effect::of_method(method),
            file: None,
        }
    }

    /// Add a query parameter; `None` adds nothing.
    pub fn query<V: QueryValue + ?Sized>(&mut self, name: &str, value: &V) {
        value.each(&mut |v: &str| append_pair(&mut self.query, name, v));
    }

    /// Encode the JSON body.
    pub fn json_body<T: serde::Serialize>(&mut self, body: &T) -> Result<(), Error> {
        let text = serde_json::to_string(body).map_err(|e| {
            Error::invalid(format!("{}: body cannot be encoded: {e}", self.operation))
        })?;
        self.body = Some(text);
        Ok(())
    }
}

/// Something that can appear in a query string.
pub trait QueryValue {
    /// Call `f` once per value to add.
    fn each(&self, f: &mut dyn FnMut(&str));
}

macro_rules! scalar_query {
    ($($t:ty),*) => {$(
        impl QueryValue for $t {
            fn each(&self, f: &mut dyn FnMut(&str)) { f(&self.to_string()) }
        }
    )*};
}
scalar_query!(i32, i64, f64, bool, String, str);

impl<T: QueryValue + ?Sized> QueryValue for &T {
    fn each(&self, f: &mut dyn FnMut(&str)) {
        (**self).each(f)
    }
}

impl<T: QueryValue> QueryValue for Option<T> {
    fn each(&self, f: &mut dyn FnMut(&str)) {
        if let Some(v) = self {
            v.each(f)
        }
    }
}

impl<T: QueryValue> QueryValue for Vec<T> {
    fn each(&self, f: &mut dyn FnMut(&str)) {
        for v in self {
            v.each(f)
        }
    }
}

/// Append `name=value` to a query or form body, percent-encoded.
pub(crate) fn append_pair(out: &mut String, name: &str, value: &str) {
    if !out.is_empty() {
        out.push('&');
    }
    encode_into(out, name);
    out.push('=');
    encode_into(out, value);
}

/// Percent-encode everything but RFC 3986 unreserved characters, so a value
/// can never change the shape of the path or query (`/`, `?`, `#`, `&`).
fn encode_into(out: &mut String, value: &str) {
    const HEX: &[u8; 16] = b"0123456789ABCDEF";
    for &b in value.as_bytes() {
        if b.is_ascii_alphanumeric() || matches!(b, b'-' | b'.' | b'_' | b'~') {
            out.push(b as char);
        } else {
            out.push('%');
            out.push(HEX[(b >> 4) as usize] as char);
            out.push(HEX[(b & 15) as usize] as char);
        }
    }
}

/// Encode one path segment. An empty id is refused: it would silently turn
/// `GET /thing/{id}` into `GET /thing/`, a list call.
pub fn path_segment(name: &str, value: &str) -> Result<String, Error> {
    // ASCII blanks: a segment of only those would change the path's shape;
    // any other character is percent-encoded below.
    if value.trim_ascii().is_empty() {
        return Err(Error::invalid(format!("path parameter `{name}` is empty")));
    }
    let mut out = String::with_capacity(value.len());
    encode_into(&mut out, value);
    Ok(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn query_values_are_encoded_and_none_skipped() {
        let mut r = ApiRequest::new(Product::Zia, "GET", "listUsers", "/api/v1/users".into());
        r.query("name", &Some("a b&c=d".to_string()));
        r.query("page", &None::<i32>);
        r.query("pageSize", &Some(5));
        assert_eq!(r.query, "name=a%20b%26c%3Dd&pageSize=5");
    }

    #[test]
    fn path_segments_cannot_escape() {
        assert_eq!(
            path_segment("id", "../x/y?z#").unwrap(),
            "..%2Fx%2Fy%3Fz%23"
        );
        assert_eq!(
            path_segment("id", "216196257331404639").unwrap(),
            "216196257331404639"
        );
        assert_eq!(
            path_segment("id", " ").unwrap_err().code(),
            "INVALID_ARGUMENT"
        );
    }
}

/// A success answer that is a file or report, not JSON (the spec declares
/// non-JSON content): it is handed over as it came, never parsed.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum File {
    /// Text content (CSV, PEM): a string.
    Text,
    /// Anything else (archives, DER): bytes, exactly as received.
    Bytes,
}
