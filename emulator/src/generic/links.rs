//! Links between paths that the real APIs have and plain storage keys
//! cannot express.
//!
//! ZPA lists the rules of a policy set at
//! `/policySet/rules/policyType/{policyType}`, while clients create them
//! under `/policySet/{policySetId}/rule`, with the id that
//! `GET /policySet/policyType/{policyType}` returned. Listing by type
//! therefore reads the rule collection of the set stored for that type.
//!
//! This module owns such key links only; it may not store anything.

use serde_json::Value;

use crate::store::Store;

const RULES_BY_TYPE: &str = "/policySet/rules/policyType/";
const SET_BY_TYPE: &str = "/policySet/policyType/";

/// The collection key a list request should read.
pub fn list_key(store: &Store, key: &str) -> String {
    if let Some((root, policy_type)) = key.split_once(RULES_BY_TYPE) {
        if !policy_type.contains('/') {
            let set_key = format!("{root}{SET_BY_TYPE}{policy_type}");
            let set_id = store
                .singletons
                .get(&set_key)
                .and_then(|set| match &set["id"] {
                    Value::String(s) => Some(s.clone()),
                    Value::Number(n) => Some(n.to_string()),
                    _ => None,
                });
            if let Some(id) = set_id {
                return format!("{root}/policySet/{id}/rule");
            }
        }
    }
    key.to_string()
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn rules_by_type_read_the_set_collection() {
        let root = "zpa:/mgmtconfig/admin/customers/{}";
        let mut s = Store::default();
        let by_type = format!("{root}{RULES_BY_TYPE}ACCESS_POLICY");
        assert_eq!(list_key(&s, &by_type), by_type, "no set yet");
        s.singletons.insert(
            format!("{root}{SET_BY_TYPE}ACCESS_POLICY"),
            json!({"id": "77"}),
        );
        assert_eq!(list_key(&s, &by_type), format!("{root}/policySet/77/rule"));
        assert_eq!(list_key(&s, "zia:/api/users"), "zia:/api/users");
    }
}
