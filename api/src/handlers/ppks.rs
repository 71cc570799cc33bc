//! The PPKS register: register, search, read (masked or full, every read audited),
//! correct, change status, verify.

use crate::auth::extract::AuthUser;
use crate::clock::today;
use crate::error::{ApiError, FieldErr};
use crate::guards::ppks::{
    filter_of, load, nik_hits, nik_search, not_anonymised, placement, search_fields,
};
use crate::i18n::Text;
use crate::middleware::request_id;
use crate::pagination::PageRequest;
use crate::ppks_draft::{check, draft_of, invalid, wants_english, warnings};
use crate::precondition::{etag, required_version};
use crate::state::AppState;
use crate::validation;
use actix_web::http::header;
use actix_web::{HttpRequest, HttpResponse, get, patch, post, web};
use utoipa_actix_web::service_config::ServiceConfig;
use uuid::Uuid;
use wksbm_domain::access::{Action, Actor, may_know_of, may_see_personal};
use wksbm_domain::audit::AuditEntry;
use wksbm_domain::ppks::{InactiveReason, Ppks};
use wksbm_domain::ppks_draft::Placement;
use wksbm_openapi::page::{Page, PageParams};
use wksbm_openapi::ppks::{
    PpksQuery, PpksRequest, PpksStatus, PpksStatusRequest, VerificationStatus, VerifyRequest,
    Warning,
};
use wksbm_openapi::ppks_view::{Ppks as PpksDto, PpksSummary};
use wksbm_openapi::responses::{
    ReadErrors, SearchErrors, TooManyRequests, UpdateErrors, WriteErrors,
};
use wksbm_persistence::StoreError;
use wksbm_persistence::ppks_repo::{self};

const LIST: &str = "ppks";

fn entry(actor: &Actor, action: &'static str, p: &Ppks, req: &HttpRequest) -> AuditEntry {
    AuditEntry::by(actor, action, "ppks", p.kalurahan.clone())
        .resource(p.id)
        .request(&request_id::of(req))
}

/// 409 for a NIK already registered; points to the record when the caller can see it.
pub(crate) async fn nik_taken(state: &AppState, actor: &Actor, nik: &str) -> ApiError {
    let found = ppks_repo::locate_niks(&state.db, &state.vault, &[nik])
        .await
        .ok()
        .and_then(|m| m.get(nik).cloned())
        .filter(|(_, t)| may_know_of(actor, t));
    let mut e = ApiError::conflict(
        "nik_taken",
        Text::new(
            "NIK ini sudah terdaftar; satu orang satu data.",
            "This NIK is already registered: one person, one record.",
        ),
    );
    if let Some((id, _)) = found {
        let at = format!("/api/v1/ppks/{id}");
        e.errors = vec![FieldErr {
            field: "nik".into(),
            code: "nik_taken",
            message: Text::new(
                format!("Sudah terdaftar sebagai {at}"),
                format!("Already registered as {at}"),
            ),
        }];
        e = e.with_header("link", format!("<{at}>; rel=\"duplicate\""));
    }
    e
}

fn respond(
    status: actix_web::http::StatusCode,
    p: &Ppks,
    full: bool,
    warns: Vec<Warning>,
) -> HttpResponse {
    let mut dto = PpksDto::view(p, full, today());
    dto.warnings = warns;
    HttpResponse::build(status)
        .insert_header((header::ETAG, etag(p.version)))
        .insert_header((header::CACHE_CONTROL, "no-store"))
        .json(dto)
}

/// 200 with a changed record, in the view the caller may see.
fn changed(actor: &Actor, saved: &Ppks, warns: Vec<Warning>) -> HttpResponse {
    let full = may_see_personal(actor, saved.wksbm_id, &saved.territory());
    respond(actix_web::http::StatusCode::OK, saved, full, warns)
}

/// Register a person (PPKS)
///
/// Caller: kalurahan and admin within their territory, or the ketua or sekretaris of the
/// person's WKSBM; others 403 `forbidden`, outside the territory 404 `not_found`. The NIK is
/// checked (422 `nik_format`, `nik_invalid_date`, `nik_birth_date_mismatch`,
/// `nik_sex_mismatch`, …) and unique in the register (409 `nik_taken`); a client-chosen id must
/// be free (409 `id_taken`). The NIK, No. KK and phone are encrypted at rest. An unknown
/// kecamatan in the NIK is a warning in the response, not an error.
///
/// A body that breaks a field rule is 422 `validation_failed` with `errors` per field.
#[utoipa::path(
    tag = "ppks",
    operation_id = "createPpks",
    request_body = PpksRequest,
    security(("bearer" = [])),
    responses(
        (status = 201, description = "Registered (full view, with any warnings)", body = PpksDto, headers(("ETag" = String), ("Location" = String))),
        WriteErrors
    )
)]
#[post("/ppks")]
pub async fn create(
    state: web::Data<AppState>,
    req: HttpRequest,
    auth: AuthUser,
    body: web::Json<PpksRequest>,
) -> Result<HttpResponse, ApiError> {
    let actor = &auth.actor;
    crate::guards::require(actor, Action::PpksWrite)?;
    validation::check(&*body)?;
    let (pad, wksbm) = placement(&state, actor, body.padukuhan_id).await?;
    let at = Placement {
        id: body.id.unwrap_or_else(Uuid::now_v7),
        padukuhan: &pad,
        wksbm_id: wksbm,
        by: actor.user_id,
    };
    let built = check(&state, &draft_of(&body), &at, true).map_err(invalid)?;
    let p = built.record;
    let audit = entry(actor, "ppks.create", &p, &req).fields(&["identity", "types", "basis"]);
    let saved = match ppks_repo::insert(&state.db, &state.vault, &p, &audit).await {
        Ok(s) => s,
        Err(StoreError::Conflict(_)) => {
            // Either the NIK or a client-chosen id is taken; the NIK is checked first.
            let nik = body.nik.trim();
            let taken = ppks_repo::locate_niks(&state.db, &state.vault, &[nik]).await?;
            return Err(if taken.contains_key(nik) {
                nik_taken(&state, actor, nik).await
            } else {
                ApiError::conflict(
                    "id_taken",
                    Text::new("id sudah dipakai.", "The id is already used."),
                )
            });
        }
        Err(e) => return Err(e.into()),
    };
    let full = may_see_personal(actor, saved.wksbm_id, &saved.territory());
    let mut res = respond(
        actix_web::http::StatusCode::CREATED,
        &saved,
        full,
        warnings(&built.warnings, wants_english(&req)),
    );
    res.headers_mut().insert(
        header::LOCATION,
        header::HeaderValue::from_str(&format!("/api/v1/ppks/{}", saved.id))
            .map_err(|e| ApiError::internal(e.to_string()))?,
    );
    Ok(res)
}

/// Search the PPKS register
///
/// Caller: every role within its territory. The NIK is always masked and only non-sensitive
/// types are shown; every search is written to the audit log. Cursor pages: `page_size` 1-200
/// (default 50), `page_token` from `next_page_token` (400 `query_invalid` /
/// `page_token_invalid` when malformed), a `Link: rel="next"` header.
///
/// An exact `nik` search needs the right to see personal data in full (403 `forbidden`
/// otherwise; a masked NIK must not be recoverable by trying its digits), finds only people
/// the caller sees in full, is audited with the NIK's keyed hash even when it finds nothing,
/// and is limited to 20 a minute and 200 an hour per account (429 `rate_limited` with
/// `Retry-After`).
#[utoipa::path(
    tag = "ppks",
    operation_id = "listPpks",
    params(PpksQuery, PageParams),
    security(("bearer" = [])),
    responses(
        (status = 200, description = "One page", body = Page<PpksSummary>),
        (status = 429, response = TooManyRequests),
        SearchErrors
    )
)]
#[get("/ppks")]
pub async fn list(
    state: web::Data<AppState>,
    req: HttpRequest,
    auth: AuthUser,
    q: web::Query<PpksQuery>,
    page: web::Query<PageParams>,
) -> Result<HttpResponse, ApiError> {
    let actor = &auth.actor;
    crate::guards::require(actor, Action::PpksRead)?;
    validation::check_query(&*q)?;
    let f = filter_of(actor, &q)?;
    nik_search(&state, actor, &q)?;
    let page = PageRequest::<Uuid>::parse(LIST, &page)?;
    let rows = ppks_repo::list(
        &state.db,
        &state.vault,
        &actor.territory,
        &f,
        page.after,
        page.limit(),
    )
    .await?;
    let paged = page.split(nik_hits(actor, &q, rows), |p| p.id.to_string());
    let fields = search_fields(&state, &q, paged.rows.len());
    let fields: Vec<&str> = fields.iter().map(String::as_str).collect();
    let audit = AuditEntry::by(
        actor,
        "ppks.list",
        "ppks",
        actor.territory.wilayah().clone(),
    )
    .request(&request_id::of(&req))
    .fields(&fields);
    state.audit.record(audit).await?;
    let mut res = paged.respond(&req, |r| PpksSummary::from(r));
    res.headers_mut().insert(
        header::CACHE_CONTROL,
        header::HeaderValue::from_static("no-store"),
    );
    Ok(res)
}

/// Get one person
///
/// Caller: every role within its territory. The full view (full NIK and No. KK, phone, birth
/// date, sensitive types) only for the ketua and sekretaris of the person's WKSBM, kalurahan,
/// dinsos and admin, and integrasi with the personal-data grant; otherwise the limited view.
/// Every read is audited (`ppks.read_full` or `ppks.read`). Outside the caller's territory, or
/// unknown: 404 `not_found`.
#[utoipa::path(
    tag = "ppks",
    operation_id = "getPpks",
    params(("id" = Uuid, Path, description = "PPKS id")),
    security(("bearer" = [])),
    responses(
        (status = 200, description = "The person", body = PpksDto, headers(("ETag" = String))),
        ReadErrors
    )
)]
#[get("/ppks/{id}")]
pub async fn get(
    state: web::Data<AppState>,
    req: HttpRequest,
    auth: AuthUser,
    id: web::Path<Uuid>,
) -> Result<HttpResponse, ApiError> {
    let actor = &auth.actor;
    let p = load(&state, actor, *id, Action::PpksRead).await?;
    let full = may_see_personal(actor, p.wksbm_id, &p.territory());
    let action = if full { "ppks.read_full" } else { "ppks.read" };
    state.audit.record(entry(actor, action, &p, &req)).await?;
    Ok(respond(
        actix_web::http::StatusCode::OK,
        &p,
        full,
        Vec::new(),
    ))
}

/// Correct a person's record
///
/// Caller: kalurahan and admin within their territory, or the ketua or sekretaris of the
/// person's WKSBM; others 403 `forbidden`, outside the territory 404 `not_found`. Replaces the
/// fields of the body (the data subject's right to correction); the NIK may change if the new
/// one is not registered (409 `nik_taken`). `status` is not settable here (422
/// `field_not_settable`).
///
/// Requires `If-Match` with the `ETag` of the last read: 428 `precondition_required` without
/// it, 412 `precondition_failed` when someone changed it first. A body that breaks a field rule
/// is 422 `validation_failed` with `errors` per field.
#[utoipa::path(
    tag = "ppks",
    operation_id = "updatePpks",
    params(("id" = Uuid, Path, description = "PPKS id"), ("If-Match" = String, Header, description = "The ETag of the version being changed")),
    request_body = PpksRequest,
    security(("bearer" = [])),
    responses(
        (status = 200, description = "The corrected record", body = PpksDto, headers(("ETag" = String))),
        UpdateErrors
    )
)]
#[patch("/ppks/{id}")]
pub async fn update(
    state: web::Data<AppState>,
    req: HttpRequest,
    auth: AuthUser,
    id: web::Path<Uuid>,
    body: web::Json<PpksRequest>,
) -> Result<HttpResponse, ApiError> {
    let actor = &auth.actor;
    let current = load(&state, actor, *id, Action::PpksWrite).await?;
    validation::check(&*body)?;
    if body.id.is_some_and(|given| given != *id) {
        return Err(ApiError::field(
            "id",
            "field_not_settable",
            Text::new("id tidak dapat diubah", "the id cannot change"),
        ));
    }
    // The precondition first: a client without If-Match learns that before the state.
    let expected = required_version(&req, current.version)?;
    not_anonymised(&current)?;
    let (pad, wksbm) = placement(&state, actor, body.padukuhan_id).await?;
    let at = Placement {
        id: current.id,
        padukuhan: &pad,
        wksbm_id: wksbm,
        by: current.created_by,
    };
    let built = check(&state, &draft_of(&body), &at, true).map_err(invalid)?;
    let mut p = built.record;
    p.created_at = current.created_at;
    p.verification = current.verification.clone();
    p.active = current.active;
    p.status_reason = current.status_reason;
    p.status_date = current.status_date;
    p.status_note = current.status_note.clone();
    let audit = entry(actor, "ppks.update", &p, &req).fields(&["identity", "types", "basis"]);
    let saved = match ppks_repo::save(&state.db, &state.vault, &p, expected, &audit).await {
        Ok(s) => s,
        Err(StoreError::Conflict(_)) => return Err(nik_taken(&state, actor, body.nik.trim()).await),
        Err(e) => return Err(e.into()),
    };
    Ok(changed(
        actor,
        &saved,
        warnings(&built.warnings, wants_english(&req)),
    ))
}

/// Set a person active or inactive
///
/// Caller: kalurahan and admin within their territory, or the ketua or sekretaris of the
/// person's WKSBM; others 403 `forbidden`, outside the territory 404 `not_found`. `nonaktif`
/// needs a reason (422 `reason_required`) and a date not in the future (422 `date_future`);
/// `aktif` sets the person active again. A person is never deleted.
#[utoipa::path(
    tag = "ppks",
    operation_id = "setPpksStatus",
    params(("id" = Uuid, Path, description = "PPKS id")),
    request_body = PpksStatusRequest,
    security(("bearer" = [])),
    responses(
        (status = 200, description = "The record", body = PpksDto, headers(("ETag" = String))),
        WriteErrors
    )
)]
#[post("/ppks/{id}/status")]
pub async fn set_status(
    state: web::Data<AppState>,
    req: HttpRequest,
    auth: AuthUser,
    id: web::Path<Uuid>,
    body: web::Json<PpksStatusRequest>,
) -> Result<HttpResponse, ApiError> {
    let actor = &auth.actor;
    let current = load(&state, actor, *id, Action::PpksWrite).await?;
    validation::check(&*body)?;
    not_anonymised(&current)?;
    let date = body.date.unwrap_or_else(today);
    if date > today() {
        return Err(ApiError::field(
            "date",
            "date_future",
            Text::new(
                "Tanggal tidak boleh di masa depan.",
                "The date cannot be in the future.",
            ),
        ));
    }
    let mut p = current.clone();
    match body.status {
        PpksStatus::Aktif => {
            p.active = true;
            p.status_reason = None;
            p.status_date = None;
            p.status_note = body.note.clone().map(Into::into);
        }
        PpksStatus::Nonaktif => {
            let Some(reason) = body.reason else {
                return Err(ApiError::field(
                    "reason",
                    "reason_required",
                    Text::new(
                        "Alasan wajib diisi untuk menonaktifkan.",
                        "A reason is needed to deactivate.",
                    ),
                ));
            };
            p.active = false;
            p.status_reason = Some(InactiveReason::from(reason));
            p.status_date = Some(date);
            p.status_note = body.note.clone().map(Into::into);
        }
    }
    let audit = entry(actor, "ppks.status", &p, &req).fields(&["status"]);
    let saved = ppks_repo::save(&state.db, &state.vault, &p, current.version, &audit).await?;
    Ok(changed(actor, &saved, Vec::new()))
}

/// Record the field verification of a person
///
/// Caller: kalurahan or dinsos within their territory; others 403 `forbidden`. Records who
/// verified and when. Outside the caller's territory, or unknown: 404 `not_found`.
#[utoipa::path(
    tag = "ppks",
    operation_id = "verifyPpks",
    params(("id" = Uuid, Path, description = "PPKS id")),
    request_body = VerifyRequest,
    security(("bearer" = [])),
    responses(
        (status = 200, description = "The record", body = PpksDto, headers(("ETag" = String))),
        WriteErrors
    )
)]
#[post("/ppks/{id}/verifikasi")]
pub async fn verify(
    state: web::Data<AppState>,
    req: HttpRequest,
    auth: AuthUser,
    id: web::Path<Uuid>,
    body: web::Json<VerifyRequest>,
) -> Result<HttpResponse, ApiError> {
    let actor = &auth.actor;
    let current = load(&state, actor, *id, Action::PpksVerify).await?;
    let mut p = current.clone();
    let verified = body.status == VerificationStatus::Terverifikasi;
    p.verification = wksbm_domain::ppks::Verification {
        verified,
        by: Some(actor.user_id),
        by_role: Some(actor.role.as_str().to_owned()),
        at: Some(chrono::Utc::now()),
    };
    let audit = entry(actor, "ppks.verify", &p, &req).fields(&["verification"]);
    let saved = ppks_repo::save(&state.db, &state.vault, &p, current.version, &audit).await?;
    Ok(changed(actor, &saved, Vec::new()))
}

/// Registers this module's routes (and their documentation) under `/api/v1`.
pub fn configure(cfg: &mut ServiceConfig) {
    cfg.service(create)
        .service(list)
        .service(get)
        .service(update)
        .service(set_status)
        .service(verify);
}
