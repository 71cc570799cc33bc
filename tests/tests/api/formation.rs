use crate::assert_problem;
use reqwest::Method;
use serde_json::{Value, json};
use wksbm_tests::{TestApp, on_each_backend};

const K1: &str = "34.02.01.2001";

async fn send(
    app: &TestApp,
    method: Method,
    path: &str,
    token: &str,
    body: Value,
) -> reqwest::Response {
    app.authed(method, path, token)
        .json(&body)
        .send()
        .await
        .unwrap()
}

async fn ok(res: reqwest::Response, status: u16) -> Value {
    let got = res.status().as_u16();
    let body: Value = res.json().await.unwrap();
    assert_eq!(got, status, "{body}");
    body
}

#[tokio::test]
async fn the_whole_life_of_a_wksbm() {
    on_each_backend(|app| async move {
        let admin = app.admin_token().await;
        let lurah = app.account("kalurahan", K1).await.token;
        let other_lurah = app.account("kalurahan", "34.02.01.2002").await.token;

        let p = ok(send(&app, Method::POST, &format!("/api/v1/kalurahan/{K1}/padukuhan"), &lurah, json!({"name": "Kuwaru", "dukuh": "Sutrisno", "rw_rt": [{"rw": "01", "rt": ["01", "02"]}]})).await, 201).await;
        let w = ok(send(&app, Method::POST, "/api/v1/wksbm", &lurah, json!({"padukuhan_id": p["id"], "name": "WKSBM Kuwaru Peduli", "contact_phone": "081234567890"})).await, 201).await;
        assert_eq!(w["status"], "pembentukan");
        let base = format!("/api/v1/wksbm/{}", w["id"].as_str().unwrap());
        let step = |s: &str| format!("{base}/tahapan/{s}");
        let day = json!({"date": "2026-11-01", "notes": "rapat", "evidence_ref": "notulen 1"});

        let body = assert_problem(send(&app, Method::POST, &step("sosialisasi"), &lurah, day.clone()).await, 409, "step_out_of_order").await;
        assert!(body["detail"].as_str().unwrap().contains("Tahapan"), "Indonesian by default");
        for s in ["koordinasi_lurah", "koordinasi_keperangkatan", "persiapan_administrasi", "sosialisasi"] {
            ok(send(&app, Method::POST, &step(s), &lurah, day.clone()).await, 200).await;
        }
        assert_problem(send(&app, Method::POST, &step("sosialisasi"), &lurah, day.clone()).await, 409, "step_already_done").await;
        let progress = ok(app.authed(Method::GET, &format!("{base}/tahapan"), &lurah).send().await.unwrap(), 200).await;
        assert_eq!((progress["done"].as_u64(), progress["current_stage"].as_str(), progress["next_step"].as_str()), (Some(4), Some("pelaksanaan"), Some("pembentukan_kepengurusan")));
        ok(send(&app, Method::POST, &step("pembentukan_kepengurusan"), &lurah, day.clone()).await, 200).await;
        assert_problem(send(&app, Method::POST, &step("pengesahan"), &lurah, day.clone()).await, 409, "step_needs_legalisation").await;

        let sk = json!({"sk_number": "12/KEP/2026", "sk_date": "2026-11-28", "signed_by": "Lurah Poncosari"});
        let legalise = format!("{base}/pengesahan");
        assert_problem(send(&app, Method::POST, &legalise, &lurah, sk.clone()).await, 409, "legalisation_board_incomplete").await;

        let seat = |pos: &str, who: &str| json!({"position": pos, "holder_name": who, "term_start": "2026-11-01"});
        let board = format!("{base}/pengurus");
        let sri = ok(send(&app, Method::POST, &board, &lurah, seat("ketua", "Sri Rahayu")).await, 201).await;
        assert_eq!(sri["term_end"], "2029-11-01", "default term of 3 years");
        ok(send(&app, Method::POST, &board, &lurah, seat("sekretaris", "Budi")).await, 201).await;
        assert_problem(send(&app, Method::POST, &board, &lurah, seat("bendahara", " sri  RAHAYU")).await, 409, "ketua_is_bendahara").await;
        ok(send(&app, Method::POST, &board, &lurah, seat("bendahara", "Tono")).await, 201).await;
        // A second ketua is refused; an explicit replacement ends the first term, and the
        // history keeps both.
        assert_problem(send(&app, Method::POST, &board, &lurah, seat("ketua", "Budi")).await, 409, "seat_taken").await;
        let replace = |pos: &str, who: &str| json!({"position": pos, "holder_name": who, "term_start": "2026-11-01", "replace": true});
        ok(send(&app, Method::POST, &board, &lurah, replace("ketua", "Budi")).await, 201).await;
        assert_problem(send(&app, Method::POST, &legalise, &lurah, sk.clone()).await, 409, "legalisation_board_not_distinct").await;
        ok(send(&app, Method::POST, &board, &lurah, replace("ketua", "Ani")).await, 201).await;
        let seats = ok(app.authed(Method::GET, &board, &lurah).send().await.unwrap(), 200).await;
        let ketua: Vec<&Value> = seats["items"].as_array().unwrap().iter().filter(|s| s["position"] == "ketua").collect();
        assert_eq!(ketua.len(), 3);
        assert_eq!(ketua.iter().filter(|s| s["ended_at"].is_null()).count(), 1, "one ketua at a time");
        assert!(ketua.iter().any(|s| s["holder_name"] == "Sri Rahayu" && s["end_reason"] == "diganti"));

        assert_problem(send(&app, Method::POST, &legalise, &other_lurah, sk.clone()).await, 404, "not_found").await;
        assert_problem(send(&app, Method::POST, &legalise, &admin, sk.clone()).await, 403, "forbidden").await;
        let legal = ok(send(&app, Method::POST, &legalise, &lurah, sk.clone()).await, 200).await;
        assert_eq!(legal["status"], "aktif");
        assert_eq!(legal["sk"]["number"], "12/KEP/2026");
        let progress = ok(app.authed(Method::GET, &format!("{base}/tahapan"), &lurah).send().await.unwrap(), 200).await;
        assert_eq!((progress["done"].as_u64(), progress["next_step"].is_null()), (Some(6), true));
        assert_problem(send(&app, Method::POST, &legalise, &lurah, sk.clone()).await, 409, "wksbm_not_in_formation").await;

        let status = format!("{base}/status");
        let set = |s: &str| json!({"status": s, "reason": "rapat kalurahan"});
        ok(send(&app, Method::POST, &status, &lurah, set("dibekukan")).await, 200).await;
        assert_problem(send(&app, Method::POST, &board, &lurah, seat("anggota", "Warga")).await, 409, "wksbm_read_only").await;
        ok(send(&app, Method::POST, &status, &lurah, set("aktif")).await, 200).await;
        ok(send(&app, Method::POST, &board, &lurah, seat("anggota", "Warga")).await, 201).await;
        assert_problem(send(&app, Method::POST, "/api/v1/wksbm", &lurah, json!({"padukuhan_id": p["id"], "name": "Kedua"})).await, 409, "wksbm_exists_in_padukuhan").await;
        let gone = ok(send(&app, Method::POST, &status, &lurah, set("dibubarkan")).await, 200).await;
        assert_eq!(gone["status"], "dibubarkan");
        assert_problem(send(&app, Method::POST, &status, &lurah, set("aktif")).await, 409, "status_transition_not_allowed").await;
        assert_problem(send(&app, Method::POST, &board, &lurah, seat("anggota", "Lain")).await, 409, "wksbm_read_only").await;
        // The padukuhan may form a new one.
        ok(send(&app, Method::POST, "/api/v1/wksbm", &lurah, json!({"padukuhan_id": p["id"], "name": "WKSBM Kuwaru Baru"})).await, 201).await;

        let audit: Value = app.authed(Method::GET, "/api/v1/audit?resource_type=wksbm&page_size=200", &admin).send().await.unwrap().json().await.unwrap();
        let actions: Vec<&str> = audit["items"].as_array().unwrap().iter().map(|r| r["action"].as_str().unwrap()).collect();
        for a in ["wksbm.create", "wksbm.tahapan", "wksbm.pengesahan", "wksbm.suspend", "wksbm.reactivate", "wksbm.dissolve"] {
            assert!(actions.contains(&a), "{a} audited: {actions:?}");
        }
    })
    .await;
}

#[tokio::test]
async fn padukuhan_rules_and_preconditions() {
    on_each_backend(|app| async move {
        let lurah = app.account("kalurahan", K1).await.token;
        let path = format!("/api/v1/kalurahan/{K1}/padukuhan");
        let created = send(
            &app,
            Method::POST,
            &path,
            &lurah,
            json!({"name": "Gunturan"}),
        )
        .await;
        let etag = created
            .headers()
            .get("etag")
            .unwrap()
            .to_str()
            .unwrap()
            .to_owned();
        let p = ok(created, 201).await;
        assert_problem(
            send(
                &app,
                Method::POST,
                &path,
                &lurah,
                json!({"name": "  GUNTÚRAN "}),
            )
            .await,
            409,
            "padukuhan_name_taken",
        )
        .await;
        assert_problem(
            send(
                &app,
                Method::POST,
                &path,
                &lurah,
                json!({"name": "X", "rw_rt": [{"rw": "01", "rt": []}, {"rw": "1", "rt": []}]}),
            )
            .await,
            422,
            "rw_rt_duplicate",
        )
        .await;
        assert_problem(
            send(
                &app,
                Method::POST,
                &path,
                &lurah,
                json!({"name": "Y", "latitude": -8.0}),
            )
            .await,
            422,
            "location_invalid",
        )
        .await;
        assert_problem(
            send(&app, Method::POST, &path, &lurah, json!({"name": ""})).await,
            422,
            "validation_failed",
        )
        .await;
        assert_problem(
            send(
                &app,
                Method::POST,
                "/api/v1/kalurahan/34.02.01.2002/padukuhan",
                &lurah,
                json!({"name": "Z"}),
            )
            .await,
            404,
            "not_found",
        )
        .await;
        assert_problem(
            send(
                &app,
                Method::POST,
                "/api/v1/kalurahan/34.02.01/padukuhan",
                &lurah,
                json!({"name": "Z"}),
            )
            .await,
            404,
            "not_found",
        )
        .await;

        let one = format!("{path}/{}", p["id"].as_str().unwrap());
        let patch = |m: Option<&str>, b: Value| {
            let mut rb = app.authed(Method::PATCH, &one, &lurah).json(&b);
            if let Some(m) = m {
                rb = rb.header("if-match", m);
            }
            rb.send()
        };
        assert_problem(
            patch(None, json!({"name": "Gunturan", "dukuh": "Baru"}))
                .await
                .unwrap(),
            428,
            "precondition_required",
        )
        .await;
        let res = patch(
            Some(&etag),
            json!({"name": "Gunturan", "dukuh": "Baru", "latitude": -7.99, "longitude": 110.3}),
        )
        .await
        .unwrap();
        let new_etag = res
            .headers()
            .get("etag")
            .unwrap()
            .to_str()
            .unwrap()
            .to_owned();
        let changed = ok(res, 200).await;
        assert_eq!(changed["dukuh"], "Baru");
        assert_problem(
            patch(Some(&etag), json!({"name": "Gunturan"}))
                .await
                .unwrap(),
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
            let p = ok(
                send(
                    &app,
                    Method::POST,
                    &format!("/api/v1/kalurahan/{kal}/padukuhan"),
                    &admin,
                    json!({"name": name}),
                )
                .await,
                201,
            )
            .await;
            ok(
                send(
                    &app,
                    Method::POST,
                    "/api/v1/wksbm",
                    &admin,
                    json!({"padukuhan_id": p["id"], "name": format!("WKSBM {name}")}),
                )
                .await,
                201,
            )
            .await;
        }
        let by_kapanewon = ok(
            app.authed(Method::GET, "/api/v1/wksbm/summary", &admin)
                .send()
                .await
                .unwrap(),
            200,
        )
        .await;
        assert_eq!(by_kapanewon["wilayah"], "34.02");
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
        let by_kalurahan = ok(
            app.authed(
                Method::GET,
                "/api/v1/wksbm/summary?wilayah=34.02.01",
                &admin,
            )
            .send()
            .await
            .unwrap(),
            200,
        )
        .await;
        assert_eq!(by_kalurahan["items"][0]["wilayah_code"], K1);
        let list = ok(
            app.authed(
                Method::GET,
                "/api/v1/wksbm?wilayah=34.02.02&status=pembentukan",
                &admin,
            )
            .send()
            .await
            .unwrap(),
            200,
        )
        .await;
        assert_eq!(list["items"].as_array().unwrap().len(), 1);
        let lurah = app.account("kalurahan", K1).await.token;
        assert_problem(
            app.authed(
                Method::GET,
                "/api/v1/wksbm/summary?wilayah=34.02.02",
                &lurah,
            )
            .send()
            .await
            .unwrap(),
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
        let p = ok(send(&app, Method::POST, &format!("/api/v1/kalurahan/{K1}/padukuhan"), &lurah, json!({"name": "Sorobayan"})).await, 201).await;
        let w = ok(send(&app, Method::POST, "/api/v1/wksbm", &lurah, json!({"padukuhan_id": p["id"], "name": "WKSBM Sorobayan"})).await, 201).await;
        let base = format!("/api/v1/wksbm/{}", w["id"].as_str().unwrap());
        let seat = |pos: &str, who: &str| json!({"position": pos, "holder_name": who, "term_start": "2026-11-01"});
        let ketua = ok(send(&app, Method::POST, &format!("{base}/pengurus"), &lurah, seat("ketua", "Sri Rahayu")).await, 201).await;
        let account_path = format!("{base}/pengurus/{}/account", ketua["id"].as_str().unwrap());
        let user = ok(send(&app, Method::POST, &account_path, &lurah, json!({"username": "ketua.sorobayan", "password": "kata-sandi-ketua"})).await, 201).await;
        assert_eq!((user["role"].as_str(), user["jabatan"].as_str()), (Some("pengurus"), Some("ketua")));
        assert_eq!(user["padukuhan_id"], p["id"]);
        assert_problem(send(&app, Method::POST, &account_path, &lurah, json!({"username": "ketua.lain", "password": "kata-sandi-ketua"})).await, 409, "seat_has_account").await;
        let pelindung = ok(send(&app, Method::POST, &format!("{base}/pengurus"), &lurah, seat("pelindung", "Pak Lurah")).await, 201).await;
        let res = send(&app, Method::POST, &format!("{base}/pengurus/{}/account", pelindung["id"].as_str().unwrap()), &lurah, json!({"username": "pelindung.x", "password": "kata-sandi-ketua"})).await;
        assert_problem(res, 422, "seat_without_account").await;

        let token = app.login("ketua.sorobayan", "kata-sandi-ketua").await;
        let me = ok(app.authed(Method::GET, "/api/v1/auth/me", &token).send().await.unwrap(), 200).await;
        assert_eq!((me["scope"].as_str(), me["jabatan"].as_str(), me["wksbm_id"].as_str()), (p["id"].as_str(), Some("ketua"), w["id"].as_str()));
        ok(app.authed(Method::GET, &base, &token).send().await.unwrap(), 200).await;
        ok(app.authed(Method::GET, &format!("{base}/pengurus"), &token).send().await.unwrap(), 200).await;

        // Replacing the ketua ends the seat, and the account with it, at once.
        let replacement = json!({"position": "ketua", "holder_name": "Ani", "term_start": "2026-11-01", "replace": true});
        ok(send(&app, Method::POST, &format!("{base}/pengurus"), &lurah, replacement).await, 201).await;
        assert_problem(app.authed(Method::GET, &base, &token).send().await.unwrap(), 401, "token_invalid").await;
        let login = app.client.post(app.url("/api/v1/auth/login")).json(&json!({"username": "ketua.sorobayan", "password": "kata-sandi-ketua"})).send().await.unwrap();
        assert_problem(login, 401, "login_failed").await;
    })
    .await;
}

#[tokio::test]
async fn minutes_quorum_and_decisions() {
    on_each_backend(|app| async move {
        let lurah = app.account("kalurahan", K1).await.token;
        let p = ok(send(&app, Method::POST, &format!("/api/v1/kalurahan/{K1}/padukuhan"), &lurah, json!({"name": "Celep"})).await, 201).await;
        let w = ok(send(&app, Method::POST, "/api/v1/wksbm", &lurah, json!({"padukuhan_id": p["id"], "name": "WKSBM Celep"})).await, 201).await;
        let base = format!("/api/v1/wksbm/{}", w["id"].as_str().unwrap());
        let seat = |pos: &str, who: &str| json!({"position": pos, "holder_name": who, "term_start": "2026-11-01"});
        let mut seats = Vec::new();
        for (pos, who) in [("ketua", "Sri"), ("sekretaris", "Budi"), ("bendahara", "Tono"), ("anggota", "Ani")] {
            seats.push(ok(send(&app, Method::POST, &format!("{base}/pengurus"), &lurah, seat(pos, who)).await, 201).await);
        }
        let account = |i: usize, user: &str| {
            let path = format!("{base}/pengurus/{}/account", seats[i]["id"].as_str().unwrap());
            let body = json!({"username": user, "password": "kata-sandi-pengurus"});
            let app = &app;
            let lurah = lurah.clone();
            async move { ok(send(app, Method::POST, &path, &lurah, body).await, 201).await }
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
        assert_problem(send(&app, Method::POST, &rapat, &bendahara, meeting(vec![])).await, 403, "forbidden").await;
        assert_problem(send(&app, Method::POST, &rapat, &lurah, meeting(vec![])).await, 403, "forbidden").await;
        let two = ok(send(&app, Method::POST, &rapat, &sekretaris, meeting(vec![member(0), member(1), json!({"name": "Bu Bidan"})])).await, 201).await;
        assert_eq!(two["quorum"], json!({"present": 2, "board_size": 4, "reached": false}));
        let three = ok(send(&app, Method::POST, &rapat, &sekretaris, meeting(vec![member(0), member(1), member(3)])).await, 201).await;
        assert_eq!(three["quorum"]["reached"], true);
        let numbers: Vec<u64> = three["decisions"].as_array().unwrap().iter().map(|d| d["number"].as_u64().unwrap()).collect();
        assert_eq!(numbers, [1, 2]);
        assert_problem(send(&app, Method::POST, &rapat, &sekretaris, meeting(vec![member(0), member(0)])).await, 422, "attendee_listed_twice").await;
        let stranger = json!({"name": "X", "seat_id": "01938f4e-7c1a-7b22-9d4e-3f1a2b3c4d5e"});
        assert_problem(send(&app, Method::POST, &rapat, &sekretaris, meeting(vec![stranger])).await, 422, "attendee_not_on_board").await;

        let list = ok(app.authed(Method::GET, &rapat, &lurah).send().await.unwrap(), 200).await;
        assert_eq!(list["items"].as_array().unwrap().len(), 2);
        assert_eq!(list["items"][0]["id"], three["id"], "newest first");
        let one = ok(app.authed(Method::GET, &format!("{rapat}/{}", two["id"].as_str().unwrap()), &bendahara).send().await.unwrap(), 200).await;
        assert_eq!(one["decisions"][1]["outcome"], "ditunda");
    })
    .await;
}

#[tokio::test]
async fn stamp_patch_deactivation_and_stage() {
    on_each_backend(|app| async move {
        let lurah = app.account("kalurahan", K1).await.token;
        let p = ok(
            send(
                &app,
                Method::POST,
                &format!("/api/v1/kalurahan/{K1}/padukuhan"),
                &lurah,
                json!({"name": "Jragung"}),
            )
            .await,
            201,
        )
        .await;
        let created = send(
            &app,
            Method::POST,
            "/api/v1/wksbm",
            &lurah,
            json!({"padukuhan_id": p["id"], "name": "WKSBM Jragung"}),
        )
        .await;
        let etag = created
            .headers()
            .get("etag")
            .unwrap()
            .to_str()
            .unwrap()
            .to_owned();
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
        assert_problem(
            app.authed(Method::GET, &stamp, &lurah)
                .send()
                .await
                .unwrap(),
            404,
            "not_found",
        )
        .await;
        assert_problem(
            upload(b"GIF89a not a stamp".to_vec(), "image/png")
                .await
                .unwrap(),
            422,
            "stamp_not_image",
        )
        .await;
        let mut big = crate::matrix::png();
        big.resize(600 * 1024, 0);
        assert_problem(
            upload(big, "image/png").await.unwrap(),
            413,
            "stamp_too_large",
        )
        .await;
        assert_eq!(
            upload(crate::matrix::png(), "application/octet-stream")
                .await
                .unwrap()
                .status(),
            204,
            "the declared type does not matter"
        );
        let got = app
            .authed(Method::GET, &stamp, &lurah)
            .send()
            .await
            .unwrap();
        assert_eq!(got.headers().get("content-type").unwrap(), "image/png");
        assert_eq!(got.bytes().await.unwrap().to_vec(), crate::matrix::png());

        // PATCH with If-Match: every change (the stamp too) moves the ETag on.
        let current = app.authed(Method::GET, &base, &lurah).send().await.unwrap();
        let fresh = current
            .headers()
            .get("etag")
            .unwrap()
            .to_str()
            .unwrap()
            .to_owned();
        assert_ne!(fresh, etag);
        assert_problem(
            app.authed(Method::PATCH, &base, &lurah)
                .header("if-match", &etag)
                .json(&json!({"address": "x"}))
                .send()
                .await
                .unwrap(),
            412,
            "precondition_failed",
        )
        .await;
        let etag = fresh;
        let patch = |m: &str, b: Value| {
            app.authed(Method::PATCH, &base, &lurah)
                .header("if-match", m)
                .json(&b)
                .send()
        };
        let changed = ok(
            patch(&etag, json!({"address": "Jragung RT 03"}))
                .await
                .unwrap(),
            200,
        )
        .await;
        assert_eq!(changed["address"], "Jragung RT 03");
        assert_problem(
            patch(&etag, json!({"address": "stale"})).await.unwrap(),
            412,
            "precondition_failed",
        )
        .await;
        assert_problem(
            app.authed(Method::PATCH, &base, &lurah)
                .json(&json!({"name": "x"}))
                .send()
                .await
                .unwrap(),
            428,
            "precondition_required",
        )
        .await;

        // The stage filter follows the steps.
        let in_stage = |stage: &'static str| {
            let app = &app;
            let lurah = lurah.clone();
            async move {
                let page = ok(
                    app.authed(Method::GET, &format!("/api/v1/wksbm?stage={stage}"), &lurah)
                        .send()
                        .await
                        .unwrap(),
                    200,
                )
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
                send(
                    &app,
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
        let summary = ok(
            app.authed(Method::GET, "/api/v1/wksbm/summary", &lurah)
                .send()
                .await
                .unwrap(),
            200,
        )
        .await;
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
            "/api/v1/kalurahan/{K1}/padukuhan/{}/deactivate",
            p["id"].as_str().unwrap()
        );
        assert_problem(
            send(
                &app,
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
            send(
                &app,
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
            send(
                &app,
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
            (
                gone["active"].as_bool(),
                gone["deactivation_reason"].as_str()
            ),
            (Some(false), Some("digabung"))
        );
        assert_problem(
            send(
                &app,
                Method::POST,
                &deactivate,
                &lurah,
                json!({"reason": "lagi"}),
            )
            .await,
            409,
            "already_inactive",
        )
        .await;
        assert_problem(
            send(
                &app,
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
