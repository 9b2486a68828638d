//! The generic provider: serves any spec operation from its role
//! (`spec::Role`) over the one store, with stateful CRUD.
//!
//! Collections (`GET` lists, `POST` creates with the product's id style),
//! items (`GET`, full-replace `PUT`, merging `PATCH`, `DELETE`; 404 in the
//! product's error shape when missing), singletons and actions (see
//! `crud` and `single`). Bodies are validated against the spec first;
//! responses use the operation's lowest declared 2xx status and its
//! declared body (none for 204). Routing, the gate, tenant checks and
//! staging are the router's; this module may not apply product rules
//! other than through registry data, `rules` and the behaviour operations
//! declare in the specs (`declared`).

mod crud;
mod declared;
mod links;
pub mod listing;
mod rpc;
mod single;
pub mod validate;

use axum::body::Bytes;
use axum::http::{header, HeaderValue, StatusCode};
use axum::response::{IntoResponse, Response};
use axum::Json;
use serde_json::{Map, Value};

use crate::errors::ApiError;
pub use crate::router::Ctx;
use crate::spec::schema::Shape;
use crate::spec::{Operation, Role};
use crate::store::Store;

/// A provider's last word on an object a generic create or full replace
/// is about to store: it runs under the store lock, after the id, stamps,
/// defaults and references are in, so it can derive fields from them and
/// hand out ids (ZPA's policy conditions, see `products::zpa_rules`).
pub type Finish = dyn Fn(&mut Map<String, Value>, &mut Store);

/// Serves `cx.op` from its role: the body is checked against the spec
/// (400 in the product's shape, and no state change, when it does not
/// fit), then the role's handler runs.
pub fn serve(cx: &Ctx<'_>, bytes: Bytes) -> Result<Response, ApiError> {
    serve_finishing(cx, bytes, &|_, _| {})
}

/// [`serve`], with `finish` applied to every object a create or update
/// stores: for providers whose product derives more than the spec says.
pub fn serve_finishing(cx: &Ctx<'_>, bytes: Bytes, finish: &Finish) -> Result<Response, ApiError> {
    let input = validate::parse(cx.op, &bytes)?;
    let value = match rpc::serve(cx, &input, finish) {
        Some(out) => out,
        None => match declared::serve(cx, &input, finish) {
            Some(out) => out,
            None => by_role(cx, input, finish),
        },
    }?;
    // A fixed answer replaces the body once the state has changed.
    let mut value = match &cx.op.ext.answer {
        Some(fixed) => Some(rpc::answer(fixed, value.as_ref())),
        None => value,
    };
    if let Some(v) = value.as_mut() {
        declared::windowed(cx, v);
    }
    Ok(reply(cx.op, value))
}

/// The generic handler of the operation's role.
fn by_role(cx: &Ctx<'_>, input: Option<Value>, finish: &Finish) -> Result<Option<Value>, ApiError> {
    match cx.op.role {
        Role::List => crud::list(cx),
        Role::Create => crud::create(cx, input, finish),
        Role::Read => crud::read(cx),
        Role::Replace => crud::update(cx, input, false, finish),
        Role::Merge => crud::update(cx, input, true, finish),
        Role::Delete => crud::delete(cx),
        Role::SingletonGet => single::get(cx),
        Role::SingletonWrite => single::write(cx, input),
        Role::SingletonDelete => single::delete(cx),
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
