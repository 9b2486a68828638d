//! Private-key JWT client authentication at the token endpoint: keys from
//! the config and the control API, and each way an assertion can be wrong.

mod common;
mod jws;

use common::{client, send, Resp};
use jws::{claims, Signer, ASSERTION_TYPE};
use serde_json::{json, Value};
use zscaler_emulator::{Config, PublicKey};

struct Emu {
    base: String,
}

impl Emu {
    async fn start(keys: Vec<PublicKey>) -> Emu {
        let config = Config {
            client_public_keys: keys,
            ..Config::default()
        };
        let addr = zscaler_emulator::spawn(config).await.unwrap();
        Emu {
            base: format!("http://{addr}"),
        }
    }

    /// An emulator that trusts `signer`'s public key, registered as a JWK
    /// through the control API.
    async fn trusting(signer: &Signer) -> Emu {
        let emu = Emu::start(Vec::new()).await;
        let r = emu.register(&json!({ "jwk": signer.public_jwk() })).await;
        assert_eq!(r.status, 200, "{}", r.text);
        emu
    }

    async fn register(&self, body: &Value) -> Resp {
        send(
            client()
                .post(format!("{}/_emulator/client-keys", self.base))
                .json(body),
        )
        .await
    }

    async fn token(&self, assertion: &str) -> Resp {
        let body = format!(
            "grant_type=client_credentials&client_id=emulator-client\
             &client_assertion_type={}&client_assertion={assertion}\
             &audience=https%3A%2F%2Fapi.zscaler.com",
            ASSERTION_TYPE.replace(':', "%3A")
        );
        send(
            client()
                .post(format!("{}/oauth2/v1/token", self.base))
                .header("content-type", "application/x-www-form-urlencoded")
                .body(body),
        )
        .await
    }

    /// Asserts the OAuth `invalid_client` refusal.
    async fn refuses(&self, assertion: &str, why: &str) {
        let r = self.token(assertion).await;
        assert_eq!(r.status, 401, "{why}: {}", r.text);
        assert_eq!(r.json()["error"], "invalid_client", "{why}");
    }
}

#[tokio::test]
async fn rs256_with_a_configured_pem_key_gets_a_working_token() {
    let key = PublicKey::parse(&jws::fixture("test-only-rsa-2048-public.pem")).unwrap();
    let emu = Emu::start(vec![key]).await;
    let signer = Signer::fixture_rsa();
    let r = emu.token(&signer.jwt(&claims(&emu.base))).await;
    assert_eq!(r.status, 200, "{}", r.text);
    let token = r.json()["access_token"].as_str().unwrap().to_string();
    let api = send(
        client()
            .get(format!("{}{}", emu.base, common::zpa("/segmentGroup")))
            .bearer_auth(token),
    )
    .await;
    assert_eq!(api.status, 200);
}

#[tokio::test]
async fn es256_with_a_jwk_from_the_control_api_is_accepted() {
    let signer = Signer::random_ec();
    let emu = Emu::trusting(&signer).await;
    let r = emu.token(&signer.jwt(&claims(&emu.base))).await;
    assert_eq!(r.status, 200, "{}", r.text);
    assert_eq!(r.json()["token_type"], "Bearer");
}

#[tokio::test]
async fn the_oneapi_audience_and_an_audience_list_are_accepted() {
    let signer = Signer::random_ec();
    let emu = Emu::trusting(&signer).await;
    let mut c = claims(&emu.base);
    c["aud"] = json!("https://api.zscaler.com");
    assert_eq!(emu.token(&signer.jwt(&c)).await.status, 200);
    let mut c = claims(&emu.base);
    c["aud"] = json!([
        "https://other.example",
        format!("{}/oauth2/v1/token", emu.base)
    ]);
    assert_eq!(emu.token(&signer.jwt(&c)).await.status, 200);
}

#[tokio::test]
async fn rsa_jwk_and_pem_registration_via_control_api() {
    let signer = Signer::fixture_rsa();
    let emu = Emu::start(Vec::new()).await;
    emu.refuses(&signer.jwt(&claims(&emu.base)), "no key yet")
        .await;
    let pem = jws::fixture("test-only-rsa-2048-public.pem");
    let r = emu.register(&json!({ "pem": pem })).await;
    assert_eq!(
        (r.status.as_u16(), r.json()["alg"].clone()),
        (200, json!("RS256"))
    );
    assert_eq!(emu.token(&signer.jwt(&claims(&emu.base))).await.status, 200);

    let r = emu.register(&json!({ "jwk": signer.public_jwk() })).await;
    assert_eq!(r.json()["keys"], 2);
    let listed = send(client().get(format!("{}/_emulator/client-keys", emu.base))).await;
    assert_eq!(listed.json(), json!({"configured": 0, "added": 2}));
}

#[tokio::test]
async fn bad_registrations_are_400() {
    let emu = Emu::start(Vec::new()).await;
    let private = jws::fixture("test-only-rsa-2048-private.pem");
    let mut private_jwk = Signer::random_ec().public_jwk();
    private_jwk["d"] = json!("AAAA");
    for body in [
        json!({}),
        json!({ "pem": private }),
        json!({ "pem": "-----BEGIN PUBLIC KEY-----\nAAAA\n-----END PUBLIC KEY-----" }),
        json!({ "jwk": {"kty": "oct", "k": "c2VjcmV0"} }),
        json!({ "jwk": private_jwk }),
        json!({ "jwk": {"kty": "EC", "crv": "P-384", "x": "AA", "y": "AA"} }),
    ] {
        let r = emu.register(&body).await;
        assert_eq!(r.status, 400, "{body}: {}", r.text);
    }
}

#[tokio::test]
async fn a_different_key_is_refused() {
    let trusted = Signer::random_ec();
    let emu = Emu::trusting(&trusted).await;
    let other = Signer::random_ec();
    emu.refuses(&other.jwt(&claims(&emu.base)), "other EC key")
        .await;
    // An RSA assertion when only an EC key is registered.
    emu.refuses(&Signer::fixture_rsa().jwt(&claims(&emu.base)), "RSA key")
        .await;
}

#[tokio::test]
async fn tampered_claims_are_refused() {
    let signer = Signer::random_ec();
    let emu = Emu::trusting(&signer).await;
    let good = signer.jwt(&claims(&emu.base));
    let parts: Vec<&str> = good.split('.').collect();
    let mut forged = claims(&emu.base);
    forged["sub"] = json!("someone-else");
    let swapped = format!(
        "{}.{}.{}",
        parts[0],
        jws::b64url(forged.to_string().as_bytes()),
        parts[2]
    );
    emu.refuses(&swapped, "claims swapped under a valid signature")
        .await;
    // The untouched assertion still works: the refusal did not burn its jti.
    assert_eq!(emu.token(&good).await.status, 200);
}

#[tokio::test]
async fn expired_and_future_assertions_are_refused() {
    let signer = Signer::random_ec();
    let emu = Emu::trusting(&signer).await;
    let now = jws::now();
    let mut c = claims(&emu.base);
    c["iat"] = json!(now - 600);
    c["exp"] = json!(now - 300);
    emu.refuses(&signer.jwt(&c), "expired").await;
    let mut c = claims(&emu.base);
    c["iat"] = json!(now + 3600);
    c["exp"] = json!(now + 3900);
    emu.refuses(&signer.jwt(&c), "issued in the future").await;
    let mut c = claims(&emu.base);
    c.as_object_mut().unwrap().remove("exp");
    emu.refuses(&signer.jwt(&c), "no exp").await;
}

#[tokio::test]
async fn a_replayed_jti_is_refused() {
    let signer = Signer::random_ec();
    let emu = Emu::trusting(&signer).await;
    let c = claims(&emu.base);
    assert_eq!(emu.token(&signer.jwt(&c)).await.status, 200);
    emu.refuses(&signer.jwt(&c), "same assertion again").await;
    // Re-signing the same claims does not help: the jti is what counts.
    let r = emu.token(&signer.jwt(&c)).await;
    assert!(r.json()["error_description"]
        .as_str()
        .unwrap()
        .contains("jti"));
    let mut no_jti = claims(&emu.base);
    no_jti.as_object_mut().unwrap().remove("jti");
    emu.refuses(&signer.jwt(&no_jti), "no jti").await;
}

#[tokio::test]
async fn alg_none_and_hs256_are_refused() {
    let signer = Signer::random_ec();
    let emu = Emu::trusting(&signer).await;
    let body = jws::b64url(claims(&emu.base).to_string().as_bytes());
    let none = format!("{}.{body}.", jws::b64url(br#"{"alg":"none","typ":"JWT"}"#));
    emu.refuses(&none, "alg none").await;
    let hs = signer.jwt_with_header(&json!({"alg": "HS256", "typ": "JWT"}), &claims(&emu.base));
    emu.refuses(&hs, "alg HS256").await;
    // An ES256 signature labelled RS256 is not checked with the EC key.
    let relabelled =
        signer.jwt_with_header(&json!({"alg": "RS256", "typ": "JWT"}), &claims(&emu.base));
    emu.refuses(&relabelled, "alg relabelled").await;
}

#[tokio::test]
async fn wrong_issuer_subject_or_audience_is_refused() {
    let signer = Signer::random_ec();
    let emu = Emu::trusting(&signer).await;
    for (claim, value) in [
        ("iss", json!("intruder")),
        ("sub", json!("intruder")),
        ("aud", json!("https://elsewhere.example/oauth2/v1/token")),
    ] {
        let mut c = claims(&emu.base);
        c[claim] = value;
        emu.refuses(&signer.jwt(&c), claim).await;
    }
}

#[tokio::test]
async fn mixing_secret_and_assertion_is_a_bad_request() {
    let signer = Signer::random_ec();
    let emu = Emu::trusting(&signer).await;
    let assertion = signer.jwt(&claims(&emu.base));
    let body = format!(
        "grant_type=client_credentials&client_id=emulator-client&client_secret=emulator-secret\
         &client_assertion_type={ASSERTION_TYPE}&client_assertion={assertion}"
    );
    let r = send(
        client()
            .post(format!("{}/oauth2/v1/token", emu.base))
            .header("content-type", "application/x-www-form-urlencoded")
            .body(body),
    )
    .await;
    assert_eq!(r.status, 400);
    assert_eq!(r.json()["error"], "invalid_request");
    let body = format!(
        "grant_type=client_credentials&client_assertion_type=urn%3Aother&client_assertion={assertion}"
    );
    let r = send(
        client()
            .post(format!("{}/oauth2/v1/token", emu.base))
            .header("content-type", "application/x-www-form-urlencoded")
            .body(body),
    )
    .await;
    assert_eq!(r.status, 400);
}

#[tokio::test]
async fn delete_drops_runtime_keys_and_reset_keeps_all() {
    let flag_key = PublicKey::parse(&jws::fixture("test-only-rsa-2048-public.pem")).unwrap();
    let emu = Emu::start(vec![flag_key]).await;
    let ec = Signer::random_ec();
    emu.register(&json!({ "jwk": ec.public_jwk() })).await;
    let rsa = Signer::fixture_rsa();

    let reset = send(client().post(format!("{}/_emulator/reset", emu.base))).await;
    assert_eq!(reset.status, 200);
    assert_eq!(emu.token(&ec.jwt(&claims(&emu.base))).await.status, 200);
    assert_eq!(emu.token(&rsa.jwt(&claims(&emu.base))).await.status, 200);

    let cleared = send(client().delete(format!("{}/_emulator/client-keys", emu.base))).await;
    assert_eq!(cleared.json()["removed"], 1);
    emu.refuses(&ec.jwt(&claims(&emu.base)), "runtime key dropped")
        .await;
    assert_eq!(emu.token(&rsa.jwt(&claims(&emu.base))).await.status, 200);
}
