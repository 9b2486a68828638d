//! Emits the JS side of a product: the operation and schema tables that the
//! generic dispatcher in `src/js/table.rs` runs on, and the list of JS
//! method names that `src/js/methods.rs` defines on the product's class.

use crate::model::{Op, Prim, TypeRef, CUSTOMER_PARAM};
use crate::names::pascal;
use crate::rust_ops::{all_name, caller_params, helpers_free, iter_name, params_struct};
use crate::ts_types::ts_type;
use crate::Product;
use openapiv3::{OpenAPI, ReferenceOr, Schema, SchemaKind, Type};
use std::collections::BTreeMap;
use std::fmt::Write;

/// Object schemas numbered for the table: components first, then inline ones.
struct Schemas<'a> {
    doc: &'a OpenAPI,
    index: BTreeMap<String, usize>,
    rows: Vec<String>,
}

impl<'a> Schemas<'a> {
    fn new(doc: &'a OpenAPI) -> Self {
        let mut index = BTreeMap::new();
        if let Some(c) = &doc.components {
            for name in c.schemas.keys() {
                let n = index.len();
                index.insert(name.clone(), n);
            }
        }
        let rows = vec![String::new(); index.len()];
        let mut s = Self { doc, index, rows };
        if let Some(c) = &doc.components {
            for (name, schema) in &c.schemas {
                let row = match schema {
                    ReferenceOr::Item(schema) => s.object_row(schema),
                    ReferenceOr::Reference { .. } => "ObjectSchema { fields: &[] }".to_string(),
                };
                let i = s.index[name];
                s.rows[i] = row;
            }
        }
        s
    }

    fn object_row(&mut self, schema: &Schema) -> String {
        let mut fields = Vec::new();
        if let SchemaKind::Type(Type::Object(o)) = &schema.schema_kind {
            for (name, prop) in &o.properties {
                let ty = self.ty(&prop.clone().unbox());
                fields.push((name.as_str(), ty));
            }
        }
        // Sorted by name: the one-pass body check finds keys by binary search.
        fields.sort();
        let fields: Vec<String> = fields
            .iter()
            .map(|(name, ty)| format!("({name:?}, {ty})"))
            .collect();
        format!("ObjectSchema {{ fields: &[{}] }}", fields.join(", "))
    }

    /// A `Ty` expression for a schema.
    fn ty(&mut self, schema: &ReferenceOr<Schema>) -> String {
        match schema {
            ReferenceOr::Reference { reference } => {
                let name = crate::model::ref_name(reference);
                match crate::model::component(self.doc, &name) {
                    Some(s) if matches!(s.schema_kind, SchemaKind::Type(Type::Object(_))) => {
                        format!("Ty::Ref({})", self.index[&name])
                    }
                    Some(s) => {
                        let s = s.clone();
                        self.ty(&ReferenceOr::Item(s))
                    }
                    None => "Ty::Any".to_string(),
                }
            }
            ReferenceOr::Item(s) => match &s.schema_kind {
                SchemaKind::Type(Type::String(_)) => "Ty::Str".into(),
                SchemaKind::Type(Type::Integer(_)) => "Ty::Int".into(),
                SchemaKind::Type(Type::Number(_)) => "Ty::Num".into(),
                SchemaKind::Type(Type::Boolean(_)) => "Ty::Bool".into(),
                SchemaKind::Type(Type::Array(a)) => match &a.items {
                    Some(items) => format!("Ty::Array(&{})", self.ty(&items.clone().unbox())),
                    None => "Ty::Array(&Ty::Any)".into(),
                },
                SchemaKind::Type(Type::Object(_)) => {
                    let row = self.object_row(s);
                    self.rows.push(row);
                    format!("Ty::Ref({})", self.rows.len() - 1)
                }
                _ => "Ty::Any".into(),
            },
        }
    }

    fn type_ref(&mut self, t: &TypeRef) -> String {
        match t {
            TypeRef::Named(n) => self.ty(&ReferenceOr::Reference {
                reference: format!("#/components/schemas/{n}"),
            }),
            TypeRef::Array(inner) => format!("Ty::Array(&{})", self.type_ref(inner)),
            TypeRef::Prim(p) => prim_ty(*p).to_string(),
            TypeRef::Any => "Ty::Any".into(),
        }
    }
}

fn prim_ty(p: Prim) -> &'static str {
    match p {
        Prim::Str => "Ty::Str",
        Prim::I32 | Prim::I64 => "Ty::Int",
        Prim::F64 => "Ty::Num",
        Prim::Bool => "Ty::Bool",
    }
}

fn op_row(product: &Product, schemas: &mut Schemas, op: &Op) -> String {
    let mut params = Vec::new();
    for p in op.path_params.iter().chain(&op.query) {
        if product.fills_customer && p.name == CUSTOMER_PARAM {
            continue;
        }
        let place = if op.path_params.iter().any(|q| q.name == p.name) {
            "Path"
        } else {
            "Query"
        };
        let ty = if p.array {
            format!("Ty::Array(&{})", prim_ty(p.prim))
        } else {
            prim_ty(p.prim).to_string()
        };
        params.push(format!(
            "ParamSpec {{ name: {:?}, place: Place::{place}, ty: {ty}, required: {} }}",
            p.name, p.required
        ));
    }
    let body = op.body.as_ref().map(|b| schemas.type_ref(b));
    let response = op.response.as_ref().map(|r| schemas.type_ref(r));
    format!(
        "OpSpec {{ id: {:?}, product: crate::Product::{}, method: {:?}, path: {:?}, params: &[{}], body: {}, body_required: {}, response: {}, effect: crate::request::Effect::{} }}",
        op.id,
        product.variant,
        op.method,
        op.path,
        params.join(", "),
        body.map_or("None".into(), |b| format!("Some({b})")),
        op.body_required,
        response.map_or("None".into(), |r| format!("Some({r})")),
        op.effect(product.activate),
    )
}

/// Whether a call may omit its argument object: nothing in it is required.
fn args_optional(product: &Product, op: &Op) -> bool {
    caller_params(product, op).all(|p| !p.required) && !(op.body.is_some() && op.body_required)
}

/// The TypeScript parameter: `params?: T` when every argument is optional,
/// so `client.zia.listUsers()` type-checks as it runs.
fn ts_param(arg_ty: &str, optional: bool) -> String {
    if optional {
        format!("params?: {arg_ty}")
    } else {
        format!("params: {arg_ty}")
    }
}

/// The JS methods of one product, in table order: each one's name, its
/// TypeScript declaration and the Rust `Method` it dispatches to.
#[derive(Default)]
struct Methods {
    names: Vec<String>,
    ts: String,
    rows: Vec<String>,
}

impl Methods {
    fn add(&mut self, doc: &str, name: &str, param: &str, ret: &str, row: String) {
        // A spec summary must not end the JSDoc comment early.
        let doc = doc.replace("*/", "*\\/");
        writeln!(self.ts, "    /** {doc} */\n    {name}({param}): {ret};").unwrap();
        self.names.push(name.to_string());
        self.rows.push(row);
    }
}

/// Emit the tables, the method list and the JS class glue for one product.
pub fn emit(product: &Product, doc: &OpenAPI, ops: &[Op]) -> String {
    let mut schemas = Schemas::new(doc);
    let rows: Vec<String> = ops
        .iter()
        .map(|op| op_row(product, &mut schemas, op))
        .collect();
    let mut methods = Methods::default();
    let ns = product.ts_namespace;
    let m = "crate::js::methods::Method";
    for (i, op) in ops.iter().enumerate() {
        let param = ts_param(
            &format!("{ns}.{}", params_struct(op)),
            args_optional(product, op),
        );
        let ret = match &op.response {
            Some(t) => format!("Promise<{}>", ts_type(product, t)),
            None => "Promise<void>".into(),
        };
        let summary = format!(
            "{} (`{} {}`).",
            op.summary.trim_end_matches('.'),
            op.method,
            op.path
        );
        methods.add(&summary, &op.id, &param, &ret, format!("{m}::Call({i})"));
        let walk = if let Some(item) = op.zpa_page_item(doc).filter(|_| helpers_free(op, ops)) {
            Some((
                item,
                format!("{m}::ZpaAll({i})"),
                format!("{m}::ZpaIter({i})"),
            ))
        } else if let Some((kind, item)) =
            crate::paging::cursor_item(op, doc).filter(|_| helpers_free(op, ops))
        {
            let kind = kind.js_variant();
            Some((
                item,
                format!("{m}::CursorAll({i}, {kind})"),
                format!("{m}::CursorIter({i}, {kind})"),
            ))
        } else {
            None
        };
        if let Some((item, all, iter)) = walk {
            let item = format!("{ns}.{}", pascal(&item));
            let all_doc = format!("Every item of `{}`, walking all pages in order.", op.id);
            methods.add(
                &all_doc,
                &all_name(op),
                &param,
                &format!("Promise<{item}[]>"),
                all,
            );
            let iter_doc = format!("Every item of `{}` as an async iterable.", op.id);
            let iter_ret = format!("AsyncIterableIterator<{item}>");
            methods.add(&iter_doc, &iter_name(op), &param, &iter_ret, iter);
        }
    }
    for pair in crate::patch_ops::pairs(product, ops) {
        let g = ops.iter().position(|o| o.id == pair.get.id).unwrap();
        let u = ops.iter().position(|o| o.id == pair.update.id).unwrap();
        let ret = format!(
            "Promise<{}>",
            ts_type(product, pair.update.body.as_ref().unwrap())
        );
        let param = ts_param(
            &format!("{ns}.{}", crate::patch_ops::params_name(&pair)),
            false,
        );
        let doc = format!(
            "Change only the named fields: `{}`, merge, `{}`.",
            pair.get.id, pair.update.id
        );
        methods.add(
            &doc,
            &pair.id,
            &param,
            &ret,
            format!("{m}::Patch({g}, {u})"),
        );
    }
    let class = product.js_class;
    let mut out = String::new();
    writeln!(out, "use crate::schema::{{ObjectSchema, Ty}};").unwrap();
    writeln!(out, "use crate::js::table::{{OpSpec, ParamSpec, Place}};").unwrap();
    writeln!(
        out,
        "static SCHEMAS: &[ObjectSchema] = &[{}];",
        schemas.rows.join(",\n")
    )
    .unwrap();
    writeln!(out, "static OPS: &[OpSpec] = &[{}];", rows.join(",\n")).unwrap();
    writeln!(
        out,
        "static METHODS: crate::js::methods::Methods = crate::js::methods::Methods {{ \
         names: {:?}, table: &[{}], schemas: SCHEMAS, ops: OPS, \
         installed: std::sync::atomic::AtomicBool::new(false) }};",
        methods.names.join(","),
        methods.rows.join(",\n")
    )
    .unwrap();
    // The methods are defined at run time; this interface merges with the
    // class wasm-bindgen declares, so editors still see every one.
    writeln!(
        out,
        "#[wasm_bindgen(typescript_custom_section)]\n\
         const TS_METHODS: &'static str = r####\"export interface {class} {{\n{}}}\"####;",
        methods.ts
    )
    .unwrap();
    writeln!(out, "#[wasm_bindgen(js_class = \"{class}\")]").unwrap();
    writeln!(out, "impl {class} {{").unwrap();
    writeln!(
        out,
        "    /// Run JS method number `index` of `METHODS` (the methods \
         `methods.js` defines call this).\n    \
         #[wasm_bindgen(js_name = \"__op\", skip_typescript)]\n    \
         pub fn op(&self, index: u32, params: Option<JsValue>) -> Result<JsValue, JsValue> {{\n        \
         METHODS.dispatch(&self.0.client, index, params)\n    }}"
    )
    .unwrap();
    writeln!(out, "}}").unwrap();
    writeln!(
        out,
        "/// `client.{}` as handed to JS, its class's methods defined on first use.\n\
         pub(crate) fn hand_out(api: {class}) -> JsValue {{ METHODS.hand_out(api.into()) }}",
        product.module
    )
    .unwrap();
    out
}
