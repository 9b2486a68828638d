//! The products the emulator serves, as data: the repository's product
//! registry (`products.json`) compiled by `build.rs` into [`REGISTRY`].
//!
//! This module owns the registry's Rust shape and the lookups on it (by
//! path, spec file, name). It may not hold product behaviour: code that
//! differs per product reads a field of [`ProductInfo`] (or, for emulator
//! quirks the registry does not describe, `rules::of`), so a product added
//! to `products.json` with a spec in `openapi/` is served without editing
//! the emulator.

use std::fmt;
use std::ops::Deref;

/// How a product's object ids look on the wire.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum IdStyle {
    /// Decimal digits in a JSON string (`"216196257331404600"`).
    NumericString,
    /// A JSON integer.
    Int64,
    /// A short lowercase alphanumeric string.
    Alphanumeric,
}

/// How a product pages its lists.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum PagingStyle {
    /// Page envelope `{totalPages, totalCount, list}` (1-based page number).
    Page,
    /// A plain JSON array sliced by page number and size.
    PageArray,
    /// `{records, ...}` envelope with offset/limit and next/prev links.
    OffsetCursor,
}

/// Paging parameters and sizes.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Paging {
    /// The style.
    pub style: PagingStyle,
    /// Page-number parameter (page styles) or offset parameter.
    pub position: &'static str,
    /// Page-size (or limit) parameter.
    pub size: &'static str,
    /// Size used when the request gives none.
    pub default_size: i64,
    /// Largest size accepted; larger is a 400.
    pub max_size: i64,
    /// Whether envelope totals are JSON strings.
    pub string_totals: bool,
}

/// The machine-readable error codes and the body fields they go in.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct ErrorShape {
    /// Body field holding the code (`id`, `code`, `error`).
    pub code_field: &'static str,
    /// Body field holding the message (`reason`, `message`).
    pub message_field: &'static str,
    /// Code of a 404.
    pub not_found: &'static str,
    /// Code of a 400 for a bad body.
    pub invalid_body: &'static str,
    /// Code of a 400 for a bad query parameter.
    pub invalid_param: &'static str,
    /// Code of a 413.
    pub too_large: &'static str,
    /// Code of a 405.
    pub method_not_allowed: &'static str,
    /// Code of a 429, when the product documents one.
    pub rate_limited: Option<&'static str>,
    /// Code of a 403 in read-only mode.
    pub read_only: &'static str,
    /// Codes of 409s a client should retry (ZIA's edit lock).
    pub retry_conflict: &'static [&'static str],
}

/// One documented rate limit.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct RateLimit {
    /// Methods it counts; `*` is every method no earlier limit names.
    pub methods: &'static [&'static str],
    /// Requests allowed per window.
    pub max: usize,
    /// Window length in milliseconds.
    pub window_ms: u64,
}

/// A documented quota of a few operations (registry `quotas`), counted
/// before the product's rate limit.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Quota {
    /// operationIds sharing it.
    pub operations: &'static [&'static str],
    /// Calls allowed per window.
    pub max: usize,
    /// Window length in milliseconds.
    pub window_ms: u64,
}

/// Change staging: writes are pending until an activation.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Staging {
    /// `operationId` of the activation.
    pub activate: &'static str,
    /// `operationId` of a forced activation with the same effect (ZTW).
    pub force: Option<&'static str>,
    /// Spec extension marking a POST that only reads (`x-zscaler-read`).
    pub read_extension: &'static str,
}

/// A parameter the client fills from an option (ZPA's `customerId`).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Fill {
    /// Parameter name in the spec.
    pub param: &'static str,
    /// Client option it comes from.
    pub option: &'static str,
    /// Whether the client must have the option.
    pub required: bool,
}

/// Everything the emulator knows about one product.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ProductInfo {
    /// Registry name, the one name used everywhere (`zpa`, `zidentity`).
    pub name: &'static str,
    /// Display title (`ZIdentity`).
    pub title: &'static str,
    /// Spec files of the product start with this (`zpa-`).
    pub spec_prefix: &'static str,
    /// Gateway path prefix (a leading slash and one segment).
    pub gateway: &'static str,
    /// Path roots under the gateway (`/api/v1/`); legacy un-prefixed
    /// paths starting with one of these belong to the product.
    pub api_roots: &'static [&'static str],
    /// Other names accepted in seed files and `--bulk`.
    pub aliases: &'static [&'static str],
    /// Error body shape and codes.
    pub errors: ErrorShape,
    /// Id style of created objects.
    pub ids: IdStyle,
    /// List paging.
    pub paging: Paging,
    /// Pre-OneAPI authentication kind (`zpa-signin`, `zia-session`).
    pub legacy_auth: Option<&'static str>,
    /// Documented rate limits, first match wins.
    pub rate_limits: &'static [RateLimit],
    /// Per-operation quotas.
    pub quotas: &'static [Quota],
    /// Change staging, for products that stage writes.
    pub staging: Option<Staging>,
    /// Parameters the client fills from options.
    pub fills: &'static [Fill],
}

/// A product: a cheap handle on its [`ProductInfo`]. Two handles are equal
/// when they name the same product.
#[derive(Clone, Copy)]
pub struct Product(&'static ProductInfo);

impl Product {
    /// A handle on `info`. Tests build products that are not in the
    /// registry this way (leaking a boxed `ProductInfo`).
    pub const fn new(info: &'static ProductInfo) -> Product {
        Product(info)
    }

    /// The product's registry entry.
    pub fn info(self) -> &'static ProductInfo {
        self.0
    }

    /// Whether this is a registry product (false for [`Product::OTHER`]).
    pub fn is_api(self) -> bool {
        !self.0.gateway.is_empty()
    }

    /// Whether `path` lies under this product's gateway prefix.
    pub fn owns(self, path: &str) -> bool {
        let g = self.0.gateway;
        !g.is_empty()
            && path
                .strip_prefix(g)
                .is_some_and(|rest| rest.is_empty() || rest.starts_with('/'))
    }

    /// Stands for everything that is not a product API (token endpoint,
    /// control routes, unknown prefixes); errors use the OAuth-style
    /// `{"error", "message"}` body.
    pub const OTHER: Product = Product(&OTHER_INFO);
}

const OTHER_INFO: ProductInfo = ProductInfo {
    name: "other",
    title: "Other",
    spec_prefix: "",
    gateway: "",
    api_roots: &[],
    aliases: &[],
    errors: ErrorShape {
        code_field: "error",
        message_field: "message",
        not_found: "not_found",
        invalid_body: "invalid_request",
        invalid_param: "invalid_request",
        too_large: "payload_too_large",
        method_not_allowed: "method_not_allowed",
        rate_limited: None,
        read_only: "STATE_READONLY",
        retry_conflict: &[],
    },
    ids: IdStyle::NumericString,
    paging: Paging {
        style: PagingStyle::PageArray,
        position: "page",
        size: "pageSize",
        default_size: 100,
        max_size: 1000,
        string_totals: false,
    },
    legacy_auth: None,
    rate_limits: &[],
    quotas: &[],
    staging: None,
    fills: &[],
};

impl Deref for Product {
    type Target = ProductInfo;
    fn deref(&self) -> &ProductInfo {
        self.0
    }
}

impl PartialEq for Product {
    fn eq(&self, other: &Product) -> bool {
        std::ptr::eq(self.0, other.0) || self.0.name == other.0.name
    }
}

impl Eq for Product {}

impl fmt::Debug for Product {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.0.name)
    }
}

impl fmt::Display for Product {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.0.name)
    }
}

// `REGISTRY` and the `Product::ZPA`-style constants, from `products.json`.
include!(concat!(env!("OUT_DIR"), "/products.rs"));

/// A set of products to serve: the built-in [`REGISTRY`], or one a test
/// assembles.
#[derive(Debug, Clone, Copy)]
pub struct Registry(pub &'static [Product]);

impl Default for Registry {
    fn default() -> Self {
        Registry(REGISTRY)
    }
}

impl Registry {
    /// The product whose gateway prefix `path` starts with, else
    /// [`Product::OTHER`].
    pub fn of_path(self, path: &str) -> Product {
        self.0
            .iter()
            .copied()
            .find(|p| p.owns(path))
            .unwrap_or(Product::OTHER)
    }

    /// The product a spec file describes, from its name.
    pub fn of_file(self, file: &str) -> Option<Product> {
        self.0
            .iter()
            .copied()
            .filter(|p| !p.spec_prefix.is_empty() && file.starts_with(p.spec_prefix))
            .max_by_key(|p| p.spec_prefix.len())
    }

    /// The product called `name` (its name, an alias or its gateway
    /// segment; any case).
    pub fn named(self, name: &str) -> Option<Product> {
        let n = name.to_ascii_lowercase();
        self.0.iter().copied().find(|p| {
            p.name == n
                || p.aliases.iter().any(|a| *a == n)
                || p.gateway.strip_prefix('/') == Some(n.as_str())
        })
    }

    /// The product a legacy (un-prefixed) path belongs to: the one with
    /// legacy authentication one of whose API roots starts the path.
    pub fn of_legacy_path(self, path: &str) -> Option<Product> {
        self.0
            .iter()
            .copied()
            .find(|p| p.legacy_auth.is_some() && p.api_roots.iter().any(|r| path.starts_with(r)))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn lookups() {
        let r = Registry::default();
        let zia = Product::ZIA.gateway;
        assert_eq!(
            r.of_path(&format!("{}/x", Product::ZPA.gateway)),
            Product::ZPA
        );
        assert_eq!(r.of_path(zia), Product::ZIA);
        assert_eq!(r.of_path(&format!("{zia}a/x")), Product::OTHER);
        assert_eq!(
            r.of_path(&format!("{}/y", Product::ZIDENTITY.gateway)),
            Product::ZIDENTITY
        );
        assert_eq!(r.of_file("zidentity.yaml"), Some(Product::ZIDENTITY));
        assert_eq!(r.of_file("zia.yaml"), Some(Product::ZIA));
        assert_eq!(r.of_file("zpa-admin.yaml"), Some(Product::ZPA));
        assert_eq!(r.of_file("README.yaml"), None);
        assert_eq!(r.named("ZIdentity"), Some(Product::ZIDENTITY));
        assert_eq!(r.named("nosuch"), None);
        assert_eq!(r.of_legacy_path("/api/v1/users"), Some(Product::ZIA));
        assert_eq!(r.of_legacy_path("/mgmtconfig/v1/x"), Some(Product::ZPA));
        assert_eq!(r.of_legacy_path("/admin/api/v1/users"), None);
    }
}
