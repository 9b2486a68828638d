//! P1 reference point for `scripts/bench.sh`: the native Rust client lists
//! every ZPA application segment from a running emulator, several times.
//!
//! ```text
//! cargo run --release --example bench_list -- --url URL --pagesize 500 --runs 5 --mode iter|all
//! ```
//!
//! Prints one JSON line: `{"ms": [..], "items": N}`. The first, untimed run
//! fetches the token and warms the connection pool, as the other clients'
//! warm-up runs do.
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
    }

    fn args() -> Args {
        let mut a = Args {
            url: String::new(),
            pagesize: 500,
            runs: 5,
            all: false,
        };
        let mut it = std::env::args().skip(1);
        while let Some(flag) = it.next() {
            let v = it.next().unwrap_or_else(|| panic!("{flag} needs a value"));
            match flag.as_str() {
                "--url" => a.url = v,
                "--pagesize" => a.pagesize = v.parse().expect("--pagesize N"),
                "--runs" => a.runs = v.parse().expect("--runs N"),
                "--mode" => a.all = v == "all",
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

    #[tokio::main(flavor = "current_thread")]
    pub async fn main() {
        let a = args();
        let client = Client::new(ClientOptions {
            client_id: Some("emulator-client".into()),
            client_secret: Some(Secret::new("emulator-secret")),
            base_url: Some(a.url.clone()),
            token_url: Some(format!("{}/oauth2/v1/token", a.url)),
            customer_id: Some("216196257331281920".into()),
            // Throughput, not politeness: the emulator runs without rate limits.
            pacing: Some(false),
            ..Default::default()
        })
        .expect("client options");
        let items = list_once(&client, &a).await;
        let mut ms = Vec::with_capacity(a.runs);
        for _ in 0..a.runs {
            let t = Instant::now();
            assert_eq!(
                list_once(&client, &a).await,
                items,
                "item count changed between runs"
            );
            ms.push(format!("{:.3}", t.elapsed().as_secs_f64() * 1e3));
        }
        println!("{{\"ms\": [{}], \"items\": {items}}}", ms.join(", "));
    }
}
