//! ZIdentity providers: users (CRUD with field rules and server defaults)
//! and groups, with the filters the real API has.
//!
//! Lists page by offset/limit and hand out `next_link` / `prev_link` URLs
//! (see `paging::offset_page`). Registered in `products` by operationId;
//! routing, auth and staging are the router's.

use axum::body::Bytes;
use axum::http::StatusCode;
use axum::response::{IntoResponse, Response};
use axum::Json;
use serde_json::{json, Map, Value};

use crate::body::{self, Kind};
use crate::collections::{ZIDENTITY_GROUPS, ZIDENTITY_USERS};
use crate::errors::ApiError;
use crate::paging::{self, field_contains};
use crate::product::Product;
use crate::router::{Ctx, Handler};
use crate::store::{find, position, scrambled_id};

/// The hand-written operations, by operationId.
pub const PROVIDERS: &[(&str, Handler)] = &[
    ("listUsers", list_users),
    ("getUser", get_user),
    ("createUser", create_user),
    ("updateUser", replace_user),
    ("deleteUser", delete_user),
    ("listGroups", list_groups),
    ("getGroup", get_group),
];

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

fn not_found(what: &str, id: &str) -> ApiError {
    ApiError::not_found(Product::ZIDENTITY, format!("{what} {id} not found"))
}

/// The paged envelope, with links back to this emulator.
fn envelope(cx: &Ctx<'_>, rows: &[&Value]) -> Reply {
    let origin = paging::origin(cx.headers);
    let page = paging::offset_page(Product::ZIDENTITY, &origin, cx.path, &cx.params, rows)?;
    Ok(Json(page).into_response())
}

fn list_users(cx: &Ctx<'_>, _: Bytes) -> Reply {
    let params = &cx.params;
    let store = cx.state.store();
    let rows: Vec<&Value> = store
        .collection(ZIDENTITY_USERS)
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
    envelope(cx, &rows)
}

fn get_user(cx: &Ctx<'_>, _: Bytes) -> Reply {
    let id = cx.found.last_value();
    let store = cx.state.store();
    let u = find(store.collection(ZIDENTITY_USERS), id).ok_or_else(|| not_found("User", id))?;
    Ok(Json(u.clone()).into_response())
}

/// Validates and assembles a user; PUT replaces every client field while
/// the id and `source` survive.
/// The identity provider every ZIdentity tenant starts with.
const DEFAULT_IDP_NAME: &str = "Zscaler Identity";

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
    // Users the API creates belong to the tenant's default identity
    // provider; provisioned (SCIM) users keep the one they came with.
    let idp = if source == "API" {
        json!({ "id": scrambled_id("h0", 1), "name": DEFAULT_IDP_NAME })
    } else {
        json!({})
    };
    user.insert("idp".into(), idp);
    user.insert("status".into(), json!(true));
    user.extend(body);
    user.insert("id".into(), json!(id));
    user.insert("source".into(), source);
    Ok(Value::Object(user))
}

fn create_user(cx: &Ctx<'_>, raw: Bytes) -> Reply {
    let body = body::parse_object(Product::ZIDENTITY, &raw)?;
    // Validate before allocating an id so a rejected request leaves no trace.
    build_user(body.clone(), String::new(), json!("API"))?;
    let mut store = cx.state.store();
    let id = store.ids.alnum("ih");
    let user = build_user(body, id, json!("API"))?;
    store.collection_mut(ZIDENTITY_USERS).push(user.clone());
    Ok((StatusCode::CREATED, Json(user)).into_response())
}

fn replace_user(cx: &Ctx<'_>, raw: Bytes) -> Reply {
    let id = cx.found.last_value();
    let body = body::parse_object(Product::ZIDENTITY, &raw)?;
    let mut store = cx.state.store();
    let users = store.collection(ZIDENTITY_USERS);
    let idx = position(users, id).ok_or_else(|| not_found("User", id))?;
    let source = users[idx]["source"].clone();
    let idp = users[idx].get("idp").cloned();
    let mut user = build_user(body, id.to_string(), source)?;
    // The identity provider is the user's, not a field a PUT resets.
    if let Some(idp) = idp {
        user["idp"] = idp;
    }
    store.collection_mut(ZIDENTITY_USERS)[idx] = user.clone();
    Ok(Json(user).into_response())
}

fn delete_user(cx: &Ctx<'_>, _: Bytes) -> Reply {
    let id = cx.found.last_value();
    let mut store = cx.state.store();
    let idx =
        position(store.collection(ZIDENTITY_USERS), id).ok_or_else(|| not_found("User", id))?;
    store.collection_mut(ZIDENTITY_USERS).remove(idx);
    Ok(StatusCode::NO_CONTENT.into_response())
}

fn list_groups(cx: &Ctx<'_>, _: Bytes) -> Reply {
    let params = &cx.params;
    let store = cx.state.store();
    let rows: Vec<&Value> = store
        .collection(ZIDENTITY_GROUPS)
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
    envelope(cx, &rows)
}

fn get_group(cx: &Ctx<'_>, _: Bytes) -> Reply {
    let id = cx.found.last_value();
    let store = cx.state.store();
    let g = find(store.collection(ZIDENTITY_GROUPS), id).ok_or_else(|| not_found("Group", id))?;
    Ok(Json(g.clone()).into_response())
}
