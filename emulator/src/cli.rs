//! Hand-rolled argument parsing for the binary (no clap, to keep builds quick).
//! It owns the command line only; it may not start serving.

use std::net::SocketAddr;
use std::sync::Arc;
use std::time::Duration;

use crate::config::{Config, Seed};
use crate::keys::PublicKey;
use crate::seed;

/// The `--help` text. The products it names come from the registry, so a
/// product added to `products.json` appears here without an edit.
pub fn usage() -> String {
    let registry = crate::product::REGISTRY;
    let titles: Vec<&str> = registry.iter().map(|p| p.title).collect();
    let names: Vec<String> = registry.iter().map(|p| format!("\"{}\"", p.name)).collect();
    format!(
        "zscaler-emulator: local in-memory stand-in for the Zscaler OneAPI ({})\n\n{}",
        titles.join(", "),
        OPTIONS.replace("@PRODUCTS@", &names.join("|"))
    )
}

/// The usage and options part of [`usage`]; `@PRODUCTS@` is replaced.
const OPTIONS: &str = "\
USAGE:
    zscaler-emulator [OPTIONS]

OPTIONS:
    --listen ADDR          address to bind (default 127.0.0.1:8080; port 0 picks a free port)
    --client-id ID         accepted OAuth client id (default emulator-client)
    --client-secret SECRET accepted OAuth client secret (default emulator-secret)
    --customer-id ID       ZPA customer id served (default 216196257331281920)
    --seed demo|empty      initial data set (default demo)
    --seed-file FILE       JSON tenant loaded on top of the seed
                           ({@PRODUCTS@: {COLLECTION: [objects], SINGLETON_PATH: value}})
    --bulk LIST            generated records on top, e.g. zpa.applications=10000,zia.users=5000
    --rate-limits on|off   enforce the documented per-product rate limits (default off)
    --token-ttl SECONDS    access token / legacy session lifetime (default 3600)
    --zia-api-key KEY      raw key for legacy ZIA /api/v1/authenticatedSession (default ABCDEFGHIJKL)
    --zia-username NAME    legacy ZIA admin username (default admin@emulator.test)
    --zia-password PASS    legacy ZIA admin password (default emulator-password)
    --client-public-key FILE
                           public key (SPKI PEM or JWK JSON, RSA or EC P-256) whose
                           RS256/ES256 client assertions authenticate the client; repeatable
    --cors ORIGIN          let a page on ORIGIN (http[s]://host[:port]) read responses, for
                           local development only; repeatable, or * for any origin. Default:
                           no CORS headers, as the real service, so a page calling the API
                           directly fails in the browser
    -h, --help             print this help

The first line printed on stdout is `listening on http://ADDR` with the bound address.
Control API (no auth): /_emulator/{health,reset,faults,read-only,edit-lock,rate-limits,expire-tokens,stats,client-keys}.
";

/// Address used when `--listen` is not given.
pub const DEFAULT_LISTEN: &str = "127.0.0.1:8080";

/// What the command line asked for.
#[derive(Debug)]
pub enum Command {
    /// Print usage and exit successfully.
    Help,
    /// Run the server on `listen` with `config`.
    Run {
        /// Address to bind.
        listen: SocketAddr,
        /// Emulator settings (boxed: the enum is parsed once, and `Help`
        /// should not be as large as a whole config).
        config: Box<Config>,
    },
}

/// Parses arguments (without the program name); errors are user-facing text.
pub fn parse<I: IntoIterator<Item = String>>(args: I) -> Result<Command, String> {
    let mut config = Config::default();
    let mut listen: SocketAddr = DEFAULT_LISTEN.parse().expect("default address parses");
    let mut args = args.into_iter();
    while let Some(arg) = args.next() {
        // Accept both `--flag value` and `--flag=value`.
        let (flag, inline) = match arg.split_once('=') {
            Some((f, v)) if f.starts_with("--") => (f.to_string(), Some(v.to_string())),
            _ => (arg.clone(), None),
        };
        if flag == "-h" || flag == "--help" {
            return Ok(Command::Help);
        }
        let mut value = || -> Result<String, String> {
            inline
                .clone()
                .or_else(|| args.next())
                .ok_or_else(|| format!("{flag} needs a value"))
        };
        match flag.as_str() {
            "--listen" => {
                let v = value()?;
                listen = v
                    .parse()
                    .map_err(|_| format!("--listen: not an IP:PORT address: {v}"))?;
            }
            "--client-id" => config.client_id = value()?,
            "--client-secret" => config.client_secret = value()?,
            "--customer-id" => config.customer_id = value()?,
            "--seed" => {
                let v = value()?;
                config.seed = Seed::parse(&v)
                    .ok_or_else(|| format!("--seed: expected demo or empty, got {v}"))?;
            }
            "--seed-file" => {
                let path = value()?;
                config.seed_file = Some(Arc::new(seed::file::load(&path)?));
            }
            "--bulk" => config.bulk.extend(seed::bulk::parse(&value()?)?),
            "--rate-limits" => {
                let v = value()?;
                config.rate_limits = match v.as_str() {
                    "on" | "true" => true,
                    "off" | "false" => false,
                    _ => return Err(format!("--rate-limits: expected on or off, got {v}")),
                };
            }
            "--client-public-key" => {
                let path = value()?;
                let text = std::fs::read_to_string(&path)
                    .map_err(|e| format!("--client-public-key {path}: {e}"))?;
                let key = PublicKey::parse(&text)
                    .map_err(|e| format!("--client-public-key {path}: {e}"))?;
                config.client_public_keys.push(key);
            }
            "--cors" => {
                let v = value()?;
                config.cors.allow(&v).map_err(|e| format!("--cors: {e}"))?;
            }
            "--zia-api-key" => config.zia_api_key = value()?,
            "--zia-username" => config.zia_username = value()?,
            "--zia-password" => config.zia_password = value()?,
            "--token-ttl" => {
                let v = value()?;
                let secs: u64 = v
                    .parse()
                    .map_err(|_| format!("--token-ttl: not a number of seconds: {v}"))?;
                config.token_ttl = Duration::from_secs(secs);
            }
            other => return Err(format!("unknown argument: {other}\n\n{}", usage())),
        }
    }
    // Bulk names are checked now so a typo fails before binding a port.
    let mut scratch = crate::store::Store::default();
    seed::bulk::apply(&mut scratch, &config.bulk)?;
    Ok(Command::Run {
        listen,
        config: Box::new(config),
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::cors::CorsOrigins;

    fn args(list: &[&str]) -> Vec<String> {
        list.iter().map(|s| s.to_string()).collect()
    }

    #[test]
    fn help_names_every_registry_product() {
        let text = usage();
        for p in crate::product::REGISTRY.iter() {
            assert!(text.contains(p.title), "{} missing from --help", p.title);
            assert!(
                text.contains(&format!("\"{}\"", p.name)),
                "{} missing from --help",
                p.name
            );
        }
        assert!(!text.contains("@PRODUCTS@"));
    }

    #[test]
    fn parses_all_flags() {
        let cmd = parse(args(&[
            "--listen",
            "127.0.0.1:0",
            "--client-id=a",
            "--client-secret",
            "b",
            "--customer-id",
            "42",
            "--seed",
            "empty",
            "--token-ttl",
            "5",
            "--bulk",
            "zpa.applications=3",
            "--rate-limits=on",
            "--zia-api-key",
            "KEYKEYKEYKEY",
            "--zia-username",
            "u",
            "--zia-password",
            "p",
            "--cors",
            "http://localhost:5173",
            "--cors=https://app.example",
        ]))
        .unwrap();
        match cmd {
            Command::Run { listen, config } => {
                assert_eq!(listen.port(), 0);
                assert_eq!(config.client_id, "a");
                assert_eq!(config.client_secret, "b");
                assert_eq!(config.customer_id, "42");
                assert_eq!(config.seed, Seed::Empty);
                assert_eq!(config.token_ttl, Duration::from_secs(5));
                assert_eq!(config.bulk.len(), 1);
                assert!(config.rate_limits);
                assert_eq!(config.zia_api_key, "KEYKEYKEYKEY");
                assert_eq!(
                    (config.zia_username.as_str(), config.zia_password.as_str()),
                    ("u", "p")
                );
                assert_eq!(
                    config.cors,
                    CorsOrigins::Only(vec![
                        "http://localhost:5173".into(),
                        "https://app.example".into()
                    ])
                );
            }
            Command::Help => panic!("expected run"),
        }
    }

    #[test]
    fn rejects_bad_input() {
        assert!(parse(args(&["--seed", "full"])).is_err());
        assert!(parse(args(&["--listen", "nope"])).is_err());
        assert!(parse(args(&["--bogus"])).is_err());
        assert!(parse(args(&["--client-id"])).is_err());
        assert!(parse(args(&["--rate-limits", "maybe"])).is_err());
        assert!(parse(args(&["--cors", "app.example"])).is_err());
        assert!(parse(args(&["--cors", "https://app.example/"])).is_err());
        assert!(parse(args(&["--bulk", "zpa.nothingLikeThis=3"])).is_err());
        assert!(parse(args(&["--seed-file", "/no/such/file.json"])).is_err());
        assert!(matches!(parse(args(&["--help"])), Ok(Command::Help)));
        assert!(parse(args(&["--client-public-key", "/no/such/key.pem"])).is_err());
        // A private key is not a public key.
        let private = fixture("test-only-rsa-2048-private.pem");
        assert!(parse(args(&["--client-public-key", &private])).is_err());
    }

    fn fixture(name: &str) -> String {
        format!("{}/tests/fixtures/{name}", env!("CARGO_MANIFEST_DIR"))
    }

    #[test]
    fn client_public_keys_repeat() {
        let rsa = fixture("test-only-rsa-2048-public.pem");
        let jwk = std::env::temp_dir().join(format!("emu-cli-key-{}.json", std::process::id()));
        // A fixed point on P-256: the curve's generator.
        std::fs::write(
            &jwk,
            r#"{"kty":"EC","crv":"P-256","x":"axfR8uEsQkf4vOblY6RA8ncDfYEt6zOg9KE5RdiYwpY","y":"T-NC4v4af5uO5-tKfA-eFivOM1drMV7Oy7ZAaDe_UfU"}"#,
        )
        .unwrap();
        let cmd = parse(args(&[
            "--client-public-key",
            &rsa,
            &format!("--client-public-key={}", jwk.display()),
        ]));
        let _ = std::fs::remove_file(&jwk);
        match cmd.unwrap() {
            Command::Run { config, .. } => {
                let algs: Vec<_> = config.client_public_keys.iter().map(|k| k.alg()).collect();
                assert_eq!(algs, ["RS256", "ES256"]);
            }
            Command::Help => panic!("expected run"),
        }
    }
}
