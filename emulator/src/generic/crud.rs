//! Collection operations: list, create, read, replace, merge, delete.
//!
//! Objects are stored as the client sent them (`null` members dropped)
//! plus an id in the product's style; PUT is a full replace (omitted fields
//! are gone, the id stays), PATCH merges.
//!
//! This module owns the collection roles; it may not route, authenticate or
//! stage changes (the router does).

use serde_json::{json, Map, Value};

use super::{declared, links, listing, single, Ctx, Finish};
use crate::errors::ApiError;
use crate::rules;
use crate::spec::schema::{Json, Shape};
use crate::store::{now_secs, position};

type Out = Result<Option<Value>, ApiError>;

/// GET of a collection.
pub fn list(cx: &Ctx<'_>) -> Out {
    let store = cx.state.store();
    let key = links::list_key(&store, &cx.found.collection_key());
    let stored = store.collection(&key);
    let body = if declared::changes_reads(cx) {
        let items = declared::filled(cx, &store, stored);
        listing::render(cx.op, &cx.params, cx.headers, cx.path, &items)?
    } else {
        // Large collections are listed without a copy.
        listing::render(cx.op, &cx.params, cx.headers, cx.path, stored)?
    };
    Ok(Some(body))
}

/// POST to a collection. A non-object body (bulk-style array) is stored
/// and echoed like an action instead.
pub fn create(cx: &Ctx<'_>, input: Option<Value>, finish: &Finish) -> Out {
    create_in(cx, &cx.found.collection_key(), input, finish)
}

/// POST storing into the collection at `key`: the collection's defaults
/// fill what the client left out, and an ordered collection places the
/// object where its order field asks (else last) and renumbers.
pub fn create_in(cx: &Ctx<'_>, key: &str, input: Option<Value>, finish: &Finish) -> Out {
    let mut obj = match input {
        Some(Value::Object(m)) => m,
        None => Map::new(),
        Some(other) => return single::write(cx, Some(other)),
    };
    obj.retain(|_, v| !v.is_null());
    obj.remove("id");
    let r = rules::of(cx.op.product);
    // The scope (ZPA microtenant) may also be chosen with the query parameter.
    if let (Some(field), Some(mt)) = (r.scope_field, rules::wanted_scope(r, &cx.params)) {
        obj.entry(field).or_insert_with(|| json!(mt));
    }
    let mut store = cx.state.store();
    obj.insert("id".into(), new_id(cx, &mut store));
    stamp(&mut obj, cx, None);
    declared::fill(&mut obj, &cx.op.ext.defaults, None);
    declared::fresh_values(&mut obj, &cx.op.ext.defaults);
    declared::expand_refs(cx, &store, &mut obj);
    finish(&mut obj, &mut store);
    let wanted = cx
        .op
        .ext
        .order
        .as_ref()
        .map(|f| declared::wanted_position(obj.get(f)));
    let items = store.collection_mut(key);
    items.push(Value::Object(obj));
    let mut at = items.len() - 1;
    if let Some(field) = &cx.op.ext.order {
        if let Some(Some(to)) = wanted {
            declared::move_to(items, at, to);
            at = (to - 1).min(at);
        }
        declared::renumber(cx, items, field);
    }
    Ok(Some(items[at].clone()))
}

/// A new id in the product's style, as a string where the create body
/// declares a string `id` (ZCC's trusted networks, in an int64 product).
fn new_id(cx: &Ctx<'_>, store: &mut crate::store::Store) -> Value {
    let id = store.new_id(cx.op.product);
    let string_id = cx.op.request.as_ref().is_some_and(|b| {
        b.fields
            .iter()
            .any(|(name, kind, _)| name == "id" && *kind == Json::String)
    });
    match (&id, string_id) {
        (Value::Number(n), true) => json!(n.to_string()),
        _ => id,
    }
}

/// GET of an item; the scope parameter (ZPA's `microtenantId`) hides
/// other scopes' objects.
pub fn read(cx: &Ctx<'_>) -> Out {
    let store = cx.state.store();
    let items = store.collection(&cx.found.collection_key());
    let id = cx.found.last_value();
    let r = rules::of(cx.op.product);
    let scope = rules::wanted_scope(r, &cx.params);
    let obj = position(items, id)
        .map(|i| &items[i])
        .filter(|o| scope.is_none_or(|m| rules::in_scope(r, o, m)))
        .ok_or_else(|| not_found(cx))?;
    Ok(declared::filled(cx, &store, std::slice::from_ref(obj)).pop())
}

/// PUT (`merge` false) or PATCH (`merge` true) of an item.
pub fn update(cx: &Ctx<'_>, input: Option<Value>, merge: bool, finish: &Finish) -> Out {
    let mut body = match input {
        Some(Value::Object(m)) => m,
        None => Map::new(),
        Some(_) => {
            return Err(ApiError::invalid_body(
                cx.op.product,
                "Request body must be a JSON object",
            ))
        }
    };
    body.retain(|_, v| !v.is_null());
    let mut store = cx.state.store();
    let key = cx.found.collection_key();
    let items = store.collection(&key);
    let idx = position(items, cx.found.last_value()).ok_or_else(|| not_found(cx))?;
    let prev = items[idx].clone();
    let mut obj = if merge {
        let mut base = prev.as_object().cloned().unwrap_or_default();
        base.extend(body);
        base
    } else {
        body
    };
    obj.insert("id".into(), prev["id"].clone());
    if let Some(field) = rules::of(cx.op.product).scope_field {
        // The scope is the object's, not a field a PUT resets.
        if let (false, Some(mt)) = (obj.contains_key(field), prev.get(field)) {
            obj.insert(field.into(), mt.clone());
        }
    }
    stamp(&mut obj, cx, Some(&prev));
    declared::fill(&mut obj, &cx.op.ext.defaults, Some(&prev));
    if let Some(field) = &cx.op.ext.order {
        // The position is the order's; a write cannot move it.
        if let Some(v) = prev.get(field) {
            obj.insert(field.clone(), v.clone());
        }
    }
    declared::expand_refs(cx, &store, &mut obj);
    finish(&mut obj, &mut store);
    let value = Value::Object(obj);
    store.collection_mut(&key)[idx] = value.clone();
    Ok(Some(value))
}

/// DELETE of an item; the removed object is the body, if one is declared.
pub fn delete(cx: &Ctx<'_>) -> Out {
    let mut store = cx.state.store();
    let key = cx.found.collection_key();
    let items = store.collection_mut(&key);
    let idx = position(items, cx.found.last_value()).ok_or_else(|| not_found(cx))?;
    let removed = items.remove(idx);
    if let Some(field) = &cx.op.ext.order {
        declared::renumber(cx, items, field);
    }
    Ok(Some(removed))
}

fn not_found(cx: &Ctx<'_>) -> ApiError {
    let key = cx.found.collection_key();
    let what = key.rsplit('/').next().unwrap_or("object");
    ApiError::not_found(
        cx.op.product,
        format!("{what} with id {} not found", cx.found.last_value()),
    )
}

/// Server-maintained timestamps, when the object or its schema has them.
/// Some products (ZPA) write times as numeric strings, the others as
/// numbers.
pub(super) fn stamp(obj: &mut Map<String, Value>, cx: &Ctx<'_>, prev: Option<&Value>) {
    let declared: &[String] = match &cx.op.response {
        Shape::Object(props) => props,
        _ => &[],
    };
    let defaults = &cx.op.ext.defaults;
    let wants = |k: &str| {
        declared.iter().any(|p| p == k)
            || defaults.contains_key(k)
            || prev.is_some_and(|p| p.get(k).is_some())
    };
    let r = rules::of(cx.op.product);
    let now = now_secs();
    let time = |t: u64| {
        if r.string_times {
            json!(t.to_string())
        } else {
            json!(t)
        }
    };
    if wants("creationTime") {
        let created = prev
            .and_then(|p| p.get("creationTime").cloned())
            .unwrap_or_else(|| time(now));
        obj.insert("creationTime".into(), created);
    }
    if wants("modifiedTime") {
        obj.insert("modifiedTime".into(), time(now));
    }
    // ZTW (ZIA's backend) writes `lastModTime` in epoch seconds.
    if wants("lastModTime") {
        obj.insert("lastModTime".into(), json!(now));
    }
    if wants("lastModifiedTime") {
        obj.insert("lastModifiedTime".into(), json!(now));
    }
    if let Some(admin) = r.modified_by.filter(|_| wants("modifiedBy")) {
        obj.insert("modifiedBy".into(), json!(admin));
    }
}
