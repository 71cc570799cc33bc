//! `POST /ppks/impor`: importing people into one padukuhan from CSV or XLSX (dry run with a
//! report per row; commit all or nothing; re-import adds no duplicates).

use super::ppks::placement;
use super::ppks_rules::{Input, Issue, Placement, build, message_id};
use super::ppks_xlsx::{CSV, XLSX};
use crate::auth::extract::AuthUser;
use crate::error::{ApiError, FieldErr};
use crate::i18n::Text;
use crate::middleware::request_id;
use crate::state::AppState;
use actix_web::http::{StatusCode, header};
use actix_web::{HttpRequest, HttpResponse, post, web};
use std::collections::HashMap;
use utoipa_actix_web::service_config::ServiceConfig;
use uuid::Uuid;
use wksbm_domain::access::{Action, may_at_all};
use wksbm_domain::audit::Entry;
use wksbm_domain::nik::Sex;
use wksbm_domain::ppks::{ConsentBy, LawfulBasis};
use wksbm_domain::ppks_columns::{COLUMNS, canonical};
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
        return crate::handlers::ppks_xlsx::read_xlsx(body);
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

/// A cell as written: trimmed, a defusing apostrophe removed, empty as `None`.
fn cell(v: &str) -> Option<String> {
    let v = v.trim();
    let v = match v.strip_prefix('\'') {
        Some(rest) if rest.starts_with(['=', '+', '-', '@']) => rest,
        _ => v,
    };
    (!v.is_empty()).then(|| v.to_owned())
}

fn parse_date(s: &str) -> Option<chrono::NaiveDate> {
    ["%Y-%m-%d", "%d-%m-%Y", "%d/%m/%Y"]
        .iter()
        .find_map(|f| chrono::NaiveDate::parse_from_str(s, f).ok())
}

fn row_issue(column: &str, code: &'static str, en: impl Into<String>) -> RowIssue {
    RowIssue {
        column: column.to_owned(),
        code: code.to_owned(),
        message: format!("{} ({})", message_id(code), en.into()),
    }
}

/// The columns of a field in the header, for reporting a rule by the file's own name.
fn column_of(field: &str) -> &'static str {
    match field {
        "nik" => "nik",
        "no_kk" => "no_kk",
        "name" => "nama",
        "birth_date" => "tanggal_lahir",
        "sex" => "jenis_kelamin",
        "types" => "jenis_ppks",
        "asnaf" => "asnaf",
        "consent_proof" => "bukti_persetujuan",
        "consent_by" => "pemberi_persetujuan",
        _ => "nik",
    }
}

/// Reads one row into an input; format problems of single cells are row issues.
fn input_of_row(get: &dyn Fn(&str) -> Option<String>) -> (Input, Option<Uuid>, Vec<RowIssue>) {
    let mut issues = Vec::new();
    let id = get("id").and_then(|v| match Uuid::parse_str(&v) {
        Ok(u) => Some(u),
        Err(_) => {
            issues.push(row_issue("id", "id_invalid", "not a UUID"));
            None
        }
    });
    let text = |col: &str, max: usize, issues: &mut Vec<RowIssue>| {
        let v = get(col)?;
        if v.chars().count() > max {
            issues.push(row_issue(
                col,
                "text_too_long",
                format!("at most {max} characters"),
            ));
            None
        } else if v.chars().any(|c| (c as u32) < 0x20 || c as u32 == 0x7f) {
            issues.push(row_issue(col, "text_invalid", "control characters"));
            None
        } else {
            Some(v)
        }
    };
    let digits = |col: &str, issues: &mut Vec<RowIssue>| {
        let v = get(col)?;
        if (1..=3).contains(&v.len()) && v.bytes().all(|b| b.is_ascii_digit()) {
            Some(v)
        } else {
            issues.push(row_issue(col, "rt_rw_invalid", "1-3 digits"));
            None
        }
    };
    let name = text("nama", 200, &mut issues);
    if name.is_none() && !issues.iter().any(|i| i.column == "nama") {
        issues.push(row_issue("nama", "name_required", "a name is needed"));
    }
    let nik = get("nik").unwrap_or_default();
    if nik.is_empty() {
        issues.push(row_issue("nik", "nik_format", "a NIK is needed"));
    }
    let birth_date = get("tanggal_lahir").and_then(|v| {
        parse_date(&v).or_else(|| {
            issues.push(row_issue("tanggal_lahir", "date_invalid", "YYYY-MM-DD"));
            None
        })
    });
    let sex = get("jenis_kelamin").and_then(|v| {
        Sex::parse(&v).or_else(|| {
            issues.push(row_issue("jenis_kelamin", "sex_invalid", "L or P"));
            None
        })
    });
    let phone = get("telepon").and_then(|v| {
        let compact: String = v.chars().filter(|c| !matches!(c, ' ' | '-')).collect();
        if wksbm_openapi::ppks::phone_number(&compact).is_ok() {
            Some(compact)
        } else {
            issues.push(row_issue(
                "telepon",
                "phone_invalid",
                "6-15 digits, + allowed first",
            ));
            None
        }
    });
    let basis = get("dasar_pemrosesan").and_then(|v| {
        LawfulBasis::parse(&v.to_lowercase()).or_else(|| {
            issues.push(row_issue(
                "dasar_pemrosesan",
                "lawful_basis_unknown",
                "persetujuan, kewajiban_hukum or tugas_publik",
            ));
            None
        })
    });
    let consent_by = get("pemberi_persetujuan").and_then(|v| {
        ConsentBy::parse(&v.to_lowercase()).or_else(|| {
            issues.push(row_issue(
                "pemberi_persetujuan",
                "consent_by_unknown",
                "diri_sendiri, orang_tua or wali",
            ));
            None
        })
    });
    let input = Input {
        nik,
        no_kk: get("no_kk"),
        name: name.unwrap_or_default(),
        birth_place: text("tempat_lahir", 100, &mut issues),
        birth_date,
        sex,
        rt: digits("rt", &mut issues),
        rw: digits("rw", &mut issues),
        address: text("alamat", 500, &mut issues),
        phone,
        types: get("jenis_ppks")
            .map(|v| {
                v.split([';', ','])
                    .map(str::trim)
                    .filter(|t| !t.is_empty())
                    .map(str::to_owned)
                    .collect()
            })
            .unwrap_or_default(),
        asnaf: get("asnaf"),
        needs: text("kebutuhan", 1000, &mut issues),
        notes: text("catatan", 2000, &mut issues),
        basis,
        consent_proof: text("bukti_persetujuan", 200, &mut issues),
        consent_by,
        consent_name: text("nama_pemberi_persetujuan", 200, &mut issues),
    };
    (input, id, issues)
}

fn to_row_issues(issues: Vec<Issue>, english: bool) -> Vec<RowIssue> {
    issues
        .into_iter()
        .map(|i| RowIssue {
            column: column_of(i.field).to_owned(),
            code: i.code.to_owned(),
            message: if english { i.message.en } else { i.message.id },
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
    if !may_at_all(actor, Action::PpksWrite) {
        return Err(ApiError::forbidden());
    }
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
    let (pad, wksbm) = placement(&state, actor, q.padukuhan_id).await?;
    let body = read_limited(payload).await?;
    let table = read_table(&ct, &body)?;
    let english = super::ppks::wants_english(&req);
    let dry_run = q.dry_run.unwrap_or(true);
    let Some(((_, header_cells), rows)) = table.split_first() else {
        return Err(ApiError::unprocessable(
            "import_empty",
            Text::new("Berkas kosong.", "The file is empty."),
        ));
    };
    let mut columns = Vec::new();
    for h in header_cells {
        match canonical(h) {
            Some(c) if columns.contains(&Some(c)) => {
                return Err(ApiError::unprocessable(
                    "import_column_repeated",
                    Text::new(
                        format!("Kolom {h:?} muncul dua kali."),
                        format!("Column {h:?} appears twice."),
                    ),
                ));
            }
            Some(c) => columns.push(Some(c)),
            None if h.trim().is_empty() => columns.push(None),
            None => {
                return Err(ApiError::unprocessable(
                    "import_unknown_column",
                    Text::new(
                        format!(
                            "Kolom {h:?} tidak dikenal; kolom yang dikenal: {}.",
                            known()
                        ),
                        format!("Unknown column {h:?}; known columns: {}.", known()),
                    ),
                ));
            }
        }
    }
    for needed in ["nik", "nama"] {
        if !columns.contains(&Some(needed)) {
            return Err(ApiError::unprocessable(
                "import_missing_column",
                Text::new(
                    format!("Kolom {needed} wajib ada."),
                    format!("Column {needed} is required."),
                ),
            ));
        }
    }
    // Checked off the async workers: a 10 MiB file is tens of thousands of rows.
    let st = state.clone();
    let by = actor.user_id;
    let rows = rows.to_vec();
    let checked = web::block(move || {
        let mut out = Vec::with_capacity(rows.len());
        for (line, cells) in rows {
            if cells.iter().all(|c| c.trim().is_empty()) {
                continue;
            }
            let get = |col: &str| {
                columns
                    .iter()
                    .position(|c| *c == Some(col))
                    .and_then(|i| cells.get(i))
                    .and_then(|v| cell(v))
            };
            let (input, id, mut issues) = input_of_row(&get);
            let at = Placement {
                id: id.unwrap_or_else(Uuid::now_v7),
                padukuhan: &pad,
                wksbm_id: wksbm,
                by,
            };
            let built = build(&st, &input, &at, false);
            let (record, warns) = match built {
                Ok(b) if issues.is_empty() => (Some(b.record), to_row_issues(b.warnings, english)),
                Ok(b) => (None, to_row_issues(b.warnings, english)),
                Err(e) => {
                    issues.extend(to_row_issues(e, english));
                    (None, Vec::new())
                }
            };
            out.push((line, input.nik, record, issues, warns));
        }
        out
    })
    .await
    .map_err(|e| ApiError::internal(e.to_string()))?;
    let niks: Vec<&str> = checked.iter().map(|c| c.1.as_str()).collect();
    let existing = ppks_repo::locate_niks(&state.db, &state.vault, &niks).await?;
    let mut seen: HashMap<String, usize> = HashMap::new();
    let mut report = Vec::with_capacity(checked.len());
    let mut fresh = Vec::new();
    for (line, nik, record, mut errors, warnings) in checked {
        let mut outcome = RowOutcome::Baru;
        let mut id = record.as_ref().map(|r| r.id);
        if let Some(first) = seen.get(&nik).filter(|_| !nik.is_empty()) {
            errors.push(row_issue(
                "nik",
                "nik_repeated_in_file",
                format!("the same NIK as line {first}"),
            ));
        } else if let Some((found, t)) = existing.get(&nik) {
            if actor.territory.contains(t) {
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
    let invalid = report
        .iter()
        .filter(|r| r.outcome == RowOutcome::Salah)
        .count();
    let summary = ImportReport {
        dry_run,
        committed: false,
        rows: report.len(),
        new: report
            .iter()
            .filter(|r| r.outcome == RowOutcome::Baru)
            .count(),
        existing: report
            .iter()
            .filter(|r| r.outcome == RowOutcome::Sudah)
            .count(),
        invalid,
        report,
    };
    if dry_run {
        return Ok(HttpResponse::Ok().json(summary));
    }
    if invalid > 0 {
        return Err(rows_invalid(&summary));
    }
    let rid = request_id::of(&req);
    let audit: Vec<Entry> = fresh
        .iter()
        .map(|p| {
            Entry::by(actor, "ppks.import", "ppks", p.kalurahan.clone())
                .resource(p.id)
                .request(&rid)
        })
        .collect();
    match ppks_repo::insert_all(&state.db, &state.vault, &fresh, &audit).await {
        Ok(()) => {}
        // A concurrent import took a NIK between the check and the write: nothing written.
        Err(wksbm_persistence::StoreError::Conflict(_)) => {
            return Err(ApiError::conflict(
                "nik_taken",
                Text::new(
                    "Sebagian NIK baru saja didaftarkan oleh orang lain; tidak ada yang disimpan. Ulangi impor.",
                    "Some NIK were registered meanwhile; nothing was written. Import again.",
                ),
            ));
        }
        Err(e) => return Err(e.into()),
    }
    Ok(HttpResponse::Ok().json(ImportReport {
        committed: true,
        ..summary
    }))
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

fn known() -> String {
    COLUMNS
        .iter()
        .map(|(c, _)| *c)
        .collect::<Vec<_>>()
        .join(", ")
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
