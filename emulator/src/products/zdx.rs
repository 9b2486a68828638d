//! ZDX providers: an application's score and metric series, cut to the
//! requested time window (`from` / `to`, epoch seconds). Without a window
//! the service reports the last two hours, and so does this.
//!
//! The series themselves are tenant data (see `seed::zdx`); registered in
//! `products` by operationId.

use axum::body::Bytes;
use axum::response::{IntoResponse, Response};
use axum::Json;
use serde_json::{json, Value};

use crate::errors::ApiError;
use crate::router::{Ctx, Handler};
use crate::store::now_secs;

/// The hand-written operations, by operationId.
pub const PROVIDERS: &[(&str, Handler)] =
    &[("getAppScore", app_score), ("listAppMetrics", app_metrics)];

/// The service's default window when the request names none.
const DEFAULT_WINDOW: u64 = 2 * 3600;

/// The inclusive window a request asks for.
fn window(cx: &Ctx<'_>) -> Result<(u64, u64), ApiError> {
    let num = |name: &str| -> Result<Option<u64>, ApiError> {
        cx.params
            .get(name)
            .map(|v| {
                v.parse::<u64>().map_err(|_| {
                    ApiError::invalid_param(cx.op.product, format!("{name} must be epoch seconds"))
                })
            })
            .transpose()
    };
    let to = num("to")?.unwrap_or_else(now_secs);
    let from = num("from")?.unwrap_or(to.saturating_sub(DEFAULT_WINDOW));
    Ok((from, to))
}

/// `series` with only the datapoints inside `[from, to]`.
fn cut(series: &Value, (from, to): (u64, u64)) -> Value {
    let mut out = series.clone();
    if let Some(points) = series["datapoints"].as_array() {
        let kept: Vec<Value> = points
            .iter()
            .filter(|p| {
                p["timestamp"]
                    .as_u64()
                    .is_some_and(|t| t >= from && t <= to)
            })
            .cloned()
            .collect();
        out["datapoints"] = json!(kept);
    }
    out
}

fn app_score(cx: &Ctx<'_>, _: Bytes) -> Result<Response, ApiError> {
    let w = window(cx)?;
    let store = cx.state.store();
    let body = store
        .singletons
        .get(&cx.found.full_key())
        .map_or_else(|| json!({}), |s| cut(s, w));
    Ok(Json(body).into_response())
}

fn app_metrics(cx: &Ctx<'_>, _: Bytes) -> Result<Response, ApiError> {
    let w = window(cx)?;
    let wanted = cx.params.get("metric_name");
    let store = cx.state.store();
    let body: Vec<Value> = store
        .collection(&cx.found.collection_key())
        .iter()
        .filter(|s| wanted.is_none_or(|m| s["metric"] == m))
        .map(|s| cut(s, w))
        .collect();
    Ok(Json(body).into_response())
}
