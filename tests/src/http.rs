//! Requests and answers: the calls every test makes and the checks it makes on what comes
//! back.

use crate::TestApp;
use reqwest::{Method, Response};
use serde_json::Value;

impl TestApp {
    /// Sends `body` as JSON with `token` as the bearer token.
    pub async fn send(&self, method: Method, path: &str, token: &str, body: Value) -> Response {
        self.authed(method, path, token)
            .json(&body)
            .send()
            .await
            .unwrap()
    }

    /// Patches with `body` as JSON and `token`, sending `if_match` as If-Match when given.
    pub async fn patch(
        &self,
        path: &str,
        token: &str,
        if_match: Option<&str>,
        body: Value,
    ) -> Response {
        let mut rb = self.authed(Method::PATCH, path, token).json(&body);
        if let Some(etag) = if_match {
            rb = rb.header("if-match", etag);
        }
        rb.send().await.unwrap()
    }

    /// Posts `body` as JSON without a token.
    pub async fn post(&self, path: &str, body: Value) -> Response {
        self.client
            .post(self.url(path))
            .json(&body)
            .send()
            .await
            .unwrap()
    }

    /// Gets `path` with `token` as the bearer token.
    pub async fn get_as(&self, path: &str, token: &str) -> Response {
        self.authed(Method::GET, path, token).send().await.unwrap()
    }

    /// Gets `path` with `token`; panics unless it answers 200. Returns the body.
    pub async fn get_json_as(&self, path: &str, token: &str) -> Value {
        ok(self.get_as(path, token).await, 200).await
    }
}

/// Asserts the status of a JSON answer; returns its body.
pub async fn ok(res: Response, status: u16) -> Value {
    let got = res.status().as_u16();
    let body: Value = res.json().await.unwrap();
    assert_eq!(got, status, "{body}");
    body
}

/// A header of an answer as text; panics when it is missing.
pub fn header(res: &Response, name: &str) -> String {
    res.headers()
        .get(name)
        .unwrap_or_else(|| panic!("no {name} header"))
        .to_str()
        .unwrap()
        .to_owned()
}

/// The text `field` of every item of a list page, in order.
pub fn item_texts(page: &Value, field: &str) -> Vec<String> {
    page["items"]
        .as_array()
        .unwrap()
        .iter()
        .map(|i| i[field].as_str().unwrap().to_owned())
        .collect()
}

/// Asserts a problem+json body with the given status and code; returns the body.
pub async fn assert_problem(res: Response, status: u16, code: &str) -> Value {
    assert_eq!(res.status().as_u16(), status, "status for {code}");
    let ct = header(&res, "content-type");
    assert_eq!(ct, "application/problem+json", "content type for {code}");
    let request_id = header(&res, "x-request-id");
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
