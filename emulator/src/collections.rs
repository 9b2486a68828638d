//! The collections hand-written providers and seeds address by name: their
//! storage keys in the one store (the keys the spec-driven routes derive
//! for the same paths, so both see the same objects) and their short names
//! for `--bulk` and seed files.
//!
//! Adding a hand-written collection is one constant here (plus a [`NAMED`]
//! entry for a short name). This module may not hold data or behaviour.

use serde_json::Value;

use crate::store::Store;

/// ZPA application segments.
pub const ZPA_APPLICATIONS: &str = "zpa:/mgmtconfig/admin/customers/{}/application";
/// ZPA segment groups.
pub const ZPA_SEGMENT_GROUPS: &str = "zpa:/mgmtconfig/admin/customers/{}/segmentGroup";
/// ZPA server groups.
pub const ZPA_SERVER_GROUPS: &str = "zpa:/mgmtconfig/admin/customers/{}/serverGroup";
/// ZPA app connector groups.
pub const ZPA_CONNECTOR_GROUPS: &str = "zpa:/mgmtconfig/admin/customers/{}/appConnectorGroup";
/// ZPA typed applications inside segments (PRA, ...), one row per
/// application and type: a view the segment providers rebuild on every
/// segment write (`products::zpa_typed_apps`), at the key of
/// `application/getAppsByType` so spec-driven views and references read it.
pub const ZPA_APPS_BY_TYPE: &str = "zpa:/mgmtconfig/admin/customers/{}/application/getAppsByType";
/// ZPA identity providers.
pub const ZPA_IDPS: &str = "zpa:/mgmtconfig/admin/customers/{}/idp";
/// ZPA microtenants, including the Default one with id "0".
pub const ZPA_MICROTENANTS: &str = "zpa:/mgmtconfig/admin/customers/{}/microtenants";
/// ZPA SCIM attribute headers of every IdP, each carrying its `idpId`
/// (the spec addresses them per IdP; the providers filter this one list).
pub const ZPA_SCIM_ATTRIBUTES: &str = "zpa:#scimAttributes";
/// ZPA SCIM groups of every IdP; integer `id` and `idpId` as on the wire.
pub const ZPA_SCIM_GROUPS: &str = "zpa:#scimGroups";
/// ZIA users.
pub const ZIA_USERS: &str = "zia:/api/users";
/// ZIA groups.
pub const ZIA_GROUPS: &str = "zia:/api/groups";
/// ZIA departments.
pub const ZIA_DEPARTMENTS: &str = "zia:/api/departments";
/// ZIdentity users.
pub const ZIDENTITY_USERS: &str = "zidentity:/admin/api/users";
/// ZIdentity groups.
pub const ZIDENTITY_GROUPS: &str = "zidentity:/admin/api/groups";

/// Short names for collections, used by `--bulk` and seed files, with their
/// storage keys.
pub const NAMED: &[(&str, &str)] = &[
    ("zpa.applications", ZPA_APPLICATIONS),
    ("zpa.segmentGroups", ZPA_SEGMENT_GROUPS),
    ("zpa.serverGroups", ZPA_SERVER_GROUPS),
    ("zpa.appConnectorGroups", ZPA_CONNECTOR_GROUPS),
    ("zpa.idps", ZPA_IDPS),
    ("zpa.microtenants", ZPA_MICROTENANTS),
    ("zia.users", ZIA_USERS),
    ("zia.groups", ZIA_GROUPS),
    ("zia.departments", ZIA_DEPARTMENTS),
    ("zidentity.users", ZIDENTITY_USERS),
    ("zidentity.groups", ZIDENTITY_GROUPS),
];

/// The ZPA collections the ZPA providers read together (references,
/// derived fields), borrowed from the store once per request.
#[derive(Debug, Clone, Copy)]
pub struct ZpaView<'a> {
    /// Application segments.
    pub applications: &'a [Value],
    /// Segment groups.
    pub segment_groups: &'a [Value],
    /// Server groups.
    pub server_groups: &'a [Value],
    /// App connector groups.
    pub connector_groups: &'a [Value],
    /// Identity providers.
    pub idps: &'a [Value],
    /// Microtenants.
    pub microtenants: &'a [Value],
    /// SCIM attributes of every IdP.
    pub scim_attributes: &'a [Value],
    /// SCIM groups of every IdP.
    pub scim_groups: &'a [Value],
}

impl<'a> ZpaView<'a> {
    /// The view of `store`.
    pub fn of(store: &'a Store) -> Self {
        ZpaView {
            applications: store.collection(ZPA_APPLICATIONS),
            segment_groups: store.collection(ZPA_SEGMENT_GROUPS),
            server_groups: store.collection(ZPA_SERVER_GROUPS),
            connector_groups: store.collection(ZPA_CONNECTOR_GROUPS),
            idps: store.collection(ZPA_IDPS),
            microtenants: store.collection(ZPA_MICROTENANTS),
            scim_attributes: store.collection(ZPA_SCIM_ATTRIBUTES),
            scim_groups: store.collection(ZPA_SCIM_GROUPS),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::spec::{self, PathKind};

    /// A named key that no spec path produces would split a collection
    /// between hand-written and spec-driven routes.
    #[test]
    fn named_keys_are_spec_collections() {
        let idx = spec::index();
        for (short, key) in NAMED {
            let found = idx.paths.iter().any(|e| {
                e.kind == PathKind::Collection && {
                    let blanks = vec![String::new(); e.segments.len()];
                    spec::paths::key(e.product, &e.segments, &blanks, e.segments.len()) == *key
                }
            });
            assert!(found, "{short}: {key}");
        }
    }
}
