//! ZPA policy rules: the conditions of a rule as the service stores them.
//!
//! Rules are otherwise served generically (ordered collection, defaults);
//! their creates and full replaces, in both API versions, are registered
//! here so the conditions can be finished under the store lock
//! (`generic::serve_finishing`):
//!
//! - a v2 operand `{objectType, values: [..]}` or `{objectType,
//!   entryValues: [{lhs, rhs}]}` becomes one operand per value, as v1
//!   clients send them, so both versions read the same rule;
//! - every condition and operand gets its own id, creation and
//!   modification time and `modifiedBy`, fresh on each write (the service
//!   replaces the conditions of a rule it updates);
//! - `lhs` and `rhs` are text, whatever JSON type the client sent;
//! - each operand carries its condition's id, each condition its rule's id
//!   (`ruleGid`), and operands name what they reference: the IdP of a
//!   SCIM group (`idpId`, `idpName`, `name`), the object an `id` operand
//!   names, or else the value itself.
//!
//! This module owns the condition shape; it may not route or stage.

use serde_json::{json, Map, Value};

use super::zpa_model::{id_text, ADMIN_ID};
use crate::collections::{ZPA_APPLICATIONS, ZPA_IDPS, ZPA_SEGMENT_GROUPS};
use crate::generic;
use crate::router::Handler;
use crate::store::{find, now_secs, Store};

/// The rule writes, by operationId.
pub const PROVIDERS: &[(&str, Handler)] = &[
    ("createPolicyRule", |cx, b| {
        generic::serve_finishing(cx, b, &finish)
    }),
    ("createPolicyRuleV2", |cx, b| {
        generic::serve_finishing(cx, b, &finish)
    }),
    ("updatePolicyRule", |cx, b| {
        generic::serve_finishing(cx, b, &finish)
    }),
    ("updatePolicyRuleV2", |cx, b| {
        generic::serve_finishing(cx, b, &finish)
    }),
];

/// Operand types whose `lhs` is the IdP the `rhs` belongs to.
const IDP_OPERANDS: &[&str] = &["SCIM_GROUP", "SCIM", "SAML"];

/// Rewrites the rule's conditions into their stored form (see the module
/// documentation).
pub fn finish(rule: &mut Map<String, Value>, store: &mut Store) {
    let rule_id = rule.get("id").map(id_text).unwrap_or_default();
    let Some(Value::Array(conditions)) = rule.get_mut("conditions") else {
        return;
    };
    let now = json!(now_secs().to_string());
    for cond in conditions.iter_mut() {
        let Some(c) = cond.as_object_mut() else {
            continue;
        };
        let cid = store.ids.numeric();
        let operands: Vec<Map<String, Value>> = c
            .get("operands")
            .and_then(Value::as_array)
            .into_iter()
            .flatten()
            .flat_map(split)
            .collect();
        let operands: Vec<Value> = operands
            .into_iter()
            .map(|mut o| {
                name_operand(&mut o, store);
                o.insert("id".into(), json!(store.ids.numeric()));
                o.insert("conditionId".into(), json!(cid));
                stamp(&mut o, &now);
                Value::Object(o)
            })
            .collect();
        c.insert("id".into(), json!(cid));
        c.insert("operands".into(), Value::Array(operands));
        c.insert("ruleGid".into(), json!(rule_id));
        c.entry("negated").or_insert(json!(false));
        c.entry("operator").or_insert(json!("OR"));
        stamp(c, &now);
    }
}

fn stamp(obj: &mut Map<String, Value>, now: &Value) {
    obj.insert("creationTime".into(), now.clone());
    obj.insert("modifiedTime".into(), now.clone());
    obj.insert("modifiedBy".into(), json!(ADMIN_ID));
}

/// One operand as sent, as the v1 operands it stands for.
fn split(op: &Value) -> Vec<Map<String, Value>> {
    let Some(o) = op.as_object() else {
        return Vec::new();
    };
    let one = |lhs: &Value, rhs: &Value| {
        let mut out = Map::new();
        if let Some(t) = o.get("objectType") {
            out.insert("objectType".into(), t.clone());
        }
        out.insert("lhs".into(), json!(id_text(lhs)));
        out.insert("rhs".into(), json!(id_text(rhs)));
        out
    };
    if let Some(values) = o.get("values").and_then(Value::as_array) {
        return values.iter().map(|v| one(&json!("id"), v)).collect();
    }
    if let Some(entries) = o.get("entryValues").and_then(Value::as_array) {
        return entries.iter().map(|e| one(&e["lhs"], &e["rhs"])).collect();
    }
    // A v1 operand keeps its own fields; only the server's are replaced.
    let mut out = o.clone();
    out.retain(|_, v| !v.is_null());
    for key in ["lhs", "rhs"] {
        if let Some(v) = out.get(key).map(id_text) {
            out.insert(key.into(), json!(v));
        }
    }
    vec![out]
}

/// Names what the operand refers to. An IdP or object the tenant does not
/// have is not refused (the emulator does not check operand references):
/// its name is left empty.
fn name_operand(o: &mut Map<String, Value>, store: &Store) {
    let kind = o.get("objectType").and_then(Value::as_str).unwrap_or("");
    let lhs = o.get("lhs").map(id_text).unwrap_or_default();
    let rhs = o.get("rhs").map(id_text).unwrap_or_default();
    if IDP_OPERANDS.contains(&kind) {
        let idp = find(store.collection(ZPA_IDPS), &lhs)
            .and_then(|i| i["name"].as_str())
            .unwrap_or_default()
            .to_string();
        o.insert("idpId".into(), json!(lhs));
        o.insert("idpName".into(), json!(idp));
        o.entry("name").or_insert(json!(idp));
        return;
    }
    let pool = match kind {
        "APP" => Some(ZPA_APPLICATIONS),
        "APP_GROUP" => Some(ZPA_SEGMENT_GROUPS),
        _ => None,
    };
    let named = pool
        .and_then(|key| find(store.collection(key), &rhs))
        .and_then(|obj| obj["name"].as_str())
        .map(String::from);
    let name = match named {
        Some(n) => n,
        None if pool.is_some() => String::new(),
        None => rhs,
    };
    o.entry("name").or_insert(json!(name));
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn v2_operands_split_and_get_ids() {
        let mut store = Store::default();
        store
            .collection_mut(ZPA_IDPS)
            .push(json!({"id": "9", "name": "Okta"}));
        let mut rule = json!({"id": "77", "conditions": [
            {"operands": [{"objectType": "CLIENT_TYPE", "values": ["a", "b"]}]},
            {"operands": [{"objectType": "SCIM_GROUP",
                           "entryValues": [{"lhs": "9", "rhs": 31}]}]},
            {"operator": "AND", "operands": [{"objectType": "SCIM_GROUP", "lhs": "8", "rhs": 5}]}
        ]});
        finish(rule.as_object_mut().unwrap(), &mut store);
        let c = &rule["conditions"];
        assert_eq!(c[0]["operands"].as_array().unwrap().len(), 2);
        assert_eq!(c[0]["operands"][1]["rhs"], "b");
        assert_eq!(c[0]["operands"][1]["lhs"], "id");
        assert_eq!(c[0]["operands"][1]["name"], "b");
        assert_eq!(c[0]["operands"][0]["conditionId"], c[0]["id"]);
        assert_eq!(c[0]["ruleGid"], "77");
        assert_eq!(c[0]["operator"], "OR");
        assert_eq!(c[0]["negated"], false);
        assert_eq!(c[1]["operands"][0]["rhs"], "31");
        assert_eq!(c[1]["operands"][0]["idpName"], "Okta");
        assert_eq!(c[1]["operands"][0]["name"], "Okta");
        assert_eq!(c[2]["operator"], "AND");
        assert_eq!(c[2]["operands"][0]["rhs"], "5");
        assert_eq!(c[2]["operands"][0]["idpName"], "");
        assert!(c[2]["operands"][0]["creationTime"].is_string());
        assert_ne!(c[0]["id"], c[1]["id"]);
    }
}
