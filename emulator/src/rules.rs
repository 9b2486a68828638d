//! Emulator behaviour the product registry does not describe: recorded
//! quirks of the real services (gateway header windows, the 429 bodies,
//! ZPA's microtenant scoping and `name EQ x` search syntax, how times are
//! written), keyed by product name.
//!
//! This module owns that table and nothing else; it may not route, store
//! or render. A product without an entry gets [`Rules::DEFAULT`], which is
//! what a new registry product is served with.

use serde_json::{json, Value};

use crate::product::Product;

/// The gateway's informational `x-ratelimit-*` windows for a product.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct GatewayWindows {
    /// Products in the same pool count in the same windows.
    pub pool: &'static str,
    /// `x-ratelimit-limit` value.
    pub header: &'static str,
    /// (limit, seconds) of each window reported in `-remaining`/`-reset`.
    pub windows: &'static [(u64, u64)],
}

/// How list `search` is understood.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum SearchStyle {
    /// ZPA expressions: `name EQ x`, `name LIKE x`, or bare text on `name`.
    Expression,
    /// Case-insensitive substring in any of these fields.
    Substring(&'static [&'static str]),
}

/// Builds a 429 body from the wait in seconds and the limit's label
/// (`1/SECOND`).
pub type TooManyBody = fn(u64, &str) -> Value;

/// One product's emulator rules.
#[derive(Debug, Clone, Copy)]
pub struct Rules {
    /// Field (and query parameter) scoping objects to a sub-tenant: a list
    /// or read with it set sees only that scope's objects.
    pub scope_field: Option<&'static str>,
    /// What the scope of an object without the field is.
    pub default_scope: &'static str,
    /// Search syntax of spec-driven lists.
    pub search: SearchStyle,
    /// Server-kept times are numeric strings rather than numbers.
    pub string_times: bool,
    /// Value stamped into `modifiedBy` on writes, when the product has it.
    pub modified_by: Option<&'static str>,
    /// Gateway header windows, when the product is behind the gateway.
    pub gateway: Option<GatewayWindows>,
    /// Header stating read-only/read-write mode on every response.
    pub mode_header: Option<&'static str>,
    /// Suffix of the `retry-after` value of a 429 (`s` for ZPA).
    pub retry_suffix: &'static str,
    /// Header carrying the wait of a 429 (lower case).
    pub retry_header: &'static str,
    /// Body of the gateway's 404 for a path the product does not route,
    /// when it is not the product's error shape (ZCC: plain text, recorded
    /// for `syncZpaAdminUsers` in `zcc.jsonl`).
    pub unrouted: Option<&'static str>,
    /// Body of a 429, when it is not the product's error shape.
    pub too_many: Option<TooManyBody>,
    /// Rate-limit buckets are per method rather than per registry limit.
    pub bucket_per_method: bool,
    /// The server's JSON mapper takes a number where a string is declared
    /// and keeps its decimal text: ZPA answered a provisioning key created
    /// with `"maxUsage": 2` with `"maxUsage": "2"` (recorded traffic).
    pub strings_take_numbers: bool,
}

/// The OneAPI windows ZPA and ZIA share.
const ONEAPI: GatewayWindows = GatewayWindows {
    pool: "oneapi",
    header: "5000, 5000;w=60",
    windows: &[(5000, 60)],
};

impl Rules {
    /// Rules of a product without an entry.
    pub const DEFAULT: Rules = Rules {
        scope_field: None,
        default_scope: "",
        search: SearchStyle::Substring(&["name", "displayName", "loginName", "primaryEmail"]),
        string_times: false,
        modified_by: None,
        gateway: None,
        mode_header: None,
        retry_suffix: "",
        retry_header: "retry-after",
        unrouted: None,
        too_many: None,
        bucket_per_method: false,
        strings_take_numbers: false,
    };
}

fn zpa_too_many(_: u64, _: &str) -> Value {
    json!({
        "id": "invalid.toomanyrequests",
        "reason": "Exceeded the number of requests allowed.",
        "exception": "invalid.toomanyrequests"
    })
}

fn zia_too_many(n: u64, label: &str) -> Value {
    json!({
        "message": format!("Rate Limit ({label}) exceeded"),
        "Retry-After": format!("{n} seconds")
    })
}

const TABLE: &[(&str, Rules)] = &[
    (
        "zpa",
        Rules {
            scope_field: Some("microtenantId"),
            default_scope: crate::products::zpa_model::DEFAULT_MICROTENANT_ID,
            search: SearchStyle::Expression,
            string_times: true,
            modified_by: Some(crate::products::zpa_model::ADMIN_ID),
            gateway: Some(ONEAPI),
            retry_suffix: "s",
            too_many: Some(zpa_too_many),
            strings_take_numbers: true,
            ..Rules::DEFAULT
        },
    ),
    (
        "zia",
        Rules {
            search: SearchStyle::Substring(&["name"]),
            gateway: Some(ONEAPI),
            mode_header: Some("x-zscaler-mode"),
            too_many: Some(zia_too_many),
            bucket_per_method: true,
            ..Rules::DEFAULT
        },
    ),
    (
        "ztw",
        Rules {
            gateway: Some(GatewayWindows {
                pool: "ztw",
                header: "1000, 1000;w=1",
                windows: &[(1000, 1)],
            }),
            too_many: Some(zia_too_many),
            bucket_per_method: true,
            ..Rules::DEFAULT
        },
    ),
    (
        "zcc",
        Rules {
            gateway: Some(GatewayWindows {
                pool: "zcc",
                header: "100, 100;w=3600, 100;w=3600",
                windows: &[(100, 3600)],
            }),
            retry_header: "x-rate-limit-retry-after-seconds",
            unrouted: Some("404 Not Found"),
            ..Rules::DEFAULT
        },
    ),
    (
        "zidentity",
        Rules {
            gateway: Some(GatewayWindows {
                pool: "zidentity",
                header: "500, 500;w=1, 20000;w=60, 1000, 1000;w=1",
                windows: &[(500, 1), (1000, 1)],
            }),
            ..Rules::DEFAULT
        },
    ),
];

/// The rules of `product`.
pub fn of(product: Product) -> &'static Rules {
    TABLE
        .iter()
        .find(|(name, _)| *name == product.name)
        .map_or(&Rules::DEFAULT, |(_, r)| r)
}

/// Whether `obj` is in scope `want` (its scope field as text, the default
/// scope when absent). Always true for products without scopes.
pub fn in_scope(rules: &Rules, obj: &Value, want: &str) -> bool {
    let Some(field) = rules.scope_field else {
        return true;
    };
    match obj.get(field) {
        None => rules.default_scope == want,
        Some(Value::String(s)) => s == want,
        Some(Value::Number(n)) => n.to_string() == want,
        Some(_) => want.is_empty(),
    }
}

/// The scope a request asks for: its non-empty scope query parameter.
pub fn wanted_scope<'a>(rules: &Rules, params: &'a crate::query::Params) -> Option<&'a str> {
    params.get(rules.scope_field?).filter(|m| !m.is_empty())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::product::Registry;

    /// Rules under a name the registry does not have would silently apply
    /// to nothing.
    #[test]
    fn rules_name_registry_products() {
        for (name, _) in TABLE {
            let product = Registry::default().named(name);
            assert_eq!(product.map(|p| p.info().name), Some(*name));
        }
        assert_eq!(of(Product::OTHER).scope_field, None);
    }
}
