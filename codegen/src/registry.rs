//! The product registry (`products.json`) as typed data, and which of its
//! products a build generates.
//!
//! Only the fields the generators read are declared; the rest of an entry
//! (emulator and script facts) is ignored here, so those consumers can grow
//! the registry without touching this crate.

use serde::Deserialize;
use std::path::Path;

/// The whole registry file.
#[derive(Clone, Debug, Deserialize)]
pub struct Registry {
    /// Every product, in registry order (the order of `Product::ALL`).
    pub products: Vec<Product>,
}

/// One product of the registry.
#[derive(Clone, Debug, Deserialize)]
pub struct Product {
    /// The one name of the product on the Rust and JS sides: Cargo feature,
    /// Rust module, `client.<name>`, `ZSCALER_PRODUCTS` entry.
    pub name: String,
    /// Type name: `Product` variant, handle struct, TypeScript namespace.
    pub type_name: String,
    /// Display name (`ZPA`).
    pub title: String,
    /// Full name (`Zscaler Private Access`), for documentation.
    #[serde(default)]
    pub long_name: String,
    /// Every `openapi/<spec_prefix>*.yaml` belongs to the product.
    pub spec_prefix: String,
    /// Path prefix on the OneAPI gateway (`/zpa`).
    pub gateway: String,
    /// Error body shape and codes.
    pub errors: Errors,
    /// Login variants.
    #[serde(default)]
    pub auth: Auth,
    /// Documented rate limits.
    #[serde(default)]
    pub rate_limits: Vec<RateLimit>,
    /// Per-operation quotas counted on top of the rate limits.
    #[serde(default)]
    pub quotas: Vec<Quota>,
    /// How writes wait for an activation, for a product that stages them.
    #[serde(default)]
    pub staging: Option<Staging>,
    /// Parameters the client fills from its options.
    #[serde(default)]
    pub fills: Vec<Fill>,
    /// List paging: the generators read the page sizes (the style and
    /// parameter names are the emulator's; walks are chosen per operation).
    #[serde(default)]
    pub paging: Paging,
}

/// List paging facts the generators read.
#[derive(Clone, Debug, Deserialize)]
pub struct Paging {
    /// The largest page size the product accepts: a walk's default, and
    /// the limit it checks before sending anything.
    pub max_size: i64,
}

impl Default for Paging {
    /// For registries written before paging was read here (tests); every
    /// entry of `products.json` states its own.
    fn default() -> Self {
        Paging { max_size: 1000 }
    }
}

/// Error body fields and codes of a product.
#[derive(Clone, Debug, Deserialize)]
pub struct Errors {
    /// Field carrying the product's error code.
    pub code_field: String,
    /// Field carrying the message.
    pub message_field: String,
    /// Code of a missing object.
    pub not_found: String,
    /// Code of a 403 in read-only maintenance mode.
    #[serde(default)]
    pub read_only: Option<String>,
    /// 409 codes that mean "try again shortly".
    #[serde(default)]
    pub retry_conflict: Vec<String>,
}

/// The legacy login kinds the runtime and the emulator implement; a
/// registry naming another fails to load.
pub const LEGACY_KINDS: &[&str] = &[
    "zpa-signin",
    "zia-session",
    "zcc-login",
    "ztw-session",
    "zdx-token",
    "zwa-token",
];

/// Login variants of a product.
#[derive(Clone, Debug, Default, Deserialize)]
pub struct Auth {
    /// Legacy (pre-OneAPI) login kind, if any.
    #[serde(default)]
    pub legacy: Option<String>,
}

/// A documented rate limit.
#[derive(Clone, Debug, Deserialize)]
pub struct RateLimit {
    /// Methods covered; `*` is any.
    pub methods: Vec<String>,
    /// Requests per window.
    pub max: u64,
    /// Window length in milliseconds.
    pub window_ms: u64,
}

/// A documented quota of a few operations (ZCC's device downloads: 3 a
/// day), counted apart from, and on top of, the method rate limits.
#[derive(Clone, Debug, Deserialize)]
pub struct Quota {
    /// operationIds sharing the quota.
    pub operations: Vec<String>,
    /// Calls per window.
    pub max: u64,
    /// Window length in milliseconds.
    pub window_ms: u64,
}

/// Staged writes.
#[derive(Clone, Debug, Deserialize)]
pub struct Staging {
    /// operationId of the activation that applies staged writes.
    pub activate: String,
    /// operationId of an activation that also applies other admins'
    /// changes (ZTW's `forceActivate`): the same effect for this client.
    #[serde(default)]
    pub force: Option<String>,
}

/// A parameter filled from a client option.
#[derive(Clone, Debug, Deserialize)]
pub struct Fill {
    /// Wire name of the parameter.
    pub param: String,
    /// Client option (JS name) it comes from.
    pub option: String,
    /// Required: hidden from callers; otherwise a default they may override.
    #[serde(default)]
    pub required: bool,
}

/// The environment variable that overrides Cargo features: a comma list of
/// registry names to generate.
pub const PRODUCTS_ENV: &str = "ZSCALER_PRODUCTS";

impl Registry {
    /// Read and check `products.json`.
    pub fn load(path: &Path) -> Registry {
        let text = std::fs::read_to_string(path)
            .unwrap_or_else(|e| panic!("reading {}: {e}", path.display()));
        Registry::parse(&text).unwrap_or_else(|e| panic!("{}: {e}", path.display()))
    }

    /// Parse registry text; names must be unique and usable as identifiers.
    pub fn parse(text: &str) -> Result<Registry, String> {
        let registry: Registry = serde_json::from_str(text).map_err(|e| e.to_string())?;
        let mut seen = std::collections::BTreeSet::new();
        for p in &registry.products {
            let ident = |s: &str| {
                s.chars().next().is_some_and(|c| c.is_ascii_alphabetic())
                    && s.chars().all(|c| c.is_ascii_alphanumeric() || c == '_')
            };
            if !ident(&p.name) || p.name.to_lowercase() != p.name {
                return Err(format!(
                    "product name {:?} is not a lower-case identifier",
                    p.name
                ));
            }
            if !ident(&p.type_name) {
                return Err(format!("type_name {:?} is not an identifier", p.type_name));
            }
            if !seen.insert(p.name.clone()) {
                return Err(format!("product {:?} appears twice", p.name));
            }
            if let Some(kind) = p.auth.legacy.as_deref() {
                if !LEGACY_KINDS.contains(&kind) {
                    return Err(format!(
                        "product {:?}: auth.legacy {kind:?} is not one of {}",
                        p.name,
                        LEGACY_KINDS.join(", ")
                    ));
                }
            }
        }
        Ok(registry)
    }

    /// The products to generate. `products_env` (the value of
    /// [`PRODUCTS_ENV`]), when set, decides alone; otherwise a product is
    /// generated when `feature_on(name)` says its Cargo feature is on.
    pub fn selected(
        &self,
        products_env: Option<&str>,
        feature_on: impl Fn(&str) -> bool,
    ) -> Result<Vec<&Product>, String> {
        let Some(list) = products_env else {
            return Ok(self
                .products
                .iter()
                .filter(|p| feature_on(&p.name))
                .collect());
        };
        let names: Vec<&str> = list
            .split(',')
            .map(str::trim)
            .filter(|n| !n.is_empty())
            .collect();
        if let Some(unknown) = names.iter().find(|n| self.get(n).is_none()) {
            return Err(format!(
                "{PRODUCTS_ENV}: {unknown:?} is not in the registry"
            ));
        }
        Ok(self
            .products
            .iter()
            .filter(|p| names.contains(&p.name.as_str()))
            .collect())
    }

    /// The product called `name`.
    pub fn get(&self, name: &str) -> Option<&Product> {
        self.products.iter().find(|p| p.name == name)
    }
}

impl Product {
    /// The name for documentation: `Zscaler Private Access (ZPA)`, or the
    /// title alone when it is the long name.
    pub fn display(&self) -> String {
        if self.long_name.is_empty() || self.long_name == self.title {
            self.title.clone()
        } else {
            format!("{} ({})", self.long_name, self.title)
        }
    }

    /// The wasm-bindgen class of `client.<name>` (`ZpaApi`).
    pub fn js_class(&self) -> String {
        format!("{}Api", self.type_name)
    }

    /// operationId of the activation, for a product that stages writes.
    pub fn activate(&self) -> Option<&str> {
        self.staging.as_ref().map(|s| s.activate.as_str())
    }

    /// Whether operation `id` applies the staged writes (the activation,
    /// or its forced variant).
    pub fn activates(&self, id: &str) -> bool {
        self.staging
            .as_ref()
            .is_some_and(|s| s.activate == id || s.force.as_deref() == Some(id))
    }

    /// The fill of parameter `param`, if the client fills it.
    pub fn fill(&self, param: &str) -> Option<&Fill> {
        self.fills.iter().find(|f| f.param == param)
    }

    /// Whether `param` is hidden from callers because the client always
    /// fills it.
    pub fn hides(&self, param: &str) -> bool {
        self.fill(param).is_some_and(|f| f.required)
    }
}
