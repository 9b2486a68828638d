//! `client.rateBudget(product)`: the pacer's state for a console or a
//! backend to show, e.g. "ZPA GET: 3 of 20 free, next in 4 s".

use super::{errors::to_js_error, ZscalerClient};
use crate::{Error, Product};
use wasm_bindgen::prelude::*;

#[wasm_bindgen]
impl ZscalerClient {
    /// Each documented limit of `product` (`"zpa"`, `"zia"`…) as it stands
    /// now, shared by every call and walk of this client:
    /// `{methods, operations, max, windowMs, remaining, waitMs}`. Empty
    /// when the product documents no limit or pacing is off.
    #[wasm_bindgen(js_name = rateBudget, unchecked_return_type = "RateBudget[]")]
    pub fn rate_budget(
        &self,
        #[wasm_bindgen(unchecked_param_type = "string")] product: JsValue,
    ) -> Result<js_sys::Array, JsValue> {
        let name = product.as_string().unwrap_or_default();
        let product = Product::named(&name).ok_or_else(|| {
            let known: Vec<&str> = Product::ALL.iter().map(|p| p.name()).collect();
            to_js_error(&Error::invalid(format!(
                "rateBudget: unknown product {name:?} (one of {})",
                known.join(", ")
            )))
        })?;
        let out = js_sys::Array::new();
        for b in self.client.rate_budget(product) {
            let o = js_sys::Object::new();
            let strings = |list: &[&str]| -> js_sys::Array {
                list.iter().map(|s| JsValue::from_str(s)).collect()
            };
            let set = |k: &str, v: JsValue| js_sys::Reflect::set(&o, &k.into(), &v);
            set("methods", strings(b.methods).into())?;
            set("operations", strings(b.operations).into())?;
            set("max", (b.max as f64).into())?;
            set("windowMs", (b.window_ms as f64).into())?;
            set("remaining", (b.remaining as f64).into())?;
            set("waitMs", (b.wait_ms as f64).into())?;
            out.push(&o);
        }
        Ok(out)
    }
}
