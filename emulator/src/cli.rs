//! Hand-rolled argument parsing for the binary (no clap, to keep builds quick).

use std::net::SocketAddr;
use std::time::Duration;

use crate::config::{Config, Seed};

/// Text printed by `--help`.
pub const USAGE: &str = "\
zscaler-emulator: local in-memory stand-in for the Zscaler OneAPI (ZPA, ZIA, ZIdentity)

USAGE:
    zscaler-emulator [OPTIONS]

OPTIONS:
    --listen ADDR          address to bind (default 127.0.0.1:8080; port 0 picks a free port)
    --client-id ID         accepted OAuth client id (default emulator-client)
    --client-secret SECRET accepted OAuth client secret (default emulator-secret)
    --customer-id ID       ZPA customer id served (default 216196257331281920)
    --seed demo|empty      initial data set (default demo)
    --token-ttl SECONDS    access token lifetime (default 3600)
    -h, --help             print this help

The first line printed on stdout is `listening on http://ADDR` with the bound address.
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
        /// Emulator settings.
        config: Config,
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
            "--token-ttl" => {
                let v = value()?;
                let secs: u64 = v
                    .parse()
                    .map_err(|_| format!("--token-ttl: not a number of seconds: {v}"))?;
                config.token_ttl = Duration::from_secs(secs);
            }
            other => return Err(format!("unknown argument: {other}\n\n{USAGE}")),
        }
    }
    Ok(Command::Run { listen, config })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn args(list: &[&str]) -> Vec<String> {
        list.iter().map(|s| s.to_string()).collect()
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
        assert!(matches!(parse(args(&["--help"])), Ok(Command::Help)));
    }
}
