use wksbm_tests::http::assert_problem;
use wksbm_tests::on_each_backend;

const RESOLVE: &str = "/api/v1/katalog/ppks/cocokkan";

#[tokio::test]
async fn framework_errors_are_problem_json() {
    on_each_backend(|app| async move {
        let c = &app.client;
        let post = |body: &'static str, ct: &'static str| {
            c.post(app.url(RESOLVE))
                .header("content-type", ct)
                .body(body)
                .send()
        };

        assert_problem(
            post("{\"values\": [", "application/json").await.unwrap(),
            400,
            "json_invalid",
        )
        .await;
        assert_problem(
            post("{\"values\": [1]}", "application/json").await.unwrap(),
            422,
            "body_invalid",
        )
        .await;
        assert_problem(
            post("{\"values\": [\"a\"], \"x\": 1}", "application/json")
                .await
                .unwrap(),
            422,
            "body_invalid",
        )
        .await;
        assert_problem(
            post("values=a", "text/plain").await.unwrap(),
            415,
            "content_type_unsupported",
        )
        .await;

        let big = format!("{{\"values\": [\"{}\"]}}", "a".repeat(1_100_000));
        let res = c
            .post(app.url(RESOLVE))
            .header("content-type", "application/json")
            .body(big)
            .send()
            .await
            .unwrap();
        assert_problem(res, 413, "payload_too_large").await;

        assert_problem(
            app.get("/api/v1/nothing-here").await,
            404,
            "route_not_found",
        )
        .await;
        assert_problem(app.get("/api/v1/katalog/unknown").await, 404, "not_found").await;
    })
    .await;
}

#[tokio::test]
async fn wrong_method_is_405_with_allow() {
    on_each_backend(|app| async move {
        for (method, path, allow) in [
            (reqwest::Method::DELETE, "/api/v1/wilayah", "GET"),
            (reqwest::Method::POST, "/api/v1/wilayah/34.02", "GET"),
            (reqwest::Method::GET, RESOLVE, "POST"),
            (reqwest::Method::PUT, "/health/ready", "GET"),
            (reqwest::Method::PATCH, "/api/v1/wksbm/ringkasan", "GET"),
        ] {
            let res = app
                .client
                .request(method.clone(), app.url(path))
                .send()
                .await
                .unwrap();
            assert_eq!(
                res.headers().get("allow").unwrap(),
                allow,
                "{method} {path}"
            );
            assert_problem(res, 405, "method_not_allowed").await;
        }
    })
    .await;
}

#[tokio::test]
async fn messages_are_indonesian_by_default_and_english_on_request() {
    on_each_backend(|app| async move {
        let id = assert_problem(app.get("/api/v1/wilayah/34.99").await, 404, "not_found").await;
        assert_eq!(id["title"], "Tidak ditemukan");
        assert!(id["detail"].as_str().unwrap().contains("tidak ditemukan"));

        let res = app
            .client
            .get(app.url("/api/v1/wilayah/34.99"))
            .header("accept-language", "en-GB,en;q=0.9,id;q=0.5")
            .send()
            .await
            .unwrap();
        assert_eq!(res.headers().get("content-language").unwrap(), "en");
        let en = assert_problem(res, 404, "not_found").await;
        assert_eq!(en["title"], "Not found");
        assert!(en["detail"].as_str().unwrap().contains("was not found"));
    })
    .await;
}

#[tokio::test]
async fn request_id_is_echoed_or_generated_and_quoted_in_problems() {
    on_each_backend(|app| async move {
        let res = app
            .client
            .get(app.url("/api/v1/wilayah/34.99"))
            .header("x-request-id", "client-trace-42")
            .send()
            .await
            .unwrap();
        assert_eq!(
            res.headers().get("x-request-id").unwrap(),
            "client-trace-42"
        );
        let body = assert_problem(res, 404, "not_found").await;
        assert_eq!(body["instance"], "urn:wksbm:request:client-trace-42");

        let res = app.get("/health/live").await;
        let generated = res.headers().get("x-request-id").unwrap().to_str().unwrap();
        assert!(uuid::Uuid::parse_str(generated).is_ok(), "{generated}");

        // An id that could forge log lines is replaced, not echoed.
        let res = app
            .client
            .get(app.url("/health/live"))
            .header("x-request-id", "a b")
            .send()
            .await
            .unwrap();
        assert_ne!(res.headers().get("x-request-id").unwrap(), "a b");
    })
    .await;
}
