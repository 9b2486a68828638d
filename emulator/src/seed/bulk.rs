//! `--bulk zpa.applications=10000,zia.users=5000`: generated records on top
//! of the seed, for pagination and load tests.
//!
//! Generation clones one fully built template per collection and patches
//! the fields that must differ, so 10,000 ZPA segments take milliseconds.
//!
//! This module owns generated records; it may not touch anything but the
//! store it is given.

use serde_json::{json, Map};

use super::names::{self, Target};
use crate::collections::{ZpaView, ZIA_DEPARTMENTS, ZIA_USERS, ZIDENTITY_USERS, ZPA_APPLICATIONS};
use crate::config::Bulk;
use crate::product::Product;
use crate::products::zpa_model::{self, Coll};
use crate::store::{now_secs, Store};

/// Parses `a.b=N,c.d=M`; errors are user-facing.
pub fn parse(spec: &str) -> Result<Vec<Bulk>, String> {
    spec.split(',')
        .filter(|s| !s.trim().is_empty())
        .map(|item| {
            let (target, count) = item
                .split_once('=')
                .ok_or_else(|| format!("--bulk: expected product.collection=N, got {item:?}"))?;
            let count: usize = count
                .trim()
                .parse()
                .map_err(|_| format!("--bulk: not a count: {count:?}"))?;
            Ok(Bulk {
                target: target.trim().to_string(),
                count,
            })
        })
        .collect()
}

/// Adds every requested batch to `store`.
pub fn apply(store: &mut Store, bulk: &[Bulk]) -> Result<(), String> {
    for b in bulk {
        let (product, name) = b
            .target
            .split_once('.')
            .and_then(|(p, n)| Some((names::product(p)?, n)))
            .ok_or_else(|| format!("--bulk: unknown product in {:?}", b.target))?;
        let key = match names::resolve(product, name)? {
            Target::Collection(k) => k,
            Target::Singleton(k) => return Err(format!("--bulk: {k} is not a collection")),
        };
        match key.as_str() {
            ZPA_APPLICATIONS => zpa_apps(store, b.count),
            ZIA_USERS => zia_users(store, b.count),
            ZIDENTITY_USERS => zidentity_users(store, b.count),
            _ => generic(store, product, &key, b.count),
        }
    }
    Ok(())
}

fn zpa_apps(store: &mut Store, n: usize) {
    let z = ZpaView::of(store);
    let mut body = Map::new();
    body.insert("name".into(), json!("template"));
    body.insert("enabled".into(), json!(true));
    body.insert("tcpPortRanges".into(), json!(["443", "443"]));
    if let Some(sg) = z.segment_groups.first() {
        body.insert("segmentGroupId".into(), sg["id"].clone());
    }
    if let Some(sg) = z.server_groups.first() {
        body.insert("serverGroups".into(), json!([{ "id": sg["id"] }]));
    }
    let template = zpa_model::build(&z, Coll::Application, body, String::new(), None, now_secs());
    let first = store.ids.numeric;
    store.ids.numeric += n as u64;
    let apps = store.collection_mut(ZPA_APPLICATIONS);
    apps.reserve(n);
    for (i, id) in (1..=n).zip(first..) {
        let mut app = template.clone();
        app["id"] = json!(id.to_string());
        app["name"] = json!(format!("Bulk App {i:05}"));
        app["description"] = json!(format!("Generated application segment {i}"));
        app["domainNames"] = json!([format!("app{i:05}.bulk.example.com")]);
        apps.push(app);
    }
}

fn zia_users(store: &mut Store, n: usize) {
    let dept = store
        .collection(ZIA_DEPARTMENTS)
        .first()
        .map(|d| json!({ "id": d["id"], "name": d["name"] }));
    store.collection_mut(ZIA_USERS).reserve(n);
    for i in 1..=n {
        let mut u = json!({
            "adminUser": false, "deleted": false, "email": format!("bulk.user{i:05}@corp.example.com"),
            "groups": [], "id": store.ids.int(), "name": format!("Bulk User {i:05}"),
            "pilotUser": false, "pwdLastModifiedTime": 0
        });
        if let Some(d) = &dept {
            u["department"] = d.clone();
        }
        store.collection_mut(ZIA_USERS).push(u);
    }
}

fn zidentity_users(store: &mut Store, n: usize) {
    store.collection_mut(ZIDENTITY_USERS).reserve(n);
    for i in 1..=n {
        let login = format!("bulk.user{i:05}@corp.example.com");
        let id = store.ids.alnum("ih");
        store.collection_mut(ZIDENTITY_USERS).push(json!({
            "customAttrsInfo": {}, "department": {}, "displayName": format!("Bulk User {i:05}"),
            "firstName": "Bulk", "id": id, "idp": {}, "lastName": format!("User {i:05}"),
            "loginName": login, "primaryEmail": login, "source": "API", "status": true
        }));
    }
}

/// Any other collection: `{id, name}` objects with the product's id style.
fn generic(store: &mut Store, product: Product, key: &str, n: usize) {
    let label = key.rsplit('/').next().unwrap_or("item").to_string();
    for i in 1..=n {
        let id = store.new_id(product);
        store
            .collection_mut(key)
            .push(json!({ "id": id, "name": format!("{label} {i:05}") }));
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::config::Seed;
    use std::time::Instant;

    #[test]
    fn parses_lists() {
        let b = parse("zpa.applications=3, zia.users=2").unwrap();
        assert_eq!(b.len(), 2);
        assert_eq!(b[1].target, "zia.users");
        assert!(parse("zpa.applications").is_err());
        assert!(parse("zpa.applications=x").is_err());
    }

    #[test]
    fn ten_thousand_apps_are_quick_and_unique() {
        let mut s = super::super::build(Seed::Demo);
        let t = Instant::now();
        apply(&mut s, &parse("zpa.applications=10000").unwrap()).unwrap();
        // Debug builds are ~10x slower than release; still well under this.
        assert!(t.elapsed().as_secs_f64() < 2.0, "{:?}", t.elapsed());
        assert_eq!(s.collection(ZPA_APPLICATIONS).len(), 10_045);
        let ids: std::collections::HashSet<&str> = s
            .collection(ZPA_APPLICATIONS)
            .iter()
            .map(|a| a["id"].as_str().unwrap())
            .collect();
        assert_eq!(ids.len(), 10_045);
        apply(&mut s, &parse("zia.users=5,zidentity.users=4").unwrap()).unwrap();
        assert_eq!(s.collection(ZIA_USERS).len(), 35);
        assert_eq!(s.collection(ZIDENTITY_USERS).len(), 29);
        assert!(apply(&mut s, &parse("zcc.devices=1").unwrap()).is_err());
    }
}
