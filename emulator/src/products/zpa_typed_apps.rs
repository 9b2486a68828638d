//! ZPA typed applications: the PRA (and other typed) applications a
//! segment declares in `commonAppsDto.appsConfig`.
//!
//! A segment write gives each entry the fields the service fills in (its
//! segment as `appId`, a `praAppId` for a PRA application, kept across
//! replaces of the same domain); after every segment write the rows of
//! `application/getAppsByType` are rebuilt from the segments, one per
//! entry and type, so that list (an `x-emulator-view`) and the PRA
//! consoles referencing a PRA application (`x-emulator-refs`) read them
//! through the generic provider.
//!
//! This module owns that derivation; it may not route or build responses.

use serde_json::{json, Map, Value};

use super::zpa_model::id_text;
use crate::collections::{ZPA_APPLICATIONS, ZPA_APPS_BY_TYPE};
use crate::store::{Ids, Store};

/// The type whose entries are PRA applications with their own id.
const PRA: &str = "SECURE_REMOTE_ACCESS";

/// Entry fields the service answers when the client leaves them out.
const ENTRY_DEFAULTS: &[(&str, bool)] = &[
    ("adpEnabled", false),
    ("allowOptions", false),
    ("enabled", true),
    ("hidden", false),
    ("portal", false),
    ("trustUntrustedCert", false),
];

/// Fills the server's fields into the `appsConfig` entries of the segment
/// `segment_id` about to be stored; `prev` is the stored segment a replace
/// overwrites.
pub fn prepare(
    body: &mut Map<String, Value>,
    segment_id: &str,
    prev: Option<&Value>,
    ids: &mut Ids,
) {
    let Some(entries) = body
        .get_mut("commonAppsDto")
        .and_then(|d| d.get_mut("appsConfig"))
        .and_then(Value::as_array_mut)
    else {
        return;
    };
    for entry in entries.iter_mut().filter_map(Value::as_object_mut) {
        for (k, v) in ENTRY_DEFAULTS {
            entry.entry(*k).or_insert(json!(v));
        }
        let domain = entry.get("domain").cloned().unwrap_or(json!(""));
        entry.entry("name").or_insert(domain.clone());
        entry.insert("appId".into(), json!(segment_id));
        if is_pra(entry) && !entry.contains_key("praAppId") {
            // A replace keeps the PRA application of the same domain.
            let kept = prev
                .map(entries_of)
                .into_iter()
                .flatten()
                .find(|e| e.get("domain") == Some(&domain))
                .and_then(|e| e.get("praAppId").cloned());
            let id = kept.unwrap_or_else(|| json!(ids.numeric()));
            entry.insert("praAppId".into(), id);
        }
    }
}

/// Rebuilds the typed-application rows from every stored segment.
pub fn sync(store: &mut Store) {
    let rows: Vec<Value> = store
        .collection(ZPA_APPLICATIONS)
        .iter()
        .flat_map(|seg| {
            entries_of(seg)
                .iter()
                .flat_map(|e| rows_of(seg, e))
                .collect::<Vec<_>>()
        })
        .collect();
    *store.collection_mut(ZPA_APPS_BY_TYPE) = rows;
}

fn entries_of(segment: &Value) -> &[Value] {
    segment["commonAppsDto"]["appsConfig"]
        .as_array()
        .map(Vec::as_slice)
        .unwrap_or_default()
}

fn is_pra(entry: &Map<String, Value>) -> bool {
    types(entry).any(|t| t == PRA)
}

fn types(entry: &Map<String, Value>) -> impl Iterator<Item = &str> {
    entry
        .get("appTypes")
        .and_then(Value::as_array)
        .into_iter()
        .flatten()
        .filter_map(Value::as_str)
}

/// The rows of one entry: the entry's own fields, typed, with the id of
/// its kind and the segment's stamps and microtenant.
fn rows_of(segment: &Value, entry: &Value) -> Vec<Value> {
    let Some(e) = entry.as_object() else {
        return Vec::new();
    };
    types(e)
        .map(|t| {
            let mut row = e.clone();
            row.remove("appTypes");
            let id = match t {
                PRA => e.get("praAppId").map(id_text),
                _ => e.get("id").map(id_text),
            };
            row.insert("id".into(), json!(id.unwrap_or_default()));
            row.insert("applicationType".into(), json!(t));
            for key in [
                "creationTime",
                "modifiedTime",
                "modifiedBy",
                "microtenantId",
                "microtenantName",
            ] {
                if let Some(v) = segment.get(key) {
                    row.insert(key.into(), v.clone());
                }
            }
            Value::Object(row)
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn pra_entries_get_ids_and_rows() {
        let mut store = Store::default();
        let mut body = json!({"commonAppsDto": {"appsConfig": [
            {"appTypes": [PRA], "domain": "a.example.com", "applicationPort": "22"}
        ]}})
        .as_object()
        .cloned()
        .unwrap();
        prepare(&mut body, "5", None, &mut store.ids);
        let entry = &body["commonAppsDto"]["appsConfig"][0];
        assert_eq!(entry["appId"], "5");
        assert_eq!(entry["name"], "a.example.com");
        assert_eq!(entry["hidden"], false);
        let pra = entry["praAppId"].clone();
        assert!(pra.is_string());
        let mut seg = body.clone();
        seg.insert("id".into(), json!("5"));
        seg.insert("microtenantName".into(), json!("Default"));
        let seg = Value::Object(seg);
        let mut again = json!({"commonAppsDto": {"appsConfig": [
            {"appTypes": [PRA], "domain": "a.example.com"}
        ]}})
        .as_object()
        .cloned()
        .unwrap();
        prepare(&mut again, "5", Some(&seg), &mut store.ids);
        assert_eq!(again["commonAppsDto"]["appsConfig"][0]["praAppId"], pra);
        store.collection_mut(ZPA_APPLICATIONS).push(seg);
        sync(&mut store);
        let rows = store.collection(ZPA_APPS_BY_TYPE);
        assert_eq!(rows.len(), 1);
        assert_eq!(rows[0]["id"], pra);
        assert_eq!(rows[0]["appId"], "5");
        assert_eq!(rows[0]["applicationType"], PRA);
        assert_eq!(rows[0]["microtenantName"], "Default");
    }
}
