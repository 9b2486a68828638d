//! A pass-through TCP proxy in front of the emulator that keeps every byte
//! the client sent, so tests can see what went over the wire (credential
//! headers, paths), which the client's own log hook deliberately redacts.

use std::io::{Read, Write};
use std::net::{Shutdown, SocketAddr, TcpListener, TcpStream};
use std::sync::{Arc, Mutex};
use std::thread;

/// The bytes one connection carried upstream, shared with its pump thread.
type Sent = Arc<Mutex<Vec<u8>>>;

/// The proxy's origin and what each connection carried upstream.
pub struct Recorder {
    /// `http://127.0.0.1:PORT` of the proxy.
    pub base: String,
    conns: Arc<Mutex<Vec<Sent>>>,
}

/// Copies `from` to `to`, appending what passes to `tee` when given.
fn pump(mut from: TcpStream, mut to: TcpStream, tee: Option<Sent>) {
    let mut buf = [0u8; 16 * 1024];
    while let Ok(n) = from.read(&mut buf) {
        if n == 0 {
            break;
        }
        if let Some(t) = &tee {
            t.lock().unwrap().extend_from_slice(&buf[..n]);
        }
        if to.write_all(&buf[..n]).is_err() {
            break;
        }
    }
    let _ = to.shutdown(Shutdown::Write);
}

impl Recorder {
    /// Listens on a free port and forwards each connection to `upstream`.
    /// The threads live as long as the test process.
    pub fn start(upstream: SocketAddr) -> Recorder {
        let listener = TcpListener::bind("127.0.0.1:0").unwrap();
        let base = format!("http://{}", listener.local_addr().unwrap());
        let conns: Arc<Mutex<Vec<Sent>>> = Arc::default();
        let registry = conns.clone();
        thread::spawn(move || {
            for client in listener.incoming().flatten() {
                let Ok(server) = TcpStream::connect(upstream) else {
                    continue;
                };
                let sent = Arc::new(Mutex::new(Vec::new()));
                registry.lock().unwrap().push(sent.clone());
                let (c2, s2) = (client.try_clone().unwrap(), server.try_clone().unwrap());
                thread::spawn(move || pump(client, server, Some(sent)));
                thread::spawn(move || pump(s2, c2, None));
            }
        });
        Recorder { base, conns }
    }

    /// Everything sent so far, one string per connection.
    fn sent(&self) -> Vec<String> {
        self.conns
            .lock()
            .unwrap()
            .iter()
            .map(|c| String::from_utf8_lossy(&c.lock().unwrap()).into_owned())
            .collect()
    }

    /// Request lines (`GET /path HTTP/1.1`) in the order sent. A body has
    /// no line end of its own, so the next request line on a kept-alive
    /// connection follows it directly and is cut out of that line.
    pub fn request_lines(&self) -> Vec<String> {
        const METHODS: [&str; 5] = ["GET /", "POST /", "PUT /", "DELETE /", "PATCH /"];
        self.sent()
            .iter()
            .flat_map(|c| c.lines().map(str::to_string).collect::<Vec<_>>())
            .filter(|l| l.ends_with(" HTTP/1.1"))
            .filter_map(|l| {
                let start = METHODS.iter().filter_map(|m| l.find(m)).min()?;
                Some(l[start..].to_string())
            })
            .collect()
    }

    /// Values of every request header called `name` (case-insensitive).
    pub fn header_values(&self, name: &str) -> Vec<String> {
        let prefix = format!("{}:", name.to_ascii_lowercase());
        self.sent()
            .iter()
            .flat_map(|c| {
                c.lines()
                    .filter(|l| l.to_ascii_lowercase().starts_with(&prefix))
                    .map(|l| l[prefix.len()..].trim().to_string())
                    .collect::<Vec<_>>()
            })
            .collect()
    }

    /// Everything sent, joined, for substring checks on bodies.
    pub fn all_text(&self) -> String {
        self.sent().join("\n")
    }
}
