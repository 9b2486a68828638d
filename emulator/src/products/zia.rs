//! ZIA routes (`/zia/api/v1/...`): users (CRUD + bulk delete), groups,
//! departments, activation status and URL lookup.
//!
//! Every write marks the tenant as having pending changes, so clients can
//! test the "activate after writing" workflow ZIA requires.

use axum::body::Body;
use axum::extract::{Path, RawQuery, State};
use axum::http::StatusCode;
use axum::response::{IntoResponse, Response};
use axum::routing::{get, post};
use axum::{Json, Router};
use serde_json::{json, Map, Value};

use super::zia_urls;
use crate::body::{self, Kind};
use crate::errors::ApiError;
use crate::paging::{self, field_contains};
use crate::product::Product;
use crate::query::Params;
use crate::state::AppState;
use crate::store::{find, position, ZiaData};

const BASE: &str = "/zia/api/v1";
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

/// The ZIA router (without the bearer check, which the server adds).
pub fn routes() -> Router<AppState> {
    Router::new()
        .route(&format!("{BASE}/users"), get(list_users).post(create_user))
        .route(&format!("{BASE}/users/bulkDelete"), post(bulk_delete))
        .route(
            &format!("{BASE}/users/{{id}}"),
            get(get_user).put(replace_user).delete(delete_user),
        )
        .route(&format!("{BASE}/groups"), get(list_groups))
        .route(&format!("{BASE}/groups/{{id}}"), get(get_group))
        .route(&format!("{BASE}/departments"), get(list_departments))
        .route(&format!("{BASE}/departments/{{id}}"), get(get_department))
        .route(&format!("{BASE}/status"), get(status))
        .route(&format!("{BASE}/status/activate"), post(activate))
        .route(&format!("{BASE}/urlLookup"), post(url_lookup))
}

fn not_found(what: &str, id: &str) -> ApiError {
    ApiError::not_found(Product::ZIA, format!("{what} with id {id} not found"))
}

/// The rows of a ZIA list: `search` / `name` substring filters plus
/// `extra`, then page slicing.
pub fn list_rows(
    params: &Params,
    items: &[Value],
    extra: impl Fn(&Value) -> bool,
) -> Result<Vec<Value>, ApiError> {
    let rows: Vec<&Value> = items
        .iter()
        .filter(|o| {
            params
                .get("search")
                .is_none_or(|s| field_contains(o, "name", s))
        })
        .filter(|o| {
            params
                .get("name")
                .is_none_or(|s| field_contains(o, "name", s))
        })
        .filter(|o| extra(o))
        .collect();
    paging::array_page(Product::ZIA, params, &rows)
}

fn list_page(params: &Params, items: &[Value], extra: impl Fn(&Value) -> bool) -> Reply {
    let rows = list_rows(params, items, extra)?;
    Ok(Json(rows).into_response())
}

async fn list_users(State(s): State<AppState>, RawQuery(q): RawQuery) -> Reply {
    let params = Params::parse(q.as_deref());
    let rows = {
        let store = s.store();
        list_rows(&params, &store.zia.users, |u| {
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

async fn get_user(State(s): State<AppState>, Path(id): Path<String>) -> Reply {
    let store = s.store();
    let user = find(&store.zia.users, &id).ok_or_else(|| not_found("User", &id))?;
    Ok(Json(render_user(user, false)).into_response())
}

async fn create_user(State(s): State<AppState>, raw: Body) -> Reply {
    let body = body::object(Product::ZIA, raw).await?;
    let mut store = s.store();
    let zia = &mut store.zia;
    let user = build_user(zia, body, None)?;
    zia.users.push(user.clone());
    store.set_pending(Product::ZIA, true);
    Ok(Json(render_user(&user, false)).into_response())
}

async fn replace_user(State(s): State<AppState>, Path(id): Path<String>, raw: Body) -> Reply {
    let body = body::object(Product::ZIA, raw).await?;
    let mut store = s.store();
    let zia = &mut store.zia;
    let idx = position(&zia.users, &id).ok_or_else(|| not_found("User", &id))?;
    let keep_id = zia.users[idx]["id"].clone();
    let user = build_user(zia, body, Some(keep_id))?;
    zia.users[idx] = user.clone();
    store.set_pending(Product::ZIA, true);
    Ok(Json(render_user(&user, false)).into_response())
}

async fn delete_user(State(s): State<AppState>, Path(id): Path<String>) -> Reply {
    let mut store = s.store();
    let zia = &mut store.zia;
    let idx = position(&zia.users, &id).ok_or_else(|| not_found("User", &id))?;
    zia.users.remove(idx);
    store.set_pending(Product::ZIA, true);
    Ok(StatusCode::NO_CONTENT.into_response())
}

async fn bulk_delete(State(s): State<AppState>, raw: Body) -> Reply {
    let body = body::object(Product::ZIA, raw).await?;
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
    let mut store = s.store();
    let zia = &mut store.zia;
    let mut deleted = Vec::new();
    zia.users.retain(|u| {
        let hit = u["id"].as_i64().is_some_and(|id| ids.contains(&id));
        if hit {
            deleted.push(u["id"].clone());
        }
        !hit
    });
    if !deleted.is_empty() {
        store.set_pending(Product::ZIA, true);
    }
    Ok(Json(json!({ "ids": deleted })).into_response())
}

/// Validates and assembles a user. ZIA's PUT is a full replace: anything not
/// in the body is gone afterwards, only the id survives.
fn build_user(
    zia: &mut ZiaData,
    mut body: Map<String, Value>,
    id: Option<Value>,
) -> Result<Value, ApiError> {
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
        Some(d) => Some(resolve(&zia.departments, d, "department")?),
        None => None,
    };
    let groups = match body.get("groups").and_then(Value::as_array) {
        Some(list) => list
            .iter()
            .map(|g| resolve(&zia.groups, g, "group"))
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
    let id = id.unwrap_or_else(|| json!(zia.new_id()));
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

async fn list_groups(State(s): State<AppState>, RawQuery(q): RawQuery) -> Reply {
    let params = Params::parse(q.as_deref());
    list_page(&params, &s.store().zia.groups, |_| true)
}

async fn get_group(State(s): State<AppState>, Path(id): Path<String>) -> Reply {
    let store = s.store();
    let g = find(&store.zia.groups, &id).ok_or_else(|| not_found("Group", &id))?;
    Ok(Json(g.clone()).into_response())
}

async fn list_departments(State(s): State<AppState>, RawQuery(q): RawQuery) -> Reply {
    let params = Params::parse(q.as_deref());
    list_page(&params, &s.store().zia.departments, |_| true)
}

async fn get_department(State(s): State<AppState>, Path(id): Path<String>) -> Reply {
    let store = s.store();
    let d = find(&store.zia.departments, &id).ok_or_else(|| not_found("Department", &id))?;
    Ok(Json(d.clone()).into_response())
}

async fn status(State(s): State<AppState>) -> Reply {
    let pending = s.store().is_pending(Product::ZIA);
    let status = if pending { "PENDING" } else { "ACTIVE" };
    Ok(Json(json!({ "status": status })).into_response())
}

async fn activate(State(s): State<AppState>) -> Reply {
    s.store().set_pending(Product::ZIA, false);
    Ok(Json(json!({ "status": "ACTIVE" })).into_response())
}

async fn url_lookup(raw: Body) -> Reply {
    let body = body::json(Product::ZIA, raw).await?;
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
