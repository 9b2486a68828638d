//! Emits the JS side of a product: the operation and schema tables that the
//! generic dispatcher in `src/js/table.rs` runs on, and the list of JS
//! method names that `src/js/methods.rs` defines on the product's class.

use crate::model::{Op, TypeRef};
use crate::registry::Product;
use crate::ts_types::ts_type;
use openapiv3::{OpenAPI, ReferenceOr, Schema, SchemaKind, Type};
use proc_macro2::{Literal, TokenStream};
use quote::{format_ident, quote};
use std::collections::BTreeMap;
use std::fmt::Write;

/// Object schemas numbered for the table: components first, then inline
/// ones; each row its fields, sorted by name, with their `Ty` expressions.
struct Schemas<'a> {
    doc: &'a OpenAPI,
    index: BTreeMap<String, usize>,
    rows: Vec<Vec<(String, TokenStream)>>,
}

/// `Ty::object(i)`: the object schema in row `i`.
fn ty_ref(i: usize) -> TokenStream {
    let i = Literal::usize_unsuffixed(i);
    quote!(Ty::object(#i))
}

impl<'a> Schemas<'a> {
    fn new(doc: &'a OpenAPI) -> Self {
        let mut index = BTreeMap::new();
        if let Some(c) = &doc.components {
            for name in c.schemas.keys() {
                let n = index.len();
                index.insert(name.clone(), n);
            }
        }
        let rows = vec![Vec::new(); index.len()];
        let mut s = Self { doc, index, rows };
        if let Some(c) = &doc.components {
            for (name, schema) in &c.schemas {
                let row = match schema {
                    ReferenceOr::Item(schema) => s.object_row(schema),
                    ReferenceOr::Reference { .. } => Vec::new(),
                };
                let i = s.index[name];
                s.rows[i] = row;
            }
        }
        s
    }

    fn object_row(&mut self, schema: &Schema) -> Vec<(String, TokenStream)> {
        let mut fields = Vec::new();
        if let SchemaKind::Type(Type::Object(o)) = &schema.schema_kind {
            for (name, prop) in &o.properties {
                let ty = self.ty(&prop.clone().unbox());
                fields.push((name.clone(), ty));
            }
        }
        // Sorted by name: the one-pass body check finds keys by binary search.
        fields.sort_by(|a, b| a.0.cmp(&b.0));
        fields
    }

    /// The `crate::schema::Schemas` static: every schema's fields in one
    /// list, with where each schema's begin.
    fn table(&self) -> TokenStream {
        // Each wire name once, in byte order; fields refer to theirs by index.
        let names: BTreeMap<&str, u16> = self
            .rows
            .iter()
            .flatten()
            .map(|(name, _)| name.as_str())
            .collect::<std::collections::BTreeSet<_>>()
            .into_iter()
            .enumerate()
            .map(|(i, name)| (name, u16::try_from(i).expect("a product's names fit u16")))
            .collect();
        let (mut fields, mut starts) = (Vec::new(), vec![0usize]);
        for row in &self.rows {
            for (name, ty) in row {
                let at = Literal::u16_unsuffixed(names[name.as_str()]);
                fields.push(quote!(Field::new(#at, #ty)));
            }
            starts.push(fields.len());
        }
        let names = names.keys();
        let starts = starts.iter().map(|&s| {
            Literal::u16_unsuffixed(u16::try_from(s).expect("a product's fields fit u16"))
        });
        quote! {
            static SCHEMAS: Schemas = Schemas {
                names: &[#(#names),*],
                fields: &[#(#fields),*],
                starts: &[#(#starts),*],
            };
        }
    }

    /// A `Ty` expression for a schema.
    fn ty(&mut self, schema: &ReferenceOr<Schema>) -> TokenStream {
        match schema {
            ReferenceOr::Reference { reference } => {
                let name = crate::model::ref_name(reference);
                match crate::model::component(self.doc, &name) {
                    Some(s) if matches!(s.schema_kind, SchemaKind::Type(Type::Object(_))) => {
                        ty_ref(self.index[&name])
                    }
                    Some(s) => {
                        let s = s.clone();
                        self.ty(&ReferenceOr::Item(s))
                    }
                    None => quote!(Ty::ANY),
                }
            }
            ReferenceOr::Item(s) => match &s.schema_kind {
                SchemaKind::Type(Type::String(_)) => quote!(Ty::STR),
                SchemaKind::Type(Type::Integer(_)) => quote!(Ty::INT),
                SchemaKind::Type(Type::Number(_)) => quote!(Ty::NUM),
                SchemaKind::Type(Type::Boolean(_)) => quote!(Ty::BOOL),
                SchemaKind::Type(Type::Array(a)) => {
                    let items = match &a.items {
                        Some(items) => self.ty(&items.clone().unbox()),
                        None => quote!(Ty::ANY),
                    };
                    quote!(Ty::array(#items))
                }
                SchemaKind::Type(Type::Object(_)) => {
                    let row = self.object_row(s);
                    self.rows.push(row);
                    ty_ref(self.rows.len() - 1)
                }
                _ => quote!(Ty::ANY),
            },
        }
    }

    fn type_ref(&mut self, t: &TypeRef) -> TokenStream {
        match t {
            TypeRef::Named(n) => self.ty(&ReferenceOr::Reference {
                reference: format!("#/components/schemas/{n}"),
            }),
            TypeRef::Array(inner) => {
                let inner = self.type_ref(inner);
                quote!(Ty::array(#inner))
            }
            TypeRef::Prim(p) => p.js_ty().parse().expect("a Ty path"),
            TypeRef::Any => quote!(Ty::ANY),
        }
    }
}

fn op_row(product: &Product, schemas: &mut Schemas, op: &Op) -> TokenStream {
    let params = op.caller_params(product).map(|p| {
        let prim: TokenStream = p.prim.js_ty().parse().expect("a Ty path");
        let ty = if p.array {
            quote!(Ty::array(#prim))
        } else {
            prim
        };
        let (name, required) = (&p.name, p.required);
        let place = format_ident!("{}", p.place.as_str());
        quote!(ParamSpec { name: #name, place: Place::#place, ty: #ty, required: #required })
    });
    let some = |t: Option<TokenStream>| t.map_or(quote!(None), |t| quote!(Some(#t)));
    let body = some(op.body.as_ref().map(|b| schemas.type_ref(b)));
    let response = some(op.response.as_ref().map(|r| schemas.type_ref(r)));
    let file = some(op.file.map(|f| {
        let v = format_ident!("{}", f.variant());
        quote!(crate::request::File::#v)
    }));
    let (id, method, path, body_required) = (&op.id, &op.method, &op.path, op.body_required);
    let variant = format_ident!("{}", product.type_name);
    let effect = format_ident!("{}", op.effect(product));
    quote! {
        OpSpec {
            id: #id, product: crate::Product::#variant, method: #method, path: #path,
            params: &[#(#params),*], body: #body, body_required: #body_required,
            response: #response, file: #file, effect: crate::request::Effect::#effect
        }
    }
}

/// The TypeScript parameter: `params?: T` when every argument is optional,
/// so `client.zia.listUsers()` type-checks as it runs.
fn ts_param(arg_ty: &str, optional: bool) -> String {
    if optional {
        format!("params?: {arg_ty}")
    } else {
        format!("params: {arg_ty}")
    }
}

/// The JS methods of one product beyond its single calls (which are
/// numbered as the operations are and named by their ids, so the table
/// stores neither): each one's name and the Rust `Method` it dispatches
/// to; and every method's TypeScript declaration.
#[derive(Default)]
struct Methods {
    names: Vec<String>,
    ts: String,
    rows: Vec<String>,
}

impl Methods {
    /// A method taking call options (`options?: CallOptions`); a single
    /// call resolves to `{data, status, headers}` when they ask for it.
    /// `row` is `None` for a single call.
    fn add(&mut self, doc: &str, name: &str, param: &str, ret: Ret, row: Option<String>) {
        // A spec summary must not end the JSDoc comment early.
        let doc = doc.replace("*/", "*\\/");
        let sig = match ret {
            Ret::Call(t) => format!(
                "{name}<O extends CallOptions = {{}}>({param}, options?: O): Promise<Answer<{t}, O>>"
            ),
            Ret::Other(t) => format!("{name}({param}, options?: WalkOptions): {t}"),
        };
        writeln!(self.ts, "    /** {doc} */\n    {sig};").unwrap();
        if let Some(row) = row {
            self.names.push(name.to_string());
            self.rows.push(row);
        }
    }
}

/// What a method returns, for its TypeScript signature.
enum Ret {
    /// A single call's answer type (inside the `Promise`).
    Call(String),
    /// A walk's or patch's whole return type.
    Other(String),
}

/// Emit the tables, the method list and the JS class glue for one product.
pub fn emit(product: &Product, doc: &OpenAPI, ops: &[Op]) -> TokenStream {
    let mut schemas = Schemas::new(doc);
    let rows: Vec<TokenStream> = ops
        .iter()
        .map(|op| op_row(product, &mut schemas, op))
        .collect();
    let mut methods = Methods::default();
    let ns = &product.type_name;
    let m = "crate::js::methods::Method";
    for (i, op) in ops.iter().enumerate() {
        let param = ts_param(
            &format!("{ns}.{}", op.params_struct()),
            op.args_optional(product),
        );
        let ret = match (&op.response, op.file) {
            (Some(t), _) => ts_type(product, t),
            (None, Some(crate::model::File::Text)) => "string".into(),
            (None, Some(crate::model::File::Bytes)) => "Uint8Array".into(),
            (None, None) => "void".into(),
        };
        methods.add(&op.doc(), &op.id, &param, Ret::Call(ret), None);
        let walk = if let Some(item) = op.zpa_page_item(doc).filter(|_| op.helpers_free(ops)) {
            Some((
                item,
                format!("{m}::ZpaAll({i})"),
                format!("{m}::ZpaIter({i})"),
            ))
        } else if let Some(walk) =
            crate::paging::cursor_item(op, doc).filter(|_| op.helpers_free(ops))
        {
            let kind = walk.js_variant();
            Some((
                walk.item,
                format!("{m}::CursorAll({i}, {kind})"),
                format!("{m}::CursorIter({i}, {kind})"),
            ))
        } else {
            None
        };
        if let Some((item, all, iter)) = walk {
            // The TypeScript name is the spec's schema name as written;
            // only the Rust type is re-cased (`CustomIPBasedApplication`).
            let item = format!("{ns}.{item}");
            let all_doc = format!("Every item of `{}`, walking all pages in order.", op.id);
            methods.add(
                &all_doc,
                &op.all_name(),
                &param,
                Ret::Other(format!("Promise<{item}[]>")),
                Some(all),
            );
            let iter_doc = format!("Every item of `{}` as an async iterable.", op.id);
            let iter_ret = format!("AsyncIterableIterator<{item}>");
            methods.add(
                &iter_doc,
                &op.iter_name(),
                &param,
                Ret::Other(iter_ret),
                Some(iter),
            );
        }
    }
    for pair in crate::patch_ops::pairs(product, ops) {
        let g = ops.iter().position(|o| o.id == pair.get.id).unwrap();
        let u = ops.iter().position(|o| o.id == pair.update.id).unwrap();
        let ret = format!(
            "Promise<{}>",
            ts_type(product, pair.update.body.as_ref().unwrap())
        );
        let param = ts_param(
            &format!("{ns}.{}", crate::patch_ops::params_name(&pair)),
            false,
        );
        let doc = format!(
            "Change only the named fields: `{}`, merge, `{}`.",
            pair.get.id, pair.update.id
        );
        methods.add(
            &doc,
            &pair.id,
            &param,
            Ret::Other(ret),
            Some(format!("{m}::Patch({g}, {u})")),
        );
    }
    let (schema_table, op_rows) = (schemas.table(), &rows);
    let method_rows = methods
        .rows
        .iter()
        .map(|r| -> TokenStream { r.parse().expect("method row tokenizes") });
    let names = methods.names.join(",");
    let class = format_ident!("{}", product.js_class());
    let class_name = product.js_class();
    // A raw string keeps the declarations readable in the generated file.
    let ts: TokenStream = format!(
        "r####\"export interface {class_name} {{\n{}}}\"####",
        methods.ts
    )
    .parse()
    .expect("declarations fit a raw string");
    let hand_out_doc = format!(
        " `client.{}` as handed to JS, its class's methods defined on first use.",
        product.name
    );
    quote! {
        use crate::schema::{Field, Schemas, Ty};
        use crate::js::table::{OpSpec, ParamSpec, Place};
        #schema_table
        static OPS: &[OpSpec] = &[#(#op_rows),*];
        static METHODS: crate::js::methods::Methods = crate::js::methods::Methods {
            names: #names,
            table: &[#(#method_rows),*],
            schemas: &SCHEMAS,
            ops: OPS,
            installed: std::sync::atomic::AtomicBool::new(false)
        };
        // The methods are defined at run time; this interface merges with
        // the class wasm-bindgen declares, so editors still see every one.
        #[wasm_bindgen(typescript_custom_section)]
        const TS_METHODS: &'static str = #ts;
        #[wasm_bindgen(js_class = #class_name)]
        impl #class {
            /// Run JS method number `index`: the single call of operation `index`, or row `index - OPS.len()` of `METHODS` (the methods `methods.js` defines call this).
            #[wasm_bindgen(js_name = "__op", skip_typescript)]
            pub fn op(&self, index: u32, params: Option<JsValue>, options: Option<JsValue>) -> Result<JsValue, JsValue> {
                METHODS.dispatch(&self.0.client, index, params, options)
            }
        }
        #[doc = #hand_out_doc]
        pub(crate) fn hand_out(api: #class) -> JsValue { METHODS.hand_out(api.into()) }
    }
}
