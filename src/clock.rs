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
