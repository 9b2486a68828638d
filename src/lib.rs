//! A typed client for the Zscaler APIs (ZPA, ZIA, ZIdentity) that runs
//! wherever `fetch` runs: browsers, Node, Cloudflare Workers, and natively.
//!
//! The product modules ([`zpa`], [`zia`], [`zidentity`]), their handles
//! ([`Zpa`], …) and `Client::zpa()`-style getters are generated at build
//! time from the registry (`products.json`) and the OpenAPI specs in
//! `openapi/` by the `zscaler-codegen` crate (`codegen/`); everything else
//! here is the small handwritten runtime they call into, which names no
//! product except in a product's own extras (`compound`).
//!
//! ```no_run
//! # async fn demo() -> Result<(), zscaler_wasm::Error> {
//! use zscaler_wasm::{Client, ClientOptions, Secret};
//! let client = Client::new(ClientOptions {
//!     client_id: Some("my-client".into()),
//!     client_secret: Some(Secret::new("…")),
//!     vanity_domain: Some("acme".into()),
//!     customer_id: Some("216196257331281920".into()),
//!     ..Default::default()
//! })?;
//! let segments = client
//!     .zpa()
//!     .list_all_application_segments(&Default::default())
//!     .await?;
//! println!("{} segments", segments.len());
//! # Ok(()) }
//! ```

// The README's Rust example compiles as a doctest (`cargo test --doc`), so
// the front page cannot drift from the API it shows.
#[cfg(doctest)]
#[doc = include_str!("../README.md")]
struct ReadmeDoctests;

mod auth;
pub mod budget;
mod call;
pub mod call_options;
mod client;
mod clock;
pub mod compound;
pub mod config;
pub mod error;
pub mod forward;
pub mod http;
pub mod log;
pub mod merge;
pub mod pacing;
pub mod pagination;
pub mod product;
pub mod raw;
pub mod request;
pub mod retry;
pub mod retry_after;
pub mod schema;
pub mod schema_scan;
mod secret;
pub mod send;
pub mod sleep;
mod transport;
pub mod wide_int;

#[cfg(target_arch = "wasm32")]
mod js;

pub use call_options::CallOptions;
pub use client::{Client, Hooks, CSRF_HEADER};
pub use config::ClientOptions;
pub use error::Error;
pub use product::{Product, ProductInfo};
pub use secret::Secret;

// Each generated product's module (`zpa`), handle (`Zpa`) and
// `Client::zpa()`, from `products.json` and `openapi/` (see `codegen/`).
include!(concat!(env!("OUT_DIR"), "/products.rs"));

// Talc instead of Rust's default dlmalloc: a cold start compiles the
// allocator on its first call, and talc's is a fifth of dlmalloc's code
// (BENCHMARKS.md, eleventh session; listing speed and memory unchanged).
#[cfg(all(target_arch = "wasm32", not(target_feature = "atomics")))]
#[global_allocator]
static ALLOCATOR: talc::wasm::WasmDynamicTalc = talc::wasm::new_wasm_dynamic_allocator();
