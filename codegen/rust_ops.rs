//! Emits the Rust side of each operation: a parameter struct, a request
//! builder and a typed async method on the product's API handle.

use crate::model::{Op, Param, Prim, TypeRef, CUSTOMER_PARAM};
use crate::names::{pascal, snake};
use crate::Product;
use openapiv3::OpenAPI;
use std::fmt::Write;

/// Rust spelling of a scalar.
pub fn prim_rust(p: Prim) -> &'static str {
    match p {
        Prim::Str => "String",
        Prim::I32 => "i32",
        Prim::I64 => "i64",
        Prim::F64 => "f64",
        Prim::Bool => "bool",
    }
}

/// Rust spelling of a body or response type, relative to the product module.
pub fn type_rust(t: &TypeRef) -> String {
    match t {
        TypeRef::Named(n) => format!("types::{}", pascal(n)),
        TypeRef::Array(inner) => format!("Vec<{}>", type_rust(inner)),
        TypeRef::Prim(p) => prim_rust(*p).to_string(),
        TypeRef::Any => "serde_json::Value".to_string(),
    }
}

fn param_type(p: &Param) -> String {
    let base = prim_rust(p.prim).to_string();
    let base = if p.array {
        format!("Vec<{base}>")
    } else {
        base
    };
    if p.required {
        base
    } else {
        format!("Option<{base}>")
    }
}

/// Parameters the caller supplies (the customer id comes from the client).
pub fn caller_params<'a>(product: &Product, op: &'a Op) -> impl Iterator<Item = &'a Param> {
    let fills = product.fills_customer;
    op.path_params
        .iter()
        .filter(move |p| !(fills && p.name == CUSTOMER_PARAM))
        .chain(op.query.iter())
}

/// Name of the generated parameter struct.
pub fn params_struct(op: &Op) -> String {
    format!("{}Params", pascal(&op.id))
}

fn emit_params(out: &mut String, product: &Product, op: &Op) {
    let derive_default = if op.body.is_none() || !op.body_required {
        ", Default"
    } else {
        ""
    };
    writeln!(
        out,
        "/// Arguments of [`{}::{}`].",
        product.api_struct,
        snake(&op.id)
    )
    .unwrap();
    writeln!(
        out,
        "#[derive(Clone, Debug, serde::Deserialize, serde::Serialize{derive_default})]"
    )
    .unwrap();
    writeln!(out, "#[serde(deny_unknown_fields)]").unwrap();
    writeln!(out, "pub struct {} {{", params_struct(op)).unwrap();
    for p in caller_params(product, op) {
        let place = if op.path_params.iter().any(|q| q.name == p.name) {
            "path"
        } else {
            "query"
        };
        writeln!(out, "    /// The `{}` {place} parameter.", p.name).unwrap();
        if p.required {
            writeln!(out, "    #[serde(rename = \"{}\")]", p.name).unwrap();
        } else {
            writeln!(
                out,
                "    #[serde(rename = \"{}\", default, skip_serializing_if = \"Option::is_none\")]",
                p.name
            )
            .unwrap();
        }
        writeln!(out, "    pub {}: {},", snake(&p.name), param_type(p)).unwrap();
    }
    if let Some(body) = &op.body {
        writeln!(out, "    /// The JSON request body.").unwrap();
        if op.body_required {
            writeln!(out, "    pub body: {},", type_rust(body)).unwrap();
        } else {
            writeln!(
                out,
                "    #[serde(default, skip_serializing_if = \"Option::is_none\")]"
            )
            .unwrap();
            writeln!(out, "    pub body: Option<{}>,", type_rust(body)).unwrap();
        }
    }
    writeln!(out, "}}\n").unwrap();
}

fn emit_request_builder(out: &mut String, product: &Product, op: &Op) {
    let mut fmt_path = String::new();
    let mut args = Vec::new();
    let mut rest = op.path.as_str();
    while let Some(start) = rest.find('{') {
        let end = rest[start..].find('}').expect("unclosed path brace") + start;
        fmt_path.push_str(&rest[..start]);
        fmt_path.push_str("{}");
        let name = &rest[start + 1..end];
        if product.fills_customer && name == CUSTOMER_PARAM {
            args.push(format!(
                "crate::request::path_segment(\"{name}\", self.client.fill(crate::Product::{}, \"{name}\")?.unwrap_or_default())?",
                product.variant
            ));
        } else {
            args.push(format!(
                "crate::request::path_segment(\"{name}\", &p.{}.to_string())?",
                snake(name)
            ));
        }
        rest = &rest[end + 1..];
    }
    fmt_path.push_str(rest);
    let p_used = caller_params(product, op).next().is_some() || op.body.is_some();
    let p_name = if p_used { "p" } else { "_p" };
    writeln!(out, "    #[doc(hidden)]").unwrap();
    writeln!(
        out,
        "    pub fn request_{}(&self, {p_name}: &{}) -> Result<crate::request::ApiRequest, crate::Error> {{",
        snake(&op.id),
        params_struct(op)
    )
    .unwrap();
    let path_expr = if args.is_empty() {
        format!("\"{fmt_path}\".to_string()")
    } else {
        format!("format!(\"{fmt_path}\", {})", args.join(", "))
    };
    let effect = op.effect(product.activate);
    let default_effect = effect == if op.method == "GET" { "Read" } else { "Write" };
    let mutable = if op.query.is_empty() && op.body.is_none() && default_effect {
        ""
    } else {
        "mut "
    };
    writeln!(
        out,
        "        let {mutable}r = crate::request::ApiRequest::new(crate::Product::{}, \"{}\", \"{}\", {path_expr});",
        product.variant, op.method, op.id
    )
    .unwrap();
    if !default_effect {
        writeln!(out, "        r.effect = crate::request::Effect::{effect};").unwrap();
    }
    for q in &op.query {
        let field = snake(&q.name);
        if product.fills_customer && q.name == "microtenantId" && !q.required {
            writeln!(
                out,
                "        r.query(\"{}\", &match p.{field}.as_deref() {{ Some(v) => Some(v), None => self.client.fill(crate::Product::{}, \"{}\")? }});",
                q.name, product.variant, q.name
            )
            .unwrap();
        } else {
            writeln!(out, "        r.query(\"{}\", &p.{field});", q.name).unwrap();
        }
    }
    if op.body.is_some() && op.body_required {
        writeln!(out, "        r.json_body(&p.body)?;").unwrap();
    } else if op.body.is_some() {
        writeln!(
            out,
            "        if let Some(body) = &p.body {{ r.json_body(body)?; }}"
        )
        .unwrap();
    }
    writeln!(out, "        Ok(r)\n    }}\n").unwrap();
}

fn emit_method(out: &mut String, op: &Op) {
    let name = snake(&op.id);
    writeln!(
        out,
        "    /// {} (`{} {}`).",
        op.summary.trim_end_matches('.'),
        op.method,
        op.path
    )
    .unwrap();
    match &op.response {
        Some(t) => {
            writeln!(
                out,
                "    pub async fn {name}(&self, params: &{}) -> Result<{}, crate::Error> {{",
                params_struct(op),
                type_rust(t)
            )
            .unwrap();
            writeln!(
                out,
                "        self.client.call_json(self.request_{name}(params)?).await"
            )
            .unwrap();
        }
        None => {
            writeln!(
                out,
                "    pub async fn {name}(&self, params: &{}) -> Result<(), crate::Error> {{",
                params_struct(op)
            )
            .unwrap();
            writeln!(
                out,
                "        self.client.call_empty(self.request_{name}(params)?).await"
            )
            .unwrap();
        }
    }
    writeln!(out, "    }}\n").unwrap();
}

fn emit_collect(out: &mut String, op: &Op, item: &str) {
    let name = snake(&op.id);
    let all = all_name(op);
    writeln!(
        out,
        "    /// Every item of [`Self::{name}`], walking all pages in order."
    )
    .unwrap();
    writeln!(
        out,
        "    pub async fn {}(&self, params: &{}) -> Result<Vec<types::{}>, crate::Error> {{",
        snake(&all),
        params_struct(op),
        pascal(item)
    )
    .unwrap();
    writeln!(
        out,
        "        crate::pagination::zpa_collect(params, crate::pagination::COLLECT_CONCURRENCY, |p| async move {{ self.{name}(&p).await }}).await"
    )
    .unwrap();
    writeln!(out, "    }}\n").unwrap();
    writeln!(
        out,
        "    /// Every item of [`Self::{name}`] as a stream, one page fetched at a time."
    )
    .unwrap();
    writeln!(
        out,
        "    pub fn {}<'a>(&'a self, params: &{}) -> impl futures_util::Stream<Item = Result<types::{}, crate::Error>> + 'a {{",
        snake(&iter_name(op)),
        params_struct(op),
        pascal(item)
    )
    .unwrap();
    writeln!(out, "        crate::pagination::zpa_items(params, move |p| async move {{ self.{name}(&p).await }})").unwrap();
    writeln!(out, "    }}\n").unwrap();
}

/// The streaming operation name (`iterApplicationSegments`).
pub fn iter_name(op: &Op) -> String {
    match op.id.strip_prefix("list") {
        Some(rest) => format!("iter{rest}"),
        None => format!("iter{}", pascal(&op.id)),
    }
}

/// Whether the derived `listAll…`/`iter…` names are free: a spec may
/// already define an operation called `listAllVersionProfiles`.
pub fn helpers_free(op: &Op, ops: &[Op]) -> bool {
    let (all, iter) = (all_name(op), iter_name(op));
    ops.iter().all(|o| o.id != all && o.id != iter)
}

/// The collect-all operation name (`listAllApplicationSegments`).
pub fn all_name(op: &Op) -> String {
    match op.id.strip_prefix("list") {
        Some(rest) => format!("listAll{rest}"),
        None => format!("{}All", op.id),
    }
}

fn emit_page_impl(out: &mut String, page: &str, item: &str) {
    writeln!(
        out,
        "impl crate::pagination::ZpaPage for types::{} {{",
        pascal(page)
    )
    .unwrap();
    writeln!(out, "    type Item = types::{};", pascal(item)).unwrap();
    writeln!(out, "    fn total_pages(&self) -> Option<String> {{ self.total_pages.as_ref().map(|v| v.to_string()) }}").unwrap();
    writeln!(
        out,
        "    fn into_items(self) -> Vec<Self::Item> {{ self.list.unwrap_or_default() }}"
    )
    .unwrap();
    writeln!(out, "}}\n").unwrap();
}

fn emit_page_params_impl(out: &mut String, op: &Op) {
    writeln!(
        out,
        "impl crate::pagination::PageParams for {} {{",
        params_struct(op)
    )
    .unwrap();
    writeln!(out, "    fn page(&self) -> Option<i32> {{ self.page }}").unwrap();
    writeln!(
        out,
        "    fn page_size(&self) -> Option<i32> {{ self.pagesize }}"
    )
    .unwrap();
    writeln!(out, "    fn set_page(&mut self, page: i32, size: i32) {{ self.page = Some(page); self.pagesize = Some(size); }}").unwrap();
    writeln!(out, "}}\n").unwrap();
}

/// Emit all Rust code for the operations of one product.
pub fn emit(product: &Product, doc: &OpenAPI, ops: &[Op]) -> String {
    let mut out = String::new();
    for op in ops {
        emit_params(&mut out, product, op);
    }
    let patches = crate::patch_ops::pairs(product, ops);
    for pair in &patches {
        crate::patch_ops::emit_params(&mut out, product, pair);
    }
    let mut pages = std::collections::BTreeMap::new();
    for op in ops {
        if let (Some(item), Some(TypeRef::Named(page))) = (op.zpa_page_item(doc), &op.response) {
            pages.insert(page.clone(), item);
            emit_page_params_impl(&mut out, op);
        }
    }
    for (page, item) in &pages {
        emit_page_impl(&mut out, page, item);
    }
    for op in ops {
        if let Some((kind, _)) = crate::paging::cursor_item(op, doc) {
            crate::paging::emit_params_impl(&mut out, op, kind);
        }
    }
    writeln!(out, "impl crate::{} {{", product.api_struct).unwrap();
    for op in ops {
        emit_request_builder(&mut out, product, op);
        emit_method(&mut out, op);
        if let Some(item) = op.zpa_page_item(doc).filter(|_| helpers_free(op, ops)) {
            emit_collect(&mut out, op, &item);
        }
        if let Some((kind, item)) =
            crate::paging::cursor_item(op, doc).filter(|_| helpers_free(op, ops))
        {
            crate::paging::emit_methods(&mut out, op, kind, &item);
        }
    }
    for pair in &patches {
        crate::patch_ops::emit_method(&mut out, product, pair);
    }
    writeln!(out, "}}").unwrap();
    out
}
