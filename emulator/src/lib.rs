//! A local, stateful, in-memory stand-in for the Zscaler OneAPI.
//!
//! It serves the OAuth token endpoint plus a subset of ZPA (`/zpa`), ZIA
//! (`/zia`) and ZIdentity (`/ziam`) with the response shapes, id types,
//! pagination and error bodies of the real services, seeded with a demo
//! tenant. It exists so client tests, demos and benchmarks run offline and
//! deterministically.
//!
//! ```no_run
//! # async fn demo() -> std::io::Result<()> {
//! let addr = zscaler_emulator::spawn(zscaler_emulator::Config::default()).await?;
//! println!("emulator at http://{addr}");
//! # Ok(()) }
//! ```

#![warn(missing_docs)]

pub mod auth;
pub mod body;
pub mod cli;
pub mod config;
pub mod cors;
pub mod errors;
pub mod paging;
pub mod products;
pub mod query;
mod random;
pub mod request_id;
pub mod seed;
pub mod server;
pub mod state;
pub mod store;

pub use config::{Config, Seed};
pub use server::{app, serve, serve_with_shutdown, spawn};
