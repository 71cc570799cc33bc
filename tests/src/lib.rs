//! Test harness: the real server on port 0 with a fresh database per test, on SQLite and,
//! when `WKSBM_TEST_DATABASE_URL` is set, on PostgreSQL too. Fresh databases are copies
//! of a template migrated once per process (a file copy on SQLite, `CREATE DATABASE …
//! TEMPLATE` on PostgreSQL).
#![allow(clippy::unwrap_used, clippy::expect_used)] // a panic here is a failed test

pub mod fixtures;
pub mod http;

use sea_orm::{ConnectionTrait, Database, DatabaseConnection};
use std::future::Future;
use std::path::PathBuf;
use std::time::{SystemTime, UNIX_EPOCH};
use tokio::sync::{Mutex, OnceCell};
use wksbm_api::{Application, Cli, Settings};

pub const PG_ENV: &str = "WKSBM_TEST_DATABASE_URL";
/// The first administrator's password in every test database.
pub const ADMIN_PASSWORD: &str = "admin-test-password-1";

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Backend {
    Sqlite,
    Postgres,
}

/// The backends this run covers. Under `CI=true` PostgreSQL is mandatory.
pub fn backends() -> Vec<Backend> {
    let pg = std::env::var(PG_ENV).ok().filter(|v| !v.is_empty());
    if pg.is_none() && std::env::var("CI").as_deref() == Ok("true") {
        panic!("{PG_ENV} must be set under CI=true so that the tests also run on PostgreSQL");
    }
    let mut out = vec![Backend::Sqlite];
    if pg.is_some() {
        out.push(Backend::Postgres);
    }
    out
}

/// Runs `f` once per backend, each time against a fresh server and database.
pub async fn on_each_backend<F, Fut>(f: F)
where
    F: Fn(TestApp) -> Fut,
    Fut: Future<Output = ()>,
{
    for b in backends() {
        let app = TestApp::spawn(b).await;
        f(app).await;
    }
}

pub struct TestApp {
    pub backend: Backend,
    pub base: String,
    pub client: reqwest::Client,
    pub settings: Settings,
    pub db: TestDb,
    handle: actix_web::dev::ServerHandle,
}

/// An account made for a test, logged in.
#[derive(Debug, Clone)]
pub struct Account {
    pub id: uuid::Uuid,
    pub username: String,
    pub password: String,
    pub token: String,
}

pub enum TestDb {
    Sqlite { dir: PathBuf, file: PathBuf },
    Postgres { admin_url: String, name: String },
}

impl TestApp {
    pub async fn spawn(backend: Backend) -> TestApp {
        Self::spawn_with(backend, &[]).await
    }

    /// Starts a server with extra flags, e.g. `["--cors-origins", "https://a.example"]`.
    pub async fn spawn_with(backend: Backend, extra: &[&str]) -> TestApp {
        let db = match backend {
            Backend::Sqlite => sqlite_db().await,
            Backend::Postgres => postgres_db().await,
        };
        let url = db.url();
        let mut args = vec![
            "wksbm-api".to_owned(),
            "--port=0".into(),
            "--workers=1".into(),
            "--db-connect-timeout=2".into(),
            format!("--database-url={url}"),
            "--log=error".into(),
            "--reference-refresh-secs=1".into(),
            format!("--admin-password={ADMIN_PASSWORD}"),
            format!("--data-dir={}", db.data_dir().display()),
        ];
        args.extend(extra.iter().map(|s| (*s).to_owned()));
        let settings = Cli::load_from(args).expect("test settings").settings;
        wksbm_api::telemetry::init(&settings);
        let app = Application::build(&settings).await.expect("server starts");
        let base = format!("http://127.0.0.1:{}", app.port());
        let handle = app.handle();
        tokio::spawn(app.run_until_stopped());
        TestApp {
            backend,
            base,
            client: reqwest::Client::builder().build().unwrap(),
            settings,
            db,
            handle,
        }
    }

    pub fn url(&self, path: &str) -> String {
        format!("{}{path}", self.base)
    }

    pub async fn get(&self, path: &str) -> reqwest::Response {
        self.client.get(self.url(path)).send().await.unwrap()
    }

    pub async fn get_json(&self, path: &str) -> serde_json::Value {
        let res = self.get(path).await;
        assert_eq!(res.status(), 200, "GET {path} on {:?}", self.backend);
        res.json().await.unwrap()
    }

    /// Polls `path` until it answers `want` or `seconds` pass; returns the last status.
    pub async fn status_within(&self, path: &str, want: u16, seconds: u64) -> u16 {
        let deadline = std::time::Instant::now() + std::time::Duration::from_secs(seconds);
        loop {
            let status = self.get(path).await.status().as_u16();
            if status == want || std::time::Instant::now() >= deadline {
                return status;
            }
            tokio::time::sleep(std::time::Duration::from_millis(100)).await;
        }
    }

    pub fn authed(
        &self,
        method: reqwest::Method,
        path: &str,
        token: &str,
    ) -> reqwest::RequestBuilder {
        self.client
            .request(method, self.url(path))
            .bearer_auth(token)
    }

    /// Logs in; panics unless it succeeds. Returns the token response body.
    pub async fn login_pair(&self, username: &str, password: &str) -> serde_json::Value {
        let res = self
            .post(
                "/api/v1/auth/login",
                serde_json::json!({"username": username, "password": password}),
            )
            .await;
        assert_eq!(res.status(), 200, "login {username}");
        res.json().await.unwrap()
    }

    pub async fn login(&self, username: &str, password: &str) -> String {
        self.login_pair(username, password).await["access_token"]
            .as_str()
            .unwrap()
            .to_owned()
    }

    pub async fn admin_token(&self) -> String {
        self.login("admin", ADMIN_PASSWORD).await
    }

    /// Creates an account through the API as the administrator and logs it in.
    pub async fn account(&self, role: &str, wilayah: &str) -> Account {
        let admin = self.admin_token().await;
        self.account_by(&admin, role, wilayah).await
    }

    /// Creates an account through the API with `token` and logs it in.
    pub async fn account_by(&self, token: &str, role: &str, wilayah: &str) -> Account {
        let username = format!("{role}-{}", unique_suffix());
        let password = format!("pw-{}", unique());
        let res = self
            .authed(reqwest::Method::POST, "/api/v1/users", token)
            .json(&serde_json::json!({"username": username, "password": password, "name": format!("Test {role}"), "role": role, "wilayah_code": wilayah}))
            .send()
            .await
            .unwrap();
        let status = res.status();
        let body: serde_json::Value = res.json().await.unwrap();
        assert_eq!(status, 201, "create {role}@{wilayah}: {body}");
        let id = uuid::Uuid::parse_str(body["id"].as_str().unwrap()).unwrap();
        let token = self.login(&username, &password).await;
        Account {
            id,
            username,
            password,
            token,
        }
    }

    /// A board member's account that never logs in (no password hashing): a target for
    /// the authorisation matrix.
    pub async fn pengurus_target(&self, kalurahan: &str, padukuhan: uuid::Uuid) -> uuid::Uuid {
        use wksbm_domain::access::{Role, Territory};
        let db = wksbm_persistence::Db::connect(&self.settings.db_settings())
            .await
            .unwrap();
        let kode = wksbm_domain::wilayah::KodeWilayah::parse(kalurahan).unwrap();
        let id = uuid::Uuid::now_v7();
        let new = wksbm_persistence::user_repo::NewUser {
            id,
            username: wksbm_domain::account::Username::parse(&format!(
                "target-{}",
                &unique()[16..]
            ))
            .unwrap(),
            name: "Target".into(),
            role: Role::Pengurus,
            territory: Territory::Padukuhan {
                kalurahan: kode.clone(),
                id: padukuhan,
            },
            wksbm_id: None,
            jabatan: None,
            personal_data_grant: false,
        };
        let entry =
            wksbm_domain::audit::AuditEntry::system("user.create", "user", kode).resource(id);
        wksbm_persistence::user_repo::insert(&db, &new, "not-a-password-hash".into(), &entry)
            .await
            .unwrap();
        db.close().await;
        id
    }

    /// A board member's account (role `pengurus`) in a padukuhan of `kalurahan`. Board
    /// seats arrive with the formation issue, so it is written through persistence.
    pub async fn pengurus(&self, kalurahan: &str, padukuhan: uuid::Uuid, jabatan: &str) -> Account {
        use wksbm_domain::access::{Jabatan, Role, Territory};
        let db = wksbm_persistence::Db::connect(&self.settings.db_settings())
            .await
            .unwrap();
        let hasher = wksbm_api::auth::password::Hasher::new(1).unwrap();
        let username = format!("pengurus-{}", unique_suffix());
        let password = format!("pw-{}", unique());
        let kode = wksbm_domain::wilayah::KodeWilayah::parse(kalurahan).unwrap();
        let new = wksbm_persistence::user_repo::NewUser {
            id: uuid::Uuid::now_v7(),
            username: wksbm_domain::account::Username::parse(&username).unwrap(),
            name: "Test pengurus".into(),
            role: Role::Pengurus,
            territory: Territory::Padukuhan {
                kalurahan: kode.clone(),
                id: padukuhan,
            },
            wksbm_id: Some(uuid::Uuid::now_v7()),
            jabatan: Jabatan::parse(jabatan),
            personal_data_grant: false,
        };
        let entry =
            wksbm_domain::audit::AuditEntry::system("user.create", "user", kode).resource(new.id);
        let hash = hasher.hash(password.clone()).await.unwrap();
        wksbm_persistence::user_repo::insert(&db, &new, hash, &entry)
            .await
            .unwrap();
        db.close().await;
        let token = self.login(&username, &password).await;
        Account {
            id: new.id,
            username,
            password,
            token,
        }
    }

    pub async fn stop(&self) {
        self.handle.stop(true).await;
    }
}

impl TestDb {
    /// Where the server keeps generated files (its signing key) for this test.
    pub fn data_dir(&self) -> PathBuf {
        match self {
            TestDb::Sqlite { dir, .. } => dir.clone(),
            TestDb::Postgres { name, .. } => {
                std::env::temp_dir().join(format!("wksbm-data-{name}"))
            }
        }
    }

    pub fn url(&self) -> String {
        match self {
            TestDb::Sqlite { file, .. } => format!("sqlite://{}?mode=rwc", file.display()),
            TestDb::Postgres { admin_url, name } => with_database(admin_url, name),
        }
    }

    /// Runs SQL as the administrator of the PostgreSQL server (not on the test database).
    pub async fn pg_admin(&self, sql: &str) {
        if let TestDb::Postgres { admin_url, .. } = self {
            let conn = Database::connect(admin_url.as_str()).await.unwrap();
            conn.execute_unprepared(sql).await.unwrap();
            conn.close().await.unwrap();
        }
    }
}

impl Drop for TestDb {
    fn drop(&mut self) {
        match self {
            TestDb::Sqlite { dir, .. } => {
                let _ = std::fs::remove_dir_all(dir);
            }
            TestDb::Postgres { admin_url, name } => {
                let _ = std::fs::remove_dir_all(
                    std::env::temp_dir().join(format!("wksbm-data-{name}")),
                );
                // Drop runs outside async context: a short-lived runtime on its own thread.
                let (url, name) = (admin_url.clone(), name.clone());
                let _ = std::thread::spawn(move || {
                    let rt = tokio::runtime::Builder::new_current_thread()
                        .enable_all()
                        .build();
                    if let Ok(rt) = rt {
                        rt.block_on(async {
                            if let Ok(c) = Database::connect(url.as_str()).await {
                                let _ = c
                                    .execute_unprepared(&format!(
                                        "DROP DATABASE IF EXISTS \"{name}\" WITH (FORCE)"
                                    ))
                                    .await;
                                let _ = c.close().await;
                            }
                        });
                    }
                })
                .join();
            }
        }
    }
}

fn with_database(url: &str, name: &str) -> String {
    let (base, query) = url
        .split_once('?')
        .map_or((url, None), |(b, q)| (b, Some(q)));
    let root = match base.rfind('/') {
        Some(i) if i > base.find("://").map_or(0, |j| j + 2) => &base[..i],
        _ => base,
    };
    match query {
        Some(q) => format!("{root}/{name}?{q}"),
        None => format!("{root}/{name}"),
    }
}

fn unique() -> String {
    uuid::Uuid::now_v7().simple().to_string()
}

/// A short suffix (12 hex digits, the random end of a UUID v7) for names that must not
/// repeat within a test run.
pub fn unique_suffix() -> String {
    unique()[20..].to_owned()
}

static SQLITE_TEMPLATE: OnceCell<PathBuf> = OnceCell::const_new();

async fn sqlite_db() -> TestDb {
    let template = SQLITE_TEMPLATE
        .get_or_init(|| async {
            let dir = std::env::temp_dir().join(format!("wksbm-tpl-{}", unique()));
            std::fs::create_dir_all(&dir).unwrap();
            let file = dir.join("template.sqlite");
            migrate(&format!("sqlite://{}?mode=rwc", file.display())).await;
            file
        })
        .await;
    let dir = std::env::temp_dir().join(format!("wksbm-test-{}", unique()));
    std::fs::create_dir_all(&dir).unwrap();
    let file = dir.join("wksbm.sqlite");
    std::fs::copy(template, &file).unwrap();
    TestDb::Sqlite { dir, file }
}

/// Migrates and seeds through the real start-up path, then closes every connection.
async fn migrate(url: &str) {
    let args = [
        "wksbm-api".to_owned(),
        format!("--database-url={url}"),
        "--log=warn".into(),
    ];
    let settings = Cli::load_from(args).unwrap().settings;
    let db = wksbm_api::startup::prepare_database(&settings)
        .await
        .unwrap();
    db.close().await;
}

static PG_TEMPLATE: OnceCell<String> = OnceCell::const_new();
static PG_CLONE: Mutex<()> = Mutex::const_new(());

async fn postgres_db() -> TestDb {
    let admin_url = std::env::var(PG_ENV).unwrap();
    let template = PG_TEMPLATE
        .get_or_init(|| async {
            let admin = Database::connect(admin_url.as_str()).await.unwrap();
            drop_stale(&admin).await;
            let name = format!("wksbm_tpl_{}_{}", now_secs(), unique());
            admin
                .execute_unprepared(&format!("CREATE DATABASE \"{name}\""))
                .await
                .unwrap();
            admin.close().await.unwrap();
            migrate(&with_database(&admin_url, &name)).await;
            name
        })
        .await;
    let name = format!("wksbm_t_{}_{}", now_secs(), unique());
    {
        // Cloning needs the template free of connections, including other clones'.
        let _guard = PG_CLONE.lock().await;
        let admin = admin_conn(&admin_url).await;
        admin
            .execute_unprepared(&format!(
                "CREATE DATABASE \"{name}\" TEMPLATE \"{template}\""
            ))
            .await
            .unwrap();
        admin.close().await.unwrap();
    }
    TestDb::Postgres { admin_url, name }
}

async fn admin_conn(url: &str) -> DatabaseConnection {
    Database::connect(url).await.unwrap()
}

fn now_secs() -> u64 {
    SystemTime::now()
        .duration_since(UNIX_EPOCH)
        .map(|d| d.as_secs())
        .unwrap_or(0)
}

/// Drops test databases left by runs that crashed, once they are over two hours old, so
/// that a concurrent run's databases are never touched.
async fn drop_stale(admin: &DatabaseConnection) {
    use sea_orm::{FromQueryResult, Statement};
    #[derive(FromQueryResult)]
    struct Row {
        datname: String,
    }
    let rows = Row::find_by_statement(Statement::from_string(
        admin.get_database_backend(),
        "SELECT datname FROM pg_database WHERE datname LIKE 'wksbm\\_t%'",
    ))
    .all(admin)
    .await
    .unwrap_or_default();
    let cutoff = now_secs().saturating_sub(2 * 3600);
    for r in rows {
        let ts = r
            .datname
            .split('_')
            .nth(2)
            .and_then(|t| t.parse::<u64>().ok());
        if ts.is_some_and(|t| t < cutoff) {
            let _ = admin
                .execute_unprepared(&format!(
                    "DROP DATABASE IF EXISTS \"{}\" WITH (FORCE)",
                    r.datname
                ))
                .await;
        }
    }
}

/// A valid NIK nobody else in the run has (with overwhelming probability): registered
/// in 34.02.01, born on a day 01-28 of any month and year, a random serial.
pub fn nik(woman: bool) -> String {
    let b = *uuid::Uuid::now_v7().as_bytes();
    let r = u64::from_be_bytes([b[8], b[9], b[10], b[11], b[12], b[13], b[14], b[15]]);
    let day = 1 + r % 28 + if woman { 40 } else { 0 };
    let month = 1 + (r >> 8) % 12;
    let year = 40 + (r >> 16) % 60; // 1940-1999: an adult
    let serial = 1 + (r >> 24) % 9999;
    format!("340201{day:02}{month:02}{year:02}{serial:04}")
}
