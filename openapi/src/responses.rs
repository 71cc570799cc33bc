//! Reusable error responses, referenced by every operation that can return them.

use crate::Problem;
use utoipa::ToResponse;

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
