use reqwest::Method;
use serde_json::{Value, json};
use wksbm_tests::http::assert_problem;
use wksbm_tests::{ADMIN_PASSWORD, TestApp, backends, on_each_backend};

#[tokio::test]
async fn login_me_and_uniform_failures() {
    on_each_backend(|app| async move {
        let pair = app.login_pair("admin", ADMIN_PASSWORD).await;
        assert_eq!(pair["token_type"], "Bearer");
        assert_eq!(pair["expires_in"], 900);
        assert!(
            pair["refresh_token"]
                .as_str()
                .is_some_and(|t| t.len() >= 40)
        );
        let token = pair["access_token"].as_str().unwrap();
        let me: Value = app.get_json_as("/api/v1/auth/me", token).await;
        assert_eq!(me["username"], "admin");
        assert_eq!(me["role"], "admin");
        assert_eq!(me["wilayah_code"], "34.02");
        assert_eq!(me["padukuhan_id"], Value::Null);
        assert!(
            me["permissions"]
                .as_array()
                .unwrap()
                .contains(&json!("user.create"))
        );

        let wrong = app
            .post(
                "/api/v1/auth/login",
                json!({"username": "admin", "password": "wrong-password"}),
            )
            .await;
        let unknown = app
            .post(
                "/api/v1/auth/login",
                json!({"username": "nobody-here", "password": "wrong-password"}),
            )
            .await;
        let a = assert_problem(wrong, 401, "login_failed").await;
        let b = assert_problem(unknown, 401, "login_failed").await;
        assert_eq!(
            (a["title"].clone(), a["detail"].clone()),
            (b["title"].clone(), b["detail"].clone()),
            "same answer"
        );

        let res = app.get("/api/v1/auth/me").await;
        assert_eq!(
            res.headers().get("www-authenticate").unwrap(),
            "Bearer realm=\"wksbm\""
        );
        assert_problem(res, 401, "unauthenticated").await;
    })
    .await;
}

#[tokio::test]
async fn refresh_rotates_and_reuse_revokes_the_family() {
    on_each_backend(|app| async move {
        let first = app.login_pair("admin", ADMIN_PASSWORD).await;
        let r1 = first["refresh_token"].as_str().unwrap().to_owned();
        let res = app
            .post("/api/v1/auth/refresh", json!({"refresh_token": r1}))
            .await;
        assert_eq!(res.status(), 200);
        let second: Value = res.json().await.unwrap();
        let r2 = second["refresh_token"].as_str().unwrap().to_owned();
        assert_ne!(r1, r2, "rotated");
        let access2 = second["access_token"].as_str().unwrap().to_owned();
        assert_eq!(app.get_as("/api/v1/auth/me", &access2).await.status(), 200);

        // Reusing the first token revokes the whole family, including the second.
        assert_problem(
            app.post("/api/v1/auth/refresh", json!({"refresh_token": r1}))
                .await,
            401,
            "refresh_token_reused",
        )
        .await;
        assert_problem(
            app.post("/api/v1/auth/refresh", json!({"refresh_token": r2}))
                .await,
            401,
            "refresh_token_invalid",
        )
        .await;
        assert_problem(
            app.post("/api/v1/auth/refresh", json!({"refresh_token": "made-up"}))
                .await,
            401,
            "refresh_token_invalid",
        )
        .await;

        // Another login is another family, unaffected; logout ends it.
        let third = app.login_pair("admin", ADMIN_PASSWORD).await;
        let r3 = third["refresh_token"].as_str().unwrap().to_owned();
        let token = third["access_token"].as_str().unwrap();
        let res = app
            .send(
                Method::POST,
                "/api/v1/auth/logout",
                token,
                json!({"refresh_token": r3}),
            )
            .await;
        assert_eq!(res.status(), 204);
        assert_problem(
            app.post("/api/v1/auth/refresh", json!({"refresh_token": r3}))
                .await,
            401,
            "refresh_token_invalid",
        )
        .await;
    })
    .await;
}

#[tokio::test]
async fn password_change_ends_sessions_and_enforces_policy() {
    on_each_backend(|app| async move {
        let acc = app.account("kalurahan", "34.02.01.2001").await;
        let change = |current: &str, new: &str| {
            app.authed(Method::POST, "/api/v1/auth/password", &acc.token)
                .json(&json!({"current_password": current, "new_password": new}))
                .send()
        };
        let body = assert_problem(
            change("not-the-password", "a-new-password-1")
                .await
                .unwrap(),
            422,
            "current_password_wrong",
        )
        .await;
        assert_eq!(body["errors"][0]["field"], "current_password");
        assert_problem(
            change(&acc.password, "short").await.unwrap(),
            422,
            "validation_failed",
        )
        .await;
        assert_problem(
            change(&acc.password, &acc.username).await.unwrap(),
            422,
            "password_is_username",
        )
        .await;
        assert_eq!(
            change(&acc.password, "a-new-password-1")
                .await
                .unwrap()
                .status(),
            204
        );
        assert_problem(
            app.get_as("/api/v1/auth/me", &acc.token).await,
            401,
            "token_invalid",
        )
        .await;
        app.login(&acc.username, "a-new-password-1").await;
    })
    .await;
}

#[tokio::test]
async fn client_credentials_only_for_integrasi() {
    on_each_backend(|app| async move {
        let svc = app.account("integrasi", "34.02").await;
        let form = |id: &str, secret: &str, grant: &str| {
            app.client
                .post(app.url("/api/v1/auth/token"))
                .form(&[
                    ("grant_type", grant),
                    ("client_id", id),
                    ("client_secret", secret),
                ])
                .send()
        };
        let res = form(&svc.username, &svc.password, "client_credentials")
            .await
            .unwrap();
        assert_eq!(res.status(), 200);
        let body: Value = res.json().await.unwrap();
        assert!(body.get("refresh_token").is_none());
        let me: Value = app
            .get_json_as("/api/v1/auth/me", body["access_token"].as_str().unwrap())
            .await;
        assert_eq!(me["role"], "integrasi");
        assert_eq!(
            me["permissions"],
            json!(["padukuhan.read", "wksbm.read", "ppks.read", "dana.report"])
        );

        assert_problem(
            form(&svc.username, &svc.password, "password")
                .await
                .unwrap(),
            400,
            "form_invalid",
        )
        .await;
        assert_problem(
            form("admin", ADMIN_PASSWORD, "client_credentials")
                .await
                .unwrap(),
            401,
            "login_failed",
        )
        .await;
        assert_problem(
            form(&svc.username, "wrong-secret", "client_credentials")
                .await
                .unwrap(),
            401,
            "login_failed",
        )
        .await;
    })
    .await;
}

#[tokio::test]
async fn jwks_lists_the_signing_key() {
    on_each_backend(|app| async move {
        let jwks = app.get_json("/.well-known/jwks.json").await;
        let key = &jwks["keys"][0];
        assert_eq!(
            (
                key["kty"].as_str(),
                key["crv"].as_str(),
                key["alg"].as_str()
            ),
            (Some("OKP"), Some("Ed25519"), Some("EdDSA"))
        );
        let token = app.admin_token().await;
        let header = jsonwebtoken::decode_header(&token).unwrap();
        assert_eq!(header.kid.as_deref(), key["kid"].as_str());
    })
    .await;
}

#[tokio::test]
async fn login_is_rate_limited_per_account_with_retry_after() {
    for b in backends() {
        let app = TestApp::spawn_with(b, &["--login-per-minute=3", "--login-per-hour=10"]).await;
        for _ in 0..3 {
            let res = app
                .post(
                    "/api/v1/auth/login",
                    json!({"username": "admin", "password": "wrong-password"}),
                )
                .await;
            assert_eq!(res.status(), 401);
        }
        let res = app
            .post(
                "/api/v1/auth/login",
                json!({"username": "admin", "password": ADMIN_PASSWORD}),
            )
            .await;
        let retry: u64 = res
            .headers()
            .get("retry-after")
            .unwrap()
            .to_str()
            .unwrap()
            .parse()
            .unwrap();
        assert!((1..=60).contains(&retry), "{retry}");
        assert_problem(res, 429, "rate_limited").await;
        // Another account is not held back by this one's attempts.
        let res = app
            .post(
                "/api/v1/auth/login",
                json!({"username": "someone-else", "password": "wrong-password"}),
            )
            .await;
        assert_eq!(res.status(), 401);
    }
}
