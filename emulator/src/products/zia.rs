//! ZIA providers: users (CRUD with reference resolution, bulk delete),
//! groups, departments, activation status and URL lookup.
//!
//! Staging (writes mark changes pending, `activate` clears them, lookups
//! do not) is the router's rule, applied from the spec; this module only
//! reports it in `status`. Registered in `products` by operationId.

use axum::body::Bytes;
use axum::http::StatusCode;
use axum::response::{IntoResponse, Response};
use axum::Json;
use serde_json::{json, Map, Value};

use super::zia_urls;
use crate::body::{self, Kind};
use crate::collections::{ZIA_DEPARTMENTS, ZIA_GROUPS, ZIA_USERS};
use crate::errors::ApiError;
use crate::generic::listing;
use crate::paging::{self, field_contains};
use crate::product::Product;
use crate::query::Params;
use crate::router::{Ctx, Handler};
use crate::store::{find, position, Store};

/// The hand-written operations, by operationId.
pub const PROVIDERS: &[(&str, Handler)] = &[
    ("listUsers", list_users),
    ("createUser", create_user),
    ("bulkDeleteUsers", bulk_delete),
    ("getUser", get_user),
    ("updateUser", replace_user),
    ("deleteUser", delete_user),
    ("listGroups", list_groups),
    ("getGroup", get_group),
    ("listDepartments", list_departments),
    ("getDepartment", get_department),
    ("getActivationStatus", status),
    ("activate", activate),
    ("urlLookup", url_lookup),
];

/// Most ids `users/bulkDelete` accepts in one call.
pub const BULK_DELETE_MAX: usize = 500;
/// Most URLs `urlLookup` accepts in one call.
pub const URL_LOOKUP_MAX: usize = 100;

type Reply = Result<Response, ApiError>;

const USER_FIELDS: &[(&str, Kind)] = &[
    ("name", Kind::Str),
    ("email", Kind::Str),
    ("comments", Kind::Str),
    ("tempAuthEmail", Kind::Str),
    ("password", Kind::Str),
    ("type", Kind::Str),
    ("adminUser", Kind::Bool),
    ("department", Kind::Obj),
    ("groups", Kind::ObjList),
];

fn not_found(what: &str, id: &str) -> ApiError {
    ApiError::not_found(Product::ZIA, format!("{what} with id {id} not found"))
}

/// The rows of a ZIA list: the product's list filters (see
/// `generic::listing::rows`) plus `extra`, then page slicing.
pub fn list_rows(
    params: &Params,
    items: &[Value],
    extra: impl Fn(&Value) -> bool,
) -> Result<Vec<Value>, ApiError> {
    let mut rows = listing::rows(Product::ZIA, params, items);
    rows.retain(|o| extra(o));
    paging::array_page(Product::ZIA, params, &rows)
}

fn list_page(params: &Params, items: &[Value], extra: impl Fn(&Value) -> bool) -> Reply {
    let rows = list_rows(params, items, extra)?;
    Ok(Json(rows).into_response())
}

fn list_users(cx: &Ctx<'_>, _: Bytes) -> Reply {
    let params = &cx.params;
    let rows = {
        let store = cx.state.store();
        list_rows(params, store.collection(ZIA_USERS), |u| {
            let dept = params
                .get("dept")
                .is_none_or(|d| field_contains(&u["department"], "name", d));
            let group = params.get("group").is_none_or(|g| {
                u["groups"]
                    .as_array()
                    .is_some_and(|gs| gs.iter().any(|x| field_contains(x, "name", g)))
            });
            dept && group
        })?
    };
    let rows: Vec<Value> = rows.iter().map(|u| render_user(u, true)).collect();
    Ok(Json(rows).into_response())
}

fn get_user(cx: &Ctx<'_>, _: Bytes) -> Reply {
    let id = cx.found.last_value();
    let store = cx.state.store();
    let user = find(store.collection(ZIA_USERS), id).ok_or_else(|| not_found("User", id))?;
    Ok(Json(render_user(user, false)).into_response())
}

fn create_user(cx: &Ctx<'_>, raw: Bytes) -> Reply {
    let body = body::parse_object(Product::ZIA, &raw)?;
    let mut store = cx.state.store();
    // Validated before an id is taken, so a rejected create leaves no trace.
    let mut user = build_user(&store, body, Value::Null)?;
    user["id"] = json!(store.ids.int());
    store.collection_mut(ZIA_USERS).push(user.clone());
    Ok(Json(render_user(&user, false)).into_response())
}

fn replace_user(cx: &Ctx<'_>, raw: Bytes) -> Reply {
    let id = cx.found.last_value();
    let body = body::parse_object(Product::ZIA, &raw)?;
    let mut store = cx.state.store();
    let users = store.collection(ZIA_USERS);
    let idx = position(users, id).ok_or_else(|| not_found("User", id))?;
    let keep_id = users[idx]["id"].clone();
    let user = build_user(&store, body, keep_id)?;
    store.collection_mut(ZIA_USERS)[idx] = user.clone();
    Ok(Json(render_user(&user, false)).into_response())
}

fn delete_user(cx: &Ctx<'_>, _: Bytes) -> Reply {
    let id = cx.found.last_value();
    let mut store = cx.state.store();
    let idx = position(store.collection(ZIA_USERS), id).ok_or_else(|| not_found("User", id))?;
    store.collection_mut(ZIA_USERS).remove(idx);
    Ok(StatusCode::NO_CONTENT.into_response())
}

fn bulk_delete(cx: &Ctx<'_>, raw: Bytes) -> Reply {
    let body = body::parse_object(Product::ZIA, &raw)?;
    body::check(Product::ZIA, &body, &[("ids", Kind::IntList)], &["ids"])?;
    let ids: Vec<i64> = body["ids"]
        .as_array()
        .into_iter()
        .flatten()
        .filter_map(Value::as_i64)
        .collect();
    if ids.len() > BULK_DELETE_MAX {
        return Err(ApiError::invalid_body(
            Product::ZIA,
            format!(
                "At most {BULK_DELETE_MAX} ids can be deleted at once, got {}",
                ids.len()
            ),
        ));
    }
    let mut store = cx.state.store();
    let mut deleted = Vec::new();
    store.collection_mut(ZIA_USERS).retain(|u| {
        let hit = u["id"].as_i64().is_some_and(|id| ids.contains(&id));
        if hit {
            deleted.push(u["id"].clone());
        }
        !hit
    });
    Ok(Json(json!({ "ids": deleted })).into_response())
}

/// Validates and assembles a user. ZIA's PUT is a full replace: anything not
/// in the body is gone afterwards, only the id survives.
fn build_user(store: &Store, mut body: Map<String, Value>, id: Value) -> Result<Value, ApiError> {
    body::check(Product::ZIA, &body, USER_FIELDS, &["name", "email"])?;
    for key in ["name", "email"] {
        if body[key].as_str().is_some_and(|v| v.trim().is_empty()) {
            return Err(ApiError::invalid_body(
                Product::ZIA,
                format!("{key} must not be empty"),
            ));
        }
    }
    let department = match body.get("department") {
        Some(d) => Some(resolve(store.collection(ZIA_DEPARTMENTS), d, "department")?),
        None => None,
    };
    let groups = match body.get("groups").and_then(Value::as_array) {
        Some(list) => list
            .iter()
            .map(|g| resolve(store.collection(ZIA_GROUPS), g, "group"))
            .collect::<Result<Vec<_>, _>>()?,
        None => Vec::new(),
    };
    // Passwords are write-only on ZIA.
    body.remove("password");
    body.remove("id");
    let mut user = Map::new();
    user.insert("adminUser".into(), json!(false));
    user.insert("deleted".into(), json!(false));
    user.insert("pilotUser".into(), json!(false));
    user.insert("pwdLastModifiedTime".into(), json!(0));
    user.extend(body);
    if let Some(d) = department {
        user.insert("department".into(), d);
    }
    user.insert("groups".into(), Value::Array(groups));
    user.insert("id".into(), id);
    Ok(Value::Object(user))
}

/// Turns a `{"id": n}` reference into `{"id": n, "name": ...}`.
fn resolve(pool: &[Value], r: &Value, what: &str) -> Result<Value, ApiError> {
    let id = r.get("id").and_then(Value::as_i64).ok_or_else(|| {
        ApiError::invalid_body(
            Product::ZIA,
            format!("{what} reference needs an integer id"),
        )
    })?;
    let found = find(pool, &id.to_string()).ok_or_else(|| {
        ApiError::invalid_body(Product::ZIA, format!("{what} {id} does not exist"))
    })?;
    Ok(json!({ "id": id, "name": found["name"] }))
}

/// Lists carry `isNonEditable`; single GETs do not (as recorded).
fn render_user(user: &Value, in_list: bool) -> Value {
    let mut u = user.clone();
    if in_list {
        u["isNonEditable"] = json!(false);
    }
    u
}

fn list_groups(cx: &Ctx<'_>, _: Bytes) -> Reply {
    list_page(&cx.params, cx.state.store().collection(ZIA_GROUPS), |_| {
        true
    })
}

fn get_group(cx: &Ctx<'_>, _: Bytes) -> Reply {
    let id = cx.found.last_value();
    let store = cx.state.store();
    let g = find(store.collection(ZIA_GROUPS), id).ok_or_else(|| not_found("Group", id))?;
    Ok(Json(g.clone()).into_response())
}

fn list_departments(cx: &Ctx<'_>, _: Bytes) -> Reply {
    list_page(
        &cx.params,
        cx.state.store().collection(ZIA_DEPARTMENTS),
        |_| true,
    )
}

fn get_department(cx: &Ctx<'_>, _: Bytes) -> Reply {
    let id = cx.found.last_value();
    let store = cx.state.store();
    let d =
        find(store.collection(ZIA_DEPARTMENTS), id).ok_or_else(|| not_found("Department", id))?;
    Ok(Json(d.clone()).into_response())
}

fn status(cx: &Ctx<'_>, _: Bytes) -> Reply {
    let pending = cx.state.store().is_pending(Product::ZIA);
    let status = if pending { "PENDING" } else { "ACTIVE" };
    Ok(Json(json!({ "status": status })).into_response())
}

/// The router clears the pending changes once this succeeds.
fn activate(_: &Ctx<'_>, _: Bytes) -> Reply {
    Ok(Json(json!({ "status": "ACTIVE" })).into_response())
}

fn url_lookup(_: &Ctx<'_>, raw: Bytes) -> Reply {
    let body = body::parse_json(Product::ZIA, &raw)?;
    let urls = body
        .as_array()
        .filter(|a| a.iter().all(Value::is_string))
        .ok_or_else(|| {
            ApiError::invalid_body(Product::ZIA, "Body must be an array of URL strings")
        })?;
    if urls.len() > URL_LOOKUP_MAX {
        return Err(ApiError::invalid_body(
            Product::ZIA,
            format!(
                "At most {URL_LOOKUP_MAX} URLs can be looked up at once, got {}",
                urls.len()
            ),
        ));
    }
    let out: Vec<Value> = urls
        .iter()
        .filter_map(Value::as_str)
        .map(zia_urls::classify)
        .collect();
    Ok(Json(out).into_response())
}
