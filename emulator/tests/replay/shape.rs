//! Body shape comparison for the replay test: the emulator's answer must
//! carry every key the real service sent, with the same JSON type, all the
//! way down. Values (ids, names, timestamps, counts) are free to differ,
//! and the emulator may add keys.

use serde_json::Value;

/// JSON type name, for messages.
fn kind(v: &Value) -> &'static str {
    match v {
        Value::Null => "null",
        Value::Bool(_) => "boolean",
        Value::Number(_) => "number",
        Value::String(_) => "string",
        Value::Array(_) => "array",
        Value::Object(_) => "object",
    }
}

/// Every difference between `recorded` and `got` at `at`, as
/// `path: message` lines.
pub fn diff(recorded: &Value, got: &Value) -> Vec<String> {
    let mut out = Vec::new();
    walk(recorded, got, "$", &mut out);
    out
}

fn walk(rec: &Value, got: &Value, at: &str, out: &mut Vec<String>) {
    match (rec, got) {
        // A recorded null says nothing about the field's type; an absent
        // field was caught by the caller.
        (Value::Null, _) => {}
        (Value::Object(r), Value::Object(g)) => {
            for (k, rv) in r {
                match g.get(k) {
                    Some(gv) => walk(rv, gv, &format!("{at}.{k}"), out),
                    // Null and absent mean the same to every client.
                    None if rv.is_null() => {}
                    // An empty ZPA page leaves `list` out: a count, not a shape.
                    None if k == "list" && g.contains_key("totalPages") => {}
                    // Links to other pages exist only when there are any.
                    None if k == "next_link" || k == "prev_link" => {}
                    None => out.push(format!("{at}.{k}: missing (recorded {})", kind(rv))),
                }
            }
        }
        (Value::Array(r), Value::Array(g)) => {
            // Lists hold different objects on the two tenants: each answered
            // element is compared with the keys every recorded element has.
            let Some(model) = common_shape(r) else { return };
            for (i, gv) in g.iter().enumerate() {
                walk(&model, gv, &format!("{at}[{i}]"), out);
            }
        }
        (r, g) if kind(r) == kind(g) => {}
        (r, g) => out.push(format!("{at}: {} where {} was recorded", kind(g), kind(r))),
    }
}

/// The shape all recorded elements share: for objects, the keys present
/// (non-null) in every element, each with the first element's value; for
/// other types, the first element. `None` when there are no elements or
/// they disagree in type.
fn common_shape(items: &[Value]) -> Option<Value> {
    let first = items.first()?;
    if items.iter().any(|v| kind(v) != kind(first)) {
        return None;
    }
    let Value::Object(first_obj) = first else {
        return Some(first.clone());
    };
    let mut keep = serde_json::Map::new();
    for (k, v) in first_obj {
        let elems: Vec<&Value> = items.iter().filter_map(|o| o.get(k)).collect();
        if v.is_null() || elems.len() != items.len() || elems.iter().any(|e| e.is_null()) {
            continue;
        }
        // Nested lists merge over every element's values too.
        let merged = if v.is_array() {
            let all: Vec<Value> = elems
                .iter()
                .filter_map(|e| e.as_array())
                .flatten()
                .cloned()
                .collect();
            common_shape(&all).map_or(Value::Array(vec![]), |m| Value::Array(vec![m]))
        } else if v.is_object() {
            let all: Vec<Value> = elems.iter().map(|e| (*e).clone()).collect();
            common_shape(&all).unwrap_or(Value::Null)
        } else {
            v.clone()
        };
        keep.insert(k.clone(), merged);
    }
    Some(Value::Object(keep))
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn missing_keys_and_wrong_types_are_reported() {
        let rec = json!({"id": "1", "name": "a", "tags": [{"k": 1}], "n": null});
        assert!(diff(&rec, &json!({"id": "9", "name": "b", "tags": [], "x": 1})).is_empty());
        let d = diff(&rec, &json!({"id": 9, "tags": [{"k": "1"}]}));
        assert_eq!(d.len(), 3, "{d:?}");
        let page = json!({"totalPages": "1", "list": [{"id": "1"}]});
        assert!(diff(&page, &json!({"totalPages": "0"})).is_empty());
        assert_eq!(
            diff(&page, &json!({"total": "0"})).len(),
            2,
            "list and totalPages"
        );
    }

    #[test]
    fn list_elements_need_only_the_keys_every_recorded_element_has() {
        let rec = json!([{"id": "1", "a": 1}, {"id": "2"}]);
        assert!(diff(&rec, &json!([{"id": "3"}])).is_empty());
        assert_eq!(diff(&rec, &json!([{"a": 1}])).len(), 1);
    }
}
