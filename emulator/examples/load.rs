//! Throughput check: N keep-alive connections hammering the ZPA list
//! endpoint (`GET .../application?pagesize=20`) for a fixed number of
//! requests, bounded in time, loopback only.
//!
//! ```text
//! cargo run --release -p zscaler-emulator --example load -- \
//!     [--url http://127.0.0.1:PORT] [--connections 16] [--requests 50000] [--seconds 60]
//!     [--distinct]
//! ```
//!
//! Without `--url` an emulator is started in this process. `--distinct`
//! makes every query string unique, so each page is rendered afresh instead
//! of coming from the emulator's page cache. The client is a
//! minimal HTTP/1.1 loop over raw sockets so that it costs as little CPU as
//! possible; the emulator, not the client, should be what is measured.

use std::net::SocketAddr;
use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::Arc;
use std::time::{Duration, Instant};

use tokio::io::{AsyncReadExt, AsyncWriteExt};
use tokio::net::TcpStream;

struct Args {
    url: Option<String>,
    connections: usize,
    requests: u64,
    seconds: u64,
    distinct: bool,
}

fn args() -> Args {
    let mut a = Args {
        url: None,
        connections: 16,
        requests: 50_000,
        seconds: 60,
        distinct: false,
    };
    let mut it = std::env::args().skip(1);
    while let Some(flag) = it.next() {
        if flag == "--distinct" {
            a.distinct = true;
            continue;
        }
        let v = it.next().unwrap_or_else(|| panic!("{flag} needs a value"));
        match flag.as_str() {
            "--url" => a.url = Some(v),
            "--connections" => a.connections = v.parse().expect("--connections N"),
            "--requests" => a.requests = v.parse().expect("--requests N"),
            "--seconds" => a.seconds = v.parse().expect("--seconds N"),
            _ => panic!("unknown flag {flag}"),
        }
    }
    a
}

/// Reads one response (headers plus Content-Length body); returns status.
async fn read_response(sock: &mut TcpStream, buf: &mut Vec<u8>) -> std::io::Result<u16> {
    buf.clear();
    let mut chunk = [0u8; 16 * 1024];
    let head_end = loop {
        if let Some(i) = buf.windows(4).position(|w| w == b"\r\n\r\n") {
            break i + 4;
        }
        let n = sock.read(&mut chunk).await?;
        if n == 0 {
            return Err(std::io::ErrorKind::UnexpectedEof.into());
        }
        buf.extend_from_slice(&chunk[..n]);
    };
    let head = String::from_utf8_lossy(&buf[..head_end]).to_ascii_lowercase();
    let status: u16 = head[9..12].parse().unwrap_or(0);
    let len: usize = head
        .lines()
        .find_map(|l| l.strip_prefix("content-length:"))
        .and_then(|v| v.trim().parse().ok())
        .unwrap_or(0);
    while buf.len() < head_end + len {
        let n = sock.read(&mut chunk).await?;
        if n == 0 {
            return Err(std::io::ErrorKind::UnexpectedEof.into());
        }
        buf.extend_from_slice(&chunk[..n]);
    }
    Ok(status)
}

#[tokio::main]
async fn main() {
    let a = args();
    let base = match &a.url {
        Some(u) => u.trim_end_matches('/').to_string(),
        None => {
            let addr = zscaler_emulator::spawn(zscaler_emulator::Config::default())
                .await
                .expect("emulator starts");
            format!("http://{addr}")
        }
    };
    let addr: SocketAddr = base
        .strip_prefix("http://")
        .and_then(|h| h.parse().ok())
        .expect("--url must be http://IP:PORT");
    assert!(addr.ip().is_loopback(), "load tests only target loopback");

    let cfg = zscaler_emulator::Config::default();
    let token: serde_json::Value = reqwest::Client::builder()
        .no_proxy()
        .build()
        .unwrap()
        .post(format!("{base}/oauth2/v1/token"))
        .header("content-type", "application/x-www-form-urlencoded")
        .body(format!(
            "grant_type=client_credentials&client_id={}&client_secret={}",
            cfg.client_id, cfg.client_secret
        ))
        .send()
        .await
        .expect("token request")
        .json()
        .await
        .expect("token JSON");
    let token = token["access_token"]
        .as_str()
        .expect("access_token")
        .to_string();
    let path = Arc::new(format!(
        "{}/mgmtconfig/v1/admin/customers/{}/application?pagesize=20",
        zscaler_emulator::product::Product::ZPA.gateway,
        cfg.customer_id
    ));
    let headers = Arc::new(format!(
        "Host: {addr}\r\nAuthorization: Bearer {token}\r\nAccept: application/json\r\n\r\n"
    ));
    let distinct = a.distinct;

    let issued = Arc::new(AtomicU64::new(0));
    let failures = Arc::new(AtomicU64::new(0));
    let deadline = Instant::now() + Duration::from_secs(a.seconds);
    let start = Instant::now();
    let mut tasks = Vec::new();
    for _ in 0..a.connections {
        let (path, headers) = (path.clone(), headers.clone());
        let (issued, failures) = (issued.clone(), failures.clone());
        let total = a.requests;
        tasks.push(tokio::spawn(async move {
            let mut sock = TcpStream::connect(addr).await.expect("connect");
            sock.set_nodelay(true).ok();
            let mut buf = Vec::with_capacity(64 * 1024);
            let mut latencies = Vec::new();
            loop {
                let n = issued.fetch_add(1, Ordering::Relaxed);
                if n >= total || Instant::now() >= deadline {
                    break;
                }
                let request = if distinct {
                    format!("GET {path}&n={n} HTTP/1.1\r\n{headers}")
                } else {
                    format!("GET {path} HTTP/1.1\r\n{headers}")
                };
                let t = Instant::now();
                sock.write_all(request.as_bytes()).await.expect("write");
                match read_response(&mut sock, &mut buf).await {
                    Ok(200) => latencies.push(t.elapsed()),
                    _ => {
                        failures.fetch_add(1, Ordering::Relaxed);
                    }
                }
            }
            latencies
        }));
    }
    let mut latencies = Vec::new();
    for t in tasks {
        latencies.extend(t.await.expect("worker"));
    }
    let elapsed = start.elapsed();
    latencies.sort();
    let pct = |p: f64| latencies[((latencies.len() as f64 * p) as usize).min(latencies.len() - 1)];
    println!(
        "{} requests over {} connections in {:.2}s: {:.0} req/s, p50 {:?}, p99 {:?}, {} failures",
        latencies.len(),
        a.connections,
        elapsed.as_secs_f64(),
        latencies.len() as f64 / elapsed.as_secs_f64(),
        pct(0.50),
        pct(0.99),
        failures.load(Ordering::Relaxed)
    );
}
