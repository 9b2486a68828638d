//! Property tests of the wait-header parser. The HTTP-date oracle below
//! counts days year by year on purpose: it shares no arithmetic with the
//! closed-form conversion under test, so a shared mistake cannot hide.

use super::parse_wait_ms;
use proptest::prelude::*;

/// Largest whole seconds whose milliseconds an `f64` still holds exactly.
const MAX_EXACT_SECS: u64 = 9_000_000_000_000;

/// Seconds since the epoch of 9999-12-31T23:59:59Z, the last four-digit year.
const MAX_DATE_SECS: u64 = 253_402_300_799;

fn is_leap(year: u64) -> bool {
    (year % 4 == 0 && year % 100 != 0) || year % 400 == 0
}

/// `secs` since the epoch as an IMF-fixdate, by plain counting.
fn imf_fixdate(secs: u64, upper: bool) -> String {
    const DAYS: [&str; 7] = ["Thu", "Fri", "Sat", "Sun", "Mon", "Tue", "Wed"];
    const MONTHS: [&str; 12] = [
        "Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec",
    ];
    let mut days = secs / 86_400;
    let rem = secs % 86_400;
    let weekday = DAYS[(days % 7) as usize];
    let mut year = 1970;
    while days >= if is_leap(year) { 366 } else { 365 } {
        days -= if is_leap(year) { 366 } else { 365 };
        year += 1;
    }
    let lengths = [
        31,
        if is_leap(year) { 29 } else { 28 },
        31,
        30,
        31,
        30,
        31,
        31,
        30,
        31,
        30,
        31,
    ];
    let mut month = 0;
    while days >= lengths[month] {
        days -= lengths[month];
        month += 1;
    }
    let text = format!(
        "{weekday}, {:02} {} {year} {:02}:{:02}:{:02} GMT",
        days + 1,
        MONTHS[month],
        rem / 3600,
        rem / 60 % 60,
        rem % 60
    );
    if upper {
        text.to_ascii_uppercase()
    } else {
        text
    }
}

/// Header text shaped like the inputs the parser branches on, with
/// arbitrary numbers where a server could put them.
fn near_miss() -> impl Strategy<Value = String> {
    prop_oneof![
        any::<String>(),
        (
            any::<i64>(),
            any::<i64>(),
            any::<i64>(),
            any::<i64>(),
            any::<i64>()
        )
            .prop_map(|(d, y, h, m, s)| format!("Sun, {d} Nov {y} {h}:{m}:{s} GMT")),
        // Valid fields around any year: the year is what reaches the day
        // arithmetic, so it must not be able to overflow it.
        (1u8..=31, any::<i64>(), 0u8..24, 0u8..60, 0u8..61)
            .prop_map(|(d, y, h, m, s)| format!("Mon, {d:02} Jan {y} {h:02}:{m:02}:{s:02} GMT")),
        (any::<f64>(), "(s|sec|secs|second|seconds|;w=1|,| )*")
            .prop_map(|(n, tail)| format!("{n}{tail}")),
        "[0-9 ,;.=a-zA-Z:+-]{0,40}",
    ]
}

proptest! {
    #[test]
    fn whole_seconds_in_every_spelling(
        n in 0..=MAX_EXACT_SECS,
        form in 0usize..7,
        pad in "[ \t]{0,3}",
    ) {
        let body = match form {
            0 => format!("{n}"),
            1 => format!("{n}s"),
            2 => format!("{n} seconds"),
            3 => format!("{n} second"),
            4 => format!("{n}sec"),
            5 => format!("{n} secs"),
            _ => format!("{n} SECONDS"),
        };
        let value = format!("{pad}{body}{pad}");
        prop_assert_eq!(parse_wait_ms(&value, 0.0), Some(n * 1000), "{:?}", value);
    }

    #[test]
    fn fractional_seconds_round_up_to_the_millisecond(
        whole in 0u64..1_000_000,
        millis in 0u64..1000,
    ) {
        // Ceiling, so a client never comes back early; f64 noise may add
        // at most one millisecond.
        let exact = whole * 1000 + millis;
        let got = parse_wait_ms(&format!("{whole}.{millis:03}"), 0.0).unwrap();
        prop_assert!(got == exact || got == exact + 1, "{whole}.{millis:03} -> {got}");
    }

    #[test]
    fn a_list_waits_for_its_longest_window(
        parts in prop::collection::vec((0u64..100_000, prop::option::of(0u32..3600)), 1..6),
    ) {
        let value = parts
            .iter()
            .map(|(n, w)| match w {
                Some(w) => format!("{n};w={w}"),
                None => n.to_string(),
            })
            .collect::<Vec<_>>()
            .join(", ");
        let longest = parts.iter().map(|(n, _)| *n).max().unwrap();
        prop_assert_eq!(parse_wait_ms(&value, 0.0), Some(longest * 1000));
    }

    #[test]
    fn one_unreadable_part_spoils_a_list(
        parts in prop::collection::vec(0u64..100_000, 0..4),
        at in 0usize..4,
        junk in "[a-rt-z]{1,6}",
    ) {
        let mut items: Vec<String> = parts.iter().map(u64::to_string).collect();
        items.insert(at.min(items.len()), junk);
        prop_assert_eq!(parse_wait_ms(&items.join(", "), 0.0), None);
    }

    #[test]
    fn negative_waits_are_refused(n in 1u64..=MAX_EXACT_SECS, suffix in "(|s| seconds)") {
        prop_assert_eq!(parse_wait_ms(&format!("-{n}{suffix}"), 0.0), None);
    }

    #[test]
    fn an_http_date_is_its_distance_from_now(
        at in 0..=MAX_DATE_SECS,
        ahead in -1_000_000_000_000i64..1_000_000_000_000,
        frac in 0.0f64..1.0,
        upper in any::<bool>(),
    ) {
        let date = imf_fixdate(at, upper);
        let now = (at as i64 * 1000 - ahead) as f64 + frac;
        let got = parse_wait_ms(&date, now);
        // A past date means "now"; otherwise the exact distance, less the
        // sub-millisecond part of `now`.
        let want = ahead.max(0) as u64;
        let got = got.unwrap_or_else(|| panic!("{date:?} was not read"));
        prop_assert!(got == want || got + 1 == want, "{date:?} at {now}: {got} vs {want}");
    }

    #[test]
    fn anything_else_never_panics(value in near_miss(), now in any::<f64>()) {
        let _ = parse_wait_ms(&value, now);
    }
}
