//! ZWA providers: DLP incidents by their `internalId` (the item routes'
//! `{dlpIncidentId}`; the generic provider matches `id` only), closing an
//! incident and adding notes, which change the incident itself.
//!
//! Incidents live in the collection their item paths imply (see
//! `seed::zwa`); the search POST lists it generically. Registered in
//! `products` by operationId.

use axum::body::Bytes;
use axum::response::{IntoResponse, Response};
use axum::Json;
use serde_json::{json, Value};

use crate::errors::ApiError;
use crate::generic::validate;
use crate::router::{Ctx, Handler};
use crate::store::{now_secs, Store};

/// The hand-written operations, by operationId.
pub const PROVIDERS: &[(&str, Handler)] = &[
    ("getIncident", get_incident),
    ("deleteIncident", delete_incident),
    ("closeIncident", close_incident),
    ("addIncidentNotes", add_notes),
];

type Reply = Result<Response, ApiError>;

/// The incidents' collection key and the incident id of the request: the
/// id is the path's first parameter, the collection the segments before it.
fn target(cx: &Ctx<'_>) -> (String, String) {
    let segs = &cx.found.entry.segments;
    let at = segs
        .iter()
        .position(|s| s.param().is_some())
        .unwrap_or(segs.len());
    let id = cx.found.values.first().cloned().unwrap_or_default();
    (cx.found.key(at), id)
}

fn position(store: &Store, key: &str, id: &str) -> Option<usize> {
    store
        .collection(key)
        .iter()
        .position(|i| i["internalId"].as_str() == Some(id))
}

fn missing(cx: &Ctx<'_>, id: &str) -> ApiError {
    ApiError::not_found(cx.op.product, format!("Incident {id} not found"))
}

/// Unix time `t` as the ISO-8601 UTC text incidents carry.
pub fn iso8601(t: u64) -> String {
    let (days, rem) = (t / 86_400, t % 86_400);
    let (y, m, d) = civil(days as i64);
    format!(
        "{y:04}-{m:02}-{d:02}T{:02}:{:02}:{:02}Z",
        rem / 3600,
        rem % 3600 / 60,
        rem % 60
    )
}

/// Days since 1970-01-01 to a proleptic Gregorian date (Hinnant's algorithm).
fn civil(z: i64) -> (i64, u32, u32) {
    let z = z + 719_468;
    let era = z.div_euclid(146_097);
    let doe = z - era * 146_097;
    let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    let mp = (5 * doy + 2) / 153;
    let d = (doy - (153 * mp + 2) / 5 + 1) as u32;
    let m = if mp < 10 { mp + 3 } else { mp - 9 } as u32;
    (era * 400 + yoe + i64::from(m <= 2), m, d)
}

fn get_incident(cx: &Ctx<'_>, _: Bytes) -> Reply {
    let (key, id) = target(cx);
    let store = cx.state.store();
    let i = position(&store, &key, &id).ok_or_else(|| missing(cx, &id))?;
    Ok(Json(store.collection(&key)[i].clone()).into_response())
}

fn delete_incident(cx: &Ctx<'_>, _: Bytes) -> Reply {
    let (key, id) = target(cx);
    let mut store = cx.state.store();
    let i = position(&store, &key, &id).ok_or_else(|| missing(cx, &id))?;
    store.collection_mut(&key).remove(i);
    Ok(Json(json!({})).into_response())
}

/// Applies `change` to the incident, stamps it and answers with it.
fn change(cx: &Ctx<'_>, change: impl FnOnce(&mut Value, &str)) -> Reply {
    let (key, id) = target(cx);
    let mut store = cx.state.store();
    let i = position(&store, &key, &id).ok_or_else(|| missing(cx, &id))?;
    let now = iso8601(now_secs());
    let incident = &mut store.collection_mut(&key)[i];
    change(incident, &now);
    incident["lastUpdatedAt"] = json!(now);
    Ok(Json(incident.clone()).into_response())
}

/// A note as incidents list them.
fn note(body: &str, now: &str) -> Value {
    json!({ "body": body, "createdAt": now, "lastUpdatedAt": now, "createdBy": "api", "lastUpdatedBy": "api" })
}

fn push_note(incident: &mut Value, note: Value) {
    match incident["notes"].as_array_mut() {
        Some(notes) => notes.push(note),
        None => incident["notes"] = json!([note]),
    }
}

fn close_incident(cx: &Ctx<'_>, bytes: Bytes) -> Reply {
    let body = validate::parse(cx.op, &bytes)?.unwrap_or_else(|| json!({}));
    change(cx, |inc, now| {
        inc["status"] = json!("CLOSED");
        let code = body["resolutionCode"].as_str().unwrap_or("RESOLVED");
        inc["closedCode"] = json!(code);
        inc["resolution"] = json!(code);
        if let Some(label) = body.get("resolutionLabel").filter(|l| l.is_object()) {
            match inc["labels"].as_array_mut() {
                Some(labels) => labels.push(label.clone()),
                None => inc["labels"] = json!([label]),
            }
        }
        if let Some(text) = body["notes"].as_str().filter(|t| !t.is_empty()) {
            push_note(inc, note(text, now));
        }
    })
}

fn add_notes(cx: &Ctx<'_>, bytes: Bytes) -> Reply {
    let body = validate::parse(cx.op, &bytes)?.unwrap_or_else(|| json!({}));
    let text = body["notes"].as_str().unwrap_or_default().to_string();
    let (key, id) = target(cx);
    let known = position(&cx.state.store(), &key, &id).is_some();
    if known && text.is_empty() {
        return Err(ApiError::invalid_body(cx.op.product, "notes is required"));
    }
    change(cx, |inc, now| push_note(inc, note(&text, now)))
}
