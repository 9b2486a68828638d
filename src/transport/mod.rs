//! Sends an [`HttpRequest`](crate::http::HttpRequest) and returns the answer.
//! On wasm32 this is the global `fetch`; elsewhere it is reqwest, so the
//! same client runs in host tests and native programs.
//!
//! Owns one HTTP exchange and nothing else: no retries, credentials, logs or
//! product rules, which belong to the send path (`crate::send`,
//! `crate::call`). A `Hooks::transport` replaces it whole.

#[cfg(target_arch = "wasm32")]
mod fetch;
#[cfg(target_arch = "wasm32")]
pub use fetch::Transport;

#[cfg(not(target_arch = "wasm32"))]
mod native;
#[cfg(not(target_arch = "wasm32"))]
pub use native::Transport;

/// The largest response body read. Zscaler's biggest real pages are a few
/// MB; anything far beyond is a broken or hostile answer, refused with a
/// typed error instead of exhausting memory (a wasm instance cannot grow
/// without bound in a Worker).
pub const MAX_BODY_BYTES: usize = 32 * 1024 * 1024;

/// The error for an answer over [`MAX_BODY_BYTES`].
pub(crate) fn too_large(status: u16, request_id: Option<String>) -> crate::Error {
    crate::Error::Decode {
        status,
        message: format!(
            "response body is over the {} MiB limit",
            MAX_BODY_BYTES / (1024 * 1024)
        ),
        request_id,
        context: Default::default(),
    }
}
