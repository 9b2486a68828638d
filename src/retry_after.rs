//! Reading how long a server asks us to wait, in every form seen in the
//! wild: `13`, `13s`, `1 seconds`, `0 seconds`, `2.5`, an HTTP-date, and
//! comma lists such as ZIdentity's `x-ratelimit-reset: 1, 1`.

/// Milliseconds to wait according to one header value, given the current
/// time (for HTTP-dates). `None` when the value is not understood.
pub fn parse_wait_ms(value: &str, now_ms: f64) -> Option<u64> {
    let value = value.trim();
    if value.is_empty() {
        return None;
    }
    if let Some(ms) = parse_http_date_ms(value) {
        return Some((ms - now_ms).max(0.0) as u64);
    }
    // A list (several rate-limit windows): the longest wait wins.
    value
        .split(',')
        .map(|part| parse_seconds(part.split(';').next().unwrap_or("")))
        .try_fold(None::<u64>, |acc, v| {
            v.map(|v| Some(acc.map_or(v, |a: u64| a.max(v))))
        })
        .flatten()
}

fn parse_seconds(s: &str) -> Option<u64> {
    let s = s.trim().to_ascii_lowercase();
    let number = s
        .strip_suffix("seconds")
        .or_else(|| s.strip_suffix("second"))
        .or_else(|| s.strip_suffix("secs"))
        .or_else(|| s.strip_suffix("sec"))
        .or_else(|| s.strip_suffix('s'))
        .unwrap_or(&s)
        .trim();
    let secs = parse_decimal(number)?;
    (secs.is_finite() && secs >= 0.0).then(|| (secs * 1000.0).ceil() as u64)
}

/// A decimal number in JSON's grammar (`2.5`, `1e3`; not `+2` or `.5`).
/// Read by serde_json, which the client links anyway, rather than by
/// `f64::from_str`, whose parser would add about 5 KB to the wasm.
pub(crate) fn parse_decimal(s: &str) -> Option<f64> {
    s.parse::<serde_json::Number>().ok()?.as_f64()
}

const MONTHS: [&str; 12] = [
    "jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec",
];

/// IMF-fixdate (`Sun, 06 Nov 1994 08:49:37 GMT`), the form RFC 9110 requires
/// senders to use, as milliseconds since the epoch.
fn parse_http_date_ms(s: &str) -> Option<f64> {
    let parts: Vec<&str> = s.split_whitespace().collect();
    let [weekday, day, month, year, time, zone] = parts.as_slice() else {
        return None;
    };
    if !weekday.ends_with(',') || !zone.eq_ignore_ascii_case("gmt") {
        return None;
    }
    let day: i64 = day.parse().ok()?;
    let month = MONTHS.iter().position(|m| m.eq_ignore_ascii_case(month))? as i64 + 1;
    let year: i64 = year.parse().ok()?;
    let hms: Vec<i64> = time
        .split(':')
        .map(|x| x.parse().ok())
        .collect::<Option<_>>()?;
    let [h, m, sec] = hms.as_slice() else {
        return None;
    };
    // IMF-fixdate years have four digits; the bound also keeps the day
    // arithmetic below from overflowing on a hostile header.
    if !(1..=31).contains(&day)
        || !(1..=9999).contains(&year)
        || !(0..=23).contains(h)
        || !(0..=59).contains(m)
        || !(0..=60).contains(sec)
    {
        return None;
    }
    let days = days_from_civil(year, month, day);
    Some(((days * 86_400 + h * 3600 + m * 60 + sec) * 1000) as f64)
}

/// Days since 1970-01-01 of a proleptic Gregorian date.
fn days_from_civil(y: i64, m: i64, d: i64) -> i64 {
    let y = if m <= 2 { y - 1 } else { y };
    let era = y.div_euclid(400);
    let yoe = y - era * 400;
    let doy = (153 * (m + if m > 2 { -3 } else { 9 }) + 2) / 5 + d - 1;
    let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    era * 146_097 + doe - 719_468
}

#[cfg(all(test, not(target_arch = "wasm32")))]
#[path = "retry_after_props.rs"]
mod props;

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_form_seen_in_the_wild() {
        assert_eq!(parse_wait_ms("13", 0.0), Some(13_000));
        assert_eq!(parse_wait_ms("13s", 0.0), Some(13_000));
        assert_eq!(parse_wait_ms("1 seconds", 0.0), Some(1_000));
        assert_eq!(parse_wait_ms("0 seconds", 0.0), Some(0));
        assert_eq!(parse_wait_ms("2.5", 0.0), Some(2_500));
        assert_eq!(parse_wait_ms("1, 1", 0.0), Some(1_000));
        assert_eq!(parse_wait_ms("2, 7;w=60", 0.0), Some(7_000));
        let date = "Sun, 06 Nov 1994 08:49:37 GMT";
        let at = 784_111_777_000.0;
        assert_eq!(parse_wait_ms(date, at - 5_000.0), Some(5_000));
        assert_eq!(
            parse_wait_ms(date, at + 5_000.0),
            Some(0),
            "a past date means now"
        );
    }

    #[test]
    fn nonsense_is_not_a_wait() {
        for v in [
            "",
            "soon",
            "-3",
            "NaN",
            "inf",
            "Sun, 06 Nov 1994 25:49:37 GMT",
            // A year this large used to overflow the day arithmetic.
            "Mon, 01 Jan 9223372036854775807 00:00:00 GMT",
            "1, x",
        ] {
            assert_eq!(parse_wait_ms(v, 0.0), None, "{v:?}");
        }
    }
}
