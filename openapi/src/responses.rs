//! Reusable error responses, referenced by every operation that can return them.

use crate::Problem;
use utoipa::{IntoResponses, ToResponse};

/// The request's syntax is wrong: malformed JSON, a query or path parameter that does not
/// parse, an invalid `page_token`.
#[derive(ToResponse)]
#[response(
    content_type = "application/problem+json",
    example = json!({"type": "urn:wksbm:problem:query_invalid", "title": "Parameter query tidak valid", "status": 400,
        "detail": "page_size harus antara 1 dan 200.", "instance": "urn:uuid:01938f4e-7c1a-7b22-9d4e-3f1a2b3c4d5e",
        "code": "query_invalid", "errors": [{"field": "page_size", "code": "out_of_range", "message": "page_size harus antara 1 dan 200"}]})
)]
pub struct BadRequest(pub Problem);

/// Nothing is at this address, or it is outside the caller's territory.
#[derive(ToResponse)]
#[response(
    content_type = "application/problem+json",
    example = json!({"type": "urn:wksbm:problem:not_found", "title": "Tidak ditemukan", "status": 404,
        "detail": "Wilayah 34.02.99 tidak ditemukan.", "instance": "urn:uuid:01938f4e-7c1a-7b22-9d4e-3f1a2b3c4d5e",
        "code": "not_found", "errors": []})
)]
pub struct NotFound(pub Problem);

/// The body is larger than the configured limit (default 1 MiB).
#[derive(ToResponse)]
#[response(
    content_type = "application/problem+json",
    example = json!({"type": "urn:wksbm:problem:payload_too_large", "title": "Isi permintaan terlalu besar", "status": 413,
        "detail": "Isi permintaan melebihi batas 1048576 byte.", "instance": "urn:uuid:01938f4e-7c1a-7b22-9d4e-3f1a2b3c4d5e",
        "code": "payload_too_large", "errors": []})
)]
pub struct PayloadTooLarge(pub Problem);

/// The body is not `application/json`.
#[derive(ToResponse)]
#[response(
    content_type = "application/problem+json",
    example = json!({"type": "urn:wksbm:problem:content_type_unsupported", "title": "Jenis konten tidak didukung", "status": 415,
        "detail": "Kirim isi permintaan sebagai application/json.", "instance": "urn:uuid:01938f4e-7c1a-7b22-9d4e-3f1a2b3c4d5e",
        "code": "content_type_unsupported", "errors": []})
)]
pub struct UnsupportedMediaType(pub Problem);

/// Well-formed JSON that breaks a rule; `errors` names each field.
#[derive(ToResponse)]
#[response(
    content_type = "application/problem+json",
    example = json!({"type": "urn:wksbm:problem:validation_failed", "title": "Data tidak valid", "status": 422,
        "detail": "Ada 1 isian yang tidak valid.", "instance": "urn:uuid:01938f4e-7c1a-7b22-9d4e-3f1a2b3c4d5e",
        "code": "validation_failed", "errors": [{"field": "values[2]", "code": "length", "message": "panjang harus 1 sampai 200 karakter"}]})
)]
pub struct Unprocessable(pub Problem);

/// An unexpected error; the details are in the server log under `instance`.
#[derive(ToResponse)]
#[response(
    content_type = "application/problem+json",
    example = json!({"type": "urn:wksbm:problem:internal", "title": "Kesalahan pada server", "status": 500,
        "detail": "Terjadi kesalahan pada server. Sebutkan kode permintaan saat melapor.", "instance": "urn:uuid:01938f4e-7c1a-7b22-9d4e-3f1a2b3c4d5e",
        "code": "internal", "errors": []})
)]
pub struct InternalError(pub Problem);

/// The database cannot be reached right now; retry later.
#[derive(ToResponse)]
#[response(
    content_type = "application/problem+json",
    example = json!({"type": "urn:wksbm:problem:database_unavailable", "title": "Layanan belum siap", "status": 503,
        "detail": "Basis data tidak dapat dihubungi.", "instance": "urn:uuid:01938f4e-7c1a-7b22-9d4e-3f1a2b3c4d5e",
        "code": "database_unavailable", "errors": []})
)]
pub struct ServiceUnavailable(pub Problem);

/// Missing, malformed, expired or revoked token; the `WWW-Authenticate` header says which.
#[derive(ToResponse)]
#[response(
    content_type = "application/problem+json",
    headers(("WWW-Authenticate" = String, description = "`Bearer realm=\"wksbm\"`, with `error=\"invalid_token\"` when a token was sent")),
    example = json!({"type": "urn:wksbm:problem:unauthenticated", "title": "Belum masuk", "status": 401,
        "detail": "Kirim token akses yang sah di header Authorization: Bearer.", "instance": "urn:uuid:01938f4e-7c1a-7b22-9d4e-3f1a2b3c4d5e",
        "code": "unauthenticated", "errors": []})
)]
pub struct Unauthorized(pub Problem);

/// Inside the caller's territory, but its role or jabatan may not do this.
#[derive(ToResponse)]
#[response(
    content_type = "application/problem+json",
    example = json!({"type": "urn:wksbm:problem:forbidden", "title": "Tidak diizinkan", "status": 403,
        "detail": "Peran Anda tidak boleh melakukan tindakan ini.", "instance": "urn:uuid:01938f4e-7c1a-7b22-9d4e-3f1a2b3c4d5e",
        "code": "forbidden", "errors": []})
)]
pub struct Forbidden(pub Problem);

/// Conflicts with the current state (a taken username, an inactive account).
#[derive(ToResponse)]
#[response(
    content_type = "application/problem+json",
    example = json!({"type": "urn:wksbm:problem:username_taken", "title": "Nama pengguna sudah dipakai", "status": 409,
        "detail": "Nama pengguna lurah.poncosari sudah dipakai.", "instance": "urn:uuid:01938f4e-7c1a-7b22-9d4e-3f1a2b3c4d5e",
        "code": "username_taken", "errors": []})
)]
pub struct Conflict(pub Problem);

/// `If-Match` does not match the current `ETag`: someone changed it first.
#[derive(ToResponse)]
#[response(
    content_type = "application/problem+json",
    example = json!({"type": "urn:wksbm:problem:precondition_failed", "title": "Data sudah berubah", "status": 412,
        "detail": "Data telah diubah orang lain; muat ulang lalu coba lagi.", "instance": "urn:uuid:01938f4e-7c1a-7b22-9d4e-3f1a2b3c4d5e",
        "code": "precondition_failed", "errors": []})
)]
pub struct PreconditionFailed(pub Problem);

/// The update needs `If-Match` with the `ETag` of the version it changes.
#[derive(ToResponse)]
#[response(
    content_type = "application/problem+json",
    example = json!({"type": "urn:wksbm:problem:precondition_required", "title": "If-Match wajib", "status": 428,
        "detail": "Sertakan header If-Match berisi ETag terakhir.", "instance": "urn:uuid:01938f4e-7c1a-7b22-9d4e-3f1a2b3c4d5e",
        "code": "precondition_required", "errors": []})
)]
pub struct PreconditionRequired(pub Problem);

/// Too many attempts; retry after `Retry-After` seconds.
#[derive(ToResponse)]
#[response(
    content_type = "application/problem+json",
    headers(("Retry-After" = u64, description = "Seconds until another attempt is accepted")),
    example = json!({"type": "urn:wksbm:problem:rate_limited", "title": "Terlalu banyak percobaan", "status": 429,
        "detail": "Terlalu banyak percobaan masuk. Coba lagi dalam 60 detik.", "instance": "urn:uuid:01938f4e-7c1a-7b22-9d4e-3f1a2b3c4d5e",
        "code": "rate_limited", "errors": []})
)]
pub struct TooManyRequests(pub Problem);

// The error responses of each kind of operation, declared once. An operation lists its
// success responses and one of these (`responses((status = 200, …), ReadErrors)`); the
// specification still names every status, each a reference to the responses above.

/// Declares a group of error responses: one variant per `status => response`, each a
/// reference to the shared response, so the specification lists every status.
macro_rules! error_group {
    ($(#[$doc:meta])* $name:ident { $($status:tt => $response:ident),+ $(,)? }) => {
        $(#[$doc])*
        #[derive(IntoResponses)]
        pub enum $name {
            $(
                #[response(status = $status)]
                $response(#[ref_response] $response),
            )+
        }
    };
}

error_group! {
    /// Errors of a read of one resource in the caller's territory.
    ReadErrors {
        401 => Unauthorized, 403 => Forbidden, 404 => NotFound,
        500 => InternalError, 503 => ServiceUnavailable,
    }
}

error_group! {
    /// Errors of a list under a parent resource (its query may be malformed).
    ListErrors {
        400 => BadRequest, 401 => Unauthorized, 403 => Forbidden, 404 => NotFound,
        500 => InternalError, 503 => ServiceUnavailable,
    }
}

error_group! {
    /// Errors of a top-level list or search, limited to the caller's territory.
    SearchErrors {
        400 => BadRequest, 401 => Unauthorized, 403 => Forbidden,
        500 => InternalError, 503 => ServiceUnavailable,
    }
}

error_group! {
    /// Errors of a POST or PUT with a JSON body on a resource in the caller's territory.
    WriteErrors {
        400 => BadRequest, 401 => Unauthorized, 403 => Forbidden, 404 => NotFound,
        409 => Conflict, 413 => PayloadTooLarge, 415 => UnsupportedMediaType,
        422 => Unprocessable, 500 => InternalError, 503 => ServiceUnavailable,
    }
}

error_group! {
    /// Errors of a PATCH guarded by `If-Match`.
    UpdateErrors {
        400 => BadRequest, 401 => Unauthorized, 403 => Forbidden, 404 => NotFound,
        409 => Conflict, 412 => PreconditionFailed, 413 => PayloadTooLarge,
        415 => UnsupportedMediaType, 422 => Unprocessable, 428 => PreconditionRequired,
        500 => InternalError, 503 => ServiceUnavailable,
    }
}

error_group! {
    /// Errors of a top-level create (no parent to be missing).
    CreateErrors {
        400 => BadRequest, 401 => Unauthorized, 403 => Forbidden, 409 => Conflict,
        413 => PayloadTooLarge, 415 => UnsupportedMediaType, 422 => Unprocessable,
        500 => InternalError, 503 => ServiceUnavailable,
    }
}

error_group! {
    /// Errors of a POST with a JSON body on the caller's own session or account.
    SessionErrors {
        400 => BadRequest, 401 => Unauthorized, 413 => PayloadTooLarge,
        415 => UnsupportedMediaType, 422 => Unprocessable, 500 => InternalError,
        503 => ServiceUnavailable,
    }
}

error_group! {
    /// Errors of a login or token request (rate-limited per account and address).
    LoginErrors {
        400 => BadRequest, 401 => Unauthorized, 413 => PayloadTooLarge,
        415 => UnsupportedMediaType, 422 => Unprocessable, 429 => TooManyRequests,
        500 => InternalError, 503 => ServiceUnavailable,
    }
}
