//! Path templates: parsing, matching request paths against them, and the
//! storage keys derived from a match.
//!
//! Matching is done here rather than by axum's router because specs written
//! by different people name the same path parameter differently
//! (`/idp/{idpId}` next to `/idp/{id}/scimattribute`), which axum rejects as
//! conflicting routes.
//!
//! This module owns templates, matching and storage keys; it may not look at
//! the store.

use std::collections::HashMap;

use crate::product::Product;

/// One segment of a path template.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Segment {
    /// Text that must match exactly.
    Lit(String),
    /// `{name}`: any non-empty segment.
    Param(String),
    /// A parameter with fixed text around it, such as ZIdentity's
    /// `{id}:resetpassword`.
    Affixed {
        /// Text before the parameter.
        prefix: String,
        /// Parameter name.
        name: String,
        /// Text after the parameter.
        suffix: String,
    },
}

impl Segment {
    /// The parameter name, for parameter segments of either kind.
    pub fn param(&self) -> Option<&str> {
        match self {
            Segment::Param(p) => Some(p),
            Segment::Affixed { name, .. } => Some(name),
            Segment::Lit(_) => None,
        }
    }

    /// The parameter name, for whole-segment parameters only.
    pub fn plain_param(&self) -> Option<&str> {
        match self {
            Segment::Param(p) => Some(p),
            _ => None,
        }
    }
}

/// Splits `/a/{b}/c` into segments (leading and trailing slashes ignored).
pub fn parse(template: &str) -> Vec<Segment> {
    split(template).map(parse_segment).collect()
}

fn parse_segment(s: &str) -> Segment {
    if let Some(name) = s.strip_prefix('{').and_then(|r| r.strip_suffix('}')) {
        if !name.contains(['{', '}']) {
            return Segment::Param(name.to_string());
        }
    }
    if let (Some(open), Some(close)) = (s.find('{'), s.find('}')) {
        if open < close {
            return Segment::Affixed {
                prefix: s[..open].to_string(),
                name: s[open + 1..close].to_string(),
                suffix: s[close + 1..].to_string(),
            };
        }
    }
    Segment::Lit(s.to_string())
}

/// The non-empty segments of a request path.
pub fn split(path: &str) -> impl Iterator<Item = &str> {
    path.split('/').filter(|s| !s.is_empty())
}

/// True for the path parameter naming the tenant (ZPA's `{customerId}`):
/// it is checked against the configured id and left out of storage keys.
pub fn is_customer_param(name: &str) -> bool {
    name.to_ascii_lowercase().contains("customer")
}

/// True for a trailing parameter that addresses one object of the parent
/// collection (`{id}`, `{userId}`, `{rule_id}`), as opposed to one selecting
/// a singleton by value (`{policyType}`).
pub fn is_id_param(name: &str) -> bool {
    !is_customer_param(name)
        && (name.eq_ignore_ascii_case("id")
            || name.ends_with("Id")
            || name.ends_with("ID")
            || name.ends_with("_id"))
}

/// True for API version segments (`v1`, `v2`), left out of storage keys so
/// that `/v1/.../idp/{id}` and `/v2/.../idp` address the same objects.
pub fn is_version(seg: &str) -> bool {
    seg.len() >= 2 && seg.starts_with('v') && seg[1..].bytes().all(|b| b.is_ascii_digit())
}

/// Storage key for the first `upto` segments of a matched path.
///
/// The product prefix becomes the product's name, version segments are dropped, the
/// customer id becomes `{}` (one tenant only), other parameters keep their
/// value (so `/idp/7/scimattribute` and `/idp/8/scimattribute` are separate
/// collections) and a trailing `lite` is dropped (ZIA's `/departments/lite`
/// lists the same objects as `/departments`).
pub fn key(product: Product, segments: &[Segment], values: &[String], upto: usize) -> String {
    let mut out = String::from(product.name);
    out.push(':');
    let mut vals = values.iter();
    let upto = upto.min(segments.len());
    for (i, seg) in segments.iter().enumerate() {
        let owned;
        let value = match seg {
            Segment::Param(name) => {
                let v = vals.next().map(String::as_str).unwrap_or("");
                if is_customer_param(name) {
                    "{}"
                } else {
                    v
                }
            }
            Segment::Affixed { prefix, suffix, .. } => {
                let v = vals.next().map(String::as_str).unwrap_or("");
                owned = format!("{prefix}{v}{suffix}");
                owned.as_str()
            }
            Segment::Lit(l) => l.as_str(),
        };
        // Segment 0 is the product's gateway prefix.
        if i == 0 || i >= upto || is_version(value) {
            continue;
        }
        if i + 1 == upto && value == "lite" && upto > 2 {
            continue;
        }
        out.push('/');
        out.push_str(value);
    }
    out
}

/// A segment trie over templates; leaves point at path entries.
#[derive(Debug, Default)]
pub struct Tree {
    nodes: Vec<Node>,
}

#[derive(Debug, Default)]
struct Node {
    literal: HashMap<String, usize>,
    affixed: Vec<(String, String, usize)>,
    param: Option<usize>,
    entry: Option<usize>,
}

impl Tree {
    /// Adds `segments` leading to `entry`; returns the entry already there
    /// when an equivalent template (same shape, other parameter names) was
    /// inserted first.
    pub fn insert(&mut self, segments: &[Segment], entry: usize) -> Option<usize> {
        if self.nodes.is_empty() {
            self.nodes.push(Node::default());
        }
        let mut at = 0;
        for seg in segments {
            let next = match seg {
                Segment::Lit(l) => self.nodes[at].literal.get(l).copied(),
                Segment::Param(_) => self.nodes[at].param,
                Segment::Affixed { prefix, suffix, .. } => self.nodes[at]
                    .affixed
                    .iter()
                    .find(|(p, s, _)| p == prefix && s == suffix)
                    .map(|(_, _, n)| *n),
            };
            at = match next {
                Some(n) => n,
                None => {
                    self.nodes.push(Node::default());
                    let n = self.nodes.len() - 1;
                    match seg {
                        Segment::Lit(l) => {
                            self.nodes[at].literal.insert(l.clone(), n);
                        }
                        Segment::Param(_) => self.nodes[at].param = Some(n),
                        Segment::Affixed { prefix, suffix, .. } => {
                            self.nodes[at]
                                .affixed
                                .push((prefix.clone(), suffix.clone(), n));
                        }
                    }
                    n
                }
            };
        }
        match self.nodes[at].entry {
            Some(existing) => Some(existing),
            None => {
                self.nodes[at].entry = Some(entry);
                None
            }
        }
    }

    /// Matches request path segments; literals win over affixed parameters,
    /// which win over plain ones, with backtracking. Returns the entry and
    /// the parameter values in order.
    pub fn find(&self, segments: &[&str]) -> Option<(usize, Vec<String>)> {
        if self.nodes.is_empty() {
            return None;
        }
        let mut values = Vec::new();
        let entry = self.walk(0, segments, &mut values)?;
        Some((entry, values))
    }

    fn walk(&self, at: usize, rest: &[&str], values: &mut Vec<String>) -> Option<usize> {
        let node = &self.nodes[at];
        let Some((first, tail)) = rest.split_first() else {
            return node.entry;
        };
        if let Some(&next) = node.literal.get(*first) {
            if let Some(e) = self.walk(next, tail, values) {
                return Some(e);
            }
        }
        for (prefix, suffix, next) in &node.affixed {
            let inner = first
                .strip_prefix(prefix.as_str())
                .and_then(|r| r.strip_suffix(suffix.as_str()))
                .filter(|v| !v.is_empty());
            if let Some(v) = inner {
                values.push(crate::query::decode_path(v));
                if let Some(e) = self.walk(*next, tail, values) {
                    return Some(e);
                }
                values.pop();
            }
        }
        if let Some(next) = node.param {
            values.push(crate::query::decode_path(first));
            if let Some(e) = self.walk(next, tail, values) {
                return Some(e);
            }
            values.pop();
        }
        None
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// `rest` under `product`'s gateway prefix.
    fn at(product: Product, rest: &str) -> String {
        format!("{}{rest}", product.gateway)
    }

    fn tree(templates: &[&str]) -> Tree {
        let mut t = Tree::default();
        for (i, p) in templates.iter().enumerate() {
            t.insert(&parse(p), i);
        }
        t
    }

    #[test]
    fn literals_beat_params_with_backtracking() {
        let t = tree(&["/a/{id}", "/a/lite", "/a/{id}/b", "/a/lite/c/{x}"]);
        let find = |p: &str| t.find(&split(p).collect::<Vec<_>>());
        assert_eq!(find("/a/lite"), Some((1, vec![])));
        assert_eq!(find("/a/7"), Some((0, vec!["7".into()])));
        // `lite` then `b` has no literal branch, so it backtracks to `{id}`.
        assert_eq!(find("/a/lite/b"), Some((2, vec!["lite".into()])));
        assert_eq!(find("/a/lite/c/9"), Some((3, vec!["9".into()])));
        assert_eq!(find("/a"), None);
        assert_eq!(find("/a/7/b/extra"), None);
    }

    #[test]
    fn affixed_params() {
        assert_eq!(
            parse("/u/{id}:reset")[1],
            Segment::Affixed {
                prefix: String::new(),
                name: "id".into(),
                suffix: ":reset".into()
            }
        );
        let t = tree(&["/u/{id}", "/u/{id}:reset"]);
        let find = |p: &str| t.find(&split(p).collect::<Vec<_>>());
        assert_eq!(find("/u/ab:reset"), Some((1, vec!["ab".into()])));
        assert_eq!(find("/u/ab"), Some((0, vec!["ab".into()])));
        assert_eq!(find("/u/:reset"), Some((0, vec![":reset".into()])));
        let segs = parse(&at(Product::ZIDENTITY, "/admin/api/v1/users/{id}:reset"));
        assert_eq!(
            key(Product::ZIDENTITY, &segs, &["x1".into()], segs.len()),
            "zidentity:/admin/api/users/x1:reset"
        );
    }

    #[test]
    fn same_shape_other_names_share_an_entry() {
        let mut t = Tree::default();
        assert_eq!(t.insert(&parse("/x/{idpId}"), 0), None);
        assert_eq!(t.insert(&parse("/x/{id}"), 1), Some(0));
    }

    #[test]
    fn keys_drop_versions_customers_and_lite() {
        let segs = parse(&at(
            Product::ZPA,
            "/mgmtconfig/v1/admin/customers/{customerId}/idp/{idpId}/scimattribute",
        ));
        let vals = vec!["216".to_string(), "77".to_string()];
        assert_eq!(
            key(Product::ZPA, &segs, &vals, segs.len()),
            "zpa:/mgmtconfig/admin/customers/{}/idp/77/scimattribute"
        );
        let segs = parse(&at(Product::ZIA, "/api/v1/departments/lite"));
        assert_eq!(
            key(Product::ZIA, &segs, &[], segs.len()),
            "zia:/api/departments"
        );
        let segs = parse(&at(Product::ZIA, "/api/v1/users/{userId}"));
        assert_eq!(
            key(Product::ZIA, &segs, &["5".to_string()], segs.len() - 1),
            "zia:/api/users"
        );
    }

    #[test]
    fn id_params() {
        for p in ["id", "userId", "ruleID", "rule_id"] {
            assert!(is_id_param(p), "{p}");
        }
        for p in ["customerId", "policyType", "name"] {
            assert!(!is_id_param(p), "{p}");
        }
    }
}
