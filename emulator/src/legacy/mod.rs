//! Pre-OneAPI authentication and URL layout.
//!
//! Legacy clients talk to the product hosts directly: ZPA paths start at
//! `/mgmtconfig/...` and `/userconfig/...`, ZIA paths at `/api/v1/...`. The
//! emulator serves them by adding the gateway prefix before routing, so the
//! same handlers and data answer both layouts. Which paths are legacy comes
//! from the registry (`api_roots` of products with `auth.legacy`). This
//! module owns the legacy sign-in endpoints and the rewrite; it may not
//! serve API data itself.

pub mod zia;
pub mod zpa;

use axum::extract::Request;
use axum::http::Uri;
use axum::middleware::Next;
use axum::response::Response;
use axum::routing::post;
use axum::Router;

use crate::product::{Product, Registry};
use crate::state::AppState;

/// Path of ZIA's session endpoint, which is never rewritten.
pub const ZIA_SESSION: &str = "/api/v1/authenticatedSession";

/// Routes that do their own authentication: ZPA sign-in/out and the ZIA
/// session, both legacy and under the OneAPI prefix.
pub fn routes() -> Router<AppState> {
    let session = post(zia::login).get(zia::status).delete(zia::logout);
    Router::new()
        .route("/signin", post(zpa::signin))
        .route("/signout", post(zpa::signout))
        .route(ZIA_SESSION, session.clone())
        .route(&format!("{}{ZIA_SESSION}", Product::ZIA.gateway), session)
}

/// The gateway prefix a legacy path needs, if it is one
/// (a product with legacy authentication whose API roots start it).
pub fn prefix_for(path: &str) -> Option<&'static str> {
    if path == ZIA_SESSION {
        return None;
    }
    Registry::default()
        .of_legacy_path(path)
        .map(|p| p.info().gateway)
}

/// Middleware: rewrites legacy paths to their gateway form.
pub async fn rewrite(mut req: Request, next: Next) -> Response {
    if let Some(prefix) = prefix_for(req.uri().path()) {
        let rest = req
            .uri()
            .path_and_query()
            .map(|pq| pq.as_str())
            .unwrap_or("/");
        if let Ok(uri) = Uri::try_from(format!("{prefix}{rest}")) {
            *req.uri_mut() = uri;
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
    }
}
