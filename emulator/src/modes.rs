//! Switches the control API flips at run time: read-only mode, the ZIA edit
//! lock and rate limiting.
//! This module owns the switches; it may not act on them (see `gate`).

use std::sync::atomic::{AtomicBool, Ordering};

/// Run-time switches; atomics so the request path never takes a lock.
#[derive(Debug, Default)]
pub struct Modes {
    read_only: AtomicBool,
    edit_lock: AtomicBool,
    rate_limits: AtomicBool,
}

impl Modes {
    /// Switches with rate limiting as configured and everything else off.
    pub fn new(rate_limits: bool) -> Self {
        let m = Modes::default();
        m.set_rate_limits(rate_limits);
        m
    }

    /// True while every write is refused with 403 `STATE_READONLY`.
    pub fn read_only(&self) -> bool {
        self.read_only.load(Ordering::Relaxed)
    }

    /// Turns read-only mode on or off.
    pub fn set_read_only(&self, on: bool) {
        self.read_only.store(on, Ordering::Relaxed);
    }

    /// True while another (pretend) admin session holds ZIA's edit lock.
    pub fn edit_lock(&self) -> bool {
        self.edit_lock.load(Ordering::Relaxed)
    }

    /// Takes or releases the ZIA edit lock.
    pub fn set_edit_lock(&self, held: bool) {
        self.edit_lock.store(held, Ordering::Relaxed);
    }

    /// True when the documented per-product rate limits are enforced.
    pub fn rate_limits(&self) -> bool {
        self.rate_limits.load(Ordering::Relaxed)
    }

    /// Turns rate limiting on or off.
    pub fn set_rate_limits(&self, on: bool) {
        self.rate_limits.store(on, Ordering::Relaxed);
    }
}
