//! Names for collections in `--bulk` and seed files.
//!
//! A name is either one of the short names in `collections::NAMED`
//! (`zpa.applications`, `zia.users`, ...), a spec path relative to the
//! product root (`/api/v1/locations`, with `{customerId}` or any value for
//! ZPA's customer segment), or the last segment of exactly one spec
//! collection of that product (`locations`, `ruleLabels`; a trailing `s` may
//! be added: `applications` finds `/application`).
//!
//! This module owns name resolution; it may not write to the store.

use crate::collections::NAMED;
use crate::product::Product;
use crate::spec::paths::{self, is_customer_param, Segment};
use crate::spec::{self, PathKind};

/// Where seeded data goes.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Target {
    /// A collection, by storage key.
    Collection(String),
    /// A singleton, by storage key.
    Singleton(String),
}

/// The product named by a seed-file section or `--bulk` prefix
/// (its registry name, an alias, or its gateway segment; any case).
pub fn product(name: &str) -> Option<Product> {
    spec::index().products.named(name)
}

/// The registry's product names, for error messages (`zpa, zia, ...`).
pub fn known() -> String {
    let products = spec::index().products.0;
    let names: Vec<&str> = products.iter().map(|p| p.info().name).collect();
    names.join(", ")
}

/// Resolves `name` within `product`.
pub fn resolve(product: Product, name: &str) -> Result<Target, String> {
    let tag = product.name;
    let short = format!("{tag}.{name}");
    if let Some((_, key)) = NAMED.iter().find(|(n, _)| n.eq_ignore_ascii_case(&short)) {
        return Ok(Target::Collection((*key).to_string()));
    }
    let index = spec::index();
    if name.starts_with('/') {
        let full = format!("{}{}", product.gateway, name);
        let found = index
            .find(&full)
            .filter(|f| f.entry.product == product)
            .ok_or_else(|| format!("{name}: no such path in the {tag} spec"))?;
        return match found.entry.kind {
            PathKind::Collection => Ok(Target::Collection(found.collection_key())),
            PathKind::Singleton => Ok(Target::Singleton(found.full_key())),
            PathKind::Item => Err(format!(
                "{name}: addresses one object; name its collection instead"
            )),
        };
    }
    let mut keys: Vec<String> = index
        .paths
        .iter()
        .filter(|e| e.product == product && e.kind == PathKind::Collection)
        .filter(|e| {
            // Collections under another object need that object's id.
            e.segments
                .iter()
                .filter_map(Segment::param)
                .all(is_customer_param)
        })
        .filter(|e| match e.segments.last() {
            Some(Segment::Lit(l)) => {
                l.eq_ignore_ascii_case(name) || format!("{l}s").eq_ignore_ascii_case(name)
            }
            _ => false,
        })
        .map(|e| {
            let blanks = vec![String::new(); e.segments.len()];
            paths::key(product, &e.segments, &blanks, e.segments.len())
        })
        .collect();
    keys.sort();
    keys.dedup();
    match keys.len() {
        1 => Ok(Target::Collection(keys.remove(0))),
        0 => Err(format!("{tag}.{name}: no such collection")),
        _ => Err(format!(
            "{tag}.{name} is ambiguous ({}); use a spec path",
            keys.join(", ")
        )),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn short_names_and_paths() {
        assert_eq!(
            resolve(Product::ZPA, "applications").unwrap(),
            Target::Collection("zpa:/mgmtconfig/admin/customers/{}/application".into())
        );
        assert_eq!(
            resolve(Product::ZIA, "/api/v1/users").unwrap(),
            Target::Collection("zia:/api/users".into())
        );
        assert_eq!(
            resolve(Product::ZIDENTITY, "users").unwrap(),
            Target::Collection("zidentity:/admin/api/users".into())
        );
        assert!(resolve(Product::ZIA, "/api/v1/users/5").is_err());
        assert!(resolve(Product::ZIA, "noSuchThing").is_err());
        assert_eq!(product("ZIdentity"), Some(Product::ZIDENTITY));
        assert_eq!(product("nosuchproduct"), None);
    }
}
