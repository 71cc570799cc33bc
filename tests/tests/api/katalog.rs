use serde_json::{Value, json};
use wksbm_tests::http::assert_problem;
use wksbm_tests::on_each_backend;

#[tokio::test]
async fn catalogs_have_the_regulated_sizes() {
    on_each_backend(|app| async move {
        let list = app.get_json("/api/v1/katalog").await;
        let count = |name: &str| {
            list["items"]
                .as_array()
                .unwrap()
                .iter()
                .find(|k| k["name"] == name)
                .map(|k| k["count"].as_u64().unwrap())
        };
        assert_eq!(count("ppks"), Some(26));
        assert_eq!(count("psks"), Some(12));
        assert_eq!(count("asnaf"), Some(8));
        assert_eq!(count("buku_administrasi"), Some(12));
        for name in [
            "jenis_kegiatan",
            "metode_penggalangan_dana",
            "kategori_penyaluran",
            "jabatan",
            "tahapan_penumbuhan",
        ] {
            let k = app.get_json(&format!("/api/v1/katalog/{name}")).await;
            assert!(!k["items"].as_array().unwrap().is_empty(), "{name}");
        }
        let ppks = app.get_json("/api/v1/katalog/ppks").await;
        assert_eq!(ppks["items"][7]["code"], "PPKS-08");
        assert_eq!(ppks["source"], "Permensos 8/2012");
    })
    .await;
}

#[tokio::test]
async fn resolve_maps_names_aliases_and_codes_and_rejects_bad_lists() {
    on_each_backend(|app| async move {
        let res = app
            .post(
                "/api/v1/katalog/ppks/cocokkan",
                json!({"values": ["Lanjut Usia Terlantar", "odha", "PPKS-24", "bukan jenis"]}),
            )
            .await;
        assert_eq!(res.status(), 200);
        let body: Value = res.json().await.unwrap();
        let got: Vec<Value> = body["items"]
            .as_array()
            .unwrap()
            .iter()
            .map(|r| r["item"]["code"].clone())
            .collect();
        assert_eq!(
            got,
            [
                json!("PPKS-08"),
                json!("PPKS-16"),
                json!("PPKS-24"),
                Value::Null
            ]
        );

        let res = app
            .post("/api/v1/katalog/ppks/cocokkan", json!({"values": []}))
            .await;
        let body = assert_problem(res, 422, "validation_failed").await;
        assert_eq!(body["errors"][0]["field"], "values");

        let long = "x".repeat(201);
        let res = app
            .post(
                "/api/v1/katalog/asnaf/cocokkan",
                json!({"values": ["fakir", "", long]}),
            )
            .await;
        let body = assert_problem(res, 422, "validation_failed").await;
        let fields: Vec<&str> = body["errors"]
            .as_array()
            .unwrap()
            .iter()
            .map(|e| e["field"].as_str().unwrap())
            .collect();
        assert_eq!(fields, ["values[1]", "values[2]"]);
    })
    .await;
}
