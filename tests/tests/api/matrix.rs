//! The authorisation matrix as data: role × operation × territory relation → status,
//! run over HTTP. Every operation in the specification must appear here, either in the
//! matrix or in the list of public operations, or the suite fails.

use reqwest::Method;
use serde_json::{Value, json};
use std::collections::BTreeSet;
use uuid::Uuid;
use wksbm_tests::{TestApp, backends};

/// The target of per-resource rows: a board member's account in padukuhan P1 of
/// kalurahan K1 (34.02.01.2001, kapanewon 34.02.01).
const K1: &str = "34.02.01.2001";

/// Columns: who asks, and how their territory relates to the target.
const ACTORS: [&str; 11] = [
    "anonymous",
    "admin (kabupaten)",
    "dinsos (kabupaten)",
    "kapanewon, same kapanewon",
    "kapanewon, other kapanewon",
    "kalurahan, same kalurahan",
    "kalurahan, sibling kalurahan",
    "kalurahan, other kapanewon",
    "pengurus, same padukuhan",
    "pengurus, sibling padukuhan",
    "integrasi (kabupaten)",
];

/// operationId → expected status per column of `ACTORS`.
const MATRIX: &[(&str, [u16; 11])] = &[
    (
        "getUser",
        [401, 200, 200, 200, 404, 200, 404, 404, 403, 404, 403],
    ),
    (
        "updateUser",
        [401, 200, 403, 403, 404, 200, 404, 404, 403, 404, 403],
    ),
    (
        "deactivateUser",
        [401, 200, 403, 403, 404, 200, 404, 404, 403, 404, 403],
    ),
    (
        "resetUserPassword",
        [401, 204, 403, 403, 404, 204, 404, 404, 403, 404, 403],
    ),
    (
        "listUsers",
        [401, 200, 200, 200, 200, 200, 200, 200, 403, 403, 403],
    ),
    (
        "createUser",
        [401, 201, 403, 403, 403, 422, 422, 422, 403, 403, 403],
    ),
    (
        "listAudit",
        [401, 200, 200, 403, 403, 200, 200, 200, 403, 403, 403],
    ),
    (
        "me",
        [401, 200, 200, 200, 200, 200, 200, 200, 200, 200, 200],
    ),
    (
        "logout",
        [401, 204, 204, 204, 204, 204, 204, 204, 204, 204, 204],
    ),
    (
        "changePassword",
        [401, 422, 422, 422, 422, 422, 422, 422, 422, 422, 422],
    ),
];

/// Operations anyone may call; their own tests cover them.
const PUBLIC: &[&str] = &[
    "healthLive",
    "healthReady",
    "metrics",
    "jwks",
    "listWilayah",
    "getWilayah",
    "listKatalog",
    "getKatalog",
    "resolveKatalog",
    "login",
    "refreshToken",
    "clientCredentialsToken",
];

#[test]
fn every_operation_has_matrix_rows_or_is_public() {
    let spec: Value = serde_json::from_str(&wksbm_api::routes::openapi_json()).unwrap();
    let mut ops = BTreeSet::new();
    for item in spec["paths"].as_object().unwrap().values() {
        for op in item.as_object().unwrap().values() {
            ops.insert(op["operationId"].as_str().unwrap().to_owned());
        }
    }
    let covered: BTreeSet<String> = MATRIX
        .iter()
        .map(|(op, _)| (*op).to_owned())
        .chain(PUBLIC.iter().map(|p| (*p).to_owned()))
        .collect();
    let missing: Vec<_> = ops.difference(&covered).collect();
    assert!(
        missing.is_empty(),
        "operations without authorisation-matrix rows: {missing:?}"
    );
    let stale: Vec<_> = covered.difference(&ops).collect();
    assert!(
        stale.is_empty(),
        "matrix rows for operations that no longer exist: {stale:?}"
    );
}

async fn request(app: &TestApp, op: &str, token: Option<&str>, target: Uuid) -> u16 {
    let (method, path, body) = match op {
        "getUser" => (Method::GET, format!("/api/v1/users/{target}"), None),
        "updateUser" => (
            Method::PATCH,
            format!("/api/v1/users/{target}"),
            Some(json!({"name": "Nama Baru"})),
        ),
        "deactivateUser" => (
            Method::POST,
            format!("/api/v1/users/{target}/deactivate"),
            Some(json!({"reason": "uji matriks"})),
        ),
        "resetUserPassword" => (
            Method::POST,
            format!("/api/v1/users/{target}/reset-password"),
            Some(json!({"new_password": "a-new-long-password"})),
        ),
        "listUsers" => (Method::GET, "/api/v1/users".into(), None),
        "createUser" => (
            Method::POST,
            "/api/v1/users".into(),
            Some(
                json!({"username": format!("m-{}", &Uuid::now_v7().simple().to_string()[20..]), "password": "a-long-password-1", "name": "Dibuat", "role": "kalurahan", "wilayah_code": K1}),
            ),
        ),
        "listAudit" => (Method::GET, "/api/v1/audit".into(), None),
        "me" => (Method::GET, "/api/v1/auth/me".into(), None),
        "logout" => (
            Method::POST,
            "/api/v1/auth/logout".into(),
            Some(json!({"refresh_token": "not-a-refresh-token"})),
        ),
        "changePassword" => (
            Method::POST,
            "/api/v1/auth/password".into(),
            Some(
                json!({"current_password": "not-my-password", "new_password": "another-password-1"}),
            ),
        ),
        other => panic!("no request for {other}"),
    };
    let mut rb = app
        .client
        .request(method, app.url(&path))
        .header("if-match", "\"1\"");
    if let Some(t) = token {
        rb = rb.bearer_auth(t);
    }
    if let Some(b) = body {
        rb = rb.json(&b);
    }
    rb.send().await.unwrap().status().as_u16()
}

#[tokio::test]
async fn authorisation_matrix() {
    for b in backends() {
        let app = TestApp::spawn(b).await;
        let (p1, p2) = (Uuid::now_v7(), Uuid::now_v7());
        let tokens: Vec<Option<String>> = vec![
            None,
            Some(app.admin_token().await),
            Some(app.account("dinsos", "34.02").await.token),
            Some(app.account("kapanewon", "34.02.01").await.token),
            Some(app.account("kapanewon", "34.02.02").await.token),
            Some(app.account("kalurahan", K1).await.token),
            Some(app.account("kalurahan", "34.02.01.2002").await.token),
            Some(app.account("kalurahan", "34.02.02.2001").await.token),
            Some(app.pengurus(K1, p1, "ketua").await.token),
            Some(app.pengurus(K1, p2, "ketua").await.token),
            Some(app.account("integrasi", "34.02").await.token),
        ];
        let mut failures = Vec::new();
        for (op, expected) in MATRIX {
            for (col, want) in expected.iter().enumerate() {
                // A fresh target per cell: a deactivation in one cell cannot decide another.
                let target = app.pengurus_target(K1, p1).await;
                let got = request(&app, op, tokens[col].as_deref(), target).await;
                if got != *want {
                    failures.push(format!(
                        "{op} as {}: expected {want}, got {got}",
                        ACTORS[col]
                    ));
                }
            }
        }
        assert!(
            failures.is_empty(),
            "on {:?}:\n{}",
            app.backend,
            failures.join("\n")
        );
    }
}
