//! `zscaler-codegen`: generates zscaler-wasm's product code at build time
//! from the product registry (`products.json`) and the OpenAPI specs
//! (`openapi/`).
//!
//! It owns the registry's typed loader ([`registry`]), the choice of
//! products to generate, and every emitter: Rust models (progenitor's type
//! space), operations, JS tables and TypeScript declarations, and the
//! per-product glue (`products.rs`). It may not hold product rules: what a
//! product does differently is data in the registry or a runtime policy in
//! `src/`; an emitter only reads the registry and the spec. It never
//! touches the runtime crate's sources; `build.rs` calls [`build::run`].
//! Models come from progenitor's type space, operations from our own
//! emitters, because progenitor's client is tied to reqwest, which costs
//! about three times the wasm size of our fetch transport.

#![warn(missing_docs)]

pub mod build;
mod conformance;
mod fidelity;
pub mod generate;
mod js_table;
pub mod model;
pub mod names;
mod paging;
mod patch_ops;
pub mod products;
pub mod registry;
mod rust_ops;
pub mod spec;
mod ts_types;
