//! `POST /ppks/impor`: importing people into one padukuhan from CSV or XLSX (dry run with a
//! report per row; commit all or nothing; re-import adds no duplicates).

use crate::auth::extract::AuthUser;
use crate::error::{ApiError, FieldErr};
use crate::guards::ppks::placement;
use crate::i18n::Text;
use crate::middleware::request_id;
use crate::ppks_draft::{check, wants_english};
use crate::register_file::{CSV, XLSX};
use crate::state::AppState;
use actix_web::http::{StatusCode, header};
use actix_web::{HttpRequest, HttpResponse, post, web};
use std::collections::HashMap;
use utoipa_actix_web::service_config::ServiceConfig;
use uuid::Uuid;
use wksbm_domain::access::{Action, Actor, Territory, may_know_of};
use wksbm_domain::audit::AuditEntry;
use wksbm_domain::padukuhan::Padukuhan;
use wksbm_domain::ppks::Ppks;
use wksbm_domain::ppks_columns::{HeaderError, cell, column_of, draft_of_row, header, known};
use wksbm_domain::ppks_draft::{Issue, Placement, message_id};
use wksbm_openapi::ppks_io::{
    FileBytes, ImportParams, ImportReport, ImportRow, RowIssue, RowOutcome,
};
use wksbm_openapi::responses::{
    BadRequest, Forbidden, InternalError, NotFound, PayloadTooLarge, ServiceUnavailable,
    Unauthorized, Unprocessable, UnsupportedMediaType,
};
use wksbm_persistence::ppks_repo;

/// Largest import file.
pub const IMPORT_LIMIT: usize = 10 * 1024 * 1024;

/// Rows of the file as (line, cells), the header first.
fn read_table(content_type: &str, body: &[u8]) -> Result<Vec<(usize, Vec<String>)>, ApiError> {
    if content_type == XLSX {
        return crate::register_file::read_xlsx(body);
    }
    let text = std::str::from_utf8(body).map_err(|e| {
        let line = body[..e.valid_up_to()]
            .iter()
            .filter(|b| **b == b'\n')
            .count()
            + 1;
        ApiError::unprocessable(
            "encoding_invalid",
            Text::new(
                format!("Baris {line}: berkas bukan teks UTF-8; simpan CSV sebagai UTF-8."),
                format!("Line {line}: the file is not UTF-8 text; save the CSV as UTF-8."),
            ),
        )
    })?;
    let records = wksbm_domain::csv::parse(text).map_err(|e| {
        ApiError::unprocessable(
            "csv_malformed",
            Text::new(format!("CSV rusak: {e}"), format!("Malformed CSV: {e}")),
        )
    })?;
    Ok(records.into_iter().map(|r| (r.line, r.fields)).collect())
}

fn row_issue(column: &str, code: &'static str, en: impl Into<String>) -> RowIssue {
    RowIssue {
        column: column.to_owned(),
        code: code.to_owned(),
        message: format!("{} ({})", message_id(code), en.into()),
    }
}

/// The format problems of a row's cells: both languages in one message.
fn cell_issues(issues: Vec<Issue>) -> Vec<RowIssue> {
    issues
        .into_iter()
        .map(|i| row_issue(i.field, i.code, i.detail))
        .collect()
}

/// The rules a row broke (or warnings), by the file's column, in the caller's language.
fn to_row_issues(issues: Vec<Issue>, english: bool) -> Vec<RowIssue> {
    issues
        .into_iter()
        .map(|i| RowIssue {
            column: column_of(i.field).to_owned(),
            code: i.code.to_owned(),
            message: if english {
                i.detail
            } else {
                i.message_id().to_owned()
            },
        })
        .collect()
}

/// Import people from CSV or XLSX
///
/// Caller: kalurahan and admin within their territory, or the ketua or sekretaris of the
/// person's WKSBM; others 403 `forbidden`, outside the territory 404 `not_found`. The file
/// holds people of one padukuhan; CSV (UTF-8) or XLSX (first sheet). Only `nik` and `nama` are
/// required; Indonesian and English headers are accepted; an unknown column is 422
/// `import_unknown_column`, never ignored (also `import_missing_column`,
/// `import_column_repeated`, `import_empty`).
///
/// `dry_run` (the default) checks and reports per row; otherwise the file is written all or
/// nothing, and a NIK already in the caller's territory is reported as `sudah` and left as is,
/// so importing a file twice adds no one twice. An XLSX whose parts inflate past 128 MiB, or
/// whose sheet uses more than 64 columns, 250,000 rows after the header or 32,767 characters in
/// a cell, is refused whole (422 `xlsx_too_large`).
#[utoipa::path(
    tag = "ppks",
    operation_id = "importPpks",
    params(ImportParams),
    request_body(content(
        (String = "text/csv", example = json!("nik,nama\r\n3402015205900001,Sri Lestari\r\n")),
        (FileBytes = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet")
    ), description = "The file, at most 10 MiB"),
    security(("bearer" = [])),
    responses(
        (status = 200, description = "The report (and, without dry_run, the rows written)", body = ImportReport),
        (status = 400, response = BadRequest),
        (status = 401, response = Unauthorized),
        (status = 403, response = Forbidden),
        (status = 404, response = NotFound),
        (status = 413, response = PayloadTooLarge),
        (status = 415, response = UnsupportedMediaType),
        (status = 422, response = Unprocessable),
        (status = 500, response = InternalError),
        (status = 503, response = ServiceUnavailable)
    )
)]
#[post("/ppks/impor")]
pub async fn import(
    state: web::Data<AppState>,
    req: HttpRequest,
    auth: AuthUser,
    q: web::Query<ImportParams>,
    payload: web::Payload,
) -> Result<HttpResponse, ApiError> {
    let actor = &auth.actor;
    crate::guards::require(actor, Action::PpksWrite)?;
    let ct = content_type(&req)?;
    let (pad, wksbm) = placement(&state, actor, q.padukuhan_id).await?;
    let body = read_limited(payload).await?;
    let table = read_table(&ct, &body)?;
    let english = wants_english(&req);
    let dry_run = q.dry_run.unwrap_or(true);
    let Some(((_, header_cells), rows)) = table.split_first() else {
        return Err(ApiError::unprocessable(
            "import_empty",
            Text::new("Berkas kosong.", "The file is empty."),
        ));
    };
    let columns = header(header_cells).map_err(header_invalid)?;
    let at = Target {
        padukuhan: pad,
        wksbm_id: wksbm,
        by: actor.user_id,
        english,
    };
    let checked = check_rows(state.clone(), columns, rows.to_vec(), at).await?;
    let niks: Vec<&str> = checked.iter().map(|c| c.nik.as_str()).collect();
    let existing = ppks_repo::locate_niks(&state.db, &state.vault, &niks).await?;
    let (report, fresh) = classify(actor, checked, &existing);
    let summary = summarise(report, dry_run);
    if dry_run {
        return Ok(HttpResponse::Ok().json(summary));
    }
    if summary.invalid > 0 {
        return Err(rows_invalid(&summary));
    }
    commit(&state, actor, &req, &fresh).await?;
    Ok(HttpResponse::Ok().json(ImportReport {
        committed: true,
        ..summary
    }))
}

/// The media type of the upload: CSV or XLSX, else 415.
fn content_type(req: &HttpRequest) -> Result<String, ApiError> {
    let ct = req
        .headers()
        .get(header::CONTENT_TYPE)
        .and_then(|v| v.to_str().ok())
        .and_then(|v| v.split(';').next())
        .map(|v| v.trim().to_ascii_lowercase())
        .unwrap_or_default();
    if ct != CSV && ct != XLSX {
        return Err(ApiError::new(
            StatusCode::UNSUPPORTED_MEDIA_TYPE,
            "content_type_unsupported",
            Text::new(
                format!("Unggah {CSV} atau {XLSX}."),
                format!("Upload {CSV} or {XLSX}."),
            ),
        ));
    }
    Ok(ct)
}

/// A header the importer cannot read, as a 422.
fn header_invalid(e: HeaderError) -> ApiError {
    let (code, text) = match e {
        HeaderError::Repeated(h) => (
            "import_column_repeated",
            Text::new(
                format!("Kolom {h:?} muncul dua kali."),
                format!("Column {h:?} appears twice."),
            ),
        ),
        HeaderError::Unknown(h) => (
            "import_unknown_column",
            Text::new(
                format!(
                    "Kolom {h:?} tidak dikenal; kolom yang dikenal: {}.",
                    known()
                ),
                format!("Unknown column {h:?}; known columns: {}.", known()),
            ),
        ),
        HeaderError::Missing(needed) => (
            "import_missing_column",
            Text::new(
                format!("Kolom {needed} wajib ada."),
                format!("Column {needed} is required."),
            ),
        ),
    };
    ApiError::unprocessable(code, text)
}

/// Where the rows go, who writes them, and the language of their messages.
struct Target {
    padukuhan: Padukuhan,
    wksbm_id: Option<Uuid>,
    by: Uuid,
    english: bool,
}

/// One row checked: the record it would become (if it broke no rule), its issues.
struct CheckedRow {
    line: usize,
    nik: String,
    record: Option<Ppks>,
    errors: Vec<RowIssue>,
    warnings: Vec<RowIssue>,
}

/// Every non-blank row read and checked, off the async workers: a 10 MiB file is tens
/// of thousands of rows.
async fn check_rows(
    state: web::Data<AppState>,
    columns: Vec<Option<&'static str>>,
    rows: Vec<(usize, Vec<String>)>,
    at: Target,
) -> Result<Vec<CheckedRow>, ApiError> {
    web::block(move || {
        rows.into_iter()
            .filter(|(_, cells)| !cells.iter().all(|c| c.trim().is_empty()))
            .map(|(line, cells)| check_row(&state, &columns, line, &cells, &at))
            .collect()
    })
    .await
    .map_err(|e| ApiError::internal(e.to_string()))
}

fn check_row(
    state: &AppState,
    columns: &[Option<&'static str>],
    line: usize,
    cells: &[String],
    at: &Target,
) -> CheckedRow {
    let get = |col: &str| {
        columns
            .iter()
            .position(|c| *c == Some(col))
            .and_then(|i| cells.get(i))
            .and_then(|v| cell(v))
    };
    let (draft, id, issues) = draft_of_row(&get);
    let mut errors = cell_issues(issues);
    let place = Placement {
        id: id.unwrap_or_else(Uuid::now_v7),
        padukuhan: &at.padukuhan,
        wksbm_id: at.wksbm_id,
        by: at.by,
    };
    let (record, warnings) = match check(state, &draft, &place, false) {
        Ok(b) if errors.is_empty() => (Some(b.record), to_row_issues(b.warnings, at.english)),
        Ok(b) => (None, to_row_issues(b.warnings, at.english)),
        Err(e) => {
            errors.extend(to_row_issues(e, at.english));
            (None, Vec::new())
        }
    };
    CheckedRow {
        line,
        nik: draft.nik,
        record,
        errors,
        warnings,
    }
}

/// Each row's outcome: new, already registered in the caller's territory (`sudah`, left
/// as is), or wrong (a NIK twice in the file, or registered where the caller cannot see
/// it). Returns the report and the records to write.
fn classify(
    actor: &Actor,
    checked: Vec<CheckedRow>,
    existing: &HashMap<String, (Uuid, Territory)>,
) -> (Vec<ImportRow>, Vec<Ppks>) {
    let mut seen: HashMap<String, usize> = HashMap::new();
    let mut report = Vec::with_capacity(checked.len());
    let mut fresh = Vec::new();
    for CheckedRow {
        line,
        nik,
        record,
        mut errors,
        warnings,
    } in checked
    {
        let mut outcome = RowOutcome::Baru;
        let mut id = record.as_ref().map(|r| r.id);
        if let Some(first) = seen.get(&nik).filter(|_| !nik.is_empty()) {
            errors.push(row_issue(
                "nik",
                "nik_repeated_in_file",
                format!("the same NIK as line {first}"),
            ));
        } else if let Some((found, t)) = existing.get(&nik) {
            if may_know_of(actor, t) {
                outcome = RowOutcome::Sudah;
                id = Some(*found);
            } else {
                errors.push(row_issue(
                    "nik",
                    "nik_taken",
                    "registered outside your territory",
                ));
            }
        }
        seen.entry(nik).or_insert(line);
        if !errors.is_empty() {
            outcome = RowOutcome::Salah;
            id = None;
        } else if outcome == RowOutcome::Baru
            && let Some(r) = record
        {
            fresh.push(r);
        }
        report.push(ImportRow {
            line,
            outcome,
            id,
            errors,
            warnings,
        });
    }
    (report, fresh)
}

fn summarise(report: Vec<ImportRow>, dry_run: bool) -> ImportReport {
    let count = |o: RowOutcome| report.iter().filter(|r| r.outcome == o).count();
    ImportReport {
        dry_run,
        committed: false,
        rows: report.len(),
        new: count(RowOutcome::Baru),
        existing: count(RowOutcome::Sudah),
        invalid: count(RowOutcome::Salah),
        report,
    }
}

/// Writes the new rows all or nothing, each audited.
async fn commit(
    state: &AppState,
    actor: &Actor,
    req: &HttpRequest,
    fresh: &[Ppks],
) -> Result<(), ApiError> {
    let rid = request_id::of(req);
    let audit: Vec<AuditEntry> = fresh
        .iter()
        .map(|p| {
            AuditEntry::by(actor, "ppks.import", "ppks", p.kalurahan.clone())
                .resource(p.id)
                .request(&rid)
        })
        .collect();
    match ppks_repo::insert_all(&state.db, &state.vault, fresh, &audit).await {
        Ok(()) => Ok(()),
        // A concurrent import took a NIK between the check and the write: nothing written.
        Err(wksbm_persistence::StoreError::Conflict(_)) => Err(ApiError::conflict(
            "nik_taken",
            Text::new(
                "Sebagian NIK baru saja didaftarkan oleh orang lain; tidak ada yang disimpan. Ulangi impor.",
                "Some NIK were registered meanwhile; nothing was written. Import again.",
            ),
        )),
        Err(e) => Err(e.into()),
    }
}

/// The body, refused with 413 as soon as it passes `IMPORT_LIMIT` (the server-wide
/// JSON limit is smaller; a file has its own).
async fn read_limited(mut payload: web::Payload) -> Result<Vec<u8>, ApiError> {
    use futures_util::StreamExt;
    let mut body = Vec::new();
    while let Some(chunk) = payload.next().await {
        let chunk = chunk.map_err(|e| {
            ApiError::new(
                StatusCode::BAD_REQUEST,
                "body_invalid",
                Text::new(
                    format!("Isi permintaan rusak: {e}"),
                    format!("Broken body: {e}"),
                ),
            )
        })?;
        if body.len() + chunk.len() > IMPORT_LIMIT {
            return Err(ApiError::new(
                StatusCode::PAYLOAD_TOO_LARGE,
                "payload_too_large",
                Text::new(
                    "Berkas impor paling besar 10 MiB; bagi menjadi beberapa berkas.",
                    "An import file is at most 10 MiB; split it into several files.",
                ),
            ));
        }
        body.extend_from_slice(&chunk);
    }
    Ok(body)
}

/// 422 with every row error as `lines[N].column` (at most 200 listed).
fn rows_invalid(r: &ImportReport) -> ApiError {
    let errors: Vec<FieldErr> = r
        .report
        .iter()
        .flat_map(|row| {
            row.errors.iter().map(move |e| FieldErr {
                field: format!("lines[{}].{}", row.line, e.column),
                code: "import_row_invalid",
                message: Text::new(
                    format!("{}: {}", e.code, e.message),
                    format!("{}: {}", e.code, e.message),
                ),
            })
        })
        .take(200)
        .collect();
    ApiError::new(
        StatusCode::UNPROCESSABLE_ENTITY,
        "import_rows_invalid",
        Text::new(
            format!(
                "{} baris salah; tidak ada yang disimpan. Jalankan dry_run untuk laporan lengkap.",
                r.invalid
            ),
            format!(
                "{} invalid row(s); nothing was written. Run with dry_run for the full report.",
                r.invalid
            ),
        ),
    )
    .with_errors(errors)
}

/// Registers this module's routes (and their documentation) under `/api/v1`.
pub fn configure(cfg: &mut ServiceConfig) {
    cfg.service(import);
}
