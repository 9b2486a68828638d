//! ZIdentity routes (`/ziam/admin/api/v1/...`): users (CRUD) and groups.
//!
//! Lists page by offset/limit and hand out `next_link` / `prev_link` URLs
//! (see `paging::offset_page`).

use axum::body::Body;
use axum::extract::{Path, RawQuery, State};
use axum::http::{HeaderMap, StatusCode};
use axum::response::{IntoResponse, Response};
use axum::routing::get;
use axum::{Json, Router};
use serde_json::{json, Map, Value};

use crate::body::{self, Kind};
use crate::errors::ApiError;
use crate::paging::{self, field_contains};
use crate::product::Product;
use crate::query::Params;
use crate::state::AppState;
use crate::store::{find, position};

const BASE: &str = "/ziam/admin/api/v1";

type Reply = Result<Response, ApiError>;

const USER_FIELDS: &[(&str, Kind)] = &[
    ("loginName", Kind::Str),
    ("displayName", Kind::Str),
    ("firstName", Kind::Str),
    ("lastName", Kind::Str),
    ("primaryEmail", Kind::Str),
    ("secondaryEmail", Kind::Str),
    ("status", Kind::Bool),
    ("department", Kind::Obj),
    ("idp", Kind::Obj),
    ("customAttrsInfo", Kind::Obj),
];

/// Query parameters that filter users: (parameter, field it matches).
const USER_FILTERS: &[(&str, &str)] = &[
    ("loginname", "loginName"),
    ("displayname", "displayName"),
    ("primaryemail", "primaryEmail"),
];

/// The ZIdentity router (without the bearer check, which the server adds).
pub fn routes() -> Router<AppState> {
    Router::new()
        .route(&format!("{BASE}/users"), get(list_users).post(create_user))
        .route(
            &format!("{BASE}/users/{{id}}"),
            get(get_user).put(replace_user).delete(delete_user),
        )
        .route(&format!("{BASE}/groups"), get(list_groups))
        .route(&format!("{BASE}/groups/{{id}}"), get(get_group))
}

fn not_found(what: &str, id: &str) -> ApiError {
    ApiError::not_found(Product::ZIDENTITY, format!("{what} {id} not found"))
}

/// The paged envelope, with links back to this emulator.
fn envelope(headers: &HeaderMap, path: &str, params: &Params, rows: &[&Value]) -> Reply {
    let page = paging::offset_page(
        Product::ZIDENTITY,
        &paging::origin(headers),
        path,
        params,
        rows,
    )?;
    Ok(Json(page).into_response())
}

async fn list_users(State(s): State<AppState>, headers: HeaderMap, RawQuery(q): RawQuery) -> Reply {
    let params = Params::parse(q.as_deref());
    let store = s.store();
    let rows: Vec<&Value> = store
        .zid
        .users
        .iter()
        .filter(|u| {
            params.get_ci("search").is_none_or(|t| {
                ["loginName", "displayName", "primaryEmail"]
                    .iter()
                    .any(|f| field_contains(u, f, t))
            })
        })
        .filter(|u| {
            USER_FILTERS
                .iter()
                .all(|(p, f)| params.get_ci(p).is_none_or(|t| field_contains(u, f, t)))
        })
        .collect();
    envelope(&headers, &format!("{BASE}/users"), &params, &rows)
}

async fn get_user(State(s): State<AppState>, Path(id): Path<String>) -> Reply {
    let store = s.store();
    let u = find(&store.zid.users, &id).ok_or_else(|| not_found("User", &id))?;
    Ok(Json(u.clone()).into_response())
}

/// Validates and assembles a user; PUT replaces every client field while
/// the id and `source` survive.
fn build_user(mut body: Map<String, Value>, id: String, source: Value) -> Result<Value, ApiError> {
    body::check(
        Product::ZIDENTITY,
        &body,
        USER_FIELDS,
        &["loginName", "displayName"],
    )?;
    for key in ["loginName", "displayName"] {
        if body[key].as_str().is_some_and(|v| v.trim().is_empty()) {
            return Err(ApiError::invalid_body(
                Product::ZIDENTITY,
                format!("{key} must not be empty"),
            ));
        }
    }
    body.remove("id");
    body.remove("source");
    let mut user = Map::new();
    user.insert("customAttrsInfo".into(), json!({}));
    user.insert("department".into(), json!({}));
    user.insert("idp".into(), json!({}));
    user.insert("status".into(), json!(true));
    user.extend(body);
    user.insert("id".into(), json!(id));
    user.insert("source".into(), source);
    Ok(Value::Object(user))
}

async fn create_user(State(s): State<AppState>, raw: Body) -> Reply {
    let body = body::object(Product::ZIDENTITY, raw).await?;
    // Validate before allocating an id so a rejected request leaves no trace.
    build_user(body.clone(), String::new(), json!("API"))?;
    let mut store = s.store();
    let id = store.zid.new_id("ih");
    let user = build_user(body, id, json!("API"))?;
    store.zid.users.push(user.clone());
    Ok((StatusCode::CREATED, Json(user)).into_response())
}

async fn replace_user(State(s): State<AppState>, Path(id): Path<String>, raw: Body) -> Reply {
    let body = body::object(Product::ZIDENTITY, raw).await?;
    let mut store = s.store();
    let idx = position(&store.zid.users, &id).ok_or_else(|| not_found("User", &id))?;
    let source = store.zid.users[idx]["source"].clone();
    let user = build_user(body, id, source)?;
    store.zid.users[idx] = user.clone();
    Ok(Json(user).into_response())
}

async fn delete_user(State(s): State<AppState>, Path(id): Path<String>) -> Reply {
    let mut store = s.store();
    let idx = position(&store.zid.users, &id).ok_or_else(|| not_found("User", &id))?;
    store.zid.users.remove(idx);
    Ok(StatusCode::NO_CONTENT.into_response())
}

async fn list_groups(
    State(s): State<AppState>,
    headers: HeaderMap,
    RawQuery(q): RawQuery,
) -> Reply {
    let params = Params::parse(q.as_deref());
    let store = s.store();
    let rows: Vec<&Value> = store
        .zid
        .groups
        .iter()
        .filter(|g| {
            params
                .get_ci("search")
                .is_none_or(|t| field_contains(g, "name", t))
        })
        .filter(|g| {
            params
                .get_ci("name")
                .is_none_or(|t| field_contains(g, "name", t))
        })
        .collect();
    envelope(&headers, &format!("{BASE}/groups"), &params, &rows)
}

async fn get_group(State(s): State<AppState>, Path(id): Path<String>) -> Reply {
    let store = s.store();
    let g = find(&store.zid.groups, &id).ok_or_else(|| not_found("Group", &id))?;
    Ok(Json(g.clone()).into_response())
}
