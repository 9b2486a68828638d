/// Fixture Product (FIX) operations and models, generated from `openapi/fixture*.yaml`.
#[allow(clippy::all, missing_docs)]
pub mod fixture {
    include!(concat!(env!("OUT_DIR"), "/fixture.rs"));
}
/// Fixture Product (FIX) operations; the methods are listed in [`fixture`].
#[derive(Clone, Debug)]
pub struct Fixture {
    pub(crate) client: crate::Client,
}
impl crate::Client {
    /// Fixture Product (FIX) operations.
    pub fn fixture(&self) -> Fixture {
        Fixture { client: self.clone() }
    }
}
impl Fixture {
    /// Whether this client made FIX changes that are not activated yet.
    pub fn pending_changes(&self) -> bool {
        self.client.pending_changes(crate::Product::Fixture)
    }
}
/// A product of the registry (`products.json`).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Product {
    /// Fixture Product.
    Fixture,
}
impl Product {
    /// Every product of the registry, in its order.
    pub const ALL: &'static [Product] = &[Product::Fixture];
    /// The registry's facts about the product.
    pub fn info(self) -> &'static ProductInfo {
        match self {
            Product::Fixture => &INFO[0],
        }
    }
}
static INFO: [ProductInfo; 1] = [
    ProductInfo {
        name: "fixture",
        title: "FIX",
        gateway: "/fix",
        legacy: None,
        rate_limits: &[
            RateLimit {
                methods: &["GET"],
                max: 5,
                window_ms: 1000,
            },
        ],
        quotas: &[],
        activate: Some("publish"),
        fills: &[
            Fill {
                param: "tenantId",
                option: "customerId",
                required: true,
            },
            Fill {
                param: "scopeId",
                option: "microtenantId",
                required: false,
            },
        ],
        code_field: "code",
        message_field: "message",
        not_found: "NOT_FOUND",
        read_only: "",
        retry_conflict: &["LOCKED"],
        max_page_size: 250,
    },
];
