//! The operation model that every emitter works from, read out of an OpenAPI
//! document. Emitters never look at `openapiv3` types directly, so the rules
//! for what we support live in one place.

use openapiv3::{
    OpenAPI, Operation, Parameter, ParameterSchemaOrContent, ReferenceOr, RequestBody, Response,
    Schema, SchemaKind, Type,
};

/// A scalar parameter type.
#[derive(Clone, Copy, Debug, PartialEq)]
pub enum Prim {
    Str,
    I32,
    I64,
    F64,
    Bool,
}

/// The type of a body or response, as far as the emitters need it.
#[derive(Clone, Debug)]
pub enum TypeRef {
    Named(String),
    Array(Box<TypeRef>),
    Prim(Prim),
    Any,
}

/// One path or query parameter.
#[derive(Clone, Debug)]
pub struct Param {
    pub name: String,
    pub prim: Prim,
    pub required: bool,
    pub array: bool,
}

/// Where the client fills a value itself instead of asking the caller.
pub const CUSTOMER_PARAM: &str = "customerId";

/// One HTTP operation of a product.
#[derive(Clone, Debug)]
pub struct Op {
    pub id: String,
    pub method: String,
    pub path: String,
    pub summary: String,
    pub path_params: Vec<Param>,
    pub query: Vec<Param>,
    pub body: Option<TypeRef>,
    /// Whether the body must be sent (`requestBody.required`).
    pub body_required: bool,
    pub response: Option<TypeRef>,
    pub error: Option<TypeRef>,
    /// A non-GET that changes nothing (`x-zscaler-read: true`).
    pub read: bool,
}

impl Op {
    /// The `crate::request::Effect` variant of the operation: what a success
    /// does to a staging product's pending changes.
    pub fn effect(&self, activate: Option<&str>) -> &'static str {
        if activate == Some(self.id.as_str()) {
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
        .partition::<Vec<_>, _>(|p| path.contains(&format!("{{{}}}", p.name)));
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
        read,
    }
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

/// "path" or "query", for documentation.
pub fn caller_param_place(op: &Op, name: &str) -> &'static str {
    if op.path_params.iter().any(|p| p.name == name) {
        "Path"
    } else {
        "Query"
    }
}
