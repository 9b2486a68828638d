//! `client.request(route, params, options)`: the escape hatch for an
//! operation the specs lack, with call options like every method.

use super::{body, call, table, ZscalerClient};
use crate::Error;
use wasm_bindgen::prelude::*;

#[wasm_bindgen]
impl ZscalerClient {
    /// Call a route the specs lack, with every call's auth, pacing,
    /// retries and error typing: `client.request('GET /zia/api/v1/ipGroups/{id}', { id: 5 })`.
    /// `{name}` placeholders fill from `params`, `body` is the JSON body,
    /// the other members are query parameters. Resolves to the parsed JSON,
    /// a string for any other answer, `undefined` for an empty one.
    #[wasm_bindgen(unchecked_return_type = "Promise<any>")]
    pub fn request(
        &self,
        #[wasm_bindgen(unchecked_param_type = "string")] route: JsValue,
        #[wasm_bindgen(unchecked_param_type = "Record<string, unknown>")] params: Option<JsValue>,
        #[wasm_bindgen(unchecked_param_type = "CallOptions")] options: Option<JsValue>,
    ) -> js_sys::Promise {
        let client = self.client.clone();
        let read = call::read(options);
        let signal = read.as_ref().ok().and_then(|c| c.signal.clone());
        let run = async move {
            let call = read?;
            let client = match call.settings {
                Some(s) => client.with_call_options(s)?,
                None => client,
            };
            let route = route.as_string().ok_or_else(|| {
                Error::invalid("the route must be a string such as \"GET /zia/api/v1/users\"")
            })?;
            let params = table::args(params)?;
            let req = crate::raw::build(&route, &params)?;
            let resp = client.execute(req).await?;
            let data = if resp.body.trim().is_empty() {
                JsValue::UNDEFINED
            } else {
                body::parse(&resp).unwrap_or_else(|_| JsValue::from_str(&resp.body))
            };
            if call.with_response {
                table::with_meta(data, &resp)
            } else {
                Ok(data)
            }
        };
        wasm_bindgen_futures::future_to_promise(async move {
            call::abortable(run, signal.as_ref())
                .await
                .map_err(|e| call::js_error(&e, signal.as_ref()))
        })
    }
}
