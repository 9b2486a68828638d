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
        let read = call::read(options);
        let signal = read.as_ref().ok().and_then(|c| c.signal.clone());
        let client = &self.client;
        let run = match read {
            Ok(mut call) => call.client(client).map(|c| (c, call.with_response)),
            Err(e) => Err(e),
        };
        call::promise(
            async move {
                let (client, with_response) = run?;
                let route = route.as_string().ok_or_else(|| {
                    Error::invalid("the route must be a string such as \"GET /zia/api/v1/users\"")
                })?;
                let params = table::args(params)?.into();
                let resp = client.execute(crate::raw::build(&route, &params)?).await?;
                let data = if resp.body.trim().is_empty() {
                    JsValue::UNDEFINED
                } else {
                    body::unscanned(&resp.body).unwrap_or_else(|_| JsValue::from_str(&resp.body))
                };
                if with_response {
                    table::with_meta(data, &resp)
                } else {
                    Ok(data)
                }
            },
            signal,
        )
    }
}
