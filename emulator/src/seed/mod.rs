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
mod zcc;
mod zdx;
mod zia;
mod zidentity;
mod zpa;
mod zpa_apps;
mod ztw;
mod zwa;

use serde_json::Value;

use crate::config::{Config, Seed};
use crate::spec::{self, PathKind};
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
/// supported browser versions; ZTW's default location template. Kept as data in the seed file format (values
/// invented for the emulator, names and shapes as on the real tenants).
const PREDEFINED: &str = include_str!("predefined.json");

/// Storage key of a concrete spec path (`/v1/apps/7/score`) of the product
/// named `product`: its collection's key for collections and items, its own
/// key for singletons. The newer products' seeds address their data by path
/// because most of it has no short name, and some collections (ZWA
/// incidents) exist only through their item paths.
pub fn key_of(product: &str, path: &str) -> String {
    let p = names::product(product).expect("a registry product");
    let full = format!("{}{}", p.gateway, path);
    let found = spec::index()
        .find(&full)
        .unwrap_or_else(|| panic!("{full} is a spec path"));
    match found.entry.kind {
        PathKind::Singleton => found.full_key(),
        _ => found.collection_key(),
    }
}

/// Appends `obj` to the collection at `path` (see [`key_of`]).
fn push(z: &mut Store, product: &str, path: &str, obj: Value) {
    z.collection_mut(&key_of(product, path)).push(obj);
}

/// Stores `value` as the singleton at `path` (see [`key_of`]).
fn put(z: &mut Store, product: &str, path: &str, value: Value) {
    z.singletons.insert(key_of(product, path), value);
}

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
        zcc::demo(&mut store);
        ztw::demo(&mut store);
        zdx::demo(&mut store);
        zwa::demo(&mut store);
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
        for (product, path, n) in [
            ("zcc", "/papi/public/v1/getDevices", 25),
            ("zcc", "/papi/public/v1/webTrustedNetwork/listByCompany", 3),
            (
                "zcc",
                "/papi/public/v1/webForwardingProfile/listByCompany",
                3,
            ),
            ("zcc", "/papi/public/v1/webFailOpenPolicy/listByCompany", 1),
            ("ztw", "/api/v1/ecgroup", 4),
            ("ztw", "/api/v1/location", 5),
            ("ztw", "/api/v1/locationTemplate", 3),
            ("ztw", "/api/v1/provUrl", 3),
            ("zdx", "/v1/apps", 6),
            ("zdx", "/v1/alerts/ongoing", 3),
            ("zdx", "/v1/alerts/historical", 5),
            ("zdx", "/v1/alerts/1", 8),
            ("zdx", "/v1/devices", 8),
            ("zdx", "/v1/users", 8),
            ("zwa", "/dlp/v1/incidents/1", 10),
        ] {
            assert_eq!(
                s.collection(&key_of(product, path)).len(),
                n,
                "{product} {path}"
            );
        }
        // Every ZDX app has its score series and three metric series.
        for app in s.collection(&key_of("zdx", "/v1/apps")) {
            let id = &app["id"];
            let score = &s.singletons[&key_of("zdx", &format!("/v1/apps/{id}/score"))];
            assert_eq!(score["datapoints"].as_array().map(Vec::len), Some(288));
            let metrics = s.collection(&key_of("zdx", &format!("/v1/apps/{id}/metrics")));
            assert_eq!(metrics.len(), 3);
        }
        let udids: HashSet<&str> = s
            .collection(&key_of("zcc", "/papi/public/v1/getDevices"))
            .iter()
            .filter_map(|d| d["udid"].as_str())
            .collect();
        assert_eq!(udids.len(), 25);
    }

    #[test]
    fn empty_has_only_default_microtenant() {
        let s = build(Seed::Empty);
        assert_eq!(s.collection(ZPA_MICROTENANTS).len(), 1);
        assert_eq!(s.collection(ZPA_MICROTENANTS)[0]["id"], "0");
        assert!(s.collection(ZPA_APPLICATIONS).is_empty());
        assert!(s.collection(ZIA_USERS).is_empty());
        assert!(s.collection(ZIDENTITY_USERS).is_empty());
        assert!(s
            .collection(&key_of("zcc", "/papi/public/v1/getDevices"))
            .is_empty());
        assert!(s
            .collection(&key_of("zwa", "/dlp/v1/incidents/1"))
            .is_empty());
        // Only the predefined default location template.
        assert_eq!(
            s.collection(&key_of("ztw", "/api/v1/locationTemplate"))
                .len(),
            1
        );
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
