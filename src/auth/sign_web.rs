//! Signatures through WebCrypto (`crypto.subtle`), which browsers, Node and
//! Workers all provide; it adds almost nothing to the wasm size, unlike a
//! bundled RSA/ECDSA implementation. ECDSA there already yields the
//! `r || s` form that JWS expects.

use super::{Alg, KeyMaterial, SigningKey};
use crate::Error;
use js_sys::{Array, Object, Reflect, Uint8Array};
use wasm_bindgen::{JsCast, JsValue};
use wasm_bindgen_futures::JsFuture;

fn fail(what: &str) -> Error {
    // WebCrypto's own messages are generic; ours say which step failed
    // and never echo the key.
    Error::config(format!("privateKey: WebCrypto could not {what}"))
}

fn get(target: &JsValue, key: &str) -> Result<JsValue, Error> {
    Reflect::get(target, &JsValue::from_str(key)).map_err(|_| fail("be found"))
}

fn object(pairs: &[(&str, JsValue)]) -> Object {
    let o = Object::new();
    for (k, v) in pairs {
        let _ = Reflect::set(&o, &JsValue::from_str(k), v);
    }
    o
}

async fn call(
    target: &JsValue,
    method: &str,
    args: &[JsValue],
    what: &str,
) -> Result<JsValue, Error> {
    let f: js_sys::Function = get(target, method)?.dyn_into().map_err(|_| fail(what))?;
    let promise = f
        .apply(target, &args.iter().collect::<Array>())
        .map_err(|_| fail(what))?;
    JsFuture::from(js_sys::Promise::resolve(&promise))
        .await
        .map_err(|_| fail(what))
}

fn crypto() -> Result<JsValue, Error> {
    let c = get(&js_sys::global(), "crypto")?;
    if c.is_undefined() {
        return Err(fail("be found (no global `crypto`)"));
    }
    Ok(c)
}

fn algorithm(alg: Alg) -> (Object, Object) {
    let s = JsValue::from_str;
    match alg {
        Alg::Rs256 => {
            let a = object(&[("name", s("RSASSA-PKCS1-v1_5")), ("hash", s("SHA-256"))]);
            (a.clone(), a)
        }
        Alg::Es256 => (
            object(&[("name", s("ECDSA")), ("namedCurve", s("P-256"))]),
            object(&[("name", s("ECDSA")), ("hash", s("SHA-256"))]),
        ),
    }
}

/// The raw JWS signature of `input`.
pub(super) async fn sign(key: &SigningKey, input: &[u8]) -> Result<Vec<u8>, Error> {
    let subtle = get(&crypto()?, "subtle")?;
    let (import_alg, sign_alg) = algorithm(key.alg);
    let (format, data): (&str, JsValue) = match &key.material {
        KeyMaterial::Pkcs8(der) => ("pkcs8", Uint8Array::from(der.as_slice()).into()),
        KeyMaterial::Jwk(text) => (
            "jwk",
            js_sys::JSON::parse(text).map_err(|_| fail("read the JWK"))?,
        ),
    };
    let usages: Array = [JsValue::from_str("sign")].into_iter().collect();
    let args = [
        JsValue::from_str(format),
        data,
        import_alg.into(),
        JsValue::FALSE,
        usages.into(),
    ];
    let crypto_key = call(&subtle, "importKey", &args, "import the key").await?;
    let args = [sign_alg.into(), crypto_key, Uint8Array::from(input).into()];
    let sig = call(&subtle, "sign", &args, "sign").await?;
    Ok(Uint8Array::new(&sig).to_vec())
}

/// Fill `buf` from `crypto.getRandomValues`.
pub(super) fn random(buf: &mut [u8]) -> Result<(), Error> {
    let c = crypto()?;
    let f: js_sys::Function = get(&c, "getRandomValues")?
        .dyn_into()
        .map_err(|_| fail("give random values"))?;
    let arr = Uint8Array::new_with_length(buf.len() as u32);
    f.call1(&c, &arr).map_err(|_| fail("give random values"))?;
    arr.copy_to(buf);
    Ok(())
}
