//! `seed-synthetic`: the same seed gives the same people, every one of them valid and
//! findable, and a filled database is refused.

use crate::ppks::ok;
use reqwest::Method;
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
            let page = ok(
                app.authed(Method::GET, &path, &admin).send().await.unwrap(),
                200,
            )
            .await;
            seen += page["items"].as_array().unwrap().len();
            match page["next_page_token"].as_str() {
                Some(t) => next = Some(t.to_owned()),
                None => break,
            }
        }
        assert_eq!(seen, 300);
        let (nik, name) = sample.lines().next().unwrap().split_once('\t').unwrap();
        assert!(wksbm_domain::nik::Nik::parse(nik).is_ok());
        let found = ok(
            app.authed(Method::GET, &format!("/api/v1/ppks?nik={nik}"), &admin)
                .send()
                .await
                .unwrap(),
            200,
        )
        .await;
        assert_eq!(found["items"][0]["name"], name);
    })
    .await;
}
