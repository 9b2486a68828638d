//! Router assembly and the serving entry points.

use std::future::Future;
use std::net::SocketAddr;

use axum::extract::Request;
use axum::middleware::{from_fn, from_fn_with_state, map_response};
use axum::response::{IntoResponse, Response};
use axum::routing::post;
use axum::serve::ListenerExt;
use axum::Router;
use tokio::net::TcpListener;

use crate::config::Config;
use crate::errors::{ApiError, Product};
use crate::products::{control, zia, zidentity, zpa};
use crate::state::AppState;
use crate::{auth, cors, request_id};

/// Builds the complete application for `state`.
///
/// Layer order matters: request ids and CORS wrap everything (so 401s, 404s
/// and preflights get them), the bearer check wraps only matched API routes
/// (so unknown paths are a 404, not a 401).
pub fn app(state: AppState) -> Router {
    let bearer = from_fn_with_state(state.clone(), auth::require_bearer);
    let api = Router::new()
        .merge(zpa::routes())
        .merge(zia::routes().layer(map_response(zia::mode_header)))
        .merge(zidentity::routes())
        .route_layer(bearer);
    let routed = Router::new()
        .route("/oauth2/v1/token", post(auth::token))
        .merge(control::routes())
        .merge(api)
        .fallback(not_found)
        .method_not_allowed_fallback(method_not_allowed)
        .with_state(state);
    // `Router::layer` wraps each route separately, after routing; hanging
    // the routed app off an outer fallback makes these two wrap routing
    // itself, so preflights never reach a method router.
    Router::new()
        .fallback_service(routed)
        .layer(from_fn(cors::layer))
        .layer(from_fn(request_id::layer))
}

async fn not_found(req: Request) -> Response {
    let path = req.uri().path();
    ApiError::not_found(Product::from_path(path), format!("No route for {path}")).into_response()
}

async fn method_not_allowed(req: Request) -> Response {
    ApiError::method_not_allowed(Product::from_path(req.uri().path())).into_response()
}

/// Serves the emulator on `listener` until the process ends.
pub async fn serve(listener: TcpListener, config: Config) -> std::io::Result<()> {
    serve_with_shutdown(listener, config, std::future::pending()).await
}

/// Serves the emulator on `listener` until `shutdown` completes, then lets
/// in-flight requests finish.
pub async fn serve_with_shutdown<F>(
    listener: TcpListener,
    config: Config,
    shutdown: F,
) -> std::io::Result<()>
where
    F: Future<Output = ()> + Send + 'static,
{
    // Small JSON responses plus Nagle's algorithm would add ~40 ms stalls
    // to benchmarks; disable it on every accepted socket.
    let listener = listener.tap_io(|tcp| {
        let _ = tcp.set_nodelay(true);
    });
    let app = app(AppState::new(config));
    axum::serve(listener, app)
        .with_graceful_shutdown(shutdown)
        .await
}

/// Binds `127.0.0.1:0`, serves in the background on the current Tokio
/// runtime and returns the bound address. The server lives as long as the
/// runtime (a `#[tokio::test]` gets a fresh emulator per test).
pub async fn spawn(config: Config) -> std::io::Result<SocketAddr> {
    let listener = TcpListener::bind(("127.0.0.1", 0)).await?;
    let addr = listener.local_addr()?;
    tokio::spawn(async move {
        if let Err(e) = serve(listener, config).await {
            eprintln!("zscaler-emulator: server error: {e}");
        }
    });
    Ok(addr)
}
