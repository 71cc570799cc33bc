use serde_json::Value;
use wksbm_tests::http::assert_problem;
use wksbm_tests::{TestApp, TestDb, backends, on_each_backend};

#[tokio::test]
async fn live_and_ready_answer_ok() {
    on_each_backend(|app| async move {
        let live = app.get_json("/health/live").await;
        assert_eq!(live["status"], "ok");
        let ready = app.get_json("/health/ready").await;
        assert_eq!(ready, serde_json::json!({"status": "ok", "database": "ok"}));
    })
    .await;
}

/// Makes the database unreachable: the SQLite file moves away; PostgreSQL refuses
/// connections to the database and drops the open ones.
async fn take_database_away(app: &TestApp) {
    match &app.db {
        TestDb::Sqlite { file, .. } => std::fs::rename(file, file.with_extension("away")).unwrap(),
        TestDb::Postgres { name, .. } => {
            app.db
                .pg_admin(&format!(
                    "ALTER DATABASE \"{name}\" ALLOW_CONNECTIONS false"
                ))
                .await;
            app.db.pg_admin(&format!("SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE datname = '{name}'")).await;
        }
    }
}

async fn bring_database_back(app: &TestApp) {
    match &app.db {
        TestDb::Sqlite { file, .. } => std::fs::rename(file.with_extension("away"), file).unwrap(),
        TestDb::Postgres { name, .. } => {
            app.db
                .pg_admin(&format!("ALTER DATABASE \"{name}\" ALLOW_CONNECTIONS true"))
                .await;
        }
    }
}

#[tokio::test]
async fn readiness_goes_503_while_the_database_is_away_and_recovers_without_restart() {
    on_each_backend(|app| async move {
        assert_eq!(app.get("/health/ready").await.status(), 200);
        take_database_away(&app).await;
        assert_problem(app.get("/health/ready").await, 503, "database_unavailable").await;
        // Liveness does not depend on the database.
        assert_eq!(app.get("/health/live").await.status(), 200);
        bring_database_back(&app).await;
        let status = app.status_within("/health/ready", 200, 5).await;
        assert_eq!(status, 200, "ready again on {:?}", app.backend);
        assert_eq!(app.get("/api/v1/wilayah/34.02").await.status(), 200);
    })
    .await;
}

#[tokio::test]
async fn metrics_count_requests_by_route_pattern_and_show_the_pool() {
    on_each_backend(|app| async move {
        app.get("/api/v1/wilayah/34.02").await;
        app.get("/api/v1/wilayah/34.02.01").await;
        app.get("/api/v1/wilayah/34.99").await;
        let res = app.get("/metrics").await;
        assert_eq!(res.status(), 200);
        assert!(res.headers().get("content-type").unwrap().to_str().unwrap().starts_with("text/plain"));
        let text = res.text().await.unwrap();
        let line = |status: &str| {
            format!("wksbm_http_requests_total{{method=\"GET\",route=\"/api/v1/wilayah/{{code}}\",status=\"{status}\"}}")
        };
        assert!(text.contains(&format!("{} 2", line("200"))), "{text}");
        assert!(text.contains(&format!("{} 1", line("404"))), "{text}");
        assert!(text.contains("wksbm_http_request_duration_seconds_bucket"), "{text}");
        assert!(text.contains("wksbm_db_pool_connections{state=\"max\"} 10"), "{text}");
    })
    .await;
}

#[tokio::test]
async fn swagger_ui_and_the_spec_are_served_offline() {
    on_each_backend(|app| async move {
        let html = app.get("/docs/").await.text().await.unwrap();
        assert!(html.contains("swagger-ui"), "{html}");
        let init = app
            .get("/docs/swagger-initializer.js")
            .await
            .text()
            .await
            .unwrap();
        assert!(init.contains("/api/v1/openapi.json"), "{init}");
        let spec: Value = app.get_json("/api/v1/openapi.json").await;
        assert!(spec["openapi"].as_str().unwrap().starts_with("3.1"));
    })
    .await;
}

#[tokio::test]
async fn cors_allows_configured_origins_only() {
    for b in backends() {
        let app = TestApp::spawn_with(b, &["--cors-origins=https://app.example"]).await;
        let res = app
            .client
            .get(app.url("/api/v1/wilayah/34"))
            .header("origin", "https://app.example")
            .send()
            .await
            .unwrap();
        assert_eq!(
            res.headers().get("access-control-allow-origin").unwrap(),
            "https://app.example"
        );
        let pre = app
            .client
            .request(
                reqwest::Method::OPTIONS,
                app.url("/api/v1/katalog/ppks/cocokkan"),
            )
            .header("origin", "https://app.example")
            .header("access-control-request-method", "POST")
            .header("access-control-request-headers", "content-type")
            .send()
            .await
            .unwrap();
        assert_eq!(pre.status(), 200);
        let other = app
            .client
            .get(app.url("/api/v1/wilayah/34"))
            .header("origin", "https://evil.example")
            .send()
            .await
            .unwrap();
        assert!(other.headers().get("access-control-allow-origin").is_none());
    }
}

/// A pooled PostgreSQL connection cut while idle (a restarted server, a dropped link) is
/// noticed before use and replaced: the next request succeeds, not a 500. (Pinging only
/// connections idle for a second failed here: background tasks had used one since.)
#[tokio::test]
async fn a_connection_cut_while_idle_is_replaced_before_use() {
    for backend in backends() {
        let app = TestApp::spawn(backend).await;
        let TestDb::Postgres { name, .. } = &app.db else {
            app.stop().await;
            continue;
        };
        let admin = app.admin_token().await;
        assert_eq!(
            app.authed(reqwest::Method::GET, "/api/v1/users", &admin)
                .send()
                .await
                .unwrap()
                .status(),
            200
        );
        tokio::time::sleep(std::time::Duration::from_millis(1200)).await;
        app.db.pg_admin(&format!("SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE datname = '{name}' AND application_name = 'wksbm'")).await;
        for _ in 0..3 {
            let res = app
                .authed(reqwest::Method::GET, "/api/v1/users", &admin)
                .send()
                .await
                .unwrap();
            assert_eq!(res.status(), 200, "{:?}", res.text().await);
        }
        app.stop().await;
    }
}
