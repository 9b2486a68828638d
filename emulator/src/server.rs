//! Router assembly and the serving entry points.
//! It owns the layer order and the listeners; it may not hold request
//! behaviour.

use std::future::Future;
use std::io;
use std::net::SocketAddr;

use axum::middleware::{from_fn, from_fn_with_state};
use axum::routing::post;
use axum::Router;
use tokio::net::TcpListener;

use crate::config::Config;
use crate::conn::{ConnHandle, KillableListener};
use crate::products::control;
use crate::state::AppState;
use crate::stats::TOKEN_PATH;
use crate::{auth, body, cors, faults, gateway, legacy, request_id, router, stats};

/// Builds the complete application for `state`.
///
/// Layers, outermost first: request id, CORS, stats, body buffering (see
/// `body::buffer_layer`), faults, legacy path rewriting, gateway headers;
/// then routing. They wrap routing itself (not each route), so 401s, 404s,
/// preflights and injected faults all get request ids (and, for an origin
/// allowed with `--cors`, CORS headers), and
/// a rewritten legacy path is routed like its gateway form. Besides the
/// token endpoint, the control API and the legacy sign-in routes, every
/// request goes to `router::dispatch`, which runs the `gate` once a spec
/// operation matched, so unknown paths are a 404, not a 401.
pub fn app(state: AppState) -> Router {
    let routed = Router::new()
        .route(TOKEN_PATH, post(auth::token))
        .merge(control::routes())
        .merge(legacy::routes())
        .fallback(router::dispatch)
        .method_not_allowed_fallback(router::dispatch)
        .with_state(state.clone());
    Router::new()
        .fallback_service(routed)
        .layer(from_fn_with_state(state.clone(), gateway::layer))
        .layer(from_fn_with_state(state.clone(), legacy::rewrite))
        .layer(from_fn_with_state(state.clone(), faults::layer))
        .layer(from_fn_with_state(state.clone(), body::buffer_layer))
        .layer(from_fn_with_state(state.clone(), stats::layer))
        .layer(from_fn_with_state(state, cors::layer))
        .layer(from_fn(request_id::layer))
}

/// Serves the emulator on `listener` until the process ends.
pub async fn serve(listener: TcpListener, config: Config) -> io::Result<()> {
    serve_with_shutdown(listener, config, std::future::pending()).await
}

/// Serves the emulator on `listener` until `shutdown` completes, then lets
/// in-flight requests finish. Fails at once if the seed file or bulk
/// request in `config` cannot be applied.
pub async fn serve_with_shutdown<F>(
    listener: TcpListener,
    config: Config,
    shutdown: F,
) -> io::Result<()>
where
    F: Future<Output = ()> + Send + 'static,
{
    let state =
        AppState::try_new(config).map_err(|e| io::Error::new(io::ErrorKind::InvalidInput, e))?;
    serve_state(listener, state, shutdown).await
}

/// Serves prepared `state`. Connections come from a [`KillableListener`]
/// (TCP_NODELAY, resettable by fault injection).
async fn serve_state<F>(listener: TcpListener, state: AppState, shutdown: F) -> io::Result<()>
where
    F: Future<Output = ()> + Send + 'static,
{
    let service = app(state).into_make_service_with_connect_info::<ConnHandle>();
    axum::serve(KillableListener::new(listener), service)
        .with_graceful_shutdown(shutdown)
        .await
}

/// Binds `127.0.0.1:0`, serves in the background on the current Tokio
/// runtime and returns the bound address. The server lives as long as the
/// runtime (a `#[tokio::test]` gets a fresh emulator per test).
pub async fn spawn(config: Config) -> io::Result<SocketAddr> {
    let state =
        AppState::try_new(config).map_err(|e| io::Error::new(io::ErrorKind::InvalidInput, e))?;
    spawn_state(state).await
}

/// Like [`spawn`], for prepared state (a test's own products and specs,
/// see `AppState::with_spec`).
pub async fn spawn_state(state: AppState) -> io::Result<SocketAddr> {
    let listener = TcpListener::bind(("127.0.0.1", 0)).await?;
    let addr = listener.local_addr()?;
    tokio::spawn(async move {
        if let Err(e) = serve_state(listener, state, std::future::pending()).await {
            eprintln!("zscaler-emulator: server error: {e}");
        }
    });
    Ok(addr)
}
