//! JSON merge patch (RFC 7396), the engine of the `patch…` helpers.

use crate::Error;
use serde::{de::DeserializeOwned, Serialize};
use serde_json::Value;

/// Apply `patch` to `target` in place: objects merge key by key, `null`
/// removes a key, anything else replaces.
pub fn merge(target: &mut Value, patch: &Value) {
    let Value::Object(changes) = patch else {
        *target = patch.clone();
        return;
    };
    if !target.is_object() {
        *target = Value::Object(Default::default());
    }
    let Value::Object(fields) = target else {
        unreachable!("just made an object")
    };
    for (key, change) in changes {
        if change.is_null() {
            fields.remove(key);
        } else {
            merge(fields.entry(key.clone()).or_insert(Value::Null), change);
        }
    }
}

/// Patch a typed object; the result must still be a valid object of its type.
pub fn apply<T: Serialize + DeserializeOwned>(current: &T, patch: &Value) -> Result<T, Error> {
    if !patch.is_object() {
        return Err(Error::invalid("patch must be a JSON object"));
    }
    let mut value = serde_json::to_value(current).map_err(|e| Error::invalid(e.to_string()))?;
    merge(&mut value, patch);
    serde_json::from_value(value)
        .map_err(|e| Error::invalid(format!("patched object is not valid: {e}")))
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn rfc7396_examples() {
        let mut doc = json!({"a": "b", "c": {"d": "e", "f": "g"}});
        merge(&mut doc, &json!({"a": "z", "c": {"f": null}}));
        assert_eq!(doc, json!({"a": "z", "c": {"d": "e"}}));
        let mut doc = json!({"a": [1, 2]});
        merge(&mut doc, &json!({"a": [3]}));
        assert_eq!(doc, json!({"a": [3]}));
    }

    #[test]
    fn untouched_fields_survive_and_bad_patches_are_typed() {
        let current: serde_json::Map<String, Value> =
            serde_json::from_value(json!({"name": "n", "tags": ["x"]})).unwrap();
        let out = apply(&current, &json!({"name": "m"})).unwrap();
        assert_eq!(Value::Object(out), json!({"name": "m", "tags": ["x"]}));
        assert_eq!(
            apply(&current, &json!([1])).unwrap_err().code(),
            "INVALID_ARGUMENT"
        );
    }
}
