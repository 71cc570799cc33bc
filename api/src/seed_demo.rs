//! `seed-demo`: a small, realistic kapanewon in an empty database, written through the
//! API itself (the server is started on a local port for the purpose), so everything a
//! newcomer then sees went through the same rules as their own requests. Passwords are
//! random and printed once.

use crate::auth::password::Hasher;
use crate::auth::random_bytes;
use crate::config::Settings;
use crate::start_error::StartError;
use crate::startup::Application;
use base64::Engine;
use base64::engine::general_purpose::URL_SAFE_NO_PAD;
use reqwest::Method;
use serde_json::{Value, json};
use uuid::Uuid;
use wksbm_domain::access::{Role, Territory};
use wksbm_domain::account::Username;
use wksbm_domain::audit::AuditEntry;
use wksbm_domain::wilayah::KodeWilayah;
use wksbm_persistence::Db;
use wksbm_persistence::user_repo::{self, NewUser};

mod money;

use money::{Team, books, distribution, fund_id, jimpitan_and_rice, proposal};

const KALURAHAN: &str = "34.02.01.2001";

/// The formation steps, in order.
const STEPS: [&str; 5] = [
    "koordinasi_lurah",
    "koordinasi_keperangkatan",
    "persiapan_administrasi",
    "sosialisasi",
    "pembentukan_kepengurusan",
];

fn fail(m: impl std::fmt::Display) -> StartError {
    StartError::Bootstrap(format!("seed-demo: {m}"))
}

fn password() -> Result<String, StartError> {
    Ok(URL_SAFE_NO_PAD.encode(random_bytes::<12>().map_err(fail)?))
}

struct Api {
    client: reqwest::Client,
    base: String,
}

impl Api {
    async fn call(
        &self,
        method: Method,
        path: &str,
        token: &str,
        body: Value,
    ) -> Result<Value, StartError> {
        let mut rb = self
            .client
            .request(method.clone(), format!("{}{path}", self.base))
            .bearer_auth(token);
        if method != Method::GET {
            rb = rb.json(&body);
        }
        let res = rb.send().await.map_err(fail)?;
        let status = res.status();
        let text = res.text().await.map_err(fail)?;
        if !status.is_success() {
            return Err(fail(format!("{method} {path}: {status} {text}")));
        }
        Ok(serde_json::from_str(&text).unwrap_or(Value::Null))
    }

    async fn login(&self, username: &str, password: &str) -> Result<String, StartError> {
        let v = self
            .call(
                Method::POST,
                "/api/v1/auth/login",
                "",
                json!({"username": username, "password": password}),
            )
            .await?;
        v["access_token"]
            .as_str()
            .map(str::to_owned)
            .ok_or_else(|| fail("login gave no token"))
    }
}

fn id(v: &Value) -> String {
    v["id"].as_str().unwrap_or_default().to_owned()
}

/// A valid NIK of someone registered in Kapanewon Srandakan (34.02.01).
fn nik(i: u32, woman: bool) -> String {
    let day = 1 + i % 28 + if woman { 40 } else { 0 };
    let month = 1 + (i * 5) % 12;
    let year = 40 + (i * 7) % 45;
    format!("340201{day:02}{month:02}{year:02}{:04}", 1000 + i)
}

/// Fills an empty database; prints the accounts and what was made.
pub async fn seed_demo(s: &Settings) -> Result<(), StartError> {
    let mut local = s.clone();
    local.host = "127.0.0.1".into();
    local.port = 0;
    let app = Application::build(&local).await?;
    let handle = app.handle();
    let api = Api {
        client: reqwest::Client::new(),
        base: format!("http://127.0.0.1:{}", app.port()),
    };
    let server = tokio::spawn(app.run_until_stopped());
    let result = fill(s, &api).await;
    handle.stop(true).await;
    let _ = server.await;
    result
}

/// The accounts made, with their passwords and what they are (printed once at the end).
type Accounts = Vec<(String, String, String)>;

async fn fill(s: &Settings, api: &Api) -> Result<(), StartError> {
    let mut accounts = Accounts::new();
    let admin = demo_admin(s, api, &mut accounts).await?;
    let lurah = officials(api, &admin, &mut accounts).await?;
    let wksbm = padukuhan(api, &lurah).await?;
    let (p1, w1, _) = wksbm[0].clone();
    let base = format!("/api/v1/wksbm/{w1}");
    let board = legalise(api, &lurah, &base, &mut accounts).await?;
    let (ketua, sekretaris, bendahara) =
        (&board["ketua"], &board["sekretaris"], &board["bendahara"]);
    let ppks = people(api, &admin, &p1).await?;
    let donor = api.call(Method::POST, &format!("{base}/donatur"), bendahara, json!({"kind": "usaha", "name": "Toko Bangunan Makmur", "contact": {"person": "Pak Harjo", "phone": "081234567890"}})).await?;
    api.call(Method::POST, &format!("{base}/mitra"), bendahara, json!({"kind": "puskesmas", "name": "Puskesmas Srandakan", "services": ["Pemeriksaan lansia"]})).await?;

    // Money: two jimpitan rounds, a business unit, a proposal, zakat, a rice sale.
    let funds = api
        .call(Method::GET, &format!("{base}/dana"), bendahara, Value::Null)
        .await?;
    let fund = |kind: &str| fund_id(&funds, kind);
    jimpitan_and_rice(api, &base, bendahara).await?;
    books(api, &base, bendahara, &fund).await?;
    proposal(api, &base, bendahara, &id(&donor), &fund("umum")).await?;
    let team = Team {
        ketua,
        sekretaris,
        bendahara,
    };
    distribution(api, &base, &team, &ppks, &fund("umum")).await?;
    summary(&w1, &wksbm, &accounts);
    Ok(())
}

/// The demo administrator, written directly: the bootstrap admin's password may be
/// unknown to whoever runs this. Refuses a database that already has WKSBM.
async fn demo_admin(
    s: &Settings,
    api: &Api,
    accounts: &mut Accounts,
) -> Result<String, StartError> {
    let db = Db::connect(&s.db_settings()).await?;
    if !wksbm_persistence::wksbm_repo::list(
        &db,
        &Territory::Wilayah(KodeWilayah::parse("34").map_err(fail)?),
        &Default::default(),
        None,
        1,
    )
    .await?
    .is_empty()
    {
        return Err(fail(
            "the database already has WKSBM; seed-demo fills an empty one",
        ));
    }
    let admin_password = password()?;
    let hasher = Hasher::new(1).map_err(|e| fail(e.to_string()))?;
    let kab = KodeWilayah::parse("34.02").map_err(fail)?;
    let admin_id = Uuid::now_v7();
    user_repo::insert(
        &db,
        &NewUser {
            id: admin_id,
            username: Username::parse("demo.admin").map_err(fail)?,
            name: "Admin Demo".into(),
            role: Role::Admin,
            territory: Territory::Wilayah(kab.clone()),
            wksbm_id: None,
            jabatan: None,
            personal_data_grant: false,
        },
        hasher.hash(admin_password.clone()).await.map_err(fail)?,
        &AuditEntry::system("user.seed_demo", "user", kab).resource(admin_id),
    )
    .await?;
    db.close().await;
    accounts.push((
        "demo.admin".into(),
        admin_password.clone(),
        "admin (Kabupaten Bantul)".into(),
    ));
    api.login("demo.admin", &admin_password).await
}

/// The Dinsos, kapanewon, integration and lurah accounts; returns the lurah's token.
async fn officials(api: &Api, admin: &str, accounts: &mut Accounts) -> Result<String, StartError> {
    let mut user = async |username: &str,
                          role: &str,
                          wilayah: &str,
                          label: &str|
           -> Result<String, StartError> {
        let pw = password()?;
        api.call(Method::POST, "/api/v1/users", admin, json!({"username": username, "password": pw, "name": label, "role": role, "wilayah_code": wilayah, "personal_data_grant": role == "integrasi"}))
            .await?;
        accounts.push((username.into(), pw.clone(), format!("{role} ({label})")));
        api.login(username, &pw).await
    };
    user("demo.dinsos", "dinsos", "34.02", "Dinas Sosial Bantul").await?;
    user(
        "demo.kapanewon",
        "kapanewon",
        "34.02.01",
        "Kapanewon Srandakan",
    )
    .await?;
    user(
        "demo.integrasi",
        "integrasi",
        "34.02",
        "Skrip integrasi Dinsos",
    )
    .await?;
    user("demo.lurah", "kalurahan", KALURAHAN, "Lurah Poncosari").await
}

/// Four padukuhan, each with a WKSBM; all but the first stop at different formation steps.
async fn padukuhan(
    api: &Api,
    lurah: &str,
) -> Result<Vec<(String, String, &'static str)>, StartError> {
    let mut wksbm = Vec::new();
    for (name, dukuh) in [
        ("Kuwaru", "Sutrisno"),
        ("Ngentak", "Wagiyo"),
        ("Gunungsaren", "Parjono"),
        ("Cerme", "Ngadiman"),
    ] {
        let p = api.call(Method::POST, &format!("/api/v1/kalurahan/{KALURAHAN}/padukuhan"), lurah, json!({"name": name, "dukuh": dukuh, "rw_rt": [{"rw": "01", "rt": ["001", "002", "003"]}]})).await?;
        let w = api
            .call(
                Method::POST,
                "/api/v1/wksbm",
                lurah,
                json!({"padukuhan_id": id(&p), "name": format!("WKSBM {name} Peduli")}),
            )
            .await?;
        wksbm.push((id(&p), id(&w), name));
    }
    for (i, (_, w, _)) in wksbm.iter().enumerate().skip(1) {
        for step in STEPS.iter().take(4 - i) {
            api.call(
                Method::POST,
                &format!("/api/v1/wksbm/{w}/tahapan/{step}"),
                lurah,
                json!({"date": "2026-10-01", "notes": "Rapat padukuhan"}),
            )
            .await?;
        }
    }
    Ok(wksbm)
}

/// The first WKSBM through every step, its board (accounts for all but the anggota),
/// legalisation and zakat basis; returns the board's tokens by position.
async fn legalise(
    api: &Api,
    lurah: &str,
    base: &str,
    accounts: &mut Accounts,
) -> Result<std::collections::BTreeMap<&'static str, String>, StartError> {
    for step in STEPS {
        api.call(
            Method::POST,
            &format!("{base}/tahapan/{step}"),
            lurah,
            json!({"date": "2026-10-15", "notes": "Sesuai Perbup"}),
        )
        .await?;
    }
    let mut board = std::collections::BTreeMap::new();
    for (pos, who) in [
        ("ketua", "Sri Rahayu"),
        ("sekretaris", "Budi Santoso"),
        ("bendahara", "Tono Wibowo"),
        ("anggota", "Ngatiyem"),
    ] {
        let seat = api
            .call(
                Method::POST,
                &format!("{base}/pengurus"),
                lurah,
                json!({"jabatan": pos, "holder_name": who, "term_start": "2026-11-01"}),
            )
            .await?;
        if pos != "anggota" {
            let username = format!("demo.{pos}");
            let pw = password()?;
            api.call(
                Method::POST,
                &format!("{base}/pengurus/{}/akun", id(&seat)),
                lurah,
                json!({"username": username, "password": pw}),
            )
            .await?;
            accounts.push((
                username.clone(),
                pw.clone(),
                format!("pengurus, {pos} of WKSBM Kuwaru Peduli"),
            ));
            board.insert(pos, api.login(&username, &pw).await?);
        }
    }
    api.call(Method::POST, &format!("{base}/pengesahan"), lurah, json!({"sk": {"number": "14/KEP/PCS/2026", "date": "2026-11-05", "signed_by": "Lurah Poncosari"}})).await?;
    api.call(Method::PUT, &format!("{base}/dasar-zakat"), lurah, json!({"kind": "upz_baznas", "number": "31/UPZ-BTL/XI/2026", "date": "2026-11-06", "issuer": "BAZNAS Kabupaten Bantul"})).await?;
    Ok(board)
}

/// The people the first WKSBM serves.
async fn people(api: &Api, admin: &str, padukuhan_id: &str) -> Result<Vec<String>, StartError> {
    let people = [
        ("Ngadinem", true, "PPKS-08", Some("fakir"), "001"),
        ("Paijo", false, "PPKS-24", Some("miskin"), "001"),
        ("Tukiyem", true, "PPKS-23", Some("miskin"), "002"),
        ("Sugiyanto", false, "PPKS-09", None, "002"),
        ("Kasiyem", true, "PPKS-08", Some("fakir"), "003"),
        ("Wagimin", false, "PPKS-21", None, "003"),
    ];
    let mut ppks = Vec::new();
    for (i, (name, woman, ty, asnaf, rt)) in people.iter().enumerate() {
        let p = api.call(Method::POST, "/api/v1/ppks", admin, json!({"padukuhan_id": padukuhan_id, "nik": nik(i as u32 + 1, *woman), "name": name, "types": [ty], "asnaf": asnaf, "rt": rt, "rw": "01", "lawful_basis": "tugas_publik", "needs": "Bantuan kebutuhan pokok"})).await?;
        ppks.push(id(&p));
    }
    Ok(ppks)
}

/// What was made, and the accounts with their passwords (shown only now).
fn summary(w1: &str, wksbm: &[(String, String, &str)], accounts: &Accounts) {
    println!("seed-demo: Kapanewon Srandakan, Kalurahan Poncosari ({KALURAHAN}).");
    println!("WKSBM Kuwaru Peduli (legalised, with its books): {w1}");
    for (_, w, name) in wksbm.iter().skip(1) {
        println!("WKSBM {name} Peduli (in formation): {w}");
    }
    println!("\nAccounts (the passwords are shown only now):");
    for (u, p, what) in accounts {
        println!("  {u:<16} {p:<18} {what}");
    }
    println!("\nLog in at POST /api/v1/auth/login, or explore /docs/.");
}
