//! Unpredictable values without a `rand` dependency.
//!
//! The standard library's `RandomState` is seeded from the OS; hashing a
//! counter with fresh instances of it is plenty for opaque tokens and request
//! ids in a local test server (nothing here is a security boundary).
//!
//! This module owns random ids only.

use std::collections::hash_map::RandomState;
use std::hash::{BuildHasher, Hasher};
use std::sync::atomic::{AtomicU64, Ordering};

static COUNTER: AtomicU64 = AtomicU64::new(0);

/// A fresh unpredictable 64-bit value.
pub fn u64() -> u64 {
    let mut h = RandomState::new().build_hasher();
    h.write_u64(COUNTER.fetch_add(1, Ordering::Relaxed));
    h.finish()
}

/// `n` random 64-bit words as lowercase hex.
pub fn hex(words: usize) -> String {
    (0..words).map(|_| format!("{:016x}", u64())).collect()
}

/// A process-wide increasing number, for ids that must be unique.
pub fn sequence() -> u64 {
    COUNTER.fetch_add(1, Ordering::Relaxed)
}
