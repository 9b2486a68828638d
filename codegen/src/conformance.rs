//! Emits the operation table that `tests/conformance.rs` replays recorded
//! traffic against: for every operation, its route and a round-trip
//! function per body type. Only the test includes it, so it costs the
//! library nothing.

use crate::model::{Op, TypeRef};
use crate::registry::Product;
use crate::rust_ops::type_rust;
use std::fmt::Write;

fn absolute(product: &Product, t: &TypeRef) -> String {
    match t {
        TypeRef::Named(_) => type_rust(t).replacen(
            "types::",
            &format!("zscaler_wasm::{}::types::", product.name),
            1,
        ),
        TypeRef::Array(inner) => format!("Vec<{}>", absolute(product, inner)),
        TypeRef::Prim(p) => p.rust().to_string(),
        TypeRef::Any => "serde_json::Value".to_string(),
    }
}

fn round_trip(product: &Product, t: &Option<TypeRef>) -> String {
    match t {
        Some(t) => format!("Some(round_trip::<{}>)", absolute(product, t)),
        None => "None".to_string(),
    }
}

/// Table entries (`ConfOp { ... },`) for one product.
pub fn entries(product: &Product, ops: &[Op]) -> String {
    let mut out = String::new();
    for op in ops {
        let query: Vec<String> = op.query.iter().map(|q| format!("{:?}", q.name)).collect();
        writeln!(
            out,
            "ConfOp {{ product: {:?}, prefix: {:?}, id: {:?}, method: {:?}, path: {:?}, query: &[{}], request: {}, response: {}, error: {} }},",
            product.name,
            product.gateway,
            op.id,
            op.method,
            op.path,
            query.join(", "),
            round_trip(product, &op.body),
            round_trip(product, &op.response),
            round_trip(product, &op.error),
        )
        .unwrap();
    }
    out
}
