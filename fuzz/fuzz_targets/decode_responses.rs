//! Arbitrary bytes as a response body, through everything the client does
//! with one: error-body reading, the retry decision (which looks into ZIA's
//! JSON for `Retry-After`), typed model decoding, the schema walker, and
//! the one-pass scanner, which must never accept what the walker refuses.
//! None of it may panic, and a decoded model must encode to JSON that
//! decodes again.
#![no_main]

use libfuzzer_sys::fuzz_target;
use serde::{de::DeserializeOwned, Serialize};
use zscaler_wasm::error::parse_error_body;
use zscaler_wasm::http::HttpResponse;
use zscaler_wasm::retry::{decide, is_edit_lock, Outcome, RetryPolicy};
use zscaler_wasm::schema::{check, kind, Schemas, Ty};
use zscaler_wasm::schema_scan::fits;
use zscaler_wasm::{zia, zidentity, zpa};

/// Statuses with distinct handling; the first byte of the input picks one.
const STATUSES: [u16; 10] = [200, 400, 401, 403, 404, 409, 429, 500, 503, 504];

/// A small table with every `Ty` shape, nesting and a self-reference, so
/// the walker's recursion and error paths all see fuzzed JSON.
fn schemas() -> &'static Schemas {
    static TABLE: std::sync::OnceLock<&'static Schemas> = std::sync::OnceLock::new();
    TABLE.get_or_init(|| {
        Schemas::leak(&[
            &[
                ("children", Ty::array(Ty::object(0))),
                ("count", Ty::INT),
                ("enabled", Ty::BOOL),
                ("extra", Ty::ANY),
                ("id", Ty::STR),
                ("page", Ty::object(1)),
                ("ratio", Ty::NUM),
                ("tags", Ty::array(Ty::STR)),
            ],
            &[("list", Ty::array(Ty::object(0))), ("totalPages", Ty::STR)],
        ])
    })
}

/// Decode as the client does, and check the model survives a round trip.
fn round_trip<T: DeserializeOwned + Serialize>(body: &[u8]) {
    if let Ok(model) = serde_json::from_slice::<T>(body) {
        let text = serde_json::to_string(&model).expect("a decoded model encodes");
        serde_json::from_str::<T>(&text).expect("an encoded model decodes");
    }
}

fuzz_target!(|data: &[u8]| {
    let (pick, body) = data.split_first().unwrap_or((&0, &[]));
    let text = String::from_utf8_lossy(body).into_owned();

    let (code, message) = parse_error_body(&text);
    // Error details are bounded snippets, never the whole body.
    for part in [code, message].into_iter().flatten() {
        assert!(
            part.chars().count() <= 301,
            "{} chars",
            part.chars().count()
        );
        assert!(!part.chars().any(char::is_control), "{part:?}");
    }

    let resp = HttpResponse {
        status: STATUSES[*pick as usize % STATUSES.len()],
        headers: vec![("x-request-id".into(), "fuzz".into())],
        body: text,
        bytes: None,
    };
    let _ = is_edit_lock(&resp);
    for method in ["GET", "POST"] {
        let _ = decide(
            &RetryPolicy::default(),
            method,
            1,
            Outcome::Status(&resp),
            0.0,
            0.5,
        );
    }

    round_trip::<zpa::types::ApplicationSegmentPage>(body);
    round_trip::<zpa::types::ApplicationSegment>(body);
    round_trip::<Vec<zia::types::AdminUser>>(body);
    round_trip::<zidentity::types::UserPage>(body);

    let value = serde_json::from_slice::<serde_json::Value>(body).ok();
    if let Some(value) = &value {
        let _ = kind(value);
    }
    // The one-pass scanner may refuse more (duplicate keys), never less.
    for ty in [Ty::object(0), Ty::array(Ty::object(1)), Ty::ANY] {
        let slow = value
            .as_ref()
            .is_some_and(|v| check(schemas(), v, ty, "").is_ok());
        if let Ok(text) = std::str::from_utf8(body) {
            assert!(
                !fits(schemas(), text, ty) || slow,
                "scanner let through {text:?}"
            );
        }
    }
});
