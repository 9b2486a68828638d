//! What the runtime knows of each product, and the rules that read it.
//!
//! The facts come from the registry (`products.json`) through `build.rs`,
//! which generates the [`Product`] enum and one [`ProductInfo`] per variant.
//! Handwritten runtime code asks a product's info (its gateway prefix, its
//! limits, whether its writes are staged) and never matches on a variant,
//! so a product added to the registry needs no edit here.

/// A documented rate limit: at most `max` requests in any `window_ms`, for
/// the listed methods (`"*"` matches any).
#[derive(Debug, PartialEq, Eq)]
pub struct RateLimit {
    /// Methods the rule applies to; `"*"` is any method.
    pub methods: &'static [&'static str],
    /// Requests allowed per window.
    pub max: usize,
    /// Window length in milliseconds.
    pub window_ms: u64,
}

impl RateLimit {
    /// Whether the rule covers `method`.
    pub fn covers(&self, method: &str) -> bool {
        self.methods.iter().any(|m| *m == "*" || *m == method)
    }
}

/// A documented quota shared by a few operations (ZCC's device downloads:
/// 3 a day), counted on top of the method rate limits. Its windows are
/// long, so a call past it fails at once rather than waiting.
#[derive(Debug, PartialEq, Eq)]
pub struct Quota {
    /// operationIds sharing the quota.
    pub operations: &'static [&'static str],
    /// Calls allowed per window.
    pub max: usize,
    /// Window length in milliseconds.
    pub window_ms: u64,
}

/// A request parameter the client fills from one of its options.
#[derive(Debug, PartialEq, Eq)]
pub struct Fill {
    /// The parameter's wire name.
    pub param: &'static str,
    /// The option it comes from (JS name).
    pub option: &'static str,
    /// Required: hidden from callers and always filled; otherwise only a
    /// default the caller may override.
    pub required: bool,
}

/// Everything the runtime needs to know about one product.
#[derive(Debug)]
pub struct ProductInfo {
    /// The registry name: Cargo feature, Rust module, `client.<name>`.
    pub name: &'static str,
    /// Display name (`ZPA`).
    pub title: &'static str,
    /// Path prefix on the OneAPI gateway (`/zpa`).
    pub gateway: &'static str,
    /// Legacy login kind, if the product has one (`zpa-signin`).
    pub legacy: Option<&'static str>,
    /// Documented limits; the first rule covering a method applies.
    pub rate_limits: &'static [RateLimit],
    /// Per-operation quotas, counted as well as the rate limit.
    pub quotas: &'static [Quota],
    /// operationId of the activation that applies staged writes, for a
    /// product whose writes wait for one.
    pub activate: Option<&'static str>,
    /// Parameters filled from client options.
    pub fills: &'static [Fill],
    /// Error body field carrying the product's code.
    pub code_field: &'static str,
    /// Error body field carrying the message.
    pub message_field: &'static str,
    /// The product's code for a missing object.
    pub not_found: &'static str,
    /// The code of a 403 sent in read-only maintenance mode.
    pub read_only: &'static str,
    /// 409 codes that mean "try again shortly" (an edit lock).
    pub retry_conflict: &'static [&'static str],
    /// The largest page size of the product's lists (registry
    /// `paging.max_size`): a walk's default and limit.
    pub max_page_size: i64,
}

include!(concat!(env!("OUT_DIR"), "/product_table.rs"));

impl Product {
    /// The path prefix of the product on the OneAPI gateway.
    pub fn base_path(self) -> &'static str {
        self.info().gateway
    }

    /// The product's position in [`Product::ALL`] (registry order, which is
    /// also the generated variants' order).
    pub fn index(self) -> usize {
        self as usize
    }

    /// The registry name (`zpa`).
    pub fn name(self) -> &'static str {
        self.info().name
    }

    /// The product whose gateway prefix starts `path` (`/zpa/...`), with
    /// the rest of the path.
    pub fn split_path(path: &str) -> Option<(Product, &str)> {
        Product::ALL.iter().find_map(|p| {
            let rest = path.strip_prefix(p.base_path())?;
            rest.starts_with('/').then_some((*p, rest))
        })
    }

    /// The product by registry name.
    pub fn named(name: &str) -> Option<Product> {
        Product::ALL.iter().copied().find(|p| p.name() == name)
    }

    /// The product whose legacy login is `kind`.
    pub fn with_legacy(kind: &str) -> Option<Product> {
        Product::ALL
            .iter()
            .copied()
            .find(|p| p.info().legacy == Some(kind))
    }

    /// This product's first pacing bucket: its method limits, then its
    /// quotas, follow the buckets of the products before it.
    pub(crate) fn first_bucket(self) -> usize {
        Product::ALL[..self.index()]
            .iter()
            .map(|p| p.info().rate_limits.len() + p.info().quotas.len())
            .sum()
    }

    /// The windows a call of `operation` (`method`) counts in, each with a
    /// bucket number unique across all products so one pacer can hold
    /// every window: the first rate limit covering the method, and every
    /// quota naming the operation.
    pub fn limits(
        self,
        method: &str,
        operation: &'static str,
    ) -> impl Iterator<Item = (usize, usize, u64)> + 'static {
        let before = self.first_bucket();
        let info = self.info();
        let rate = info
            .rate_limits
            .iter()
            .position(|r| r.covers(method))
            .map(|i| {
                (
                    before + i,
                    info.rate_limits[i].max,
                    info.rate_limits[i].window_ms,
                )
            });
        let first_quota = before + info.rate_limits.len();
        let quotas = info
            .quotas
            .iter()
            .enumerate()
            .filter(move |(_, q)| q.operations.contains(&operation))
            .map(move |(i, q)| (first_quota + i, q.max, q.window_ms));
        rate.into_iter().chain(quotas)
    }
}

/// How many pacing buckets all products need together.
pub fn bucket_count() -> usize {
    Product::ALL
        .iter()
        .map(|p| p.info().rate_limits.len() + p.info().quotas.len())
        .sum()
}

/// Whether some product documents `code` as a 409 that means "try again
/// shortly" (an edit lock), not a real conflict.
pub fn is_retry_conflict(code: &str) -> bool {
    Product::ALL
        .iter()
        .any(|p| p.info().retry_conflict.contains(&code))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn index_is_the_position_in_all() {
        for (i, p) in Product::ALL.iter().enumerate() {
            assert_eq!(p.index(), i);
        }
    }
}
