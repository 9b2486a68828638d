//! ZPA fields derived at read time: names of referenced objects and
//! back-references (a segment group's applications, ...).
//!
//! They are computed on every read rather than stored, so renaming a segment
//! group is immediately visible on its applications, as on ZPA.

use serde_json::{json, Map, Value};

use super::zpa_model::{id_text, Coll};
use crate::store::{find, ZpaData};

/// The object as a GET returns it, with derived fields filled in.
pub fn render(z: &ZpaData, coll: Coll, obj: &Value) -> Value {
    let mut out = obj.as_object().cloned().unwrap_or_default();
    let id = obj["id"].as_str().unwrap_or_default();
    match coll {
        Coll::Application => {
            if let Some(sg) = obj
                .get("segmentGroupId")
                .and_then(Value::as_str)
                .and_then(|sg| find(&z.segment_groups, sg))
            {
                out.insert("segmentGroupName".into(), sg["name"].clone());
            }
            if let Some(refs) = obj.get("serverGroups").and_then(Value::as_array) {
                let expanded: Vec<Value> = refs
                    .iter()
                    .map(|r| {
                        let rid = id_text(&r["id"]);
                        find(&z.server_groups, &rid)
                            .map(server_group_summary)
                            .unwrap_or_else(|| json!({ "id": rid }))
                    })
                    .collect();
                out.insert("serverGroups".into(), Value::Array(expanded));
            }
        }
        Coll::SegmentGroup => {
            let apps: Vec<Value> = z
                .applications
                .iter()
                .filter(|a| a.get("segmentGroupId").and_then(Value::as_str) == Some(id))
                .map(application_summary)
                .collect();
            if !apps.is_empty() {
                out.insert("applications".into(), Value::Array(apps));
            }
        }
        Coll::ServerGroup => {
            let apps: Vec<Value> = z
                .applications
                .iter()
                .filter(|a| references(a, "serverGroups", id))
                .map(|a| json!({ "enabled": a["enabled"], "id": a["id"], "name": a["name"] }))
                .collect();
            if !apps.is_empty() {
                out.insert("applications".into(), Value::Array(apps));
            }
            if let Some(refs) = obj.get("appConnectorGroups").and_then(Value::as_array) {
                let expanded: Vec<Value> = refs
                    .iter()
                    .map(|r| {
                        let rid = id_text(&r["id"]);
                        find(&z.connector_groups, &rid)
                            .cloned()
                            .unwrap_or_else(|| json!({ "id": rid }))
                    })
                    .collect();
                out.insert("appConnectorGroups".into(), Value::Array(expanded));
            }
        }
    }
    Value::Object(out)
}

fn server_group_summary(sg: &Value) -> Value {
    let mut out = Map::new();
    for key in [
        "configSpace",
        "creationTime",
        "description",
        "dynamicDiscovery",
        "enabled",
        "extranetEnabled",
        "id",
        "modifiedBy",
        "modifiedTime",
        "name",
    ] {
        if let Some(v) = sg.get(key) {
            out.insert(key.into(), v.clone());
        }
    }
    Value::Object(out)
}

fn application_summary(app: &Value) -> Value {
    let mut out = app.as_object().cloned().unwrap_or_default();
    for key in [
        "segmentGroupId",
        "serverGroups",
        "microtenantName",
        "readOnly",
        "zscalerManaged",
    ] {
        out.remove(key);
    }
    Value::Object(out)
}

/// True when `obj[key]` is a list of refs containing `id`.
fn references(obj: &Value, key: &str, id: &str) -> bool {
    obj.get(key)
        .and_then(Value::as_array)
        .is_some_and(|refs| refs.iter().any(|r| id_text(&r["id"]) == id))
}
