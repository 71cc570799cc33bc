use serde_json::Value;
use wksbm_tests::on_each_backend;

#[tokio::test]
async fn import_wilayah_is_all_or_nothing_and_idempotent() {
    on_each_backend(|app| async move {
        let dir = std::env::temp_dir().join(format!("wksbm-import-{}", uuid::Uuid::now_v7()));
        std::fs::create_dir_all(&dir).unwrap();
        let good = dir.join("sleman.csv");
        std::fs::write(&good, "code,parent_code,level,name\n34.04,34,kabupaten,Kabupaten Sleman\n34.04.01,34.04,kapanewon,Gamping\n34.04.01.2001,34.04.01,kalurahan,Balecatur\n").unwrap();
        let bad = dir.join("bad.csv");
        std::fs::write(&bad, "code,parent_code,level,name\n34.05,34,kabupaten,Kota Yogyakarta\n34.05.1,34.05,kapanewon,Bad\n").unwrap();

        assert!(!wksbm_api::cli::import_wilayah(&app.settings, &bad).await.unwrap());

        assert!(wksbm_api::cli::import_wilayah(&app.settings, &good).await.unwrap());
        assert!(wksbm_api::cli::import_wilayah(&app.settings, &good).await.unwrap());
        // The running server picks the import up at its next refresh (1 s in tests).
        let status = app.status_within("/api/v1/wilayah/34.04.01.2001", 200, 5).await;
        assert_eq!(status, 200, "import visible without a restart");
        let page: Value = app.get_json("/api/v1/wilayah?within=34.04").await;
        assert_eq!(page["items"].as_array().unwrap().len(), 2, "no duplicates after a second import");
        assert_eq!(app.get("/api/v1/wilayah/34.05").await.status(), 404, "the bad file wrote nothing");
        let w = app.get_json("/api/v1/wilayah/34.04.01.2001").await;
        assert_eq!(w["ancestors"][1]["name"], "Kabupaten Sleman");
        std::fs::remove_dir_all(&dir).unwrap();
    })
    .await;
}
