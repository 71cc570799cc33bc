//! The PPKS register over HTTP: NIK/KK rules, one person one record, who sees the full
//! NIK and the sensitive types, audit of every read, search, data-subject rights.

use reqwest::Method;
use serde_json::{Value, json};
use uuid::Uuid;
use wksbm_tests::fixtures::{K1, Place, board_member, person, register};
use wksbm_tests::http::{assert_problem, item_texts, ok};
use wksbm_tests::{TestApp, nik, on_each_backend};

#[tokio::test]
async fn each_nik_and_kk_rule_has_its_own_answer() {
    on_each_backend(|app| async move {
        let admin = &app.admin_token().await;
        let pl = Place::new(&app, admin, K1, "Kuwaru").await;
        let post = |body: Value| {
            app.authed(Method::POST, "/api/v1/ppks", admin)
                .json(&body)
                .send()
        };
        let n = nik(true);
        let mut b = person(&pl.padukuhan, &n, "Sri Lèstari");
        b["no_kk"] = json!("3402011012150003");
        b["phone"] = json!("+6281234567890");
        let created = ok(post(b.clone()).await.unwrap(), 201).await;
        assert_eq!(
            created["nik"],
            n.as_str(),
            "the administrator sees it whole"
        );
        assert_eq!(created["sex"], "p", "derived from the day + 40");
        assert!(
            created.get("warnings").is_none(),
            "34.02.01 is a known kecamatan"
        );
        assert_eq!(created["wksbm_id"], pl.wksbm.as_str());

        let cases = [
            ("9902011205900001", "nik_unknown_province"),
            ("3402013205900001", "nik_invalid_date"),
            ("3402017205900001", "nik_invalid_date"),
            ("3402012902010001", "nik_invalid_date"),
            ("3402011205900000", "nik_serial_zero"),
        ];
        for (bad, code) in cases {
            let res = post(person(&pl.padukuhan, bad, "Salah")).await.unwrap();
            let body = assert_problem(res, 422, code).await;
            assert_eq!(body["errors"][0]["field"], "nik", "{code}");
        }
        let m = nik(false);
        let mut wrong = person(&pl.padukuhan, &m, "Tanggal Salah");
        wrong["sex"] = json!("p");
        assert_problem(post(wrong).await.unwrap(), 422, "nik_sex_mismatch").await;
        let mut wrong = person(&pl.padukuhan, &m, "Tanggal Salah");
        wrong["birth_date"] = json!("1901-01-01");
        assert_problem(post(wrong).await.unwrap(), 422, "nik_birth_date_mismatch").await;
        let mut wrong = person(&pl.padukuhan, &m, "KK Salah");
        wrong["no_kk"] = json!("3402015012150003");
        assert_problem(post(wrong).await.unwrap(), 422, "kk_invalid_date").await;
        let mut wrong = person(&pl.padukuhan, &m, "Jenis Salah");
        wrong["types"] = json!(["PPKS-27"]);
        assert_problem(post(wrong).await.unwrap(), 422, "ppks_type_unknown").await;
        let mut wrong = person(&pl.padukuhan, &m, "Asnaf Salah");
        wrong["asnaf"] = json!("kaya");
        assert_problem(post(wrong).await.unwrap(), 422, "asnaf_unknown").await;
        let mut wrong = person(&pl.padukuhan, &m, "Tanpa Bukti");
        wrong["lawful_basis"] = json!("persetujuan");
        wrong["consent_by"] = json!("diri_sendiri");
        assert_problem(post(wrong).await.unwrap(), 422, "consent_incomplete").await;
        // A child (born 2015) consenting for itself.
        let mut child = person(&pl.padukuhan, "3402011205150007", "Anak");
        child["lawful_basis"] = json!("persetujuan");
        child["consent_proof"] = json!("Formulir 1");
        child["consent_by"] = json!("diri_sendiri");
        assert_problem(
            post(child.clone()).await.unwrap(),
            422,
            "consent_guardian_required",
        )
        .await;
        child["consent_by"] = json!("orang_tua");
        child["consent_name"] = json!("Ibu Anak");
        ok(post(child).await.unwrap(), 201).await;

        // Outside Bantul's reference data: a warning, not an error.
        let far = ok(
            post(person(&pl.padukuhan, "3374051205900001", "Pendatang"))
                .await
                .unwrap(),
            201,
        )
        .await;
        assert_eq!(far["warnings"][0]["code"], "nik_kecamatan_unknown");

        // One person, one record: the 409 points to the record when the caller can see it.
        let again = post(person(&pl.padukuhan, &n, "Sri Lagi")).await.unwrap();
        let link = again
            .headers()
            .get("link")
            .map(|v| v.to_str().unwrap().to_owned());
        let body = assert_problem(again, 409, "nik_taken").await;
        let id = created["id"].as_str().unwrap();
        assert!(link.unwrap().contains(id));
        assert!(body["errors"][0]["message"].as_str().unwrap().contains(id));
        // A kalurahan elsewhere registering the same NIK learns only that it is taken.
        let other = app.account("kalurahan", "34.02.01.2002").await.token;
        let p2 = ok(
            app.send(
                Method::POST,
                "/api/v1/kalurahan/34.02.01.2002/padukuhan",
                &other,
                json!({"name": "Lain"}),
            )
            .await,
            201,
        )
        .await;
        let res = app
            .send(
                Method::POST,
                "/api/v1/ppks",
                &other,
                person(p2["id"].as_str().unwrap(), &n, "Sri"),
            )
            .await;
        assert!(res.headers().get("link").is_none());
        let body = assert_problem(res, 409, "nik_taken").await;
        assert!(body["errors"].as_array().is_none_or(|e| e.is_empty()));

        // A client-chosen id that is taken is named as such.
        let mut same_id = person(&pl.padukuhan, &nik(false), "Id Sama");
        same_id["id"] = created["id"].clone();
        assert_problem(post(same_id).await.unwrap(), 409, "id_taken").await;

        // Nothing half-written: three people in the register.
        let list = app.get_json_as("/api/v1/ppks", admin).await;
        assert_eq!(list["items"].as_array().unwrap().len(), 3);
    })
    .await;
}

#[tokio::test]
async fn who_sees_the_full_nik_and_the_sensitive_types() {
    on_each_backend(|app| async move {
        let admin = app.admin_token().await;
        let pl = Place::new(&app, &admin, K1, "Kuwaru").await;
        let ketua = board_member(&app, &admin, &pl.wksbm, "ketua").await;
        let sekretaris = board_member(&app, &admin, &pl.wksbm, "sekretaris").await;
        let bendahara = board_member(&app, &admin, &pl.wksbm, "bendahara").await;
        let n = nik(false);
        let mut b = person(&pl.padukuhan, &n, "Budi Santoso");
        b["types"] = json!(["PPKS-24", "PPKS-16"]);
        b["phone"] = json!("081234567890");
        b["no_kk"] = json!("3402011012150003");
        let created = register(&app, &ketua, &b).await;
        let id = created["id"].as_str().unwrap().to_owned();
        let path = format!("/api/v1/ppks/{id}");

        let lurah = app.account("kalurahan", K1).await.token;
        let dinsos = app.account("dinsos", "34.02").await.token;
        let panewu = app.account("kapanewon", "34.02.01").await.token;
        let svc = app.account("integrasi", "34.02").await.token;
        let granted = {
            let username = format!("svc-{}", &Uuid::now_v7().simple().to_string()[20..]);
            ok(app.send(Method::POST, "/api/v1/users", &admin, json!({"username": username, "password": "a-long-password-1", "name": "Integrasi Dinsos", "role": "integrasi", "wilayah_code": "34.02", "personal_data_grant": true})).await, 201).await;
            app.login(&username, "a-long-password-1").await
        };
        let masked = format!("{}******{}", &n[..6], &n[12..]);
        let cases: [(&str, &String, bool); 9] = [
            ("ketua", &ketua, true),
            ("sekretaris", &sekretaris, true),
            ("bendahara", &bendahara, false),
            ("kalurahan", &lurah, true),
            ("dinsos", &dinsos, true),
            ("admin", &admin, true),
            ("kapanewon", &panewu, false),
            ("integrasi", &svc, false),
            ("integrasi with grant", &granted, true),
        ];
        for (who, token, full) in cases {
            let got = app.get_json_as(&path, token).await;
            assert_eq!(got["full_view"], full, "{who}");
            let types: Vec<&str> = got["types"].as_array().unwrap().iter().map(|t| t.as_str().unwrap()).collect();
            if full {
                assert_eq!(got["nik"], n.as_str(), "{who}");
                assert_eq!(got["no_kk"], "3402011012150003", "{who}");
                assert_eq!(got["phone"], "081234567890", "{who}");
                assert_eq!(types, vec!["PPKS-16", "PPKS-24"], "{who}");
            } else {
                assert_eq!(got["nik"], masked.as_str(), "{who}");
                assert_eq!(got["no_kk"], "340201******0003", "{who}");
                assert!(got["phone"].is_null() && got["birth_date"].is_null(), "{who}");
                assert_eq!(types, vec!["PPKS-24"], "{who}: no ODHA");
                // Nothing says that something was withheld.
                assert!(got.get("types_withheld").is_none(), "{who}");
            }
        }
        // Lists show the NIK masked and no sensitive type, to everyone.
        let list = app.get_json_as("/api/v1/ppks", &ketua).await;
        assert_eq!(list["items"][0]["nik"], masked.as_str());
        assert_eq!(list["items"][0]["types"], json!(["PPKS-24"]));
        // Searching by a sensitive type: only for those who may see it.
        let odha = "/api/v1/ppks?type=PPKS-16";
        assert_eq!(app.get_json_as(odha, &lurah).await["items"].as_array().unwrap().len(), 1);
        assert_problem(app.get_as(odha, &bendahara).await, 403, "forbidden").await;
        // The bendahara may not register or correct either.
        assert_problem(app.send(Method::POST, "/api/v1/ppks", &bendahara, person(&pl.padukuhan, &nik(true), "X")).await, 403, "forbidden").await;

        // Every read of the record is in the audit log, full or limited.
        let audit = app.get_json_as(&format!("/api/v1/audit?resource_id={id}&page_size=200"), &admin).await;
        let actions = item_texts(&audit, "action");
        assert_eq!(actions.iter().filter(|a| *a == "ppks.read_full").count(), 6, "{actions:?}");
        assert_eq!(actions.iter().filter(|a| *a == "ppks.read").count(), 3, "{actions:?}");

        // A child's types are all private, whatever they are.
        let mut c = person(&pl.padukuhan, "3402011205150009", "Anak Budi");
        c["types"] = json!(["PPKS-02"]);
        let child = register(&app, &ketua, &c).await;
        let limited = app.get_json_as(&format!("/api/v1/ppks/{}", child["id"].as_str().unwrap()), &bendahara).await;
        assert_eq!(limited["types"], json!([]));
        assert!(limited["age"].is_null(), "an age band only");
        assert!(["5-9", "10-14"].contains(&limited["age_band"].as_str().unwrap()));

        // At rest the NIK, No. KK and phone are not readable.
        let dump = app_dump(&app).await;
        assert!(!dump.contains(&n) && !dump.contains("081234567890") && !dump.contains("3402011012150003"));
    })
    .await;
}

/// What a stolen database shows of the ppks table: every column as text or bytes.
async fn app_dump(app: &TestApp) -> String {
    use sea_orm::{ConnectionTrait, Database, Statement};
    let conn = Database::connect(app.db.url()).await.unwrap();
    let rows = conn
        .query_all_raw(Statement::from_string(
            conn.get_database_backend(),
            "SELECT name, types_index, nik_hash, kk_hash, address, private_enc FROM ppks"
                .to_owned(),
        ))
        .await
        .unwrap();
    let mut dump = String::new();
    for r in rows {
        for col in ["name", "types_index", "nik_hash", "kk_hash", "address"] {
            dump.push_str(
                &r.try_get::<Option<String>>("", col)
                    .unwrap()
                    .unwrap_or_default(),
            );
        }
        let blob = r
            .try_get::<Option<Vec<u8>>>("", "private_enc")
            .unwrap()
            .unwrap_or_default();
        dump.push_str(&String::from_utf8_lossy(&blob));
    }
    assert!(!dump.is_empty());
    conn.close().await.unwrap();
    dump
}

#[tokio::test]
async fn name_search_finds_every_substring() {
    // PostgreSQL narrows by word parts (migration 13) before checking the substring;
    // SQLite only checks the substring. Both must give the same answers: mid-word starts
    // and ends, several words, short words, punctuation, order and literal wildcards.
    on_each_backend(|app| async move {
        let admin = &app.admin_token().await;
        let pl = Place::new(&app, admin, K1, "Srandakan").await;
        for name in [
            "Siti Rahayu Wulandari",
            "Ma'ruf Amin",
            "Sri Lestari",
            "Rahmat Hidayat",
        ] {
            register(&app, admin, &person(&pl.padukuhan, &nik(false), name)).await;
        }
        let app = &app;
        let found = |q: &'static str| async move {
            let url = format!("/api/v1/ppks?q={}", urlencoding(q));
            let v = app.get_json_as(&url, admin).await;
            sorted_names(&v)
        };
        let siti = vec!["Siti Rahayu Wulandari".to_owned()];
        for q in [
            "rahayu",
            "ahay",
            "ti rahayu wul",
            "iti rahayu wulandari",
            "Siti Rahayu Wulandari",
            "SITI   RAHAYU",
            "i r",
            "yu wulan",
        ] {
            assert_eq!(found(q).await, siti, "{q}");
        }
        assert_eq!(found("a'ru").await, vec!["Ma'ruf Amin"]);
        assert_eq!(found("ma'ruf amin").await, vec!["Ma'ruf Amin"]);
        assert_eq!(found("at hid").await, vec!["Rahmat Hidayat"]);
        assert_eq!(
            found("ri").await,
            vec!["Siti Rahayu Wulandari", "Sri Lestari"]
        );
        assert_eq!(found("a").await.len(), 4);
        for q in [
            "rahayu siti",
            "hidayat x",
            "wulandari%",
            "ri_",
            "lestari sri",
        ] {
            assert!(found(q).await.is_empty(), "{q}");
        }
    })
    .await;
}

/// The names of a page of people, sorted.
fn sorted_names(v: &Value) -> Vec<String> {
    let mut n = item_texts(v, "name");
    n.sort();
    n
}

fn urlencoding(q: &str) -> String {
    q.bytes()
        .map(|b| match b {
            b'a'..=b'z' | b'A'..=b'Z' | b'0'..=b'9' => (b as char).to_string(),
            _ => format!("%{b:02X}"),
        })
        .collect()
}

#[tokio::test]
async fn search_by_name_nik_type_status_place_and_time() {
    on_each_backend(|app| async move {
        let admin = &app.admin_token().await;
        let pl = Place::new(&app, admin, K1, "Kuwaru").await;
        let other = Place::new(&app, admin, K1, "Gadingharjo").await;
        let sri = nik(true);
        let mut b = person(&pl.padukuhan, &sri, "Srí Lèstari");
        b["types"] = json!(["PPKS-23"]);
        register(&app, admin, &b).await;
        let mut b = person(&pl.padukuhan, &nik(false), "Budi");
        b["rt"] = json!("05");
        let budi = register(&app, admin, &b).await;
        register(
            &app,
            admin,
            &person(&other.padukuhan, &nik(false), "Sriyono"),
        )
        .await;
        let names = sorted_names;
        let app = &app;
        let get =
            |q: String| async move { app.get_json_as(&format!("/api/v1/ppks?{q}"), admin).await };
        assert_eq!(
            names(&get("q=SRI".into()).await),
            vec!["Sriyono", "Srí Lèstari"]
        );
        assert_eq!(
            names(&get("q=lestari".into()).await),
            vec!["Srí Lèstari"],
            "accents ignored"
        );
        assert_eq!(names(&get(format!("nik={sri}")).await), vec!["Srí Lèstari"]);
        assert_eq!(
            names(&get("type=PPKS-23".into()).await),
            vec!["Srí Lèstari"]
        );
        assert_eq!(names(&get("rt=05".into()).await), vec!["Budi"]);
        assert_eq!(
            names(&get(format!("padukuhan_id={}", other.padukuhan)).await),
            vec!["Sriyono"]
        );
        assert_eq!(names(&get("wilayah_code=34.02.01".into()).await).len(), 3);
        assert_eq!(names(&get("wilayah_code=34.02.02".into()).await).len(), 0);
        // Status: Budi moves away.
        ok(
            app.send(
                Method::POST,
                &format!("/api/v1/ppks/{}/status", budi["id"].as_str().unwrap()),
                admin,
                json!({"status": "nonaktif", "reason": "pindah", "date": "2026-11-01"}),
            )
            .await,
            200,
        )
        .await;
        assert_eq!(names(&get("status=nonaktif".into()).await), vec!["Budi"]);
        assert_eq!(names(&get("status=aktif".into()).await).len(), 2);
        let since = chrono::Utc::now() - chrono::Duration::seconds(60);
        assert_eq!(
            names(
                &get(format!(
                    "updated_since={}",
                    since.to_rfc3339().replace('+', "%2B")
                ))
                .await
            )
            .len(),
            3
        );
        assert_eq!(
            names(&get("updated_since=2030-01-01T00:00:00Z".into()).await).len(),
            0
        );
        // Pages of one, following the token.
        let first = get("page_size=2".into()).await;
        let token = first["next_page_token"].as_str().unwrap();
        let second = get(format!("page_size=2&page_token={token}")).await;
        assert_eq!(second["items"].as_array().unwrap().len(), 1);
        assert!(second["next_page_token"].is_null());
        // A reason is needed to deactivate; a future date is refused.
        let path = format!("/api/v1/ppks/{}/status", budi["id"].as_str().unwrap());
        assert_problem(
            app.send(Method::POST, &path, admin, json!({"status": "nonaktif"}))
                .await,
            422,
            "reason_required",
        )
        .await;
        assert_problem(
            app.send(
                Method::POST,
                &path,
                admin,
                json!({"status": "nonaktif", "reason": "pindah", "date": "2099-01-01"}),
            )
            .await,
            422,
            "date_future",
        )
        .await;
        // A board member of Kuwaru searches Kuwaru only.
        let anggota = board_member(app, admin, &pl.wksbm, "anggota").await;
        let mine = app.get_json_as("/api/v1/ppks", &anggota).await;
        assert_eq!(names(&mine), vec!["Budi", "Srí Lèstari"]);
    })
    .await;
}

#[tokio::test]
async fn correction_export_household_anonymisation_and_purge() {
    on_each_backend(|app| async move {
        let admin = &app.admin_token().await;
        let pl = Place::new(&app, admin, K1, "Kuwaru").await;
        let lurah = app.account("kalurahan", K1).await.token;
        let n = nik(false);
        let mut b = person(&pl.padukuhan, &n, "Ahmad");
        b["no_kk"] = json!("3402011012150003");
        let a = register(&app, &lurah, &b).await;
        let mut b2 = person(&pl.padukuhan, &nik(true), "Aminah");
        b2["no_kk"] = json!("3402011012150003");
        register(&app, &lurah, &b2).await;
        let id = a["id"].as_str().unwrap().to_owned();
        let path = format!("/api/v1/ppks/{id}");

        // Correction: If-Match required, stale refused, the NIK may be corrected.
        let mut fix = b.clone();
        fix["name"] = json!("Ahmad Fauzi");
        fix["nik"] = json!(nik(false));
        assert_problem(
            app.send(Method::PATCH, &path, &lurah, fix.clone()).await,
            428,
            "precondition_required",
        )
        .await;
        assert_problem(
            app.patch(&path, &lurah, Some("\"7\""), fix.clone()).await,
            412,
            "precondition_failed",
        )
        .await;
        let fixed = ok(
            app.patch(&path, &lurah, Some("\"1\""), fix.clone()).await,
            200,
        )
        .await;
        assert_eq!(
            (
                fixed["name"].as_str(),
                fixed["nik"].as_str(),
                fixed["version"].as_i64()
            ),
            (Some("Ahmad Fauzi"), fix["nik"].as_str(), Some(2))
        );

        // The household: both, by the shared No. KK.
        let home = app.get_json_as(&format!("{path}/keluarga"), &lurah).await;
        assert_eq!(home["members"].as_array().unwrap().len(), 2);
        assert_eq!(home["no_kk"], "3402011012150003");

        // The data subject's export: the record and who processed it.
        app.get_as(&path, admin).await;
        let export = app
            .get_json_as(&format!("{path}/data-pribadi"), &lurah)
            .await;
        assert_eq!(export["person"]["nik"], fix["nik"]);
        let actions: Vec<&str> = export["access_log"]
            .as_array()
            .unwrap()
            .iter()
            .map(|e| e["action"].as_str().unwrap())
            .collect();
        for want in [
            "ppks.create",
            "ppks.update",
            "ppks.read_full",
            "ppks.household",
            "ppks.data_subject_export",
        ] {
            assert!(actions.contains(&want), "{want} in {actions:?}");
        }
        let bendahara = board_member(&app, admin, &pl.wksbm, "bendahara").await;
        assert_problem(
            app.get_as(&format!("{path}/data-pribadi"), &bendahara)
                .await,
            403,
            "forbidden",
        )
        .await;

        // Anonymisation: identity gone, the record stays under a pseudonym.
        let anon = ok(
            app.send(
                Method::POST,
                &format!("{path}/anonimkan"),
                &lurah,
                json!({"reason": "permintaan subjek data"}),
            )
            .await,
            200,
        )
        .await;
        assert!(anon["name"].as_str().unwrap().starts_with("Anonim-"));
        assert!(anon["nik"].is_null() && anon["no_kk"].is_null());
        assert_eq!(
            (anon["status"].as_str(), anon["status_reason"].as_str()),
            (Some("nonaktif"), Some("dianonimkan"))
        );
        let found = app
            .get_json_as(
                &format!("/api/v1/ppks?nik={}", fix["nik"].as_str().unwrap()),
                &lurah,
            )
            .await;
        assert!(found["items"].as_array().unwrap().is_empty());
        assert_problem(
            app.send(
                Method::POST,
                &format!("{path}/anonimkan"),
                &lurah,
                json!({"reason": "lagi"}),
            )
            .await,
            409,
            "ppks_anonymised",
        )
        .await;
        assert_problem(
            app.send(
                Method::POST,
                &format!("{path}/anonimkan"),
                &bendahara,
                json!({"reason": "x"}),
            )
            .await,
            403,
            "forbidden",
        )
        .await;

        // Retention: the purge command anonymises what has been inactive too long.
        let old = register(&app, &lurah, &person(&pl.padukuhan, &nik(true), "Lama")).await;
        let recent = register(&app, &lurah, &person(&pl.padukuhan, &nik(true), "Baru")).await;
        for (p, date) in [(&old, "2020-01-01"), (&recent, "2026-11-01")] {
            ok(
                app.send(
                    Method::POST,
                    &format!("/api/v1/ppks/{}/status", p["id"].as_str().unwrap()),
                    &lurah,
                    json!({"status": "nonaktif", "reason": "meninggal", "date": date}),
                )
                .await,
                200,
            )
            .await;
        }
        let mut s = app.settings.clone();
        s.ppks_retention_days = 365;
        wksbm_api::cli::purge(&s, true).await.unwrap();
        let still = app
            .get_json_as(
                &format!("/api/v1/ppks/{}", old["id"].as_str().unwrap()),
                &lurah,
            )
            .await;
        assert_eq!(still["name"], "Lama", "a dry run changes nothing");
        wksbm_api::cli::purge(&s, false).await.unwrap();
        let gone = app
            .get_json_as(
                &format!("/api/v1/ppks/{}", old["id"].as_str().unwrap()),
                &lurah,
            )
            .await;
        assert!(gone["name"].as_str().unwrap().starts_with("Anonim-"));
        let kept = app
            .get_json_as(
                &format!("/api/v1/ppks/{}", recent["id"].as_str().unwrap()),
                &lurah,
            )
            .await;
        assert_eq!(kept["name"], "Baru");
    })
    .await;
}
