//! P1 reference point for `scripts/bench.sh`: the native Rust client lists
//! every ZPA application segment from a running emulator, several times.
//!
//! ```text
//! cargo run --release --example bench_list -- --url URL --pagesize 500 --runs 5 --mode iter|all [--paced 1]
//! ```
//!
//! Prints one JSON line: `{"ms": [..], "items": N}`. The first, untimed run
//! fetches the token and warms the connection pool, as the other clients'
//! warm-up runs do.
//!
//! `--paced 1` is P1-L (the emulator adds latency to every page): default
//! options, so pacing is on, and every timed run uses a new client. A
//! client's pacing budget (20 ZPA GETs per 10 s) would otherwise still hold
//! the warm-up's GETs, and the timed run would wait for the window instead
//! of measuring the walk; a new client also fetches its own token, as the
//! other P1-L clients' timed runs do.
// The emulator and tokio are native-only; on wasm32 (clippy --all-targets)
// this example is an empty program.
#[cfg(target_arch = "wasm32")]
fn main() {}

#[cfg(not(target_arch = "wasm32"))]
fn main() {
    native::main()
}

#[cfg(not(target_arch = "wasm32"))]
mod native {
    use std::time::Instant;

    use futures_util::StreamExt;
    use zscaler_wasm::{zpa, Client, ClientOptions, Secret};

    struct Args {
        url: String,
        pagesize: i32,
        runs: usize,
        all: bool,
        paced: bool,
    }

    fn args() -> Args {
        let mut a = Args {
            url: String::new(),
            pagesize: 500,
            runs: 5,
            all: false,
            paced: false,
        };
        let mut it = std::env::args().skip(1);
        while let Some(flag) = it.next() {
            let v = it.next().unwrap_or_else(|| panic!("{flag} needs a value"));
            match flag.as_str() {
                "--url" => a.url = v,
                "--pagesize" => a.pagesize = v.parse().expect("--pagesize N"),
                "--runs" => a.runs = v.parse().expect("--runs N"),
                "--mode" => a.all = v == "all",
                "--paced" => a.paced = v == "1",
                _ => panic!("unknown flag {flag}"),
            }
        }
        assert!(!a.url.is_empty(), "--url is required");
        a
    }

    async fn list_once(client: &Client, a: &Args) -> usize {
        let params = zpa::ListApplicationSegmentsParams {
            pagesize: Some(a.pagesize),
            ..Default::default()
        };
        if a.all {
            return client
                .zpa()
                .list_all_application_segments(&params)
                .await
                .expect("listAll")
                .len();
        }
        let mut n = 0;
        let zpa = client.zpa();
        let mut items = std::pin::pin!(zpa.iter_application_segments(&params));
        while let Some(item) = items.next().await {
            item.expect("iter");
            n += 1;
        }
        n
    }

    fn client(a: &Args) -> Client {
        Client::new(ClientOptions {
            client_id: Some("emulator-client".into()),
            client_secret: Some(Secret::new("emulator-secret")),
            base_url: Some(a.url.clone()),
            token_url: Some(format!("{}/oauth2/v1/token", a.url)),
            customer_id: Some("216196257331281920".into()),
            // P1 measures throughput, not politeness: the emulator runs
            // without rate limits. P1-L keeps the default (pacing on).
            pacing: if a.paced { None } else { Some(false) },
            ..Default::default()
        })
        .expect("client options")
    }

    #[tokio::main(flavor = "current_thread")]
    pub async fn main() {
        let a = args();
        let warm = client(&a);
        let items = list_once(&warm, &a).await;
        let mut ms = Vec::with_capacity(a.runs);
        for _ in 0..a.runs {
            let t = Instant::now();
            // Built inside the timed span: its token fetch is part of a
            // paced run, as it is for the other P1-L clients.
            let fresh = a.paced.then(|| client(&a));
            let c = fresh.as_ref().unwrap_or(&warm);
            assert_eq!(
                list_once(c, &a).await,
                items,
                "item count changed between runs"
            );
            ms.push(format!("{:.3}", t.elapsed().as_secs_f64() * 1e3));
        }
        println!("{{\"ms\": [{}], \"items\": {items}}}", ms.join(", "));
    }
}
