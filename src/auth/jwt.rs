//! Private-key JWT client assertions (RFC 7523) for OneAPI: key parsing,
//! claims, and the compact encoding. The signature itself comes from
//! WebCrypto on wasm and from RustCrypto natively (see `sign_*`).

use crate::{Error, Secret};

#[cfg(not(target_arch = "wasm32"))]
#[path = "sign_native.rs"]
mod sign;
#[cfg(target_arch = "wasm32")]
#[path = "sign_web.rs"]
mod sign;

/// How long an assertion is valid; short, since it is used at once.
const ASSERTION_LIFETIME_S: u64 = 300;

/// The JWS algorithm a key signs with.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Alg {
    /// RSASSA-PKCS1-v1_5 with SHA-256.
    Rs256,
    /// ECDSA on P-256 with SHA-256.
    Es256,
}

impl Alg {
    fn name(self) -> &'static str {
        match self {
            Alg::Rs256 => "RS256",
            Alg::Es256 => "ES256",
        }
    }
}

/// The private key as the user supplied it.
#[derive(Clone)]
pub(crate) enum KeyMaterial {
    /// PKCS#8 DER, decoded from PEM.
    Pkcs8(Vec<u8>),
    /// A JWK object as JSON text.
    Jwk(String),
}

/// A parsed private key and its algorithm. `Debug` shows only the
/// algorithm and key id, never key material.
#[derive(Clone)]
pub(crate) struct SigningKey {
    pub alg: Alg,
    pub kid: Option<String>,
    pub material: KeyMaterial,
}

impl std::fmt::Debug for SigningKey {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("SigningKey")
            .field("alg", &self.alg)
            .field("kid", &self.kid)
            .finish_non_exhaustive()
    }
}

/// Base64: URL-safe without padding (JWT) or standard with padding.
/// Written out here: base64ct's generic encoders compiled to three copies
/// of 1.4 KB each in every wasm build, for a few short strings per token.
/// Its constant-time tables guard secrets a local observer could time;
/// these strings (a JWT, a Basic header) go on the wire as they are.
pub(crate) fn base64(data: &[u8], url: bool) -> String {
    const STANDARD: &[u8; 64] = b"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
    const URL: &[u8; 64] = b"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_";
    let table = if url { URL } else { STANDARD };
    let mut out = String::with_capacity(data.len().div_ceil(3) * 4);
    for chunk in data.chunks(3) {
        let byte = |i: usize| u32::from(chunk.get(i).copied().unwrap_or(0));
        let n = byte(0) << 16 | byte(1) << 8 | byte(2);
        for i in 0..4 {
            if i <= chunk.len() {
                out.push(char::from(table[(n >> (18 - 6 * i)) as usize & 63]));
            } else if !url {
                out.push('=');
            }
        }
    }
    out
}

/// Decode standard or URL-safe base64, ignoring padding and whitespace:
/// PEM bodies wrap lines, and JWKs in the wild come with either alphabet.
pub(crate) fn base64_decode(text: &str) -> Option<Vec<u8>> {
    use base64ct::{Base64Unpadded, Encoding};
    let plain: String = text
        .chars()
        .filter(|c| !matches!(c, '=' | ' ' | '\n' | '\r' | '\t'))
        .map(|c| match c {
            '-' => '+',
            '_' => '/',
            c => c,
        })
        .collect();
    Base64Unpadded::decode_vec(&plain).ok()
}

// DER-encoded OIDs of the two key types, as found in a PKCS#8 header.
const OID_RSA: &[u8] = &[0x2a, 0x86, 0x48, 0x86, 0xf7, 0x0d, 0x01, 0x01, 0x01];
const OID_EC: &[u8] = &[0x2a, 0x86, 0x48, 0xce, 0x3d, 0x02, 0x01];
const OID_P256: &[u8] = &[0x2a, 0x86, 0x48, 0xce, 0x3d, 0x03, 0x01, 0x07];

fn contains(hay: &[u8], needle: &[u8]) -> bool {
    hay.windows(needle.len()).any(|w| w == needle)
}

fn bad_key(why: &str) -> Error {
    Error::config(format!("privateKey: {why}"))
}

impl SigningKey {
    /// Parse a PKCS#8 PEM (`-----BEGIN PRIVATE KEY-----`) or a JWK (JSON
    /// with `kty` RSA or EC P-256). Errors never quote the key. Out of
    /// line, so only a client given a key compiles it (`crate::auth::Cold`).
    #[inline(never)]
    pub(crate) fn parse(text: &str) -> Result<Self, Error> {
        let text = text.trim();
        if text.starts_with('{') {
            return Self::from_jwk(text);
        }
        if text.contains("BEGIN RSA PRIVATE KEY") || text.contains("BEGIN EC PRIVATE KEY") {
            return Err(bad_key(
                "PKCS#1/SEC1 PEM is not supported; convert it with `openssl pkcs8 -topk8 -nocrypt`",
            ));
        }
        if text.contains("BEGIN ENCRYPTED PRIVATE KEY") {
            return Err(bad_key(
                "encrypted keys are not supported; decrypt it first",
            ));
        }
        let body = text
            .strip_prefix("-----BEGIN PRIVATE KEY-----")
            .and_then(|r| r.split("-----END PRIVATE KEY-----").next())
            .ok_or_else(|| bad_key("expected a PKCS#8 PEM or a JWK"))?;
        let der = base64_decode(body).ok_or_else(|| bad_key("PEM body is not base64"))?;
        // The algorithm identifier sits in the first few dozen bytes.
        let head = &der[..der.len().min(40)];
        let alg = if contains(head, OID_RSA) {
            Alg::Rs256
        } else if contains(head, OID_EC) && contains(head, OID_P256) {
            Alg::Es256
        } else {
            return Err(bad_key("only RSA and EC P-256 keys are supported"));
        };
        Ok(Self {
            alg,
            kid: None,
            material: KeyMaterial::Pkcs8(der),
        })
    }

    fn from_jwk(text: &str) -> Result<Self, Error> {
        let v: serde_json::Value =
            serde_json::from_str(text).map_err(|_| bad_key("JWK is not valid JSON"))?;
        let field = |k: &str| v.get(k).and_then(|x| x.as_str());
        let alg = match (field("kty"), field("crv")) {
            (Some("RSA"), _) => Alg::Rs256,
            (Some("EC"), Some("P-256")) => Alg::Es256,
            _ => return Err(bad_key("JWK must be kty RSA or kty EC with crv P-256")),
        };
        if field("d").is_none() {
            return Err(bad_key("JWK holds no private part (`d`)"));
        }
        Ok(Self {
            alg,
            kid: field("kid").map(str::to_string),
            material: KeyMaterial::Jwk(text.to_string()),
        })
    }
}

/// Sixteen random bytes for `jti`, from the platform's CSPRNG.
fn jti() -> Result<String, Error> {
    let mut bytes = [0u8; 16];
    sign::random(&mut bytes)?;
    Ok(base64(&bytes, true))
}

/// The unsigned `header.claims` part of an assertion.
pub(crate) fn signing_input(
    key: &SigningKey,
    client_id: &str,
    audience: &str,
    now_s: u64,
    jti: &str,
) -> String {
    let mut header = serde_json::json!({"alg": key.alg.name(), "typ": "JWT"});
    if let Some(kid) = &key.kid {
        header["kid"] = kid.as_str().into();
    }
    let claims = serde_json::json!({
        "iss": client_id,
        "sub": client_id,
        "aud": audience,
        "iat": now_s,
        "exp": now_s + ASSERTION_LIFETIME_S,
        "jti": jti,
    });
    format!(
        "{}.{}",
        base64(header.to_string().as_bytes(), true),
        base64(claims.to_string().as_bytes(), true)
    )
}

/// A signed assertion for one token request.
pub(crate) async fn assertion(
    key: &SigningKey,
    client_id: &str,
    audience: &str,
    now_ms: f64,
) -> Result<Secret, Error> {
    let input = signing_input(key, client_id, audience, (now_ms / 1000.0) as u64, &jti()?);
    let sig = sign::sign(key, input.as_bytes()).await?;
    Ok(Secret::new(format!("{input}.{}", base64(&sig, true))))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn base64_round_trips_both_alphabets() {
        assert_eq!(
            base64(b"any carnal pleas", false),
            "YW55IGNhcm5hbCBwbGVhcw=="
        );
        assert_eq!(base64(&[0xfb, 0xff], true), "-_8");
        for n in 0..40u8 {
            let data: Vec<u8> = (0..n).map(|i| i.wrapping_mul(37)).collect();
            assert_eq!(base64_decode(&base64(&data, true)).unwrap(), data);
            assert_eq!(base64_decode(&base64(&data, false)).unwrap(), data);
        }
        assert!(base64_decode("a*b").is_none());
    }

    // proptest is a dev-dependency of the host build only.
    #[cfg(not(target_arch = "wasm32"))]
    proptest::proptest! {
        /// The hand-written encoder writes what base64ct writes.
        #[test]
        fn base64_matches_base64ct(data in proptest::collection::vec(proptest::num::u8::ANY, 0..80)) {
            use base64ct::{Base64, Base64UrlUnpadded, Encoding};
            proptest::prop_assert_eq!(base64(&data, false), Base64::encode_string(&data));
            proptest::prop_assert_eq!(base64(&data, true), Base64UrlUnpadded::encode_string(&data));
        }
    }

    #[test]
    fn key_errors_never_quote_the_key() {
        for text in [
            "-----BEGIN RSA PRIVATE KEY-----\nSECRETSTUFF\n-----END RSA PRIVATE KEY-----",
            "-----BEGIN PRIVATE KEY-----\nSECRET*STUFF\n-----END PRIVATE KEY-----",
            r#"{"kty":"oct","k":"SECRETSTUFF"}"#,
            r#"{"kty":"EC","crv":"P-256","x":"SECRETSTUFF"}"#,
            "SECRETSTUFF",
        ] {
            let e = SigningKey::parse(text).unwrap_err();
            assert_eq!(e.code(), "CONFIG");
            assert!(!e.to_string().contains("SECRETSTUFF"), "{e}");
        }
    }

    #[test]
    fn claims_name_the_client_and_audience() {
        let key = SigningKey {
            alg: Alg::Es256,
            kid: Some("k1".into()),
            material: KeyMaterial::Jwk("{}".into()),
        };
        let input = signing_input(
            &key,
            "cid",
            "https://acme.zslogin.net/oauth2/v1/token",
            1000,
            "j",
        );
        let (h, c) = input.split_once('.').unwrap();
        let h: serde_json::Value = serde_json::from_slice(&base64_decode(h).unwrap()).unwrap();
        let c: serde_json::Value = serde_json::from_slice(&base64_decode(c).unwrap()).unwrap();
        assert_eq!(h["alg"], "ES256");
        assert_eq!(h["kid"], "k1");
        assert_eq!(
            (c["iss"].as_str(), c["sub"].as_str()),
            (Some("cid"), Some("cid"))
        );
        assert_eq!(c["aud"], "https://acme.zslogin.net/oauth2/v1/token");
        assert_eq!(
            (c["iat"].as_u64(), c["exp"].as_u64()),
            (Some(1000), Some(1300))
        );
        assert_eq!(c["jti"], "j");
    }
}
