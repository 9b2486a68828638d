//! Emits the wasm-bindgen wrappers: one JS method per operation on the
//! product's JS class, typed through the generated TypeScript namespace.

use crate::model::{Op, TypeRef};
use crate::names::{pascal, snake};
use crate::rust_ops::{all_name, caller_params, params_struct, type_rust};
use crate::ts_types::ts_type;
use crate::Product;
use openapiv3::OpenAPI;
use std::fmt::Write;

fn params_arg(product: &Product, op: &Op) -> String {
    let optional = op.body.is_none() && caller_params(product, op).all(|p| !p.required);
    let ty = format!("{}.{}", product.ts_namespace, params_struct(op));
    if optional {
        format!("#[wasm_bindgen(unchecked_param_type = \"{ty}\")] params: Option<wasm_bindgen::JsValue>")
    } else {
        format!("#[wasm_bindgen(unchecked_param_type = \"{ty}\")] params: wasm_bindgen::JsValue")
    }
}

fn header(out: &mut String, doc: &str, js_name: &str, ret: &str) {
    writeln!(out, "    /// {doc}").unwrap();
    writeln!(
        out,
        "    #[wasm_bindgen(js_name = \"{js_name}\", unchecked_return_type = \"Promise<{ret}>\")]"
    )
    .unwrap();
}

/// Emit the JS class body for one product.
pub fn emit(product: &Product, doc: &OpenAPI, ops: &[Op]) -> String {
    let mut out = String::new();
    writeln!(
        out,
        "#[wasm_bindgen::prelude::wasm_bindgen(js_class = \"{}\")]",
        product.js_class
    )
    .unwrap();
    writeln!(out, "impl {} {{", product.js_class).unwrap();
    for op in ops {
        let name = snake(&op.id);
        let ps = params_struct(op);
        let ret = match &op.response {
            Some(t) => ts_type(product, t),
            None => "void".to_string(),
        };
        header(
            &mut out,
            &format!(
                "{} (`{} {}`).",
                op.summary.trim_end_matches('.'),
                op.method,
                op.path
            ),
            &op.id,
            &ret,
        );
        writeln!(
            out,
            "    pub fn {name}(&self, {}) -> js_sys::Promise {{",
            params_arg(product, op)
        )
        .unwrap();
        writeln!(out, "        let api = self.0.clone();").unwrap();
        writeln!(out, "        crate::js::promise(async move {{").unwrap();
        writeln!(out, "            let p: {ps} = crate::js::params(params)?;").unwrap();
        writeln!(out, "            let req = api.request_{name}(&p)?;").unwrap();
        match &op.response {
            Some(t) => writeln!(
                out,
                "            Ok(crate::js::call_json::<{}>(&api.client, req).await?.1)",
                type_rust(t)
            )
            .unwrap(),
            None => writeln!(
                out,
                "            crate::js::call_empty(&api.client, req).await"
            )
            .unwrap(),
        }
        writeln!(out, "        }})\n    }}\n").unwrap();

        let page_item = op
            .zpa_page_item(doc)
            .filter(|_| crate::rust_ops::helpers_free(op, ops));
        if let (Some(item), Some(TypeRef::Named(page))) = (page_item, &op.response) {
            let all = all_name(op);
            header(
                &mut out,
                &format!("Every item of `{}`, walking all pages in order.", op.id),
                &all,
                &format!("{}.{}[]", product.ts_namespace, pascal(&item)),
            );
            writeln!(
                out,
                "    pub fn {}(&self, {}) -> js_sys::Promise {{",
                snake(&all),
                params_arg(product, op)
            )
            .unwrap();
            writeln!(out, "        let api = self.0.clone();").unwrap();
            writeln!(out, "        crate::js::promise(async move {{").unwrap();
            writeln!(out, "            let p: {ps} = crate::js::params(params)?;").unwrap();
            writeln!(
                out,
                "            crate::js::zpa_collect::<types::{}, _, _, _>(&p, |p| {{",
                pascal(page)
            )
            .unwrap();
            writeln!(out, "                let api = api.clone();").unwrap();
            writeln!(out, "                async move {{ crate::js::call_json(&api.client, api.request_{name}(&p)?).await }}").unwrap();
            writeln!(out, "            }}).await").unwrap();
            writeln!(out, "        }})\n    }}\n").unwrap();
            emit_iter(&mut out, product, op, page, &item);
        }
    }
    for pair in crate::patch_ops::pairs(product, ops) {
        let ret = ts_type(product, pair.update.body.as_ref().unwrap());
        header(
            &mut out,
            &format!(
                "Change only the named fields: `{}`, merge, `{}`.",
                pair.get.id, pair.update.id
            ),
            &pair.id,
            &ret,
        );
        writeln!(
            out,
            "    pub fn {}(&self, #[wasm_bindgen(unchecked_param_type = \"{}.{}\")] params: wasm_bindgen::JsValue) -> js_sys::Promise {{",
            snake(&pair.id),
            product.ts_namespace,
            crate::patch_ops::params_name(&pair)
        )
        .unwrap();
        writeln!(out, "        let api = self.0.clone();").unwrap();
        writeln!(out, "        crate::js::promise(async move {{").unwrap();
        writeln!(
            out,
            "            let p: {} = crate::js::params(params)?;",
            crate::patch_ops::params_name(&pair)
        )
        .unwrap();
        writeln!(
            out,
            "            crate::js::to_js(&api.{}(&p).await?)",
            snake(&pair.id)
        )
        .unwrap();
        writeln!(out, "        }})\n    }}\n").unwrap();
    }
    writeln!(out, "}}").unwrap();
    out
}

fn emit_iter(out: &mut String, product: &Product, op: &Op, page: &str, item: &str) {
    let name = snake(&op.id);
    let iter = crate::rust_ops::iter_name(op);
    writeln!(
        out,
        "    /// Every item of `{}` as an async iterable: `for await (const x of ...)`.",
        op.id
    )
    .unwrap();
    writeln!(
        out,
        "    #[wasm_bindgen(js_name = \"{iter}\", unchecked_return_type = \"AsyncIterableIterator<{}.{}>\")]",
        product.ts_namespace,
        pascal(item)
    )
    .unwrap();
    writeln!(
        out,
        "    pub fn {}(&self, {}) -> Result<wasm_bindgen::JsValue, wasm_bindgen::JsValue> {{",
        snake(&iter),
        params_arg(product, op)
    )
    .unwrap();
    writeln!(out, "        let api = self.0.clone();").unwrap();
    writeln!(
        out,
        "        let p: {} = crate::js::params(params).map_err(|e| crate::js::to_js_error(&e))?;",
        params_struct(op)
    )
    .unwrap();
    writeln!(
        out,
        "        Ok(crate::js::zpa_iterator::<types::{}, _, _, _>(p, move |p| {{",
        pascal(page)
    )
    .unwrap();
    writeln!(out, "            let api = api.clone();").unwrap();
    writeln!(out, "            async move {{ crate::js::call_json(&api.client, api.request_{name}(&p)?).await }}").unwrap();
    writeln!(out, "        }}))").unwrap();
    writeln!(out, "    }}\n").unwrap();
}
