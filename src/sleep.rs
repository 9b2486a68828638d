//! Waiting without blocking, on every target, behind one injectable
//! function so tests can use a fake clock.

use std::future::Future;
use std::pin::Pin;
use std::sync::Arc;

/// A boxed future; `Send` natively so clients work on multi-threaded
/// runtimes, not on wasm32 where JS futures never are.
#[cfg(not(target_arch = "wasm32"))]
pub type BoxFuture = Pin<Box<dyn Future<Output = ()> + Send>>;
/// A boxed future; `Send` natively so clients work on multi-threaded
/// runtimes, not on wasm32 where JS futures never are.
#[cfg(target_arch = "wasm32")]
pub type BoxFuture = Pin<Box<dyn Future<Output = ()>>>;

/// Sleeps for the given milliseconds.
pub type SleepFn = Arc<dyn Fn(u64) -> BoxFuture + Send + Sync>;

/// The real sleep of the current target.
pub fn real() -> SleepFn {
    Arc::new(|ms| Box::pin(sleep(ms)))
}

/// Wait `ms` on this target's own timer (tokio natively).
#[cfg(not(target_arch = "wasm32"))]
pub(crate) async fn sleep(ms: u64) {
    tokio::time::sleep(std::time::Duration::from_millis(ms)).await
}

/// Wait `ms` on this target's own timer: the global `setTimeout`, which
/// Workers, Node and browsers all have (no `window`).
#[cfg(target_arch = "wasm32")]
pub(crate) async fn sleep(ms: u64) {
    use wasm_bindgen::prelude::*;
    #[wasm_bindgen]
    extern "C" {
        #[wasm_bindgen(js_name = setTimeout)]
        fn set_timeout(handler: &js_sys::Function, ms: f64) -> JsValue;
    }
    let promise = js_sys::Promise::new(&mut |resolve, _| {
        set_timeout(&resolve, ms as f64);
    });
    let _ = wasm_bindgen_futures::JsFuture::from(promise).await;
}
