//! Checking JSON against a compact schema table generated from the specs.
//! One generic walker instead of a decoder per type keeps the wasm small;
//! the JS API validates arguments and answers with it.

use serde_json::Value;

/// The JSON type a schema expects.
#[derive(Debug)]
pub enum Ty {
    /// Anything.
    Any,
    /// A string.
    Str,
    /// An integer.
    Int,
    /// Any number.
    Num,
    /// `true` or `false`.
    Bool,
    /// An array of one element type.
    Array(&'static Ty),
    /// The object schema at this index of the schema table.
    Ref(u16),
}

/// An object schema: its known fields. Unknown fields are let through.
#[derive(Debug)]
pub struct ObjectSchema {
    /// `(wire name, type)` pairs, sorted by name (byte order), so a key is
    /// found by binary search.
    pub fields: &'static [(&'static str, Ty)],
}

/// How a JSON value's type reads in a message.
pub fn kind(v: &Value) -> &'static str {
    match v {
        Value::Null => "null",
        Value::Bool(_) => "a boolean",
        Value::Number(_) => "a number",
        Value::String(_) => "a string",
        Value::Array(_) => "an array",
        Value::Object(_) => "an object",
    }
}

/// Where a check failed and what was found there; the path is collected
/// in reverse while unwinding, so a passing check allocates nothing (it
/// runs over every item of every page, so this is the hot path of lists).
struct Mismatch {
    path: Vec<String>,
    want: &'static str,
    got: &'static str,
}

fn want(ty: &Ty) -> &'static str {
    match ty {
        Ty::Str => "a string",
        Ty::Int => "an integer",
        Ty::Num => "a number",
        Ty::Bool => "a boolean",
        Ty::Array(_) => "an array",
        Ty::Ref(_) => "an object",
        Ty::Any => "anything",
    }
}

fn walk(schemas: &[ObjectSchema], v: &Value, ty: &Ty) -> Result<(), Mismatch> {
    let ok = match (ty, v) {
        (_, Value::Null) | (Ty::Any, _) => true,
        (Ty::Str, Value::String(_)) | (Ty::Bool, Value::Bool(_)) | (Ty::Num, Value::Number(_)) => {
            true
        }
        (Ty::Int, Value::Number(n)) => n.is_i64() || n.is_u64(),
        (Ty::Array(inner), Value::Array(items)) => {
            for (i, item) in items.iter().enumerate() {
                walk(schemas, item, inner).map_err(|mut m| {
                    m.path.push(format!("[{i}]"));
                    m
                })?;
            }
            true
        }
        (Ty::Ref(idx), Value::Object(map)) => {
            let Some(schema) = schemas.get(*idx as usize) else {
                return Err(Mismatch {
                    path: vec![" (schema table is inconsistent)".into()],
                    want: "an object",
                    got: "an object",
                });
            };
            for (name, field_ty) in schema.fields {
                if let Some(fv) = map.get(*name) {
                    walk(schemas, fv, field_ty).map_err(|mut m| {
                        m.path.push(format!(".{name}"));
                        m
                    })?;
                }
            }
            true
        }
        _ => false,
    };
    if ok {
        Ok(())
    } else {
        Err(Mismatch {
            path: Vec::new(),
            want: want(ty),
            got: kind(v),
        })
    }
}

/// Check `v` against `ty`. `null` passes anywhere: Zscaler sends it for
/// absent values, and callers send it to clear them. `at` names the value
/// in the message (`body`, a parameter name), or is empty for "value".
pub fn check(schemas: &[ObjectSchema], v: &Value, ty: &Ty, at: &str) -> Result<(), String> {
    walk(schemas, v, ty).map_err(|m| {
        let mut place = at.to_string();
        for seg in m.path.iter().rev() {
            place.push_str(seg);
        }
        let place = if place.is_empty() {
            "value"
        } else {
            place.as_str()
        };
        format!("{place} should be {}, not {}", m.want, m.got)
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    static INNER: ObjectSchema = ObjectSchema {
        fields: &[("from", Ty::Str)],
    };
    static SCHEMAS: &[ObjectSchema] = &[
        ObjectSchema {
            fields: &[
                ("id", Ty::Int),
                ("name", Ty::Str),
                ("ranges", Ty::Array(&Ty::Ref(1))),
            ],
        },
        ObjectSchema {
            fields: INNER.fields,
        },
    ];

    fn run(v: Value) -> Result<(), String> {
        check(SCHEMAS, &v, &Ty::Ref(0), "")
    }

    #[test]
    fn checks_types_deeply_and_names_the_place() {
        assert!(
            run(json!({"id": 1, "name": "a", "ranges": [{"from": "1"}], "extra": true})).is_ok()
        );
        assert!(run(json!({"id": null, "name": null})).is_ok());
        assert_eq!(
            run(json!({"id": "1"})).unwrap_err(),
            ".id should be an integer, not a string"
        );
        assert_eq!(
            run(json!({"ranges": [{"from": 5}]})).unwrap_err(),
            ".ranges[0].from should be a string, not a number"
        );
        assert_eq!(
            run(json!([1])).unwrap_err(),
            "value should be an object, not an array"
        );
        assert!(run(json!({"id": 1.5})).is_err());
    }
}
