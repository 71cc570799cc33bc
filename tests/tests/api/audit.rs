use serde_json::Value;
use wksbm_tests::{TestDb, on_each_backend};

async fn audit(app: &wksbm_tests::TestApp, token: &str, query: &str) -> Vec<Value> {
    let res = app
        .get_as(&format!("/api/v1/audit?page_size=200{query}"), token)
        .await;
    assert_eq!(res.status(), 200);
    let body: Value = res.json().await.unwrap();
    body["items"].as_array().unwrap().clone()
}

#[tokio::test]
async fn writes_are_audited_and_scoped_by_territory() {
    on_each_backend(|app| async move {
        let admin = app.admin_token().await;
        let lurah = app.account_by(&admin, "kalurahan", "34.02.01.2001").await;
        app.account_by(&admin, "kalurahan", "34.02.02.2001").await;

        let rows = audit(&app, &admin, "&action=user.create").await;
        assert_eq!(rows.len(), 2);
        let first = &rows[1];
        assert_eq!(first["actor_role"], "admin");
        assert_eq!(first["resource_id"], lurah.id.to_string());
        assert!(
            first["changed_fields"]
                .as_array()
                .unwrap()
                .iter()
                .any(|f| f == "role")
        );
        assert!(!first["request_id"].as_str().unwrap().is_empty());
        let all = audit(&app, &admin, "").await;
        for pair in all.windows(2) {
            assert_eq!(
                pair[0]["prev_hash"], pair[1]["hash"],
                "newest first, each linked to the one before"
            );
            assert_eq!(
                pair[0]["seq"].as_i64().unwrap(),
                pair[1]["seq"].as_i64().unwrap() + 1
            );
        }

        // The lurah sees what happened in its kalurahan only.
        let own = audit(&app, &lurah.token, "").await;
        assert!(!own.is_empty());
        assert!(
            own.iter().all(|r| r["wilayah_code"]
                .as_str()
                .unwrap()
                .starts_with("34.02.01.2001")),
            "{own:?}"
        );
        let logins = audit(&app, &admin, "&action=auth.login").await;
        assert!(logins.len() >= 3);
    })
    .await;
}

#[tokio::test]
async fn the_chain_verifies_and_an_edited_row_is_detected() {
    on_each_backend(|app| async move {
        let admin = app.admin_token().await;
        app.account_by(&admin, "kapanewon", "34.02.05").await;
        assert!(
            wksbm_api::cli::audit_verify(&app.settings).await.unwrap(),
            "intact"
        );

        // Edit one row behind the API's back, as an intruder with database access would.
        let sql = "UPDATE audit_log SET actor_role = 'dinsos' WHERE seq = 2";
        match &app.db {
            TestDb::Sqlite { .. } | TestDb::Postgres { .. } => {
                use sea_orm::ConnectionTrait;
                let conn = sea_orm::Database::connect(app.db.url().as_str())
                    .await
                    .unwrap();
                conn.execute_unprepared(sql).await.unwrap();
                conn.close().await.unwrap();
            }
        }
        assert!(
            !wksbm_api::cli::audit_verify(&app.settings).await.unwrap(),
            "tampering detected"
        );
        let report = {
            let db = wksbm_persistence::Db::connect(&app.settings.db_settings())
                .await
                .unwrap();
            let r = wksbm_persistence::audit_repo::verify(&db).await.unwrap();
            db.close().await;
            r
        };
        assert_eq!(report.broken.map(|(seq, _)| seq), Some(2));
    })
    .await;
}

#[tokio::test]
async fn concurrent_writes_keep_one_unbroken_chain() {
    on_each_backend(|app| async move {
        let admin = app.admin_token().await;
        let creations = (0..12).map(|_| app.account_by(&admin, "kapanewon", "34.02.07"));
        let accounts = futures_util::future::join_all(creations).await;
        assert_eq!(accounts.len(), 12);
        assert!(
            wksbm_api::cli::audit_verify(&app.settings).await.unwrap(),
            "chain intact after concurrent appends"
        );
    })
    .await;
}
