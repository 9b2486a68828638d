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

/// The objects every tenant has from the start, whatever its data: ZPA
/// enrollment certificates, isolation regions and profile, authentication
/// domains; ZIA admin roles, predefined network services, VIPs and
/// supported browser versions. Kept as data in the seed file format (values
/// invented for the emulator, names and shapes as on the real tenants).
const PREDEFINED: &str = include_str!("predefined.json");

/// Builds a fresh store for `seed`.
pub fn build(seed: Seed) -> Store {
    let mut store = Store::default();
    store.ids.numeric = ZPA_ID_BASE;
    store.ids.int = ZIA_ID_BASE;
    zpa::default_microtenant(&mut store);
    let predefined: serde_json::Value =
        serde_json::from_str(PREDEFINED).expect("predefined.json is JSON");
    file::apply(&mut store, &predefined).expect("predefined.json names spec paths");
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
    // Seeded segments may declare typed applications too.
    crate::products::zpa_typed_apps::sync(&mut store);
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

    #[test]
    fn every_tenant_has_the_predefined_objects() {
        for seed in [Seed::Demo, Seed::Empty] {
            let s = build(seed);
            let names = |key: &str| -> Vec<String> {
                s.collection(key)
                    .iter()
                    .filter_map(|o| o["name"].as_str().map(String::from))
                    .collect()
            };
            let certs = names("zpa:/mgmtconfig/admin/customers/{}/enrollmentCert");
            assert_eq!(certs, ["Root", "Client", "Connector", "Service Edge"]);
            let services = names("zia:/api/networkServices");
            for n in ["ICMP_ANY", "UDP_ANY", "TCP_ANY", "DNS"] {
                assert!(services.iter().any(|s| s == n), "{seed:?}: {n}");
            }
            assert!(names("zia:/api/adminRoles").contains(&"Super Admin".to_string()));
            assert!(!s
                .collection("zpa:/cbiconfig/cbi/api/customers/{}/regions")
                .is_empty());
            let domains = &s.singletons["zpa:/mgmtconfig/admin/customers/{}/authDomains"];
            assert!(domains["authDomains"]
                .as_array()
                .is_some_and(|d| !d.is_empty()));
        }
    }
}
