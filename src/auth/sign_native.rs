//! Native signatures with the RustCrypto `rsa` and `p256` crates.

use super::{base64_decode, Alg, KeyMaterial, SigningKey};
use crate::Error;
use rsa::pkcs8::DecodePrivateKey;
use rsa::signature::{SignatureEncoding, Signer};

fn bad(why: &str) -> Error {
    Error::config(format!("privateKey: {why}"))
}

fn jwk_int(jwk: &serde_json::Value, name: &str) -> Result<rsa::BigUint, Error> {
    let text = jwk[name]
        .as_str()
        .ok_or_else(|| bad("RSA JWK lacks a member"))?;
    let bytes = base64_decode(text).ok_or_else(|| bad("RSA JWK member is not base64url"))?;
    Ok(rsa::BigUint::from_bytes_be(&bytes))
}

fn rsa_key(material: &KeyMaterial) -> Result<rsa::RsaPrivateKey, Error> {
    match material {
        KeyMaterial::Pkcs8(der) => {
            rsa::RsaPrivateKey::from_pkcs8_der(der).map_err(|_| bad("RSA PKCS#8 key is malformed"))
        }
        KeyMaterial::Jwk(text) => {
            let jwk: serde_json::Value =
                serde_json::from_str(text).map_err(|_| bad("JWK is not valid JSON"))?;
            let primes = vec![jwk_int(&jwk, "p")?, jwk_int(&jwk, "q")?];
            rsa::RsaPrivateKey::from_components(
                jwk_int(&jwk, "n")?,
                jwk_int(&jwk, "e")?,
                jwk_int(&jwk, "d")?,
                primes,
            )
            .map_err(|_| bad("RSA JWK is inconsistent"))
        }
    }
}

fn ec_key(material: &KeyMaterial) -> Result<p256::ecdsa::SigningKey, Error> {
    let secret = match material {
        KeyMaterial::Pkcs8(der) => {
            p256::SecretKey::from_pkcs8_der(der).map_err(|_| bad("EC PKCS#8 key is malformed"))?
        }
        KeyMaterial::Jwk(text) => {
            p256::SecretKey::from_jwk_str(text).map_err(|_| bad("EC JWK is malformed"))?
        }
    };
    Ok(secret.into())
}

/// The raw JWS signature of `input`.
pub(super) async fn sign(key: &SigningKey, input: &[u8]) -> Result<Vec<u8>, Error> {
    Ok(match key.alg {
        Alg::Rs256 => {
            let signer =
                rsa::pkcs1v15::SigningKey::<rsa::sha2::Sha256>::new(rsa_key(&key.material)?);
            signer.sign(input).to_vec()
        }
        Alg::Es256 => {
            let sig: p256::ecdsa::Signature = ec_key(&key.material)?.sign(input);
            sig.to_bytes().to_vec()
        }
    })
}

/// Fill `buf` from the OS's CSPRNG.
pub(super) fn random(buf: &mut [u8]) -> Result<(), Error> {
    getrandom::getrandom(buf).map_err(|e| Error::Transport {
        message: format!("no system randomness: {e}"),
        context: Default::default(),
    })
}
