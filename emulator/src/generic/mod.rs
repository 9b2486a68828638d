//! The spec-driven handler: serves every operation of `openapi/*.yaml`
//! that has no hand-written route, with stateful CRUD.
//!
//! It is the router's fallback (and its method-not-allowed fallback, so a
//! spec method on a hand-written path is served too). A path matching no
//! spec template is a 404, a method the spec does not declare a 405, both
//! in the product's error shape; otherwise the request passes the `gate`,
//! its body is validated against the spec, and the operation's [`Role`]
//! decides what happens (see `crud` and `single`). Responses use the
//! operation's lowest declared 2xx status and its declared body (none for
//! 204).

mod crud;
mod links;
mod listing;
mod single;
pub mod validate;

use axum::extract::{Request, State};
use axum::http::{header, HeaderMap, HeaderValue, StatusCode};
use axum::middleware::Next;
use axum::response::{IntoResponse, Response};
use axum::Json;
use serde_json::Value;

use crate::errors::ApiError;
use crate::gate;
use crate::query::Params;
use crate::spec::schema::Shape;
use crate::spec::{Found, Operation, Role, StagingEffect};
use crate::state::AppState;
use crate::store::Store;

/// Everything a role handler needs about the request.
pub struct Ctx<'a> {
    /// Shared state.
    pub state: &'a AppState,
    /// The matched operation.
    pub op: &'a Operation,
    /// The matched path and its parameter values.
    pub found: &'a Found<'a>,
    /// Query parameters.
    pub params: Params,
    /// Request headers (for the origin of ZIdentity links).
    pub headers: &'a HeaderMap,
    /// Request path as routed.
    pub path: &'a str,
}

/// Fallback handler for everything the hand-written routes do not serve.
pub async fn dispatch(State(state): State<AppState>, req: Request) -> Response {
    let path = req.uri().path().to_string();
    let index = state.spec;
    let product = index.product_of(&path);
    let Some(found) = index.find(&path) else {
        return ApiError::not_found(product, format!("No route for {path}")).into_response();
    };
    let Some(op) = index.op(found.entry, req.method()) else {
        return ApiError::method_not_allowed(product).into_response();
    };
    if let Err(refusal) = gate::check(&state, req.method(), &path, req.headers()) {
        return *refusal;
    }
    let (parts, body) = req.into_parts();
    let cx = Ctx {
        state: &state,
        op,
        found: &found,
        params: Params::parse(parts.uri.query()),
        headers: &parts.headers,
        path: &path,
    };
    let result = async {
        for cust in found.customer_values() {
            if cust != state.config.customer_id {
                return Err(ApiError::not_found(
                    op.product,
                    format!("Customer {cust} not found"),
                ));
            }
        }
        let input = validate::read(op, body).await?;
        match op.role {
            Role::List => crud::list(&cx),
            Role::Create => crud::create(&cx, input),
            Role::Read => crud::read(&cx),
            Role::Replace => crud::update(&cx, input, false),
            Role::Merge => crud::update(&cx, input, true),
            Role::Delete => crud::delete(&cx),
            Role::SingletonGet => single::get(&cx),
            Role::SingletonWrite => single::write(&cx, input),
            Role::SingletonDelete => single::delete(&cx),
        }
    }
    .await;
    match result {
        Ok(value) => reply(op, value),
        Err(e) => e.into_response(),
    }
}

/// Hand-written routes that sit beside a hand-written `{id}` route; axum's
/// "static beats parameter" rule already routes these correctly.
const HAND_WRITTEN_BESIDE_ITEM: &[&str] = &["/zia/api/v1/users/bulkDelete"];

/// Middleware before routing: paths such as `/users/lite` or
/// `/application/summary` (see `PathEntry::beside_item`) go straight to
/// [`dispatch`], because a hand-written `/users/{id}` route would
/// otherwise take them for an id.
pub async fn prefer_spec(State(state): State<AppState>, req: Request, next: Next) -> Response {
    let take = state.spec.find(req.uri().path()).is_some_and(|f| {
        f.entry.beside_item && !HAND_WRITTEN_BESIDE_ITEM.contains(&f.entry.template.as_str())
    });
    if take {
        dispatch(State(state), req).await
    } else {
        next.run(req).await
    }
}

/// The success response: declared status, declared body type.
fn reply(op: &Operation, value: Option<Value>) -> Response {
    let status = StatusCode::from_u16(op.success).unwrap_or(StatusCode::OK);
    match &op.response {
        Shape::Empty => status.into_response(),
        Shape::Text(content_type) => {
            let text = value
                .as_ref()
                .and_then(Value::as_str)
                .unwrap_or_default()
                .to_string();
            let mut resp = (status, text).into_response();
            if let Ok(ct) = HeaderValue::from_str(content_type) {
                resp.headers_mut().insert(header::CONTENT_TYPE, ct);
            }
            resp
        }
        shape => {
            let body = value.unwrap_or_else(|| single::empty_of(shape));
            (status, Json(body)).into_response()
        }
    }
}

/// The staging rule, for every route: a success marks the product's
/// changes pending or, for its activation, clears them (see
/// `spec::StagingEffect`).
pub fn mark_pending(store: &mut Store, op: &Operation) {
    match op.staging {
        StagingEffect::Marks => store.set_pending(op.product, true),
        StagingEffect::Clears => store.set_pending(op.product, false),
        StagingEffect::None => {}
    }
}
