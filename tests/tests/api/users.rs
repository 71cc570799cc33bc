use reqwest::Method;
use serde_json::{Value, json};
use wksbm_tests::http::{assert_problem, header};
use wksbm_tests::on_each_backend;

#[tokio::test]
async fn create_read_update_with_etags_and_if_match() {
    on_each_backend(|app| async move {
        let admin = app.admin_token().await;
        let res = app.send(Method::POST, "/api/v1/users", &admin, json!({"username": "Lurah.Poncosari", "password": "kata-sandi-rahasia", "name": " Sri Rahayu ", "role": "kalurahan", "wilayah_code": "34.02.01.2001"})).await;
        assert_eq!(res.status(), 201);
        let location = header(&res, "location");
        let etag = header(&res, "etag");
        let created: Value = res.json().await.unwrap();
        assert_eq!(created["username"], "lurah.poncosari");
        assert_eq!(created["name"], "Sri Rahayu");
        assert!(created.get("password").is_none() && created.get("password_hash").is_none());
        assert_eq!(location, format!("/api/v1/users/{}", created["id"].as_str().unwrap()));

        let res = app.get_as(&location, &admin).await;
        assert_eq!(res.headers().get("etag").unwrap().to_str().unwrap(), etag);

        assert_problem(app.patch(&location, &admin, None, json!({"name": "X"})).await, 428, "precondition_required").await;
        let res = app.patch(&location, &admin, Some(&etag), json!({"name": "Sri Rahayu, S.Sos."})).await;
        assert_eq!(res.status(), 200);
        let new_etag = header(&res, "etag");
        assert_ne!(new_etag, etag);
        assert_problem(app.patch(&location, &admin, Some(&etag), json!({"name": "Stale"})).await, 412, "precondition_failed").await;
        assert_problem(app.patch(&location, &admin, Some(&new_etag), json!({"id": "x"})).await, 422, "body_invalid").await;
        assert_problem(app.patch(&location, &admin, Some(&new_etag), json!({"role": "admin"})).await, 422, "role_not_below_own").await;
        assert_problem(app.patch(&location, &admin, Some(&new_etag), json!({"wilayah_code": "34.04.01.2001"})).await, 422, "wilayah_unknown").await;
        assert_problem(app.patch(&location, &admin, Some(&new_etag), json!({"role": "kapanewon"})).await, 422, "role_level_mismatch").await;
        let res = app.patch(&location, &admin, Some(&new_etag), json!({"role": "kapanewon", "wilayah_code": "34.02.01"})).await;
        assert_eq!(res.status(), 200);
        let moved: Value = res.json().await.unwrap();
        assert_eq!((moved["role"].as_str(), moved["wilayah_code"].as_str()), (Some("kapanewon"), Some("34.02.01")));
    })
    .await;
}

#[tokio::test]
async fn creation_rules_give_clear_422_and_409() {
    on_each_backend(|app| async move {
        let admin = app.admin_token().await;
        let create = |body: Value| app.authed(Method::POST, "/api/v1/users", &admin).json(&body).send();
        let base = json!({"username": "operator.satu", "password": "kata-sandi-rahasia", "name": "Operator", "role": "kalurahan", "wilayah_code": "34.02.01.2001"});
        let with = |k: &str, v: Value| {
            let mut b = base.clone();
            b[k] = v;
            b
        };
        for (body, code, field) in [
            (with("password", json!("short")), "validation_failed", "password"),
            (with("password", json!("Operator.Satu")), "password_is_username", "password"),
            (with("username", json!("x")), "validation_failed", "username"),
            (with("name", json!("  ")), "validation_failed", "name"),
            (with("role", json!("admin")), "role_not_below_own", "role"),
            (with("role", json!("pengurus")), "role_requires_board_seat", "role"),
            (with("wilayah_code", json!("34.02.01")), "role_level_mismatch", "wilayah_code"),
            (with("wilayah_code", json!("34.99.01.2001")), "wilayah_unknown", "wilayah_code"),
            (with("personal_data_grant", json!(true)), "field_not_settable", "personal_data_grant"),
        ] {
            let body = assert_problem(create(body).await.unwrap(), 422, code).await;
            assert_eq!(body["errors"][0]["field"], field, "{code}");
        }
        assert_problem(create(with("role", json!("superuser"))).await.unwrap(), 422, "body_invalid").await;
        assert_eq!(create(base.clone()).await.unwrap().status(), 201);
        assert_problem(create(with("username", json!("OPERATOR.SATU"))).await.unwrap(), 409, "username_taken").await;

        // A kalurahan may not create outside itself, nor a role at or above its own.
        let lurah = app.account("kalurahan", "34.02.01.2001").await;
        let res = app.send(Method::POST, "/api/v1/users", &lurah.token, with("username", json!("operator.dua"))).await;
        assert_problem(res, 422, "role_not_below_own").await;
        let svc = with("role", json!("integrasi"));
        let svc = json!({"username": "svc.sync", "password": svc["password"], "name": "Sync", "role": "integrasi", "wilayah_code": "34.02", "personal_data_grant": true});
        let res = create(svc).await.unwrap();
        assert_eq!(res.status(), 201, "an administrator grants an integrasi account personal data");
        let body: Value = res.json().await.unwrap();
        assert_eq!(body["personal_data_grant"], true);
    })
    .await;
}

#[tokio::test]
async fn lists_are_scoped_filtered_and_paginated() {
    on_each_backend(|app| async move {
        let admin = app.admin_token().await;
        for _ in 0..3 {
            app.account_by(&admin, "kalurahan", "34.02.01.2001").await;
        }
        app.account_by(&admin, "kalurahan", "34.02.02.2001").await;
        let panewu = app.account("kapanewon", "34.02.01").await;

        let app = &app;
        let get = |path: String, token: String| async move {
            let res = app.get_as(&path, &token).await;
            assert_eq!(res.status(), 200, "{path}");
            let link = res
                .headers()
                .get("link")
                .map(|l| l.to_str().unwrap().to_owned());
            (res.json::<Value>().await.unwrap(), link)
        };
        let (page, _) = get("/api/v1/users?page_size=200".into(), panewu.token.clone()).await;
        let codes: Vec<&str> = page["items"]
            .as_array()
            .unwrap()
            .iter()
            .map(|u| u["wilayah_code"].as_str().unwrap())
            .collect();
        assert_eq!(
            codes.len(),
            4,
            "the panewu sees its kapanewon only: {codes:?}"
        );
        assert!(codes.iter().all(|c| c.starts_with("34.02.01")));

        let (page, link) = get(
            "/api/v1/users?role=kalurahan&page_size=2".into(),
            admin.clone(),
        )
        .await;
        assert_eq!(page["items"].as_array().unwrap().len(), 2);
        let link = link.unwrap();
        let next = link
            .trim_start_matches('<')
            .split('>')
            .next()
            .unwrap()
            .to_owned();
        let (page2, _) = get(next, admin.clone()).await;
        assert_eq!(page2["items"].as_array().unwrap().len(), 2);
        assert_ne!(page["items"][0]["id"], page2["items"][0]["id"]);

        let (found, _) = get("/api/v1/users?q=ADMIN".into(), admin.clone()).await;
        assert_eq!(found["items"].as_array().unwrap().len(), 1);
        let since = (chrono::Utc::now() + chrono::Duration::hours(1))
            .to_rfc3339_opts(chrono::SecondsFormat::Secs, true);
        let (none, _) = get(
            format!("/api/v1/users?updated_since={}", since.replace('+', "%2B")),
            admin.clone(),
        )
        .await;
        assert!(none["items"].as_array().unwrap().is_empty());
        let res = app.get_as("/api/v1/users?page_token=bad", &admin).await;
        assert_problem(res, 400, "query_invalid").await;
    })
    .await;
}

#[tokio::test]
async fn an_administrator_cannot_lock_itself_out_and_reactivation_is_409() {
    on_each_backend(|app| async move {
        let admin = app.admin_token().await;
        let me: Value = app.get_json_as("/api/v1/auth/me", &admin).await;
        let own = format!("/api/v1/users/{}/deactivate", me["id"].as_str().unwrap());
        let res = app
            .send(Method::POST, &own, &admin, json!({"reason": "x"}))
            .await;
        assert_problem(res, 403, "forbidden").await;

        let acc = app.account("dinsos", "34.02").await;
        let path = format!("/api/v1/users/{}/deactivate", acc.id);
        let res = app
            .send(Method::POST, &path, &admin, json!({"reason": ""}))
            .await;
        let body = assert_problem(res, 422, "validation_failed").await;
        assert_eq!(body["errors"][0]["field"], "reason");
        assert_eq!(
            app.send(Method::POST, &path, &admin, json!({"reason": "pensiun"}))
                .await
                .status(),
            200
        );
        let res = app
            .send(Method::POST, &path, &admin, json!({"reason": "lagi"}))
            .await;
        assert_problem(res, 409, "already_inactive").await;
        let inactive: Value = app.get_json_as("/api/v1/users?active=false", &admin).await;
        assert_eq!(
            inactive["items"].as_array().unwrap().len(),
            1,
            "never deleted, listed as inactive"
        );

        // Reset by an administrator: the old password stops working.
        let acc = app.account("kapanewon", "34.02.03").await;
        let res = app
            .send(
                Method::POST,
                &format!("/api/v1/users/{}/reset-password", acc.id),
                &admin,
                json!({"new_password": "reset-by-admin-1"}),
            )
            .await;
        assert_eq!(res.status(), 204);
        assert_eq!(
            app.get_as("/api/v1/auth/me", &acc.token).await.status(),
            401
        );
        app.login(&acc.username, "reset-by-admin-1").await;
    })
    .await;
}

#[tokio::test]
async fn a_nul_in_a_search_matches_nothing_instead_of_failing() {
    // Found by schemathesis: PostgreSQL refuses NUL in text, which became a 500.
    on_each_backend(|app| async move {
        let admin = app.admin_token().await;
        for path in [
            "/api/v1/users?q=a%00b",
            "/api/v1/audit?action=user%00",
            "/api/v1/wilayah?q=ban%00",
        ] {
            let res = app.get_as(path, &admin).await;
            assert_eq!(res.status(), 200, "{path}");
            let body: Value = res.json().await.unwrap();
            assert!(body["items"].as_array().unwrap().is_empty(), "{path}");
        }
    })
    .await;
}
