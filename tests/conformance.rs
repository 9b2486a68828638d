//! Replays recorded HTTP traffic against the specs: every interaction must
//! match an operation by method and path template, and its bodies must
//! survive decoding into the generated types and encoding back unchanged
//! (null and absent count as equal). A field the spec does not know is
//! dropped by decoding, so it shows up as a difference.
//!
//! `ZSCALER_RECORDED_DIR=<dir> cargo test --release --test conformance`,
//! where `<dir>` (default `../shared/recorded`) holds `*.jsonl` files with
//! one interaction per line: `method`, `url_path`, `query`, `request_body`,
//! `status`, `response_body`.

use serde::{de::DeserializeOwned, Serialize};
use serde_json::Value;
use std::collections::BTreeMap;
use std::path::PathBuf;

type RoundTrip = fn(&Value) -> Result<Value, String>;

/// One generated operation, as the build script lists it.
struct ConfOp {
    product: &'static str,
    prefix: &'static str,
    id: &'static str,
    method: &'static str,
    path: &'static str,
    query: &'static [&'static str],
    request: Option<RoundTrip>,
    response: Option<RoundTrip>,
    error: Option<RoundTrip>,
}

fn round_trip<T: DeserializeOwned + Serialize>(v: &Value) -> Result<Value, String> {
    let typed: T = serde_json::from_value(v.clone()).map_err(|e| format!("decode: {e}"))?;
    serde_json::to_value(&typed).map_err(|e| format!("encode: {e}"))
}

include!(concat!(env!("OUT_DIR"), "/conformance.rs"));

fn is_nothing(v: Option<&Value>) -> bool {
    matches!(v, None | Some(Value::Null))
}

/// Collect the places where `got` differs from `want`.
fn diff(at: &str, want: &Value, got: &Value, out: &mut Vec<String>) {
    match (want, got) {
        (Value::Object(w), Value::Object(g)) => {
            for key in w.keys().chain(g.keys().filter(|k| !w.contains_key(*k))) {
                let (wv, gv) = (w.get(key), g.get(key));
                let here = format!("{at}.{key}");
                match (is_nothing(wv), is_nothing(gv)) {
                    (true, true) => {}
                    (false, true) => out.push(format!("{here}: not in the spec (lost on decode)")),
                    (true, false) => out.push(format!("{here}: appeared on re-encode")),
                    (false, false) => diff(&here, wv.unwrap(), gv.unwrap(), out),
                }
            }
        }
        (Value::Array(w), Value::Array(g)) if w.len() == g.len() => {
            for (i, (wv, gv)) in w.iter().zip(g).enumerate() {
                diff(&format!("{at}[{i}]"), wv, gv, out);
            }
        }
        (Value::Number(w), Value::Number(g)) if w.as_f64() == g.as_f64() => {}
        _ if want == got => {}
        _ => out.push(format!(
            "{at}: recorded {} but re-encoded {}",
            short(want),
            short(got)
        )),
    }
}

fn short(v: &Value) -> String {
    let s = v.to_string();
    if s.len() > 80 {
        format!(
            "{}…",
            &s[..s.char_indices().nth(80).map_or(s.len(), |(i, _)| i)]
        )
    } else {
        s
    }
}

/// How well a template matches a path: `None` if not at all, otherwise the
/// number of literal segments, so `/users/bulkDelete` beats `/users/{id}`.
fn template_score(template: &str, path: &str) -> Option<usize> {
    let t: Vec<&str> = template.trim_matches('/').split('/').collect();
    let p: Vec<&str> = path.trim_matches('/').split('/').collect();
    if t.len() != p.len() {
        return None;
    }
    let mut literal = 0;
    for (ts, ps) in t.iter().zip(&p) {
        match (ts.find('{'), ts.find('}')) {
            // A segment like `{id}:resetpassword` is a parameter with literal
            // text around it.
            (Some(open), Some(close)) if open < close => {
                let (head, tail) = (&ts[..open], &ts[close + 1..]);
                if !ps.starts_with(head)
                    || !ps.ends_with(tail)
                    || ps.len() <= head.len() + tail.len()
                {
                    return None;
                }
                if !tail.is_empty() {
                    literal += 1;
                }
            }
            _ if ts == ps => literal += 1,
            _ => return None,
        }
    }
    Some(literal)
}

fn find<'a>(ops: &'a [ConfOp], method: &str, path: &str) -> Option<&'a ConfOp> {
    ops.iter()
        .filter(|op| op.method == method)
        .filter_map(|op| {
            let rest = path.strip_prefix(op.prefix)?;
            template_score(op.path, rest).map(|s| (s, op))
        })
        .max_by_key(|(s, _)| *s)
        .map(|(_, op)| op)
}

fn empty_body(v: &Value) -> bool {
    match v {
        Value::Null => true,
        Value::Object(m) => m.is_empty(),
        Value::String(s) => s.is_empty(),
        _ => false,
    }
}

fn check_body(what: &str, body: &Value, rt: Option<RoundTrip>, problems: &mut Vec<String>) {
    if empty_body(body) {
        return;
    }
    let Some(rt) = rt else {
        problems.push(format!("{what} body present but the spec declares none"));
        return;
    };
    match rt(body) {
        Ok(again) => {
            let mut diffs = Vec::new();
            diff(what, body, &again, &mut diffs);
            problems.extend(diffs);
        }
        Err(e) => problems.push(format!("{what}: {e}")),
    }
}

/// Check one interaction; returns its product and the problems found.
fn check(ops: &[ConfOp], rec: &Value) -> (String, Vec<String>) {
    let method = rec["method"].as_str().unwrap_or("");
    let path = rec["url_path"].as_str().unwrap_or("");
    let status = rec["status"].as_u64().unwrap_or(0);
    if path == "/oauth2/v1/token" {
        // The OneAPI token call: a form body, not an API operation.
        let form = rec["request_body"].as_str().unwrap_or("");
        let mut problems = Vec::new();
        if !form
            .split('&')
            .any(|kv| kv == "grant_type=client_credentials")
        {
            problems.push("token request without grant_type=client_credentials".into());
        }
        if (200..300).contains(&status) && rec["response_body"]["access_token"].as_str().is_none() {
            problems.push("token response without access_token".into());
        }
        return ("oauth".into(), problems);
    }
    let Some(op) = find(ops, method, path) else {
        let product = ops
            .iter()
            .find(|op| path.starts_with(&format!("{}/", op.prefix)));
        return match product {
            // The API itself said there is no such route (a client bug in
            // the recording, e.g. a stray quote in the path): agreeing with
            // it is right, not a gap in the spec.
            Some(op) if status == 404 => (op.product.to_string(), vec![]),
            Some(op) => (
                op.product.to_string(),
                vec![format!("no operation for {method} {path}")],
            ),
            None => (SKIPPED.to_string(), vec![]),
        };
    };
    let mut problems = Vec::new();
    if let Some(q) = rec["query"].as_object() {
        for key in q.keys().filter(|k| !op.query.contains(&k.as_str())) {
            problems.push(format!("query parameter `{key}` is not in the spec"));
        }
    }
    check_body("request", &rec["request_body"], op.request, &mut problems);
    let response = &rec["response_body"];
    if (200..300).contains(&status) && op.response.is_none() && is_file(rec) {
        // A file download (ZCC's CSV exports): the spec declares it as a
        // non-JSON media type, which the generators leave untyped. Nothing
        // to decode; counted apart so the gap stays visible.
        return (op.product.to_string(), vec![UNTYPED.to_string()]);
    }
    if (200..300).contains(&status) {
        check_body("response", response, op.response, &mut problems);
    } else if !response.is_string() {
        // Non-JSON error pages (HTML, plain text) cannot be typed; JSON ones must be.
        check_body("error", response, op.error, &mut problems);
    }
    let problems = problems
        .into_iter()
        .map(|p| format!("{} ({method} {path}): {p}", op.id))
        .collect();
    (op.product.to_string(), problems)
}

/// Interactions of products this build generates no client for (ZCC, ZTW,
/// …) are counted apart, so the test speaks for the products it covers.
const SKIPPED: &str = "not generated";

/// The one "problem" of a file download: not a failure, counted apart.
const UNTYPED: &str = "untyped file download";

/// A text body recorded with a non-JSON content type (a CSV export).
fn is_file(rec: &Value) -> bool {
    let ct = rec["response_headers"]["content-type"]
        .as_str()
        .unwrap_or("");
    rec["response_body"].is_string() && !ct.is_empty() && !ct.contains("json")
}

fn main() {
    let dir = std::env::var_os("ZSCALER_RECORDED_DIR")
        .map(PathBuf::from)
        .unwrap_or_else(|| PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../shared/recorded"));
    let mut files: Vec<PathBuf> = std::fs::read_dir(&dir)
        .unwrap_or_else(|e| panic!("reading {}: {e}", dir.display()))
        .filter_map(|e| e.ok().map(|e| e.path()))
        .filter(|p| p.extension().is_some_and(|x| x == "jsonl"))
        .collect();
    files.sort();
    let ops = operations();
    let mut tally: BTreeMap<String, (usize, usize)> = BTreeMap::new();
    let mut failures = Vec::new();
    let mut untyped: BTreeMap<String, usize> = BTreeMap::new();
    for file in &files {
        let text = std::fs::read_to_string(file)
            .unwrap_or_else(|e| panic!("reading {}: {e}", file.display()));
        for (n, line) in text
            .lines()
            .enumerate()
            .filter(|(_, l)| !l.trim().is_empty())
        {
            let rec: Value = match serde_json::from_str(line) {
                Ok(v) => v,
                Err(e) => {
                    failures.push(format!("{}:{}: not JSON: {e}", file.display(), n + 1));
                    continue;
                }
            };
            let (product, mut problems) = check(&ops, &rec);
            if problems.len() == 1 && problems[0] == UNTYPED {
                problems.clear();
                *untyped.entry(product.clone()).or_default() += 1;
            }
            let entry = tally.entry(product).or_default();
            entry.1 += 1;
            if problems.is_empty() {
                entry.0 += 1;
            } else {
                let name = file.file_name().unwrap().to_string_lossy();
                failures.extend(
                    problems
                        .into_iter()
                        .map(|p| format!("{name}:{}: {p}", n + 1)),
                );
            }
        }
    }
    for f in failures.iter().take(200) {
        println!("FAIL {f}");
    }
    if failures.len() > 200 {
        println!("… and {} more", failures.len() - 200);
    }
    let (mut passed, mut total) = (0, 0);
    if let Some((_, skipped)) = tally.remove(SKIPPED) {
        println!("skipped: {skipped} interactions of products not generated");
    }
    for (product, (ok, all)) in &tally {
        match untyped.get(product) {
            Some(n) => println!("{product}: {ok}/{all} ({n} untyped file downloads, not decoded)"),
            None => println!("{product}: {ok}/{all}"),
        }
        passed += ok;
        total += all;
    }
    println!("{passed} passed, {} failed", total - passed);
    if passed != total || total == 0 {
        std::process::exit(1);
    }
}
