//! Test-side JWS signing: keys (the committed test-only RSA fixture, fresh
//! P-256 keys) and compact JWTs built from arbitrary header and claims, so
//! tests can produce both valid and deliberately broken assertions.
#![allow(dead_code)]

use std::collections::hash_map::RandomState;
use std::hash::{BuildHasher, Hasher};

use rsa::pkcs8::DecodePrivateKey;
use rsa::signature::{SignatureEncoding, Signer as _};
use serde_json::{json, Value};

/// The assertion type RFC 7523 defines for JWT client authentication.
pub const ASSERTION_TYPE: &str = "urn:ietf:params:oauth:client-assertion-type:jwt-bearer";

const B64URL: &[u8; 64] = b"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_";

/// Unpadded base64url.
pub fn b64url(data: &[u8]) -> String {
    let mut out = String::new();
    for chunk in data.chunks(3) {
        let n = chunk
            .iter()
            .enumerate()
            .fold(0u32, |acc, (i, &b)| acc | u32::from(b) << (16 - 8 * i));
        for i in 0..=chunk.len() {
            out.push(B64URL[(n >> (18 - 6 * i) & 63) as usize] as char);
        }
    }
    out
}

/// Standard base64 (the PEM body), whitespace ignored.
fn b64_decode(text: &str) -> Vec<u8> {
    let (mut acc, mut bits, mut out) = (0u32, 0, Vec::new());
    for c in text.bytes() {
        let v = match c {
            b'A'..=b'Z' => c - b'A',
            b'a'..=b'z' => c - b'a' + 26,
            b'0'..=b'9' => c - b'0' + 52,
            b'+' => 62,
            b'/' => 63,
            _ => continue,
        };
        acc = (acc << 6) | u32::from(v);
        bits += 6;
        if bits >= 8 {
            bits -= 8;
            out.push((acc >> bits) as u8);
        }
    }
    out
}

/// Contents of a file under `tests/fixtures`.
pub fn fixture(name: &str) -> String {
    let path = format!("{}/tests/fixtures/{name}", env!("CARGO_MANIFEST_DIR"));
    std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("{path}: {e}"))
}

/// A private key that signs assertions.
pub enum Signer {
    /// RS256.
    Rsa(Box<rsa::RsaPrivateKey>),
    /// ES256.
    Ec(p256::ecdsa::SigningKey),
}

impl Signer {
    /// The committed test-only RSA key (generating one per run is slow in
    /// debug builds).
    pub fn fixture_rsa() -> Signer {
        let pem = fixture("test-only-rsa-2048-private.pem");
        let body = pem
            .replace("-----BEGIN PRIVATE KEY-----", "")
            .replace("-----END PRIVATE KEY-----", "");
        let key = rsa::RsaPrivateKey::from_pkcs8_der(&b64_decode(&body)).unwrap();
        Signer::Rsa(Box::new(key))
    }

    /// A fresh P-256 key from process-random bytes.
    pub fn random_ec() -> Signer {
        loop {
            let bytes: Vec<u8> = (0..4)
                .flat_map(|_| RandomState::new().build_hasher().finish().to_be_bytes())
                .collect();
            if let Ok(secret) = p256::SecretKey::from_slice(&bytes) {
                return Signer::Ec(secret.into());
            }
        }
    }

    /// The JWS algorithm name.
    pub fn alg(&self) -> &'static str {
        match self {
            Signer::Rsa(_) => "RS256",
            Signer::Ec(_) => "ES256",
        }
    }

    /// The public half as a JWK.
    pub fn public_jwk(&self) -> Value {
        match self {
            Signer::Rsa(k) => {
                use rsa::traits::PublicKeyParts;
                json!({"kty": "RSA", "n": b64url(&k.n().to_bytes_be()), "e": b64url(&k.e().to_bytes_be())})
            }
            Signer::Ec(k) => {
                let public = p256::PublicKey::from(k.verifying_key());
                serde_json::from_str(&public.to_jwk_string()).unwrap()
            }
        }
    }

    /// Raw JWS signature bytes over `input`.
    pub fn sign(&self, input: &[u8]) -> Vec<u8> {
        match self {
            Signer::Rsa(k) => {
                let signer = rsa::pkcs1v15::SigningKey::<rsa::sha2::Sha256>::new((**k).clone());
                signer.sign(input).to_vec()
            }
            Signer::Ec(k) => {
                let sig: p256::ecdsa::Signature = k.sign(input);
                sig.to_bytes().to_vec()
            }
        }
    }

    /// A compact JWS of `claims` with header `{"alg": <own>, "typ": "JWT"}`.
    pub fn jwt(&self, claims: &Value) -> String {
        self.jwt_with_header(&json!({"alg": self.alg(), "typ": "JWT"}), claims)
    }

    /// A compact JWS with an arbitrary header, signed by this key whatever
    /// the header claims.
    pub fn jwt_with_header(&self, header: &Value, claims: &Value) -> String {
        let input = format!(
            "{}.{}",
            b64url(header.to_string().as_bytes()),
            b64url(claims.to_string().as_bytes())
        );
        let sig = self.sign(input.as_bytes());
        format!("{input}.{}", b64url(&sig))
    }
}

/// Seconds since the epoch.
pub fn now() -> u64 {
    std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .unwrap()
        .as_secs()
}

/// Claims a correct client would send to `base`'s token endpoint.
pub fn claims(base: &str) -> Value {
    let now = now();
    let jti = b64url(&RandomState::new().build_hasher().finish().to_be_bytes());
    json!({
        "iss": "emulator-client", "sub": "emulator-client",
        "aud": format!("{base}/oauth2/v1/token"),
        "iat": now, "exp": now + 300, "jti": jti,
    })
}
