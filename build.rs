//! Generates the typed product clients from `products.json` and `openapi/`
//! at build time; the generators are the `zscaler-codegen` crate
//! (`codegen/`), where they are tested.
//!
//! A product is generated when its Cargo feature is on, or, overriding the
//! features, when `ZSCALER_PRODUCTS` (a comma list of registry names)
//! names it.

fn main() {
    zscaler_codegen::build::run();
}
