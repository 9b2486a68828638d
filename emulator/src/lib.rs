//! A local, stateful, in-memory stand-in for the Zscaler OneAPI.
//!
//! It serves the OAuth token endpoint and every operation of the project's
//! OpenAPI specs (`openapi/*.yaml`, embedded at build time) under each
//! product's gateway prefix, with the response shapes, id types,
//! pagination, error bodies, rate limits and headers of the real services,
//! seeded with a demo tenant. It exists so client tests, demos and
//! benchmarks run offline and deterministically.
//!
//! The products are data: `products.json` at the repository root (the
//! product registry) is compiled into [`product::REGISTRY`] by `build.rs`,
//! and a product added there with its spec in `openapi/` is served without
//! editing the emulator.
//!
//! ```no_run
//! # async fn demo() -> std::io::Result<()> {
//! let addr = zscaler_emulator::spawn(zscaler_emulator::Config::default()).await?;
//! println!("emulator at http://{addr}");
//! # Ok(()) }
//! ```
//!
//! # What is served
//!
//! - `POST /oauth2/v1/token`: client credentials (form or HTTP Basic, or
//!   an RS256/ES256 private-key JWT assertion checked against registered
//!   public keys), audience `https://api.zscaler.com`; tokens are
//!   JWT-shaped.
//! - Every product API request goes through one router (`router`): the
//!   spec index matches it to an operation, the gate and the product rules
//!   apply, and the operation's provider serves it.
//! - Hand-written providers, registered by operationId (`products`), for
//!   ZPA application segments, segment and server groups, connector groups,
//!   IdPs, microtenants and SCIM data; ZIA users (incl. `bulkDelete`, at
//!   most 500 ids), groups, departments, `status` / `status/activate` and
//!   `urlLookup`; ZIdentity users and groups.
//! - Every other spec operation through the generic provider (see
//!   `generic`): collections (`GET` lists, `POST` creates with ZPA
//!   numeric-string, ZIA int64 or ZIdentity alphanumeric ids), items (`GET`,
//!   full-replace `PUT`, merging `PATCH`, `DELETE`; 404 in the product's
//!   error shape when missing), singletons and actions (`GET` the stored
//!   value, `PUT`/`POST` store and echo), each with the status code the
//!   spec declares. Bodies are checked against the spec (JSON, top-level
//!   type, required fields, field types): 400 in the product's shape and no
//!   state change otherwise. Unknown paths are 404, bodies over 5 MiB 413.
//!   What the role cannot say an operation declares with `x-emulator-*`
//!   spec extensions (`spec::ext`, `generic::declared`; listed in
//!   `openapi/README.md`): server-filled defaults, ordered collections and
//!   reorders, list actions, views of other collections, creates under
//!   another name, references answered with the referenced fields, fixed
//!   answers.
//! - Every tenant, demo or empty, has the objects real tenants start with
//!   (`seed/predefined.json`): ZPA enrollment certificates, isolation
//!   regions and profile, auth domains; ZIA admin roles, predefined network
//!   services, VIPs, supported browser versions.
//! - Paging: ZPA `page`/`pagesize` (default 20, max 500) with string totals,
//!   `search=name EQ x` / `name LIKE x` and `microtenantId`; ZIA plain arrays
//!   with `page`/`pageSize` (default 100, max 1000) and `search`/`name`;
//!   ZIdentity `offset`/`limit` with `next_link`/`prev_link` on the
//!   emulator's own origin.
//! - Staging (ZIA): every successful write except read-only POSTs marks
//!   changes pending, `GET .../status` says `PENDING` until the `activate`
//!   operation (or a session logout).
//! - Legacy authentication: ZPA `POST /signin` / `POST /signout` with the
//!   un-prefixed `/mgmtconfig/...` and `/userconfig/...` paths; ZIA
//!   `POST|GET|DELETE /api/v1/authenticatedSession` (obfuscated API key,
//!   `JSESSIONID` cookie) with the un-prefixed `/api/v1/...` paths; ZTW
//!   the same at `/api/v1/auth`; ZCC `/papi/auth/v1/login` (`auth-token`),
//!   ZDX `/v1/oauth/token` (hashed secret) and ZWA
//!   `/v1/auth/api-key/token` (bearer), with the OAuth client id and
//!   secret as key pair (see `legacy`).
//! - Every response: `x-request-id`; OneAPI responses also the gateway's
//!   `x-ratelimit-limit` / `-remaining` / `-reset`, ZIA ones
//!   `x-zscaler-mode`.
//! - No CORS headers by default, as the real service: a page on another
//!   origin that calls the API directly (holding a client secret) fails in
//!   the browser, as it would in production, and a preflight gets the 405
//!   (404 outside the products) any undeclared method gets. `--cors ORIGIN`
//!   ([`Config::cors`]) allows an origin for local development: its
//!   preflights are answered (204) and every response to it carries
//!   `access-control-allow-origin` (the origin echoed, `Vary: Origin`; `*`
//!   with `--cors '*'`) and `access-control-expose-headers` (see `cors`).
//!
//! # Command line
//!
//! ```text
//! zscaler-emulator [--listen 127.0.0.1:8080] [--seed demo|empty] [--seed-file FILE]
//!                  [--bulk zpa.applications=10000,zia.users=5000] [--rate-limits on|off]
//!                  [--client-id ID] [--client-secret SECRET] [--customer-id ID]
//!                  [--token-ttl SECONDS] [--zia-api-key KEY] [--zia-username NAME]
//!                  [--zia-password PASS] [--client-public-key FILE]...
//!                  [--cors ORIGIN|'*']...
//! ```
//!
//! Defaults: client `emulator-client` / `emulator-secret`, customer
//! `216196257331281920`, ZIA legacy key `ABCDEFGHIJKL`, user
//! `admin@emulator.test`, password `emulator-password`, rate limits off, no
//! CORS. `--cors` takes an origin as browsers send it
//! (`http[s]://host[:port]`, no path), repeatable, or `*` for any origin;
//! use it only for a page under local development, never to make a page
//! that holds a client secret work.
//! The first stdout line is `listening on http://ADDR`. `--seed-file` takes
//! `{"zpa"|"zia"|"zidentity": {NAME: [objects] | value}}` where NAME is a
//! short name (`applications`, `users`, ...), a spec path relative to the
//! product root, or a collection's last path segment (see `seed::file`).
//! `--bulk` names collections the same way, as `product.name=count`.
//!
//! # Control API (no auth)
//!
//! `GET /_emulator/health`; `POST /_emulator/reset[?seed=demo|empty]`;
//! `POST /_emulator/expire-tokens`; `POST|GET|DELETE /_emulator/faults`
//! (`{method, path_prefix, status, headers, body, count, delay_ms, reset}`);
//! `POST /_emulator/read-only {"enabled": bool}`;
//! `POST /_emulator/edit-lock {"held": bool}`;
//! `POST /_emulator/rate-limits {"enabled": bool}`;
//! `GET|DELETE /_emulator/stats` (`{token_requests, api_requests}`);
//! `POST /_emulator/client-keys {"pem": "..."} | {"jwk": {...}}`,
//! `GET|DELETE /_emulator/client-keys` (see `client_keys`).
//! Details in `products::control`.
//!
//! # Rate limits (when enabled)
//!
//! ZPA: 20 GETs and 10 writes per 10 s per token, 429 with
//! `retry-after: <n>s` and `{"id": "invalid.toomanyrequests", ...}`. ZIA, per
//! method: GET 2/s, POST and PUT 1/s, DELETE 1/min, 429 with
//! `retry-after: <n>` and `{"message": "Rate Limit (1/SECOND) exceeded",
//! "Retry-After": "1 seconds"}`. Limits of other products come from their
//! registry entry, with 429s in their error shape.
//!
//! # Layout
//!
//! - `product` (registry, from `products.json`) and `rules` (emulator
//!   quirks keyed by product name): what a product is.
//! - `spec`: the operations of `openapi/*.yaml`, matched by path, with
//!   their `x-emulator-*` extensions (`spec::ext`).
//! - `router`: the one entry for product API requests; applies `gate`,
//!   the tenant check and staging, then calls a provider.
//! - `generic` (the provider for any operation, by role) and `products`
//!   (hand-written providers by operationId, plus the control API).
//! - `store` and `collections`: the one tenant store and the keys of the
//!   hand-written collections; `seed` fills it.
//! - Cross-cutting layers: `request_id`, `cors`, `stats`, `body`, `faults`,
//!   `legacy`, `gateway`; shared helpers `paging`, `query`, `errors`.
//! - Credentials: `auth`, `assertion`, `keys`, `client_keys`.
//!
//! Adding a product: an entry in `products.json` and its spec in
//! `openapi/`. Adding hand-written behaviour: a provider in that product's
//! `products` module, registered in its `PROVIDERS` table (and, for a new
//! collection, a key in `collections`).

#![warn(missing_docs)]

pub mod assertion;
pub mod auth;
pub mod body;
pub mod cache;
pub mod cli;
pub mod client_keys;
pub mod collections;
pub mod config;
pub mod conn;
pub mod cors;
pub mod errors;
pub mod faults;
pub mod gate;
pub mod gateway;
pub mod generic;
pub mod keys;
pub mod legacy;
pub mod modes;
pub mod paging;
pub mod product;
pub mod products;
pub mod query;
mod random;
pub mod ratelimit;
pub mod request_id;
pub mod router;
pub mod rules;
pub mod seed;
pub mod server;
pub mod spec;
pub mod state;
pub mod stats;
pub mod store;

pub use config::{Config, Seed};
pub use cors::CorsOrigins;
pub use keys::PublicKey;
pub use server::{app, serve, serve_with_shutdown, spawn};
