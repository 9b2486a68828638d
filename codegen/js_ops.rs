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

        if let (Some(item), Some(TypeRef::Named(page))) = (op.zpa_page_item(doc), &op.response) {
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
        }
    }
    writeln!(out, "}}").unwrap();
    out
}
