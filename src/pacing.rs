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

/// A call the pacer will not wait for: its slot is further away than the
/// caller accepts (a quota used up for the day). Nothing was reserved.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Refused {
    /// How long until a slot frees.
    pub wait_ms: u64,
    /// The limit that is used up.
    pub limit: Limit,
}

/// A reserved send slot: how long to wait for it, and the limit that
/// made the wait (none when the call may go at once).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Slot {
    /// Milliseconds to wait.
    pub wait_ms: u64,
    /// The limit that is full now.
    pub limit: Option<Limit>,
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
            // Not `vec![..; n]`, whose cloning of a `VecDeque` is five more
            // functions compiled on every cold start.
            sent: Mutex::new((0..buckets).map(|_| VecDeque::new()).collect()),
        }
    }
}

/// When a request may go, given the send times already in its window:
/// `now` if there is room, else when the oldest one leaves the window.
/// Forgets sends that have left the window; records nothing.
pub fn next_slot(sent: &mut VecDeque<f64>, limit: Limit, now: f64) -> f64 {
    let window = limit.window_ms as f64;
    while sent.front().is_some_and(|t| *t + window <= now) {
        sent.pop_front();
    }
    if sent.len() < limit.max {
        now
    } else {
        sent[sent.len() - limit.max] + window
    }
}

/// One of a product's budgets as it stands: what a console shows, what a
/// walk reads to decide how many pages to ask for at once.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Budget {
    /// The methods it counts (`["GET"]`, `["*"]`); empty for a quota.
    pub methods: &'static [&'static str],
    /// The operations of a quota; empty for a method limit.
    pub operations: &'static [&'static str],
    /// Calls allowed per window.
    pub max: usize,
    /// The window.
    pub window_ms: u64,
    /// Calls that may go now without waiting.
    pub remaining: usize,
    /// How long until one more call has room (0 while `remaining > 0`).
    pub wait_ms: u64,
}

/// Calls still free in one window now (reserved future sends count as
/// used), and how long until the next frees.
fn standing(sent: &mut VecDeque<f64>, limit: Limit, now: f64) -> (usize, u64) {
    let at = next_slot(sent, limit, now);
    (
        limit.max.saturating_sub(sent.len()),
        (at - now).max(0.0) as u64,
    )
}

impl Pacer {
    /// How many calls of `method` (and `operation`'s quotas) may be sent
    /// now without waiting; `usize::MAX` when no limit covers them. Walks
    /// ask this before fanning out, so a walk takes what is free now and
    /// queues one page at a time after that, behind other callers' calls
    /// instead of ahead of them.
    pub fn room(&self, product: Product, method: &str, operation: &'static str, now: f64) -> usize {
        let mut all = self.sent.lock().unwrap_or_else(|e| e.into_inner());
        product
            .limits(method, operation)
            .map(|(bucket, max, window_ms)| {
                standing(&mut all[bucket], Limit { max, window_ms }, now).0
            })
            .min()
            .unwrap_or(usize::MAX)
    }

    /// Every budget of `product` as it stands at `now`: its method limits,
    /// then its quotas, in registry order.
    pub fn budgets(&self, product: Product, now: f64) -> Vec<Budget> {
        let mut all = self.sent.lock().unwrap_or_else(|e| e.into_inner());
        let info = product.info();
        let first = product.first_bucket();
        let rates = info
            .rate_limits
            .iter()
            .map(|r| (r.methods, &[][..], r.max, r.window_ms));
        let quotas = info
            .quotas
            .iter()
            .map(|q| (&[][..], q.operations, q.max, q.window_ms));
        rates
            .chain(quotas)
            .enumerate()
            .map(|(i, (methods, operations, max, window_ms))| {
                let (remaining, wait_ms) =
                    standing(&mut all[first + i], Limit { max, window_ms }, now);
                Budget {
                    methods,
                    operations,
                    max,
                    window_ms,
                    remaining,
                    wait_ms,
                }
            })
            .collect()
    }

    /// Reserve a send slot in every window the call counts in (its
    /// method's rate limit, its operation's quotas) and return how long to
    /// wait for it; or refuse, reserving nothing, when that is longer than
    /// `max_wait_ms`.
    pub fn reserve(
        &self,
        product: Product,
        method: &str,
        operation: &'static str,
        now: f64,
        max_wait_ms: u64,
    ) -> Result<Slot, Refused> {
        // A poisoned lock only means another call panicked mid-update; the
        // window data is still usable.
        let mut all = self.sent.lock().unwrap_or_else(|e| e.into_inner());
        let mut at = now;
        let mut binding = None;
        for (bucket, max, window_ms) in product.limits(method, operation) {
            let limit = Limit { max, window_ms };
            let slot = next_slot(&mut all[bucket], limit, now);
            if slot > at {
                at = slot;
                binding = Some(limit);
            }
        }
        let wait_ms = (at - now).max(0.0) as u64;
        if let Some(limit) = binding.filter(|_| wait_ms > max_wait_ms) {
            return Err(Refused { wait_ms, limit });
        }
        for (bucket, ..) in product.limits(method, operation) {
            all[bucket].push_back(at);
        }
        Ok(Slot {
            wait_ms,
            limit: binding,
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const ANY: u64 = u64::MAX;

    #[test]
    fn room_and_budgets_count_what_is_reserved() {
        let p = Pacer::default();
        assert_eq!(p.room(Product::Zpa, "GET", "x", 0.0), 20);
        for _ in 0..15 {
            p.reserve(Product::Zpa, "GET", "x", 0.0, ANY).unwrap();
        }
        assert_eq!(p.room(Product::Zpa, "GET", "x", 0.0), 5);
        assert_eq!(
            p.room(Product::Zpa, "PUT", "x", 0.0),
            Product::Zpa.info().rate_limits[1].max
        );
        for _ in 0..5 {
            p.reserve(Product::Zpa, "GET", "x", 0.0, ANY).unwrap();
        }
        let get = p
            .budgets(Product::Zpa, 1_000.0)
            .into_iter()
            .find(|b| b.methods.contains(&"GET"))
            .unwrap();
        assert_eq!((get.max, get.remaining, get.wait_ms), (20, 0, 9_000));
        // Past the window everything is free again.
        assert_eq!(p.room(Product::Zpa, "GET", "x", 10_000.0), 20);
        // ZIdentity documents no limit: any number may go.
        assert_eq!(p.room(Product::Zidentity, "GET", "x", 0.0), usize::MAX);
    }

    #[test]
    fn zia_gets_are_spaced_two_per_second() {
        let p = Pacer::default();
        let waits: Vec<u64> = (0..5)
            .map(|_| {
                p.reserve(Product::Zia, "GET", "listUsers", 0.0, ANY)
                    .unwrap()
                    .wait_ms
            })
            .collect();
        assert_eq!(waits, vec![0, 0, 1_000, 1_000, 2_000]);
    }

    #[test]
    fn zpa_allows_twenty_gets_per_ten_seconds() {
        let p = Pacer::default();
        let waits: Vec<u64> = (0..21)
            .map(|_| {
                p.reserve(Product::Zpa, "GET", "x", 0.0, ANY)
                    .unwrap()
                    .wait_ms
            })
            .collect();
        assert!(waits[..20].iter().all(|w| *w == 0));
        assert_eq!(waits[20], 10_000);
        // Writes have their own budget.
        assert_eq!(
            p.reserve(Product::Zpa, "PUT", "x", 0.0, ANY)
                .unwrap()
                .wait_ms,
            0
        );
    }

    #[test]
    fn the_window_slides() {
        let p = Pacer::default();
        assert_eq!(
            p.reserve(Product::Zia, "DELETE", "x", 0.0, ANY)
                .unwrap()
                .wait_ms,
            0
        );
        assert_eq!(
            p.reserve(Product::Zia, "DELETE", "x", 30_000.0, ANY)
                .unwrap()
                .wait_ms,
            30_000
        );
        assert_eq!(
            p.reserve(Product::Zia, "DELETE", "x", 200_000.0, ANY)
                .unwrap()
                .wait_ms,
            0
        );
        assert_eq!(
            p.reserve(Product::Zidentity, "GET", "x", 0.0, ANY)
                .unwrap()
                .wait_ms,
            0
        );
    }

    #[test]
    fn a_wait_beyond_the_caller_s_limit_is_refused_and_reserves_nothing() {
        let p = Pacer::default();
        let go = |now| {
            p.reserve(Product::Zia, "GET", "x", now, 500)
                .map(|s| s.wait_ms)
        };
        assert_eq!(go(0.0), Ok(0));
        assert_eq!(go(0.0), Ok(0));
        let refused = go(0.0).unwrap_err();
        assert_eq!(refused.wait_ms, 1_000);
        assert_eq!(
            refused.limit,
            Limit {
                max: 2,
                window_ms: 1_000
            }
        );
        // The refusal took no slot: the next second has room for two.
        assert_eq!(go(1_000.0), Ok(0));
        assert_eq!(go(1_000.0), Ok(0));
    }

    #[cfg(feature = "zcc")]
    #[test]
    fn zcc_downloads_have_a_daily_quota_on_top_of_the_hourly_limit() {
        const DAY: u64 = 86_400_000;
        let p = Pacer::default();
        let go = |op, now| {
            p.reserve(Product::Zcc, "GET", op, now, 60_000)
                .map(|s| s.wait_ms)
        };
        for i in 0..3 {
            assert_eq!(go("downloadDevices", i as f64), Ok(0));
        }
        let refused = go("downloadDevices", 10.0).unwrap_err();
        assert_eq!(
            refused.limit,
            Limit {
                max: 3,
                window_ms: DAY
            }
        );
        assert_eq!(refused.wait_ms, DAY - 10, "the first download was at 0");
        // Each download has its own quota.
        assert_eq!(go("downloadServiceStatus", 11.0), Ok(0));
        // Other operations only count against the hourly 100, of which the
        // downloads used four.
        for i in 0..96 {
            assert_eq!(go("listDevices", 20.0 + i as f64), Ok(0), "call {i}");
        }
        let hourly = go("listDevices", 200.0).unwrap_err();
        assert_eq!(
            hourly.limit,
            Limit {
                max: 100,
                window_ms: 3_600_000
            }
        );
        // A day later the quota is back.
        assert_eq!(go("downloadDevices", DAY as f64 + 1.0), Ok(0));
    }
}
