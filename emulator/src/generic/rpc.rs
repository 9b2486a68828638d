//! Operations that act on what another path serves, declared with
//! extensions (see `spec::ext`): ZCC's RPC-style API creates with
//! `.../create`, updates or creates with `.../edit` (the body names the
//! object), deletes with `.../{id}/delete` (a missing object may have a
//! declared 200 answer), reads settings written by a sibling `set...` path
//! and downloads its devices as CSV; ZWA's `.../{id}/close` merges into the
//! incident; staging products answer their activation status from the
//! pending flag.
//!
//! This module owns those behaviours; like the rest of `generic` it reads
//! product facts only from the registry, `rules` and the specs.

use axum::http::StatusCode;
use serde_json::{Map, Value};

use super::{crud, declared, Ctx, Finish};
use crate::errors::ApiError;
use crate::store::position;

type Out = Result<Option<Value>, ApiError>;

/// The declared RPC-style behaviour serving this request, when one applies.
pub fn serve(cx: &Ctx<'_>, input: &Option<Value>, finish: &Finish) -> Option<Out> {
    let ext = &cx.op.ext;
    if let Some(csv) = &ext.csv {
        return Some(download(cx, csv));
    }
    if let Some((pending, active)) = &ext.status {
        let pending_now = cx.state.store().is_pending(cx.op.product);
        return Some(Ok(Some(if pending_now { pending } else { active }.clone())));
    }
    let target = ext
        .upsert
        .as_ref()
        .or(ext.remove.as_ref())
        .or(ext.merge.as_ref())
        .or(ext.singleton.as_ref())?;
    let Some(key) = declared::key_of(cx, target) else {
        return Some(Err(ApiError::not_found(
            cx.op.product,
            format!("No route for {target}"),
        )));
    };
    let out = if ext.upsert.is_some() {
        upsert(cx, &key, input.clone(), finish)
    } else if ext.remove.is_some() {
        remove(cx, &key)
    } else if ext.merge.is_some() {
        merge(cx, &key, input.clone())
    } else {
        into_singleton(cx, &key, input.clone())
    };
    Some(match (out, &ext.missing) {
        // The declared "not there" answer replaces the 404. It leaves as an
        // early answer, so no fixed answer replaces it and nothing stages.
        (Err(e), Some(body)) if e.status == StatusCode::NOT_FOUND => Err(ApiError {
            status: StatusCode::OK,
            body: body.clone(),
        }),
        (out, _) => out,
    })
}

/// The id a body names, unless it names none (ZCC clients send `0` or an
/// empty id for a new object).
fn named_id(body: &Map<String, Value>) -> Option<String> {
    match body.get("id")? {
        Value::String(s) if !s.is_empty() && s != "0" => Some(s.clone()),
        Value::Number(n) if n.as_u64() != Some(0) => Some(n.to_string()),
        _ => None,
    }
}

/// Merges the body into the object its `id` names, or creates one when it
/// names none.
fn upsert(cx: &Ctx<'_>, key: &str, input: Option<Value>, finish: &Finish) -> Out {
    let Some(Value::Object(mut body)) = input else {
        return crud::create_in(cx, key, input, finish);
    };
    let Some(id) = named_id(&body) else {
        return crud::create_in(cx, key, Some(Value::Object(body)), finish);
    };
    body.retain(|_, v| !v.is_null());
    let mut store = cx.state.store();
    let Some(idx) = position(store.collection(key), &id) else {
        return Err(ApiError::not_found(
            cx.op.product,
            format!("Object with id {id} not found"),
        ));
    };
    let prev = store.collection(key)[idx].clone();
    let mut obj = prev.as_object().cloned().unwrap_or_default();
    obj.extend(body);
    obj.insert("id".into(), prev["id"].clone());
    crud::stamp(&mut obj, cx, Some(&prev));
    finish(&mut obj, &mut store);
    let value = Value::Object(obj);
    store.collection_mut(key)[idx] = value.clone();
    Ok(Some(value))
}

/// Where the object `id` is in `items`, or the product's 404.
fn index_of(cx: &Ctx<'_>, items: &[Value], id: &str) -> Result<usize, ApiError> {
    position(items, id)
        .ok_or_else(|| ApiError::not_found(cx.op.product, format!("Object with id {id} not found")))
}

/// Deletes the object the path's last parameter names.
fn remove(cx: &Ctx<'_>, key: &str) -> Out {
    let id = cx.found.last_value();
    let mut store = cx.state.store();
    let items = store.collection_mut(key);
    let idx = index_of(cx, items, id)?;
    Ok(Some(items.remove(idx)))
}

/// Merges the body, and the operation's defaults, into the object the
/// path's last parameter names (ZWA's close records the resolution).
fn merge(cx: &Ctx<'_>, key: &str, input: Option<Value>) -> Out {
    let id = cx.found.last_value();
    let mut store = cx.state.store();
    let items = store.collection_mut(key);
    let idx = index_of(cx, items, id)?;
    let mut obj = items[idx].as_object().cloned().unwrap_or_default();
    if let Some(Value::Object(body)) = input {
        obj.extend(body.into_iter().filter(|(_, v)| !v.is_null()));
    }
    obj.extend(cx.op.ext.defaults.clone());
    items[idx] = Value::Object(obj);
    Ok(Some(items[idx].clone()))
}

/// The collection at the declared source as CSV, every value quoted as ZCC
/// writes it; the header row alone for an empty collection.
fn download(cx: &Ctx<'_>, csv: &crate::spec::ext::Csv) -> Out {
    let quote = |s: &str| format!("\"{}\"", s.replace('"', "\"\""));
    let row = |cells: Vec<String>| cells.iter().map(|c| quote(c)).collect::<Vec<_>>().join(",");
    let mut out = row(csv.columns.iter().map(|c| c.0.clone()).collect());
    out.push('\n');
    let Some(key) = declared::key_of(cx, &csv.source) else {
        return Ok(Some(Value::String(out)));
    };
    let store = cx.state.store();
    for obj in store.collection(&key) {
        let cells = csv.columns.iter().map(|(_, field, names)| {
            let text = match obj.get(field) {
                Some(Value::String(s)) => s.clone(),
                Some(Value::Null) | None => String::new(),
                Some(v) => v.to_string(),
            };
            match names.get(&text).and_then(Value::as_str) {
                Some(name) => name.to_string(),
                None => text,
            }
        });
        out.push_str(&row(cells.collect()));
        out.push('\n');
    }
    Ok(Some(Value::String(out)))
}

/// Merges the body into the singleton another path reads.
fn into_singleton(cx: &Ctx<'_>, key: &str, input: Option<Value>) -> Out {
    let mut store = cx.state.store();
    let merged = match (store.singletons.get(key), input) {
        (Some(Value::Object(base)), Some(Value::Object(patch))) => {
            let mut m = base.clone();
            m.extend(patch.into_iter().filter(|(_, v)| !v.is_null()));
            Value::Object(m)
        }
        (_, Some(v)) => v,
        (Some(prev), None) => prev.clone(),
        (None, None) => Value::Object(Map::new()),
    };
    store.singletons.insert(key.to_string(), merged.clone());
    Ok(Some(merged))
}

/// A declared fixed answer with each `"$id"` string replaced by the id of
/// the object the operation wrote (a JSON number when the id is digits):
/// ZCC answers its writes with `{"id": <id>, "success": "true"}`.
pub fn answer(fixed: &Value, written: Option<&Value>) -> Value {
    let id = written.and_then(|w| w.get("id"));
    match fixed {
        Value::String(s) if s == "$id" => match id {
            Some(Value::String(t)) => t
                .parse::<u64>()
                .map(Value::from)
                .unwrap_or_else(|_| Value::String(t.clone())),
            Some(other) => other.clone(),
            None => Value::from(0),
        },
        Value::Object(m) => Value::Object(
            m.iter()
                .map(|(k, v)| (k.clone(), answer(v, written)))
                .collect(),
        ),
        other => other.clone(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn answers_name_the_written_id() {
        let fixed = json!({"id": "$id", "success": "true"});
        assert_eq!(
            answer(&fixed, Some(&json!({"id": "42"}))),
            json!({"id": 42, "success": "true"})
        );
        assert_eq!(answer(&fixed, None), json!({"id": 0, "success": "true"}));
        assert_eq!(named_id(json!({"id": 0}).as_object().unwrap()), None);
        assert_eq!(
            named_id(json!({"id": "7"}).as_object().unwrap()),
            Some("7".into())
        );
    }
}
