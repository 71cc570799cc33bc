use serde_json::Value;
use wksbm_tests::http::{assert_problem, item_texts};
use wksbm_tests::on_each_backend;

fn codes(page: &Value) -> Vec<String> {
    item_texts(page, "code")
}

#[tokio::test]
async fn bantul_has_17_kapanewon_and_75_kalurahan() {
    on_each_backend(|app| async move {
        let kap = app
            .get_json("/api/v1/wilayah?parent=34.02&level=kapanewon&page_size=200")
            .await;
        assert_eq!(codes(&kap).len(), 17);
        assert!(kap["next_page_token"].is_null());
        let kal = app
            .get_json("/api/v1/wilayah?within=34.02&level=kalurahan&page_size=200")
            .await;
        let kal = codes(&kal);
        assert_eq!(kal.len(), 75);
        assert!(kal.iter().all(|c| c.starts_with("34.02.") && c.len() == 13));
        let prov = app
            .get_json("/api/v1/wilayah?level=provinsi&page_size=200")
            .await;
        assert_eq!(codes(&prov).len(), 38);
    })
    .await;
}

#[tokio::test]
async fn detail_has_ancestors_from_the_province_down() {
    on_each_backend(|app| async move {
        let w = app.get_json("/api/v1/wilayah/34.02.01.2001").await;
        assert_eq!(w["name"], "Poncosari");
        assert_eq!(w["level"], "kalurahan");
        let chain: Vec<&str> = w["ancestors"]
            .as_array()
            .unwrap()
            .iter()
            .map(|a| a["code"].as_str().unwrap())
            .collect();
        assert_eq!(chain, ["34", "34.02", "34.02.01"]);
        assert_eq!(w["ancestors"][1]["name"], "Kabupaten Bantul");

        assert_problem(app.get("/api/v1/wilayah/34.02.99").await, 404, "not_found").await;
        assert_problem(
            app.get("/api/v1/wilayah/not-a-code").await,
            404,
            "not_found",
        )
        .await;
    })
    .await;
}

#[tokio::test]
async fn pages_follow_tokens_and_link_headers_without_gaps_or_repeats() {
    on_each_backend(|app| async move {
        let mut seen = Vec::new();
        let mut path = "/api/v1/wilayah?within=34.02&page_size=20".to_owned();
        let mut pages = 0;
        loop {
            let res = app.get(&path).await;
            assert_eq!(res.status(), 200);
            let link = res
                .headers()
                .get("link")
                .map(|l| l.to_str().unwrap().to_owned());
            let page: Value = res.json().await.unwrap();
            seen.extend(codes(&page));
            pages += 1;
            match page["next_page_token"].as_str() {
                Some(token) => {
                    let link = link.expect("Link header with a next page");
                    assert!(
                        link.ends_with("rel=\"next\"") && link.contains(token),
                        "{link}"
                    );
                    path = link
                        .trim_start_matches('<')
                        .split('>')
                        .next()
                        .unwrap()
                        .to_owned();
                }
                None => {
                    assert!(link.is_none());
                    break;
                }
            }
        }
        assert_eq!(pages, 5);
        assert_eq!(seen.len(), 92);
        let mut sorted = seen.clone();
        sorted.sort();
        sorted.dedup();
        assert_eq!(sorted, seen, "ordered by code, no repeats");
    })
    .await;
}

#[tokio::test]
async fn name_search_ignores_case_and_accents_and_treats_wildcards_literally() {
    on_each_backend(|app| async move {
        let found = app.get_json("/api/v1/wilayah?q=BANGUNTAPAN").await;
        assert!(codes(&found).contains(&"34.02.12".to_owned()), "{found}");
        let accented = app.get_json("/api/v1/wilayah?q=Bangúntapan").await;
        assert_eq!(codes(&accented), codes(&found));
        let wildcard = app.get_json("/api/v1/wilayah?q=%25").await;
        assert!(codes(&wildcard).is_empty());
    })
    .await;
}

#[tokio::test]
async fn bad_filters_and_tokens_are_400_with_the_field_named() {
    on_each_backend(|app| async move {
        for (path, field) in [
            ("/api/v1/wilayah?page_size=0", "page_size"),
            ("/api/v1/wilayah?page_size=201", "page_size"),
            ("/api/v1/wilayah?parent=34.2", "parent"),
            ("/api/v1/wilayah?within=x", "within"),
            ("/api/v1/wilayah?page_token=bm9wZQ", "page_token"),
        ] {
            let body = assert_problem(app.get(path).await, 400, "query_invalid").await;
            assert_eq!(body["errors"][0]["field"], field, "{path}");
        }
        assert_problem(
            app.get("/api/v1/wilayah?page_size=abc").await,
            400,
            "query_invalid",
        )
        .await;
        assert_problem(
            app.get("/api/v1/wilayah?level=dusun").await,
            400,
            "query_invalid",
        )
        .await;
    })
    .await;
}
