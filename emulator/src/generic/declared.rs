//! Behaviour operations declare with `x-emulator-*` extensions (see
//! `spec::ext`): server-filled defaults, ordered collections and their
//! reorder actions, list actions on a singleton, views of another
//! collection and creates under another name. Fixed answers
//! (`x-emulator-answer`) replace the body after the role has run.
//!
//! This module owns those behaviours; like the rest of `generic` it reads
//! product facts only from the registry, `rules` and the specs.

use serde_json::{json, Map, Value};

use super::{crud, listing, Ctx, Finish};
use crate::errors::ApiError;
use crate::rules;
use crate::spec::paths::{self, Segment};
use crate::spec::{PathKind, Role};
use crate::store::{position, Store};

type Out = Result<Option<Value>, ApiError>;

/// The declared behaviour serving this request, when one applies.
pub fn serve(cx: &Ctx<'_>, input: &Option<Value>, finish: &Finish) -> Option<Out> {
    let ext = &cx.op.ext;
    if let Some(action) = &ext.list_action {
        return Some(list_action(cx, action, input));
    }
    if let Some(view) = &ext.view {
        return Some(list_view(cx, view));
    }
    let writes = matches!(cx.op.role, Role::Create | Role::SingletonWrite);
    if let (Some(field), true) = (&ext.order, cx.op.role == Role::SingletonWrite) {
        if let Some(out) = reorder(cx, field, input) {
            return Some(out);
        }
    }
    if let (Some(template), true) = (&ext.collection, writes) {
        let key = key_of(cx, template)?;
        return Some(crud::create_in(cx, &key, input.clone(), finish));
    }
    None
}

/// Fields of `defaults` that `obj` lacks, taken from `prev` when it has
/// them (a full replace keeps what the server filled) or else the default.
/// An object default fills the fields a sent object lacks, all the way
/// down (ZTW completes a location template's `template`).
pub fn fill(obj: &mut Map<String, Value>, defaults: &Map<String, Value>, prev: Option<&Value>) {
    for (k, v) in defaults {
        // Generated per object at its create (see `fresh_values`).
        if generated(v) {
            continue;
        }
        let kept = prev.and_then(|p| p.get(k)).filter(|x| !x.is_null());
        match (obj.get_mut(k), v) {
            (None, _) => {
                obj.insert(k.clone(), kept.unwrap_or(v).clone());
            }
            (Some(Value::Object(inner)), Value::Object(nested)) => fill(inner, nested, kept),
            _ => {}
        }
    }
}

/// Defaults generated per object at its create: `"$uuid"` a fresh UUID
/// (ZCC's trusted networks carry a `guid`), `"$id"` the object's own id
/// under another name (ZDX's deep traces are `trace_id`), `"$now"` the
/// time in epoch seconds.
const GENERATED: [&str; 3] = ["$uuid", "$id", "$now"];

/// Whether `v` is a generated default.
fn generated(v: &Value) -> bool {
    v.as_str().is_some_and(|s| GENERATED.contains(&s))
}

/// Each generated default the object lacks, as its value for this object.
pub fn fresh_values(obj: &mut Map<String, Value>, defaults: &Map<String, Value>) {
    for (k, v) in defaults {
        if obj.contains_key(k) {
            continue;
        }
        let value = match v.as_str() {
            Some("$uuid") => {
                let h = crate::random::hex(2);
                json!(format!(
                    "{}-{}-4{}-a{}-{}",
                    &h[0..8],
                    &h[8..12],
                    &h[13..16],
                    &h[17..20],
                    &h[20..32]
                ))
            }
            Some("$id") => obj.get("id").cloned().unwrap_or(Value::Null),
            Some("$now") => json!(crate::store::now_secs()),
            _ => continue,
        };
        obj.insert(k.clone(), value);
    }
}

/// Whether reads of this operation's objects differ from what is stored
/// (declared defaults or references).
pub fn changes_reads(cx: &Ctx<'_>) -> bool {
    !cx.op.ext.defaults.is_empty() || !cx.op.ext.refs.is_empty()
}

/// `items` as the service answers them: the collection's defaults filled
/// in (objects stored before they applied: seeds, seed files) and
/// references carrying the referenced objects' fields.
pub fn filled(cx: &Ctx<'_>, store: &Store, items: &[Value]) -> Vec<Value> {
    items
        .iter()
        .map(|o| match o {
            Value::Object(m) => {
                let mut m = m.clone();
                fill(&mut m, &cx.op.ext.defaults, None);
                expand_refs(cx, store, &mut m);
                Value::Object(m)
            }
            other => other.clone(),
        })
        .collect()
}

/// Each declared reference (`{id}`, or a list of them) gains the scalar
/// fields of the object it names; its own fields win, and a reference to
/// nothing stays as sent.
pub fn expand_refs(cx: &Ctx<'_>, store: &Store, obj: &mut Map<String, Value>) {
    for (field, template) in &cx.op.ext.refs {
        let Some(key) = key_of(cx, template) else {
            continue;
        };
        let targets = store.collection(&key);
        let expand = |r: &mut Value| {
            let Some(id) = r.get("id").and_then(id_text) else {
                return;
            };
            let (Some(found), Some(m)) = (position(targets, &id), r.as_object_mut()) else {
                return;
            };
            for (k, v) in targets[found].as_object().into_iter().flatten() {
                if !v.is_object() && !v.is_array() && !m.contains_key(k) {
                    m.insert(k.clone(), v.clone());
                }
            }
        };
        match obj.get_mut(field) {
            Some(Value::Array(items)) => items.iter_mut().for_each(expand),
            Some(one @ Value::Object(_)) => expand(one),
            _ => {}
        }
    }
}

/// Numbers `field` of every object by position, 1 first; products that
/// write numbers as strings (see `rules`) get strings.
pub fn renumber(cx: &Ctx<'_>, items: &mut [Value], field: &str) {
    let strings = rules::of(cx.op.product).string_times;
    for (i, o) in items.iter_mut().enumerate() {
        if let Some(m) = o.as_object_mut() {
            let n = i + 1;
            m.insert(
                field.into(),
                if strings {
                    json!(n.to_string())
                } else {
                    json!(n)
                },
            );
        }
    }
}

/// The 1-based position `v` asks for, if it is one.
pub fn wanted_position(v: Option<&Value>) -> Option<usize> {
    let n = match v? {
        Value::Number(n) => n.as_u64()?,
        Value::String(s) => s.parse().ok()?,
        _ => return None,
    };
    usize::try_from(n).ok().filter(|&n| n >= 1)
}

/// Moves the item at `from` to the 1-based `to` (clamped to the list).
pub fn move_to(items: &mut Vec<Value>, from: usize, to: usize) {
    let obj = items.remove(from);
    let at = (to - 1).min(items.len());
    items.insert(at, obj);
}

/// `.../{id}/<verb>/{order}` moves one item; `.../<verb>` with an array
/// of ids (and `x-emulator-collection` naming the items) sets the whole
/// order. Other paths are not reorders.
fn reorder(cx: &Ctx<'_>, field: &str, input: &Option<Value>) -> Option<Out> {
    let segs = &cx.found.entry.segments;
    let n = segs.len();
    let single = n >= 4
        && segs[n - 1].plain_param().is_some()
        && matches!(segs[n - 2], Segment::Lit(_))
        && segs[n - 3].plain_param().is_some_and(paths::is_id_param);
    let key;
    let mut order: Vec<String> = Vec::new();
    if single {
        key = cx.found.key(n - 3);
    } else if let (Some(t), Some(Value::Array(ids))) = (&cx.op.ext.collection, input) {
        key = key_of(cx, t)?;
        order = ids.iter().filter_map(id_text).collect();
    } else {
        return None;
    }
    let mut store = cx.state.store();
    let items = store.collection_mut(&key);
    if single {
        let id = &cx.found.values[cx.found.values.len() - 2];
        let Some(from) = position(items, id) else {
            return Some(Err(not_found(cx, id)));
        };
        let Some(to) = wanted_position(Some(&json!(cx.found.last_value()))) else {
            return Some(Err(ApiError::invalid_body(cx.op.product, "Invalid order")));
        };
        move_to(items, from, to);
    } else {
        // Listed ids first, in the given order; the rest keep theirs.
        let mut rest = std::mem::take(items);
        for id in &order {
            if let Some(i) = position(&rest, id) {
                items.push(rest.remove(i));
            }
        }
        items.append(&mut rest);
    }
    renumber(cx, items, field);
    Some(Ok(None))
}

fn id_text(v: &Value) -> Option<String> {
    match v {
        Value::String(s) => Some(s.clone()),
        Value::Number(n) => Some(n.to_string()),
        Value::Object(m) => m.get("id").and_then(id_text),
        _ => None,
    }
}

fn not_found(cx: &Ctx<'_>, id: &str) -> ApiError {
    ApiError::not_found(cx.op.product, format!("Object with id {id} not found"))
}

/// Adds the body's `field` values to the target's list, or removes them.
fn list_action(cx: &Ctx<'_>, a: &crate::spec::ext::ListAction, input: &Option<Value>) -> Out {
    let action = cx.params.get(&a.param).unwrap_or_default();
    let add = if action == a.add {
        true
    } else if action == a.remove {
        false
    } else {
        return Err(ApiError::invalid_body(
            cx.op.product,
            format!("{} must be {} or {}", a.param, a.add, a.remove),
        ));
    };
    let given: Vec<Value> = input
        .as_ref()
        .and_then(|b| b.get(&a.field))
        .and_then(Value::as_array)
        .cloned()
        .unwrap_or_default();
    let key = key_of(cx, &a.target).ok_or_else(|| not_found(cx, &a.target))?;
    let mut store = cx.state.store();
    let target = store.singletons.entry(key).or_insert_with(|| json!({}));
    if !target.is_object() {
        *target = json!({});
    }
    let list = target
        .as_object_mut()
        .expect("made an object above")
        .entry(a.field.clone())
        .or_insert_with(|| json!([]));
    if !list.is_array() {
        *list = json!([]);
    }
    let list = list.as_array_mut().expect("made an array above");
    for v in given {
        let at = list.iter().position(|x| *x == v);
        match (add, at) {
            (true, None) => list.push(v),
            (false, Some(i)) => {
                list.remove(i);
            }
            _ => {}
        }
    }
    Ok(Some(json!({ a.field.clone(): list.clone() })))
}

/// The source collection, filtered by the declared matches (path
/// parameters, else query parameters; an absent or empty one does not
/// filter), in this operation's list style.
fn list_view(cx: &Ctx<'_>, view: &crate::spec::ext::View) -> Out {
    let key = key_of(cx, &view.source).ok_or_else(|| not_found(cx, &view.source))?;
    let store = cx.state.store();
    let wanted: Vec<(&str, &str)> = view
        .matches
        .iter()
        .filter_map(|(field, param)| {
            // A path parameter, else a query parameter (a type filter).
            let value = param_value(cx, param).or_else(|| cx.params.get(param))?;
            // ZCC's clients send an unused filter empty (`osType=`).
            (!value.is_empty()).then_some((field.as_str(), value))
        })
        .collect();
    let items: Vec<Value> = store
        .collection(&key)
        .iter()
        .filter(|o| {
            wanted
                .iter()
                .all(|(f, v)| o.get(*f).and_then(id_text).as_deref() == Some(*v))
        })
        .cloned()
        .collect();
    let body = listing::render(cx.op, &cx.params, cx.headers, cx.path, &items)?;
    Ok(Some(body))
}

/// This request's value of the path parameter `name`.
fn param_value<'a>(cx: &'a Ctx<'_>, name: &str) -> Option<&'a str> {
    cx.found
        .entry
        .segments
        .iter()
        .filter_map(Segment::param)
        .zip(cx.found.values.iter())
        .find(|(p, _)| *p == name)
        .map(|(_, v)| v.as_str())
}

/// The storage key of `template` (a path of this operation's spec), its
/// parameters filled from this request by name and the tenant's own
/// customer id. Collection templates give the collection's key.
pub(super) fn key_of(cx: &Ctx<'_>, template: &str) -> Option<String> {
    let mut path = String::from(cx.op.product.gateway);
    for seg in paths::split(template) {
        let value = match paths::parse(seg).pop()? {
            Segment::Param(p) if paths::is_customer_param(&p) => {
                cx.state.config.customer_id.clone()
            }
            Segment::Param(p) => param_value(cx, &p)?.to_string(),
            _ => seg.to_string(),
        };
        path.push('/');
        path.push_str(&value);
    }
    let found = cx.state.spec.find(&path)?;
    Some(match found.entry.kind {
        PathKind::Singleton => found.full_key(),
        _ => found.collection_key(),
    })
}

/// The series in `value` (an object, or a list of them) cut to the
/// request's `from`/`to` window in epoch seconds: ZDX answers the points of
/// the asked window only. Without `from` and `to` nothing is cut.
pub fn windowed(cx: &Ctx<'_>, value: &mut Value) {
    let Some((items, time)) = &cx.op.ext.window else {
        return;
    };
    let bound = |p: &str| cx.params.get(p).and_then(|v| v.parse::<u64>().ok());
    let (from, to) = (bound("from"), bound("to"));
    if from.is_none() && to.is_none() {
        return;
    }
    let inside = |point: &Value| {
        point
            .get(time)
            .and_then(Value::as_u64)
            .is_some_and(|t| from.is_none_or(|f| t >= f) && to.is_none_or(|u| t <= u))
    };
    let cut = |series: &mut Value| {
        if let Some(Value::Array(points)) = series.get_mut(items) {
            points.retain(inside);
        }
    };
    match value {
        Value::Array(all) => all.iter_mut().for_each(cut),
        one => cut(one),
    }
}
