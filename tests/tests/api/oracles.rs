//! Issue 21, "close the oracles": what the policy hides cannot be learned by asking
//! around it. One test per rule, each on SQLite and PostgreSQL.

use serde_json::{Value, json};
use wksbm_tests::fixtures::{K1, Place, board_member, person, register};
use wksbm_tests::http::{assert_problem, header, ok};
use wksbm_tests::{nik, on_each_backend};

/// A reader who sees a NIK masked cannot recover its hidden digits: an exact NIK search
/// (list or export) needs the full-view right, its hits are only people the caller sees in
/// full, it is rate-limited per account, and a search that finds nothing is still audited,
/// by the NIK's keyed hash.
#[tokio::test]
async fn a_masked_nik_cannot_be_recovered_by_exact_search() {
    on_each_backend(|app| async move {
        let admin = app.admin_token().await;
        let pl = Place::new(&app, &admin, K1, "Oracle").await;
        let ketua = board_member(&app, &admin, &pl.wksbm, "ketua").await;
        let bendahara = board_member(&app, &admin, &pl.wksbm, "bendahara").await;
        let n = nik(false);
        register(&app, &ketua, &person(&pl.padukuhan, &n, "Budi Santoso")).await;

        // The limited reader may list, but not by NIK, in the list or the export.
        ok(app.get_as("/api/v1/ppks", &bendahara).await, 200).await;
        for path in [
            format!("/api/v1/ppks?nik={n}"),
            format!("/api/v1/ppks/ekspor?nik={n}"),
        ] {
            let body = assert_problem(app.get_as(&path, &bendahara).await, 403, "forbidden").await;
            assert!(body["detail"].as_str().unwrap().contains("NIK"), "{body}");
        }
        let panewu = app.account("kapanewon", "34.02.01").await.token;
        assert_problem(
            app.get_as(&format!("/api/v1/ppks?nik={n}"), &panewu).await,
            403,
            "forbidden",
        )
        .await;

        // Those with the full view find the person.
        let hit = app
            .get_json_as(&format!("/api/v1/ppks?nik={n}"), &ketua)
            .await;
        assert_eq!(hit["items"].as_array().unwrap().len(), 1);

        // A miss is audited with the keyed hash of what was searched, never the NIK.
        let lurah = app.account("kalurahan", K1).await.token;
        let other = nik(true);
        let miss = app
            .get_json_as(&format!("/api/v1/ppks?nik={other}"), &lurah)
            .await;
        assert_eq!(miss["items"], json!([]));
        let audit = app
            .get_json_as("/api/v1/audit?action=ppks.list&page_size=200", &admin)
            .await;
        let text = audit.to_string();
        assert!(
            !text.contains(&other) && !text.contains(&n),
            "no NIK in the audit log"
        );
        let hashed: Vec<&Value> = audit["items"]
            .as_array()
            .unwrap()
            .iter()
            .filter(|e| {
                e["changed_fields"]
                    .as_array()
                    .unwrap()
                    .iter()
                    .any(|f| f.as_str().unwrap().starts_with("nik_hash="))
            })
            .collect();
        assert_eq!(hashed.len(), 2, "the hit and the miss: {audit}");
        assert!(hashed.iter().any(|e| {
            e["changed_fields"]
                .as_array()
                .unwrap()
                .contains(&json!("rows=0"))
        }));

        // Trying digits one by one runs into the per-account limit.
        let mut refused = None;
        for i in 0..25 {
            let res = app
                .get_as(&format!("/api/v1/ppks?nik={}{:04}", &n[..12], i), &lurah)
                .await;
            if res.status() == 429 {
                refused = Some((i, header(&res, "retry-after")));
                break;
            }
            ok(res, 200).await;
        }
        let (at, retry) = refused.expect("rate-limited");
        assert_eq!(at, 19, "20 a minute, and the lurah already searched once");
        assert!(retry.parse::<u64>().unwrap() >= 1);
        // Other searches are not limited.
        ok(app.get_as("/api/v1/ppks?q=budi", &lurah).await, 200).await;
    })
    .await;
}

/// The limited view is uniform: the same keys whether or not anything is withheld, an
/// age band instead of the age, and needs and sensitive types never shown.
#[tokio::test]
async fn the_limited_view_says_nothing_about_what_it_withholds() {
    on_each_backend(|app| async move {
        let admin = app.admin_token().await;
        let pl = Place::new(&app, &admin, K1, "Uniform").await;
        let ketua = board_member(&app, &admin, &pl.wksbm, "ketua").await;
        let bendahara = board_member(&app, &admin, &pl.wksbm, "bendahara").await;
        let mut plain = person(&pl.padukuhan, &nik(false), "Tanpa Rahasia");
        plain["types"] = json!(["PPKS-24"]);
        plain["needs"] = json!("Modal usaha");
        let mut sensitive = person(&pl.padukuhan, &nik(true), "Dengan Rahasia");
        sensitive["types"] = json!(["PPKS-24", "PPKS-16"]);
        sensitive["needs"] = json!("Obat ARV");
        let mut views = Vec::new();
        for body in [plain, sensitive] {
            let id = register(&app, &ketua, &body).await["id"]
                .as_str()
                .unwrap()
                .to_owned();
            let limited = app
                .get_json_as(&format!("/api/v1/ppks/{id}"), &bendahara)
                .await;
            assert_eq!(limited["full_view"], false);
            assert_eq!(limited["types"], json!(["PPKS-24"]));
            assert!(limited["needs"].is_null() && limited["age"].is_null());
            let band = limited["age_band"].as_str().unwrap();
            assert!(band.contains('-') || band == "75+", "{band}");
            let full = app.get_json_as(&format!("/api/v1/ppks/{id}"), &ketua).await;
            assert!(full["age"].as_u64().is_some() && full["needs"].is_string());
            views.push(limited);
        }
        let keys = |v: &Value| {
            let mut k: Vec<String> = v.as_object().unwrap().keys().cloned().collect();
            k.sort();
            k
        };
        assert_eq!(keys(&views[0]), keys(&views[1]));
        let strip = |v: &Value| {
            let mut v = v.clone();
            for k in [
                "id",
                "nik",
                "name",
                "version",
                "created_at",
                "updated_at",
                "age_band",
                "no_kk",
                "sex",
            ] {
                v.as_object_mut().unwrap().remove(k);
            }
            v
        };
        assert_eq!(
            strip(&views[0]),
            strip(&views[1]),
            "nothing tells the two apart"
        );
    })
    .await;
}
