//! Opening the database with the settings that keep data safe (GUIDE.md section 6).

use crate::StoreError;
use sea_orm::sqlx::postgres::{PgConnectOptions, PgPoolOptions};
use sea_orm::sqlx::sqlite::{
    SqliteConnectOptions, SqliteJournalMode, SqlitePoolOptions, SqliteSynchronous,
};
use sea_orm::{
    DatabaseConnection, DatabaseTransaction, DbErr, SqliteTransactionMode, SqlxPostgresConnector,
    SqlxSqliteConnector, TransactionOptions, TransactionTrait,
};
use std::path::PathBuf;
use std::str::FromStr;
use std::time::Duration;
use wksbm_migration::{Migrator, MigratorTrait};

wksbm_domain::str_enum! {
    #[derive(Debug, Clone, Copy, PartialEq, Eq)]
    pub enum Backend {
        Sqlite = "sqlite",
        Postgres = "postgres",
    }
}

/// Pool and timeout settings; the API fills them from its configuration.
#[derive(Debug, Clone)]
pub struct DbSettings {
    pub url: String,
    pub max_connections: u32,
    pub min_connections: u32,
    pub connect_timeout: Duration,
    pub idle_timeout: Duration,
    pub sqlite_busy_timeout: Duration,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct PoolStats {
    pub size: u32,
    pub idle: u32,
    pub max: u32,
}

/// A connected database. Cheap to clone (the pool is shared).
#[derive(Debug, Clone)]
pub struct Db {
    conn: DatabaseConnection,
    backend: Backend,
    max_connections: u32,
    sqlite_file: Option<PathBuf>,
    ready_timeout: Duration,
}

impl Db {
    /// Connects and checks the connection once; fails when the database is unreachable.
    pub async fn connect(s: &DbSettings) -> Result<Db, StoreError> {
        if s.url.starts_with("sqlite:") {
            Self::connect_sqlite(s).await
        } else if s.url.starts_with("postgres://") || s.url.starts_with("postgresql://") {
            Self::connect_postgres(s).await
        } else {
            Err(StoreError::Db(DbErr::Custom(
                "DATABASE_URL must start with sqlite: or postgres://".into(),
            )))
        }
    }

    async fn connect_sqlite(s: &DbSettings) -> Result<Db, StoreError> {
        // (SQLite gives its -wal and -shm files the database file's permissions.)
        let opts = SqliteConnectOptions::from_str(&s.url)
            .map_err(|e| StoreError::Db(DbErr::Custom(format!("DATABASE_URL: {e}"))))?
            .create_if_missing(true)
            .journal_mode(SqliteJournalMode::Wal)
            .synchronous(SqliteSynchronous::Full)
            .foreign_keys(true)
            // Freed pages are overwritten, so an anonymised person's old record does not
            // linger in the file's free space (issue 21).
            .pragma("secure_delete", "ON")
            .busy_timeout(s.sqlite_busy_timeout);
        let file = opts.get_filename().to_path_buf();
        private_file(&file).map_err(|e| {
            StoreError::Db(DbErr::Custom(format!(
                "cannot create {}: {e}",
                file.display()
            )))
        })?;
        let pool = SqlitePoolOptions::new()
            .max_connections(s.max_connections)
            .min_connections(s.min_connections)
            .acquire_timeout(s.connect_timeout)
            .idle_timeout(s.idle_timeout)
            .connect_with(opts)
            .await
            .map_err(|e| StoreError::Unavailable(DbErr::Custom(e.to_string())))?;
        Ok(Db {
            conn: SqlxSqliteConnector::from_sqlx_sqlite_pool(pool),
            backend: Backend::Sqlite,
            max_connections: s.max_connections,
            sqlite_file: Some(file),
            ready_timeout: s.connect_timeout,
        })
    }

    async fn connect_postgres(s: &DbSettings) -> Result<Db, StoreError> {
        let opts = PgConnectOptions::from_str(&s.url)
            .map_err(|e| StoreError::Db(DbErr::Custom(format!("DATABASE_URL: {e}"))))?
            .application_name("wksbm");
        let pool = PgPoolOptions::new()
            .max_connections(s.max_connections)
            .min_connections(s.min_connections)
            .acquire_timeout(s.connect_timeout)
            .idle_timeout(s.idle_timeout)
            // A round trip per transaction, kept: pinging only connections idle for a
            // second or more gave no clear gain in the money benchmark, and a connection
            // used by a background task a moment before a cut then failed a request
            // (tests/api/ops.rs, a_connection_cut_while_idle_is_replaced_before_use).
            .test_before_acquire(true)
            .connect_with(opts)
            .await
            .map_err(|e| StoreError::Unavailable(DbErr::Custom(e.to_string())))?;
        Ok(Db {
            conn: SqlxPostgresConnector::from_sqlx_postgres_pool(pool),
            backend: Backend::Postgres,
            max_connections: s.max_connections,
            sqlite_file: None,
            ready_timeout: s.connect_timeout,
        })
    }

    pub fn backend(&self) -> Backend {
        self.backend
    }

    pub(crate) fn conn(&self) -> &DatabaseConnection {
        &self.conn
    }

    /// Applies every pending migration.
    pub async fn migrate(&self) -> Result<(), StoreError> {
        Migrator::up(&self.conn, None).await?;
        Ok(())
    }

    /// A write transaction. On SQLite it takes the write lock at BEGIN, so that a
    /// read-then-write under concurrency waits instead of failing with SQLITE_BUSY.
    pub(crate) async fn begin_write(&self) -> Result<DatabaseTransaction, StoreError> {
        let opts = TransactionOptions {
            sqlite_transaction_mode: Some(SqliteTransactionMode::Immediate),
            ..Default::default()
        };
        Ok(self.conn.begin_with_options(opts).await?)
    }

    /// Whether the database answers now. On SQLite the file must also still exist: a
    /// server writing to a deleted or unmounted file would lose everything it accepts.
    pub async fn is_ready(&self) -> bool {
        if let Some(file) = &self.sqlite_file
            && !file.exists()
        {
            return false;
        }
        matches!(
            tokio::time::timeout(self.ready_timeout, self.conn.ping()).await,
            Ok(Ok(()))
        )
    }

    pub fn pool_stats(&self) -> PoolStats {
        let (size, idle) = match self.backend {
            Backend::Sqlite => {
                let p = self.conn.get_sqlite_connection_pool();
                (p.size(), p.num_idle())
            }
            Backend::Postgres => {
                let p = self.conn.get_postgres_connection_pool();
                (p.size(), p.num_idle())
            }
        };
        PoolStats {
            size,
            idle: u32::try_from(idle).unwrap_or(u32::MAX),
            max: self.max_connections,
        }
    }

    /// Closes the pool; used at shutdown and by tests that drop their database.
    pub async fn close(self) {
        let _ = self.conn.close().await;
    }
}

/// Creates a new SQLite file readable by its owner only (`0600`), in a directory it
/// creates owner-only (`0700`): the file holds personal data (issue 21). An existing
/// file or directory keeps the permissions its operator gave it. `:memory:` is left alone.
fn private_file(file: &std::path::Path) -> std::io::Result<()> {
    if file.as_os_str().is_empty() || file.to_string_lossy().starts_with(':') || file.exists() {
        return Ok(());
    }
    if let Some(dir) = file
        .parent()
        .filter(|d| !d.as_os_str().is_empty() && !d.exists())
    {
        let mut b = std::fs::DirBuilder::new();
        b.recursive(true);
        #[cfg(unix)]
        {
            use std::os::unix::fs::DirBuilderExt;
            b.mode(0o700);
        }
        b.create(dir)?;
    }
    let mut opts = std::fs::OpenOptions::new();
    opts.write(true).create_new(true);
    #[cfg(unix)]
    {
        use std::os::unix::fs::OpenOptionsExt;
        opts.mode(0o600);
    }
    match opts.open(file) {
        Ok(_) => Ok(()),
        // Another process made it first: its permissions stand.
        Err(e) if e.kind() == std::io::ErrorKind::AlreadyExists => Ok(()),
        Err(e) => Err(e),
    }
}
