//! Emits TypeScript declarations for a product's models and operation
//! parameters, inside one namespace per product so that ZIA's `User` and
//! ZIdentity's `User` do not collide.

use crate::model::{component, Op, TypeRef};
use crate::registry::Product;
use openapiv3::{OpenAPI, ReferenceOr, Schema, SchemaKind, Type};
use std::fmt::Write;

/// TypeScript spelling of a body or response type, qualified by namespace.
pub fn ts_type(product: &Product, t: &TypeRef) -> String {
    match t {
        TypeRef::Named(n) => format!("{}.{n}", product.type_name),
        TypeRef::Array(inner) => format!("{}[]", ts_type(product, inner)),
        TypeRef::Prim(p) => p.ts().to_string(),
        TypeRef::Any => "unknown".to_string(),
    }
}

/// What a create body of a schema may and must carry, from its
/// `x-zscaler-create` extension: `required` fields a create cannot do
/// without, and `server-set` fields the server assigns (`id`, times,
/// `modifiedBy`), which a create must not send. Responses keep the plain
/// schema, where every field stays optional because the wire omits them.
pub struct CreateRules {
    /// Fields a create body must carry.
    pub required: Vec<String>,
    /// Fields a create body must leave out.
    pub server_set: Vec<String>,
}

impl CreateRules {
    /// The rules of a component schema, if it declares any.
    pub fn of(schema: &Schema) -> Option<CreateRules> {
        let ext = schema.schema_data.extensions.get("x-zscaler-create")?;
        let list = |key: &str| -> Vec<String> {
            ext.get(key)
                .and_then(|v| v.as_array())
                .map(|a| {
                    a.iter()
                        .map(|v| {
                            v.as_str()
                                .expect("x-zscaler-create lists strings")
                                .to_string()
                        })
                        .collect()
                })
                .unwrap_or_default()
        };
        Some(CreateRules {
            required: list("required"),
            server_set: list("server-set"),
        })
    }
}

/// The type name of a schema's create body.
fn create_name(name: &str) -> String {
    format!("{name}Create")
}

/// TypeScript spelling of an operation's body: a POST that writes takes
/// the create form of a schema that has one; anything else the schema.
fn body_ts(product: &Product, doc: &OpenAPI, op: &Op, body: &TypeRef) -> String {
    let creates = op.method == "POST" && !op.read;
    match body {
        TypeRef::Named(n) if creates && component(doc, n).and_then(CreateRules::of).is_some() => {
            format!("{}.{}", product.type_name, create_name(n))
        }
        TypeRef::Array(inner) if creates => format!("{}[]", body_ts(product, doc, op, inner)),
        other => ts_type(product, other),
    }
}

/// The create form of an object schema: server-set fields typed `never`,
/// so that sending one (say, a fetched object's `id`) fails to compile,
/// and required fields without `?`.
fn create_ts(schema: &Schema, rules: &CreateRules) -> String {
    let SchemaKind::Type(Type::Object(o)) = &schema.schema_kind else {
        panic!("x-zscaler-create on a schema that is not an object");
    };
    let mut out = String::from("{ ");
    for (name, prop) in &o.properties {
        if rules.server_set.contains(name) {
            write!(out, "{name:?}?: never; ").unwrap();
            continue;
        }
        let opt = if rules.required.contains(name) || o.required.contains(name) {
            ""
        } else {
            "?"
        };
        write!(out, "{name:?}{opt}: {}; ", schema_ts(&prop.clone().unbox())).unwrap();
    }
    for name in rules.required.iter().chain(&rules.server_set) {
        assert!(
            o.properties.contains_key(name),
            "x-zscaler-create names {name}, which the schema does not have"
        );
    }
    out.push('}');
    out
}

fn schema_ts(s: &ReferenceOr<Schema>) -> String {
    match s {
        ReferenceOr::Reference { reference } => crate::model::ref_name(reference),
        ReferenceOr::Item(s) => {
            let base = match &s.schema_kind {
                // Known values help editors; `string & {}` keeps new ones legal.
                SchemaKind::Type(Type::String(st)) if !st.enumeration.is_empty() => {
                    let known: Vec<String> = st
                        .enumeration
                        .iter()
                        .flatten()
                        .map(|v| format!("{v:?}"))
                        .collect();
                    format!("{} | (string & {{}})", known.join(" | "))
                }
                SchemaKind::Type(Type::String(_)) => "string".to_string(),
                SchemaKind::Type(Type::Boolean(_)) => "boolean".to_string(),
                // A 64-bit integer beyond 2^53 − 1 arrives as a BigInt
                // (src/wide_int.rs), and a BigInt argument is sent exactly.
                SchemaKind::Type(Type::Integer(i))
                    if i.format
                        == openapiv3::VariantOrUnknownOrEmpty::Item(
                            openapiv3::IntegerFormat::Int64,
                        ) =>
                {
                    "number | bigint".to_string()
                }
                SchemaKind::Type(Type::Integer(_)) | SchemaKind::Type(Type::Number(_)) => {
                    "number".to_string()
                }
                SchemaKind::Type(Type::Array(a)) => match &a.items {
                    Some(items) => format!("Array<{}>", schema_ts(&items.clone().unbox())),
                    None => "unknown[]".to_string(),
                },
                SchemaKind::Type(Type::Object(o)) if !o.properties.is_empty() => {
                    let mut out = String::from("{ ");
                    for (name, prop) in &o.properties {
                        let opt = if o.required.contains(name) { "" } else { "?" };
                        write!(out, "{name:?}{opt}: {}; ", schema_ts(&prop.clone().unbox()))
                            .unwrap();
                    }
                    out.push('}');
                    out
                }
                SchemaKind::Type(Type::Object(_)) => "Record<string, unknown>".to_string(),
                _ => "unknown".to_string(),
            };
            if s.schema_data.nullable {
                format!("{base} | null")
            } else {
                base
            }
        }
    }
}

/// Emit the `export namespace X { ... }` block for one product.
pub fn emit(product: &Product, doc: &OpenAPI, ops: &[Op]) -> String {
    let mut out = String::new();
    writeln!(out, "export namespace {} {{", product.type_name).unwrap();
    if let Some(c) = &doc.components {
        for (name, schema) in &c.schemas {
            writeln!(out, "  export type {name} = {};", schema_ts(schema)).unwrap();
            if let Some(rules) = component(doc, name).and_then(CreateRules::of) {
                let schema = component(doc, name).unwrap();
                writeln!(
                    out,
                    "  /** `{name}` as a create body: required fields required, server-set ones left out. */"
                )
                .unwrap();
                writeln!(
                    out,
                    "  export type {} = {};",
                    create_name(name),
                    create_ts(schema, &rules)
                )
                .unwrap();
            }
        }
    }
    for op in ops {
        writeln!(out, "  /** Arguments of `{}`. */", op.id).unwrap();
        writeln!(out, "  export interface {} {{", op.params_struct()).unwrap();
        for p in op.caller_params(product) {
            writeln!(out, "    /** {} parameter. */", p.place.as_str()).unwrap();
            let (name, opt, ty) = (&p.name, p.ts_optional(), p.ts_type());
            writeln!(out, "    {name:?}{opt}: {ty};").unwrap();
        }
        if let Some(body) = &op.body {
            writeln!(out, "    /** JSON request body. */").unwrap();
            let opt = if op.body_required { "" } else { "?" };
            writeln!(out, "    body{opt}: {};", body_ts(product, doc, op, body)).unwrap();
        }
        writeln!(out, "  }}").unwrap();
    }
    for pair in crate::patch_ops::pairs(product, ops) {
        writeln!(out, "  /** Arguments of `{}`. */", pair.id).unwrap();
        writeln!(
            out,
            "  export interface {} {{",
            crate::patch_ops::params_name(&pair)
        )
        .unwrap();
        for p in pair.get.caller_params(product) {
            let (name, opt, ty) = (&p.name, p.ts_optional(), p.ts_type());
            writeln!(out, "    {name:?}{opt}: {ty};").unwrap();
        }
        let body = ts_type(product, pair.update.body.as_ref().unwrap());
        let local = body
            .trim_start_matches(&format!("{}.", product.type_name))
            .to_string();
        writeln!(
            out,
            "    /** Fields to change (JSON merge patch: `null` removes). */"
        )
        .unwrap();
        writeln!(
            out,
            "    patch: Partial<{{ [K in keyof {local}]: {local}[K] | null }}>;"
        )
        .unwrap();
        writeln!(out, "  }}").unwrap();
    }
    writeln!(out, "}}").unwrap();
    out
}
