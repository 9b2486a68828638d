//! Runtime configuration shared by the library API and the binary.
//! It owns the settings' shape and defaults; it may not read files or the
//! environment.

use std::sync::Arc;
use std::time::Duration;

use serde_json::Value;

use crate::cors::CorsOrigins;
use crate::keys::PublicKey;

/// Client id accepted by the token endpoint unless configured otherwise.
pub const DEFAULT_CLIENT_ID: &str = "emulator-client";
/// Client secret accepted by the token endpoint unless configured otherwise.
pub const DEFAULT_CLIENT_SECRET: &str = "emulator-secret";
/// ZPA customer id served unless configured otherwise; it is the id seen in
/// the recorded traffic so fixtures written against real tenants line up.
pub const DEFAULT_CUSTOMER_ID: &str = "216196257331281920";
/// Token lifetime unless configured otherwise; matches the `expires_in` a
/// client is told, so expiry handling can be exercised by lowering it.
pub const DEFAULT_TOKEN_TTL: Duration = Duration::from_secs(3600);

/// Raw ZIA API key accepted by the legacy session endpoint by default.
pub const DEFAULT_ZIA_API_KEY: &str = "ABCDEFGHIJKL";
/// ZIA admin username accepted by the legacy session endpoint by default.
pub const DEFAULT_ZIA_USERNAME: &str = "admin@emulator.test";
/// ZIA admin password accepted by the legacy session endpoint by default.
pub const DEFAULT_ZIA_PASSWORD: &str = "emulator-password";

/// Which data set the emulator starts with (and returns to on reset).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Seed {
    /// A realistic demo tenant, sized so that default page sizes paginate.
    #[default]
    Demo,
    /// Only the objects a real tenant can never lack (the Default
    /// microtenant); everything else starts empty.
    Empty,
}

impl Seed {
    /// Parses the CLI / reset-endpoint spelling (`demo` or `empty`).
    pub fn parse(s: &str) -> Option<Seed> {
        match s.to_ascii_lowercase().as_str() {
            "demo" => Some(Seed::Demo),
            "empty" => Some(Seed::Empty),
            _ => None,
        }
    }
}

/// Generated records added on top of the seed (`--bulk zpa.applications=N`).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Bulk {
    /// Collection name: `product.name` (see `seed::names`).
    pub target: String,
    /// How many records to add.
    pub count: usize,
}

/// Everything a running emulator needs to know up front.
///
/// `Config::default()` gives client id `emulator-client`, secret
/// `emulator-secret`, customer id `216196257331281920`, the demo seed, a
/// one-hour token lifetime, rate limits off, the default legacy ZIA
/// credentials, no client public keys and no CORS headers.
#[derive(Debug, Clone)]
pub struct Config {
    /// OAuth client id the token endpoint accepts.
    pub client_id: String,
    /// OAuth client secret the token endpoint accepts.
    pub client_secret: String,
    /// Public keys whose private-key JWT assertions authenticate the
    /// client (`--client-public-key`); more can be added at run time.
    pub client_public_keys: Vec<PublicKey>,
    /// The only ZPA customer id served; other ids get a ZPA 404.
    pub customer_id: String,
    /// Initial data set, also used by `POST /_emulator/reset`.
    pub seed: Seed,
    /// How long an issued access token (or legacy session) stays valid.
    pub token_ttl: Duration,
    /// Raw ZIA API key for the legacy session endpoint.
    pub zia_api_key: String,
    /// ZIA admin username for the legacy session endpoint.
    pub zia_username: String,
    /// ZIA admin password for the legacy session endpoint.
    pub zia_password: String,
    /// Whether the documented rate limits are enforced from the start.
    pub rate_limits: bool,
    /// A tenant to load on top of the seed (the parsed `--seed-file`).
    pub seed_file: Option<Arc<Value>>,
    /// Generated records to add after the seed file.
    pub bulk: Vec<Bulk>,
    /// Browser origins allowed to read responses (`--cors`); none by
    /// default, as the real service sends no CORS headers.
    pub cors: CorsOrigins,
}

impl Default for Config {
    fn default() -> Self {
        Config {
            client_id: DEFAULT_CLIENT_ID.to_string(),
            client_secret: DEFAULT_CLIENT_SECRET.to_string(),
            client_public_keys: Vec::new(),
            customer_id: DEFAULT_CUSTOMER_ID.to_string(),
            seed: Seed::Demo,
            token_ttl: DEFAULT_TOKEN_TTL,
            zia_api_key: DEFAULT_ZIA_API_KEY.to_string(),
            zia_username: DEFAULT_ZIA_USERNAME.to_string(),
            zia_password: DEFAULT_ZIA_PASSWORD.to_string(),
            rate_limits: false,
            seed_file: None,
            bulk: Vec::new(),
            cors: CorsOrigins::Off,
        }
    }
}
