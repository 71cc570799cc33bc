//! Black-box tests over real HTTP: one binary, one module per area.
#![allow(clippy::unwrap_used, clippy::expect_used)]

mod audit;
mod auth;
mod durability;
mod errors;
mod formation;
mod import;
mod jejaring;
mod katalog;
mod matrix;
mod money;
mod money_cap;
mod ops;
mod ppks;
mod ppks_io;
mod seed;
mod spec;
mod tokens;
mod users;
mod wilayah;

use serde_json::Value;

/// Asserts a problem+json body with the given status and code; returns the body.
pub async fn assert_problem(res: reqwest::Response, status: u16, code: &str) -> Value {
    assert_eq!(res.status().as_u16(), status, "status for {code}");
    let ct = res
        .headers()
        .get("content-type")
        .unwrap()
        .to_str()
        .unwrap()
        .to_owned();
    assert_eq!(ct, "application/problem+json", "content type for {code}");
    let request_id = res
        .headers()
        .get("x-request-id")
        .unwrap()
        .to_str()
        .unwrap()
        .to_owned();
    let body: Value = res.json().await.unwrap();
    assert_eq!(body["status"], status);
    assert_eq!(body["code"], code, "{body}");
    assert_eq!(body["type"], format!("urn:wksbm:problem:{code}"));
    let instance = if uuid::Uuid::parse_str(&request_id).is_ok() {
        format!("urn:uuid:{request_id}")
    } else {
        format!("urn:wksbm:request:{request_id}")
    };
    assert_eq!(body["instance"], instance);
    assert!(body["title"].as_str().is_some_and(|t| !t.is_empty()));
    assert!(body["detail"].as_str().is_some_and(|t| !t.is_empty()));
    assert!(body["errors"].is_array());
    body
}
