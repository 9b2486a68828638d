//! Pre-OneAPI authentication and URL layout.
//!
//! Legacy clients talk to the product hosts directly: ZPA paths start at
//! `/mgmtconfig/...` and `/userconfig/...`, ZIA and ZTW paths at
//! `/api/v1/...`, ZCC at `/papi/...`, ZDX at `/v1/...`, ZWA at `/dlp/...`.
//! The emulator serves them by adding the gateway prefix before routing,
//! so the same handlers and data answer both layouts. Which paths are
//! legacy comes from the registry (`api_roots` of products with
//! `auth.legacy`); where two products share a root (ZIA and ZTW), the
//! product that issued the request's credential decides, else the first
//! in the registry. Every login endpoint is also served under its
//! product's gateway prefix, so a client whose `baseUrl` ends in `/ztw`
//! reaches ZTW without any guessing. This module owns the legacy sign-in
//! endpoints and the rewrite; it may not serve API data itself.

pub mod keys;
pub mod zia;
pub mod zpa;
pub mod ztw;

use axum::extract::{Request, State};
use axum::http::{HeaderMap, Uri};
use axum::middleware::Next;
use axum::response::Response;
use axum::routing::{post, MethodRouter};
use axum::Router;

use crate::product::{Product, Registry};
use crate::state::AppState;

/// Path of ZIA's session endpoint, which is never rewritten.
pub const ZIA_SESSION: &str = "/api/v1/authenticatedSession";

/// The login endpoints, which are never rewritten: they are routed as
/// they are, un-prefixed and under their product's prefix.
const LOGINS: &[&str] = &[
    ZIA_SESSION,
    ztw::ZTW_SESSION,
    keys::ZCC_LOGIN,
    keys::ZDX_LOGIN,
    keys::ZWA_LOGIN,
];

/// Marks a request whose path was rewritten from the legacy layout, so a
/// refusal can take the product's own error shape.
#[derive(Clone, Copy, Debug)]
pub struct LegacyLayout;

/// Routes that do their own authentication: the legacy logins (ZPA
/// sign-in/out, the ZIA and ZTW sessions, the ZCC, ZDX and ZWA token
/// logins), both un-prefixed and under the product's gateway prefix.
pub fn routes() -> Router<AppState> {
    let zia = post(zia::login).get(zia::status).delete(zia::logout);
    let ztw = post(ztw::login).get(ztw::status).delete(ztw::logout);
    let both = |r: Router<AppState>, p: Product, path: &str, m: MethodRouter<AppState>| {
        r.route(path, m.clone())
            .route(&format!("{}{path}", p.gateway), m)
    };
    let r = Router::new()
        .route("/signin", post(zpa::signin))
        .route("/signout", post(zpa::signout));
    let r = both(r, Product::ZIA, ZIA_SESSION, zia);
    let r = both(r, Product::ZTW, ztw::ZTW_SESSION, ztw);
    let r = both(r, Product::ZCC, keys::ZCC_LOGIN, post(keys::zcc_login));
    let r = both(r, Product::ZDX, keys::ZDX_LOGIN, post(keys::zdx_login));
    both(r, Product::ZWA, keys::ZWA_LOGIN, post(keys::zwa_login))
}

/// The gateway prefix a legacy path needs, if it is one
/// (a product with legacy authentication whose API roots start it).
pub fn prefix_for(path: &str) -> Option<&'static str> {
    if LOGINS.contains(&path) {
        return None;
    }
    Registry::default()
        .of_legacy_path(path)
        .map(|p| p.info().gateway)
}

/// The legacy credential a request carries: ZCC's `auth-token`, a
/// `JSESSIONID` cookie, or a bearer token.
pub fn credential(headers: &HeaderMap) -> Option<&str> {
    headers
        .get("auth-token")
        .and_then(|v| v.to_str().ok())
        .or_else(|| zia::session_cookie(headers))
        .or_else(|| crate::auth::bearer(headers))
}

/// The gateway prefix for a legacy path, preferring the product that
/// issued the request's credential when that product serves the path.
fn prefix_of(state: &AppState, path: &str, headers: &HeaderMap) -> Option<&'static str> {
    let default = prefix_for(path)?;
    let owner = credential(headers).and_then(|c| state.sessions().owner(c));
    let owner = owner.and_then(|name| state.products().named(name));
    Some(
        owner
            .filter(|p| p.api_roots.iter().any(|r| path.starts_with(r)))
            .map_or(default, |p| p.info().gateway),
    )
}

/// Middleware: rewrites legacy paths to their gateway form.
pub async fn rewrite(State(state): State<AppState>, mut req: Request, next: Next) -> Response {
    if let Some(prefix) = prefix_of(&state, req.uri().path(), req.headers()) {
        let rest = req
            .uri()
            .path_and_query()
            .map(|pq| pq.as_str())
            .unwrap_or("/");
        if let Ok(uri) = Uri::try_from(format!("{prefix}{rest}")) {
            *req.uri_mut() = uri;
            req.extensions_mut().insert(LegacyLayout);
        }
    }
    next.run(req).await
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn legacy_prefixes() {
        let (zpa, zia) = (Some(Product::ZPA.gateway), Some(Product::ZIA.gateway));
        assert_eq!(prefix_for("/mgmtconfig/v1/admin/x"), zpa);
        assert_eq!(prefix_for("/userconfig/v1/customers/1"), zpa);
        assert_eq!(prefix_for("/api/v1/users"), zia);
        assert_eq!(prefix_for(ZIA_SESSION), None);
        let prefixed = format!("{}/api/v1/users", Product::ZIA.gateway);
        assert_eq!(prefix_for(&prefixed), None);
        assert_eq!(prefix_for("/apiv1"), None);
        assert_eq!(prefix_for("/papi/public/v1/getDevices"), Some("/zcc"));
        assert_eq!(prefix_for("/v1/devices"), Some("/zdx"));
        assert_eq!(prefix_for("/dlp/v1/incidents"), Some("/zwa"));
        for login in LOGINS {
            assert_eq!(prefix_for(login), None, "{login}");
        }
    }
}
