//! Settings: command-line flags, `WKSBM_…` environment variables (plus `DATABASE_URL`),
//! an optional TOML file, then defaults — in that order of precedence. `--help` lists
//! every setting with its variable and default.

use clap::parser::ValueSource;
use clap::{ArgMatches, CommandFactory, FromArgMatches, Parser, Subcommand, ValueEnum};
use std::ffi::OsString;
use std::path::{Path, PathBuf};
use std::time::Duration;
use wksbm_persistence::DbSettings;

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum LogFormat {
    Text,
    Json,
}

#[derive(Debug, Clone, Parser)]
#[command(
    name = "wksbm-api",
    version,
    about = "wksbm: the API for community social-welfare networks (WKSBM).",
    after_help = "A config file (--config / WKSBM_CONFIG) is TOML whose keys are the long option names with underscores, e.g. `port = 9000`, `cors_origins = [\"https://app.example\"]`. Flags beat environment variables, which beat the file, which beats the defaults."
)]
pub struct Cli {
    #[command(flatten)]
    pub settings: Settings,
    #[command(subcommand)]
    pub command: Option<Command>,
}

#[derive(Debug, Clone, Subcommand)]
pub enum Command {
    /// Run the HTTP server (the default).
    Serve,
    /// Apply pending migrations and load the bundled reference data, then exit.
    Migrate,
    /// Print the OpenAPI specification as JSON.
    Openapi,
    /// Load a wilayah CSV (code,parent_code,level,name), all or nothing; safe to repeat.
    ImportWilayah {
        /// The CSV file.
        file: PathBuf,
    },
    /// Check the audit log's hash chain; exits 1 at the first broken row.
    AuditVerify,
    /// Fill an empty database with a small, realistic kapanewon for exploring the API:
    /// accounts of every role (passwords printed once), WKSBM at several stages, a
    /// legalised one with its board, people, donors, jimpitan, income and a distribution.
    SeedDemo,
    /// Fill an empty database with synthetic, Bantul-sized registers for benchmarks
    /// (deterministic by seed; no real person).
    SeedSynthetic {
        #[arg(long, default_value_t = 1)]
        seed: u64,
        /// Padukuhan to create (each with a WKSBM), spread over Bantul's kalurahan.
        #[arg(long, default_value_t = 933, value_parser = clap::value_parser!(u64).range(1..=100_000))]
        padukuhan: u64,
        /// PPKS to create.
        #[arg(long, default_value_t = 100_000, value_parser = clap::value_parser!(u64).range(0..=5_000_000))]
        ppks: u64,
        /// Write the first 1,000 people's NIK and name (tab-separated) here, for search
        /// benchmarks.
        #[arg(long)]
        sample: Option<PathBuf>,
    },
    /// Anonymise PPKS inactive for longer than the retention period (UU 27/2022).
    Purge {
        /// List what would be anonymised, change nothing.
        #[arg(long)]
        dry_run: bool,
    },
}

#[derive(Debug, Clone, clap::Args)]
pub struct Settings {
    /// TOML file with settings.
    #[arg(long, env = "WKSBM_CONFIG", global = true)]
    pub config: Option<PathBuf>,
    /// Address to listen on.
    #[arg(long, env = "WKSBM_HOST", default_value = "127.0.0.1", global = true)]
    pub host: String,
    /// Port to listen on (0 picks a free one).
    #[arg(long, env = "WKSBM_PORT", default_value_t = 8080, global = true)]
    pub port: u16,
    /// Directory for the SQLite database and generated files.
    #[arg(long, env = "WKSBM_DATA_DIR", default_value = "./data", global = true)]
    pub data_dir: PathBuf,
    /// Database: sqlite://PATH or postgres://USER@HOST/DB [default: sqlite://<data-dir>/wksbm.sqlite]
    #[arg(long, env = "DATABASE_URL", global = true, hide_env_values = true)]
    pub database_url: Option<String>,
    /// Most open database connections.
    #[arg(long, env = "WKSBM_DB_MAX_CONNECTIONS", default_value_t = 10, global = true,
          value_parser = clap::value_parser!(u32).range(1..=1000))]
    pub db_max_connections: u32,
    /// Connections kept open when idle.
    #[arg(
        long,
        env = "WKSBM_DB_MIN_CONNECTIONS",
        default_value_t = 0,
        global = true
    )]
    pub db_min_connections: u32,
    /// Seconds to wait for a database connection.
    #[arg(long, env = "WKSBM_DB_CONNECT_TIMEOUT", default_value_t = 5, global = true,
          value_parser = clap::value_parser!(u64).range(1..=300))]
    pub db_connect_timeout: u64,
    /// Seconds before an idle connection is closed.
    #[arg(long, env = "WKSBM_DB_IDLE_TIMEOUT", default_value_t = 600, global = true,
          value_parser = clap::value_parser!(u64).range(1..))]
    pub db_idle_timeout: u64,
    /// Milliseconds SQLite waits for a lock before failing.
    #[arg(long, env = "WKSBM_SQLITE_BUSY_TIMEOUT_MS", default_value_t = 5000, global = true,
          value_parser = clap::value_parser!(u64).range(1..=600_000))]
    pub sqlite_busy_timeout_ms: u64,
    /// Seconds between checks for changed reference data (an import by another process).
    #[arg(long, env = "WKSBM_REFERENCE_REFRESH_SECS", default_value_t = 30, global = true,
          value_parser = clap::value_parser!(u64).range(1..=86_400))]
    pub reference_refresh_secs: u64,
    /// Seconds between signed checkpoints of the audit chain's head (taken only when it
    /// grew; also at start), logged and served at `/api/v1/audit/checkpoint`.
    #[arg(long, env = "WKSBM_AUDIT_CHECKPOINT_SECS", default_value_t = 900, global = true,
          value_parser = clap::value_parser!(u64).range(1..=86_400))]
    pub audit_checkpoint_secs: u64,
    /// Ed25519 private keys (PKCS#8 PEM), comma-separated: the first signs access tokens,
    /// all verify (rotation). [default: a key generated into <data-dir>/jwt-ed25519.pem]
    #[arg(
        long,
        env = "WKSBM_JWT_KEY_FILES",
        value_delimiter = ',',
        global = true
    )]
    pub jwt_key_files: Vec<PathBuf>,
    /// `iss` of access tokens.
    #[arg(long, env = "WKSBM_JWT_ISSUER", default_value = "wksbm", global = true)]
    pub jwt_issuer: String,
    /// `aud` of access tokens.
    #[arg(
        long,
        env = "WKSBM_JWT_AUDIENCE",
        default_value = "wksbm-api",
        global = true
    )]
    pub jwt_audience: String,
    /// Access-token lifetime in seconds (at most 900).
    #[arg(long, env = "WKSBM_ACCESS_TOKEN_TTL", default_value_t = 900, global = true,
          value_parser = clap::value_parser!(u64).range(30..=900))]
    pub access_token_ttl: u64,
    /// Refresh-token lifetime in seconds.
    #[arg(long, env = "WKSBM_REFRESH_TOKEN_TTL", default_value_t = 2_592_000, global = true,
          value_parser = clap::value_parser!(u64).range(300..=31_536_000))]
    pub refresh_token_ttl: u64,
    /// Password of the `admin` account created when the database has no users
    /// [default: a random one, printed once to the log].
    #[arg(
        long,
        env = "WKSBM_ADMIN_PASSWORD",
        global = true,
        hide_env_values = true
    )]
    pub admin_password: Option<String>,
    /// Region of that first administrator (a kabupaten code).
    #[arg(
        long,
        env = "WKSBM_ADMIN_WILAYAH",
        default_value = "34.02",
        global = true
    )]
    pub admin_wilayah: String,
    /// Login attempts per account per minute.
    #[arg(long, env = "WKSBM_LOGIN_PER_MINUTE", default_value_t = 10, global = true,
          value_parser = clap::value_parser!(u32).range(1..))]
    pub login_per_minute: u32,
    /// Login attempts per account per hour.
    #[arg(long, env = "WKSBM_LOGIN_PER_HOUR", default_value_t = 100, global = true,
          value_parser = clap::value_parser!(u32).range(1..))]
    pub login_per_hour: u32,
    /// Login attempts per client address per minute (all accounts together).
    #[arg(long, env = "WKSBM_LOGIN_PER_ADDRESS_PER_MINUTE", default_value_t = 30, global = true,
          value_parser = clap::value_parser!(u32).range(1..))]
    pub login_per_address_per_minute: u32,
    /// Login attempts per client address per hour.
    #[arg(long, env = "WKSBM_LOGIN_PER_ADDRESS_PER_HOUR", default_value_t = 300, global = true,
          value_parser = clap::value_parser!(u32).range(1..))]
    pub login_per_address_per_hour: u32,
    /// Password hashes computed at once (each Argon2id takes 19 MiB).
    #[arg(long, env = "WKSBM_HASH_CONCURRENCY", default_value_t = 2, global = true,
          value_parser = clap::value_parser!(u16).range(1..=64))]
    pub hash_concurrency: u16,
    /// Seconds an account's state (active, token version) is cached per process.
    #[arg(long, env = "WKSBM_AUTH_CACHE_SECS", default_value_t = 5, global = true,
          value_parser = clap::value_parser!(u64).range(0..=300))]
    pub auth_cache_secs: u64,
    /// Keys that encrypt personal data at rest, comma-separated `id:base64` (32 bytes
    /// each): the first encrypts, all decrypt (rotation).
    /// [default: a key generated into <data-dir>/data-keys]
    #[arg(
        long,
        env = "WKSBM_DATA_KEYS",
        value_delimiter = ',',
        global = true,
        hide_env_values = true
    )]
    pub data_keys: Vec<String>,
    /// Key (base64, 32 bytes) of the keyed hashes used to look up a NIK or No. KK. Never
    /// rotated without re-hashing. [default: generated into <data-dir>/lookup-key]
    #[arg(long, env = "WKSBM_LOOKUP_KEY", global = true, hide_env_values = true)]
    pub lookup_key: Option<String>,
    /// Days an inactive PPKS record is kept before `purge` anonymises it.
    #[arg(long, env = "WKSBM_PPKS_RETENTION_DAYS", default_value_t = 1825, global = true,
          value_parser = clap::value_parser!(u32).range(30..=36_500))]
    pub ppks_retention_days: u32,
    /// Default board term in years (a seat's `term_end` when none is given).
    #[arg(long, env = "WKSBM_BOARD_TERM_YEARS", default_value_t = 3, global = true,
          value_parser = clap::value_parser!(u32).range(1..=10))]
    pub board_term_years: u32,
    /// Most rupiah one person may receive from one WKSBM's distributions within
    /// `--distribution-cap-days` days; unset means no cap.
    #[arg(long, env = "WKSBM_DISTRIBUTION_CAP", global = true,
          value_parser = clap::value_parser!(i64).range(1..=10_000_000_000_000))]
    pub distribution_cap: Option<i64>,
    /// The period of the distribution cap, and of the warning that a person received
    /// from another WKSBM.
    #[arg(long, env = "WKSBM_DISTRIBUTION_CAP_DAYS", default_value_t = 30, global = true,
          value_parser = clap::value_parser!(u32).range(1..=366))]
    pub distribution_cap_days: u32,
    /// Largest request body in bytes.
    #[arg(long, env = "WKSBM_BODY_LIMIT", default_value_t = 1_048_576, global = true,
          value_parser = clap::value_parser!(u64).range(1024..=1_073_741_824))]
    pub body_limit: u64,
    /// Origins allowed by CORS, comma-separated (e.g. https://app.example); `*` for any;
    /// empty allows none.
    #[arg(long, env = "WKSBM_CORS_ORIGINS", value_delimiter = ',', global = true)]
    pub cors_origins: Vec<String>,
    /// HTTP worker threads [default: number of cores].
    #[arg(long, env = "WKSBM_WORKERS", global = true,
          value_parser = clap::value_parser!(u16).range(1..=256))]
    pub workers: Option<u16>,
    /// Seconds in-flight requests get to finish after SIGTERM.
    #[arg(long, env = "WKSBM_SHUTDOWN_TIMEOUT", default_value_t = 30, global = true,
          value_parser = clap::value_parser!(u64).range(0..=3600))]
    pub shutdown_timeout: u64,
    /// Log format.
    #[arg(long, env = "WKSBM_LOG_FORMAT", value_enum, default_value_t = LogFormat::Text, global = true)]
    pub log_format: LogFormat,
    /// Log filter (tracing EnvFilter syntax), e.g. `info` or `wksbm_api=debug,info`.
    #[arg(long, env = "WKSBM_LOG", default_value = "info", global = true)]
    pub log: String,
}

/// A setting that cannot be used, named as the user wrote it.
#[derive(Debug, thiserror::Error)]
#[error("invalid setting {name}: {reason}")]
pub struct SettingError {
    pub name: String,
    pub reason: String,
}

fn bad(name: &str, reason: impl Into<String>) -> SettingError {
    SettingError {
        name: name.to_owned(),
        reason: reason.into(),
    }
}

impl Cli {
    /// Parses flags and environment, then fills whatever is still at its default from the
    /// config file, then checks the combination.
    pub fn load() -> Result<Cli, clap::Error> {
        Self::load_from(std::env::args_os())
    }

    pub fn load_from<I, T>(args: I) -> Result<Cli, clap::Error>
    where
        I: IntoIterator<Item = T>,
        T: Into<OsString> + Clone,
    {
        let args: Vec<OsString> = args.into_iter().map(Into::into).collect();
        let matches = Cli::command().try_get_matches_from(&args)?;
        let cli = Cli::from_arg_matches(&matches)?;
        let Some(path) = cli.settings.config.clone() else {
            return Ok(cli);
        };
        let extra = file_args(&path, &matches).map_err(|e| {
            Cli::command().error(clap::error::ErrorKind::ValueValidation, e.to_string())
        })?;
        let mut all = args;
        all.extend(extra);
        let matches = Cli::command().try_get_matches_from(&all).map_err(|e| {
            let msg = format!("in config file {}: {}", path.display(), e.render());
            Cli::command().error(e.kind(), msg)
        })?;
        Cli::from_arg_matches(&matches)
    }
}

/// Turns the file's keys into `--key=value` flags for the settings still at their
/// default, so that clap checks them with the same parsers and messages.
fn file_args(path: &Path, matches: &ArgMatches) -> Result<Vec<OsString>, SettingError> {
    let name = format!("config file {}", path.display());
    let text = std::fs::read_to_string(path).map_err(|e| bad(&name, e.to_string()))?;
    let table: toml::Table = toml::from_str(&text).map_err(|e| bad(&name, e.to_string()))?;
    let known: Vec<String> = Cli::command()
        .get_arguments()
        .filter_map(|a| a.get_long().map(str::to_owned))
        .collect();
    let mut out = Vec::new();
    for (key, value) in table {
        let flag = key.replace('_', "-");
        if !known.contains(&flag) || flag == "config" {
            return Err(bad(&format!("{key} in {name}"), "unknown setting"));
        }
        let id = key.as_str();
        if matches!(
            matches.value_source(id),
            Some(ValueSource::CommandLine | ValueSource::EnvVariable)
        ) {
            continue;
        }
        let values: Vec<String> = match value {
            toml::Value::Array(items) => items.iter().map(scalar).collect::<Option<_>>(),
            other => scalar(&other).map(|v| vec![v]),
        }
        .ok_or_else(|| {
            bad(
                &format!("{key} in {name}"),
                "must be a string, number, boolean or list of them",
            )
        })?;
        if values.is_empty() {
            continue;
        }
        out.push(OsString::from(format!("--{flag}={}", values.join(","))));
    }
    Ok(out)
}

fn scalar(v: &toml::Value) -> Option<String> {
    match v {
        toml::Value::String(s) => Some(s.clone()),
        toml::Value::Integer(i) => Some(i.to_string()),
        toml::Value::Boolean(b) => Some(b.to_string()),
        _ => None,
    }
}

impl Settings {
    pub fn database_url(&self) -> String {
        self.database_url.clone().unwrap_or_else(|| {
            format!(
                "sqlite://{}?mode=rwc",
                self.data_dir.join("wksbm.sqlite").display()
            )
        })
    }

    pub fn db_settings(&self) -> DbSettings {
        DbSettings {
            url: self.database_url(),
            max_connections: self.db_max_connections,
            min_connections: self.db_min_connections,
            connect_timeout: Duration::from_secs(self.db_connect_timeout),
            idle_timeout: Duration::from_secs(self.db_idle_timeout),
            sqlite_busy_timeout: Duration::from_millis(self.sqlite_busy_timeout_ms),
        }
    }

    /// Checks what clap's per-value parsers cannot: combinations and formats.
    pub fn validate(&self) -> Result<(), SettingError> {
        if self.host.trim().is_empty() || self.host.contains(['/', ' ']) {
            return Err(bad(
                "WKSBM_HOST (--host)",
                "must be an IP address or host name",
            ));
        }
        if self.db_min_connections > self.db_max_connections {
            return Err(bad(
                "WKSBM_DB_MIN_CONNECTIONS (--db-min-connections)",
                format!(
                    "must not exceed WKSBM_DB_MAX_CONNECTIONS ({})",
                    self.db_max_connections
                ),
            ));
        }
        let url = self.database_url();
        if !(url.starts_with("sqlite:")
            || url.starts_with("postgres://")
            || url.starts_with("postgresql://"))
        {
            return Err(bad(
                "DATABASE_URL (--database-url)",
                "must start with sqlite: or postgres://",
            ));
        }
        for origin in self.cors_origins.iter().filter(|o| !o.is_empty()) {
            if origin != "*" && !valid_origin(origin) {
                return Err(bad(
                    "WKSBM_CORS_ORIGINS (--cors-origins)",
                    format!(
                        "{origin:?} is not an origin like https://app.example or http://localhost:3000"
                    ),
                ));
            }
        }
        if let Err(e) = wksbm_domain::wilayah::KodeWilayah::parse(&self.admin_wilayah) {
            return Err(bad("WKSBM_ADMIN_WILAYAH (--admin-wilayah)", e.to_string()));
        }
        if self.login_per_minute > self.login_per_hour {
            return Err(bad(
                "WKSBM_LOGIN_PER_MINUTE (--login-per-minute)",
                "must not exceed WKSBM_LOGIN_PER_HOUR",
            ));
        }
        if self.jwt_issuer.trim().is_empty() || self.jwt_audience.trim().is_empty() {
            return Err(bad(
                "WKSBM_JWT_ISSUER / WKSBM_JWT_AUDIENCE",
                "must not be empty",
            ));
        }
        if let Err(e) = tracing_subscriber::EnvFilter::try_new(&self.log) {
            return Err(bad("WKSBM_LOG (--log)", e.to_string()));
        }
        Ok(())
    }

    /// The database URL without its password, for logs.
    pub fn database_url_redacted(&self) -> String {
        redact(&self.database_url())
    }
}

fn valid_origin(o: &str) -> bool {
    let rest = o
        .strip_prefix("https://")
        .or_else(|| o.strip_prefix("http://"));
    rest.is_some_and(|r| {
        !r.is_empty()
            && !r.contains('/')
            && r.bytes()
                .all(|b| b.is_ascii_alphanumeric() || matches!(b, b'.' | b'-' | b':' | b'[' | b']'))
    })
}

/// Hides the password in `scheme://user:password@host`.
pub fn redact(url: &str) -> String {
    let Some((scheme, rest)) = url.split_once("://") else {
        return url.to_owned();
    };
    match rest.split_once('@') {
        Some((cred, host)) if cred.contains(':') => {
            let user = cred.split(':').next().unwrap_or("");
            format!("{scheme}://{user}:***@{host}")
        }
        _ => url.to_owned(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn defaults_match_the_readme() {
        let cli = Cli::load_from(["wksbm-api"]).unwrap();
        let s = &cli.settings;
        assert_eq!((s.host.as_str(), s.port), ("127.0.0.1", 8080));
        assert_eq!(s.data_dir, PathBuf::from("./data"));
        assert_eq!(s.body_limit, 1_048_576);
        assert!(s.database_url().starts_with("sqlite://./data/wksbm.sqlite"));
        assert!(cli.command.is_none());
    }

    #[test]
    fn invalid_values_name_the_setting() {
        let e = Cli::load_from(["wksbm-api", "--port", "http"])
            .unwrap_err()
            .to_string();
        assert!(e.contains("--port"), "{e}");
        let s = Cli::load_from(["wksbm-api", "--db-min-connections", "20"])
            .unwrap()
            .settings;
        let e = s.validate().unwrap_err().to_string();
        assert!(e.contains("WKSBM_DB_MIN_CONNECTIONS"), "{e}");
        let s = Cli::load_from(["wksbm-api", "--cors-origins", "example.com"])
            .unwrap()
            .settings;
        assert!(
            s.validate()
                .unwrap_err()
                .to_string()
                .contains("WKSBM_CORS_ORIGINS")
        );
        let s = Cli::load_from(["wksbm-api", "--database-url", "mysql://x"])
            .unwrap()
            .settings;
        assert!(
            s.validate()
                .unwrap_err()
                .to_string()
                .contains("DATABASE_URL")
        );
    }

    #[test]
    fn config_file_fills_defaults_but_flags_win() {
        let dir = std::env::temp_dir().join(format!("wksbm-cfg-{}", uuid::Uuid::now_v7()));
        std::fs::create_dir_all(&dir).unwrap();
        let file = dir.join("wksbm.toml");
        std::fs::write(&file, "port = 9001\nhost = \"0.0.0.0\"\ncors_origins = [\"https://a.example\", \"http://localhost:3000\"]\n").unwrap();
        let f = file.to_str().unwrap();
        let cli = Cli::load_from(["wksbm-api", "--config", f, "--port", "9002", "serve"]).unwrap();
        assert_eq!(cli.settings.port, 9002);
        assert_eq!(cli.settings.host, "0.0.0.0");
        assert_eq!(
            cli.settings.cors_origins,
            ["https://a.example", "http://localhost:3000"]
        );

        std::fs::write(&file, "port = \"eighty\"\n").unwrap();
        let e = Cli::load_from(["wksbm-api", "--config", f])
            .unwrap_err()
            .to_string();
        assert!(e.contains("config file") && e.contains("--port"), "{e}");
        std::fs::write(&file, "prot = 1\n").unwrap();
        let e = Cli::load_from(["wksbm-api", "--config", f])
            .unwrap_err()
            .to_string();
        assert!(e.contains("prot") && e.contains("unknown setting"), "{e}");
        std::fs::remove_dir_all(&dir).unwrap();
    }

    #[test]
    fn subcommands_parse() {
        let cli = Cli::load_from(["wksbm-api", "import-wilayah", "x.csv"]).unwrap();
        assert!(matches!(cli.command, Some(Command::ImportWilayah { .. })));
        assert!(matches!(
            Cli::load_from(["wksbm-api", "openapi"]).unwrap().command,
            Some(Command::Openapi)
        ));
    }

    #[test]
    fn passwords_are_redacted() {
        assert_eq!(
            redact("postgres://u:secret@db/wksbm"),
            "postgres://u:***@db/wksbm"
        );
        assert_eq!(
            redact("sqlite://./data/x.sqlite"),
            "sqlite://./data/x.sqlite"
        );
    }
}
