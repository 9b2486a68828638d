//! Building the index: classifying every path and operation of the specs.
//! It owns classification rules; it may not serve requests.

use std::collections::HashSet;

use axum::http::Method;
use serde_json::Value;

use super::ext::Ext;
use super::paths::{self, Segment};
use super::schema::{self, Shape};
use super::{Operation, PathEntry, PathKind, Role, SpecIndex, StagingEffect};
use crate::gate;
use crate::product::{Product, Registry};

const METHODS: [(&str, Method); 5] = [
    ("get", Method::GET),
    ("post", Method::POST),
    ("put", Method::PUT),
    ("patch", Method::PATCH),
    ("delete", Method::DELETE),
];

impl SpecIndex {
    /// Indexes `[{"file", "spec"}]` documents for the built-in products.
    pub fn load(docs: &Value) -> SpecIndex {
        SpecIndex::load_for(Registry::default(), docs)
    }

    /// Indexes `[{"file", "spec"}]` documents for `products`: each file
    /// belongs to the product whose spec prefix starts its name.
    pub fn load_for(products: Registry, docs: &Value) -> SpecIndex {
        let mut index = SpecIndex {
            products,
            ..SpecIndex::default()
        };
        for d in docs.as_array().into_iter().flatten() {
            let name = d["file"].as_str().unwrap_or_default();
            if let Some(product) = products.of_file(name) {
                index.add_document(product, &d["spec"]);
            }
        }
        index.mark_beside_item();
        index.spread_collection_ext();
        index
    }

    /// Collection-wide extensions (`x-emulator-defaults`, `x-emulator-order`,
    /// `x-emulator-refs`)
    /// are declared once, on the collection's create, and hold for every
    /// operation on the collection and its items, in every API version; a
    /// singleton's defaults are declared on its GET and hold for its writes.
    fn spread_collection_ext(&mut self) {
        // Several creates (API versions) of one collection add up.
        let mut by_shape: Vec<(String, Ext)> = Vec::new();
        for e in &self.paths {
            for &i in &e.ops {
                let op = &self.ops[i];
                // A create under another name counts for the named collection.
                let shape = match &op.ext.collection {
                    Some(t) if !op.ext.defaults.is_empty() => {
                        template_shape(e.product, &format!("{}{t}", e.product.gateway))
                    }
                    _ if op.role == Role::Create => collection_shape(e),
                    _ => continue,
                };
                if !op.ext.defaults.is_empty() || op.ext.order.is_some() || !op.ext.refs.is_empty()
                {
                    match by_shape.iter_mut().find(|(s, _)| *s == shape) {
                        Some((_, ext)) => {
                            for (k, v) in &op.ext.defaults {
                                ext.defaults.entry(k.clone()).or_insert_with(|| v.clone());
                            }
                            ext.order = ext.order.take().or_else(|| op.ext.order.clone());
                            ext.refs.extend(op.ext.refs.iter().cloned());
                        }
                        None => by_shape.push((shape, op.ext.clone())),
                    }
                }
            }
        }
        for e in &self.paths {
            // A singleton's defaults, declared on its GET, hold for its writes.
            if e.kind == PathKind::Singleton {
                let from = e
                    .ops
                    .iter()
                    .map(|&i| &self.ops[i])
                    .find(|o| o.method == Method::GET);
                let defaults = from.map(|o| o.ext.defaults.clone()).unwrap_or_default();
                for &i in &e.ops {
                    if self.ops[i].ext.defaults.is_empty() {
                        self.ops[i].ext.defaults = defaults.clone();
                    }
                }
                continue;
            }
            let shape = collection_shape(e);
            let Some((_, from)) = by_shape.iter().find(|(s, _)| *s == shape) else {
                continue;
            };
            for &i in &e.ops {
                let ext = &mut self.ops[i].ext;
                for (k, v) in &from.defaults {
                    ext.defaults.entry(k.clone()).or_insert_with(|| v.clone());
                }
                if ext.order.is_none() {
                    ext.order = from.order.clone();
                }
                if ext.refs.is_empty() {
                    ext.refs = from.refs.clone();
                }
            }
        }
    }

    /// Sets [`PathEntry::beside_item`] by probing the trie with a parameter
    /// value no literal can equal.
    fn mark_beside_item(&mut self) {
        const PROBE: &str = "\u{1}";
        for i in 0..self.paths.len() {
            let segs = &self.paths[i].segments;
            if segs.last().and_then(Segment::plain_param).is_some() {
                continue;
            }
            let probe: Vec<&str> = segs
                .iter()
                .enumerate()
                .map(|(j, s)| match s {
                    Segment::Lit(l) if j + 1 < segs.len() => l.as_str(),
                    _ => PROBE,
                })
                .collect();
            let beside = self
                .tree
                .find(&probe)
                .is_some_and(|(e, _)| self.paths[e].kind == PathKind::Item);
            self.paths[i].beside_item = beside;
        }
    }

    fn add_document(&mut self, product: Product, doc: &Value) {
        let Some(paths) = doc.get("paths").and_then(Value::as_object) else {
            return;
        };
        let parsed: Vec<(String, Vec<Segment>)> = paths
            .keys()
            .map(|p| {
                let full = format!("{}{}", product.gateway, p);
                let segs = paths::parse(&full);
                (full, segs)
            })
            .collect();
        // Collections known only through their items (`/x/{id}` without `/x`).
        let with_items: HashSet<String> = parsed
            .iter()
            .filter(|(_, s)| {
                s.last()
                    .and_then(Segment::plain_param)
                    .is_some_and(paths::is_id_param)
            })
            .map(|(_, s)| shape_text(&s[..s.len() - 1]))
            .collect();

        for ((template, segments), item) in parsed.into_iter().zip(paths.values()) {
            let get_shape = item
                .get("get")
                .map(|op| success(doc, op).1)
                .unwrap_or(Shape::Empty);
            let ends_in_id = segments
                .last()
                .and_then(Segment::plain_param)
                .is_some_and(paths::is_id_param);
            let kind = if get_shape.is_list() || reading_post(doc, item, &segments) {
                PathKind::Collection
            } else if ends_in_id {
                PathKind::Item
            } else if with_items.contains(&shape_text(&segments)) {
                PathKind::Collection
            } else {
                PathKind::Singleton
            };
            let entry_idx = self.paths.len();
            let entry_idx = match self.tree.insert(&segments, entry_idx) {
                Some(existing) => existing,
                None => {
                    self.paths.push(PathEntry {
                        product,
                        template: template.clone(),
                        segments: segments.clone(),
                        kind,
                        ops: Vec::new(),
                        beside_item: false,
                    });
                    entry_idx
                }
            };
            let shared_params = item.get("parameters");
            for (key, method) in METHODS.iter() {
                let Some(op) = item.get(*key) else { continue };
                let entry = &self.paths[entry_idx];
                if entry.ops.iter().any(|&i| self.ops[i].method == *method) {
                    continue;
                }
                let (code, shape) = success(doc, op);
                // A paged search POST lists its collection, like a GET.
                let role =
                    if reads(op) && shape.items().is_some() && entry.kind == PathKind::Collection {
                        Role::List
                    } else {
                        role(entry.kind, method, &get_shape)
                    };
                let query = query_params(doc, shared_params, op.get("parameters"));
                let request = op
                    .get("requestBody")
                    .and_then(|b| schema::request_spec(doc, b));
                let operation_id = op["operationId"].as_str().unwrap_or_default();
                let staging = staging_effect(product, method, operation_id, op);
                self.ops.push(Operation {
                    product,
                    method: method.clone(),
                    template: template.clone(),
                    operation_id: operation_id.to_string(),
                    staging,
                    success: code,
                    response: shape,
                    request,
                    query,
                    role,
                    ext: Ext::read(op),
                });
                let op_idx = self.ops.len() - 1;
                self.paths[entry_idx].ops.push(op_idx);
            }
        }
    }
}

/// The spec's mark of a POST that only reads (a search, a lookup). The
/// client's generator reads the same mark; here it holds whether or not
/// the product stages changes (ZWA does not).
const READ_MARK: &str = "x-zscaler-read";

/// Whether the operation is marked as a read.
fn reads(op: &Value) -> bool {
    op.get(READ_MARK).and_then(Value::as_bool) == Some(true)
}

/// Whether the path's POST is a read answering a paged envelope (ZWA's
/// audit log search): the path then holds the collection it lists. A
/// `.../search` under a collection lists that one instead (`single`).
fn reading_post(doc: &Value, item: &Value, segments: &[Segment]) -> bool {
    let search = matches!(segments.last(), Some(Segment::Lit(l)) if l.to_ascii_lowercase().contains("search"));
    !search
        && item
            .get("post")
            .filter(|op| reads(op))
            .is_some_and(|op| success(doc, op).1.items().is_some())
}

/// What a success of the operation does to staged changes: the staging
/// product's activation clears them; its writes mark them, except POSTs
/// that only read (the spec's read extension).
fn staging_effect(product: Product, method: &Method, id: &str, op: &Value) -> StagingEffect {
    let Some(staging) = product.staging else {
        return StagingEffect::None;
    };
    let reads = reads(op) || op.get(staging.read_extension).and_then(Value::as_bool) == Some(true);
    if !id.is_empty() && (id == staging.activate || staging.force == Some(id)) {
        StagingEffect::Clears
    } else if gate::is_write(method) && !reads {
        StagingEffect::Marks
    } else {
        StagingEffect::None
    }
}

/// The collection a collection or item entry belongs to, as a shape with
/// parameter names and version segments erased (singletons: none).
fn collection_shape(e: &PathEntry) -> String {
    let segs = match e.kind {
        PathKind::Collection => &e.segments[..],
        PathKind::Item => &e.segments[..e.segments.len() - 1],
        PathKind::Singleton => return String::from("\u{0}"),
    };
    versionless_shape(e.product, segs)
}

/// [`collection_shape`] of a full template (with gateway prefix).
fn template_shape(product: Product, template: &str) -> String {
    versionless_shape(product, &paths::parse(template))
}

fn versionless_shape(product: Product, segs: &[Segment]) -> String {
    let versionless: Vec<Segment> = segs
        .iter()
        .filter(|s| !matches!(s, Segment::Lit(l) if paths::is_version(l)))
        .cloned()
        .collect();
    format!("{}|{}", product.name, shape_text(&versionless))
}

/// A template's shape with parameter names erased (`/a/{}/b`).
fn shape_text(segments: &[Segment]) -> String {
    segments
        .iter()
        .map(|s| match s {
            Segment::Lit(l) => l.clone(),
            Segment::Param(_) => "{}".to_string(),
            Segment::Affixed { prefix, suffix, .. } => format!("{prefix}{{}}{suffix}"),
        })
        .collect::<Vec<_>>()
        .join("/")
}

/// The lowest declared 2xx code and its body shape.
fn success(doc: &Value, op: &Value) -> (u16, Shape) {
    let responses = op.get("responses").and_then(Value::as_object);
    let best = responses.and_then(|r| {
        r.iter()
            .filter_map(|(k, v)| k.parse::<u16>().ok().map(|c| (c, v)))
            .filter(|(c, _)| (200..300).contains(c))
            .min_by_key(|(c, _)| *c)
    });
    match best {
        Some((204, _)) => (204, Shape::Empty),
        Some((code, resp)) => (code, schema::response_shape(doc, resp)),
        None => (200, Shape::Empty),
    }
}

fn role(kind: PathKind, method: &Method, get_shape: &Shape) -> Role {
    match (kind, method.as_str()) {
        (PathKind::Collection, "GET") if get_shape.is_list() => Role::List,
        (PathKind::Collection, "POST") => Role::Create,
        (PathKind::Item, "GET") => Role::Read,
        (PathKind::Item, "PUT") => Role::Replace,
        (PathKind::Item, "PATCH") => Role::Merge,
        (PathKind::Item, "DELETE") => Role::Delete,
        (_, "GET") => Role::SingletonGet,
        (_, "DELETE") => Role::SingletonDelete,
        _ => Role::SingletonWrite,
    }
}

fn query_params(doc: &Value, shared: Option<&Value>, own: Option<&Value>) -> Vec<String> {
    [shared, own]
        .into_iter()
        .flatten()
        .filter_map(Value::as_array)
        .flatten()
        .map(|p| schema::resolve(doc, p))
        .filter(|p| p["in"] == "query")
        .filter_map(|p| p["name"].as_str().map(String::from))
        .collect()
}
