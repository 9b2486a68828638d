//! Integers a JS number cannot hold exactly.
//!
//! `JSON.parse` reads every number as a double, so an integer beyond
//! 2^53 − 1 comes out rounded without a word: the SCIM groups of a ZPA
//! tenant carry their identity provider's id (`idpId`, 18 digits) as a JSON
//! number, and a rounded id names another object or none. The JS API hands
//! such integers over as `BigInt`s: a page that holds one has its text
//! rewritten with each of them as a string behind a marker character, which
//! `JSON.parse`'s reviver turns into a `BigInt` (`src/js/body.js`). Pages
//! without one, nearly all of them, keep the plain `JSON.parse`.
//!
//! The functions here read JSON text without judging it: the scan or
//! `JSON.parse` does that. They only need to tell numbers from strings.

/// The largest integer up to which every integer is a distinct double,
/// `Number.MAX_SAFE_INTEGER`.
pub const MAX_SAFE: u64 = (1 << 53) - 1;

/// Whether an integer of magnitude `m` (already known to be a valid JSON
/// integer that fits in `u64`) loses digits as a JS number.
#[inline(always)]
pub fn beyond_safe(m: u64) -> bool {
    m > MAX_SAFE
}

/// Whether `text` holds an integer beyond [`MAX_SAFE`] outside strings.
pub fn any(text: &str) -> bool {
    let b = text.as_bytes();
    let mut found = false;
    numbers(b, |s, e| {
        found = wide(&b[s..e]);
        !found
    });
    found
}

/// `text` with every integer beyond [`MAX_SAFE`] written as a JSON string:
/// the marker character, then the integer's digits. The marker is a
/// control character that no string of `text` can contain (its escape
/// `\u00XX` does not occur), so the reviver converts exactly these. `None`
/// when every candidate occurs, which takes a page built to defeat it.
pub fn quote(text: &str) -> Option<(Vec<u8>, u8)> {
    let b = text.as_bytes();
    let mark = marker(b)?;
    let mut out = Vec::with_capacity(b.len() + 64);
    let mut copied = 0;
    numbers(b, |s, e| {
        if wide(&b[s..e]) {
            out.extend_from_slice(&b[copied..s]);
            let (hi, lo) = (HEX[usize::from(mark >> 4)], HEX[usize::from(mark & 0xf)]);
            out.extend_from_slice(&[b'"', b'\\', b'u', b'0', b'0', hi, lo]);
            out.extend_from_slice(&b[s..e]);
            out.push(b'"');
            copied = e;
        }
        true
    });
    out.extend_from_slice(&b[copied..]);
    Some((out, mark))
}

/// Calls `f(start, end)` for each number token outside strings until it
/// returns false. A token runs over the characters a JSON number may hold.
fn numbers(b: &[u8], mut f: impl FnMut(usize, usize) -> bool) {
    let mut i = 0;
    while i < b.len() {
        match b[i] {
            b'"' => {
                i += 1;
                while i < b.len() {
                    match b[i] {
                        b'"' => break,
                        b'\\' => i += 2,
                        _ => i += 1,
                    }
                }
                i += 1;
            }
            b'-' | b'0'..=b'9' => {
                let start = i;
                while i < b.len() && matches!(b[i], b'0'..=b'9' | b'-' | b'+' | b'.' | b'e' | b'E')
                {
                    i += 1;
                }
                if !f(start, i) {
                    return;
                }
            }
            _ => i += 1,
        }
    }
}

/// Whether a number token is a valid JSON integer beyond [`MAX_SAFE`].
/// Anything else (a fraction, an exponent, a malformed token) is left
/// alone: `JSON.parse` reads or refuses it as before.
fn wide(token: &[u8]) -> bool {
    let digits = token.strip_prefix(b"-").unwrap_or(token);
    if digits.is_empty() || !digits.iter().all(u8::is_ascii_digit) {
        return false;
    }
    if digits.len() > 1 && digits[0] == b'0' {
        return false;
    }
    // 2^53 − 1 has 16 digits; more digits are always beyond it.
    digits.len() > 16
        || (digits.len() == 16
            && beyond_safe(digits.iter().fold(0, |m, d| m * 10 + u64::from(d - b'0'))))
}

/// Control characters that have no short escape (`\b \t \n \f \r` do), so
/// a decoded string holds one only where `text` spells `\u00XX`.
const MARKERS: [u8; 27] = [
    0, 1, 2, 3, 4, 5, 6, 7, 11, 14, 15, 16, 17, 18, 19, 20, 21, 22, 23, 24, 25, 26, 27, 28, 29, 30,
    31,
];

/// The first marker whose `\u00XX` escape (either case) is not in `b`.
/// Raw control characters cannot be in a JSON string at all.
fn marker(b: &[u8]) -> Option<u8> {
    let mut seen = 0u32;
    for w in b.windows(6) {
        if w[..4] == *b"\\u00" {
            if let (Some(h), Some(l)) = (unhex(w[4]), unhex(w[5])) {
                if h < 2 {
                    seen |= 1 << (h * 16 + l);
                }
            }
        }
    }
    MARKERS.into_iter().find(|&m| seen & (1 << m) == 0)
}

fn unhex(c: u8) -> Option<u8> {
    (c as char).to_digit(16).map(|d| d as u8)
}

const HEX: &[u8; 16] = b"0123456789abcdef";

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn finds_only_integers_beyond_the_safe_range() {
        assert!(!any(r#"{"a": 9007199254740991, "b": -9007199254740991}"#));
        assert!(any(r#"{"a": 9007199254740992}"#));
        assert!(any(r#"[-9007199254740992]"#));
        assert!(any(r#"{"idpId":216196257331404659}"#));
        // Beyond u64 too.
        assert!(any(r#"[123456789012345678901234567890]"#));
        // Inside strings, keys, fractions, exponents and malformed tokens.
        assert!(!any(r#"{"216196257331404659": "216196257331404659"}"#));
        assert!(!any(
            r#"{"s": "a \"quoted\" 216196257331404659 \\", "n": 1}"#
        ));
        assert!(!any(
            r#"[216196257331404659.5, 2.16e17, 0216196257331404659]"#
        ));
    }

    #[test]
    fn quotes_each_wide_integer_behind_the_marker() {
        let text = r#"{"list":[{"id":"216196257331404660","idpId":216196257331404659,"n":-12345678901234567,"t":1}]}"#;
        let (out, mark) = quote(text).unwrap();
        let out = String::from_utf8(out).unwrap();
        assert_eq!(mark, 0);
        assert_eq!(
            out,
            r#"{"list":[{"id":"216196257331404660","idpId":"\u0000216196257331404659","n":"\u0000-12345678901234567","t":1}]}"#
        );
        // The result is JSON whose strings decode to marker + digits.
        let v: serde_json::Value = serde_json::from_str(&out).unwrap();
        assert_eq!(v["list"][0]["idpId"], "\u{0}216196257331404659");
        assert_eq!(v["list"][0]["t"], 1);
    }

    #[test]
    fn the_marker_avoids_characters_the_text_spells() {
        let text = r#"{"a":"\u0000 \u0001 \u001F \u0002","b":9999999999999999}"#;
        let (out, mark) = quote(text).unwrap();
        let out = String::from_utf8(out).unwrap();
        assert_eq!(mark, 3);
        assert!(out.ends_with(r#""b":"\u00039999999999999999"}"#));
        // Every candidate spelt: no marker is safe, so none is chosen.
        let all: String = MARKERS.iter().map(|m| format!("\\u{m:04x}")).collect();
        assert!(quote(&format!("[\"{all}\", 9999999999999999]")).is_none());
        assert_eq!(marker(b"\\u000B"), Some(0));
        assert_eq!(marker(br#"\u0000"#), Some(1));
    }

    #[test]
    fn text_without_wide_integers_is_unchanged() {
        let text = r#"{"a":[1,2.5,-3e4,"x"],"b":null}"#;
        assert_eq!(quote(text).unwrap().0, text.as_bytes());
    }
}
