use reqwest::Method;
use serde_json::{Value, json};
use wksbm_tests::fixtures::{K1, Place, png};
use wksbm_tests::http::{assert_problem, header, item_texts, ok};
use wksbm_tests::on_each_backend;

/// A seat on the board for `who` from 1 November 2026.
fn seat(position: &str, who: &str) -> Value {
    json!({"jabatan": position, "holder_name": who, "term_start": "2026-11-01"})
}

#[tokio::test]
async fn the_whole_life_of_a_wksbm() {
    on_each_backend(|app| async move {
        let admin = app.admin_token().await;
        let lurah = app.account("kalurahan", K1).await.token;
        let other_lurah = app.account("kalurahan", "34.02.01.2002").await.token;

        let p = ok(app.send(Method::POST, &format!("/api/v1/kalurahan/{K1}/padukuhan"), &lurah, json!({"name": "Kuwaru", "dukuh": "Sutrisno", "rw_rt": [{"rw": "01", "rt": ["01", "02"]}]})).await, 201).await;
        let w = ok(app.send(Method::POST, "/api/v1/wksbm", &lurah, json!({"padukuhan_id": p["id"], "name": "WKSBM Kuwaru Peduli", "phone": "081234567890"})).await, 201).await;
        assert_eq!(w["status"], "pembentukan");
        let base = format!("/api/v1/wksbm/{}", w["id"].as_str().unwrap());
        let step = |s: &str| format!("{base}/tahapan/{s}");
        let day = json!({"date": "2026-11-01", "notes": "rapat", "evidence_ref": "notulen 1"});

        let body = assert_problem(app.send(Method::POST, &step("sosialisasi"), &lurah, day.clone()).await, 409, "step_out_of_order").await;
        assert!(body["detail"].as_str().unwrap().contains("Tahapan"), "Indonesian by default");
        for s in ["koordinasi_lurah", "koordinasi_keperangkatan", "persiapan_administrasi", "sosialisasi"] {
            ok(app.send(Method::POST, &step(s), &lurah, day.clone()).await, 200).await;
        }
        assert_problem(app.send(Method::POST, &step("sosialisasi"), &lurah, day.clone()).await, 409, "step_already_done").await;
        let progress = app.get_json_as(&format!("{base}/tahapan"), &lurah).await;
        assert_eq!((progress["done"].as_u64(), progress["current_stage"].as_str(), progress["next_step"].as_str()), (Some(4), Some("pelaksanaan"), Some("pembentukan_kepengurusan")));
        ok(app.send(Method::POST, &step("pembentukan_kepengurusan"), &lurah, day.clone()).await, 200).await;
        assert_problem(app.send(Method::POST, &step("pengesahan"), &lurah, day.clone()).await, 409, "step_needs_legalisation").await;

        let sk = json!({"sk": {"number": "12/KEP/2026", "date": "2026-11-28", "signed_by": "Lurah Poncosari"}});
        let legalise = format!("{base}/pengesahan");
        assert_problem(app.send(Method::POST, &legalise, &lurah, sk.clone()).await, 409, "legalisation_board_incomplete").await;

        let board = format!("{base}/pengurus");
        let sri = ok(app.send(Method::POST, &board, &lurah, seat("ketua", "Sri Rahayu")).await, 201).await;
        assert_eq!(sri["term_end"], "2029-11-01", "default term of 3 years");
        ok(app.send(Method::POST, &board, &lurah, seat("sekretaris", "Budi")).await, 201).await;
        assert_problem(app.send(Method::POST, &board, &lurah, seat("bendahara", " sri  RAHAYU")).await, 409, "ketua_is_bendahara").await;
        ok(app.send(Method::POST, &board, &lurah, seat("bendahara", "Tono")).await, 201).await;
        // A second ketua is refused; an explicit replacement ends the first term, and the
        // history keeps both.
        assert_problem(app.send(Method::POST, &board, &lurah, seat("ketua", "Budi")).await, 409, "seat_taken").await;
        let replace = |pos: &str, who: &str| json!({"jabatan": pos, "holder_name": who, "term_start": "2026-11-01", "replace": true});
        ok(app.send(Method::POST, &board, &lurah, replace("ketua", "Budi")).await, 201).await;
        assert_problem(app.send(Method::POST, &legalise, &lurah, sk.clone()).await, 409, "legalisation_board_not_distinct").await;
        ok(app.send(Method::POST, &board, &lurah, replace("ketua", "Ani")).await, 201).await;
        let seats = app.get_json_as(&board, &lurah).await;
        let ketua: Vec<&Value> = seats["items"].as_array().unwrap().iter().filter(|s| s["jabatan"] == "ketua").collect();
        assert_eq!(ketua.len(), 3);
        assert_eq!(ketua.iter().filter(|s| s["ended_at"].is_null()).count(), 1, "one ketua at a time");
        assert!(ketua.iter().any(|s| s["holder_name"] == "Sri Rahayu" && s["status_reason"] == "diganti"));

        assert_problem(app.send(Method::POST, &legalise, &other_lurah, sk.clone()).await, 404, "not_found").await;
        assert_problem(app.send(Method::POST, &legalise, &admin, sk.clone()).await, 403, "forbidden").await;
        let legal = ok(app.send(Method::POST, &legalise, &lurah, sk.clone()).await, 200).await;
        assert_eq!(legal["status"], "aktif");
        assert_eq!(legal["sk"]["number"], "12/KEP/2026");
        let progress = app.get_json_as(&format!("{base}/tahapan"), &lurah).await;
        assert_eq!((progress["done"].as_u64(), progress["next_step"].is_null()), (Some(6), true));
        assert_problem(app.send(Method::POST, &legalise, &lurah, sk.clone()).await, 409, "wksbm_not_in_formation").await;

        let status = format!("{base}/status");
        let set = |s: &str| json!({"status": s, "reason": "rapat kalurahan"});
        ok(app.send(Method::POST, &status, &lurah, set("dibekukan")).await, 200).await;
        assert_problem(app.send(Method::POST, &board, &lurah, seat("anggota", "Warga")).await, 409, "wksbm_read_only").await;
        ok(app.send(Method::POST, &status, &lurah, set("aktif")).await, 200).await;
        ok(app.send(Method::POST, &board, &lurah, seat("anggota", "Warga")).await, 201).await;
        assert_problem(app.send(Method::POST, "/api/v1/wksbm", &lurah, json!({"padukuhan_id": p["id"], "name": "Kedua"})).await, 409, "wksbm_exists_in_padukuhan").await;
        let gone = ok(app.send(Method::POST, &status, &lurah, set("dibubarkan")).await, 200).await;
        assert_eq!(gone["status"], "dibubarkan");
        assert_problem(app.send(Method::POST, &status, &lurah, set("aktif")).await, 409, "status_transition_not_allowed").await;
        assert_problem(app.send(Method::POST, &board, &lurah, seat("anggota", "Lain")).await, 409, "wksbm_read_only").await;
        // The padukuhan may form a new one.
        ok(app.send(Method::POST, "/api/v1/wksbm", &lurah, json!({"padukuhan_id": p["id"], "name": "WKSBM Kuwaru Baru"})).await, 201).await;

        let audit: Value = app.get_json_as("/api/v1/audit?resource_type=wksbm&page_size=200", &admin).await;
        let actions = item_texts(&audit, "action");
        for a in ["wksbm.create", "wksbm.tahapan", "wksbm.pengesahan", "wksbm.suspend", "wksbm.reactivate", "wksbm.dissolve"] {
            assert!(actions.iter().any(|x| x == a), "{a} audited: {actions:?}");
        }
    })
    .await;
}

#[tokio::test]
async fn padukuhan_rules_and_preconditions() {
    on_each_backend(|app| async move {
        let lurah = app.account("kalurahan", K1).await.token;
        let path = format!("/api/v1/kalurahan/{K1}/padukuhan");
        let created = app
            .send(Method::POST, &path, &lurah, json!({"name": "Gunturan"}))
            .await;
        let etag = header(&created, "etag");
        let p = ok(created, 201).await;
        assert_problem(
            app.send(Method::POST, &path, &lurah, json!({"name": "  GUNTÚRAN "}))
                .await,
            409,
            "padukuhan_name_taken",
        )
        .await;
        for (body, code) in [
            (
                json!({"name": "X", "rw_rt": [{"rw": "01", "rt": []}, {"rw": "1", "rt": []}]}),
                "rw_rt_duplicate",
            ),
            (json!({"name": "Y", "latitude": -8.0}), "location_invalid"),
            (json!({"name": ""}), "validation_failed"),
        ] {
            assert_problem(app.send(Method::POST, &path, &lurah, body).await, 422, code).await;
        }
        // A sibling kalurahan, and a kapanewon that is no kalurahan.
        for elsewhere in ["34.02.01.2002", "34.02.01"] {
            assert_problem(
                app.send(
                    Method::POST,
                    &format!("/api/v1/kalurahan/{elsewhere}/padukuhan"),
                    &lurah,
                    json!({"name": "Z"}),
                )
                .await,
                404,
                "not_found",
            )
            .await;
        }

        let one = format!("{path}/{}", p["id"].as_str().unwrap());
        assert_problem(
            app.patch(
                &one,
                &lurah,
                None,
                json!({"name": "Gunturan", "dukuh": "Baru"}),
            )
            .await,
            428,
            "precondition_required",
        )
        .await;
        let res = app
            .patch(
                &one,
                &lurah,
                Some(&etag),
                json!({"name": "Gunturan", "dukuh": "Baru", "latitude": -7.99, "longitude": 110.3}),
            )
            .await;
        let new_etag = header(&res, "etag");
        let changed = ok(res, 200).await;
        assert_eq!(changed["dukuh"], "Baru");
        assert_problem(
            app.patch(&one, &lurah, Some(&etag), json!({"name": "Gunturan"}))
                .await,
            412,
            "precondition_failed",
        )
        .await;
        assert_ne!(etag, new_etag);
    })
    .await;
}

#[tokio::test]
async fn summary_counts_by_status_per_region() {
    on_each_backend(|app| async move {
        let admin = app.admin_token().await;
        for (kal, name) in [(K1, "A"), (K1, "B"), ("34.02.02.2001", "C")] {
            Place::new(&app, &admin, kal, name).await;
        }
        let by_kapanewon = app.get_json_as("/api/v1/wksbm/ringkasan", &admin).await;
        assert_eq!(by_kapanewon["wilayah_code"], "34.02");
        assert_eq!(by_kapanewon["total"]["pembentukan"], 3);
        let rows: Vec<(&str, i64)> = by_kapanewon["items"]
            .as_array()
            .unwrap()
            .iter()
            .map(|r| {
                (
                    r["wilayah_code"].as_str().unwrap(),
                    r["pembentukan"].as_i64().unwrap(),
                )
            })
            .collect();
        assert_eq!(rows, [("34.02.01", 2), ("34.02.02", 1)]);
        let by_kalurahan = app
            .get_json_as("/api/v1/wksbm/ringkasan?wilayah_code=34.02.01", &admin)
            .await;
        assert_eq!(by_kalurahan["items"][0]["wilayah_code"], K1);
        let list = app
            .get_json_as(
                "/api/v1/wksbm?wilayah_code=34.02.02&status=pembentukan",
                &admin,
            )
            .await;
        assert_eq!(list["items"].as_array().unwrap().len(), 1);
        let lurah = app.account("kalurahan", K1).await.token;
        assert_problem(
            app.get_as("/api/v1/wksbm/ringkasan?wilayah_code=34.02.02", &lurah)
                .await,
            404,
            "not_found",
        )
        .await;
    })
    .await;
}

#[tokio::test]
async fn a_seat_account_acts_for_its_wksbm_and_ends_with_the_seat() {
    on_each_backend(|app| async move {
        let lurah = app.account("kalurahan", K1).await.token;
        let pl = Place::new(&app, &lurah, K1, "Sorobayan").await;
        let base = pl.base();
        let ketua = ok(app.send(Method::POST, &format!("{base}/pengurus"), &lurah, seat("ketua", "Sri Rahayu")).await, 201).await;
        let account_path = format!("{base}/pengurus/{}/akun", ketua["id"].as_str().unwrap());
        let user = ok(app.send(Method::POST, &account_path, &lurah, json!({"username": "ketua.sorobayan", "password": "kata-sandi-ketua"})).await, 201).await;
        assert_eq!((user["role"].as_str(), user["jabatan"].as_str()), (Some("pengurus"), Some("ketua")));
        assert_eq!(user["padukuhan_id"], pl.padukuhan.as_str());
        assert_problem(app.send(Method::POST, &account_path, &lurah, json!({"username": "ketua.lain", "password": "kata-sandi-ketua"})).await, 409, "seat_has_account").await;
        let pelindung = ok(app.send(Method::POST, &format!("{base}/pengurus"), &lurah, seat("pelindung", "Pak Lurah")).await, 201).await;
        let res = app.send(Method::POST, &format!("{base}/pengurus/{}/akun", pelindung["id"].as_str().unwrap()), &lurah, json!({"username": "pelindung.x", "password": "kata-sandi-ketua"})).await;
        assert_problem(res, 422, "seat_without_account").await;

        let token = app.login("ketua.sorobayan", "kata-sandi-ketua").await;
        let me = app.get_json_as("/api/v1/auth/me", &token).await;
        assert_eq!((me["padukuhan_id"].as_str(), me["wilayah_code"].as_str(), me["jabatan"].as_str(), me["wksbm_id"].as_str()), (Some(pl.padukuhan.as_str()), Some(K1), Some("ketua"), Some(pl.wksbm.as_str())));
        app.get_json_as(&base, &token).await;
        app.get_json_as(&format!("{base}/pengurus"), &token).await;

        // Replacing the ketua ends the seat, and the account with it, at once.
        let replacement = json!({"jabatan": "ketua", "holder_name": "Ani", "term_start": "2026-11-01", "replace": true});
        ok(app.send(Method::POST, &format!("{base}/pengurus"), &lurah, replacement).await, 201).await;
        assert_problem(app.get_as(&base, &token).await, 401, "token_invalid").await;
        let login = app.post("/api/v1/auth/login", json!({"username": "ketua.sorobayan", "password": "kata-sandi-ketua"})).await;
        assert_problem(login, 401, "login_failed").await;
    })
    .await;
}

#[tokio::test]
async fn minutes_quorum_and_decisions() {
    on_each_backend(|app| async move {
        let lurah = app.account("kalurahan", K1).await.token;
        let pl = Place::new(&app, &lurah, K1, "Celep").await;
        let base = pl.base();
        let mut seats = Vec::new();
        for (pos, who) in [("ketua", "Sri"), ("sekretaris", "Budi"), ("bendahara", "Tono"), ("anggota", "Ani")] {
            seats.push(ok(app.send(Method::POST, &format!("{base}/pengurus"), &lurah, seat(pos, who)).await, 201).await);
        }
        let account = |i: usize, user: &str| {
            let path = format!("{base}/pengurus/{}/akun", seats[i]["id"].as_str().unwrap());
            let body = json!({"username": user, "password": "kata-sandi-pengurus"});
            let app = &app;
            let lurah = lurah.clone();
            async move { ok(app.send(Method::POST, &path, &lurah, body).await, 201).await }
        };
        account(1, "sekretaris.celep").await;
        account(2, "bendahara.celep").await;
        let sekretaris = app.login("sekretaris.celep", "kata-sandi-pengurus").await;
        let bendahara = app.login("bendahara.celep", "kata-sandi-pengurus").await;

        let member = |i: usize| json!({"name": seats[i]["holder_name"], "seat_id": seats[i]["id"]});
        let meeting = |attendees: Vec<Value>| {
            json!({"date": "2026-11-20", "place": "Rumah Dukuh", "agenda": "Penyaluran tahap 1", "minutes": "Dibuka 19.30",
                   "attendees": attendees, "decisions": [{"text": "Menyetujui daftar penerima", "outcome": "disetujui"}, {"text": "Iuran", "outcome": "ditunda"}]})
        };
        let rapat = format!("{base}/rapat");
        assert_problem(app.send(Method::POST, &rapat, &bendahara, meeting(vec![])).await, 403, "forbidden").await;
        assert_problem(app.send(Method::POST, &rapat, &lurah, meeting(vec![])).await, 403, "forbidden").await;
        let two = ok(app.send(Method::POST, &rapat, &sekretaris, meeting(vec![member(0), member(1), json!({"name": "Bu Bidan"})])).await, 201).await;
        assert_eq!(two["quorum"], json!({"present": 2, "board_size": 4, "reached": false}));
        let three = ok(app.send(Method::POST, &rapat, &sekretaris, meeting(vec![member(0), member(1), member(3)])).await, 201).await;
        assert_eq!(three["quorum"]["reached"], true);
        let numbers: Vec<u64> = three["decisions"].as_array().unwrap().iter().map(|d| d["number"].as_u64().unwrap()).collect();
        assert_eq!(numbers, [1, 2]);
        assert_problem(app.send(Method::POST, &rapat, &sekretaris, meeting(vec![member(0), member(0)])).await, 422, "attendee_listed_twice").await;
        let stranger = json!({"name": "X", "seat_id": "01938f4e-7c1a-7b22-9d4e-3f1a2b3c4d5e"});
        assert_problem(app.send(Method::POST, &rapat, &sekretaris, meeting(vec![stranger])).await, 422, "attendee_not_on_board").await;

        let list = app.get_json_as(&rapat, &lurah).await;
        assert_eq!(list["items"].as_array().unwrap().len(), 2);
        assert_eq!(list["items"][0]["id"], three["id"], "newest first");
        let one = app.get_json_as(&format!("{rapat}/{}", two["id"].as_str().unwrap()), &bendahara).await;
        assert_eq!(one["decisions"][1]["outcome"], "ditunda");
    })
    .await;
}

#[tokio::test]
async fn stamp_patch_deactivation_and_stage() {
    on_each_backend(|app| async move {
        let lurah = app.account("kalurahan", K1).await.token;
        let p = ok(
            app.send(
                Method::POST,
                &format!("/api/v1/kalurahan/{K1}/padukuhan"),
                &lurah,
                json!({"name": "Jragung"}),
            )
            .await,
            201,
        )
        .await;
        let created = app
            .send(
                Method::POST,
                "/api/v1/wksbm",
                &lurah,
                json!({"padukuhan_id": p["id"], "name": "WKSBM Jragung"}),
            )
            .await;
        let etag = header(&created, "etag");
        let w = ok(created, 201).await;
        let base = format!("/api/v1/wksbm/{}", w["id"].as_str().unwrap());

        // The stamp: checked by content, at most 512 KiB, downloadable.
        let stamp = format!("{base}/stempel");
        let upload = |bytes: Vec<u8>, ct: &'static str| {
            app.client
                .post(app.url(&stamp))
                .bearer_auth(&lurah)
                .header("content-type", ct)
                .body(bytes)
                .send()
        };
        assert_problem(app.get_as(&stamp, &lurah).await, 404, "not_found").await;
        assert_problem(
            upload(b"GIF89a not a stamp".to_vec(), "image/png")
                .await
                .unwrap(),
            422,
            "stamp_not_image",
        )
        .await;
        let mut big = png();
        big.resize(600 * 1024, 0);
        assert_problem(
            upload(big, "image/png").await.unwrap(),
            413,
            "stamp_too_large",
        )
        .await;
        assert_eq!(
            upload(png(), "application/octet-stream")
                .await
                .unwrap()
                .status(),
            204,
            "the declared type does not matter"
        );
        let got = app.get_as(&stamp, &lurah).await;
        assert_eq!(got.headers().get("content-type").unwrap(), "image/png");
        assert_eq!(got.bytes().await.unwrap().to_vec(), png());

        // PATCH with If-Match: every change (the stamp too) moves the ETag on.
        let current = app.get_as(&base, &lurah).await;
        let fresh = header(&current, "etag");
        assert_ne!(fresh, etag);
        assert_problem(
            app.patch(&base, &lurah, Some(&etag), json!({"address": "x"}))
                .await,
            412,
            "precondition_failed",
        )
        .await;
        let etag = fresh;
        let changed = ok(
            app.patch(
                &base,
                &lurah,
                Some(&etag),
                json!({"address": "Jragung RT 03"}),
            )
            .await,
            200,
        )
        .await;
        assert_eq!(changed["address"], "Jragung RT 03");
        assert_problem(
            app.patch(&base, &lurah, Some(&etag), json!({"address": "stale"}))
                .await,
            412,
            "precondition_failed",
        )
        .await;
        assert_problem(
            app.send(Method::PATCH, &base, &lurah, json!({"name": "x"}))
                .await,
            428,
            "precondition_required",
        )
        .await;

        // The stage filter follows the steps.
        let in_stage = |stage: &'static str| {
            let app = &app;
            let lurah = lurah.clone();
            async move {
                let page = app
                    .get_json_as(&format!("/api/v1/wksbm?stage={stage}"), &lurah)
                    .await;
                page["items"].as_array().unwrap().len()
            }
        };
        assert_eq!(
            (in_stage("persiapan").await, in_stage("pelaksanaan").await),
            (1, 0)
        );
        for s in [
            "koordinasi_lurah",
            "koordinasi_keperangkatan",
            "persiapan_administrasi",
        ] {
            ok(
                app.send(
                    Method::POST,
                    &format!("{base}/tahapan/{s}"),
                    &lurah,
                    json!({"date": "2026-11-01"}),
                )
                .await,
                200,
            )
            .await;
        }
        assert_eq!(
            (in_stage("persiapan").await, in_stage("pelaksanaan").await),
            (0, 1)
        );
        let summary = app.get_json_as("/api/v1/wksbm/ringkasan", &lurah).await;
        assert_eq!(
            (
                summary["total"]["persiapan"].as_i64(),
                summary["total"]["pelaksanaan"].as_i64()
            ),
            (Some(0), Some(1))
        );

        // A padukuhan with a live WKSBM cannot be deactivated; once dissolved it can, and
        // then no new WKSBM forms there.
        let deactivate = format!(
            "/api/v1/kalurahan/{K1}/padukuhan/{}/nonaktifkan",
            p["id"].as_str().unwrap()
        );
        assert_problem(
            app.send(
                Method::POST,
                &deactivate,
                &lurah,
                json!({"reason": "digabung"}),
            )
            .await,
            409,
            "padukuhan_has_wksbm",
        )
        .await;
        ok(
            app.send(
                Method::POST,
                &format!("{base}/status"),
                &lurah,
                json!({"status": "dibubarkan", "reason": "digabung"}),
            )
            .await,
            200,
        )
        .await;
        let gone = ok(
            app.send(
                Method::POST,
                &deactivate,
                &lurah,
                json!({"reason": "digabung"}),
            )
            .await,
            200,
        )
        .await;
        assert_eq!(
            (gone["active"].as_bool(), gone["status_reason"].as_str()),
            (Some(false), Some("digabung"))
        );
        assert_problem(
            app.send(Method::POST, &deactivate, &lurah, json!({"reason": "lagi"}))
                .await,
            409,
            "already_inactive",
        )
        .await;
        assert_problem(
            app.send(
                Method::POST,
                "/api/v1/wksbm",
                &lurah,
                json!({"padukuhan_id": p["id"], "name": "Baru"}),
            )
            .await,
            409,
            "padukuhan_inactive",
        )
        .await;
    })
    .await;
}

#[tokio::test]
async fn a_seat_carries_its_sk_in_the_legalisation_shape() {
    on_each_backend(|app| async move {
        let lurah = app.account("kalurahan", K1).await.token;
        let place = Place::new(&app, &lurah, K1, "Sk").await;
        let board = format!("{}/pengurus", place.base());
        let sk =
            json!({"number": "7/KPTS/2026", "date": "2026-10-30", "signed_by": "Lurah Poncosari"});
        let mut body = seat("ketua", "Sri Rahayu");
        body["sk"] = sk.clone();
        let ketua = ok(app.send(Method::POST, &board, &lurah, body).await, 201).await;
        assert_eq!(ketua["sk"], sk);
        let listed = app.get_json_as(&board, &lurah).await;
        assert_eq!(listed["items"][0]["sk"], sk);
        let without = ok(
            app.send(Method::POST, &board, &lurah, seat("sekretaris", "Budi"))
                .await,
            201,
        )
        .await;
        assert!(without["sk"].is_null());

        // An SK is whole or absent; the old one-string field is gone.
        let mut partial = seat("bendahara", "Tono");
        partial["sk"] = json!({"number": "8/KPTS/2026", "date": "2026-10-30"});
        assert!(
            app.send(Method::POST, &board, &lurah, partial)
                .await
                .status()
                .is_client_error()
        );
        let mut old = seat("bendahara", "Tono");
        old["sk_reference"] = json!("SK 8/2026");
        assert!(
            app.send(Method::POST, &board, &lurah, old)
                .await
                .status()
                .is_client_error()
        );
        let mut blank = seat("bendahara", "Tono");
        blank["sk"] = json!({"number": " ", "date": "2026-10-30", "signed_by": "Lurah"});
        assert_problem(
            app.send(Method::POST, &board, &lurah, blank).await,
            422,
            "validation_failed",
        )
        .await;
    })
    .await;
}

/// A seat recorded before the SK had a shape keeps its reference as the number; its date
/// becomes the term start and its signer `tidak tercatat`.
#[tokio::test]
async fn the_seat_sk_migration_keeps_an_old_reference() {
    use sea_orm::{ConnectionTrait, Database, Statement};
    use wksbm_migration::{Migrator, MigratorTrait};
    on_each_backend(|app| async move {
        let lurah = app.account("kalurahan", K1).await.token;
        let place = Place::new(&app, &lurah, K1, "SkLama").await;
        let board = format!("{}/pengurus", place.base());
        let mut body = seat("ketua", "Sri Rahayu");
        body["sk"] = json!({"number": "SK 12/2026", "date": "2026-10-30", "signed_by": "Lurah"});
        let ketua = ok(app.send(Method::POST, &board, &lurah, body).await, 201).await;
        ok(app.send(Method::POST, &board, &lurah, seat("sekretaris", "Budi")).await, 201).await;

        let conn = Database::connect(app.db.url().as_str()).await.unwrap();
        // Back to before migration 19 (and every later one), then up again.
        let all = Migrator::migrations();
        let at = all.iter().position(|m| m.name() == "m20261130_000019_seat_sk").unwrap();
        Migrator::down(&conn, Some(u32::try_from(all.len() - at).unwrap())).await.unwrap();
        Migrator::up(&conn, None).await.unwrap();
        let backend = conn.get_database_backend();
        let count = |sql: String| {
            let conn = &conn;
            async move {
                let row = conn.query_one_raw(Statement::from_string(backend, sql)).await.unwrap().unwrap();
                row.try_get_by_index::<i64>(0).unwrap()
            }
        };
        let id = ketua["id"].as_str().unwrap();
        let kept = count(format!(
            "SELECT COUNT(*) FROM pengurus_seat WHERE id = '{id}' AND sk_number = 'SK 12/2026' \
             AND sk_date = term_start AND sk_signed_by = 'tidak tercatat'"
        ))
        .await;
        assert_eq!(kept, 1, "the old reference is kept as the number");
        let invented = count("SELECT COUNT(*) FROM pengurus_seat WHERE sk_number IS NULL AND (sk_date IS NOT NULL OR sk_signed_by IS NOT NULL)".into()).await;
        assert_eq!(invented, 0, "a seat without a reference gets no SK");
        conn.close().await.unwrap();
    })
    .await;
}
