//! `GET /ppks/ekspor`: the caller's territory as CSV or XLSX, masked unless the caller may
//! see personal data, formula-like cells defused.

use crate::auth::extract::AuthUser;
use crate::error::ApiError;
use crate::guards::ppks::{filter_of, nik_hits, nik_search, search_fields};
use crate::i18n::Text;
use crate::middleware::request_id;
use crate::register_file::XLSX;
use crate::state::AppState;
use actix_web::http::{StatusCode, header};
use actix_web::{HttpRequest, HttpResponse, get, web};
use utoipa_actix_web::service_config::ServiceConfig;
use wksbm_domain::access::{Action, may_see_personal};
use wksbm_domain::audit::AuditEntry;
use wksbm_domain::csv::{defuse, write_record};
use wksbm_domain::nik::mask16;
use wksbm_domain::ppks::Ppks;
use wksbm_domain::ppks_columns::COLUMNS;
use wksbm_openapi::ppks::PpksQuery;
use wksbm_openapi::ppks_io::{ExportFormat, FileBytes};
use wksbm_openapi::responses::{SearchErrors, TooManyRequests};
use wksbm_persistence::ppks_repo;

/// Most rows one export returns (the territory of a kabupaten fits).
const EXPORT_MAX: u64 = 250_000;

#[derive(Debug, serde::Deserialize, utoipa::IntoParams)]
#[into_params(parameter_in = Query)]
pub struct ExportParams {
    /// `csv` (default) or `xlsx`.
    pub format: Option<ExportFormat>,
}

/// The cells of one person, in `COLUMNS` order.
fn export_cells(p: &Ppks, full: bool) -> Vec<String> {
    let private = p.private.as_ref();
    let shown = |s: &str| if full { s.to_owned() } else { mask16(s) };
    let o = |v: &Option<String>| v.clone().unwrap_or_default();
    let types = if full {
        p.all_types()
    } else {
        p.public_types.clone()
    };
    vec![
        p.id.to_string(),
        private.map(|x| shown(&x.nik)).unwrap_or_default(),
        p.name.clone(),
        private
            .and_then(|x| x.no_kk.as_deref().map(shown))
            .unwrap_or_default(),
        if full {
            o(&p.birth_place)
        } else {
            String::new()
        },
        if full {
            p.birth_date.map(|d| d.to_string()).unwrap_or_default()
        } else {
            String::new()
        },
        p.sex.map(|s| s.as_str().to_uppercase()).unwrap_or_default(),
        o(&p.rt),
        o(&p.rw),
        o(&p.address),
        if full {
            private.and_then(|x| x.phone.clone()).unwrap_or_default()
        } else {
            String::new()
        },
        types.join(";"),
        o(&p.asnaf),
        if full { o(&p.needs) } else { String::new() },
        if full { o(&p.notes) } else { String::new() },
        p.basis.basis.as_str().to_owned(),
        o(&p.basis.consent_proof),
        p.basis
            .consent_by
            .map(|c| c.as_str().to_owned())
            .unwrap_or_default(),
        if full {
            o(&p.basis.consent_name)
        } else {
            String::new()
        },
    ]
}

/// Export the PPKS register as CSV or XLSX
///
/// Caller: every role within its territory, with the search's filters. The columns are the
/// import's, so an export imports back. NIK, No. KK, phone, birth data and sensitive types are
/// full only for records the caller may see in full; cells starting with `= + - @` get a
/// leading apostrophe. Too many rows is 422 `export_too_large`. Audited. An exact `nik`
/// filter follows the search's rule: the full-view right only (403 `forbidden`), hits only
/// among people seen in full, a per-account limit (429 `rate_limited`).
#[utoipa::path(
    tag = "ppks",
    operation_id = "exportPpks",
    params(ExportParams, PpksQuery),
    security(("bearer" = [])),
    responses(
        (status = 200, description = "The file", content(
            (String = "text/csv", example = json!("id,nik,nama,no_kk\r\n0193a5b0-7c1e-7000-8000-0000000000a1,340201******0001,Sri Lestari,340201******0003\r\n")),
            (FileBytes = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", example = json!("(binary XLSX)"))
        )),
        (status = 429, response = TooManyRequests),
        SearchErrors
    )
)]
#[get("/ppks/ekspor")]
pub async fn export(
    state: web::Data<AppState>,
    req: HttpRequest,
    auth: AuthUser,
    fmt: web::Query<ExportParams>,
    q: web::Query<PpksQuery>,
) -> Result<HttpResponse, ApiError> {
    let actor = &auth.actor;
    crate::guards::require(actor, Action::PpksRead)?;
    crate::validation::check_query(&*q)?;
    let f = filter_of(actor, &q)?;
    nik_search(&state, actor, &q)?;
    let rows = ppks_repo::list(
        &state.db,
        &state.vault,
        &actor.territory,
        &f,
        None,
        EXPORT_MAX,
    )
    .await?;
    if rows.len() as u64 > EXPORT_MAX {
        return Err(ApiError::new(
            StatusCode::UNPROCESSABLE_ENTITY,
            "export_too_large",
            Text::new(
                format!("Lebih dari {EXPORT_MAX} baris; persempit dengan filter."),
                format!("More than {EXPORT_MAX} rows; narrow it with filters."),
            ),
        ));
    }
    let rows = nik_hits(actor, &q, rows);
    let table: Vec<Vec<String>> = rows
        .iter()
        .map(|p| export_cells(p, may_see_personal(actor, p.wksbm_id, &p.territory())))
        .collect();
    let audit = AuditEntry::by(
        actor,
        "ppks.export",
        "ppks",
        actor.territory.wilayah().clone(),
    )
    .request(&request_id::of(&req))
    .fields(
        &search_fields(&state, &q, rows.len())
            .iter()
            .map(String::as_str)
            .collect::<Vec<_>>(),
    );
    state.audit.record(audit).await?;
    let headers: Vec<&str> = COLUMNS.iter().map(|(c, _)| *c).collect();
    let format = fmt.format.unwrap_or_default();
    let (bytes, ct, ext) = match format {
        ExportFormat::Csv => {
            let mut out = String::from("\u{feff}");
            write_record(&mut out, &headers);
            for r in &table {
                let cells: Vec<&str> = r.iter().map(String::as_str).collect();
                write_record(&mut out, &cells);
            }
            (out.into_bytes(), "text/csv; charset=utf-8", "csv")
        }
        ExportFormat::Xlsx => (xlsx(&headers, &table)?, XLSX, "xlsx"),
    };
    Ok(HttpResponse::Ok()
        .insert_header((header::CONTENT_TYPE, ct))
        .insert_header((header::CACHE_CONTROL, "no-store"))
        .insert_header((
            header::CONTENT_DISPOSITION,
            format!("attachment; filename=\"ppks.{ext}\""),
        ))
        .body(bytes))
}

fn xlsx(headers: &[&str], table: &[Vec<String>]) -> Result<Vec<u8>, ApiError> {
    let mut wb = rust_xlsxwriter::Workbook::new();
    let ws = wb.add_worksheet();
    let err = |e: rust_xlsxwriter::XlsxError| ApiError::internal(e.to_string());
    for (c, h) in headers.iter().enumerate() {
        ws.write_string(0, c as u16, *h).map_err(err)?;
    }
    for (r, row) in table.iter().enumerate() {
        for (c, v) in row.iter().enumerate() {
            if !v.is_empty() {
                ws.write_string((r + 1) as u32, c as u16, defuse(v).as_ref())
                    .map_err(err)?;
            }
        }
    }
    wb.save_to_buffer().map_err(err)
}

/// Registers this module's routes (and their documentation) under `/api/v1`.
pub fn configure(cfg: &mut ServiceConfig) {
    cfg.service(export)
        .route("/ppks/impor", web::route().to(super::fallback::fallback))
        .route("/ppks/ekspor", web::route().to(super::fallback::fallback));
}
