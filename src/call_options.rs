//! Settings of one call (or one walk) that override the client's: a
//! timeout, an attempt budget and extra headers. A [`Client`] handle made
//! by [`Client::with_call_options`] carries them to every request it
//! sends, so walks and helpers need no extra parameter.
//!
//! [`Client`]: crate::Client
//! [`Client::with_call_options`]: crate::Client::with_call_options

use crate::Error;

/// The most pages an iterator may request ahead: ZPA's whole GET budget.
pub const MAX_PREFETCH: usize = 20;

/// Per-call overrides of the client options; `None` and an empty list keep
/// the client's own.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct CallOptions {
    /// Milliseconds to wait for each answer.
    pub timeout_ms: Option<u64>,
    /// Attempts in total, the first included (1 disables retries).
    pub max_attempts: Option<u32>,
    /// Headers sent after the client's own `headers` (same name: this
    /// value wins); never credentials.
    pub headers: Vec<(String, String)>,
    /// Pages a paged walk's iterator requests ahead of the one being
    /// consumed (at most `prefetch + 1` resident); within the rate budget.
    pub prefetch: Option<usize>,
}

impl CallOptions {
    /// Check the values and normalise header names to lower case, with the
    /// client options' rules.
    pub fn checked(mut self) -> Result<Self, Error> {
        if self.timeout_ms == Some(0) {
            return Err(Error::invalid("timeoutMs must be 1 or more"));
        }
        if self.max_attempts == Some(0) {
            return Err(Error::invalid("maxAttempts must be 1 or more"));
        }
        if self
            .prefetch
            .is_some_and(|n| !(1..=MAX_PREFETCH).contains(&n))
        {
            return Err(Error::invalid(format!(
                "prefetch must be 1 to {MAX_PREFETCH}"
            )));
        }
        for (name, value) in &mut self.headers {
            *name = check_header(name, value).map_err(Error::invalid)?;
        }
        Ok(self)
    }
}

/// A header the caller may add: a token name, a value on one line, and not
/// one the client sets itself (credentials, host, length). Returns the
/// lower-case name.
pub(crate) fn check_header(name: &str, value: &str) -> Result<String, String> {
    let lower = name.to_ascii_lowercase();
    let valid_name = !lower.is_empty()
        && lower
            .bytes()
            .all(|b| b.is_ascii_alphanumeric() || b"-_".contains(&b));
    if !valid_name || value.contains(['\r', '\n']) {
        return Err(format!("header {name:?} is not a valid header"));
    }
    if matches!(
        lower.as_str(),
        "authorization" | "cookie" | "auth-token" | "host" | "content-length"
    ) {
        return Err(format!("header {name:?} is set by the client itself"));
    }
    Ok(lower)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn values_are_checked_and_names_lowered() {
        let ok = CallOptions {
            headers: vec![("Time-Zone".into(), "UTC".into())],
            ..Default::default()
        };
        assert_eq!(ok.checked().unwrap().headers[0].0, "time-zone");
        for (bad, message) in [
            (
                CallOptions {
                    timeout_ms: Some(0),
                    ..Default::default()
                },
                "timeoutMs must be 1 or more",
            ),
            (
                CallOptions {
                    max_attempts: Some(0),
                    ..Default::default()
                },
                "maxAttempts must be 1 or more",
            ),
            (
                CallOptions {
                    headers: vec![("Cookie".into(), "a".into())],
                    ..Default::default()
                },
                "set by the client itself",
            ),
            (
                CallOptions {
                    headers: vec![("x-a".into(), "a\r\nb".into())],
                    ..Default::default()
                },
                "not a valid header",
            ),
        ] {
            let err = bad.checked().unwrap_err();
            assert!(err.to_string().contains(message), "{err}");
        }
    }
}
