//! Rendered list pages, reused while the tenant data is unchanged.
//!
//! Client benchmarks hit the same list URLs over and over; serialising the
//! same page each time made the emulator their bottleneck. Entries are
//! tagged with the store generation (bumped by every mutable access to the
//! store, see `state::StoreGuard`), so a stale page can never be served.

use std::collections::HashMap;
use std::sync::Mutex;

use axum::body::Bytes;

/// Most pages kept; past this the cache starts over (cheap and bounded).
const MAX_ENTRIES: usize = 1024;

/// Page bytes by request key, each with the generation it was built at.
#[derive(Debug, Default)]
pub struct PageCache {
    pages: Mutex<HashMap<String, (u64, Bytes)>>,
}

impl PageCache {
    /// The page for `key` if it was rendered at `generation`.
    pub fn get(&self, key: &str, generation: u64) -> Option<Bytes> {
        let pages = self.pages.lock().unwrap_or_else(|e| e.into_inner());
        pages
            .get(key)
            .filter(|(g, _)| *g == generation)
            .map(|(_, b)| b.clone())
    }

    /// Remembers a page rendered at `generation`.
    pub fn put(&self, key: String, generation: u64, page: Bytes) {
        let mut pages = self.pages.lock().unwrap_or_else(|e| e.into_inner());
        if pages.len() >= MAX_ENTRIES {
            pages.clear();
        }
        pages.insert(key, (generation, page));
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn generation_must_match() {
        let c = PageCache::default();
        c.put("a".into(), 3, Bytes::from_static(b"x"));
        assert_eq!(c.get("a", 3).as_deref(), Some(&b"x"[..]));
        assert!(c.get("a", 4).is_none());
        assert!(c.get("b", 3).is_none());
    }
}
