//! Hand-written providers: operations whose behaviour the spec alone does
//! not give (field rules and defaults, derived fields, references, search
//! syntaxes, activation status, URL classification), registered by
//! (product name, `operationId`) and called by the `router` instead of the
//! generic provider.
//!
//! Each product module exposes a `PROVIDERS` table; adding a hand-written
//! operation is one entry there. Providers read and write the one store and
//! may not route, authenticate or stage changes (the router does, for every
//! operation alike). `control` holds the emulator's own `/_emulator` API.

pub mod control;
pub mod zcc;
pub mod zcc_policy;
pub mod zdx;
pub mod zia;
mod zia_urls;
pub mod zidentity;
pub mod zpa;
pub mod zpa_model;
pub mod zpa_render;
pub mod zpa_rules;
pub mod zpa_typed_apps;
pub mod zwa;

use std::collections::HashMap;
use std::sync::OnceLock;

use crate::router::Handler;
use crate::spec::Operation;

/// Every product's provider tables, by registry product name (a product
/// may have several).
const TABLES: &[(&str, &[(&str, Handler)])] = &[
    ("zpa", zpa::PROVIDERS),
    ("zpa", zpa_rules::PROVIDERS),
    ("zia", zia::PROVIDERS),
    ("zidentity", zidentity::PROVIDERS),
    ("zcc", zcc::PROVIDERS),
    ("zcc", zcc_policy::PROVIDERS),
    ("zdx", zdx::PROVIDERS),
    ("zwa", zwa::PROVIDERS),
];

type Providers = HashMap<&'static str, HashMap<&'static str, Handler>>;

fn providers() -> &'static Providers {
    static MAP: OnceLock<Providers> = OnceLock::new();
    MAP.get_or_init(|| {
        let mut map = Providers::new();
        for (product, ops) in TABLES {
            map.entry(*product).or_default().extend(ops.iter().copied());
        }
        map
    })
}

/// The hand-written provider of `op`, if one is registered.
pub fn provider(op: &Operation) -> Option<Handler> {
    providers()
        .get(op.product.name)?
        .get(op.operation_id.as_str())
        .copied()
}

/// Every registration, as (product name, operationId).
pub fn registered() -> impl Iterator<Item = (&'static str, &'static str)> {
    TABLES
        .iter()
        .flat_map(|(p, ops)| ops.iter().map(move |(id, _)| (*p, *id)))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::spec;

    /// A registration whose operation the spec lacks, or hides behind
    /// another template of the same shape, would silently never run.
    #[test]
    fn every_provider_serves_a_spec_operation() {
        let idx = spec::index();
        for (product, id) in registered() {
            let ops: Vec<_> = idx
                .ops
                .iter()
                .filter(|o| o.product.name == product && o.operation_id == id)
                .collect();
            assert_eq!(ops.len(), 1, "{product}/{id}");
            let op = ops[0];
            let reachable = idx
                .paths
                .iter()
                .any(|e| e.ops.iter().any(|&i| std::ptr::eq(&idx.ops[i], op)));
            assert!(reachable, "{product}/{id} is not reachable");
        }
        for (product, _) in TABLES {
            let found = idx.products.named(product).map(|p| p.info().name);
            assert_eq!(found, Some(*product), "providers for an unknown product");
        }
    }
}
