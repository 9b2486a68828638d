//! Every operation of `openapi/*.yaml` is served: a request built from the
//! spec gets the declared success status and body type (items of
//! collections that can be created are created first), never a route 404
//! or a 405.

mod common;

use common::{start, CUST};
use reqwest::Method;
use serde_json::{json, Map, Value};
use zscaler_emulator::legacy::keys::sha256_hex;
use zscaler_emulator::legacy::zia::obfuscate;
use zscaler_emulator::spec::schema::{Json, Shape};
use zscaler_emulator::spec::{self, paths, Operation, Role};

/// A dummy value of a declared type.
fn dummy(ty: Json, n: usize) -> Value {
    match ty {
        Json::Integer | Json::Number => json!(1),
        Json::Boolean => json!(true),
        Json::Array => json!([]),
        Json::Object => json!({}),
        Json::String | Json::Any => json!(format!("cov-{n}")),
    }
}

/// A body the spec accepts: required fields, empty arrays, plus the usual
/// identifying fields (which the hand-written routes require).
fn body_for(op: &Operation, n: usize) -> Option<Value> {
    let spec = op.request.as_ref()?;
    if op.operation_id == "startSession" {
        let ts = "1795344794881";
        return Some(json!({
            "apiKey": obfuscate("ABCDEFGHIJKL", ts).unwrap(),
            "username": "admin@emulator.test", "password": "emulator-password", "timestamp": ts
        }));
    }
    // The API-key logins check their credentials like the session login.
    let (id, secret) = ("emulator-client", "emulator-secret");
    match op.operation_id.as_str() {
        "login" => return Some(json!({"apiKey": id, "secretKey": secret})),
        "createApiKeyToken" => return Some(json!({"key_id": id, "key_secret": secret})),
        "createOauthToken" => {
            let ts = std::time::SystemTime::now()
                .duration_since(std::time::UNIX_EPOCH)
                .unwrap()
                .as_secs();
            let hash = sha256_hex(&format!("{secret}:{ts}"));
            return Some(json!({"key_id": id, "key_secret": hash, "timestamp": ts}));
        }
        _ => {}
    }
    if !spec.json {
        return Some(json!("text body"));
    }
    match spec.kind {
        Json::Array => Some(json!([])),
        Json::Object | Json::Any => {
            let mut obj = Map::new();
            for (name, ty, _) in &spec.fields {
                let wanted = spec.required_fields.contains(name)
                    || *ty == Json::Array
                    || ["name", "email", "loginName", "displayName"].contains(&name.as_str());
                if wanted {
                    let v = match name.as_str() {
                        "email" | "loginName" => json!(format!("cov{n}@corp.example.com")),
                        _ => dummy(*ty, n),
                    };
                    obj.insert(name.clone(), v);
                }
            }
            for name in &spec.required_fields {
                obj.entry(name.clone())
                    .or_insert_with(|| dummy(Json::Any, n));
            }
            if spec.fields.is_empty() {
                obj.insert("name".into(), json!(format!("cov-{n}")));
            }
            Some(Value::Object(obj))
        }
        other => Some(dummy(other, n)),
    }
}

/// The template with customer ids filled in, other parameters as `1` and
/// the last one as `last`.
fn concrete(template: &str, last: &str) -> String {
    let segs = paths::parse(template);
    let n = segs.len();
    let parts: Vec<String> = segs
        .iter()
        .enumerate()
        .map(|(i, s)| match s {
            paths::Segment::Lit(l) => l.clone(),
            paths::Segment::Param(p) if paths::is_customer_param(p) => CUST.to_string(),
            paths::Segment::Param(_) if i + 1 == n => last.to_string(),
            paths::Segment::Param(_) => "1".to_string(),
            paths::Segment::Affixed { prefix, suffix, .. } => format!("{prefix}{last}{suffix}"),
        })
        .collect();
    format!("/{}", parts.join("/"))
}

fn shape_ok(shape: &Shape, v: &Value) -> bool {
    match shape {
        Shape::ZpaPage { .. } => v.get("totalCount").is_some(),
        Shape::ZidPage => v.get("records").is_some_and(Value::is_array),
        Shape::TokenPage { items } | Shape::CountedPage { items } | Shape::CursorPage { items } => {
            v.get(items).is_some_and(Value::is_array)
        }
        Shape::Array => v.is_array(),
        Shape::Object(_) => v.is_object(),
        Shape::Scalar(k) => k.accepts(v, false),
        Shape::Empty | Shape::Text(_) => true,
    }
}

#[tokio::test]
async fn every_spec_operation_is_served() {
    let emu = start().await;
    let index = spec::index();
    assert!(index.ops.len() > 10, "specs should be embedded");
    let mut failures = Vec::new();
    for (n, op) in index.ops.iter().enumerate() {
        let is_item = matches!(
            op.role,
            Role::Read | Role::Replace | Role::Merge | Role::Delete
        );
        let mut id = "424242".to_string();
        let mut created = false;
        if is_item {
            // Create the object first when the collection can create.
            let coll = &op.template[..op.template.rfind('/').unwrap()];
            let entry = index.find(&concrete(coll, "1")).map(|f| f.entry);
            if let Some(create) = entry.and_then(|e| index.op(e, &Method::POST)) {
                if create.role == Role::Create {
                    let mut rb = emu.req(Method::POST, &concrete(coll, "1"));
                    if let Some(b) = body_for(create, n) {
                        rb = rb.json(&b);
                    }
                    let r = common::send(rb).await;
                    if let Some(new_id) = serde_json::from_str::<Value>(&r.text)
                        .ok()
                        .and_then(|v| v.get("id").cloned())
                    {
                        id = match new_id {
                            Value::String(s) => s,
                            other => other.to_string(),
                        };
                        created = r.status.is_success();
                    }
                }
            }
        }
        let path = concrete(&op.template, &id);
        let mut rb = emu.req(op.method.clone(), &path);
        // A list action's required parameter chooses the change.
        if let Some(a) = &op.ext.list_action {
            rb = rb.query(&[(a.param.as_str(), a.add.as_str())]);
        }
        if let Some(b) = body_for(op, n) {
            rb = rb.json(&b);
        }
        let r = common::send(rb).await;
        let what = format!("{} {} ({:?})", op.method, path, op.role);
        if r.status == 405 || (r.status == 404 && r.text.contains("No route")) {
            failures.push(format!("{what}: not routed: {} {}", r.status, r.text));
            continue;
        }
        // Nothing to address (no way to create the item, or a parent such
        // as `/idp/1` that does not exist): a product-shaped 404 proves the
        // route.
        let under_parent = paths::parse(&op.template)
            .iter()
            .rev()
            .skip(usize::from(is_item))
            .filter_map(|s| s.param())
            .any(|p| !paths::is_customer_param(p));
        if (is_item && !created) || (under_parent && r.status == 404) {
            if r.status != 404 && !r.status.is_success() {
                failures.push(format!("{what}: {} {}", r.status, r.text));
            }
            continue;
        }
        if r.status.as_u16() != op.success {
            failures.push(format!(
                "{what}: status {} (spec says {}): {}",
                r.status, op.success, r.text
            ));
            continue;
        }
        if !matches!(op.response, Shape::Empty | Shape::Text(_)) {
            match serde_json::from_str::<Value>(&r.text) {
                Ok(v) if shape_ok(&op.response, &v) => {}
                _ => failures.push(format!("{what}: body {} is not {:?}", r.text, op.response)),
            }
        }
    }
    assert!(
        failures.is_empty(),
        "{} of {} operations misbehave:\n{}",
        failures.len(),
        index.ops.len(),
        failures.join("\n")
    );
}
