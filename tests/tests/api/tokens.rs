//! The token attack suite: every forged, stale or misused token gets 401.

use base64::Engine;
use base64::engine::general_purpose::URL_SAFE_NO_PAD;
use ed25519_dalek::pkcs8::{EncodePrivateKey, spki::der::pem::LineEnding};
use jsonwebtoken::{Algorithm, EncodingKey, Header};
use reqwest::Method;
use serde_json::{Value, json};
use wksbm_tests::http::{assert_problem, header};
use wksbm_tests::{TestApp, backends};

struct Forge {
    key: EncodingKey,
    kid: String,
    public: [u8; 32],
}

impl Forge {
    fn sign(&self, claims: &Value) -> String {
        let mut h = Header::new(Algorithm::EdDSA);
        h.kid = Some(self.kid.clone());
        jsonwebtoken::encode(&h, claims, &self.key).unwrap()
    }
}

fn now() -> i64 {
    chrono::Utc::now().timestamp()
}

/// Unsigned token pieces, for the attacks jsonwebtoken refuses to produce.
fn raw(header: &Value, claims: &Value, sig: &[u8]) -> String {
    let enc = |v: &Value| URL_SAFE_NO_PAD.encode(serde_json::to_vec(v).unwrap());
    format!(
        "{}.{}.{}",
        enc(header),
        enc(claims),
        URL_SAFE_NO_PAD.encode(sig)
    )
}

/// HS256 keyed with the server's public key: the classic algorithm-confusion forgery.
fn hs256(secret: &[u8], kid: &str, claims: &Value) -> String {
    let mut h = Header::new(Algorithm::HS256);
    h.kid = Some(kid.to_owned());
    jsonwebtoken::encode(&h, claims, &EncodingKey::from_secret(secret).unwrap()).unwrap()
}

async fn spawn_with_known_key(b: wksbm_tests::Backend) -> (TestApp, Forge) {
    let key = wksbm_api::auth::keys::generate_key().unwrap();
    let dir = std::env::temp_dir().join(format!("wksbm-forge-{}", uuid::Uuid::now_v7()));
    std::fs::create_dir_all(&dir).unwrap();
    let file = dir.join("key.pem");
    std::fs::write(&file, key.to_pkcs8_pem(LineEnding::LF).unwrap().as_bytes()).unwrap();
    let flag = format!("--jwt-key-files={}", file.display());
    let app = TestApp::spawn_with(b, &[flag.as_str()]).await;
    let jwks = app.get_json("/.well-known/jwks.json").await;
    let forge = Forge {
        key: EncodingKey::from_ed_der(key.to_pkcs8_der().unwrap().as_bytes()),
        kid: jwks["keys"][0]["kid"].as_str().unwrap().to_owned(),
        public: key.verifying_key().to_bytes(),
    };
    (app, forge)
}

#[tokio::test]
async fn forged_stale_and_misused_tokens_are_all_401() {
    for b in backends() {
        let (app, forge) = spawn_with_known_key(b).await;
        let pair = app.login_pair("admin", wksbm_tests::ADMIN_PASSWORD).await;
        let good = pair["access_token"].as_str().unwrap().to_owned();
        let me = |t: String| app.authed(Method::GET, "/api/v1/auth/me", &t).send();
        assert_eq!(me(good.clone()).await.unwrap().status(), 200);

        // The real claims, re-signed with our copy of the key: accepted, so each attack
        // below fails for its own reason and not for a wrong setup.
        let parts: Vec<&str> = good.split('.').collect();
        let claims: Value =
            serde_json::from_slice(&URL_SAFE_NO_PAD.decode(parts[1]).unwrap()).unwrap();
        assert_eq!(
            me(forge.sign(&claims)).await.unwrap().status(),
            200,
            "control"
        );

        let with = |k: &str, v: Value| {
            let mut c = claims.clone();
            c[k] = v;
            c
        };
        let without = |k: &str| {
            let mut c = claims.clone();
            c.as_object_mut().unwrap().remove(k);
            c
        };
        let t = now();
        let mut attacks: Vec<(&str, String)> = vec![
            (
                "alg none",
                raw(&json!({"alg": "none", "typ": "JWT"}), &claims, b""),
            ),
            (
                "HS256 keyed with the public key",
                hs256(&forge.public, &forge.kid, &claims),
            ),
            (
                "tampered payload under a valid signature",
                format!(
                    "{}.{}.{}",
                    parts[0],
                    URL_SAFE_NO_PAD
                        .encode(serde_json::to_vec(&with("scope", json!("34"))).unwrap()),
                    parts[2]
                ),
            ),
            (
                "expired beyond the leeway",
                forge.sign(&with("exp", json!(t - 31))),
            ),
            (
                "nbf in the future",
                forge.sign(&with("nbf", json!(t + 120))),
            ),
            // A leaked key must not mint long-lived tokens (issue 21, item 16).
            (
                "lifetime longer than configured",
                forge.sign(&with("exp", json!(t + 365 * 24 * 3600))),
            ),
            (
                "issued in the future",
                forge.sign(&with("iat", json!(t + 600))),
            ),
            ("missing iat", forge.sign(&without("iat"))),
            ("missing iss", forge.sign(&without("iss"))),
            ("missing aud", forge.sign(&without("aud"))),
            ("missing sub", forge.sign(&without("sub"))),
            ("missing exp", forge.sign(&without("exp"))),
            (
                "exp as a string",
                forge.sign(&with("exp", json!((t + 600).to_string()))),
            ),
            (
                "wrong issuer",
                forge.sign(&with("iss", json!("someone-else"))),
            ),
            (
                "wrong audience",
                forge.sign(&with("aud", json!("another-api"))),
            ),
            (
                "a refresh token as an access token",
                pair["refresh_token"].as_str().unwrap().to_owned(),
            ),
            ("garbage", "not.a.token".to_owned()),
        ];
        let mut unknown_kid = Header::new(Algorithm::EdDSA);
        unknown_kid.kid = Some("unknown-kid".into());
        attacks.push((
            "unknown kid",
            jsonwebtoken::encode(&unknown_kid, &claims, &forge.key).unwrap(),
        ));
        let other_key = wksbm_api::auth::keys::generate_key().unwrap();
        let other = EncodingKey::from_ed_der(other_key.to_pkcs8_der().unwrap().as_bytes());
        let mut same_kid = Header::new(Algorithm::EdDSA);
        same_kid.kid = Some(forge.kid.clone());
        attacks.push((
            "signed by another key under our kid",
            jsonwebtoken::encode(&same_kid, &claims, &other).unwrap(),
        ));

        for (name, token) in attacks {
            let res = me(token).await.unwrap();
            assert_eq!(res.status(), 401, "{name}");
            let challenge = header(&res, "www-authenticate");
            assert!(challenge.contains("invalid_token"), "{name}: {challenge}");
            assert_problem(res, 401, "token_invalid").await;
        }
        // Within the 30 s leeway a just-expired token still works.
        assert_eq!(
            me(forge.sign(&with("exp", json!(t - 5))))
                .await
                .unwrap()
                .status(),
            200
        );
        // A malformed header is 401 too, without a token to check.
        let res = app
            .client
            .get(app.url("/api/v1/auth/me"))
            .header("authorization", "Basic YWRtaW46eA==")
            .send()
            .await
            .unwrap();
        assert_problem(res, 401, "token_invalid").await;
    }
}

#[tokio::test]
async fn deactivation_cuts_access_at_once() {
    for b in backends() {
        let app = TestApp::spawn(b).await;
        let admin = app.admin_token().await;
        let acc = app.account("kalurahan", "34.02.01.2001").await;
        let pair = app.login_pair(&acc.username, &acc.password).await;
        assert_eq!(
            app.get_as("/api/v1/auth/me", &acc.token).await.status(),
            200
        );
        let res = app
            .send(
                Method::POST,
                &format!("/api/v1/users/{}/deactivate", acc.id),
                &admin,
                json!({"reason": "pindah tugas"}),
            )
            .await;
        assert_eq!(res.status(), 200);
        let body: Value = res.json().await.unwrap();
        assert_eq!(body["active"], false);
        assert_eq!(body["status_reason"], "pindah tugas");
        assert_problem(
            app.get_as("/api/v1/auth/me", &acc.token).await,
            401,
            "token_invalid",
        )
        .await;
        let refresh = app
            .post(
                "/api/v1/auth/refresh",
                json!({"refresh_token": pair["refresh_token"]}),
            )
            .await;
        assert_eq!(refresh.status(), 401, "refresh tokens die with the account");
        let login = app
            .post(
                "/api/v1/auth/login",
                json!({"username": acc.username, "password": acc.password}),
            )
            .await;
        assert_problem(login, 401, "login_failed").await;
    }
}
