//! Untrusted answer text made safe for messages: bounded, one line, no
//! markup, no tokens; and the products' error bodies read into a code and
//! a message.

/// Longest slice of a response body kept in an error message; enough to
/// read an HTML error page's title, not enough to hold a 50 MB body.
const MAX_DETAIL: usize = 300;

/// `text` with JWT-shaped runs (`eyJ…` `.` … `.` …) blanked: an answer that
/// echoes the request would otherwise put the bearer token in an error.
/// Every token this client holds (OneAPI, ZPA, legacy sessions) is a JWT.
fn redact_tokens(text: &str) -> String {
    if !text.contains("eyJ") {
        return text.to_string();
    }
    let is_part = |c: char| c.is_ascii_alphanumeric() || matches!(c, '-' | '_' | '.' | '=');
    let mut out = String::with_capacity(text.len());
    let mut rest = text;
    while let Some(i) = rest.find("eyJ") {
        out.push_str(&rest[..i]);
        let run = rest[i..]
            .find(|c: char| !is_part(c))
            .map_or(rest.len() - i, |n| n);
        let token = &rest[i..i + run];
        // Two dots make a JWT; one is a JWT cut short, still not shown.
        if token.contains('.') {
            out.push_str("<redacted>");
        } else {
            out.push_str(token);
        }
        rest = &rest[i + run..];
    }
    out.push_str(rest);
    out
}

/// Cut untrusted text to a bounded, single-line snippet for messages.
pub(crate) fn snippet(text: &str) -> String {
    // Tokens are blanked before cutting, so one cut in half is still found;
    // the window keeps that linear in what is shown, not in the body.
    let mut window = text.len().min(16 * MAX_DETAIL);
    while !text.is_char_boundary(window) {
        window -= 1;
    }
    let cut = window < text.len();
    let text = &redact_tokens(&text[..window]);
    // An HTML error page (a proxy's, a login portal's) says the most in its
    // title; its markup is noise, and no message should carry it.
    let trimmed = text.trim_start();
    if trimmed.starts_with('<') {
        let lower = trimmed.to_ascii_lowercase();
        let title = lower
            .find("<title>")
            .map(|i| i + "<title>".len())
            .and_then(|start| Some((start, start + lower[start..].find("</title>")?)))
            .map(|(a, b)| trimmed[a..b].trim().to_string())
            .filter(|t| !t.is_empty() && !t.contains(['<', '>']));
        return match title {
            Some(t) => format!("an HTML page titled {:?}", plain(&t)),
            None => "an HTML page".into(),
        };
    }
    let mut shown = plain(text);
    if cut && !shown.ends_with('…') {
        shown.push('…');
    }
    shown
}

/// At most [`MAX_DETAIL`] bytes of `text`, control characters blanked.
fn plain(text: &str) -> String {
    let mut end = text.len().min(MAX_DETAIL);
    while !text.is_char_boundary(end) {
        end -= 1;
    }
    let mut s: String = text[..end]
        .chars()
        .map(|c| if c.is_control() { ' ' } else { c })
        .collect();
    if end < text.len() {
        s.push('…');
    }
    s
}

/// Read the product-specific error body into `(code, message)`.
/// ZPA sends `{id, reason}`, ZIA `{code, message}`, the OneAPI gateway
/// `{detail}` and OAuth `{error, error_description}`.
///
/// Public only so the fuzz targets in `fuzz/` can reach it; not part of the
/// supported API.
#[doc(hidden)]
pub fn parse_error_body(body: &str) -> (Option<String>, Option<String>) {
    let Ok(serde_json::Value::Object(map)) = serde_json::from_str::<serde_json::Value>(body) else {
        return (None, None);
    };
    let text = |k: &str| map.get(k).and_then(|v| v.as_str()).map(snippet);
    let code = text("code")
        .or_else(|| text("id"))
        .or_else(|| text("error"))
        .or_else(|| text("errorCode"));
    let message = text("message")
        .or_else(|| text("reason"))
        .or_else(|| text("detail"))
        .or_else(|| text("error_description"))
        .or_else(|| text("errorMessage"));
    (code, message)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn tokens_are_blanked_whole_or_cut_and_other_text_is_kept() {
        let jwt = format!(
            "eyJhbGciOiJSUzI1NiJ9.{}.c2ln",
            "eyJzdWIiOiJ4In0".repeat(200)
        );
        let text = format!("{{\"seen\":\"Bearer {jwt}\",\"id\":\"eyJ-not-a-token\"}}");
        let shown = snippet(&text);
        assert!(
            shown.starts_with("{\"seen\":\"Bearer <redacted>\""),
            "{shown}"
        );
        assert!(shown.contains("eyJ-not-a-token"), "{shown}");
        // A token longer than the window is cut in half and still blanked.
        let long = format!("x {}.{}", "eyJ".repeat(10), "a".repeat(10_000));
        let shown = snippet(&long);
        assert_eq!(shown, "x <redacted>…");
        assert_eq!(snippet("plain"), "plain");
    }
}
