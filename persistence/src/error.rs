use sea_orm::{DbErr, SqlErr};

/// What a repository call can fail with. `Unavailable` means the database could not be
/// reached (the API answers 503); `Conflict` names the unique rule that was broken;
/// `Stale` means the row changed since the caller read it; anything else is internal.
#[derive(Debug, thiserror::Error)]
pub enum StoreError {
    #[error("database unavailable: {0}")]
    Unavailable(DbErr),
    #[error("conflict: {0}")]
    Conflict(&'static str),
    #[error("the row changed since it was read")]
    Stale,
    /// A domain rule refused the change against the current state (409), with the
    /// rule's code and its English message.
    #[error("{code}: {message}")]
    Rule { code: &'static str, message: String },
    /// Input that names something the current state does not have (422), with the
    /// rule's code, the field and an English message.
    #[error("{field}: {code}: {message}")]
    Invalid {
        code: &'static str,
        field: &'static str,
        message: String,
    },
    /// The thing named in the path does not exist (404): what it is, in Indonesian and
    /// English.
    #[error("not found: {1}")]
    Missing(&'static str, &'static str),
    #[error("database error: {0}")]
    Db(DbErr),
}

impl From<DbErr> for StoreError {
    fn from(e: DbErr) -> Self {
        if let Some(SqlErr::UniqueConstraintViolation(_)) = e.sql_err() {
            return StoreError::Conflict("unique_violation");
        }
        match e {
            DbErr::ConnectionAcquire(_) | DbErr::Conn(_) => StoreError::Unavailable(e),
            other => StoreError::Db(other),
        }
    }
}

/// A money rule's refusal: a conflict with the current state (409) or input that breaks
/// a rule (422).
pub(crate) fn refused(e: wksbm_domain::dana::DanaError) -> StoreError {
    if e.conflict() {
        StoreError::Rule {
            code: e.code(),
            message: e.to_string(),
        }
    } else {
        StoreError::Invalid {
            code: e.code(),
            field: e.field(),
            message: e.to_string(),
        }
    }
}

/// A distribution round's refusal (the ledger's writer refuses a round no longer
/// approved, the penyaluran workflow the rest).
pub(crate) fn round_err(e: wksbm_domain::penyaluran::RoundError) -> StoreError {
    use wksbm_domain::penyaluran::RoundError;
    if e.conflict() {
        StoreError::Rule {
            code: e.code(),
            message: e.to_string(),
        }
    } else {
        StoreError::Invalid {
            code: e.code(),
            field: match e {
                RoundError::DecisionUnknown => "decision_number",
                _ => "recipients",
            },
            message: e.to_string(),
        }
    }
}
