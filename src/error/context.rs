//! What a failed call was doing: the request it sent, an excerpt of the
//! answer, and the lower-level failure behind it. Kept apart from the error
//! kinds so every kind carries the same fields, built only on the error
//! path, so a successful call pays nothing for it.

use std::fmt;
use std::sync::Arc;

/// The request behind an error and what came back, where known.
///
/// Empty for errors raised before anything was sent (bad options, bad
/// arguments). The URL never holds credentials: tokens travel in headers,
/// which are not kept.
#[derive(Clone, Default)]
pub struct Context(Option<Box<Parts>>);

#[derive(Clone, Default)]
struct Parts {
    method: Option<&'static str>,
    url: Option<String>,
    operation: Option<&'static str>,
    body: Option<String>,
    cause: Option<Cause>,
}

impl Context {
    fn parts(&mut self) -> &mut Parts {
        self.0.get_or_insert_with(Default::default)
    }

    fn get(&self) -> Option<&Parts> {
        self.0.as_deref()
    }

    /// A context holding only the lower-level failure (a transport's).
    pub(crate) fn caused_by(cause: Cause) -> Self {
        let mut c = Context::default();
        c.parts().cause = Some(cause);
        c
    }

    /// The same context with `cause` beneath it.
    pub(crate) fn with_cause(mut self, cause: Cause) -> Self {
        self.parts().cause = Some(cause);
        self
    }

    /// A context holding an excerpt of the answer's body.
    pub(crate) fn answer(body: &str) -> Self {
        let mut c = Context::default();
        c.set_body(body);
        c
    }

    /// Record the body excerpt: bounded, one line, tokens blanked, so it is
    /// safe to log and to show.
    pub(crate) fn set_body(&mut self, body: &str) {
        if !body.trim().is_empty() {
            self.parts().body = Some(super::snippet(body));
        }
    }

    /// Name the request, keeping what an inner layer already named (a
    /// token call's own URL beats the API call that needed the token).
    pub(crate) fn fill(&mut self, method: &'static str, url: &str, operation: &'static str) {
        let p = self.parts();
        if p.url.is_none() {
            p.method = Some(method);
            p.url = Some(strip_userinfo(url));
            p.operation = Some(operation);
        }
    }

    /// The HTTP method of the request.
    pub fn method(&self) -> Option<&str> {
        self.get()?.method
    }

    /// The URL the request went to, query included, credentials never.
    pub fn url(&self) -> Option<&str> {
        self.get()?.url.as_deref()
    }

    /// The operationId of the call (`listApplicationSegments`; `request`
    /// for the escape hatch, `mintToken` for a token call).
    pub fn operation(&self) -> Option<&str> {
        self.get()?.operation
    }

    /// At most 300 bytes of the answer's body, control characters and
    /// JWT-shaped tokens blanked; an HTML page is reduced to its title.
    pub fn body(&self) -> Option<&str> {
        self.get()?.body.as_deref()
    }

    /// The lower-level failure: the transport's error (a `fetch` rejection,
    /// a reqwest error) or the JSON parser's.
    pub fn cause(&self) -> Option<&Cause> {
        self.get()?.cause.as_ref()
    }

    pub(crate) fn map_body(&mut self, f: impl Fn(String) -> String) {
        if let Some(p) = self.0.as_deref_mut() {
            p.body = p.body.take().map(f);
        }
    }
}

/// Equal when the request and excerpt are; causes are not comparable (a
/// JS value, a boxed error) and say nothing a caller tests on.
impl PartialEq for Context {
    fn eq(&self, other: &Self) -> bool {
        let key = |c: &Context| {
            c.get()
                .map(|p| (p.method, p.url.clone(), p.operation, p.body.clone()))
        };
        key(self) == key(other)
    }
}

impl fmt::Debug for Context {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let Some(p) = self.get() else {
            return f.write_str("Context(none)");
        };
        f.debug_struct("Context")
            .field("method", &p.method)
            .field("url", &p.url)
            .field("operation", &p.operation)
            .field("body", &p.body)
            .field("cause", &p.cause.as_ref().map(|c| c.to_string()))
            .finish()
    }
}

/// A URL without any `user:password@` part, in case a base URL held one.
fn strip_userinfo(url: &str) -> String {
    let Some(scheme_end) = url.find("://").map(|i| i + 3) else {
        return url.to_string();
    };
    let rest = &url[scheme_end..];
    let authority_end = rest.find(['/', '?', '#']).unwrap_or(rest.len());
    match rest[..authority_end].rfind('@') {
        Some(at) => format!("{}{}", &url[..scheme_end], &rest[at + 1..]),
        None => url.to_string(),
    }
}

/// The failure underneath an [`Error`](crate::Error), as
/// `std::error::Error::source()` gives it; in JS it becomes the error's
/// `cause`, the very value `fetch` rejected with.
#[derive(Clone)]
pub struct Cause {
    error: Arc<dyn std::error::Error + Send + Sync>,
    #[cfg(target_arch = "wasm32")]
    js: Option<wasm_bindgen::JsValue>,
}

impl Cause {
    /// Keep a Rust error as the cause.
    pub(crate) fn new(error: impl std::error::Error + Send + Sync + 'static) -> Self {
        Self {
            error: Arc::new(error),
            #[cfg(target_arch = "wasm32")]
            js: None,
        }
    }

    /// Keep a JS value a `fetch` rejected with, described by `message`.
    #[cfg(target_arch = "wasm32")]
    pub(crate) fn js(value: wasm_bindgen::JsValue, message: String) -> Self {
        Self {
            error: Arc::new(Described(message)),
            js: Some(value),
        }
    }

    /// The JS value this cause came from, if it came from JS.
    #[cfg(target_arch = "wasm32")]
    pub(crate) fn js_value(&self) -> Option<&wasm_bindgen::JsValue> {
        self.js.as_ref()
    }

    /// The error itself.
    pub fn error(&self) -> &(dyn std::error::Error + Send + Sync + 'static) {
        &*self.error
    }
}

impl fmt::Display for Cause {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        self.error.fmt(f)
    }
}

impl fmt::Debug for Cause {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "Cause({})", self.error)
    }
}

/// A failure known only by its description (a JS exception's message).
#[cfg(target_arch = "wasm32")]
#[derive(Debug)]
pub(crate) struct Described(pub String);

#[cfg(target_arch = "wasm32")]
impl fmt::Display for Described {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

#[cfg(target_arch = "wasm32")]
impl std::error::Error for Described {}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn urls_lose_user_info_and_keep_the_rest() {
        assert_eq!(
            strip_userinfo("https://u:p@api.example/zpa/x?a=b@c"),
            "https://api.example/zpa/x?a=b@c"
        );
        assert_eq!(
            strip_userinfo("https://api.example/x"),
            "https://api.example/x"
        );
        assert_eq!(strip_userinfo("/relative"), "/relative");
    }

    #[test]
    fn the_first_request_named_is_kept() {
        let mut c = Context::default();
        c.fill("POST", "https://id.example/oauth2/v1/token", "mintToken");
        c.fill("GET", "https://api.example/zpa/x", "listX");
        assert_eq!(c.operation(), Some("mintToken"));
        assert_eq!(c.method(), Some("POST"));
    }
}
