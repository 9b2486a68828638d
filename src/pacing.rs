//! Client-side pacing to the documented rate limits, so a busy script
//! waits a moment instead of collecting 429s. One sliding window per
//! product and method class, as the registry documents them; the decision
//! is pure, given the time.

use crate::Product;
use std::collections::VecDeque;
use std::sync::Mutex;

/// A limit: at most `max` requests in any `window_ms`.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Limit {
    /// Requests allowed per window.
    pub max: usize,
    /// Window length.
    pub window_ms: u64,
}

/// The documented limit for `method` on `product` (from the registry),
/// with its bucket number.
pub fn documented_limit(product: Product, method: &str) -> Option<(usize, Limit)> {
    let (bucket, rule) = product.limit(method)?;
    Some((
        bucket,
        Limit {
            max: rule.max,
            window_ms: rule.window_ms,
        },
    ))
}

/// Remembers when recent requests were sent, per bucket.
#[derive(Debug)]
pub struct Pacer {
    sent: Mutex<Vec<VecDeque<f64>>>,
}

impl Default for Pacer {
    fn default() -> Self {
        let buckets = crate::product::bucket_count();
        Self {
            sent: Mutex::new(vec![VecDeque::new(); buckets]),
        }
    }
}

/// When a request may go, given the send times already in its window:
/// `now` if there is room, else when the oldest one leaves the window.
pub fn slot(sent: &mut VecDeque<f64>, limit: Limit, now: f64) -> f64 {
    let window = limit.window_ms as f64;
    while sent.front().is_some_and(|t| *t + window <= now) {
        sent.pop_front();
    }
    let at = if sent.len() < limit.max {
        now
    } else {
        sent[sent.len() - limit.max] + window
    };
    sent.push_back(at);
    at
}

impl Pacer {
    /// Reserve a send slot and return how long to wait for it.
    pub fn reserve(&self, product: Product, method: &str, now: f64) -> u64 {
        let Some((bucket, limit)) = documented_limit(product, method) else {
            return 0;
        };
        // A poisoned lock only means another call panicked mid-update; the
        // window data is still usable.
        let mut all = self.sent.lock().unwrap_or_else(|e| e.into_inner());
        (slot(&mut all[bucket], limit, now) - now).max(0.0) as u64
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn zia_gets_are_spaced_two_per_second() {
        let p = Pacer::default();
        let waits: Vec<u64> = (0..5)
            .map(|_| p.reserve(Product::Zia, "GET", 0.0))
            .collect();
        assert_eq!(waits, vec![0, 0, 1_000, 1_000, 2_000]);
    }

    #[test]
    fn zpa_allows_twenty_gets_per_ten_seconds() {
        let p = Pacer::default();
        let waits: Vec<u64> = (0..21)
            .map(|_| p.reserve(Product::Zpa, "GET", 0.0))
            .collect();
        assert!(waits[..20].iter().all(|w| *w == 0));
        assert_eq!(waits[20], 10_000);
        // Writes have their own budget.
        assert_eq!(p.reserve(Product::Zpa, "PUT", 0.0), 0);
    }

    #[test]
    fn the_window_slides() {
        let p = Pacer::default();
        assert_eq!(p.reserve(Product::Zia, "DELETE", 0.0), 0);
        assert_eq!(p.reserve(Product::Zia, "DELETE", 30_000.0), 30_000);
        assert_eq!(p.reserve(Product::Zia, "DELETE", 200_000.0), 0);
        assert_eq!(p.reserve(Product::Zidentity, "GET", 0.0), 0);
    }
}
