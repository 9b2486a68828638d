//! Header values through the wait parser and the retry decision: no value
//! may panic, and a value's surrounding whitespace must not matter.
#![no_main]

use libfuzzer_sys::fuzz_target;
use zscaler_wasm::http::HttpResponse;
use zscaler_wasm::retry::{decide, server_wait_ms, Outcome, RetryPolicy};
use zscaler_wasm::retry_after::parse_wait_ms;

const HEADERS: [&str; 4] = [
    "retry-after",
    "x-rate-limit-retry-after-seconds",
    "x-ratelimit-reset",
    "ratelimit-reset",
];

fuzz_target!(|data: &[u8]| {
    // Eight bytes of clock, so HTTP-dates meet past, future and NaN "now".
    let (now, rest) = match data.split_first_chunk::<8>() {
        Some((clock, rest)) => (f64::from_le_bytes(*clock), rest),
        None => (0.0, data),
    };
    let text = String::from_utf8_lossy(rest);
    for value in text.split('\n') {
        let wait = parse_wait_ms(value, now);
        assert_eq!(
            wait,
            parse_wait_ms(&format!(" \t{value} "), now),
            "{value:?}"
        );

        let policy = RetryPolicy::default();
        for (i, name) in HEADERS.iter().enumerate() {
            let resp = HttpResponse {
                status: if i % 2 == 0 { 429 } else { 503 },
                headers: vec![(name.to_string(), value.to_string())],
                body: String::new(),
                bytes: None,
            };
            assert_eq!(server_wait_ms(&resp, now), wait, "{name}: {value:?}");
            let _ = decide(&policy, "GET", 1, Outcome::Status(&resp), now, 0.5);
        }
    }
});
