use sea_orm::DbErr;

/// What a repository call can fail with. `Unavailable` means the database could not be
/// reached (the API answers 503); anything else is an internal error.
#[derive(Debug, thiserror::Error)]
pub enum StoreError {
    #[error("database unavailable: {0}")]
    Unavailable(DbErr),
    #[error("database error: {0}")]
    Db(DbErr),
}

impl From<DbErr> for StoreError {
    fn from(e: DbErr) -> Self {
        match e {
            DbErr::ConnectionAcquire(_) | DbErr::Conn(_) => StoreError::Unavailable(e),
            other => StoreError::Db(other),
        }
    }
}
