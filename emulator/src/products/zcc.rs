//! ZCC providers: the device list with the service's `osType` and
//! `username` filters, and device details, looked up among the enrolled
//! devices by `udid` (or, failing that, `username`), since the spec gives
//! the route no path of its own to store under; and removing devices, a
//! soft remove that marks each device named by `udids` "Removal Pending"
//! (the state the seed gives devices on their way out) and answers with
//! how many it marked.
//!
//! Registered in `products` by operationId.

use axum::body::Bytes;
use axum::response::{IntoResponse, Response};
use axum::Json;
use serde_json::{json, Value};

use crate::errors::ApiError;
use crate::generic::{listing, validate};
use crate::router::{Ctx, Handler};
use crate::spec;

/// The hand-written operations, by operationId.
pub const PROVIDERS: &[(&str, Handler)] = &[
    ("listDevices", list_devices),
    ("getDeviceDetails", device_details),
    ("removeDevices", remove_devices),
];

/// The registration state and state code of a soft-removed device (the
/// seed's, see `seed::zcc`).
const REMOVAL_PENDING: (&str, i64) = ("Removal Pending", 3);

/// The device list route, whose collection holds the devices.
const DEVICES: &str = "/papi/public/v1/getDevices";

fn list_devices(cx: &Ctx<'_>, _: Bytes) -> Result<Response, ApiError> {
    let os = cx.params.get("osType").filter(|v| !v.is_empty());
    let user = cx.params.get("username").filter(|v| !v.is_empty());
    let store = cx.state.store();
    let rows: Vec<Value> = store
        .collection(&cx.found.collection_key())
        .iter()
        .filter(|d| os.is_none_or(|o| o.parse::<i64>().ok() == d["type"].as_i64()))
        .filter(|d| user.is_none_or(|u| d["user"].as_str() == Some(u)))
        .cloned()
        .collect();
    let body = listing::render(cx.op, &cx.params, cx.headers, cx.path, &rows)?;
    Ok(Json(body).into_response())
}

fn device_details(cx: &Ctx<'_>, _: Bytes) -> Result<Response, ApiError> {
    let product = cx.op.product;
    let full = format!("{}{DEVICES}", product.gateway);
    let key = spec::index()
        .find(&full)
        .map(|f| f.collection_key())
        .unwrap_or_default();
    let (field, wanted) = match (cx.params.get("udid"), cx.params.get("username")) {
        (Some(u), _) => ("udid", u),
        (None, Some(u)) => ("user", u),
        // Nothing to look up: the empty object the route served before
        // any device was seeded.
        (None, None) => return Ok(Json(serde_json::json!({})).into_response()),
    };
    let store = cx.state.store();
    let device = store
        .collection(&key)
        .iter()
        .find(|d| d[field].as_str() == Some(wanted))
        .cloned()
        .ok_or_else(|| ApiError::not_found(product, format!("No device for {field} {wanted}")))?;
    Ok(Json::<Value>(device).into_response())
}

/// The devices' collection key, from the list route.
fn devices_key(cx: &Ctx<'_>) -> String {
    let full = format!("{}{DEVICES}", cx.op.product.gateway);
    spec::index()
        .find(&full)
        .map(|f| f.collection_key())
        .unwrap_or_default()
}

/// Marks the devices named by `udids` "Removal Pending"; unknown udids
/// are skipped and not counted.
fn remove_devices(cx: &Ctx<'_>, bytes: Bytes) -> Result<Response, ApiError> {
    let body = validate::parse(cx.op, &bytes)?.unwrap_or_else(|| json!({}));
    let udids: Vec<&str> = body["udids"]
        .as_array()
        .map(|a| a.iter().filter_map(Value::as_str).collect())
        .unwrap_or_default();
    let key = devices_key(cx);
    let mut store = cx.state.store();
    let mut removed = 0;
    for d in store.collection_mut(&key).iter_mut() {
        if d["udid"].as_str().is_some_and(|u| udids.contains(&u)) {
            d["registrationState"] = json!(REMOVAL_PENDING.0);
            d["state"] = json!(REMOVAL_PENDING.1);
            removed += 1;
        }
    }
    Ok(Json(json!({ "devicesRemoved": removed })).into_response())
}
