//! Money over HTTP on both databases: funds opened at legalisation, postings and their
//! rules, reversals, transfers, idempotency, jimpitan, proposals, distribution rounds,
//! concurrency (nothing overdrawn), and a report that reconciles with the ledger.

use futures_util::future::join_all;
use reqwest::Method;
use serde_json::{Value, json};
use wksbm_tests::fixtures::Books;
use wksbm_tests::http::{assert_problem, header, ok};
use wksbm_tests::{TestApp, on_each_backend};

#[tokio::test]
async fn funds_postings_reversals_and_transfers() {
    on_each_backend(|app| async move {
        let b = Books::new(&app, "Kas").await;
        let funds = b.funds(&app).await;
        let kinds: Vec<&str> = funds["items"].as_array().unwrap().iter().map(|f| f["kind"].as_str().unwrap()).collect();
        assert_eq!(kinds, ["umum", "zakat", "amil", "infak_sedekah", "beras"], "opened at legalisation");
        let (umum, _) = b.fund(&app, "umum").await;
        let (beras, _) = b.fund(&app, "beras").await;
        let kas = format!("{}/buku-kas", b.base);
        let entry = |fund: &str, dir: &str, amount: Value, unit: &str, extra: Value| {
            let mut v = json!({"fund_id": fund, "date": "2026-11-20", "direction": dir, "amount": amount, "unit": unit, "description": "Uji"});
            for (k, x) in extra.as_object().unwrap() {
                v[k] = x.clone();
            }
            v
        };
        // Bad input, each with its rule's code; nothing changes.
        for (body, code) in [
            (entry(&umum, "masuk", json!(0), "rupiah", json!({"method": "lainnya"})), "amount_not_positive"),
            (entry(&umum, "masuk", json!(-5), "rupiah", json!({"method": "lainnya"})), "amount_not_positive"),
            (entry(&umum, "masuk", json!(10_000_000_000_001_i64), "rupiah", json!({"method": "lainnya"})), "amount_too_large"),
            (entry(&umum, "masuk", json!(5), "gram", json!({"method": "lainnya"})), "unit_mismatch"),
            (entry(&beras, "masuk", json!(5), "rupiah", json!({"method": "lainnya"})), "unit_mismatch"),
            (entry(&umum, "masuk", json!(5), "rupiah", json!({})), "entry_kind_missing"),
            (entry(&umum, "masuk", json!(5), "rupiah", json!({"method": "transfer"})), "reserved_for_workflow"),
            (entry(&umum, "keluar", json!(5), "rupiah", json!({"category": "penyaluran"})), "reserved_for_workflow"),
            (entry(&umum, "masuk", json!(5), "rupiah", json!({"method": "lainnya", "date": "2099-01-01"})), "date_in_future"),
            (entry(&umum, "masuk", json!(5), "rupiah", json!({"method": "usaha"})), "usaha_missing"),
        ] {
            assert_problem(app.send(Method::POST, &kas, &b.bendahara, body).await, 422, code).await;
        }
        assert_problem(app.send(Method::POST, &kas, &b.bendahara, entry(&umum, "keluar", json!(1), "rupiah", json!({"category": "operasional"}))).await, 409, "insufficient_funds").await;
        let (zakat, _) = b.fund(&app, "zakat").await;
        assert_problem(app.send(Method::POST, &kas, &b.bendahara, entry(&zakat, "masuk", json!(800), "rupiah", json!({"method": "zakat_maal"}))).await, 409, "zakat_basis_missing").await;
        assert_eq!(b.fund(&app, "umum").await.1, 0, "nothing changed");
        // Who records: the bendahara; the ketua only while no bendahara serves; not the lurah.
        assert_problem(app.send(Method::POST, &kas, &b.ketua, entry(&umum, "masuk", json!(1), "rupiah", json!({"method": "lainnya"}))).await, 403, "bendahara_keeps_books").await;
        assert_problem(app.send(Method::POST, &kas, &b.lurah, entry(&umum, "masuk", json!(1), "rupiah", json!({"method": "lainnya"}))).await, 403, "forbidden").await;

        let first = b.income(&app, &umum, 100_000, "barang_bekas").await;
        assert!(first["receipt_no"].as_str().unwrap().starts_with("001/KW/WKSBM-KAS/XI/2026"), "{first}");
        let spent = ok(app.send(Method::POST, &kas, &b.bendahara, entry(&umum, "keluar", json!(30_000), "rupiah", json!({"category": "operasional"}))).await, 201).await;
        assert_eq!(spent["balance_after"], 70_000);
        assert!(spent["receipt_no"].as_str().unwrap().starts_with("002/BKK/"));
        // A reversal references the entry; it is not reversed again; an entry once.
        let rev = format!("{kas}/{}/balikkan", first["id"].as_str().unwrap());
        assert_problem(app.send(Method::POST, &rev, &b.bendahara, json!({"date": "2026-11-21", "reason": "Salah"})).await, 409, "insufficient_funds").await;
        let more = b.income(&app, &umum, 50_000, "lainnya").await;
        let r = ok(app.send(Method::POST, &rev, &b.bendahara, json!({"date": "2026-11-21", "reason": "Salah"})).await, 201).await;
        assert_eq!(r["items"][0]["reverses_id"], first["id"]);
        assert_eq!(r["items"][0]["direction"], "keluar");
        assert_problem(app.send(Method::POST, &rev, &b.bendahara, json!({"date": "2026-11-21", "reason": "Lagi"})).await, 409, "already_reversed").await;
        let rr = format!("{kas}/{}/balikkan", r["items"][0]["id"].as_str().unwrap());
        assert_problem(app.send(Method::POST, &rr, &b.bendahara, json!({"date": "2026-11-21", "reason": "Lagi"})).await, 422, "reversal_of_reversal").await;
        assert_eq!(b.fund(&app, "umum").await.1, 20_000);
        let _ = more;

        // Zakat: the basis first; amil at most 1/8 of the year's zakat; zakat only to amil.
        ok(app.send(Method::PUT, &format!("{}/dasar-zakat", b.base), &b.lurah, json!({"kind": "upz_baznas", "number": "12/UPZ/2026", "date": "2026-11-01", "issuer": "BAZNAS Bantul"})).await, 200).await;
        b.income(&app, &zakat, 800_000, "zakat_maal").await;
        assert_problem(app.send(Method::POST, &kas, &b.bendahara, entry(&zakat, "keluar", json!(1), "rupiah", json!({"category": "kegiatan"}))).await, 422, "zakat_plain_expense").await;
        let (amil, _) = b.fund(&app, "amil").await;
        let tr = format!("{}/transfer-dana", b.base);
        let t = |from: &str, to: &str, amount: i64| json!({"from_fund_id": from, "to_fund_id": to, "amount": amount, "unit": "rupiah", "date": "2026-11-22", "description": "Bagian amil"});
        assert_problem(app.send(Method::POST, &tr, &b.bendahara, t(&zakat, &amil, 100_001)).await, 409, "amil_share_exceeded").await;
        let pair = ok(app.send(Method::POST, &tr, &b.bendahara, t(&zakat, &amil, 60_000)).await, 201).await;
        assert_eq!(pair["items"][0]["direction"], "keluar");
        assert_eq!(pair["items"][1]["direction"], "masuk");
        assert_problem(app.send(Method::POST, &tr, &b.bendahara, t(&zakat, &amil, 40_001)).await, 409, "amil_share_exceeded").await;
        ok(app.send(Method::POST, &tr, &b.bendahara, t(&zakat, &amil, 40_000)).await, 201).await;
        assert_problem(app.send(Method::POST, &tr, &b.bendahara, t(&zakat, &umum, 1)).await, 422, "zakat_only_to_amil").await;
        let terikat = ok(app.send(Method::POST, &format!("{}/dana", b.base), &b.bendahara, json!({"name": "Beasiswa", "purpose": "Sekolah anak yatim"})).await, 201).await;
        let terikat = terikat["id"].as_str().unwrap().to_owned();
        ok(app.send(Method::POST, &tr, &b.bendahara, t(&umum, &terikat, 10_000)).await, 201).await;
        assert_problem(app.send(Method::POST, &tr, &b.bendahara, t(&terikat, &umum, 1)).await, 422, "restricted_fund_transfer").await;
        // Reversing one leg of a transfer reverses both.
        let legs = ok(app.send(Method::POST, &format!("{kas}/{}/balikkan", pair["items"][1]["id"].as_str().unwrap()), &b.bendahara, json!({"date": "2026-11-23", "reason": "Batal"})).await, 201).await;
        assert_eq!(legs["items"].as_array().unwrap().len(), 2);
        assert_eq!(b.fund(&app, "amil").await.1, 40_000);
        assert_eq!(b.fund(&app, "zakat").await.1, 760_000);

        // The cash book of one fund: running balance, opening and closing.
        let book = app.get_json_as(&format!("{kas}?dana={umum}&from=2026-11-21&page_size=2"), &b.lurah).await;
        assert_eq!(book["opening"], 120_000);
        let last = app.get_json_as(&format!("{kas}?dana={umum}"), &b.lurah).await;
        let items = last["items"].as_array().unwrap();
        assert_eq!(items.last().unwrap()["running_balance"], last["closing"]);
        assert_eq!(last["closing"].as_i64().unwrap(), b.fund(&app, "umum").await.1);

        // Suspended: read-only (the one gate of every board write).
        ok(app.send(Method::POST, &format!("{}/status", b.base), &b.lurah, json!({"status": "dibekukan", "reason": "uji"})).await, 200).await;
        assert_problem(app.send(Method::POST, &kas, &b.bendahara, entry(&umum, "masuk", json!(1), "rupiah", json!({"method": "lainnya"}))).await, 409, "wksbm_read_only").await;
    })
    .await;
}

#[tokio::test]
async fn one_entry_per_idempotency_key() {
    on_each_backend(|app| async move {
        let b = Books::new(&app, "Kunci").await;
        let (umum, _) = b.fund(&app, "umum").await;
        let body = json!({"fund_id": umum, "date": "2026-11-20", "direction": "masuk", "amount": 12_345, "unit": "rupiah", "method": "lainnya", "description": "Sekali saja"});
        let kas = format!("{}/buku-kas", b.base);
        let sends = (0..100).map(|_| {
            app.authed(Method::POST, &kas, &b.bendahara)
                .header("Idempotency-Key", "setoran-2026-11-20-01")
                .json(&body)
                .send()
        });
        let mut ids = std::collections::BTreeSet::new();
        let mut statuses = std::collections::BTreeMap::new();
        for res in join_all(sends).await {
            let res = res.unwrap();
            let s = res.status().as_u16();
            *statuses.entry(s).or_insert(0) += 1;
            let v: Value = res.json().await.unwrap();
            if s == 201 {
                ids.insert(v["id"].as_str().unwrap().to_owned());
            } else {
                assert_eq!((s, v["code"].as_str()), (409, Some("idempotency_key_in_flight")), "{v}");
            }
        }
        assert_eq!(ids.len(), 1, "every 201 is the same entry: {statuses:?}");
        assert_eq!(b.fund(&app, "umum").await.1, 12_345, "posted once");
        let page = app.get_json_as(&format!("{kas}?dana={umum}"), &b.bendahara).await;
        assert_eq!(page["items"].as_array().unwrap().len(), 1);
        // The same key with another body is refused; a replay says so.
        let mut other = body.clone();
        other["amount"] = json!(1);
        assert_problem(app.authed(Method::POST, &kas, &b.bendahara).header("Idempotency-Key", "setoran-2026-11-20-01").json(&other).send().await.unwrap(), 422, "idempotency_key_reused").await;
        let again = app.authed(Method::POST, &kas, &b.bendahara).header("Idempotency-Key", "setoran-2026-11-20-01").json(&body).send().await.unwrap();
        assert_eq!(again.headers().get("idempotent-replayed").unwrap(), "true");
        assert_problem(app.authed(Method::POST, &kas, &b.bendahara).header("Idempotency-Key", "").json(&body).send().await.unwrap(), 400, "idempotency_key_invalid").await;
        // Creating records that are not unique by themselves (a jimpitan round) is safe to
        // retry with a key too.
        let round = json!({"date": "2026-11-20", "rt": "1", "collectors": ["Joko"], "lines": [{"household": "A", "given": "memberi", "grams": 100}]});
        let mut ids = Vec::new();
        for _ in 0..3 {
            let r = app.authed(Method::POST, &format!("{}/jimpitan", b.base), &b.bendahara).header("Idempotency-Key", "ronda-1").json(&round).send().await.unwrap();
            ids.push(ok(r, 201).await["id"].clone());
        }
        assert!(ids.windows(2).all(|w| w[0] == w[1]), "{ids:?}");
        let rounds = app.get_json_as(&format!("{}/jimpitan", b.base), &b.bendahara).await;
        assert_eq!(rounds["items"].as_array().unwrap().len(), 1);
    })
    .await;
}

#[tokio::test]
async fn two_hundred_payments_against_a_fund_that_covers_fifty() {
    on_each_backend(|app| async move {
        let b = Books::new(&app, "Serbu").await;
        let (umum, _) = b.fund(&app, "umum").await;
        b.income(&app, &umum, 500_000, "lainnya").await;
        let mut people = Vec::new();
        for _ in 0..50 {
            people.push(b.person(&app, None).await);
        }
        // Four rounds of the same fifty people: 200 payments of 10,000 against 500,000.
        let mut targets = Vec::new();
        for _ in 0..4 {
            let r = b.approved_round(&app, &umum, &people, 10_000).await;
            for p in r["recipients"].as_array().unwrap() {
                targets.push(format!(
                    "{}/penyaluran/{}/penerima/{}/salurkan",
                    b.base,
                    r["id"].as_str().unwrap(),
                    p["id"].as_str().unwrap()
                ));
            }
        }
        assert_eq!(targets.len(), 200);
        let body = json!({"date": "2026-11-28", "received_by": "Penerima"});
        let sends = targets
            .iter()
            .map(|t| app.authed(Method::POST, t, &b.bendahara).json(&body).send());
        let mut by_status = std::collections::BTreeMap::new();
        for res in join_all(sends).await {
            let res = res.unwrap();
            let s = res.status().as_u16();
            let v: Value = res.json().await.unwrap();
            if s != 200 {
                assert_eq!(
                    (s, v["code"].as_str()),
                    (409, Some("insufficient_funds")),
                    "{v}"
                );
            }
            *by_status.entry(s).or_insert(0) += 1;
        }
        assert_eq!(by_status.get(&200), Some(&50), "{by_status:?}");
        assert_eq!(b.fund(&app, "umum").await.1, 0);
        let page = app
            .get_json_as(
                &format!("{}/buku-kas?dana={umum}&page_size=200", b.base),
                &b.bendahara,
            )
            .await;
        let sum: i64 = page["items"]
            .as_array()
            .unwrap()
            .iter()
            .map(|e| {
                if e["direction"] == "masuk" {
                    e["amount"].as_i64().unwrap()
                } else {
                    -e["amount"].as_i64().unwrap()
                }
            })
            .sum();
        assert_eq!(sum, 0, "the entries add up to the balance");
        assert_eq!(page["items"].as_array().unwrap().len(), 51);
    })
    .await;
}

#[tokio::test]
async fn a_distribution_round_from_draft_to_selesai() {
    on_each_backend(|app| async move {
        let b = Books::new(&app, "Salur").await;
        let (umum, _) = b.fund(&app, "umum").await;
        let (zakat, _) = b.fund(&app, "zakat").await;
        b.income(&app, &umum, 300_000, "lainnya").await;
        let fakir = b.person(&app, Some("fakir")).await;
        let plain = b.person(&app, None).await;
        let rounds = format!("{}/penyaluran", b.base);
        let round = |fund: &str, people: Vec<Value>| json!({"name": "Tahap 1", "tahap": 1, "category": "pencegahan", "fund_id": fund, "planned_date": "2026-11-28", "recipients": people});
        let rec = |p: &str, amount: i64| json!({"ppks_id": p, "amount": amount, "reason": "Lansia"});
        // Zakat pays only people with an asnaf; a person once per round; an unknown person.
        assert_problem(app.send(Method::POST, &rounds, &b.sekretaris, round(&zakat, vec![rec(&plain, 1)])).await, 422, "zakat_without_asnaf").await;
        assert_problem(app.send(Method::POST, &rounds, &b.sekretaris, round(&umum, vec![rec(&plain, 1), rec(&plain, 2)])).await, 422, "recipient_repeated").await;
        assert_problem(app.send(Method::POST, &rounds, &b.sekretaris, round(&umum, vec![rec(&uuid::Uuid::now_v7().to_string(), 1)])).await, 422, "ppks_not_active_here").await;
        let r = ok(app.send(Method::POST, &rounds, &b.ketua, round(&umum, vec![rec(&fakir, 100_000), rec(&plain, 150_000)])).await, 201).await;
        assert_eq!(r["status"], "draft");
        assert_eq!(r["recipients"][0]["types"], json!(["PPKS-24"]));
        let path = format!("{rounds}/{}", r["id"].as_str().unwrap());
        let pay = |rid: &Value| format!("{path}/penerima/{}/salurkan", rid.as_str().unwrap());
        let handover = json!({"date": "2026-11-28", "received_by": "Anaknya", "relation": "anak"});
        assert_problem(app.send(Method::POST, &pay(&r["recipients"][0]["id"]), &b.bendahara, handover.clone()).await, 409, "round_not_approved").await;
        assert_problem(app.send(Method::POST, &pay(&json!(uuid::Uuid::now_v7().to_string())), &b.bendahara, handover.clone()).await, 404, "not_found").await;
        assert_problem(app.send(Method::POST, &format!("{path}/setujui"), &b.ketua, json!({"rapat_id": uuid::Uuid::now_v7(), "decision_number": 1})).await, 409, "round_not_submitted").await;
        ok(app.send(Method::POST, &format!("{path}/ajukan"), &b.sekretaris, json!({})).await, 200).await;
        let (rapat, n) = b.decision(&app).await;
        // The ketua created this round: approving one's own round is refused.
        assert_problem(app.send(Method::POST, &format!("{path}/setujui"), &b.ketua, json!({"rapat_id": rapat, "decision_number": n})).await, 409, "approving_own_round").await;
        assert_problem(app.send(Method::POST, &format!("{path}/setujui"), &b.sekretaris, json!({"rapat_id": rapat, "decision_number": n})).await, 403, "forbidden").await;

        let mine = ok(app.send(Method::POST, &rounds, &b.sekretaris, round(&umum, vec![rec(&fakir, 100_000), rec(&plain, 250_000)])).await, 201).await;
        let mpath = format!("{rounds}/{}", mine["id"].as_str().unwrap());
        ok(app.send(Method::POST, &format!("{mpath}/ajukan"), &b.sekretaris, json!({})).await, 200).await;
        assert_problem(app.send(Method::POST, &format!("{mpath}/setujui"), &b.ketua, json!({"rapat_id": rapat, "decision_number": 9})).await, 422, "decision_unknown").await;
        let approved = ok(app.send(Method::POST, &format!("{mpath}/setujui"), &b.ketua, json!({"rapat_id": rapat, "decision_number": n})).await, 200).await;
        assert_eq!(approved["status"], "disetujui");
        let mpay = |rid: &Value| format!("{mpath}/penerima/{}/salurkan", rid.as_str().unwrap());
        let first = ok(app.send(Method::POST, &mpay(&approved["recipients"][0]["id"]), &b.bendahara, handover.clone()).await, 200).await;
        assert_eq!(first["entry"]["category"], "penyaluran");
        assert_eq!(first["recipient"]["status"], "disalurkan");
        assert_problem(app.send(Method::POST, &mpay(&approved["recipients"][0]["id"]), &b.bendahara, handover.clone()).await, 409, "already_disbursed").await;
        // 250,000 against 200,000 left: refused, nothing changes.
        assert_problem(app.send(Method::POST, &mpay(&approved["recipients"][1]["id"]), &b.bendahara, handover.clone()).await, 409, "insufficient_funds").await;
        assert_eq!(b.fund(&app, "umum").await.1, 200_000);
        let again = app.get_json_as(&mpath, &b.lurah).await;
        assert_eq!(again["recipients"][1]["status"], "menunggu");
        assert_problem(app.send(Method::POST, &format!("{mpath}/batalkan"), &b.sekretaris, json!({"reason": "Batal"})).await, 409, "round_not_cancellable").await;
        b.income(&app, &umum, 50_000, "lainnya").await;
        // The longest handover a request may carry, so its reversal's description is long.
        let (receiver, photo) = (format!("Anaknya {}", "a".repeat(192)), format!("foto/{}", "p".repeat(495)));
        let last = ok(app.send(Method::POST, &mpay(&approved["recipients"][1]["id"]), &b.bendahara, json!({"date": "2026-11-28", "received_by": receiver, "relation": "anak", "photo_ref": photo})).await, 200).await;
        assert_eq!(last["round_status"], "selesai");
        // A payment made by mistake is reversed: the money is back, the recipient waits
        // again, the finished round is approved again, and the recipient is paid anew.
        let rev = format!("{}/buku-kas/{}/balikkan", b.base, last["entry"]["id"].as_str().unwrap());
        let back = ok(app.send(Method::POST, &rev, &b.bendahara, json!({"date": "2026-11-28", "reason": "r".repeat(300)})).await, 201).await;
        let leg = &back["items"][0];
        assert_eq!((leg["direction"].as_str(), leg["amount"].as_i64(), leg["category"].as_str()), (Some("masuk"), Some(250_000), Some("penyaluran")));
        assert_eq!((&leg["penyaluran_id"], &leg["ppks_id"]), (&last["entry"]["penyaluran_id"], &last["entry"]["ppks_id"]));
        // The handover cleared from the recipient stays in the book.
        assert!(leg["description"].as_str().unwrap().ends_with(&format!("serah terima semula 2026-11-28 kepada {receiver} (anak), foto {photo}")), "{leg}");
        assert_eq!(b.fund(&app, "umum").await.1, 250_000);
        let reopened = app.get_json_as(&mpath, &b.lurah).await;
        assert_eq!(reopened["status"], "disetujui");
        let waiting = &reopened["recipients"][1];
        assert_eq!((waiting["status"].as_str(), &waiting["entry_id"], &waiting["received_by"]), (Some("menunggu"), &Value::Null, &Value::Null));
        assert_problem(app.send(Method::POST, &rev, &b.bendahara, json!({"date": "2026-11-28", "reason": "x"})).await, 409, "already_reversed").await;
        let rev_of_rev = format!("{}/buku-kas/{}/balikkan", b.base, leg["id"].as_str().unwrap());
        assert_problem(app.send(Method::POST, &rev_of_rev, &b.bendahara, json!({"date": "2026-11-28", "reason": "x"})).await, 422, "reversal_of_reversal").await;
        let anew = ok(app.send(Method::POST, &mpay(&approved["recipients"][1]["id"]), &b.bendahara, json!({"date": "2026-11-28", "received_by": "Anak", "relation": "anak"})).await, 200).await;
        assert_eq!((anew["round_status"].as_str(), anew["recipient"]["received_by"].as_str()), (Some("selesai"), Some("Anak")));
        assert_eq!(b.fund(&app, "umum").await.1, 0);
        // The other draft is cancelled.
        ok(app.send(Method::POST, &format!("{path}/batalkan"), &b.sekretaris, json!({"reason": "Diganti"})).await, 200).await;
    })
    .await;
}

#[tokio::test]
async fn jimpitan_proposals_usaha_and_a_report_that_reconciles() {
    on_each_backend(|app| async move {
        let b = Books::new(&app, "Lapor").await;
        let (umum, _) = b.fund(&app, "umum").await;
        let j = format!("{}/jimpitan", b.base);
        let line = |h: &str, given: &str, g: i64, r: i64| json!({"household": h, "given": given, "grams": g, "rupiah": r});
        assert_problem(app.send(Method::POST, &j, &b.bendahara, json!({"date": "2026-11-20", "rt": "3", "collectors": ["Joko"], "lines": [line("A", "memberi", 0, 0)]})).await, 422, "jimpitan_nothing_given").await;
        let round = ok(app.send(Method::POST, &j, &b.bendahara, json!({"date": "2026-11-20", "rt": "3", "collectors": ["Joko", "Wagiman"], "lines": [line("Rumah Bu Sri", "memberi", 250, 0), line("3402011012150003", "memberi", 200, 1000), line("Mbah Karto", "dibebaskan", 0, 0)]})).await, 201).await;
        assert_eq!((round["total_grams"].as_i64(), round["total_rupiah"].as_i64(), round["rt"].as_str()), (Some(450), Some(1000), Some("003")));
        assert!(round["lines"][1]["household"].as_str().unwrap().starts_with("KK 340201"), "No. KK masked");
        let close = format!("{j}/{}/tutup", round["id"].as_str().unwrap());
        let closed = ok(app.send(Method::POST, &close, &b.bendahara, json!({"witnesses": ["Pak RT"]})).await, 200).await;
        assert_eq!(closed["status"], "ditutup");
        assert_problem(app.send(Method::POST, &close, &b.bendahara, json!({"witnesses": ["Pak RT"]})).await, 409, "jimpitan_closed").await;
        assert_eq!(b.fund(&app, "beras").await.1, 450);
        assert_eq!(b.fund(&app, "umum").await.1, 1000);
        let sale = format!("{}/penjualan-beras", b.base);
        assert_problem(app.send(Method::POST, &sale, &b.bendahara, json!({"date": "2026-11-21", "grams": 451, "price_per_kg": 12000, "buyer": "Warung"})).await, 409, "insufficient_funds").await;
        let sold = ok(app.send(Method::POST, &sale, &b.bendahara, json!({"date": "2026-11-21", "grams": 400, "price_per_kg": 12500, "buyer": "Warung"})).await, 201).await;
        assert_eq!(sold["items"][1]["amount"], 5000);
        // The price is a number on both entries, as read back from the book.
        assert_eq!((&sold["items"][0]["price_per_kg"], &sold["items"][1]["price_per_kg"]), (&json!(12500), &json!(12500)));
        let book = app.get_json_as(&format!("{}/buku-kas?from=2026-11-21&to=2026-11-21", b.base), &b.lurah).await;
        let priced: Vec<&Value> = book["items"].as_array().unwrap().iter().map(|e| &e["price_per_kg"]).collect();
        assert_eq!(priced, [&json!(12500), &json!(12500)], "{book}");

        // A donor's proposal: sent → pledged → received, then in the giving history.
        let donor = ok(app.send(Method::POST, &format!("{}/donatur", b.base), &b.bendahara, json!({"kind": "usaha", "name": "Toko Makmur"})).await, 201).await;
        let prop = ok(app.send(Method::POST, &format!("{}/proposal", b.base), &b.bendahara, json!({"donor_id": donor["id"], "title": "Sembako lansia", "requested": 2_000_000, "sent_date": "2026-11-10"})).await, 201).await;
        let ppath = format!("{}/proposal/{}", b.base, prop["id"].as_str().unwrap());
        assert_problem(app.send(Method::POST, &format!("{ppath}/terima"), &b.bendahara, json!({"fund_id": umum, "amount": 1_500_000, "date": "2026-11-22"})).await, 409, "proposal_not_pledged").await;
        ok(app.send(Method::POST, &format!("{ppath}/janji"), &b.bendahara, json!({"amount": 1_500_000, "date": "2026-11-15"})).await, 200).await;
        let received = ok(app.send(Method::POST, &format!("{ppath}/terima"), &b.bendahara, json!({"fund_id": umum, "amount": 1_000_000, "date": "2026-11-22"})).await, 201).await;
        // A mistaken receipt is reversed: the proposal is pledged again and received anew.
        ok(app.send(Method::POST, &format!("{}/buku-kas/{}/balikkan", b.base, received["id"].as_str().unwrap()), &b.bendahara, json!({"date": "2026-11-22", "reason": "Salah jumlah"})).await, 201).await;
        let again = app.get_json_as(&format!("{}/proposal", b.base), &b.bendahara).await;
        assert_eq!((again["items"][0]["status"].as_str(), again["items"][0]["entry_id"].is_null()), (Some("dijanjikan"), true));
        ok(app.send(Method::POST, &format!("{ppath}/terima"), &b.bendahara, json!({"fund_id": umum, "amount": 1_500_000, "date": "2026-11-22"})).await, 201).await;
        let history = app.get_json_as(&format!("{}/buku-kas?donor_id={}", b.base, donor["id"].as_str().unwrap()), &b.lurah).await;
        assert_eq!(history["items"][0]["method"], "proposal_donatur");

        // A business unit and its summary.
        let tenda = ok(app.send(Method::POST, &format!("{}/usaha", b.base), &b.bendahara, json!({"name": "Persewaan Tenda", "kind": "persewaan"})).await, 201).await;
        ok(app.send(Method::POST, &format!("{}/buku-kas", b.base), &b.bendahara, json!({"fund_id": umum, "date": "2026-11-23", "direction": "masuk", "amount": 300_000, "unit": "rupiah", "method": "usaha", "usaha_id": tenda["id"], "description": "Sewa tenda hajatan"})).await, 201).await;
        ok(app.send(Method::POST, &format!("{}/buku-kas", b.base), &b.bendahara, json!({"fund_id": umum, "date": "2026-11-24", "direction": "keluar", "amount": 50_000, "unit": "rupiah", "category": "operasional", "usaha_id": tenda["id"], "description": "Cuci tenda"})).await, 201).await;
        let units = app.get_json_as(&format!("{}/usaha?from=2026-01-01&to=2026-12-31", b.base), &b.lurah).await;
        assert_eq!((units["items"][0]["income"].as_i64(), units["items"][0]["net"].as_i64()), (Some(300_000), Some(250_000)));

        // Distributions, then the report: every fund line reconciles with the ledger. One
        // payment stands; another is paid on the 28th and reversed on the 29th.
        let pay = |r: &Value| format!("{}/penyaluran/{}/penerima/{}/salurkan", b.base, r["id"].as_str().unwrap(), r["recipients"][0]["id"].as_str().unwrap());
        let handover = json!({"date": "2026-11-28", "received_by": "Sendiri"});
        let r = b.approved_round(&app, &umum, &[b.person(&app, None).await], 100_000).await;
        ok(app.send(Method::POST, &pay(&r), &b.bendahara, handover.clone()).await, 200).await;
        let wrong = b.approved_round(&app, &umum, &[b.person(&app, None).await], 40_000).await;
        let paid = ok(app.send(Method::POST, &pay(&wrong), &b.bendahara, handover).await, 200).await;
        ok(app.send(Method::POST, &format!("{}/buku-kas/{}/balikkan", b.base, paid["entry"]["id"].as_str().unwrap()), &b.bendahara, json!({"date": "2026-11-29", "reason": "Salah orang"})).await, 201).await;
        let report_of = |from: &str, to: &str| app.authed(Method::GET, &format!("{}/laporan?from={from}&to={to}", b.base), &b.lurah).send();
        let sum = |m: &Value| m.as_object().unwrap().values().map(|v| v.as_i64().unwrap()).sum::<i64>();
        // By the entries' dates: the 28th holds both payments, the 29th the reversal.
        for (from, to, paid, people) in [("2026-11-21", "2026-11-28", 140_000, 2), ("2026-11-29", "2026-11-30", -40_000, -1)] {
            let part = ok(report_of(from, to).await.unwrap(), 200).await;
            let umum_line = part["funds"].as_array().unwrap().iter().find(|f| f["kind"] == "umum").unwrap();
            assert_eq!(umum_line["expense"]["penyaluran"], paid, "{from}");
            assert_eq!(part["distribution_by_category"]["penanganan.perlindungan_sosial"]["rupiah"], paid, "{from}");
            assert_eq!(part["distribution_by_type"]["PPKS-24"]["recipients"], people, "{from}");
            for f in part["funds"].as_array().unwrap() {
                assert_eq!(f["opening"].as_i64().unwrap() + sum(&f["income"]) - sum(&f["expense"]), f["closing"].as_i64().unwrap(), "{f}");
            }
        }
        let report = ok(report_of("2026-11-21", "2026-11-30").await.unwrap(), 200).await;
        let funds = b.funds(&app).await;
        let mut total_unrestricted = 0;
        for f in report["funds"].as_array().unwrap() {
            let closing = f["closing"].as_i64().unwrap();
            assert_eq!(f["opening"].as_i64().unwrap() + sum(&f["income"]) - sum(&f["expense"]), closing, "{f}");
            let live = funds["items"].as_array().unwrap().iter().find(|x| x["id"] == f["fund_id"]).unwrap();
            assert_eq!(closing, live["balance"].as_i64().unwrap(), "closing = balance (no entries after the period)");
            if ["umum", "amil", "infak_sedekah"].contains(&f["kind"].as_str().unwrap()) {
                total_unrestricted += closing;
            }
        }
        let umum_line = report["funds"].as_array().unwrap().iter().find(|f| f["kind"] == "umum").unwrap();
        assert_eq!(umum_line["opening"], 1000, "the jimpitan coins of the 20th");
        assert_eq!(umum_line["income"]["penjualan_beras"], 5000);
        assert_eq!(umum_line["expense"]["penyaluran"], 100_000);
        assert_eq!(report["net_assets"]["without_restriction"]["closing"], total_unrestricted);
        assert_eq!(report["net_assets"]["rice_grams"], 50);
        assert_eq!(report["distribution_by_category"]["penanganan.perlindungan_sosial"]["rupiah"], 100_000);
        assert_eq!(report["distribution_by_type"]["PPKS-24"]["recipients"], 1);
    })
    .await;
}

/// The cap per person and period (here 150,000 rupiah), and the warning when the same
/// person (one NIK, one record) received from another WKSBM in the period.
#[tokio::test]
async fn the_cap_per_person_and_the_warning_from_another_wksbm() {
    for backend in wksbm_tests::backends() {
        let app = TestApp::spawn_with(backend, &["--distribution-cap=150000"]).await;
        let a = Books::new(&app, "Capa").await;
        let b = Books::new(&app, "Capb").await;
        let (umum_a, _) = a.fund(&app, "umum").await;
        let (umum_b, _) = b.fund(&app, "umum").await;
        a.income(&app, &umum_a, 1_000_000, "lainnya").await;
        b.income(&app, &umum_b, 1_000_000, "lainnya").await;
        let nik = wksbm_tests::nik(true);
        let person = |padukuhan: &str| json!({"padukuhan_id": padukuhan, "nik": nik, "name": "Warga Pindah", "types": ["PPKS-24"], "lawful_basis": "tugas_publik"});
        let x = ok(
            app.send(Method::POST, "/api/v1/ppks", &a.admin, person(&a.padukuhan))
                .await,
            201,
        )
        .await;
        let x_id = x["id"].as_str().unwrap().to_owned();
        let pay = |books: &Books, r: &Value| {
            format!(
                "{}/penyaluran/{}/penerima/{}/salurkan",
                books.base,
                r["id"].as_str().unwrap(),
                r["recipients"][0]["id"].as_str().unwrap()
            )
        };
        let handover = json!({"date": "2026-11-28", "received_by": "Sendiri"});
        // Pays the round's one recipient as the bendahara of `books`.
        let paying = |books: &Books, r: &Value| {
            let (url, who, body) = (pay(books, r), books.bendahara.clone(), handover.clone());
            let app = &app;
            async move { app.send(Method::POST, &url, &who, body).await }
        };
        let first = a
            .approved_round(&app, &umum_a, std::slice::from_ref(&x_id), 100_000)
            .await;
        let paid = ok(paying(&a, &first).await, 200).await;
        assert_eq!(paid["warnings"], json!([]));
        let second = a
            .approved_round(&app, &umum_a, std::slice::from_ref(&x_id), 60_000)
            .await;
        assert_problem(paying(&a, &second).await, 409, "cap_exceeded").await;
        assert_eq!(a.fund(&app, "umum").await.1, 900_000, "nothing changed");
        // The first payment reversed, the person has received nothing: 60,000 fits.
        let reverse = |books: &Books, paid: &Value| {
            let url = format!(
                "{}/buku-kas/{}/balikkan",
                books.base,
                paid["entry"]["id"].as_str().unwrap()
            );
            let who = books.bendahara.clone();
            let app = &app;
            async move {
                app.send(
                    Method::POST,
                    &url,
                    &who,
                    json!({"date": "2026-11-28", "reason": "Salah"}),
                )
                .await
            }
        };
        ok(reverse(&a, &paid).await, 201).await;
        let paid = ok(paying(&a, &second).await, 200).await;
        assert_eq!(a.fund(&app, "umum").await.1, 940_000);

        // The person moves to the other padukuhan; its WKSBM pays and is warned.
        let current = app.get_as(&format!("/api/v1/ppks/{x_id}"), &a.admin).await;
        let etag = header(&current, "etag");
        let moved = app
            .patch(
                &format!("/api/v1/ppks/{x_id}"),
                &a.admin,
                Some(&etag),
                person(&b.padukuhan),
            )
            .await;
        assert_eq!(moved.status(), 200);
        assert_problem(app.send(Method::POST, &format!("{}/penyaluran", a.base), &a.sekretaris, json!({"name": "Lagi", "tahap": 2, "category": "pencegahan", "fund_id": umum_a, "planned_date": "2026-11-28", "recipients": [{"ppks_id": x_id, "amount": 1, "reason": "x"}]})).await, 422, "ppks_not_active_here").await;
        let there = b
            .approved_round(&app, &umum_b, std::slice::from_ref(&x_id), 10_000)
            .await;
        let warned = ok(paying(&b, &there).await, 200).await;
        assert_eq!(
            warned["warnings"][0]["code"], "received_elsewhere",
            "{warned}"
        );
        // Once the other WKSBM's payment is reversed, nothing was received elsewhere.
        ok(reverse(&a, &paid).await, 201).await;
        let again = b
            .approved_round(&app, &umum_b, std::slice::from_ref(&x_id), 10_000)
            .await;
        let clean = ok(paying(&b, &again).await, 200).await;
        assert_eq!(clean["warnings"], json!([]), "{clean}");
        app.stop().await;
    }
}

/// Past 999 a receipt number keeps every digit (`1000/KW/…`): PostgreSQL formats the
/// number in SQL (`dana_repo::write_postgres`), SQLite in Rust.
#[tokio::test]
async fn receipt_numbers_grow_past_three_digits() {
    on_each_backend(|app| async move {
        use sea_orm::ConnectionTrait;
        let b = Books::new(&app, "Seribu").await;
        let (umum, _) = b.fund(&app, "umum").await;
        b.income(&app, &umum, 1_000, "lainnya").await;
        // 997 more postings through the API would take minutes: move the counter by SQL.
        let wksbm = b.base.rsplit('/').next().unwrap();
        let conn = sea_orm::Database::connect(app.db.url().as_str())
            .await
            .unwrap();
        conn.execute_unprepared(&format!(
            "UPDATE receipt_counter SET last = 998 WHERE wksbm_id = '{wksbm}'"
        ))
        .await
        .unwrap();
        conn.close().await.unwrap();
        let receipt = |v: Value| v["receipt_no"].as_str().unwrap().to_owned();
        assert_eq!(
            receipt(b.income(&app, &umum, 1_000, "lainnya").await),
            "999/KW/WKSBM-SERIBU/XI/2026"
        );
        assert_eq!(
            receipt(b.income(&app, &umum, 1_000, "lainnya").await),
            "1000/KW/WKSBM-SERIBU/XI/2026"
        );
    })
    .await;
}
