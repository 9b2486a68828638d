//! The JS API is driven by data, not by code per operation: a table of
//! operations and a table of schemas, both generated from `openapi/`, and
//! one generic dispatcher. A thousand operations then cost a thousand table
//! rows instead of a thousand monomorphised decoders and futures, which is
//! what keeps the wasm small. Validation walks the schema table, so wrong
//! argument types and wrong response types are still typed errors.

use super::args::Args;
use super::body::Answer;
use crate::http::HttpResponse;
use crate::request::{path_segment, ApiRequest};
use crate::schema::{check, fits_at_once, kind, Schemas, Ty};
use crate::schema_scan::scan;
use crate::{Client, Error, Product};
use serde_json::Value;
use wasm_bindgen::JsValue;

/// Where a parameter goes.
#[derive(Debug, PartialEq)]
pub enum Place {
    /// A `{name}` path segment.
    Path,
    /// A query parameter.
    Query,
}

/// One path or query parameter.
#[derive(Debug)]
pub struct ParamSpec {
    /// Wire name.
    pub name: &'static str,
    /// Path or query.
    pub place: Place,
    /// Expected type (`Array` for repeated query values).
    pub ty: Ty,
    /// Must be given.
    pub required: bool,
}

/// One operation.
#[derive(Debug)]
pub struct OpSpec {
    /// The spec's operationId.
    pub id: &'static str,
    /// Its product.
    pub product: Product,
    /// HTTP method.
    pub method: &'static str,
    /// Product-relative path template.
    pub path: &'static str,
    /// Parameters the caller gives (the ZPA customer id is not one).
    pub params: &'static [ParamSpec],
    /// Request body type.
    pub body: Option<Ty>,
    /// Whether the body must be given.
    pub body_required: bool,
    /// Response body type; `None` when the answer has no JSON body.
    pub response: Option<Ty>,
    /// A non-JSON answer handed over as it came.
    pub file: Option<crate::request::File>,
    /// What a success does to staged changes.
    pub effect: crate::request::Effect,
}

fn scalar_text(v: &Value) -> Option<String> {
    match v {
        Value::String(s) => Some(s.clone()),
        Value::Number(n) => Some(whole(n).unwrap_or_else(|| n.to_string())),
        Value::Bool(b) => Some(if *b { "true" } else { "false" }.into()),
        _ => None,
    }
}

/// The digits of a whole number, written out: `to_string` compiles Rust's
/// formatter on a cold start's first call, for a page number.
fn whole(n: &serde_json::Number) -> Option<String> {
    let (negative, mut rest) = match (n.as_u64(), n.as_i64()) {
        (Some(u), _) => (false, u),
        (None, Some(i)) => (true, i.unsigned_abs()),
        _ => return None,
    };
    let mut digits = [0u8; 20];
    let mut at = digits.len();
    loop {
        at -= 1;
        digits[at] = b'0' + (rest % 10) as u8;
        rest /= 10;
        if rest == 0 {
            break;
        }
    }
    let mut text = String::with_capacity(21);
    if negative {
        text.push('-');
    }
    text.extend(digits[at..].iter().map(|&d| char::from(d)));
    Some(text)
}

/// Turn the caller's argument object into a request, checking every key.
pub fn build(
    client: &Client,
    schemas: &Schemas,
    op: &OpSpec,
    args: &Args,
) -> Result<ApiRequest, Error> {
    for key in args.keys() {
        let known = op.params.iter().any(|p| p.name == key) || (key == "body" && op.body.is_some());
        if !known {
            return Err(Error::invalid(format!(
                "{}: unknown argument `{key}`",
                op.id
            )));
        }
    }
    let mut path = String::with_capacity(op.path.len() + 32);
    let mut rest = op.path;
    while let Some(open) = rest.find('{') {
        let close = open + rest[open..].find('}').unwrap_or(0);
        path.push_str(&rest[..open]);
        let name = &rest[open + 1..close];
        let value = match (name, args.get(name).and_then(scalar_text)) {
            (_, Some(v)) => v,
            (_, None) => match client.fill(op.product, name)? {
                Some(v) => v.to_string(),
                None => return Err(Error::invalid(format!("{}: `{name}` is required", op.id))),
            },
        };
        path.push_str(&path_segment(name, &value)?);
        rest = &rest[close + 1..];
    }
    path.push_str(rest);
    let mut req = ApiRequest::new(op.product, op.method, op.id, path);
    req.effect = op.effect;
    for p in op.params {
        let value = args.get(p.name).filter(|v| !v.is_null());
        match value {
            None if p.required => {
                return Err(Error::invalid(format!(
                    "{}: `{}` is required",
                    op.id, p.name
                )))
            }
            Some(v) if fits_at_once(v, p.ty) => {}
            Some(v) => check(schemas, v, p.ty, p.name)
                .map_err(|e| Error::invalid(format!("{}: {e}", op.id)))?,
            None => {}
        }
        if p.place == Place::Query {
            match value {
                Some(Value::Array(items)) => {
                    for item in items.iter().filter_map(scalar_text) {
                        req.query(p.name, item.as_str());
                    }
                }
                Some(v) => req.query(p.name, &scalar_text(v)),
                None => req.query(p.name, &client.fill(op.product, p.name)?),
            }
        }
    }
    if let Some(ty) = op.body {
        let body = match args.get("body") {
            Some(body) => body,
            None if !op.body_required => return Ok(req),
            None => return Err(Error::invalid(format!("{}: `body` is required", op.id))),
        };
        check(schemas, body, ty, "body").map_err(|e| Error::invalid(format!("{}: {e}", op.id)))?;
        req.json_body(body)?;
    }
    Ok(req)
}

/// Send, check the answer against the spec and read it with `read` (given
/// `None` when the operation declares no body of interest). A failed check
/// or read names the call, as a failed send does.
pub async fn send<T>(
    client: &Client,
    schemas: &Schemas,
    op: &OpSpec,
    req: ApiRequest,
    read: impl FnOnce(Option<Answer>) -> Result<T, Error>,
) -> Result<T, Error> {
    client
        .exchange(req, |resp| {
            let Some(ty) = op.response else {
                return read(None);
            };
            if !client.checks_responses() {
                return read(Some(Answer::unscanned(resp)));
            }
            match scan(schemas, &resp.body, ty) {
                Some(wide) => read(Some(Answer { resp, wide })),
                None => {
                    // The one-pass check only says no; this slow one says where.
                    checked_value(schemas, ty, &resp)?;
                    read(Some(Answer::unscanned(resp)))
                }
            }
        })
        .await
}

/// The answer parsed into a `Value` and checked, naming the first field
/// that does not fit.
fn checked_value(schemas: &Schemas, ty: Ty, resp: &HttpResponse) -> Result<Value, Error> {
    let value: Value = crate::call::decode(resp)?;
    check(schemas, &value, ty, "").map_err(|message| Error::Decode {
        status: resp.status,
        message,
        request_id: resp.request_id(),
        context: crate::error::Context::answer(&resp.body),
    })?;
    Ok(value)
}

/// [`send`], for operations whose answer the caller needs.
pub async fn send_body(
    client: &Client,
    schemas: &Schemas,
    op: &OpSpec,
    req: ApiRequest,
) -> Result<Answer, Error> {
    send(client, schemas, op, req, |resp| {
        resp.ok_or_else(|| no_body(op))
    })
    .await
}

fn no_body(op: &OpSpec) -> Error {
    Error::invalid(format!("{}: the spec declares no answer body", op.id))
}

/// Read a JS argument object (`undefined` means none).
pub fn args(value: Option<JsValue>) -> Result<Args, Error> {
    if let Some(args) = value.as_ref().and_then(scalar_args) {
        return Ok(args);
    }
    match super::params(value)? {
        Value::Object(map) => Ok(map.into()),
        other => Err(Error::invalid(format!(
            "arguments should be an object, not {}",
            kind(&other)
        ))),
    }
}

/// A plain object of scalars (`{page: 1, pagesize: 20}`, the usual
/// arguments) read member by member, as its JSON text would parse; `None`
/// for anything else, which goes through that text. Keeps serde_json's
/// parser off a cold start's first call.
fn scalar_args(value: &JsValue) -> Option<Args> {
    use wasm_bindgen::JsCast;
    let object = value.dyn_ref::<js_sys::Object>()?;
    // Only a plain object: JSON reads others (a `Date`, anything with
    // `toJSON`, an array) in their own way.
    let plain = js_sys::Object::get_prototype_of(value);
    if !(plain.is_null() || plain == js_sys::Object::get_prototype_of(&js_sys::Object::new())) {
        return None;
    }
    let mut args = Args::default();
    for key in js_sys::Object::keys(object).iter() {
        let value = js_sys::Reflect::get(object, &key).ok()?;
        // JSON leaves an `undefined` member out.
        if !value.is_undefined() {
            args.insert(key.as_string()?, super::scalar(&value)?);
        }
    }
    Some(args)
}

/// One full call from JS: arguments in, plain object out (or, with
/// `withResponse`, `{data, status, headers}`).
pub async fn call(
    client: Client,
    schemas: &'static Schemas,
    op: &'static OpSpec,
    params: Option<JsValue>,
    with_response: bool,
) -> Result<JsValue, Error> {
    let args = args(params)?;
    let mut req = build(&client, schemas, op, &args)?;
    let (data, resp) = if let Some(file) = op.file {
        req.file = Some(file);
        let resp = client.execute(req).await?;
        let data = match file {
            crate::request::File::Text => JsValue::from_str(&resp.body),
            crate::request::File::Bytes => {
                js_sys::Uint8Array::from(resp.bytes.as_deref().unwrap_or(resp.body.as_bytes()))
                    .into()
            }
        };
        (data, Some(resp))
    } else {
        send(&client, schemas, op, req, |resp| match resp {
            Some(answer) => Ok((answer.parse()?, Some(answer.resp))),
            None => Ok((JsValue::UNDEFINED, None)),
        })
        .await?
    };
    match (with_response, resp) {
        (true, Some(resp)) => with_meta(data, &resp),
        _ => Ok(data),
    }
}

/// `{data, status, headers}`, headers by lower-case name (repeats joined
/// with `, ` as `fetch` does).
pub(crate) fn with_meta(data: JsValue, resp: &HttpResponse) -> Result<JsValue, Error> {
    let out = js_sys::Object::new();
    let headers = js_sys::Object::new();
    for (name, value) in &resp.headers {
        let key = JsValue::from_str(name);
        let joined = match js_sys::Reflect::get(&headers, &key)
            .ok()
            .and_then(|v| v.as_string())
        {
            Some(before) => format!("{before}, {value}"),
            None => value.clone(),
        };
        let _ = js_sys::Reflect::set(&headers, &key, &joined.into());
    }
    let set = |k: &str, v: &JsValue| js_sys::Reflect::set(&out, &k.into(), v);
    set("data", &data)
        .and(set("status", &resp.status.into()))
        .and(set("headers", &headers))
        .map_err(|_| Error::invalid("cannot build the response object"))?;
    Ok(out.into())
}

/// ZPA paging over a dynamic argument object.
#[cfg(zscaler_paging = "numbered")]
#[derive(Clone)]
pub struct DynArgs(pub Args);

#[cfg(zscaler_paging = "numbered")]
impl crate::pagination::PageParams for DynArgs {
    fn page(&self) -> Option<i32> {
        self.0
            .get("page")
            .and_then(Value::as_i64)
            .map(|p| p.clamp(i32::MIN as i64, i32::MAX as i64) as i32)
    }
    fn page_size(&self) -> Option<i32> {
        self.0
            .get("pagesize")
            .and_then(Value::as_i64)
            .map(|p| p.clamp(i32::MIN as i64, i32::MAX as i64) as i32)
    }
    fn set_page(&mut self, page: i32, size: i32) {
        self.0.insert("page".into(), page.into());
        self.0.insert("pagesize".into(), size.into());
    }
}

/// The `list` arrays of a paged ZPA operation, page by page, in order.
#[cfg(zscaler_paging = "numbered")]
pub fn pages(
    client: Client,
    schemas: &'static Schemas,
    op: &'static OpSpec,
    args: Args,
    max: usize,
) -> impl futures_util::Stream<Item = Result<js_sys::Array, Error>> {
    let budget = client.page_budget(op.product, op.id);
    crate::pagination::zpa_pages(&DynArgs(args), max, budget, move |p: DynArgs| {
        let client = client.clone();
        super::iter::ahead(async move {
            let req = build(&client, schemas, op, &p.0)?;
            let parsed = send_body(&client, schemas, op, req).await?.parse()?;
            let total = super::body::get(&parsed, "totalPages");
            // A numeric total is spelt by JS: Rust's float formatting would
            // add 14 KB of wasm for this one case.
            let total = total.as_string().or_else(|| {
                total.as_f64()?;
                let n: &js_sys::Number = wasm_bindgen::JsCast::unchecked_ref(&total);
                n.to_string_with_radix(10).ok().map(String::from)
            });
            let list = super::body::get(&parsed, "list");
            let list = wasm_bindgen::JsCast::dyn_into::<js_sys::Array>(list).unwrap_or_default();
            let count = list.length() as usize;
            Ok((total, count, list))
        })
    })
}

/// Every item of a paged ZPA operation in one array.
#[cfg(zscaler_paging = "numbered")]
pub async fn collect(
    client: Client,
    schemas: &'static Schemas,
    op: &'static OpSpec,
    params: Option<JsValue>,
) -> Result<JsValue, Error> {
    use futures_util::StreamExt;
    let pages = pages(
        client,
        schemas,
        op,
        args(params)?,
        crate::pagination::COLLECT_MAX_IN_FLIGHT,
    );
    let mut pages = std::pin::pin!(pages);
    // Pages are joined once at the end: two boundary calls per item (get,
    // push) cost more than the whole flat().
    let all = js_sys::Array::new();
    while let Some(list) = pages.next().await {
        all.push(&list?.into());
    }
    Ok(all.flat(1).into())
}

/// GET, merge the caller's patch, check it, PUT; returns what was stored.
#[cfg_attr(not(zscaler_patch), allow(dead_code))]
pub async fn patch(
    client: Client,
    schemas: &'static Schemas,
    get: &'static OpSpec,
    update: &'static OpSpec,
    params: Option<JsValue>,
) -> Result<JsValue, Error> {
    let mut args = args(params)?;
    let changes = args
        .remove("patch")
        .ok_or_else(|| Error::invalid(format!("{}: `patch` is required", update.id)))?;
    if !changes.is_object() {
        return Err(Error::invalid("patch must be a JSON object"));
    }
    let req = build(&client, schemas, get, &args)?;
    // Parsed into a `Value` to merge into, so the one-pass scan is skipped.
    let ty = get.response.ok_or_else(|| no_body(get))?;
    let mut current = client
        .exchange(req, |resp| checked_value(schemas, ty, &resp))
        .await?;
    crate::merge::merge(&mut current, &changes);
    let mut update_args = args;
    update_args.retain(|k| update.params.iter().any(|p| p.name == k));
    update_args.insert("body".into(), current.clone());
    let req = build(&client, schemas, update, &update_args)?;
    send(&client, schemas, update, req, |_| Ok(())).await?;
    super::to_js(&current)
}
