//! The cap per person and period under concurrency: payments to one person from two
//! funds at the same moment see each other. On PostgreSQL the WKSBM's receipt counter
//! and the audit head, locked by every posting until it commits, order them before the
//! cap is summed; SQLite's writers are serial.

use futures_util::future::join_all;
use reqwest::Method;
use serde_json::{Value, json};
use wksbm_tests::TestApp;
use wksbm_tests::fixtures::Books;
use wksbm_tests::http::assert_problem;
use wksbm_tests::http::ok;

#[tokio::test]
async fn the_cap_holds_across_funds_at_the_same_moment() {
    for backend in wksbm_tests::backends() {
        let app = TestApp::spawn_with(backend, &["--distribution-cap=150000"]).await;
        let b = Books::new(&app, "Kapa").await;
        let (umum, _) = b.fund(&app, "umum").await;
        let (infak, _) = b.fund(&app, "infak_sedekah").await;
        b.income(&app, &umum, 2_000_000, "lainnya").await;
        b.income(&app, &infak, 2_000_000, "lainnya").await;
        let mut people = Vec::new();
        for _ in 0..20 {
            people.push(b.person(&app, None).await);
        }
        // Each person is in a round of each fund for 100,000: only one of the two fits.
        let mut targets = Vec::new();
        for fund in [&umum, &infak] {
            let r = b.approved_round(&app, fund, &people, 100_000).await;
            for p in r["recipients"].as_array().unwrap() {
                targets.push((
                    p["ppks_id"].as_str().unwrap().to_owned(),
                    format!(
                        "{}/penyaluran/{}/penerima/{}/salurkan",
                        b.base,
                        r["id"].as_str().unwrap(),
                        p["id"].as_str().unwrap()
                    ),
                ));
            }
        }
        // Interleaved (each person's two payments side by side): every round's payments
        // queue on its row, so the two queues reach the same person at the same moment.
        targets.sort_by(|a, b| a.0.cmp(&b.0));
        let body = json!({"date": "2026-11-28", "received_by": "Penerima"});
        let sends = targets.iter().map(|(person, url)| {
            let req = app.authed(Method::POST, url, &b.bendahara).json(&body);
            async move { (person.clone(), req.send().await.unwrap()) }
        });
        let mut paid = std::collections::BTreeMap::new();
        for (person, res) in join_all(sends).await {
            let s = res.status().as_u16();
            let v: Value = res.json().await.unwrap();
            match s {
                200 => *paid.entry(person).or_insert(0) += 1,
                _ => assert_eq!((s, v["code"].as_str()), (409, Some("cap_exceeded")), "{v}"),
            }
        }
        assert_eq!(paid.len(), 20, "{paid:?}");
        assert!(paid.values().all(|n| *n == 1), "one payment each: {paid:?}");
        let left = b.fund(&app, "umum").await.1 + b.fund(&app, "infak_sedekah").await.1;
        assert_eq!(left, 4_000_000 - 20 * 100_000);
        app.stop().await;
    }
}

/// A reversal counts with the payment it reverses, not on its own date: a payment of
/// 1 October reversed on 25 October makes no room in a window that holds only the
/// reversal (22 October – 20 November, the default 30 days).
#[tokio::test]
async fn a_reversal_makes_no_room_under_the_cap_outside_its_payments_window() {
    for backend in wksbm_tests::backends() {
        let app = TestApp::spawn_with(backend, &["--distribution-cap=150000"]).await;
        let b = Books::new(&app, "Kapb").await;
        let (umum, _) = b.fund(&app, "umum").await;
        // Dated before the first payment: the balance holds at every date.
        ok(app.send(Method::POST, &format!("{}/buku-kas", b.base), &b.bendahara, json!({"fund_id": umum, "date": "2026-09-01", "direction": "masuk", "amount": 1_000_000, "unit": "rupiah", "method": "lainnya", "description": "Saldo awal"})).await, 201).await;
        let person = b.person(&app, None).await;
        let pay = |amount: i64, date: &'static str| {
            let (app, b, person, umum) = (&app, &b, person.clone(), umum.clone());
            async move {
                let r = b.approved_round(app, &umum, &[person], amount).await;
                let url = format!(
                    "{}/penyaluran/{}/penerima/{}/salurkan",
                    b.base,
                    r["id"].as_str().unwrap(),
                    r["recipients"][0]["id"].as_str().unwrap()
                );
                app.send(
                    Method::POST,
                    &url,
                    &b.bendahara,
                    json!({"date": date, "received_by": "Sendiri"}),
                )
                .await
            }
        };
        let first = ok(pay(100_000, "2026-10-01").await, 200).await;
        let rev = format!(
            "{}/buku-kas/{}/balikkan",
            b.base,
            first["entry"]["id"].as_str().unwrap()
        );
        ok(
            app.send(
                Method::POST,
                &rev,
                &b.bendahara,
                json!({"date": "2026-10-25", "reason": "Salah orang"}),
            )
            .await,
            201,
        )
        .await;
        ok(pay(150_000, "2026-11-20").await, 200).await;
        assert_problem(pay(100_000, "2026-11-20").await, 409, "cap_exceeded").await;
        assert_eq!(b.fund(&app, "umum").await.1, 850_000);
        app.stop().await;
    }
}
