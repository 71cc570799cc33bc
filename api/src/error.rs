//! One error type for every handler, rendered as RFC 9457 problem details by the
//! `problem` middleware, which knows the request id and the client's language.

use crate::i18n::Text;
use actix_web::http::StatusCode;
use actix_web::{HttpResponse, ResponseError};
use std::fmt;
use wksbm_domain::account::AccountError;
use wksbm_persistence::StoreError;

/// A field-level error; `message` in both languages.
#[derive(Debug, Clone)]
pub struct FieldErr {
    pub field: String,
    pub code: &'static str,
    pub message: Text,
}

#[derive(Debug, Clone)]
pub struct ApiError {
    pub status: StatusCode,
    pub code: &'static str,
    /// Boxed to keep `Result<_, ApiError>` small.
    pub detail: Box<Text>,
    pub errors: Vec<FieldErr>,
    /// Logged, never sent: the internal cause of a 5xx.
    pub cause: Option<String>,
    /// Headers the problem carries (`WWW-Authenticate`, `Retry-After`).
    pub headers: Vec<(&'static str, String)>,
}

impl ApiError {
    pub fn new(status: StatusCode, code: &'static str, detail: Text) -> Self {
        ApiError {
            status,
            code,
            detail: Box::new(detail),
            errors: Vec::new(),
            cause: None,
            headers: Vec::new(),
        }
    }

    pub fn with_header(mut self, name: &'static str, value: impl Into<String>) -> Self {
        self.headers.push((name, value.into()));
        self
    }

    /// 401. `sent_token` adds `error="invalid_token"` (RFC 6750) to the challenge.
    pub fn unauthenticated(code: &'static str, detail: Text, sent_token: bool) -> Self {
        let challenge = if sent_token {
            r#"Bearer realm="wksbm", error="invalid_token""#
        } else {
            r#"Bearer realm="wksbm""#
        };
        Self::new(StatusCode::UNAUTHORIZED, code, detail).with_header("www-authenticate", challenge)
    }

    pub fn forbidden() -> Self {
        Self::new(
            StatusCode::FORBIDDEN,
            "forbidden",
            Text::new(
                "Peran atau jabatan Anda tidak boleh melakukan tindakan ini di sini.",
                "Your role or position may not do this here.",
            ),
        )
    }

    /// 422 for one field, naming the rule.
    pub fn field(field: &str, code: &'static str, message: Text) -> Self {
        Self::new(
            StatusCode::UNPROCESSABLE_ENTITY,
            code,
            Text::new(
                format!("{field}: {}", message.id),
                format!("{field}: {}", message.en),
            ),
        )
        .with_errors(vec![FieldErr {
            field: field.to_owned(),
            code,
            message,
        }])
    }

    pub fn conflict(code: &'static str, detail: Text) -> Self {
        Self::new(StatusCode::CONFLICT, code, detail)
    }

    /// 422: a well-formed request that breaks the rule named by `code`.
    pub fn unprocessable(code: &'static str, detail: Text) -> Self {
        Self::new(StatusCode::UNPROCESSABLE_ENTITY, code, detail)
    }

    pub fn with_errors(mut self, errors: Vec<FieldErr>) -> Self {
        self.errors = errors;
        self
    }

    pub fn not_found(what_id: &str, what_en: &str, key: &str) -> Self {
        Self::new(
            StatusCode::NOT_FOUND,
            "not_found",
            Text::new(
                format!("{what_id} {key} tidak ditemukan."),
                format!("{what_en} {key} was not found."),
            ),
        )
    }

    pub fn query(field: &str, code: &'static str, message: Text) -> Self {
        Self::new(
            StatusCode::BAD_REQUEST,
            "query_invalid",
            Text::new(
                format!("Parameter {field} tidak valid: {}", message.id),
                format!("Invalid parameter {field}: {}", message.en),
            ),
        )
        .with_errors(vec![FieldErr {
            field: field.to_owned(),
            code,
            message,
        }])
    }

    pub fn internal(cause: impl fmt::Display) -> Self {
        let mut e = Self::new(
            StatusCode::INTERNAL_SERVER_ERROR,
            "internal",
            Text::new(
                "Terjadi kesalahan pada server. Sebutkan kode permintaan (instance) saat melapor.",
                "Something went wrong on the server. Quote the request id (instance) when reporting it.",
            ),
        );
        e.cause = Some(cause.to_string());
        e
    }

    pub fn unavailable(cause: impl fmt::Display) -> Self {
        let mut e = Self::new(
            StatusCode::SERVICE_UNAVAILABLE,
            "database_unavailable",
            Text::new(
                "Basis data tidak dapat dihubungi. Coba lagi sebentar lagi.",
                "The database cannot be reached. Try again shortly.",
            ),
        );
        e.cause = Some(cause.to_string());
        e
    }
}

impl fmt::Display for ApiError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(
            f,
            "{} {}: {}",
            self.status.as_u16(),
            self.code,
            self.detail.en
        )
    }
}

impl ResponseError for ApiError {
    fn status_code(&self) -> StatusCode {
        self.status
    }

    /// A placeholder: the `problem` middleware replaces the body with the rendered
    /// problem, in the client's language and with the request id.
    fn error_response(&self) -> HttpResponse {
        HttpResponse::build(self.status).finish()
    }
}

impl From<StoreError> for ApiError {
    fn from(e: StoreError) -> Self {
        match e {
            StoreError::Unavailable(_) => ApiError::unavailable(e),
            StoreError::Stale => ApiError::new(
                StatusCode::PRECONDITION_FAILED,
                "precondition_failed",
                Text::new(
                    "Data telah diubah orang lain; muat ulang lalu coba lagi.",
                    "Someone changed this first; reload and try again.",
                ),
            ),
            StoreError::Conflict(code) => ApiError::conflict(
                code,
                Text::new(
                    "Bertentangan dengan data yang sudah ada.",
                    "Conflicts with existing data.",
                ),
            ),
            StoreError::Rule { code, message } => ApiError::conflict(
                code,
                Text::new(crate::i18n::rule_id(code).to_owned(), message),
            ),
            StoreError::Invalid {
                code,
                field,
                message,
            } => ApiError::field(
                field,
                code,
                Text::new(crate::i18n::rule_id(code).to_owned(), message),
            ),
            StoreError::Missing(id, en) => ApiError::not_found(id, en, ""),
            StoreError::Db(_) => ApiError::internal(e),
        }
    }
}

/// A field error for an account rule the domain refused (username, name, password).
pub fn account_error(field: &str, e: AccountError) -> ApiError {
    ApiError::field(
        field,
        e.code(),
        Text::new(account_rule_id(e), e.to_string()),
    )
}

fn account_rule_id(e: AccountError) -> String {
    match e {
        AccountError::UsernameInvalid => {
            "nama pengguna harus 3-64 karakter a-z, 0-9, '.', '_' atau '-'".into()
        }
        AccountError::PasswordTooShort => "kata sandi paling sedikit 10 karakter".into(),
        AccountError::PasswordTooLong => "kata sandi paling banyak 128 karakter".into(),
        AccountError::PasswordIsUsername => {
            "kata sandi tidak boleh sama dengan nama pengguna".into()
        }
        AccountError::NameInvalid => "nama harus 1-200 karakter yang dapat dicetak".into(),
    }
}
