//! The operation methods of each product object (`client.zpa`, ...).
//! Each product class has one dispatcher export, `__op(index, params,
//! options)`, and a generated list of method names that
//! `methods.js` turns into prototype methods the first time the product
//! object is handed to JS. One export instead of ~1,400 wrappers is most of
//! the JS glue a cold start parses (BENCHMARKS.md, P3).

use super::{call, iter, table, to_js_error};
use crate::schema::Schemas;
use crate::{Client, Error};
use std::sync::atomic::{AtomicBool, Ordering};
use table::OpSpec;
use wasm_bindgen::prelude::*;

/// What one JS method does, with its rows in the product's `OPS`.
#[derive(Clone, Copy, Debug)]
pub enum Method {
    /// One call of an operation.
    Call(u16),
    /// Every item of a ZPA paged list in one array.
    #[cfg(zscaler_paging = "numbered")]
    ZpaAll(u16),
    /// Every item of a ZPA paged list as an async iterable.
    #[cfg(zscaler_paging = "numbered")]
    ZpaIter(u16),
    /// Every item of a list walked by cursor (page number, offset or token) in one array.
    #[cfg(zscaler_cursor)]
    CursorAll(u16, super::cursor::CursorKind),
    /// Every item of a list walked by cursor as an async iterable.
    #[cfg(zscaler_cursor)]
    CursorIter(u16, super::cursor::CursorKind),
    /// Get, merge the caller's fields, update.
    #[cfg(zscaler_patch)]
    Patch(u16, u16),
}

/// The generated method table of one product. JS method `i` is the single
/// call of operation `i`, named by its id; the methods after those (walks,
/// patches) are listed here. Not storing the calls again keeps ~10 KB of
/// names out of a product's wasm.
pub struct Methods {
    /// The JS names of the methods after the single calls, comma
    /// separated, in the order of `table`.
    pub names: &'static str,
    /// What each of those does.
    pub table: &'static [Method],
    /// The product's schema table.
    pub schemas: &'static Schemas,
    /// The product's operation table.
    pub ops: &'static [OpSpec],
    /// Set once `methods.js` has defined the names on the class.
    pub installed: AtomicBool,
}

#[wasm_bindgen(module = "/src/js/methods.js")]
extern "C" {
    fn install(proto: &JsValue, names: &str);
}

impl Methods {
    /// A product object for JS, its class given its methods on first use.
    pub fn hand_out(&self, object: JsValue) -> JsValue {
        if !self.installed.swap(true, Ordering::Relaxed) {
            install(
                &js_sys::Object::get_prototype_of(&object).into(),
                &self.all_names(),
            );
        }
        object
    }

    /// Every JS method name, comma separated, in method number order.
    fn all_names(&self) -> String {
        let ids: usize = self.ops.iter().map(|op| op.id.len() + 1).sum();
        let mut all = String::with_capacity(ids + self.names.len());
        for op in self.ops {
            all.push_str(op.id);
            all.push(',');
        }
        all.push_str(self.names);
        if self.names.is_empty() {
            all.pop();
        }
        all
    }

    /// What method number `index` does.
    fn method(&self, index: u32) -> Option<Method> {
        let index = usize::try_from(index).ok()?;
        match index.checked_sub(self.ops.len()) {
            None => Some(Method::Call(u16::try_from(index).ok()?)),
            Some(row) => self.table.get(row).copied(),
        }
    }

    /// Run method `index` with its call options: a promise for calls and
    /// collections, an async iterator for walks (thrown at once when its
    /// arguments are wrong, as before the table existed).
    pub fn dispatch(
        &self,
        client: &Client,
        index: u32,
        params: Option<JsValue>,
        options: Option<JsValue>,
    ) -> Result<JsValue, JsValue> {
        let Some(method) = self.method(index) else {
            return Err(to_js_error(&Error::invalid(format!(
                "no operation number {index}"
            ))));
        };
        // Bad call options fail as bad arguments do: a rejected promise,
        // or a throw for iterators, which are handed out synchronously.
        let fail = |e: Error| {
            let err = to_js_error(&e);
            match method {
                #[cfg(zscaler_paging = "numbered")]
                Method::ZpaIter(_) => Err(err),
                #[cfg(zscaler_cursor)]
                Method::CursorIter(..) => Err(err),
                _ => Ok(js_sys::Promise::reject(&err).into()),
            }
        };
        let mut call = match call::read(options) {
            Ok(call) => call,
            Err(e) => return fail(e),
        };
        if call.with_response && !matches!(method, Method::Call(_)) {
            return fail(Error::invalid(
                "withResponse applies to single calls, not to walks or patches",
            ));
        }
        let prefetch = call.settings.as_ref().is_some_and(|s| s.prefetch.is_some());
        let reads_ahead = match method {
            #[cfg(zscaler_paging = "numbered")]
            Method::ZpaIter(_) => true,
            #[cfg(zscaler_cursor)]
            Method::CursorIter(_, kind) => kind.gives_total(),
            _ => false,
        };
        if prefetch && !reads_ahead {
            return fail(Error::invalid(
                "prefetch applies to iterators over pages that give their total (ZPA, and ZCC's and ZWA's counted lists)",
            ));
        }
        let client = match call.client(client) {
            Ok(client) => client,
            Err(e) => return fail(e),
        };
        let (schemas, ops, signal) = (self.schemas, self.ops, call.signal);
        let op = |i: u16| &ops[i as usize];
        // Every promise races the signal; iterators check it per page.
        match method {
            Method::Call(i) => Ok(single(
                client,
                schemas,
                op(i),
                params,
                signal,
                call.with_response,
            )),
            _ => walk_or_patch(
                method,
                client,
                schemas,
                ops,
                params,
                signal,
                call.with_response,
            ),
        }
    }
}

/// One call of `op`, as a promise that races the signal.
fn single(
    client: Client,
    schemas: &'static Schemas,
    op: &'static OpSpec,
    params: Option<JsValue>,
    signal: Option<web_sys::AbortSignal>,
    with_response: bool,
) -> JsValue {
    call::promise(
        table::call(client, schemas, op, params, with_response),
        signal,
    )
    .into()
}

/// The methods other than single calls. Out of line: V8 compiles a wasm
/// function whole on its first call, and a first call is most often a
/// single call, whose cold start then need not compile the walks.
#[inline(never)]
fn walk_or_patch(
    method: Method,
    client: Client,
    schemas: &'static Schemas,
    ops: &'static [OpSpec],
    params: Option<JsValue>,
    signal: Option<web_sys::AbortSignal>,
    with_response: bool,
) -> Result<JsValue, JsValue> {
    let op = |i: u16| &ops[i as usize];
    Ok(match method {
        Method::Call(i) => single(client, schemas, op(i), params, signal, with_response),
        #[cfg(zscaler_paging = "numbered")]
        Method::ZpaAll(i) => {
            call::promise(table::collect(client, schemas, op(i), params), signal).into()
        }
        #[cfg(zscaler_paging = "numbered")]
        Method::ZpaIter(i) => iter::zpa_iterator(client, schemas, op(i), params, signal)
            .map_err(|e| to_js_error(&e))?,
        #[cfg(zscaler_cursor)]
        Method::CursorAll(i, kind) => {
            let fut = super::cursor::cursor_collect(client, schemas, op(i), kind, params);
            call::promise(fut, signal).into()
        }
        #[cfg(zscaler_cursor)]
        Method::CursorIter(i, kind) => {
            iter::cursor_iterator(client, schemas, op(i), kind, params, signal)
                .map_err(|e| to_js_error(&e))?
        }
        #[cfg(zscaler_patch)]
        Method::Patch(g, u) => {
            call::promise(table::patch(client, schemas, op(g), op(u), params), signal).into()
        }
    })
}
