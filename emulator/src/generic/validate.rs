//! Request bodies checked against the operation's spec before any state
//! changes: JSON that parses, of the declared top-level type, with the
//! required fields present and the declared fields of the declared types;
//! where the product's mapper takes a number for a string (or for an
//! untyped field), the number is kept as text; where it answers numbers,
//! numeric text in an untyped field becomes a number. This module owns spec-based body checks and that
//! normalisation; it may not change state.

use serde_json::{Map, Value};

use crate::errors::ApiError;
use crate::product::Product;
use crate::rules;
use crate::spec::schema::Json;
use crate::spec::Operation;

/// The body as the handlers use it: None when the operation takes none or
/// none was sent; a non-JSON body arrives as a JSON string.
pub fn parse(op: &Operation, bytes: &[u8]) -> Result<Option<Value>, ApiError> {
    let product = op.product;
    let blank = bytes.iter().all(u8::is_ascii_whitespace);
    let Some(spec) = &op.request else {
        return Ok(None);
    };
    if blank {
        return if spec.required {
            Err(ApiError::invalid_body(product, "Request body is required"))
        } else {
            Ok(None)
        };
    }
    if !spec.json {
        return Ok(Some(Value::String(
            String::from_utf8_lossy(bytes).into_owned(),
        )));
    }
    let mut value: Value = serde_json::from_slice(bytes).map_err(|e| {
        ApiError::invalid_body(product, format!("Request body is not valid JSON: {e}"))
    })?;
    check(
        product,
        spec.kind,
        &spec.required_fields,
        &spec.fields,
        &value,
    )?;
    if let Value::Object(obj) = &mut value {
        numbers_to_text(op, obj);
    }
    Ok(Some(value))
}

/// For products whose mapper takes a number where a string is declared
/// (`rules::Rules::strings_take_numbers`): stores such numbers as their
/// decimal text, the form the product answers with. Providers that parse
/// their own bodies call it as well.
pub fn numbers_to_text(op: &Operation, obj: &mut Map<String, Value>) {
    if let Some(spec) = op.request.as_ref() {
        if rules::of(op.product).strings_take_numbers {
            text_fields(&spec.fields, obj);
        } else {
            number_fields(&spec.fields, obj);
        }
    }
}

/// Products that answer numbers as JSON numbers do so for untyped fields
/// too (the spec leaves a field untyped where clients send either form).
fn number_fields(fields: &[(String, Json, Json)], obj: &mut Map<String, Value>) {
    for (name, ty, _) in fields {
        if let (Some(v), Json::Any) = (obj.get_mut(name), ty) {
            let n = v.as_str().and_then(|t| t.parse::<i64>().ok());
            if let Some(n) = n {
                *v = Value::from(n);
            }
        }
    }
}

fn text_fields(fields: &[(String, Json, Json)], obj: &mut Map<String, Value>) {
    let text = |v: &mut Value| {
        if let Value::Number(n) = v {
            *v = Value::String(n.to_string());
        }
    };
    for (name, ty, item) in fields {
        match (obj.get_mut(name), ty, item) {
            // An untyped field is a string like every other scalar the
            // product answers (numbers are sent either way).
            (Some(v), Json::String | Json::Any, _) => text(v),
            (Some(Value::Array(items)), Json::Array, Json::String) => {
                items.iter_mut().for_each(text)
            }
            _ => {}
        }
    }
}

/// The structural checks, on a parsed body.
pub fn check(
    product: Product,
    kind: Json,
    required: &[String],
    fields: &[(String, Json, Json)],
    value: &Value,
) -> Result<(), ApiError> {
    // ZPA's server maps JSON numbers onto its string fields; others do not.
    let lenient = rules::of(product).strings_take_numbers;
    if !kind.accepts(value, false) {
        return Err(ApiError::invalid_body(
            product,
            format!("Request body must be {}", kind.describe()),
        ));
    }
    let Some(obj) = value.as_object() else {
        return Ok(());
    };
    for name in required {
        if obj.get(name).is_none_or(Value::is_null) {
            return Err(ApiError::invalid_body(
                product,
                format!("{name} is required"),
            ));
        }
    }
    for (name, ty, item) in fields {
        let Some(v) = obj.get(name).filter(|v| !v.is_null()) else {
            continue;
        };
        if !ty.accepts(v, lenient) {
            return Err(ApiError::invalid_body(
                product,
                format!("{name} must be {}", ty.describe()),
            ));
        }
        if let Some(items) = v.as_array() {
            if items
                .iter()
                .any(|i| !i.is_null() && !item.accepts(i, lenient))
            {
                return Err(ApiError::invalid_body(
                    product,
                    format!("every element of {name} must be {}", item.describe()),
                ));
            }
        }
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    fn fields() -> Vec<(String, Json, Json)> {
        vec![
            ("name".into(), Json::String, Json::Any),
            ("enabled".into(), Json::Boolean, Json::Any),
            ("ports".into(), Json::Array, Json::Integer),
        ]
    }

    #[test]
    fn checks_types_and_required() {
        let req = vec!["name".to_string()];
        let ok = |p, v: Value| check(p, Json::Object, &req, &fields(), &v).is_ok();
        assert!(ok(
            Product::ZIA,
            json!({"name": "a", "enabled": true, "ports": [1]})
        ));
        assert!(!ok(Product::ZIA, json!({"enabled": true})), "missing name");
        assert!(!ok(Product::ZIA, json!({"name": null})), "null is missing");
        assert!(!ok(Product::ZIA, json!({"name": "a", "enabled": "yes"})));
        assert!(!ok(Product::ZIA, json!({"name": "a", "ports": ["x"]})));
        assert!(!ok(Product::ZIA, json!({"name": 5})));
        assert!(
            ok(Product::ZPA, json!({"name": 5})),
            "ZPA takes numbers for strings"
        );
        assert!(!ok(Product::ZIA, json!([])), "must be an object");
        assert!(check(Product::ZIA, Json::Array, &[], &[], &json!([1])).is_ok());
        assert!(check(Product::ZIA, Json::Array, &[], &[], &json!({})).is_err());
    }

    #[test]
    fn numbers_for_strings_become_text() {
        let v = json!({"name": 5, "ports": [1], "tags": [7, "x"], "enabled": true});
        let mut obj = v.as_object().cloned().unwrap();
        let mut f = fields();
        f.push(("tags".into(), Json::Array, Json::String));
        f.push(("maxUsage".into(), Json::Any, Json::Any));
        obj.insert("maxUsage".into(), json!(10));
        text_fields(&f, &mut obj);
        let want = json!({"name": "5", "ports": [1], "tags": ["7", "x"], "enabled": true,
                          "maxUsage": "10"});
        assert_eq!(Value::Object(obj), want);
        let mut obj = json!({"maxUsage": "100", "name": "7"})
            .as_object()
            .cloned()
            .unwrap();
        number_fields(&f, &mut obj);
        assert_eq!(Value::Object(obj), json!({"maxUsage": 100, "name": "7"}));
    }
}
