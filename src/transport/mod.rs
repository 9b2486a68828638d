//! Sends an [`HttpRequest`](crate::http::HttpRequest) and returns the answer.
//! On wasm32 this is the global `fetch`; elsewhere it is reqwest, so the
//! same client runs in host tests and native programs.

#[cfg(target_arch = "wasm32")]
mod fetch;
#[cfg(target_arch = "wasm32")]
pub use fetch::Transport;

#[cfg(not(target_arch = "wasm32"))]
mod native;
#[cfg(not(target_arch = "wasm32"))]
pub use native::Transport;
