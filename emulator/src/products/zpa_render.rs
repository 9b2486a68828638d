//! ZPA fields derived at read time: names of referenced objects and
//! back-references (a segment group's applications, ...).
//!
//! They are computed on every read rather than stored, so renaming a segment
//! group is immediately visible on its applications, as on ZPA.
//!
//! This module owns ZPA read-time rendering; it may not write to the store.

use serde_json::{json, Map, Value};

use super::zpa_model::{id_text, Coll};
use crate::collections::ZpaView;
use crate::store::find;

/// The object as a GET returns it, with derived fields filled in.
pub fn render(z: &ZpaView<'_>, coll: Coll, obj: &Value) -> Value {
    let mut out = obj.as_object().cloned().unwrap_or_default();
    for (key, value) in derived(z, coll, obj) {
        out.insert(key.into(), value);
    }
    Value::Object(out)
}

/// Appends the JSON of [`render`]'s result to `out` without cloning the
/// stored object: list pages are the emulator's hottest path, and copying
/// every object before serialising it dominated their cost.
pub fn write_json(out: &mut Vec<u8>, z: &ZpaView<'_>, coll: Coll, obj: &Value) {
    let Some(map) = obj.as_object() else {
        let _ = serde_json::to_writer(&mut *out, obj);
        return;
    };
    let mut extra = derived(z, coll, obj);
    out.push(b'{');
    let mut first = true;
    let mut field = |out: &mut Vec<u8>, key: &str, value: &Value| {
        if !first {
            out.push(b',');
        }
        first = false;
        let _ = serde_json::to_writer(&mut *out, key);
        out.push(b':');
        let _ = serde_json::to_writer(&mut *out, value);
    };
    for (key, value) in map {
        match extra.iter().position(|(k, _)| k == key) {
            Some(i) => {
                let (k, v) = extra.remove(i);
                field(out, k, &v);
            }
            None => field(out, key, value),
        }
    }
    for (k, v) in &extra {
        field(out, k, v);
    }
    out.push(b'}');
}

/// The fields computed at read time: (name, value) pairs that are added
/// to, or replace, the stored ones.
fn derived(z: &ZpaView<'_>, coll: Coll, obj: &Value) -> Vec<(&'static str, Value)> {
    let mut out = Vec::new();
    let id = obj["id"].as_str().unwrap_or_default();
    match coll {
        Coll::Application => {
            if let Some(sg) = obj
                .get("segmentGroupId")
                .and_then(Value::as_str)
                .and_then(|sg| find(z.segment_groups, sg))
            {
                out.push(("segmentGroupName", sg["name"].clone()));
            }
            if let Some(refs) = obj.get("serverGroups").and_then(Value::as_array) {
                let expanded: Vec<Value> = refs
                    .iter()
                    .map(|r| {
                        let rid = id_text(&r["id"]);
                        find(z.server_groups, &rid)
                            .map(|sg| server_group_link(sg, r))
                            .unwrap_or_else(|| json!({ "id": rid }))
                    })
                    .collect();
                out.push(("serverGroups", Value::Array(expanded)));
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
                out.push(("applications", Value::Array(apps)));
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
                out.push(("applications", Value::Array(apps)));
            }
            if let Some(refs) = obj.get("appConnectorGroups").and_then(Value::as_array) {
                let expanded: Vec<Value> = refs
                    .iter()
                    .map(|r| {
                        let rid = id_text(&r["id"]);
                        find(z.connector_groups, &rid)
                            .cloned()
                            .unwrap_or_else(|| json!({ "id": rid }))
                    })
                    .collect();
                out.push(("appConnectorGroups", Value::Array(expanded)));
            }
        }
    }
    out
}

/// A segment's link to a server group: the group's summary plus the
/// link's own `passive` and `weight`, as sent or the service's defaults.
fn server_group_link(sg: &Value, link: &Value) -> Value {
    let mut out = server_group_summary(sg);
    for (key, default) in [("passive", json!(false)), ("weight", json!("0"))] {
        let v = link.get(key).filter(|v| !v.is_null()).cloned();
        out[key] = v.unwrap_or(default);
    }
    out
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

#[cfg(test)]
mod tests {
    use super::*;
    use crate::config::Seed;

    #[test]
    fn written_json_equals_rendered_value() {
        let store = crate::seed::build(Seed::Demo);
        let z = &ZpaView::of(&store);
        for coll in [Coll::Application, Coll::SegmentGroup, Coll::ServerGroup] {
            for obj in coll.items(z) {
                let mut out = Vec::new();
                write_json(&mut out, z, coll, obj);
                let parsed: Value = serde_json::from_slice(&out).unwrap();
                assert_eq!(parsed, render(z, coll, obj));
            }
        }
    }
}
