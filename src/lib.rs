//! A typed client for the Zscaler APIs (ZPA, ZIA, ZIdentity) that runs
//! wherever `fetch` runs: browsers, Node, Cloudflare Workers, and natively.
//!
//! The product modules ([`zpa`], [`zia`], [`zidentity`]) are generated at
//! build time from the OpenAPI specs in `openapi/`; everything else here is
//! the small handwritten runtime they call into.
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

mod auth;
mod call;
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
pub mod request;
pub mod retry;
pub mod retry_after;
pub mod schema;
pub mod schema_scan;
mod secret;
pub mod send;
pub mod sleep;
mod transport;

#[cfg(target_arch = "wasm32")]
mod js;

#[cfg(feature = "zia")]
pub use client::Zia;
#[cfg(feature = "zidentity")]
pub use client::Zidentity;
#[cfg(feature = "zpa")]
pub use client::Zpa;
pub use client::{Client, Hooks, CSRF_HEADER};
pub use config::ClientOptions;
pub use error::Error;
pub use product::{Product, ProductInfo};
pub use secret::Secret;

/// ZPA operations and models, generated from `openapi/zpa-*.yaml`.
#[cfg(feature = "zpa")]
#[allow(clippy::all, missing_docs)]
pub mod zpa {
    include!(concat!(env!("OUT_DIR"), "/zpa.rs"));
}

/// ZIA operations and models, generated from `openapi/zia.yaml`.
#[cfg(feature = "zia")]
#[allow(clippy::all, missing_docs)]
pub mod zia {
    include!(concat!(env!("OUT_DIR"), "/zia.rs"));
}

/// ZIdentity operations and models, generated from `openapi/zidentity.yaml`.
#[cfg(feature = "zidentity")]
#[allow(clippy::all, missing_docs)]
pub mod zidentity {
    include!(concat!(env!("OUT_DIR"), "/zidentity.rs"));
}
