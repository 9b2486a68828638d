//! The operation model that every emitter works from, read out of an OpenAPI
//! document. Emitters never look at `openapiv3` types directly, so the rules
//! for what we support live in one place.

use crate::names::{pascal, snake};
use crate::registry::Product;
use openapiv3::{
    OpenAPI, Operation, Parameter, ParameterSchemaOrContent, ReferenceOr, RequestBody, Response,
    Schema, SchemaKind, Type,
};

/// A scalar parameter type.
#[derive(Clone, Copy, Debug, PartialEq)]
pub enum Prim {
    /// `string`.
    Str,
    /// `integer` of format `int32`.
    I32,
    /// Any other `integer`.
    I64,
    /// `number`.
    F64,
    /// `boolean`.
    Bool,
}

/// The type of a body or response, as far as the emitters need it.
#[derive(Clone, Debug)]
pub enum TypeRef {
    /// A component schema, by its spec name.
    Named(String),
    /// An array of the inner type.
    Array(Box<TypeRef>),
    /// A scalar.
    Prim(Prim),
    /// Anything else: `serde_json::Value` / `unknown`.
    Any,
}

/// A success answer that is not JSON: a file or report download.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum File {
    /// `text/*` content (CSV, PEM): handed over as a string.
    Text,
    /// Any other non-JSON content (archives, DER): handed over as bytes.
    Bytes,
}

impl File {
    /// The variant's name, shared by the Rust and JS tables.
    pub fn variant(self) -> &'static str {
        match self {
            File::Text => "Text",
            File::Bytes => "Bytes",
        }
    }
}

/// Where a parameter travels.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Place {
    /// A `{name}` segment of the path.
    Path,
    /// A query string pair.
    Query,
}

impl Place {
    /// `"Path"` or `"Query"`: the runtime's `Place` variant and doc text.
    pub fn as_str(self) -> &'static str {
        match self {
            Place::Path => "Path",
            Place::Query => "Query",
        }
    }
}

/// One path or query parameter.
#[derive(Clone, Debug)]
pub struct Param {
    /// Wire name.
    pub name: String,
    /// Scalar type (of the items, for an array).
    pub prim: Prim,
    /// Whether the spec requires it.
    pub required: bool,
    /// Whether it is an array of `prim`.
    pub array: bool,
    /// Path or query.
    pub place: Place,
}

impl Param {
    /// The Rust field name.
    pub fn field(&self) -> String {
        snake(&self.name)
    }

    /// The Rust type without the `Option` of an optional parameter.
    pub fn rust_base(&self) -> String {
        let prim = self.prim.rust();
        if self.array {
            format!("Vec<{prim}>")
        } else {
            prim.to_string()
        }
    }

    /// The Rust type of the field.
    pub fn rust_type(&self) -> String {
        if self.required {
            self.rust_base()
        } else {
            format!("Option<{}>", self.rust_base())
        }
    }

    /// The TypeScript type of the field.
    pub fn ts_type(&self) -> String {
        let prim = self.prim.ts();
        if self.array {
            format!("{prim}[]")
        } else {
            prim.to_string()
        }
    }

    /// `?` for an optional TypeScript field.
    pub fn ts_optional(&self) -> &'static str {
        if self.required {
            ""
        } else {
            "?"
        }
    }
}

impl Prim {
    /// Rust spelling.
    pub fn rust(self) -> &'static str {
        match self {
            Prim::Str => "String",
            Prim::I32 => "i32",
            Prim::I64 => "i64",
            Prim::F64 => "f64",
            Prim::Bool => "bool",
        }
    }

    /// TypeScript spelling.
    pub fn ts(self) -> &'static str {
        match self {
            Prim::Str => "string",
            Prim::Bool => "boolean",
            // Beyond 2^53 − 1 it travels as a BigInt (src/wide_int.rs).
            Prim::I64 => "number | bigint",
            _ => "number",
        }
    }

    /// The runtime's `crate::schema::Ty` for the scalar, in JS tables.
    pub fn js_ty(self) -> &'static str {
        match self {
            Prim::Str => "Ty::STR",
            Prim::I32 | Prim::I64 => "Ty::INT",
            Prim::F64 => "Ty::NUM",
            Prim::Bool => "Ty::BOOL",
        }
    }
}

/// One HTTP operation of a product.
#[derive(Clone, Debug)]
pub struct Op {
    /// operationId: the JS method name.
    pub id: String,
    /// Upper-case HTTP method.
    pub method: String,
    /// Path template (`/a/{id}`).
    pub path: String,
    /// The spec's summary, or the id.
    pub summary: String,
    /// Parameters in the path, in declaration order.
    pub path_params: Vec<Param>,
    /// Query parameters, in declaration order.
    pub query: Vec<Param>,
    /// JSON request body.
    pub body: Option<TypeRef>,
    /// Whether the body must be sent (`requestBody.required`).
    pub body_required: bool,
    /// JSON success response.
    pub response: Option<TypeRef>,
    /// A non-JSON success answer (only when there is no JSON one).
    pub file: Option<File>,
    /// JSON `default` (error) response.
    pub error: Option<TypeRef>,
    /// A non-GET that changes nothing (`x-zscaler-read: true`).
    pub read: bool,
}

impl Op {
    /// Every parameter, path ones first.
    pub fn params(&self) -> impl Iterator<Item = &Param> {
        self.path_params.iter().chain(&self.query)
    }

    /// Parameters the caller supplies: all but those the client always
    /// fills (the registry's required fills).
    pub fn caller_params<'a>(&'a self, product: &'a Product) -> impl Iterator<Item = &'a Param> {
        self.params().filter(move |p| !product.hides(&p.name))
    }

    /// Whether a call may omit its argument object: nothing in it is required.
    pub fn args_optional(&self, product: &Product) -> bool {
        self.caller_params(product).all(|p| !p.required)
            && !(self.body.is_some() && self.body_required)
    }

    /// The Rust method name.
    pub fn method_name(&self) -> String {
        snake(&self.id)
    }

    /// Name of the generated parameter struct (and TypeScript interface).
    pub fn params_struct(&self) -> String {
        format!("{}Params", pascal(&self.id))
    }

    /// One-line documentation: the summary and the route.
    pub fn doc(&self) -> String {
        format!(
            "{} (`{} {}`).",
            self.summary.trim_end_matches('.'),
            self.method,
            self.path
        )
    }

    /// The collect-all operation name (`listAllApplicationSegments`).
    pub fn all_name(&self) -> String {
        match self.id.strip_prefix("list") {
            Some(rest) => format!("listAll{rest}"),
            None => format!("{}All", self.id),
        }
    }

    /// The streaming operation name (`iterApplicationSegments`).
    pub fn iter_name(&self) -> String {
        match self.id.strip_prefix("list") {
            Some(rest) => format!("iter{rest}"),
            None => format!("iter{}", pascal(&self.id)),
        }
    }

    /// Whether the derived `listAll…`/`iter…` names are free: a spec may
    /// already define an operation called `listAllVersionProfiles`.
    pub fn helpers_free(&self, ops: &[Op]) -> bool {
        let (all, iter) = (self.all_name(), self.iter_name());
        ops.iter().all(|o| o.id != all && o.id != iter)
    }

    /// The path as a `format!` string, with each `{name}` replaced by `{}`,
    /// and the names in order.
    pub fn path_format(&self) -> (String, Vec<&str>) {
        let mut fmt = String::new();
        let mut names = Vec::new();
        let mut rest = self.path.as_str();
        while let Some(start) = rest.find('{') {
            let end = rest[start..].find('}').expect("unclosed path brace") + start;
            fmt.push_str(&rest[..start]);
            fmt.push_str("{}");
            names.push(&rest[start + 1..end]);
            rest = &rest[end + 1..];
        }
        fmt.push_str(rest);
        (fmt, names)
    }

    /// The `crate::request::Effect` variant of the operation: what a success
    /// does to a staging product's pending changes.
    pub fn effect(&self, product: &crate::registry::Product) -> &'static str {
        if product.activates(&self.id) {
            "Activate"
        } else if self.method == "GET" || self.read {
            "Read"
        } else {
            "Write"
        }
    }

    /// Whether the response is a ZPA page (`totalPages` + `list`) whose items
    /// can be collected by walking `page`.
    pub fn zpa_page_item(&self, doc: &OpenAPI) -> Option<String> {
        let TypeRef::Named(name) = self.response.as_ref()? else {
            return None;
        };
        if !self.query.iter().any(|q| q.name == "page") {
            return None;
        }
        let schema = component(doc, name)?;
        let SchemaKind::Type(Type::Object(obj)) = &schema.schema_kind else {
            return None;
        };
        obj.properties.get("totalPages")?;
        let list = obj.properties.get("list")?;
        match list {
            ReferenceOr::Item(s) => match &s.schema_kind {
                SchemaKind::Type(Type::Array(arr)) => match arr.items.as_ref()? {
                    ReferenceOr::Reference { reference } => Some(ref_name(reference)),
                    _ => None,
                },
                _ => None,
            },
            _ => None,
        }
    }
}

/// Look up a component schema by name.
pub fn component<'a>(doc: &'a OpenAPI, name: &str) -> Option<&'a Schema> {
    match doc.components.as_ref()?.schemas.get(name)? {
        ReferenceOr::Item(s) => Some(s),
        ReferenceOr::Reference { .. } => None,
    }
}

/// The component name a `$ref` points at.
pub fn ref_name(reference: &str) -> String {
    reference
        .strip_prefix("#/components/schemas/")
        .unwrap_or_else(|| panic!("unsupported $ref {reference}"))
        .to_string()
}

/// Read every operation of a document, sorted by operationId so that
/// generated code is stable across runs.
pub fn operations(doc: &OpenAPI) -> Vec<Op> {
    let mut ops = Vec::new();
    for (path, item) in &doc.paths.paths {
        let ReferenceOr::Item(item) = item else {
            panic!("path {path}: $ref path items are not supported")
        };
        let shared: Vec<Param> = item.parameters.iter().map(|p| param(doc, p)).collect();
        for (method, op) in item.iter() {
            ops.push(operation(doc, path, method, op, &shared));
        }
    }
    ops.sort_by(|a, b| a.id.cmp(&b.id));
    ops
}

fn operation(doc: &OpenAPI, path: &str, method: &str, op: &Operation, shared: &[Param]) -> Op {
    let id = op
        .operation_id
        .clone()
        .unwrap_or_else(|| panic!("{method} {path}: missing operationId"));
    let mut params: Vec<Param> = shared.to_vec();
    for p in &op.parameters {
        let p = param(doc, p);
        params.retain(|q| q.name != p.name);
        params.push(p);
    }
    let (path_params, query) = params
        .into_iter()
        .map(|mut p| {
            if path.contains(&format!("{{{}}}", p.name)) {
                p.place = Place::Path;
            }
            p
        })
        .partition::<Vec<_>, _>(|p| p.place == Place::Path);
    let body_required = matches!(&op.request_body, Some(ReferenceOr::Item(b)) if b.required);
    let body = op.request_body.as_ref().map(|b| match b {
        ReferenceOr::Item(RequestBody { content, .. }) => content
            .get("application/json")
            .and_then(|m| m.schema.as_ref())
            .map(type_ref)
            .unwrap_or(TypeRef::Any),
        ReferenceOr::Reference { .. } => panic!("{id}: $ref request bodies are not supported"),
    });
    let response = op
        .responses
        .responses
        .iter()
        .filter(|(code, _)| code.to_string().starts_with('2'))
        .find_map(|(_, r)| match r {
            ReferenceOr::Item(Response { content, .. }) => content
                .get("application/json")
                .and_then(|m| m.schema.as_ref())
                .map(type_ref),
            ReferenceOr::Reference { .. } => panic!("{id}: $ref responses are not supported"),
        });
    let file = if response.is_some() {
        None
    } else {
        file_answer(op)
    };
    let read = op
        .extensions
        .get("x-zscaler-read")
        .and_then(|v| v.as_bool())
        .unwrap_or(false);
    let error = match &op.responses.default {
        Some(ReferenceOr::Item(Response { content, .. })) => content
            .get("application/json")
            .and_then(|m| m.schema.as_ref())
            .map(type_ref),
        _ => None,
    };
    Op {
        body_required,
        error,
        summary: op.summary.clone().unwrap_or_else(|| id.clone()),
        id,
        method: method.to_uppercase(),
        path: path.to_string(),
        path_params,
        query,
        body,
        response,
        file,
        read,
    }
}

/// The kind of a 2xx answer declared with non-JSON content only.
fn file_answer(op: &Operation) -> Option<File> {
    op.responses
        .responses
        .iter()
        .filter(|(code, _)| code.to_string().starts_with('2'))
        .find_map(|(_, r)| match r {
            ReferenceOr::Item(Response { content, .. }) => {
                let media = content.keys().find(|m| m.as_str() != "application/json")?;
                Some(if media.starts_with("text/") {
                    File::Text
                } else {
                    File::Bytes
                })
            }
            ReferenceOr::Reference { .. } => None,
        })
}

fn param(doc: &OpenAPI, p: &ReferenceOr<Parameter>) -> Param {
    let p = match p {
        ReferenceOr::Item(p) => p,
        ReferenceOr::Reference { reference } => {
            let name = reference
                .strip_prefix("#/components/parameters/")
                .unwrap_or_else(|| panic!("unsupported parameter $ref {reference}"));
            match doc.components.as_ref().and_then(|c| c.parameters.get(name)) {
                Some(ReferenceOr::Item(p)) => p,
                _ => panic!("unresolved parameter $ref {reference}"),
            }
        }
    };
    let data = p.parameter_data_ref();
    let ParameterSchemaOrContent::Schema(schema) = &data.format else {
        panic!(
            "parameter {}: content parameters are not supported",
            data.name
        )
    };
    let (prim, array) = match type_ref(schema) {
        TypeRef::Prim(p) => (p, false),
        TypeRef::Array(inner) => match *inner {
            TypeRef::Prim(p) => (p, true),
            _ => panic!("parameter {}: only arrays of scalars", data.name),
        },
        _ => panic!("parameter {}: only scalar parameters", data.name),
    };
    Param {
        name: data.name.clone(),
        prim,
        required: data.required,
        array,
        place: Place::Query,
    }
}

/// Map a schema to the handful of shapes the emitters know.
pub fn type_ref(schema: &ReferenceOr<Schema>) -> TypeRef {
    match schema {
        ReferenceOr::Reference { reference } => TypeRef::Named(ref_name(reference)),
        ReferenceOr::Item(s) => match &s.schema_kind {
            SchemaKind::Type(Type::String(_)) => TypeRef::Prim(Prim::Str),
            SchemaKind::Type(Type::Boolean(_)) => TypeRef::Prim(Prim::Bool),
            SchemaKind::Type(Type::Number(_)) => TypeRef::Prim(Prim::F64),
            SchemaKind::Type(Type::Integer(i)) => match &i.format {
                openapiv3::VariantOrUnknownOrEmpty::Item(openapiv3::IntegerFormat::Int32) => {
                    TypeRef::Prim(Prim::I32)
                }
                _ => TypeRef::Prim(Prim::I64),
            },
            SchemaKind::Type(Type::Array(a)) => match &a.items {
                Some(items) => TypeRef::Array(Box::new(type_ref(&items.clone().unbox()))),
                None => TypeRef::Array(Box::new(TypeRef::Any)),
            },
            _ => TypeRef::Any,
        },
    }
}
