//! Singletons and actions: settings objects (`/advancedSettings`), lookups
//! by value (`/policySet/policyType/{policyType}`) and actions
//! (`/foo/{id}/move`). A write stores its body under the concrete path and
//! echoes it; a GET serves what was stored, else the empty value of the
//! declared type.
//!
//! This module owns the singleton roles; it may not route, authenticate or
//! stage changes.

use serde_json::{json, Value};

use super::{crud, declared, listing, Ctx};
use crate::spec::paths::Segment;
use crate::spec::schema::{Json, Shape};

type Out = Result<Option<Value>, crate::errors::ApiError>;

/// The value served for `shape` when nothing was stored.
pub fn empty_of(shape: &Shape) -> Value {
    match shape {
        Shape::Array => Json::Array.empty(),
        Shape::Scalar(k) => k.empty(),
        _ => Json::Object.empty(),
    }
}

/// Whether a stored value can be served as a response of `shape`.
fn fits(shape: &Shape, v: &Value) -> bool {
    match shape {
        Shape::Object(_) => v.is_object(),
        Shape::Array => v.is_array(),
        Shape::Scalar(k) => k.accepts(v, false),
        Shape::Empty | Shape::Text(_) => true,
        Shape::ZpaPage { .. }
        | Shape::ZidPage
        | Shape::TokenPage { .. }
        | Shape::CountedPage { .. }
        | Shape::CursorPage { .. } => false,
    }
}

/// GET. An object whose schema has an `id` is created on first read (with
/// a fresh id, and `name` set to the last path value when declared), so
/// lookups such as ZPA's policy set by type return a stable, usable object.
pub fn get(cx: &Ctx<'_>) -> Out {
    let key = cx.found.full_key();
    let mut store = cx.state.store();
    if let Some(v) = store.singletons.get(&key) {
        // Settings written in part keep the service's values for the rest.
        let mut v = v.clone();
        if let Some(m) = v.as_object_mut() {
            declared::fill(m, &cx.op.ext.defaults, None);
        }
        return Ok(Some(v));
    }
    let value = match &cx.op.response {
        // A declared id is the service's (ZCC settings carry string ids).
        Shape::Object(props)
            if props.iter().any(|p| p == "id") && !cx.op.ext.defaults.contains_key("id") =>
        {
            let mut obj = json!({ "id": store.new_id(cx.op.product) });
            if props.iter().any(|p| p == "name") && !cx.found.values.is_empty() {
                obj["name"] = json!(cx.found.last_value());
            }
            if let Some(m) = obj.as_object_mut() {
                crud::stamp(m, cx, None);
                declared::fill(m, &cx.op.ext.defaults, None);
            }
            store.singletons.insert(key, obj.clone());
            obj
        }
        // Settings the tenant never wrote still have the service's values.
        Shape::Object(_) if !cx.op.ext.defaults.is_empty() => {
            Value::Object(cx.op.ext.defaults.clone())
        }
        shape => empty_of(shape),
    };
    Ok(Some(value))
}

/// PUT / POST / PATCH: store (PATCH merges objects) and echo; without a
/// body, answer with what is stored. A `POST .../search` declared to return
/// a list is a query: it lists the collection it sits under.
pub fn write(cx: &Ctx<'_>, input: Option<Value>) -> Out {
    let segments = &cx.found.entry.segments;
    let is_search = matches!(segments.last(), Some(Segment::Lit(l)) if l.to_ascii_lowercase().contains("search"));
    if cx.op.response.is_list() && is_search && segments.len() > 1 {
        let store = cx.state.store();
        let items = store.collection(&cx.found.key(segments.len() - 1));
        let body = listing::render(cx.op, &cx.params, cx.headers, cx.path, items)?;
        return Ok(Some(body));
    }
    let key = cx.found.full_key();
    let mut store = cx.state.store();
    let stored = match input {
        Some(mut v) => {
            if let Some(obj) = v.as_object_mut() {
                obj.retain(|_, x| !x.is_null());
            }
            if let Some(obj) = v.as_object_mut() {
                declared::fill(obj, &cx.op.ext.defaults, store.singletons.get(&key));
            }
            if cx.op.method == axum::http::Method::PATCH {
                if let (Some(Value::Object(base)), Some(patch)) =
                    (store.singletons.get(&key), v.as_object())
                {
                    let mut merged = base.clone();
                    merged.extend(patch.clone());
                    v = Value::Object(merged);
                }
            }
            store.singletons.insert(key, v.clone());
            Some(v)
        }
        None => store.singletons.get(&key).cloned(),
    };
    let out = match stored {
        Some(v) if fits(&cx.op.response, &v) => v,
        _ => empty_of(&cx.op.response),
    };
    Ok(Some(out))
}

/// DELETE: forgets the stored value.
pub fn delete(cx: &Ctx<'_>) -> Out {
    let mut store = cx.state.store();
    store.singletons.remove(&cx.found.full_key());
    Ok(None)
}
