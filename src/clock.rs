//! Wall-clock milliseconds on every target, for token expiry.

/// Milliseconds since the Unix epoch.
#[cfg(target_arch = "wasm32")]
pub fn now_ms() -> f64 {
    js_sys::Date::now()
}

/// Milliseconds since the Unix epoch.
#[cfg(not(target_arch = "wasm32"))]
pub fn now_ms() -> f64 {
    std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map(|d| d.as_secs_f64() * 1000.0)
        .unwrap_or(0.0)
}

/// A uniform number in `[0, 1)` for backoff jitter; not for secrets.
#[cfg(target_arch = "wasm32")]
pub fn jitter() -> f64 {
    js_sys::Math::random()
}

/// A uniform number in `[0, 1)` for backoff jitter; not for secrets.
#[cfg(not(target_arch = "wasm32"))]
pub fn jitter() -> f64 {
    use std::hash::{BuildHasher, Hasher};
    // RandomState is seeded per instance by the OS: enough to spread
    // retries of many clients apart.
    let mut h = std::collections::hash_map::RandomState::new().build_hasher();
    h.write_u64(now_ms().to_bits());
    (h.finish() >> 11) as f64 / (1u64 << 53) as f64
}

/// `ms` since the epoch as an ISO 8601 UTC time to the second
/// (`2026-12-07T07:30:00Z`), for messages that say when to come back.
pub fn iso_utc(ms: u64) -> String {
    let secs = ms / 1000;
    let (days, rem) = (secs / 86_400, secs % 86_400);
    // Howard Hinnant's civil-from-days, for days since 1970-01-01.
    let z = days as i64 + 719_468;
    let era = z.div_euclid(146_097);
    let doe = z - era * 146_097;
    let yoe = (doe - doe / 1_460 + doe / 36_524 - doe / 146_096) / 365;
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    let mp = (5 * doy + 2) / 153;
    let day = doy - (153 * mp + 2) / 5 + 1;
    let month = if mp < 10 { mp + 3 } else { mp - 9 };
    let year = yoe + era * 400 + i64::from(month <= 2);
    format!(
        "{year:04}-{month:02}-{day:02}T{:02}:{:02}:{:02}Z",
        rem / 3600,
        rem % 3600 / 60,
        rem % 60
    )
}

/// A window length as people say it: `24 h`, `10 min`, `10 s`, `1500 ms`.
pub fn span(ms: u64) -> String {
    match ms {
        ms if ms % 3_600_000 == 0 => format!("{} h", ms / 3_600_000),
        ms if ms % 60_000 == 0 => format!("{} min", ms / 60_000),
        ms if ms % 1000 == 0 => format!("{} s", ms / 1000),
        ms => format!("{ms} ms"),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn iso_times_match_known_dates() {
        assert_eq!(iso_utc(0), "1970-01-01T00:00:00Z");
        // 2000-02-29 (a leap day in a century year) and a late 2026 time.
        assert_eq!(iso_utc(951_782_400_000), "2000-02-29T00:00:00Z");
        assert_eq!(iso_utc(1_796_628_645_000), "2026-12-07T07:30:45Z");
    }

    #[test]
    fn spans_read_naturally() {
        assert_eq!(span(86_400_000), "24 h");
        assert_eq!(span(600_000), "10 min");
        assert_eq!(span(10_000), "10 s");
        assert_eq!(span(1_500), "1500 ms");
    }
}
