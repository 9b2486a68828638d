//! Plain HTTP request and response values that cross the transport
//! boundary; no transport type leaks past it.

/// A request ready to send.
#[derive(Clone)]
pub struct HttpRequest {
    /// `GET`, `POST`, ...
    pub method: &'static str,
    /// The absolute URL.
    pub url: String,
    /// Header pairs. The `Authorization` value is secret: never print it.
    pub headers: Vec<(String, String)>,
    /// The body, already encoded.
    pub body: Option<String>,
}

impl std::fmt::Debug for HttpRequest {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        // Header values may hold a bearer token and bodies a client secret,
        // so only their names and sizes are shown.
        f.debug_struct("HttpRequest")
            .field("method", &self.method)
            .field("url", &self.url)
            .field(
                "headers",
                &self
                    .headers
                    .iter()
                    .map(|(k, _)| k.as_str())
                    .collect::<Vec<_>>(),
            )
            .field("body_len", &self.body.as_ref().map(String::len))
            .finish()
    }
}

/// A response as received.
#[derive(Clone, Debug, Default)]
pub struct HttpResponse {
    /// The HTTP status code.
    pub status: u16,
    /// Headers with lower-cased names.
    pub headers: Vec<(String, String)>,
    /// The body as text (invalid UTF-8 read as U+FFFD).
    pub body: String,
    /// The body's bytes, kept only when they are not valid UTF-8, so that
    /// a binary download survives the text decoding of `body`.
    pub bytes: Option<Vec<u8>>,
}

impl HttpResponse {
    /// A response from the bytes a transport read. Valid UTF-8 becomes
    /// `body` without a copy; anything else is kept as it came as well.
    pub fn from_bytes(status: u16, headers: Vec<(String, String)>, bytes: Vec<u8>) -> Self {
        let (body, bytes) = match String::from_utf8(bytes) {
            Ok(text) => (text, None),
            Err(e) => (
                String::from_utf8_lossy(e.as_bytes()).into_owned(),
                Some(e.into_bytes()),
            ),
        };
        HttpResponse {
            status,
            headers,
            body,
            bytes,
        }
    }

    /// The body exactly as received.
    pub fn into_bytes(self) -> Vec<u8> {
        self.bytes.unwrap_or_else(|| self.body.into_bytes())
    }

    /// The first header of that (lower-case) name.
    pub fn header(&self, name: &str) -> Option<&str> {
        self.headers
            .iter()
            .find(|(k, _)| k == name)
            .map(|(_, v)| v.as_str())
    }

    /// The gateway's request id, for error reports.
    pub fn request_id(&self) -> Option<String> {
        self.header("x-oneapi-request-id")
            .or_else(|| self.header("x-request-id"))
            .map(str::to_string)
    }

    /// Whether the status is 2xx.
    pub fn is_success(&self) -> bool {
        (200..300).contains(&self.status)
    }
}
