//! A small closed-loop load generator for the benchmarks (no wrk or oha is needed):
//! CONNECTIONS clients send GET requests back to back for SECONDS, cycling through the
//! URLs (one per line in URL_FILE, or the single URL given), and it prints
//! `ok_requests/s p50_ms p99_ms errors`. A non-2xx answer counts as an error and not in
//! the rate (refusals are cheap and would flatter it). With BODY_FILE, each request is a
//! POST of that JSON body instead; a POST changes something, so with a URL_FILE each URL
//! is posted once and the run ends early when the list is used up.
//! Usage: loadgen URL|@URL_FILE CONNECTIONS SECONDS [BEARER_TOKEN [BODY_FILE]]

use std::sync::Arc;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::time::{Duration, Instant};

#[tokio::main]
async fn main() {
    let args: Vec<String> = std::env::args().collect();
    if args.len() < 4 {
        eprintln!("usage: loadgen URL|@URL_FILE CONNECTIONS SECONDS [BEARER_TOKEN]");
        std::process::exit(2);
    }
    let urls: Vec<String> = match args[1].strip_prefix('@') {
        Some(file) => std::fs::read_to_string(file)
            .unwrap_or_else(|e| panic!("{file}: {e}"))
            .lines()
            .filter(|l| !l.trim().is_empty())
            .map(str::to_owned)
            .collect(),
        None => vec![args[1].clone()],
    };
    let conns: usize = args[2].parse().unwrap_or(32);
    let secs: u64 = args[3].parse().unwrap_or(10);
    let token = args.get(4).cloned().filter(|t| !t.is_empty());
    let body: Option<Arc<String>> = args
        .get(5)
        .map(|f| Arc::new(std::fs::read_to_string(f).unwrap_or_else(|e| panic!("{f}: {e}"))));
    let urls = Arc::new(urls);
    let next = Arc::new(AtomicUsize::new(0));
    let errors = Arc::new(AtomicUsize::new(0));
    let client = reqwest::Client::builder()
        .pool_max_idle_per_host(conns)
        .build()
        .unwrap_or_else(|e| panic!("client: {e}"));
    let once = body.is_some() && args[1].starts_with('@');
    let started = Instant::now();
    let deadline = started + Duration::from_secs(secs);
    let mut tasks = Vec::new();
    for _ in 0..conns {
        let (client, urls, next, errors, token, body) = (
            client.clone(),
            urls.clone(),
            next.clone(),
            errors.clone(),
            token.clone(),
            body.clone(),
        );
        tasks.push(tokio::spawn(async move {
            let mut lat = Vec::new();
            while Instant::now() < deadline {
                let i = next.fetch_add(1, Ordering::Relaxed);
                if once && i >= urls.len() {
                    break;
                }
                let url = &urls[i % urls.len()];
                let mut rb = match &body {
                    Some(b) => client
                        .post(url)
                        .header("content-type", "application/json")
                        .body(b.as_str().to_owned()),
                    None => client.get(url),
                };
                if let Some(t) = &token {
                    rb = rb.bearer_auth(t);
                }
                let t0 = Instant::now();
                let ok = match rb.send().await {
                    Ok(r) => {
                        let good = r.status().is_success();
                        let _ = r.bytes().await;
                        good
                    }
                    Err(_) => false,
                };
                lat.push(t0.elapsed());
                if !ok {
                    errors.fetch_add(1, Ordering::Relaxed);
                }
            }
            lat
        }));
    }
    let mut all = Vec::new();
    for t in tasks {
        all.extend(t.await.unwrap_or_default());
    }
    let elapsed = started.elapsed().as_secs_f64();
    let errors = errors.load(Ordering::Relaxed);
    all.sort();
    let pct = |p: f64| {
        all.get(((all.len() as f64 * p) as usize).min(all.len().saturating_sub(1)))
            .map_or(0.0, |d| d.as_secs_f64() * 1000.0)
    };
    println!(
        "{:.0} {:.2} {:.2} {}",
        all.len().saturating_sub(errors) as f64 / elapsed,
        pct(0.50),
        pct(0.99),
        errors
    );
}
