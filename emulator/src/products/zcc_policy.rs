//! ZCC web policies in the service's list form. The SDKs save a policy
//! with the edit form (`PUT web/policy/edit`, stored as sent), but the
//! real `listByCompany` answers with another rendering of it (recorded in
//! `TestWebPolicy.yaml`):
//!
//! - the platform object (`windowsPolicy`, `macPolicy`, ...) is lifted to
//!   the top level, and the numeric `device_type` becomes the named
//!   `deviceType` (`3` → `DEVICE_TYPE_WINDOWS`);
//! - flags change JSON type (the edit's `"active": "1"` lists as `1`, its
//!   `reauth_period: 8` as `"8"`, group ids as strings), and some names
//!   change case (`overrideWpad` → `overrideWPAD`);
//! - the ids come back as `groups` / `users` objects, and the policy id is
//!   repeated inside `disasterRecovery` and the CLI password contract;
//! - edit-only fields (`billingDaySelectedOption`, ...) are not listed.
//!
//! The spec's `WebPolicy` schema (the list's items) declares exactly the
//! list form's fields and types, so the rendering fits the stored edit form
//! to that schema instead of repeating ~150 field types here.

use std::sync::OnceLock;

use axum::body::Bytes;
use axum::response::{IntoResponse, Response};
use axum::Json;
use serde_json::{json, Map, Value};

use crate::errors::ApiError;
use crate::generic::listing;
use crate::router::{Ctx, Handler};
use crate::spec;

/// The hand-written operations, by operationId.
pub const PROVIDERS: &[(&str, Handler)] = &[("listWebPolicies", list_web_policies)];

/// Device type codes (the service's, as `seed::zcc` uses them for
/// devices), the name the list form gives each, and the edit form's
/// platform object. Only `DEVICE_TYPE_WINDOWS` is in recorded traffic; the
/// other names follow its pattern and are unconfirmed.
const DEVICE_TYPES: &[(i64, &str, &str)] = &[
    (1, "DEVICE_TYPE_IOS", "iosPolicy"),
    (2, "DEVICE_TYPE_ANDROID", "androidPolicy"),
    (3, "DEVICE_TYPE_WINDOWS", "windowsPolicy"),
    (4, "DEVICE_TYPE_MAC", "macPolicy"),
    (5, "DEVICE_TYPE_LINUX", "linuxPolicy"),
];

/// Lists the stored policies in the list form, only those of the asked
/// `deviceType` when one is given (the service requires it; the emulator
/// lists every policy without it, as it always has).
fn list_web_policies(cx: &Ctx<'_>, _: Bytes) -> Result<Response, ApiError> {
    let wanted = cx
        .params
        .get("deviceType")
        .filter(|v| !v.is_empty())
        .and_then(|v| v.parse::<i64>().ok());
    let rows: Vec<Value> = cx
        .state
        .store()
        .collection(&cx.found.collection_key())
        .iter()
        .filter(|p| wanted.is_none_or(|w| device_type(p) == Some(w)))
        .map(list_form)
        .collect();
    let body = listing::render(cx.op, &cx.params, cx.headers, cx.path, &rows)?;
    Ok(Json(body).into_response())
}

/// The edit form's `device_type`, sent as a number or numeric string.
fn device_type(policy: &Value) -> Option<i64> {
    let v = &policy["device_type"];
    v.as_i64().or_else(|| v.as_str()?.trim().parse().ok())
}

/// The list form of a stored (edit form) policy.
pub fn list_form(stored: &Value) -> Value {
    let mut flat = stored.as_object().cloned().unwrap_or_default();
    let kind = device_type(stored).and_then(|t| DEVICE_TYPES.iter().find(|d| d.0 == t));
    // The platform object holds the settings the service keeps for that
    // platform; its values win over same-named top-level copies the SDKs
    // also send.
    if let Some(Value::Object(platform)) = kind.and_then(|d| stored.get(d.2)) {
        flat.extend(platform.clone());
    }
    let mut out = fit(Some(&Value::Object(flat)), list_schema());
    let id = stored["id"].clone();
    let id_num = id
        .as_i64()
        .or_else(|| id.as_str()?.parse().ok())
        .map_or(Value::Null, Value::from);
    out["id"] = id_num.clone();
    out["deviceType"] = json!(kind.map_or("", |d| d.1));
    if out["disasterRecovery"].is_object() {
        out["disasterRecovery"]["policyId"] = json!(stringify(&id_num));
    }
    if out["policyExtension"]["generateCliPasswordContract"].is_object() {
        out["policyExtension"]["generateCliPasswordContract"]["policyId"] = id_num;
    }
    // The directory objects behind the ids: the emulator keeps no ZCC
    // directory, so only the id is known and the rest is the typed default.
    let schema = list_schema();
    for (ids, objects) in [("groupIds", "groups"), ("userIds", "users")] {
        let refs: Vec<Value> = out[ids]
            .as_array()
            .into_iter()
            .flatten()
            .map(|i| {
                fit(
                    Some(&json!({ "id": i })),
                    &schema["properties"][objects]["items"],
                )
            })
            .collect();
        out[objects] = Value::Array(refs);
    }
    out
}

/// The `WebPolicy` schema of the embedded ZCC spec (empty when missing, so
/// a spec without it lists policies as empty objects rather than failing).
fn list_schema() -> &'static Value {
    static SCHEMA: OnceLock<Value> = OnceLock::new();
    SCHEMA.get_or_init(|| {
        let docs: Value = serde_json::from_str(spec::EMBEDDED).unwrap_or_default();
        docs.as_array()
            .into_iter()
            .flatten()
            .find(|d| d["file"] == "zcc.yaml")
            .and_then(|d| d.pointer("/spec/components/schemas/WebPolicy"))
            .cloned()
            .unwrap_or_else(|| json!({"type": "object"}))
    })
}

/// `v` in the JSON type `schema` declares: declared object members only
/// (found by exact name, else ignoring case), values retyped, absent
/// values as the type's empty value.
fn fit(v: Option<&Value>, schema: &Value) -> Value {
    let v = v.filter(|v| !v.is_null());
    match schema["type"].as_str() {
        Some("object") => {
            let src = v.and_then(Value::as_object);
            let Some(props) = schema["properties"].as_object() else {
                return Value::Object(src.cloned().unwrap_or_default());
            };
            let mut out = Map::new();
            for (k, s) in props {
                let found = src.and_then(|m| {
                    m.get(k).or_else(|| {
                        m.iter()
                            .find(|(n, _)| n.eq_ignore_ascii_case(k))
                            .map(|e| e.1)
                    })
                });
                out.insert(k.clone(), fit(found, s));
            }
            Value::Object(out)
        }
        Some("array") => {
            let items = &schema["items"];
            let typed = items.get("type").is_some();
            let list = v.and_then(Value::as_array).into_iter().flatten();
            Value::Array(
                list.map(|i| {
                    if typed {
                        fit(Some(i), items)
                    } else {
                        i.clone()
                    }
                })
                .collect(),
            )
        }
        Some("string") => json!(v.map(stringify).unwrap_or_default()),
        Some("number") | Some("integer") => match v {
            Some(Value::Number(n)) => Value::Number(n.clone()),
            Some(Value::Bool(b)) => json!(i64::from(*b)),
            Some(Value::String(s)) => {
                let s = s.trim();
                s.parse::<i64>()
                    .map(Value::from)
                    .or_else(|_| s.parse::<f64>().map(Value::from))
                    .unwrap_or_else(|_| json!(0))
            }
            _ => json!(0),
        },
        Some("boolean") => json!(match v {
            Some(Value::Bool(b)) => *b,
            Some(Value::Number(n)) => n.as_f64() != Some(0.0),
            Some(Value::String(s)) => s == "1" || s.eq_ignore_ascii_case("true"),
            _ => false,
        }),
        _ => v.cloned().unwrap_or(Value::Null),
    }
}

/// Text of a value in the list form's string fields: flags as `"1"` /
/// `"0"`, lists comma-joined (as the service writes address lists), other
/// objects as JSON text (as it writes `captivePortalConfig`).
fn stringify(v: &Value) -> String {
    match v {
        Value::String(s) => s.clone(),
        Value::Number(n) => n.to_string(),
        Value::Bool(b) => if *b { "1" } else { "0" }.to_string(),
        Value::Null => String::new(),
        Value::Array(a) => a.iter().map(stringify).collect::<Vec<_>>().join(","),
        Value::Object(_) => v.to_string(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_edit_form_lists_in_the_list_form() {
        let stored = json!({
            "id": 7, "name": "p", "active": "1", "device_type": 3,
            "reauth_period": 8, "groupIds": [11, 12], "userIds": ["5"],
            "overrideWpad": 1, "billingDaySelectedOption": {"label": "1"},
            "windowsPolicy": {"installWindowsFirewallInboundRule": "1"},
            "policyExtension": {"pcAdditionalSpace": "512",
                "generateCliPasswordContract": {"enableCli": false}},
        });
        let l = list_form(&stored);
        assert_eq!(l["id"], 7);
        assert_eq!(l["deviceType"], "DEVICE_TYPE_WINDOWS");
        assert_eq!(l["active"], 1);
        assert_eq!(l["reauth_period"], "8");
        assert_eq!(l["overrideWPAD"], 1);
        assert_eq!(l["installWindowsFirewallInboundRule"], 1);
        assert_eq!(l["groupIds"], json!(["11", "12"]));
        assert_eq!(l["groups"][1]["id"], 12);
        assert_eq!(l["users"][0]["id"], "5");
        assert_eq!(l["disasterRecovery"]["policyId"], "7");
        let ext = &l["policyExtension"];
        assert_eq!(ext["pcAdditionalSpace"], 512);
        assert_eq!(ext["generateCliPasswordContract"]["policyId"], 7);
        assert!(l.get("billingDaySelectedOption").is_none());
        assert!(l.get("windowsPolicy").is_none());
    }
}
