//! Issue 21, "close the oracles": what the policy hides cannot be learned by asking
//! around it. One test per rule, each on SQLite and PostgreSQL.

use reqwest::Method;
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

fn client_from(ip: &str) -> reqwest::Client {
    reqwest::Client::builder()
        .local_address(ip.parse::<std::net::IpAddr>().unwrap())
        .build()
        .unwrap()
}

/// Every spelling of a username counts against one account, and the account's owner is
/// not locked out: from an address that has not been failing, the right password works.
#[tokio::test]
async fn the_login_limit_keys_on_the_account_and_does_not_lock_out_its_owner() {
    for b in wksbm_tests::backends() {
        let app =
            wksbm_tests::TestApp::spawn_with(b, &["--login-per-minute=3", "--login-per-hour=10"])
                .await;
        let login = |client: reqwest::Client, username: &str, password: &str| {
            let url = app.url("/api/v1/auth/login");
            let body = json!({"username": username, "password": password});
            async move { client.post(url).json(&body).send().await.unwrap() }
        };
        let here = client_from("127.0.0.1");
        for spelling in ["admin", " ADMIN\u{3000}", "\u{00a0}Admin\u{2003}"] {
            assert_eq!(
                login(here.clone(), spelling, "wrong-password")
                    .await
                    .status(),
                401,
                "{spelling:?}"
            );
        }
        // The guesser's address is held back, in any spelling, even with the right password.
        for spelling in ["admin", "\u{2028}admin"] {
            assert_problem(
                login(here.clone(), spelling, wksbm_tests::ADMIN_PASSWORD).await,
                429,
                "rate_limited",
            )
            .await;
        }
        // The owner, elsewhere, gets in.
        let res = login(
            client_from("127.0.0.2"),
            "admin",
            wksbm_tests::ADMIN_PASSWORD,
        )
        .await;
        assert_eq!(res.status(), 200);
        // A wrong guess from a new address, now that the account is over its limit, is
        // one guess: the next one from there is refused.
        let other = client_from("127.0.0.3");
        assert_eq!(
            login(other.clone(), "admin", "wrong-password")
                .await
                .status(),
            401
        );
        assert_eq!(
            login(other, "admin", wksbm_tests::ADMIN_PASSWORD)
                .await
                .status(),
            429
        );
        app.stop().await;
    }
}

/// Guessing the current password with a stolen token: counted like a failed login,
/// audited, and at the limit the account's refresh tokens end.
#[tokio::test]
async fn guessing_the_current_password_is_limited_audited_and_ends_the_session() {
    for b in wksbm_tests::backends() {
        let app =
            wksbm_tests::TestApp::spawn_with(b, &["--login-per-minute=3", "--login-per-hour=10"])
                .await;
        let admin = app.admin_token().await;
        let lurah = app.account("kalurahan", K1).await;
        let pair = app.login_pair(&lurah.username, &lurah.password).await;
        let guess = |token: String| {
            let app = &app;
            async move {
                app.send(Method::POST, "/api/v1/auth/password", &token, json!({"current_password": "tebakan-salah-1", "new_password": "kata-sandi-baru-99"})).await
            }
        };
        let token = pair["access_token"].as_str().unwrap().to_owned();
        for _ in 0..3 {
            assert_problem(guess(token.clone()).await, 422, "current_password_wrong").await;
        }
        let res = guess(token.clone()).await;
        assert_eq!(res.status(), 429);
        let refreshed = app
            .post(
                "/api/v1/auth/refresh",
                json!({"refresh_token": pair["refresh_token"]}),
            )
            .await;
        assert_problem(refreshed, 401, "refresh_token_invalid").await;
        let audit = app
            .get_json_as(
                &format!("/api/v1/audit?actor_id={}&page_size=50", lurah.id),
                &admin,
            )
            .await;
        let actions = wksbm_tests::http::item_texts(&audit, "action");
        assert_eq!(
            actions
                .iter()
                .filter(|a| *a == "auth.password_change_failed")
                .count(),
            2,
            "{actions:?}"
        );
        assert_eq!(
            actions
                .iter()
                .filter(|a| *a == "auth.password_guess_limit")
                .count(),
            1,
            "{actions:?}"
        );
        app.stop().await;
    }
}

/// A change of role, region or personal-data grant ends the refresh tokens too: a refresh
/// must not bring the old session back.
#[tokio::test]
async fn a_role_change_ends_the_refresh_tokens() {
    on_each_backend(|app| async move {
        let admin = app.admin_token().await;
        let lurah = app.account("kalurahan", K1).await;
        let pair = app.login_pair(&lurah.username, &lurah.password).await;
        let path = format!("/api/v1/users/{}", lurah.id);
        let res = app.get_as(&path, &admin).await;
        let etag = header(&res, "etag");
        let res = app
            .authed(Method::PATCH, &path, &admin)
            .header("if-match", etag)
            .json(&json!({"role": "kapanewon", "wilayah_code": "34.02.01"}))
            .send()
            .await
            .unwrap();
        ok(res, 200).await;
        let refreshed = app
            .post(
                "/api/v1/auth/refresh",
                json!({"refresh_token": pair["refresh_token"]}),
            )
            .await;
        assert_problem(refreshed, 401, "refresh_token_invalid").await;
    })
    .await;
}

/// Zakat reaches only asnaf: the person's asnaf is checked again at the payment, in the
/// payment's transaction, and the asnaf paid under is stored with the payment.
#[tokio::test]
async fn zakat_is_paid_only_to_an_asnaf_at_the_moment_of_payment() {
    on_each_backend(|app| async move {
        let b = wksbm_tests::fixtures::Books::new(&app, "Asnaf").await;
        ok(app.send(Method::PUT, &format!("{}/dasar-zakat", b.base), &b.lurah, json!({"kind": "upz_baznas", "number": "12/UPZ/2026", "date": "2026-11-01", "issuer": "BAZNAS Bantul"})).await, 200).await;
        let (zakat, _) = b.fund(&app, "zakat").await;
        b.income(&app, &zakat, 500_000, "zakat_maal").await;
        let cleared = b.person(&app, Some("miskin")).await;
        let kept = b.person(&app, Some("fakir")).await;
        let round = b.approved_round(&app, &zakat, &[cleared.clone(), kept.clone()], 100_000).await;
        let path = format!("{}/penyaluran/{}", b.base, round["id"].as_str().unwrap());
        let recipient = |ppks: &str| {
            round["recipients"].as_array().unwrap().iter().find(|r| r["ppks_id"] == ppks).unwrap()["id"].as_str().unwrap().to_owned()
        };

        // After approval the person's asnaf is cleared.
        let person = format!("/api/v1/ppks/{cleared}");
        let res = app.get_as(&person, &b.admin).await;
        let etag = header(&res, "etag");
        let full: Value = res.json().await.unwrap();
        let body = json!({"padukuhan_id": b.padukuhan, "nik": full["nik"], "name": full["name"], "types": ["PPKS-24"], "asnaf": null, "lawful_basis": "tugas_publik"});
        let res = app.authed(Method::PATCH, &person, &b.admin).header("if-match", etag).json(&body).send().await.unwrap();
        assert_eq!(ok(res, 200).await["asnaf"], Value::Null);

        let handover = json!({"date": "2026-11-28", "received_by": "Penerima"});
        let pay = |rid: String| format!("{path}/penerima/{rid}/salurkan");
        assert_problem(app.send(Method::POST, &pay(recipient(&cleared)), &b.bendahara, handover.clone()).await, 409, "zakat_without_asnaf").await;
        let (_, balance) = b.fund(&app, "zakat").await;
        assert_eq!(balance, 500_000, "nothing left the zakat fund");
        let paid = ok(app.send(Method::POST, &pay(recipient(&kept)), &b.bendahara, handover).await, 200).await;
        let after = app.get_json_as(&path, &b.bendahara).await;
        let row = after["recipients"].as_array().unwrap().iter().find(|r| r["ppks_id"] == kept.as_str()).unwrap().clone();
        assert_eq!(row["paid_asnaf"], "fakir", "{paid}");
    })
    .await;
}

/// A new SQLite database is readable by its owner only, in an owner-only directory.
#[cfg(unix)]
#[tokio::test]
async fn a_new_sqlite_database_is_owner_only() {
    use std::os::unix::fs::PermissionsExt;
    let dir = std::env::temp_dir().join(format!("wksbm-perm-{}", wksbm_tests::unique_suffix()));
    let file = dir.join("data").join("wksbm.sqlite");
    let args = [
        "wksbm-api".to_owned(),
        format!("--database-url=sqlite://{}?mode=rwc", file.display()),
        "--log=warn".into(),
    ];
    let settings = wksbm_api::Cli::load_from(args).unwrap().settings;
    let db = wksbm_persistence::Db::connect(&settings.db_settings())
        .await
        .unwrap();
    db.migrate().await.unwrap();
    let mode = |p: &std::path::Path| std::fs::metadata(p).unwrap().permissions().mode() & 0o777;
    assert_eq!(mode(&file), 0o600);
    assert_eq!(mode(file.parent().unwrap()), 0o700);
    db.close().await;
    let _ = std::fs::remove_dir_all(&dir);
}

/// One text rule for every free-text field: bidirectional overrides, zero-width
/// characters and C1 controls are refused with the field named.
#[tokio::test]
async fn invisible_and_direction_changing_characters_are_refused() {
    on_each_backend(|app| async move {
        let admin = app.admin_token().await;
        for (i, trick) in [
            "Sri\u{202e}ihsaR",
            "Bu\u{200b}di",
            "\u{2066}Ani\u{2069}",
            "Eko\u{85}",
            "\u{feff}Tono",
        ]
        .iter()
        .enumerate()
        {
            let res = app
                .send(
                    Method::POST,
                    &format!("/api/v1/kalurahan/{K1}/padukuhan"),
                    &admin,
                    json!({"name": format!("{trick}{i}")}),
                )
                .await;
            let body = assert_problem(res, 422, "validation_failed").await;
            assert_eq!(body["errors"][0]["field"], "name", "{trick:?}: {body}");
        }
        let pl = Place::new(&app, &admin, K1, "Teks").await;
        let mut p = person(&pl.padukuhan, &nik(false), "Sri\u{202e}ihsaR");
        p["address"] = json!("RT 03");
        let body = assert_problem(
            app.send(Method::POST, "/api/v1/ppks", &admin, p).await,
            422,
            "validation_failed",
        )
        .await;
        assert_eq!(body["errors"][0]["field"], "name", "{body}");
    })
    .await;
}

/// Anonymisation also erases the person's name from the free text the books hold about
/// them: the ledger entry of a payment, the round's reason and the receiver.
#[tokio::test]
async fn anonymisation_scrubs_the_name_from_the_books() {
    on_each_backend(|app| async move {
        let b = wksbm_tests::fixtures::Books::new(&app, "Hapus").await;
        let (umum, _) = b.fund(&app, "umum").await;
        b.income(&app, &umum, 500_000, "lainnya").await;
        let p = ok(app.send(Method::POST, "/api/v1/ppks", &b.admin, json!({"padukuhan_id": b.padukuhan, "nik": nik(false), "name": "Sutini Rahayu", "types": ["PPKS-24"], "lawful_basis": "tugas_publik"})).await, 201).await;
        let id = p["id"].as_str().unwrap().to_owned();
        let recipients = vec![json!({"ppks_id": id, "amount": 50_000, "reason": "Obat untuk Sutini"})];
        let r = ok(app.send(Method::POST, &format!("{}/penyaluran", b.base), &b.sekretaris, json!({"name": "Obat", "tahap": 1, "category": "penanganan.perlindungan_sosial", "fund_id": umum, "planned_date": "2026-11-28", "recipients": recipients})).await, 201).await;
        let path = format!("{}/penyaluran/{}", b.base, r["id"].as_str().unwrap());
        ok(app.send(Method::POST, &format!("{path}/ajukan"), &b.sekretaris, json!({})).await, 200).await;
        let (rapat, n) = b.decision(&app).await;
        ok(app.send(Method::POST, &format!("{path}/setujui"), &b.ketua, json!({"rapat_id": rapat, "decision_number": n})).await, 200).await;
        let rid = r["recipients"][0]["id"].as_str().unwrap();
        ok(app.send(Method::POST, &format!("{path}/penerima/{rid}/salurkan"), &b.bendahara, json!({"date": "2026-11-28", "received_by": "Sutini Rahayu"})).await, 200).await;

        let res = app.get_as(&format!("/api/v1/ppks/{id}"), &b.admin).await;
        let etag = header(&res, "etag");
        let res = app.authed(Method::POST, &format!("/api/v1/ppks/{id}/anonimkan"), &b.admin).header("if-match", etag).json(&json!({"reason": "permintaan subjek data"})).send().await.unwrap();
        let anon = ok(res, 200).await;
        let pseudonym = anon["name"].as_str().unwrap().to_owned();

        let round = app.get_json_as(&path, &b.bendahara).await;
        let text = round.to_string();
        assert!(!text.contains("Sutini") && !text.contains("Rahayu"), "{text}");
        assert!(round["recipients"][0]["reason"].as_str().unwrap().contains(&pseudonym));
        let kas = app.get_json_as(&format!("{}/buku-kas?page_size=200", b.base), &b.bendahara).await;
        assert!(!kas.to_string().contains("Sutini"), "{kas}");
    })
    .await;
}

/// Nobody takes over the books by resetting a password: the bendahara's account (and the
/// ketua's while no bendahara serves) is not reset by another account, and any other
/// reset shows in the audit log at the first login after it, with who reset it.
#[tokio::test]
async fn a_reset_cannot_take_over_the_books_and_the_next_login_says_who_reset() {
    on_each_backend(|app| async move {
        let b = wksbm_tests::fixtures::Books::new(&app, "Ambil").await;
        let me = |t: String| {
            let app = &app;
            async move { app.get_json_as("/api/v1/auth/me", &t).await }
        };
        let bendahara = me(b.bendahara.clone()).await;
        let sekretaris = me(b.sekretaris.clone()).await;
        let lurah = me(b.lurah.clone()).await;
        let reset = |id: &Value| format!("/api/v1/users/{}/reset-password", id.as_str().unwrap());
        let new = json!({"new_password": "sandi-baru-dari-lurah"});
        for token in [&b.lurah, &b.admin] {
            assert_problem(
                app.send(Method::POST, &reset(&bendahara["id"]), token, new.clone())
                    .await,
                409,
                "keeps_books_password",
            )
            .await;
        }
        assert_eq!(
            app.get_as("/api/v1/auth/me", &b.bendahara).await.status(),
            200,
            "the holder's session stands"
        );

        let res = app
            .send(
                Method::POST,
                &reset(&sekretaris["id"]),
                &b.lurah,
                new.clone(),
            )
            .await;
        assert_eq!(res.status(), 204);
        app.login(
            sekretaris["username"].as_str().unwrap(),
            "sandi-baru-dari-lurah",
        )
        .await;
        app.login(
            sekretaris["username"].as_str().unwrap(),
            "sandi-baru-dari-lurah",
        )
        .await;
        let audit = app
            .get_json_as(
                &format!(
                    "/api/v1/audit?actor_id={}&page_size=50",
                    sekretaris["id"].as_str().unwrap()
                ),
                &b.admin,
            )
            .await;
        let flagged: Vec<&Value> = audit["items"]
            .as_array()
            .unwrap()
            .iter()
            .filter(|e| e["action"] == "auth.login_after_reset")
            .collect();
        assert_eq!(
            flagged.len(),
            1,
            "only the first login after the reset: {audit}"
        );
        assert_eq!(
            flagged[0]["changed_fields"],
            json!([format!("reset_by={}", lurah["id"].as_str().unwrap())])
        );
    })
    .await;
}

/// Back-dating cannot overdraw the past: an expense dated before entries already in the
/// book is refused when the running balance would go below zero at any of them, and a
/// reversal is not dated before the entry it reverses.
#[tokio::test]
async fn a_back_dated_expense_cannot_overdraw_the_past() {
    on_each_backend(|app| async move {
        let b = wksbm_tests::fixtures::Books::new(&app, "Mundur").await;
        let (umum, _) = b.fund(&app, "umum").await;
        let kas = format!("{}/buku-kas", b.base);
        let post = |date: &str, dir: &str, amount: i64| {
            let kind = if dir == "masuk" { json!({"method": "lainnya"}) } else { json!({"category": "operasional"}) };
            let mut v = json!({"fund_id": umum, "date": date, "direction": dir, "amount": amount, "unit": "rupiah", "description": "Uji tanggal"});
            for (k, x) in kind.as_object().unwrap() {
                v[k] = x.clone();
            }
            let (app, kas, token) = (&app, kas.clone(), b.bendahara.clone());
            async move { app.send(Method::POST, &kas, &token, v).await }
        };
        ok(post("2026-11-20", "masuk", 100_000).await, 201).await;
        let spent = ok(post("2026-11-21", "keluar", 80_000).await, 201).await;
        ok(post("2026-11-22", "masuk", 500_000).await, 201).await;

        // 520,000 now, but on 21 November only 20,000 was left after the expense.
        assert_problem(post("2026-11-20", "keluar", 50_000).await, 409, "insufficient_funds_on_later_date").await;
        assert_eq!(b.fund(&app, "umum").await.1, 520_000, "nothing written");
        ok(post("2026-11-20", "keluar", 20_000).await, 201).await;
        // The running balance is never negative, in book order.
        let book = app.get_json_as(&format!("{kas}?fund_id={umum}&page_size=200"), &b.bendahara).await;
        let mut running = 0i64;
        for e in book["items"].as_array().unwrap() {
            let a = e["amount"].as_i64().unwrap();
            running += if e["direction"] == "masuk" { a } else { -a };
            assert!(running >= 0, "{book}");
        }

        let rev = format!("{kas}/{}/balikkan", spent["id"].as_str().unwrap());
        assert_problem(app.send(Method::POST, &rev, &b.bendahara, json!({"date": "2026-11-19", "reason": "Salah tanggal"})).await, 422, "reversal_before_entry").await;
        ok(app.send(Method::POST, &rev, &b.bendahara, json!({"date": "2026-11-21", "reason": "Salah catat"})).await, 201).await;
    })
    .await;
}

/// The audit log's tail cannot be cut unnoticed: the signed head is served (and verifies
/// with the public JWKS), and `audit-verify` fails once rows from the checkpoint on are
/// removed and the head rewound, though the chain that remains is intact.
#[tokio::test]
async fn cutting_the_audit_log_short_fails_against_its_checkpoint() {
    use sea_orm::{ConnectionTrait, Database};
    on_each_backend(|app| async move {
        let admin = app.admin_token().await;
        app.account("kalurahan", K1).await;
        let cp = app.get_json_as("/api/v1/audit/checkpoint", &admin).await;
        let seq = cp["seq"].as_i64().unwrap();
        assert!(seq > 0, "{cp}");

        // Anyone with the public keys can check it.
        let jwks: jsonwebtoken::jwk::JwkSet = serde_json::from_value(app.get_json("/.well-known/jwks.json").await).unwrap();
        let token = cp["token"].as_str().unwrap();
        let kid = jsonwebtoken::decode_header(token).unwrap().kid.unwrap();
        let key = jsonwebtoken::DecodingKey::from_jwk(jwks.find(&kid).unwrap()).unwrap();
        let mut v = jsonwebtoken::Validation::new(jsonwebtoken::Algorithm::EdDSA);
        v.set_audience(&["wksbm-audit-checkpoint"]);
        v.validate_exp = false;
        v.set_required_spec_claims(&["aud"]);
        let claims = jsonwebtoken::decode::<Value>(token, &key, &v).unwrap().claims;
        assert_eq!((claims["seq"].as_i64(), claims["hash"].as_str()), (Some(seq), cp["hash"].as_str()));
        // It is not an access token.
        assert_eq!(app.get_as("/api/v1/auth/me", token).await.status(), 401);

        assert!(wksbm_api::cli::audit_verify(&app.settings).await.unwrap());
        let conn = Database::connect(app.db.url().as_str()).await.unwrap();
        conn.execute_unprepared(&format!("DELETE FROM audit_log WHERE seq >= {seq}")).await.unwrap();
        conn.execute_unprepared(&format!(
            "UPDATE audit_head SET last_seq = {prev}, last_hash = (SELECT hash FROM audit_log WHERE seq = {prev}) WHERE id = 1",
            prev = seq - 1
        ))
        .await
        .unwrap();
        conn.close().await.unwrap();
        assert!(!wksbm_api::cli::audit_verify(&app.settings).await.unwrap(), "the cut is found");
    })
    .await;
}
