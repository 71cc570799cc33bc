//! PPKS import and export over HTTP: dry run, all or nothing, idempotent re-import, bad
//! files, formula defusing, masking, and an export → import round trip into a fresh
//! database.

use serde_json::json;
use wksbm_tests::fixtures::{K1, Place, person, register};
use wksbm_tests::http::{assert_problem, ok};
use wksbm_tests::{TestApp, nik, on_each_backend};

const XLSX: &str = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";

async fn import(
    app: &TestApp,
    token: &str,
    padukuhan: &str,
    dry_run: bool,
    ct: &str,
    body: Vec<u8>,
) -> reqwest::Response {
    app.client
        .post(app.url(&format!(
            "/api/v1/ppks/impor?padukuhan_id={padukuhan}&dry_run={dry_run}"
        )))
        .bearer_auth(token)
        .header("content-type", ct)
        .body(body)
        .send()
        .await
        .unwrap()
}

async fn export(app: &TestApp, token: &str, format: &str) -> Vec<u8> {
    let res = app
        .get_as(&format!("/api/v1/ppks/ekspor?format={format}"), token)
        .await;
    assert_eq!(res.status(), 200);
    res.bytes().await.unwrap().to_vec()
}

async fn count(app: &TestApp, token: &str) -> usize {
    app.get_json_as("/api/v1/ppks?page_size=200", token).await["items"]
        .as_array()
        .unwrap()
        .len()
}

#[tokio::test]
async fn dry_run_commit_and_reimport() {
    on_each_backend(|app| async move {
        let admin = &app.admin_token().await;
        let pl = Place::new(&app, admin, K1, "Kuwaru").await;
        let (a, b) = (nik(true), nik(false));
        let csv = format!(
            "NIK,Nama\n{a},Sri Lestari\r\n{b},\"Budi, S.Pd.\"\r\n\r\n3402011205900000,Salah\r\n{a},Dua Kali\r\n"
        );
        let body = ok(import(&app, admin, &pl.padukuhan, true, "text/csv", csv.into_bytes()).await, 200).await;
        assert_eq!((body["rows"].as_u64(), body["new"].as_u64(), body["invalid"].as_u64()), (Some(4), Some(2), Some(2)));
        let bad = &body["report"][2];
        assert_eq!((bad["line"].as_u64(), bad["outcome"].as_str()), (Some(5), Some("salah")));
        assert_eq!((bad["errors"][0]["column"].as_str(), bad["errors"][0]["code"].as_str()), (Some("nik"), Some("nik_serial_zero")));
        assert_eq!(body["report"][3]["errors"][0]["code"], "nik_repeated_in_file");
        assert_eq!(count(&app, admin).await, 0, "a dry run writes nothing");

        // Commit with bad rows: 422 naming each, nothing written.
        let csv = format!("nik,nama,rt\r\n{a},Sri,03\r\n{b},Budi,abcd\r\n");
        let res = import(&app, admin, &pl.padukuhan, false, "text/csv", csv.into_bytes()).await;
        let body = assert_problem(res, 422, "import_rows_invalid").await;
        assert_eq!(body["errors"][0]["field"], "lines[3].rt");
        assert_eq!(count(&app, admin).await, 0, "all or nothing");

        // A good file commits; the same file again adds no one.
        let csv = format!("nik,nama,jenis_ppks,tanggal_lahir\r\n{a},Sri,Fakir Miskin;PRSE,\r\n{b},Budi,PPKS-24,\r\n");
        let body = ok(import(&app, admin, &pl.padukuhan, false, "text/csv", csv.clone().into_bytes()).await, 200).await;
        assert_eq!((body["committed"].as_bool(), body["new"].as_u64()), (Some(true), Some(2)));
        let again = ok(import(&app, admin, &pl.padukuhan, false, "text/csv", csv.into_bytes()).await, 200).await;
        assert_eq!((again["new"].as_u64(), again["existing"].as_u64()), (Some(0), Some(2)));
        assert_eq!(again["report"][0]["id"], body["report"][0]["id"]);
        assert_eq!(count(&app, admin).await, 2);
        let sri = app.get_json_as(&format!("/api/v1/ppks/{}", body["report"][0]["id"].as_str().unwrap()), admin).await;
        assert_eq!(sri["types"], json!(["PPKS-23", "PPKS-24"]));

        // Every imported person has its audit row.
        let audit = app.get_json_as("/api/v1/audit?action=ppks.import", admin).await;
        assert_eq!(audit["items"].as_array().unwrap().len(), 2);
    })
    .await;
}

#[tokio::test]
async fn bad_files_get_clear_answers() {
    on_each_backend(|app| async move {
        let admin = &app.admin_token().await;
        let pl = Place::new(&app, admin, K1, "Kuwaru").await;
        let go =
            |ct: &'static str, body: Vec<u8>| import(&app, admin, &pl.padukuhan, true, ct, body);
        assert_problem(
            go("text/csv", b"nik,nama\r\n\"3402,Sri\r\n".to_vec()).await,
            422,
            "csv_malformed",
        )
        .await;
        assert_problem(
            go("text/csv", b"nik,nama,warna\r\n1,Sri,biru\r\n".to_vec()).await,
            422,
            "import_unknown_column",
        )
        .await;
        assert_problem(
            go("text/csv", b"nama\r\nSri\r\n".to_vec()).await,
            422,
            "import_missing_column",
        )
        .await;
        assert_problem(
            go("text/csv", b"nik,nama,nama\r\n".to_vec()).await,
            422,
            "import_column_repeated",
        )
        .await;
        assert_problem(go("text/csv", Vec::new()).await, 422, "import_empty").await;
        // Latin-1 (Windows) bytes in an otherwise UTF-8 file: mixed encodings.
        let mut mixed = format!("nik,nama\r\n{},Sri\r\n{},Jos", nik(true), nik(false)).into_bytes();
        mixed.extend_from_slice(b"\xe9\r\n");
        let body = assert_problem(go("text/csv", mixed).await, 422, "encoding_invalid").await;
        assert!(
            body["detail"].as_str().unwrap().contains("Baris 3"),
            "names the line: {body}"
        );
        assert_problem(
            go(XLSX, b"PK\x03\x04 not really a zip".to_vec()).await,
            422,
            "xlsx_malformed",
        )
        .await;
        assert_problem(
            go("application/json", b"{}".to_vec()).await,
            415,
            "content_type_unsupported",
        )
        .await;
        let big = vec![b'a'; 10 * 1024 * 1024 + 1];
        assert_problem(go("text/csv", big).await, 413, "payload_too_large").await;
        assert_eq!(count(&app, admin).await, 0);
    })
    .await;
}

/// Rows of a CSV export as maps of column → value.
fn rows(csv: &[u8]) -> Vec<std::collections::HashMap<String, String>> {
    let text = String::from_utf8(csv.to_vec()).unwrap();
    let records = wksbm_domain::csv::parse(&text).unwrap();
    let header = records[0].fields.clone();
    records[1..]
        .iter()
        .map(|r| {
            header
                .iter()
                .cloned()
                .zip(r.fields.iter().cloned())
                .collect()
        })
        .collect()
}

#[tokio::test]
async fn export_masks_defuses_and_imports_back_into_a_fresh_database() {
    on_each_backend(|app| async move {
        let admin = &app.admin_token().await;
        let pl = Place::new(&app, admin, K1, "Kuwaru").await;
        let mut people = Vec::new();
        for (i, sensitive) in [false, true, false].into_iter().enumerate() {
            let mut b = person(&pl.padukuhan, &nik(i == 1), &format!("Warga {i}"));
            b["address"] = json!("=HYPERLINK(\"http://x\")");
            b["phone"] = json!("+6281234567890");
            b["no_kk"] = json!("3402011012150003");
            b["birth_place"] = json!("Bantul");
            b["needs"] = json!("Sembako");
            if sensitive {
                b["types"] = json!(["PPKS-24", "PPKS-17"]);
            }
            people.push(register(&app, admin, &b).await);
        }
        let csv = export(&app, admin, "csv").await;
        let text = String::from_utf8(csv.clone()).unwrap();
        assert!(text.contains("'=HYPERLINK"), "formula defused");
        assert!(!text.contains(",=HYPERLINK"));
        let full = rows(&csv);
        assert_eq!(full.len(), 3);
        assert_eq!(full[0]["nik"], people[0]["nik"].as_str().unwrap());
        assert_eq!(full[1]["jenis_ppks"], "PPKS-17;PPKS-24");
        // A kapanewon exports the same people masked, without the sensitive type.
        let panewu = app.account("kapanewon", "34.02.01").await.token;
        let masked = rows(&export(&app, &panewu, "csv").await);
        assert!(masked[0]["nik"].contains("******"));
        assert_eq!(
            (
                masked[0]["telepon"].as_str(),
                masked[1]["jenis_ppks"].as_str()
            ),
            ("", "PPKS-24")
        );
        let xlsx = export(&app, admin, "xlsx").await;
        assert_eq!(&xlsx[..2], b"PK", "a zip container");

        // Into a fresh database: the same people, field by field.
        let fresh = TestApp::spawn(app.backend).await;
        let fresh_admin = fresh.admin_token().await;
        let there = Place::new(&fresh, &fresh_admin, K1, "Kuwaru").await;
        let report = ok(
            import(
                &fresh,
                &fresh_admin,
                &there.padukuhan,
                false,
                "text/csv",
                csv,
            )
            .await,
            200,
        )
        .await;
        assert_eq!(
            (report["new"].as_u64(), report["invalid"].as_u64()),
            (Some(3), Some(0)),
            "{report}"
        );
        for p in &people {
            let id = p["id"].as_str().unwrap();
            let got = fresh
                .get_json_as(&format!("/api/v1/ppks/{id}"), &fresh_admin)
                .await;
            for field in [
                "nik",
                "no_kk",
                "name",
                "sex",
                "birth_date",
                "birth_place",
                "rt",
                "rw",
                "address",
                "phone",
                "types",
                "needs",
                "lawful_basis",
            ] {
                assert_eq!(got[field], p[field], "{field} of {id}");
            }
        }
        // The XLSX export reads back too: everyone is already there.
        let again = ok(
            import(&fresh, &fresh_admin, &there.padukuhan, true, XLSX, xlsx).await,
            200,
        )
        .await;
        assert_eq!(
            (again["existing"].as_u64(), again["invalid"].as_u64()),
            (Some(3), Some(0)),
            "{again}"
        );
        fresh.stop().await;
    })
    .await;
}
