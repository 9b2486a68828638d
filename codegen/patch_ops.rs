//! Data-safe updates. Most Zscaler PUTs replace the whole object, so a PUT
//! with only the fields a caller cares about resets the rest. For every
//! `update…` whose path also has a `get…` of the same type, we emit
//! `patch…`: GET, apply a JSON merge patch (RFC 7396), PUT.

use crate::model::{Op, TypeRef};
use crate::names::{pascal, snake};
use crate::rust_ops::{caller_params, params_struct, prim_rust, type_rust};
use crate::Product;
use std::fmt::Write;

/// A `get`/`update` pair on one path, sharing the body type.
pub struct Pair<'a> {
    pub get: &'a Op,
    pub update: &'a Op,
    pub id: String,
}

/// Find every patchable update.
pub fn pairs<'a>(product: &Product, ops: &'a [Op]) -> Vec<Pair<'a>> {
    let mut out = Vec::new();
    for update in ops.iter().filter(|o| o.method == "PUT") {
        let Some(TypeRef::Named(body)) = &update.body else {
            continue;
        };
        let get = ops.iter().find(|g| {
            g.method == "GET"
                && g.path == update.path
                && matches!(&g.response, Some(TypeRef::Named(r)) if r == body)
        });
        let Some(get) = get else { continue };
        // Every required parameter of the update must come from the get.
        let get_names: Vec<&str> = caller_params(product, get)
            .map(|p| p.name.as_str())
            .collect();
        if caller_params(product, update)
            .any(|p| p.required && !get_names.contains(&p.name.as_str()))
        {
            continue;
        }
        let id = match update.id.strip_prefix("update") {
            Some(rest) => format!("patch{rest}"),
            None => format!("patch{}", pascal(&update.id)),
        };
        if ops.iter().any(|o| o.id == id) {
            continue;
        }
        out.push(Pair { get, update, id });
    }
    out
}

/// Name of the generated parameter struct.
pub fn params_name(pair: &Pair) -> String {
    format!("{}Params", pascal(&pair.id))
}

/// The patch parameter structs (outside the API impl).
pub fn emit_params(out: &mut String, product: &Product, pair: &Pair) {
    writeln!(
        out,
        "/// Arguments of [`{}::{}`].",
        product.api_struct,
        snake(&pair.id)
    )
    .unwrap();
    writeln!(
        out,
        "#[derive(Clone, Debug, serde::Deserialize, serde::Serialize)]"
    )
    .unwrap();
    writeln!(out, "#[serde(deny_unknown_fields)]").unwrap();
    writeln!(out, "pub struct {} {{", params_name(pair)).unwrap();
    for p in caller_params(product, pair.get) {
        writeln!(
            out,
            "    /// The `{}` parameter of the read and the write.",
            p.name
        )
        .unwrap();
        if p.required {
            writeln!(out, "    #[serde(rename = \"{}\")]", p.name).unwrap();
            writeln!(out, "    pub {}: {},", snake(&p.name), prim_rust(p.prim)).unwrap();
        } else {
            writeln!(
                out,
                "    #[serde(rename = \"{}\", default, skip_serializing_if = \"Option::is_none\")]",
                p.name
            )
            .unwrap();
            let ty = if p.array {
                format!("Vec<{}>", prim_rust(p.prim))
            } else {
                prim_rust(p.prim).to_string()
            };
            writeln!(out, "    pub {}: Option<{ty}>,", snake(&p.name)).unwrap();
        }
    }
    writeln!(
        out,
        "    /// Fields to change, as a JSON merge patch; `null` removes a field."
    )
    .unwrap();
    writeln!(out, "    pub patch: serde_json::Value,").unwrap();
    writeln!(out, "}}\n").unwrap();
}

/// The `patch…` method (inside the API impl).
pub fn emit_method(out: &mut String, product: &Product, pair: &Pair) {
    let body = type_rust(pair.update.body.as_ref().unwrap());
    let get_fields: Vec<String> = caller_params(product, pair.get)
        .map(|p| snake(&p.name))
        .collect();
    writeln!(
        out,
        "    /// Change only the fields named in `patch` of the object [`Self::{}`] returns, then store it \
         with [`Self::{}`], so fields the patch leaves out keep their values. Returns what was stored.",
        snake(&pair.get.id),
        snake(&pair.update.id)
    )
    .unwrap();
    writeln!(
        out,
        "    pub async fn {}(&self, p: &{}) -> Result<{body}, crate::Error> {{",
        snake(&pair.id),
        params_name(pair)
    )
    .unwrap();
    let init: Vec<String> = get_fields
        .iter()
        .map(|f| format!("{f}: p.{f}.clone()"))
        .collect();
    writeln!(
        out,
        "        let current = self.{}(&{} {{ {} }}).await?;",
        snake(&pair.get.id),
        params_struct(pair.get),
        init.join(", ")
    )
    .unwrap();
    writeln!(
        out,
        "        let body: {body} = crate::merge::apply(&current, &p.patch)?;"
    )
    .unwrap();
    let mut fields = Vec::new();
    for q in caller_params(product, pair.update) {
        let f = snake(&q.name);
        if get_fields.contains(&f) {
            fields.push(format!("{f}: p.{f}.clone()"));
        } else {
            fields.push(format!("{f}: None"));
        }
    }
    fields.push(if pair.update.body_required {
        "body: body.clone()".into()
    } else {
        "body: Some(body.clone())".into()
    });
    writeln!(
        out,
        "        self.{}(&{} {{ {} }}).await?;",
        snake(&pair.update.id),
        params_struct(pair.update),
        fields.join(", ")
    )
    .unwrap();
    writeln!(out, "        Ok(body)\n    }}\n").unwrap();
}
