//! Storage for the spec-driven routes: collections and singletons by
//! storage key (see `spec::paths::key`).
//!
//! Keys of the collections the hand-written routes own resolve to those
//! typed vectors, so that, say, a spec-only `PUT /zia/api/v1/groups/{id}`
//! edits the same groups `GET /zia/api/v1/groups` lists.

use std::collections::HashMap;

use serde_json::Value;

use crate::store::Store;

/// Collections and singletons created through the spec-driven routes.
#[derive(Debug, Clone, Default)]
pub struct Generic {
    /// Objects by collection key, in insertion order.
    pub collections: HashMap<String, Vec<Value>>,
    /// Singleton values by concrete path key.
    pub singletons: HashMap<String, Value>,
}

/// Short names for collections, used by `--bulk` and seed files, with their
/// storage keys. These are the collections with hand-written routes.
pub const NAMED: &[(&str, &str)] = &[
    (
        "zpa.applications",
        "zpa:/mgmtconfig/admin/customers/{}/application",
    ),
    (
        "zpa.segmentGroups",
        "zpa:/mgmtconfig/admin/customers/{}/segmentGroup",
    ),
    (
        "zpa.serverGroups",
        "zpa:/mgmtconfig/admin/customers/{}/serverGroup",
    ),
    (
        "zpa.appConnectorGroups",
        "zpa:/mgmtconfig/admin/customers/{}/appConnectorGroup",
    ),
    ("zpa.idps", "zpa:/mgmtconfig/admin/customers/{}/idp"),
    (
        "zpa.microtenants",
        "zpa:/mgmtconfig/admin/customers/{}/microtenants",
    ),
    ("zia.users", "zia:/api/users"),
    ("zia.groups", "zia:/api/groups"),
    ("zia.departments", "zia:/api/departments"),
    ("zidentity.users", "zidentity:/admin/api/users"),
    ("zidentity.groups", "zidentity:/admin/api/groups"),
];

/// Which typed vector a key stands for.
#[derive(Clone, Copy)]
enum Typed {
    ZpaApps,
    ZpaSegmentGroups,
    ZpaServerGroups,
    ZpaConnectorGroups,
    ZpaIdps,
    ZpaMicrotenants,
    ZiaUsers,
    ZiaGroups,
    ZiaDepartments,
    ZidUsers,
    ZidGroups,
}

fn typed(key: &str) -> Option<Typed> {
    const ORDER: [Typed; 11] = [
        Typed::ZpaApps,
        Typed::ZpaSegmentGroups,
        Typed::ZpaServerGroups,
        Typed::ZpaConnectorGroups,
        Typed::ZpaIdps,
        Typed::ZpaMicrotenants,
        Typed::ZiaUsers,
        Typed::ZiaGroups,
        Typed::ZiaDepartments,
        Typed::ZidUsers,
        Typed::ZidGroups,
    ];
    NAMED.iter().position(|(_, k)| *k == key).map(|i| ORDER[i])
}

impl Store {
    /// The objects stored under a collection key (empty if none).
    pub fn collection(&self, key: &str) -> &[Value] {
        match typed(key) {
            Some(Typed::ZpaApps) => &self.zpa.applications,
            Some(Typed::ZpaSegmentGroups) => &self.zpa.segment_groups,
            Some(Typed::ZpaServerGroups) => &self.zpa.server_groups,
            Some(Typed::ZpaConnectorGroups) => &self.zpa.connector_groups,
            Some(Typed::ZpaIdps) => &self.zpa.idps,
            Some(Typed::ZpaMicrotenants) => &self.zpa.microtenants,
            Some(Typed::ZiaUsers) => &self.zia.users,
            Some(Typed::ZiaGroups) => &self.zia.groups,
            Some(Typed::ZiaDepartments) => &self.zia.departments,
            Some(Typed::ZidUsers) => &self.zid.users,
            Some(Typed::ZidGroups) => &self.zid.groups,
            None => self
                .generic
                .collections
                .get(key)
                .map(Vec::as_slice)
                .unwrap_or(&[]),
        }
    }

    /// The objects stored under a collection key, for writing (created
    /// empty on first use).
    pub fn collection_mut(&mut self, key: &str) -> &mut Vec<Value> {
        match typed(key) {
            Some(Typed::ZpaApps) => &mut self.zpa.applications,
            Some(Typed::ZpaSegmentGroups) => &mut self.zpa.segment_groups,
            Some(Typed::ZpaServerGroups) => &mut self.zpa.server_groups,
            Some(Typed::ZpaConnectorGroups) => &mut self.zpa.connector_groups,
            Some(Typed::ZpaIdps) => &mut self.zpa.idps,
            Some(Typed::ZpaMicrotenants) => &mut self.zpa.microtenants,
            Some(Typed::ZiaUsers) => &mut self.zia.users,
            Some(Typed::ZiaGroups) => &mut self.zia.groups,
            Some(Typed::ZiaDepartments) => &mut self.zia.departments,
            Some(Typed::ZidUsers) => &mut self.zid.users,
            Some(Typed::ZidGroups) => &mut self.zid.groups,
            None => self.generic.collections.entry(key.to_string()).or_default(),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn typed_keys_reach_typed_vectors() {
        let mut s = Store::default();
        s.collection_mut("zia:/api/groups").push(json!({"id": 1}));
        assert_eq!(s.zia.groups.len(), 1);
        s.collection_mut("zia:/api/rules").push(json!({"id": 2}));
        assert_eq!(s.collection("zia:/api/rules").len(), 1);
        assert!(s.collection("zia:/api/none").is_empty());
        assert_eq!(NAMED.len(), 11);
    }
}
