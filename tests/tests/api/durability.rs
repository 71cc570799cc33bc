//! The server killed with SIGKILL in the middle of a stream of money writes, then started
//! again: every acknowledged write is there exactly once, and retrying every write with
//! its Idempotency-Key adds nothing twice.

use serde_json::{Value, json};
use std::collections::{BTreeMap, BTreeSet};
use std::process::{Child, Command, Stdio};
use std::sync::Arc;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::time::Duration;
use wksbm_tests::fixtures::Books;
use wksbm_tests::http::ok;
use wksbm_tests::{ADMIN_PASSWORD, on_each_backend};

fn start(url: &str, data: &std::path::Path) -> (Child, String) {
    let port = std::net::TcpListener::bind("127.0.0.1:0")
        .unwrap()
        .local_addr()
        .unwrap()
        .port();
    let child = Command::new(env!("CARGO_BIN_EXE_wksbm-server"))
        .args([
            format!("--port={port}"),
            "--workers=2".into(),
            format!("--database-url={url}"),
            format!("--data-dir={}", data.display()),
            "--log=error".into(),
            format!("--admin-password={ADMIN_PASSWORD}"),
        ])
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .spawn()
        .unwrap();
    (child, format!("http://127.0.0.1:{port}"))
}

async fn ready(client: &reqwest::Client, base: &str) {
    for _ in 0..120 {
        if let Ok(r) = client.get(format!("{base}/health/ready")).send().await
            && r.status() == 200
        {
            return;
        }
        tokio::time::sleep(Duration::from_millis(250)).await;
    }
    panic!("the server did not become ready");
}

fn body(fund: &str, key: &str) -> Value {
    json!({"fund_id": fund, "date": "2026-11-20", "direction": "masuk", "amount": 1000, "unit": "rupiah", "method": "lainnya", "description": key})
}

#[tokio::test]
async fn acknowledged_writes_survive_sigkill_exactly_once() {
    on_each_backend(|app| async move {
        let b = Books::new(&app, "Tahan").await;
        let (umum, _) = b.fund(&app, "umum").await;
        let kas = format!("{}/buku-kas", b.base);
        app.stop().await;
        let (url, data) = (app.db.url(), app.db.data_dir());
        let client = reqwest::Client::builder()
            .timeout(Duration::from_secs(10))
            .build()
            .unwrap();
        let (mut child, base) = start(&url, &data);
        ready(&client, &base).await;

        // Four writers post entries, each with its own key, until the server dies.
        let acked = Arc::new(AtomicUsize::new(0));
        let mut writers = Vec::new();
        for w in 0..4 {
            let (client, base, kas, token, fund, acked) = (
                client.clone(),
                base.clone(),
                kas.clone(),
                b.bendahara.clone(),
                umum.clone(),
                acked.clone(),
            );
            writers.push(tokio::spawn(async move {
                let mut tried = Vec::new();
                let mut done = BTreeMap::new();
                for i in 0..10_000 {
                    let key = format!("tulis-{w}-{i}");
                    tried.push(key.clone());
                    let res = client
                        .post(format!("{base}{kas}"))
                        .bearer_auth(&token)
                        .header("Idempotency-Key", &key)
                        .json(&body(&fund, &key))
                        .send()
                        .await;
                    match res {
                        Ok(r) if r.status() == 201 => {
                            let v: Value = r.json().await.unwrap();
                            done.insert(key, v["id"].as_str().unwrap().to_owned());
                            acked.fetch_add(1, Ordering::SeqCst);
                        }
                        Ok(r) => panic!("unexpected {}", r.status()),
                        Err(_) => break,
                    }
                }
                (tried, done)
            }));
        }
        while acked.load(Ordering::SeqCst) < 60 {
            tokio::time::sleep(Duration::from_millis(5)).await;
        }
        child.kill().unwrap(); // SIGKILL
        child.wait().unwrap();
        let mut tried = Vec::new();
        let mut done = BTreeMap::new();
        for w in writers {
            let (t, d) = w.await.unwrap();
            tried.extend(t);
            done.extend(d);
        }
        assert!(done.len() >= 60);
        eprintln!(
            "acknowledged {} of {} attempted before SIGKILL",
            done.len(),
            tried.len()
        );

        let (mut child, base) = start(&url, &data);
        ready(&client, &base).await;
        let get = |path: String| {
            client
                .get(format!("{base}{path}"))
                .bearer_auth(&b.bendahara)
                .send()
        };
        let page = ok(
            get(format!("{kas}?dana={umum}&page_size=200"))
                .await
                .unwrap(),
            200,
        )
        .await;
        let mut seen: BTreeMap<String, Vec<String>> = BTreeMap::new();
        let mut items: Vec<Value> = page["items"].as_array().unwrap().clone();
        let mut next = page["next_page_token"].as_str().map(str::to_owned);
        while let Some(t) = next {
            let p = ok(
                get(format!("{kas}?dana={umum}&page_size=200&page_token={t}"))
                    .await
                    .unwrap(),
                200,
            )
            .await;
            items.extend(p["items"].as_array().unwrap().iter().cloned());
            next = p["next_page_token"].as_str().map(str::to_owned);
        }
        for e in &items {
            seen.entry(e["description"].as_str().unwrap().to_owned())
                .or_default()
                .push(e["id"].as_str().unwrap().to_owned());
        }
        for (key, id) in &done {
            assert_eq!(
                seen.get(key),
                Some(&vec![id.clone()]),
                "acknowledged {key} is there once"
            );
        }
        // Retrying every attempted write with its key: a replay for those that
        // committed, a first posting for the rest; never a second entry.
        for key in &tried {
            let r = client
                .post(format!("{base}{kas}"))
                .bearer_auth(&b.bendahara)
                .header("Idempotency-Key", key)
                .json(&body(&umum, key))
                .send()
                .await
                .unwrap();
            let status = r.status().as_u16();
            // A key claimed by a request that died before committing is taken over a
            // minute later; until then it is "in flight".
            assert!(matches!(status, 201 | 409), "{key}: {status}");
        }
        let mut all = 0i64;
        let mut descriptions = BTreeSet::new();
        let mut page_token: Option<String> = None;
        loop {
            let q = match &page_token {
                Some(t) => format!("{kas}?dana={umum}&page_size=200&page_token={t}"),
                None => format!("{kas}?dana={umum}&page_size=200"),
            };
            let p = ok(get(q).await.unwrap(), 200).await;
            for e in p["items"].as_array().unwrap() {
                assert!(
                    descriptions.insert(e["description"].as_str().unwrap().to_owned()),
                    "one entry per key"
                );
                all += e["amount"].as_i64().unwrap();
            }
            match p["next_page_token"].as_str() {
                Some(t) => page_token = Some(t.to_owned()),
                None => break,
            }
        }
        let funds = ok(get(format!("{}/dana", b.base)).await.unwrap(), 200).await;
        let balance = funds["items"]
            .as_array()
            .unwrap()
            .iter()
            .find(|f| f["id"] == umum.as_str())
            .unwrap()["balance"]
            .as_i64()
            .unwrap();
        assert_eq!(balance, all, "the balance is the sum of the entries");
        child.kill().unwrap();
        child.wait().unwrap();
    })
    .await;
}
