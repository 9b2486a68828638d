//! Seed data: the demo tenant and the empty tenant.
//!
//! All seed data is written for the emulator (names, ids and timestamps are
//! invented) but every object mirrors the field names and JSON types of the
//! real APIs. Some names deliberately carry hostile or unusual text so UIs
//! built on the client get exercised against injection and rendering bugs.
//!
//! This folder owns the initial tenant (demo data, seed files, bulk
//! records); it may not hold behaviour served at run time.

pub mod bulk;
pub mod file;
pub mod names;
mod zia;
mod zidentity;
mod zpa;
mod zpa_apps;

use crate::config::{Config, Seed};
use crate::store::{Store, ZIA_ID_BASE, ZPA_ID_BASE};

/// An attribute-breaking HTML injection payload.
pub const XSS_IMG: &str = "\"/><img src=x onerror=alert(1)>";
/// A script-tag injection payload.
pub const XSS_SCRIPT: &str = "<script>alert(1)</script>";
/// A long name mixing scripts, combining marks and symbols.
pub const LONG_UNICODE: &str = "Ünïcödé Überwachungsplattform — Мониторинг инфраструктуры — 監視ダッシュボード — مراقبة الشبكة — ÆØÅ ∑∂∆ — a deliberately long application name for truncation and wrapping tests";
/// A name containing an emoji (a surrogate pair in UTF-16).
pub const EMOJI_NAME: &str = "🚀 Launch Control";

/// Unix time the demo objects pretend to have been created around.
pub const SEED_EPOCH: u64 = 1_700_000_000;

/// Builds a fresh store for `seed`.
pub fn build(seed: Seed) -> Store {
    let mut store = Store::default();
    store.ids.numeric = ZPA_ID_BASE;
    store.ids.int = ZIA_ID_BASE;
    zpa::default_microtenant(&mut store);
    if seed == Seed::Demo {
        zpa::demo(&mut store);
        zia::demo(&mut store);
        zidentity::demo(&mut store);
    }
    store
}

/// Builds the store a running emulator starts (and resets) with: `seed`,
/// then the configured seed file, then the configured bulk records.
pub fn tenant(config: &Config, seed: Seed) -> Result<Store, String> {
    let mut store = build(seed);
    if let Some(doc) = &config.seed_file {
        file::apply(&mut store, doc).map_err(|e| format!("seed file: {e}"))?;
    }
    bulk::apply(&mut store, &config.bulk)?;
    Ok(store)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::collections::*;
    use std::collections::HashSet;

    #[test]
    fn demo_counts() {
        let s = build(Seed::Demo);
        for (key, n) in [
            (ZPA_APPLICATIONS, 45),
            (ZPA_SEGMENT_GROUPS, 6),
            (ZPA_SERVER_GROUPS, 4),
            (ZPA_IDPS, 2),
            (ZPA_MICROTENANTS, 2),
            (ZIA_USERS, 30),
            (ZIA_GROUPS, 8),
            (ZIA_DEPARTMENTS, 8),
            (ZIDENTITY_USERS, 25),
            (ZIDENTITY_GROUPS, 6),
        ] {
            assert_eq!(s.collection(key).len(), n, "{key}");
        }
        let ids: HashSet<String> = s
            .collection(ZPA_APPLICATIONS)
            .iter()
            .map(|a| a["id"].as_str().unwrap().to_string())
            .collect();
        assert_eq!(ids.len(), 45);
    }

    #[test]
    fn empty_has_only_default_microtenant() {
        let s = build(Seed::Empty);
        assert_eq!(s.collection(ZPA_MICROTENANTS).len(), 1);
        assert_eq!(s.collection(ZPA_MICROTENANTS)[0]["id"], "0");
        assert!(s.collection(ZPA_APPLICATIONS).is_empty());
        assert!(s.collection(ZIA_USERS).is_empty());
        assert!(s.collection(ZIDENTITY_USERS).is_empty());
    }
}
