//! The operations of the project's OpenAPI specs (`openapi/*.yaml`),
//! embedded by `build.rs` and indexed once per process.
//!
//! The product comes from the file name: a file starting with a registry
//! product's `spec_prefix` is served under that product's gateway prefix
//! (see `product`); other files are ignored.
//! Every path is classified as a collection, an item of a collection, or a
//! singleton, and every operation gets the role the generic handlers play
//! for it (see [`Role`]).
//!
//! This module owns the index and path matching; it may not store data or
//! build responses.

pub mod ext;
mod load;
pub mod paths;
pub mod schema;

use std::sync::OnceLock;

use axum::http::Method;
use serde_json::Value;

use crate::product::{Product, Registry};
use paths::{Segment, Tree};
use schema::{BodySpec, Shape};

/// The specs as embedded at build time: `[{"file", "spec"}]`.
pub const EMBEDDED: &str = include_str!(concat!(env!("OUT_DIR"), "/openapi.json"));

/// What a path addresses.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum PathKind {
    /// A list of objects: its GET lists them, or items live under it.
    Collection,
    /// One object of the parent collection, by id (`.../{id}`).
    Item,
    /// Anything else: settings objects, actions, lookups by value.
    Singleton,
}

/// What the generic handler does for an operation.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Role {
    /// GET of a collection: filter and page.
    List,
    /// POST to a collection: assign an id and store.
    Create,
    /// GET of an item.
    Read,
    /// PUT of an item: full replace, id kept.
    Replace,
    /// PATCH of an item: merge into the stored object.
    Merge,
    /// DELETE of an item.
    Delete,
    /// GET of a singleton: the stored value, or the empty value of its type.
    SingletonGet,
    /// PUT/POST/PATCH of a singleton or an action: store and echo.
    SingletonWrite,
    /// DELETE of a singleton.
    SingletonDelete,
}

/// One operation of one spec.
#[derive(Debug, Clone)]
pub struct Operation {
    /// Product whose prefix, error shape and id style apply.
    pub product: Product,
    /// HTTP method.
    pub method: Method,
    /// Full path template including the product prefix.
    pub template: String,
    /// `operationId` (empty when the spec gives none).
    pub operation_id: String,
    /// Lowest declared 2xx status (200 when none is declared).
    pub success: u16,
    /// Body of the success response.
    pub response: Shape,
    /// Request body rules, when the operation takes a body.
    pub request: Option<BodySpec>,
    /// Declared query parameter names.
    pub query: Vec<String>,
    /// What the generic handler does.
    pub role: Role,
    /// What a success does to staged changes (see `product::Staging`).
    pub staging: StagingEffect,
    /// Behaviour declared with `x-emulator-*` extensions.
    pub ext: ext::Ext,
}

/// What a successful operation does to a staging product's pending changes.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum StagingEffect {
    /// Nothing: reads, read-only POSTs, products that do not stage.
    None,
    /// Marks changes pending: every other write.
    Marks,
    /// Clears them: the product's activation.
    Clears,
}

/// One path template and its operations.
#[derive(Debug, Clone)]
pub struct PathEntry {
    /// Product of the spec the path came from.
    pub product: Product,
    /// Full template including the product prefix.
    pub template: String,
    /// Parsed template.
    pub segments: Vec<Segment>,
    /// Collection, item or singleton.
    pub kind: PathKind,
    /// Indexes into [`SpecIndex::ops`].
    pub ops: Vec<usize>,
    /// True when the last segment is not a plain parameter but an item
    /// template (`.../{id}`) sits beside it: `/users/lite` next to
    /// `/users/{userId}`. A hand-written `{id}` route would capture such
    /// paths, so they are dispatched to the spec-driven handler first.
    pub beside_item: bool,
}

/// All operations, and a matcher from request paths to them.
#[derive(Debug, Default)]
pub struct SpecIndex {
    /// The products the index was built for.
    pub products: Registry,
    /// Every operation, in spec file and path order.
    pub ops: Vec<Operation>,
    /// Every distinct path template.
    pub paths: Vec<PathEntry>,
    tree: Tree,
}

/// A request path matched to a template.
#[derive(Debug, Clone)]
pub struct Found<'a> {
    /// The template's entry.
    pub entry: &'a PathEntry,
    /// Decoded parameter values, in template order.
    pub values: Vec<String>,
}

impl Found<'_> {
    /// Storage key of the first `upto` segments (see [`paths::key`]).
    pub fn key(&self, upto: usize) -> String {
        paths::key(self.entry.product, &self.entry.segments, &self.values, upto)
    }

    /// Key of the collection an item or collection path belongs to.
    pub fn collection_key(&self) -> String {
        let n = self.entry.segments.len();
        match self.entry.kind {
            PathKind::Item => self.key(n - 1),
            _ => self.key(n),
        }
    }

    /// Key of the whole concrete path (for singletons).
    pub fn full_key(&self) -> String {
        self.key(self.entry.segments.len())
    }

    /// The last parameter value (an item's id).
    pub fn last_value(&self) -> &str {
        self.values.last().map(String::as_str).unwrap_or("")
    }

    /// Values of parameters naming the tenant (ZPA's customer id).
    pub fn customer_values(&self) -> impl Iterator<Item = &str> {
        self.entry
            .segments
            .iter()
            .filter_map(Segment::param)
            .zip(self.values.iter())
            .filter(|(name, _)| paths::is_customer_param(name))
            .map(|(_, v)| v.as_str())
    }
}

/// The process-wide index of the embedded specs.
pub fn index() -> &'static SpecIndex {
    static INDEX: OnceLock<SpecIndex> = OnceLock::new();
    INDEX.get_or_init(|| {
        let docs: Value = serde_json::from_str(EMBEDDED).expect("build.rs writes valid JSON");
        SpecIndex::load(&docs)
    })
}

/// The gateway prefix a product is served under.
pub fn prefix(product: Product) -> &'static str {
    product.gateway
}

impl SpecIndex {
    /// The product whose gateway prefix starts `path` (see
    /// [`Registry::of_path`]).
    pub fn product_of(&self, path: &str) -> Product {
        self.products.of_path(path)
    }

    /// Matches a request path (with product prefix) to a template.
    pub fn find(&self, path: &str) -> Option<Found<'_>> {
        let segs: Vec<&str> = paths::split(path).collect();
        let (entry, values) = self.tree.find(&segs)?;
        Some(Found {
            entry: &self.paths[entry],
            values,
        })
    }

    /// The operation of `entry` for `method`, if the spec declares one.
    pub fn op(&self, entry: &PathEntry, method: &Method) -> Option<&Operation> {
        entry
            .ops
            .iter()
            .map(|&i| &self.ops[i])
            .find(|op| op.method == *method)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// `rest` under `product`'s gateway prefix.
    fn at(product: Product, rest: &str) -> String {
        format!("{}{rest}", product.gateway)
    }
    use serde_json::json;

    fn sample() -> SpecIndex {
        let page = json!({"content": {"application/json": {"schema": {"type": "object",
            "properties": {"totalPages": {"type": "string"}, "list": {"type": "array"}}}}}});
        let obj = json!({"content": {"application/json": {"schema": {"type": "object"}}}});
        SpecIndex::load(&json!([
            {"file": "zpa-x.yaml", "spec": {"paths": {
                "/c/{customerId}/thing": {"get": {"responses": {"200": page}},
                                          "post": {"responses": {"201": obj}}},
                "/c/{customerId}/thing/{thingId}": {"get": {"responses": {"200": obj}},
                                                    "put": {"responses": {"204": {}}}},
                "/c/{customerId}/thing/{id}/move": {"post": {"responses": {"200": {}}}},
                "/c/{customerId}/thing/summary": {"get": {"responses": {"200": obj}}},
                "/c/{customerId}/policyType/{policyType}": {"get": {"responses": {"200": obj}}}
            }}},
            {"file": "zia.yaml", "spec": {"paths": {
                "/api/v1/settings": {"get": {"responses": {"200": obj}},
                                     "put": {"responses": {"200": obj}}},
                "/api/v1/rules/{ruleId}": {"delete": {"responses": {"204": {}}}}
            }}},
            {"file": "README.yaml", "spec": {"paths": {"/x": {"get": {}}}}}
        ]))
    }

    #[test]
    fn classifies_paths_and_roles() {
        let idx = sample();
        assert_eq!(idx.paths.len(), 7);
        assert!(
            idx.find(&at(Product::ZPA, "/c/1/thing/summary"))
                .unwrap()
                .entry
                .beside_item
        );
        assert!(
            !idx.find(&at(Product::ZPA, "/c/1/thing/7/move"))
                .unwrap()
                .entry
                .beside_item
        );
        let role = |path: &str, m: Method| {
            let f = idx.find(path).unwrap();
            (f.entry.kind, idx.op(f.entry, &m).map(|o| o.role))
        };
        assert_eq!(
            role(&at(Product::ZPA, "/c/1/thing"), Method::GET),
            (PathKind::Collection, Some(Role::List))
        );
        assert_eq!(
            role(&at(Product::ZPA, "/c/1/thing"), Method::POST),
            (PathKind::Collection, Some(Role::Create))
        );
        assert_eq!(
            role(&at(Product::ZPA, "/c/1/thing/9"), Method::PUT),
            (PathKind::Item, Some(Role::Replace))
        );
        assert_eq!(
            role(&at(Product::ZPA, "/c/1/thing/9/move"), Method::POST),
            (PathKind::Singleton, Some(Role::SingletonWrite))
        );
        assert_eq!(
            role(
                &at(Product::ZPA, "/c/1/policyType/ACCESS_POLICY"),
                Method::GET
            ),
            (PathKind::Singleton, Some(Role::SingletonGet))
        );
        assert_eq!(
            role(&at(Product::ZIA, "/api/v1/settings"), Method::PUT),
            (PathKind::Singleton, Some(Role::SingletonWrite))
        );
        // `/rules` exists only through its items, and is still a collection.
        assert_eq!(
            role(&at(Product::ZIA, "/api/v1/rules/3"), Method::DELETE),
            (PathKind::Item, Some(Role::Delete))
        );
        assert!(idx.find("/x").is_none(), "non-product files are ignored");
    }

    #[test]
    fn success_codes_and_keys() {
        let idx = sample();
        let f = idx.find(&at(Product::ZPA, "/c/216/thing/42")).unwrap();
        assert_eq!(idx.op(f.entry, &Method::PUT).unwrap().success, 204);
        assert_eq!(idx.op(f.entry, &Method::GET).unwrap().success, 200);
        assert_eq!(f.collection_key(), "zpa:/c/{}/thing");
        assert_eq!(f.last_value(), "42");
        assert_eq!(f.customer_values().collect::<Vec<_>>(), vec!["216"]);
        let f = idx.find(&at(Product::ZPA, "/c/216/thing")).unwrap();
        assert_eq!(idx.op(f.entry, &Method::POST).unwrap().success, 201);
        assert_eq!(f.collection_key(), "zpa:/c/{}/thing");
    }

    #[test]
    fn embedded_specs_load() {
        let idx = index();
        assert!(
            !idx.ops.is_empty(),
            "openapi/*.yaml should yield operations"
        );
        for op in &idx.ops {
            assert!(
                op.template.starts_with(prefix(op.product)),
                "{}",
                op.template
            );
        }
    }
}
