//! Client public keys for private-key JWT authentication: parsing from an
//! SPKI PEM or a JWK, and checking a JWS signature with them.
//!
//! Only the two algorithms Zscaler clients sign with are supported, RS256
//! and ES256 (P-256), so a key's type fixes its algorithm and an assertion
//! cannot pick a weaker one.
//!
//! This module owns key parsing and signature checks; it may not keep keys
//! (see `client_keys`).

use rsa::pkcs8::DecodePublicKey;
use rsa::signature::Verifier;
use serde_json::Value;

/// RSA keys below this size are refused, as identity providers do.
const MIN_RSA_BITS: usize = 2048;

/// A registered client public key. `Debug` names only the algorithm.
#[derive(Clone)]
pub enum PublicKey {
    /// RSA, verified as RSASSA-PKCS1-v1_5 with SHA-256.
    Rsa(rsa::RsaPublicKey),
    /// ECDSA on P-256 with SHA-256; signatures are raw `r || s`.
    Ec(p256::ecdsa::VerifyingKey),
}

impl std::fmt::Debug for PublicKey {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "PublicKey({})", self.alg())
    }
}

impl PublicKey {
    /// Parses the contents of a key file: a JWK when it is a JSON object,
    /// otherwise a `BEGIN PUBLIC KEY` PEM.
    pub fn parse(text: &str) -> Result<PublicKey, String> {
        let text = text.trim();
        if text.starts_with('{') {
            let v: Value =
                serde_json::from_str(text).map_err(|e| format!("JWK is not JSON: {e}"))?;
            return PublicKey::from_jwk(&v);
        }
        PublicKey::from_pem(text)
    }

    /// Parses an SPKI PEM (`-----BEGIN PUBLIC KEY-----`) holding an RSA or
    /// P-256 key.
    pub fn from_pem(text: &str) -> Result<PublicKey, String> {
        let body = text
            .trim()
            .strip_prefix("-----BEGIN PUBLIC KEY-----")
            .and_then(|rest| rest.split("-----END PUBLIC KEY-----").next())
            .ok_or("expected a PEM starting with -----BEGIN PUBLIC KEY----- (SPKI)")?;
        let compact: String = body.chars().filter(|c| !c.is_whitespace()).collect();
        let der = crate::auth::decode_base64(&compact).ok_or("PEM body is not base64")?;
        if let Ok(key) = rsa::RsaPublicKey::from_public_key_der(&der) {
            return PublicKey::rsa(key);
        }
        p256::PublicKey::from_public_key_der(&der)
            .map(|k| PublicKey::Ec(k.into()))
            .map_err(|_| "PEM holds neither an RSA nor a P-256 public key".into())
    }

    /// Parses a public JWK: `kty` RSA (`n`, `e`) or EC with `crv` P-256.
    pub fn from_jwk(v: &Value) -> Result<PublicKey, String> {
        let obj = v.as_object().ok_or("JWK must be a JSON object")?;
        if obj.contains_key("d") {
            return Err("JWK holds a private key (`d`); register the public part only".into());
        }
        let field = |k: &str| obj.get(k).and_then(Value::as_str);
        if let Some(u) = field("use") {
            if u != "sig" {
                return Err(format!("JWK use must be sig, got {u:?}"));
            }
        }
        let key = match (field("kty"), field("crv")) {
            (Some("RSA"), _) => {
                let int = |k: &str| -> Result<rsa::BigUint, String> {
                    let b64 = field(k).ok_or(format!("RSA JWK lacks {k}"))?;
                    let bytes = crate::auth::decode_base64(b64)
                        .ok_or(format!("RSA JWK {k} is not base64url"))?;
                    Ok(rsa::BigUint::from_bytes_be(&bytes))
                };
                let key = rsa::RsaPublicKey::new(int("n")?, int("e")?)
                    .map_err(|e| format!("RSA JWK is not a valid key: {e}"))?;
                PublicKey::rsa(key)?
            }
            (Some("EC"), Some("P-256")) => p256::PublicKey::from_jwk_str(&v.to_string())
                .map(|k| PublicKey::Ec(k.into()))
                .map_err(|_| "EC JWK is not a valid P-256 point")?,
            _ => return Err("JWK must be kty RSA, or kty EC with crv P-256".into()),
        };
        if let Some(alg) = field("alg") {
            if alg != key.alg() {
                return Err(format!("JWK alg {alg:?} does not fit a {} key", key.alg()));
            }
        }
        Ok(key)
    }

    fn rsa(key: rsa::RsaPublicKey) -> Result<PublicKey, String> {
        use rsa::traits::PublicKeyParts;
        let bits = key.n().bits();
        if bits < MIN_RSA_BITS {
            return Err(format!(
                "RSA key has {bits} bits; at least {MIN_RSA_BITS} needed"
            ));
        }
        Ok(PublicKey::Rsa(key))
    }

    /// The JWS `alg` this key verifies.
    pub fn alg(&self) -> &'static str {
        match self {
            PublicKey::Rsa(_) => "RS256",
            PublicKey::Ec(_) => "ES256",
        }
    }

    /// True when `sig` is this key's JWS signature over `input`. ES256
    /// signatures must be the 64-byte JWS form; a DER signature (a common
    /// client mistake) does not verify.
    pub fn verifies(&self, input: &[u8], sig: &[u8]) -> bool {
        match self {
            PublicKey::Rsa(key) => {
                let verifier = rsa::pkcs1v15::VerifyingKey::<rsa::sha2::Sha256>::new(key.clone());
                rsa::pkcs1v15::Signature::try_from(sig)
                    .is_ok_and(|s| verifier.verify(input, &s).is_ok())
            }
            PublicKey::Ec(key) => {
                sig.len() == 64
                    && p256::ecdsa::Signature::from_slice(sig)
                        .is_ok_and(|s| key.verify(input, &s).is_ok())
            }
        }
    }
}
