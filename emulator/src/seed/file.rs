//! `--seed-file FILE`: a tenant described in JSON, loaded on top of the
//! `--seed` data (use `--seed empty` for exactly the file's contents).
//!
//! ```json
//! {
//!   "zpa": {
//!     "applications": [{"name": "Wiki", "domainNames": ["wiki.example.com"]}],
//!     "/mgmtconfig/v1/admin/customers/{customerId}/policySet/7/rule": [{"name": "r"}]
//!   },
//!   "zia": {
//!     "users": [{"id": 1001, "name": "Ann", "email": "ann@example.com"}],
//!     "/api/v1/advancedSettings": {"enableOffice365": true}
//!   },
//!   "zidentity": {"groups": [{"name": "Staff"}]}
//! }
//! ```
//!
//! Sections name a registry product (`zpa`, `zia`, `zidentity`, `zcc`, `ztw`,
//! `zdx`, `zwa`, ...); keys name a collection or a
//! singleton as `seed::names` describes. A collection takes an array of
//! objects, stored as given; objects without an `id` get one in the
//! product's style, and later generated ids never collide with given ones.
//! A singleton takes any JSON value, served by its GET.

use serde_json::Value;

use super::names::{self, Target};
use crate::store::Store;

/// Reads and parses a seed file; errors are user-facing.
pub fn load(path: &str) -> Result<Value, String> {
    let text = std::fs::read_to_string(path).map_err(|e| format!("--seed-file {path}: {e}"))?;
    let doc: Value =
        serde_json::from_str(&text).map_err(|e| format!("--seed-file {path}: not JSON: {e}"))?;
    // Resolve every name now, so mistakes surface at startup.
    apply(&mut Store::default(), &doc).map_err(|e| format!("--seed-file {path}: {e}"))?;
    Ok(doc)
}

/// Adds the document's objects to `store`.
pub fn apply(store: &mut Store, doc: &Value) -> Result<(), String> {
    let sections = doc.as_object().ok_or("the top level must be an object")?;
    for (section, entries) in sections {
        let product = names::product(section)
            .ok_or_else(|| format!("unknown section {section:?} (use {})", names::known()))?;
        let entries = entries
            .as_object()
            .ok_or_else(|| format!("{section} must be an object"))?;
        for (name, value) in entries {
            match names::resolve(product, name)? {
                Target::Collection(key) => {
                    let items = value
                        .as_array()
                        .filter(|a| a.iter().all(Value::is_object))
                        .ok_or_else(|| format!("{section}.{name} must be an array of objects"))?;
                    for item in items {
                        let mut obj = item.clone();
                        if obj.get("id").is_none_or(Value::is_null) {
                            obj["id"] = store.new_id(product);
                        }
                        store.ids.note(product.ids, &obj["id"]);
                        store.collection_mut(&key).push(obj);
                    }
                }
                Target::Singleton(key) => {
                    store.singletons.insert(key, value.clone());
                }
            }
        }
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::collections::{ZIA_USERS, ZIDENTITY_GROUPS, ZPA_APPLICATIONS};
    use serde_json::json;

    #[test]
    fn loads_collections_and_keeps_ids_unique() {
        let mut s = Store::default();
        apply(
            &mut s,
            &json!({
                "zia": {"users": [{"id": 500, "name": "A", "email": "a@x"}, {"name": "B"}]},
                "zidentity": {"groups": [{"name": "G"}]},
                "zpa": {"/mgmtconfig/v1/admin/customers/{customerId}/application": [{"id": "90", "name": "x"}]}
            }),
        )
        .unwrap();
        assert_eq!(s.collection(ZIA_USERS).len(), 2);
        assert_eq!(s.collection(ZIA_USERS)[1]["id"], json!(501));
        assert_eq!(s.collection(ZIDENTITY_GROUPS).len(), 1);
        assert!(s.collection(ZIDENTITY_GROUPS)[0]["id"].is_string());
        assert_eq!(s.collection(ZPA_APPLICATIONS)[0]["id"], "90");
        assert!(apply(&mut s, &json!({"nosuch": {}})).is_err());
        assert!(apply(&mut s, &json!({"zia": {"users": {}}})).is_err());
        assert!(apply(&mut s, &json!([])).is_err());
    }
}
