//! `seed-synthetic`: the same seed gives the same people, every one of them valid and
//! findable, and a filled database is refused.

use wksbm_tests::{TestApp, on_each_backend};

#[tokio::test]
async fn seed_synthetic_is_deterministic_valid_and_searchable() {
    on_each_backend(|app| async move {
        let dir = app.db.data_dir();
        std::fs::create_dir_all(&dir).unwrap();
        let (a, b) = (dir.join("sample-a.tsv"), dir.join("sample-b.tsv"));
        let r = wksbm_api::seed::seed_synthetic(&app.settings, 7, 4, 300, Some(&a))
            .await
            .unwrap();
        assert_eq!((r.padukuhan, r.ppks), (4, 300));
        assert!(
            wksbm_api::seed::seed_synthetic(&app.settings, 7, 4, 300, None)
                .await
                .is_err(),
            "a filled database is refused"
        );
        let fresh = TestApp::spawn(app.backend).await;
        wksbm_api::seed::seed_synthetic(&fresh.settings, 7, 4, 300, Some(&b))
            .await
            .unwrap();
        let sample = std::fs::read_to_string(&a).unwrap();
        assert_eq!(
            sample,
            std::fs::read_to_string(&b).unwrap(),
            "same seed, same people"
        );
        fresh.stop().await;

        let admin = app.admin_token().await;
        let mut seen = 0;
        let mut next: Option<String> = None;
        loop {
            let path = match &next {
                Some(t) => format!("/api/v1/ppks?page_size=200&page_token={t}"),
                None => "/api/v1/ppks?page_size=200".to_owned(),
            };
            let page = app.get_json_as(&path, &admin).await;
            seen += page["items"].as_array().unwrap().len();
            match page["next_page_token"].as_str() {
                Some(t) => next = Some(t.to_owned()),
                None => break,
            }
        }
        assert_eq!(seen, 300);
        let (nik, name) = sample.lines().next().unwrap().split_once('\t').unwrap();
        assert!(wksbm_domain::nik::Nik::parse(nik).is_ok());
        let found = app
            .get_json_as(&format!("/api/v1/ppks?nik={nik}"), &admin)
            .await;
        assert_eq!(found["items"][0]["name"], name);
    })
    .await;
}

/// `seed-demo`: a newcomer's database, made through the API: a legalised WKSBM whose
/// report reconciles, a round with one recipient left to pay; a second run is refused.
#[tokio::test]
async fn seed_demo_fills_an_empty_database_once() {
    on_each_backend(|app| async move {
        wksbm_api::seed_demo::seed_demo(&app.settings)
            .await
            .unwrap();
        assert!(
            wksbm_api::seed_demo::seed_demo(&app.settings)
                .await
                .is_err(),
            "a filled database is refused"
        );
        let admin = app.admin_token().await;
        let list = app.get_json_as("/api/v1/wksbm", &admin).await;
        let items = list["items"].as_array().unwrap();
        assert_eq!(items.len(), 4);
        let live = items
            .iter()
            .find(|w| w["status"] == "aktif")
            .expect("one legalised");
        let base = format!("/api/v1/wksbm/{}", live["id"].as_str().unwrap());
        let rounds = app.get_json_as(&format!("{base}/penyaluran"), &admin).await;
        let round = app
            .get_json_as(
                &format!(
                    "{base}/penyaluran/{}",
                    rounds["items"][0]["id"].as_str().unwrap()
                ),
                &admin,
            )
            .await;
        let waiting = round["recipients"]
            .as_array()
            .unwrap()
            .iter()
            .filter(|r| r["status"] == "menunggu")
            .count();
        assert_eq!((round["status"].as_str(), waiting), (Some("disetujui"), 1));
        let report = app
            .get_json_as(
                &format!("{base}/laporan?from=2026-11-01&to=2026-11-30"),
                &admin,
            )
            .await;
        let funds = app.get_json_as(&format!("{base}/dana"), &admin).await;
        for f in report["funds"].as_array().unwrap() {
            let live = funds["items"]
                .as_array()
                .unwrap()
                .iter()
                .find(|x| x["id"] == f["fund_id"])
                .unwrap();
            assert_eq!(f["closing"], live["balance"], "{f}");
        }
        assert_eq!(
            report["distribution_by_category"]["penanganan.perlindungan_sosial"]["recipients"],
            3
        );
    })
    .await;
}
