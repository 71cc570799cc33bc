//! Hand-written statements for the hot money path, where `RETURNING` saves a round trip
//! inside the locks. Written with `$1`-style parameters (PostgreSQL); SQLite reads the
//! same numbers as `?1`.

use crate::StoreError;
use sea_orm::{ConnectionTrait, DbBackend, QueryResult, Statement, Value};

fn statement<C: ConnectionTrait>(conn: &C, sql: &str, values: Vec<Value>) -> Statement {
    let backend = conn.get_database_backend();
    let sql = match backend {
        DbBackend::Sqlite => sql.replace('$', "?"),
        _ => sql.to_owned(),
    };
    Statement::from_sql_and_values(backend, sql, values)
}

pub(crate) async fn one<C: ConnectionTrait>(
    conn: &C,
    sql: &str,
    values: Vec<Value>,
) -> Result<Option<QueryResult>, StoreError> {
    Ok(conn.query_one_raw(statement(conn, sql, values)).await?)
}

/// Numbered parameters for a statement assembled from parts: `bind` returns the
/// placeholder (`$n`) of the value it keeps.
#[derive(Default)]
pub(crate) struct Params(Vec<Value>);

impl Params {
    pub(crate) fn bind(&mut self, v: impl Into<Value>) -> String {
        self.0.push(v.into());
        format!("${}", self.0.len())
    }

    pub(crate) fn into_values(self) -> Vec<Value> {
        self.0
    }
}

pub(crate) async fn all<C: ConnectionTrait>(
    conn: &C,
    sql: &str,
    values: Vec<Value>,
) -> Result<Vec<QueryResult>, StoreError> {
    Ok(conn.query_all_raw(statement(conn, sql, values)).await?)
}
