use serde::{Deserialize, Serialize};
use utoipa::ToSchema;

/// An error, as RFC 9457 problem details. `code` is a stable rule name to branch on;
/// `title` and `detail` are for people (Bahasa Indonesia, or English with
/// `Accept-Language: en`); `instance` is the request id to quote to support.
#[derive(Debug, Clone, Serialize, Deserialize, ToSchema, PartialEq, Eq)]
#[schema(example = json!({
    "type": "urn:wksbm:problem:not_found",
    "title": "Tidak ditemukan",
    "status": 404,
    "detail": "Wilayah 34.02.99 tidak ditemukan.",
    "instance": "urn:uuid:01938f4e-7c1a-7b22-9d4e-3f1a2b3c4d5e",
    "code": "not_found",
    "errors": []
}))]
pub struct Problem {
    /// `urn:wksbm:problem:{code}`.
    #[serde(rename = "type")]
    pub problem_type: String,
    pub title: String,
    /// The HTTP status code.
    #[schema(minimum = 400, maximum = 599)]
    pub status: u16,
    pub detail: String,
    /// The request id (`X-Request-Id`) as a URN: `urn:uuid:…`, or `urn:wksbm:request:…`
    /// for a client-supplied id that is not a UUID.
    pub instance: String,
    /// Stable machine-readable rule name, e.g. `query_invalid`, `not_found`.
    pub code: String,
    /// Field-level errors; empty when the problem is not about particular fields.
    pub errors: Vec<FieldError>,
}

/// One invalid field of a request.
#[derive(Debug, Clone, Serialize, Deserialize, ToSchema, PartialEq, Eq)]
#[schema(example = json!({"field": "page_size", "code": "out_of_range", "message": "page_size harus antara 1 dan 200"}))]
pub struct FieldError {
    /// The field, as named on the wire (`values[3]` for list items).
    pub field: String,
    pub code: String,
    pub message: String,
}

impl Problem {
    pub fn type_uri(code: &str) -> String {
        format!("urn:wksbm:problem:{code}")
    }
}
