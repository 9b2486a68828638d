//! Behaviour an operation declares with `x-emulator-*` extensions, for what
//! the role alone cannot say (documented in `openapi/README.md`):
//!
//! - `x-emulator-defaults: {field: value}`: fields the service fills in
//!   when the client leaves them out (on the collection's create; applied
//!   to every object of the collection, stored or seeded);
//! - `x-emulator-order: field`: the create or reorder operation keeps the
//!   collection ordered and numbers `field` 1, 2, ... by position;
//! - `x-emulator-list-action: {target, field, param, add, remove}`: the
//!   operation adds to or removes from the list `field` of the singleton at
//!   `target`, as the query parameter `param` says;
//! - `x-emulator-view: {source, match}`: a read-only list of the
//!   collection at `source` (a template of the same spec; its parameters
//!   take this request's values by name), optionally only the objects whose
//!   field equals a path parameter, or else a query parameter when one is
//!   sent (`match: {field: param}`);
//! - `x-emulator-collection: template`: a create that stores into the
//!   collection at `template` (the items live under another name);
//! - `x-emulator-answer: value`: the fixed success body of a check;
//! - `x-emulator-refs: {field: template}`: `field` holds references
//!   (`{id}` or a list of them) to objects of the collection at `template`,
//!   which the service answers with the referenced object's fields (on the
//!   create, for the whole collection like the defaults);
//! - `x-emulator-upsert: template`, `x-emulator-remove: template`,
//!   `x-emulator-merge: template`, `x-emulator-singleton: template`:
//!   RPC-style writes (ZCC's `.../edit`, `.../{id}/delete`, `set...`,
//!   ZWA's `.../{id}/close`) on what another path serves, with
//!   `x-emulator-missing: value` the 200 body when the object named is not
//!   there (ZCC answers `"success": "false"` rather than 404);
//! - `x-emulator-status: {pending, active}`: the activation status body of
//!   a staging product, by whether changes are pending;
//! - `x-emulator-csv: {source, columns}`: the collection at `source` as
//!   CSV, one `[header, field, {value: name}]` per column (ZCC's device
//!   downloads);
//! - `x-emulator-window: {items, time}`: the answer's `items` lists keep
//!   only the entries whose `time` lies in the request's `from`/`to`
//!   window (ZDX's score and metric series).
//!
//! This module owns reading the extensions; it may not serve requests.

use serde_json::{Map, Value};

/// The extensions of one operation.
#[derive(Debug, Clone, Default)]
pub struct Ext {
    /// `x-emulator-defaults`.
    pub defaults: Map<String, Value>,
    /// `x-emulator-order`.
    pub order: Option<String>,
    /// `x-emulator-list-action`.
    pub list_action: Option<ListAction>,
    /// `x-emulator-view`.
    pub view: Option<View>,
    /// `x-emulator-collection`.
    pub collection: Option<String>,
    /// `x-emulator-answer`.
    pub answer: Option<Value>,
    /// `x-emulator-refs`: (field, collection template).
    pub refs: Vec<(String, String)>,
    /// `x-emulator-upsert`: collection template.
    pub upsert: Option<String>,
    /// `x-emulator-remove`: collection template.
    pub remove: Option<String>,
    /// `x-emulator-merge`: item template.
    pub merge: Option<String>,
    /// `x-emulator-missing`: the success body when the named object is
    /// not there.
    pub missing: Option<Value>,
    /// `x-emulator-singleton`: singleton template.
    pub singleton: Option<String>,
    /// `x-emulator-status`: (pending body, active body).
    pub status: Option<(Value, Value)>,
    /// `x-emulator-window`: (list field, time field of its items).
    pub window: Option<(String, String)>,
    /// `x-emulator-csv`: the collection template and its columns.
    pub csv: Option<Csv>,
}

/// A CSV download of another path's collection.
#[derive(Debug, Clone)]
pub struct Csv {
    /// Template of the collection.
    pub source: String,
    /// (header, object field, value names) per column; an empty field is
    /// an always-empty column.
    pub columns: Vec<(String, String, Map<String, Value>)>,
}

/// A change to a list field of a singleton, chosen by a query parameter.
#[derive(Debug, Clone)]
pub struct ListAction {
    /// Template of the singleton holding the list.
    pub target: String,
    /// The list field, in the singleton and in the request body.
    pub field: String,
    /// Query parameter naming the change.
    pub param: String,
    /// Its value for adding.
    pub add: String,
    /// Its value for removing.
    pub remove: String,
}

/// A list derived from another collection.
#[derive(Debug, Clone)]
pub struct View {
    /// Template of the collection listed.
    pub source: String,
    /// (object field, path parameter) pairs that must be equal.
    pub matches: Vec<(String, String)>,
}

fn text(v: &Value, key: &str) -> Option<String> {
    v.get(key).and_then(Value::as_str).map(String::from)
}

impl Ext {
    /// Reads the extensions of the operation object `op`.
    pub fn read(op: &Value) -> Ext {
        let list_action = op.get("x-emulator-list-action").and_then(|a| {
            Some(ListAction {
                target: text(a, "target")?,
                field: text(a, "field")?,
                param: text(a, "param")?,
                add: text(a, "add")?,
                remove: text(a, "remove")?,
            })
        });
        let view = op.get("x-emulator-view").and_then(|v| {
            let matches = v
                .get("match")
                .and_then(Value::as_object)
                .into_iter()
                .flatten()
                .filter_map(|(f, p)| Some((f.clone(), p.as_str()?.to_string())))
                .collect();
            Some(View {
                source: text(v, "source")?,
                matches,
            })
        });
        let template = |k: &str| op.get(k).and_then(Value::as_str).map(String::from);
        let status = op
            .get("x-emulator-status")
            .and_then(|s| Some((s.get("pending")?.clone(), s.get("active")?.clone())));
        let window = op
            .get("x-emulator-window")
            .and_then(|w| Some((text(w, "items")?, text(w, "time")?)));
        let csv = op.get("x-emulator-csv").and_then(|c| {
            let columns = c
                .get("columns")?
                .as_array()?
                .iter()
                .filter_map(|col| {
                    let col = col.as_array()?;
                    let text = |i: usize| col.get(i).and_then(Value::as_str).map(String::from);
                    let names = col.get(2).and_then(Value::as_object).cloned();
                    Some((
                        text(0)?,
                        text(1).unwrap_or_default(),
                        names.unwrap_or_default(),
                    ))
                })
                .collect();
            Some(Csv {
                source: text(c, "source")?,
                columns,
            })
        });
        Ext {
            window,
            csv,
            upsert: template("x-emulator-upsert"),
            remove: template("x-emulator-remove"),
            merge: template("x-emulator-merge"),
            missing: op.get("x-emulator-missing").cloned(),
            singleton: template("x-emulator-singleton"),
            status,
            defaults: op
                .get("x-emulator-defaults")
                .and_then(Value::as_object)
                .cloned()
                .unwrap_or_default(),
            order: op
                .get("x-emulator-order")
                .and_then(Value::as_str)
                .map(String::from),
            list_action,
            view,
            collection: op
                .get("x-emulator-collection")
                .and_then(Value::as_str)
                .map(String::from),
            answer: op.get("x-emulator-answer").cloned(),
            refs: op
                .get("x-emulator-refs")
                .and_then(Value::as_object)
                .into_iter()
                .flatten()
                .filter_map(|(f, t)| Some((f.clone(), t.as_str()?.to_string())))
                .collect(),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn reads_every_extension() {
        let e = Ext::read(&json!({
            "x-emulator-defaults": {"enabled": true},
            "x-emulator-order": "ruleOrder",
            "x-emulator-list-action": {"target": "/a", "field": "urls", "param": "action",
                                       "add": "ADD", "remove": "REMOVE"},
            "x-emulator-view": {"source": "/b", "match": {"idpId": "idpId"}},
            "x-emulator-collection": "/c",
            "x-emulator-answer": "SUCCESS",
            "x-emulator-refs": {"services": "/api/v1/networkServices"},
            "x-emulator-upsert": "/u",
            "x-emulator-remove": "/r",
            "x-emulator-merge": "/m/{id}",
            "x-emulator-missing": {"success": "false"},
            "x-emulator-singleton": "/s",
            "x-emulator-status": {"pending": {"s": "P"}, "active": {"s": "A"}},
            "x-emulator-window": {"items": "datapoints", "time": "timestamp"},
            "x-emulator-csv": {"source": "/d", "columns": [["User", "user"], ["Type", "type", {"3": "WINDOWS"}], ["Log", ""]]}
        }));
        let csv = e.csv.unwrap();
        assert_eq!(csv.source, "/d");
        assert_eq!(csv.columns.len(), 3);
        assert_eq!(csv.columns[1].2["3"], "WINDOWS");
        assert_eq!(e.window, Some(("datapoints".into(), "timestamp".into())));
        assert_eq!(e.upsert.as_deref(), Some("/u"));
        assert_eq!(e.remove.as_deref(), Some("/r"));
        assert_eq!(e.merge.as_deref(), Some("/m/{id}"));
        assert_eq!(e.missing, Some(json!({"success": "false"})));
        assert_eq!(e.singleton.as_deref(), Some("/s"));
        assert_eq!(e.status, Some((json!({"s": "P"}), json!({"s": "A"}))));
        assert_eq!(
            e.refs,
            vec![("services".into(), "/api/v1/networkServices".into())]
        );
        assert_eq!(e.defaults["enabled"], true);
        assert_eq!(e.order.as_deref(), Some("ruleOrder"));
        assert_eq!(e.list_action.unwrap().remove, "REMOVE");
        assert_eq!(
            e.view.unwrap().matches,
            vec![("idpId".into(), "idpId".into())]
        );
        assert_eq!(e.collection.as_deref(), Some("/c"));
        assert_eq!(e.answer, Some(json!("SUCCESS")));
        assert!(
            Ext::read(&json!({"x-emulator-list-action": {"target": "/a"}}))
                .list_action
                .is_none()
        );
    }
}
