//! The one router of the product APIs: every request under a product's
//! gateway prefix is matched against the spec index and served by the
//! operation's provider.
//!
//! A provider is the generic implementation of the operation's role (see
//! `generic`), unless a hand-written override is registered for the
//! operation's (product name, `operationId`) in `products` (localstack's
//! provider model: one store, generic behaviour from the spec, per-operation
//! providers where a product really behaves differently). The product rules
//! are applied here, once, to both: the `gate` (auth, read-only mode, rate
//! limits, edit lock), the tenant check on customer path parameters, and
//! change staging after a success. This module may not implement an
//! operation itself.

use axum::body::Bytes;
use axum::extract::{Request, State};
use axum::http::{HeaderMap, Method};
use axum::response::{IntoResponse, Response};

use crate::errors::ApiError;
use crate::gate;
use crate::generic;
use crate::legacy::LegacyLayout;
use crate::products;
use crate::query::Params;
use crate::spec::{Found, Operation, StagingEffect};
use crate::state::AppState;
use crate::store::Store;

/// Everything a provider needs about the request.
pub struct Ctx<'a> {
    /// Shared state.
    pub state: &'a AppState,
    /// The matched operation.
    pub op: &'a Operation,
    /// The matched path and its parameter values.
    pub found: &'a Found<'a>,
    /// Query parameters.
    pub params: Params,
    /// The raw query string (cache keys of rendered pages).
    pub query: Option<&'a str>,
    /// Request headers (for the origin of ZIdentity links).
    pub headers: &'a HeaderMap,
    /// Request path as routed.
    pub path: &'a str,
}

/// A hand-written provider of one operation: the request context and the
/// raw body (already read, at most `body::MAX_BODY_BYTES`).
pub type Handler = fn(&Ctx<'_>, Bytes) -> Result<Response, ApiError>;

/// Serves every product API request (the application's fallback route).
pub async fn dispatch(State(state): State<AppState>, req: Request) -> Response {
    let path = req.uri().path().to_string();
    let index = state.spec;
    let product = index.product_of(&path);
    let Some(found) = index.find(&path) else {
        if let Some(text) = crate::rules::of(product).unrouted {
            // Typed JSON although it is text, as recorded.
            let json = [(axum::http::header::CONTENT_TYPE, "application/json")];
            return (axum::http::StatusCode::NOT_FOUND, json, text).into_response();
        }
        return ApiError::not_found(product, format!("No route for {path}")).into_response();
    };
    // HEAD is a GET whose body hyper leaves out.
    let method = match *req.method() {
        Method::HEAD => Method::GET,
        ref m => m.clone(),
    };
    let Some(op) = index.op(found.entry, &method) else {
        return ApiError::method_not_allowed(product).into_response();
    };
    let legacy_layout = req.extensions().get::<LegacyLayout>().is_some();
    if let Err(refusal) = gate::check(&state, &method, &path, op, req.headers(), legacy_layout) {
        return *refusal;
    }
    let (parts, body) = req.into_parts();
    let query = parts.uri.query();
    let cx = Ctx {
        state: &state,
        op,
        found: &found,
        params: Params::parse(query),
        query,
        headers: &parts.headers,
        path: &path,
    };
    let result = async {
        check_tenant(&cx)?;
        let bytes = crate::body::read(op.product, body).await?;
        match products::provider(op) {
            Some(handler) => handler(&cx, bytes),
            None => generic::serve(&cx, bytes),
        }
    }
    .await;
    match result {
        Ok(resp) => {
            if resp.status().is_success() && op.staging != StagingEffect::None {
                stage(&mut state.store(), op);
            }
            resp
        }
        Err(e) => e.into_response(),
    }
}

/// Another tenant's objects are invisible to this client's token: a
/// customer path parameter (ZPA's `{customerId}`) must be the configured
/// customer, else 404.
fn check_tenant(cx: &Ctx<'_>) -> Result<(), ApiError> {
    for cust in cx.found.customer_values() {
        if cust != cx.state.config.customer_id {
            return Err(ApiError::not_found(
                cx.op.product,
                format!("Customer {cust} not found"),
            ));
        }
    }
    Ok(())
}

/// The staging rule: a success marks the product's changes pending or,
/// for its activation, clears them (see `spec::StagingEffect`).
pub fn stage(store: &mut Store, op: &Operation) {
    match op.staging {
        StagingEffect::Marks => store.set_pending(op.product, true),
        StagingEffect::Clears => store.set_pending(op.product, false),
        StagingEffect::None => {}
    }
}
