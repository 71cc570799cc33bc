//! The PSKS register (`/api/v1/psks`): the 12 types of social welfare potential, people
//! or institutions, linked to a WKSBM.

use crate::auth::extract::AuthUser;
use crate::error::ApiError;
use crate::i18n::Text;
use crate::registers::{self, Fields};
use crate::state::AppState;
use crate::validation;
use actix_web::{HttpRequest, HttpResponse, get, patch, post, web};
use utoipa_actix_web::service_config::ServiceConfig;
use uuid::Uuid;
use wksbm_domain::access::Action;
use wksbm_domain::jejaring::Register;
use wksbm_openapi::jejaring::{
    DeactivatePartnerRequest, Partner as PartnerDto, PartnerQuery, PsksRequest, PsksScope,
};
use wksbm_openapi::page::{Page, PageParams};
use wksbm_openapi::responses::{CreateErrors, ReadErrors, SearchErrors, UpdateErrors, WriteErrors};

fn fields(b: &PsksRequest) -> Fields {
    Fields {
        kind: b.kind.clone(),
        name: b.name.clone(),
        form: Some(b.form.as_str().to_owned()),
        within_area: Some(b.within_area.unwrap_or(true)),
        contact: b.contact.clone(),
        services: b.services.clone(),
        capacity: b.capacity,
        mou_number: None,
        mou_start: None,
        mou_end: None,
        notes: b.notes.clone(),
    }
}

/// Register a PSKS
///
/// Caller: kalurahan and admin within their territory, or the board of that WKSBM except
/// anggota; others 403 `forbidden`. The WKSBM in `wksbm_id` must be in the caller's territory
/// (422 `wksbm_unknown`).
///
/// A body that breaks a field rule is 422 `validation_failed` with `errors` per field.
#[utoipa::path(
    tag = "jejaring",
    operation_id = "createPsks",
    request_body = PsksRequest,
    security(("bearer" = [])),
    responses(
        (status = 201, description = "Registered", body = PartnerDto, headers(("ETag" = String), ("Location" = String))),
        CreateErrors
    )
)]
#[post("/psks")]
pub async fn create(
    state: web::Data<AppState>,
    req: HttpRequest,
    auth: AuthUser,
    body: web::Json<PsksRequest>,
) -> Result<HttpResponse, ApiError> {
    let actor = &auth.actor;
    crate::guards::require(actor, Action::PartnerManage)?;
    validation::check(&*body)?;
    let w = registers::writable_wksbm(&state, actor, body.wksbm_id)
        .await?
        .ok_or_else(|| {
            ApiError::field(
                "wksbm_id",
                "wksbm_unknown",
                Text::new(
                    "WKSBM tidak ada di wilayah Anda.",
                    "No WKSBM with this id in your territory.",
                ),
            )
        })?;
    let id = body.id.unwrap_or_else(Uuid::now_v7);
    let p = registers::build(Register::Psks, &w, id, fields(&body), chrono::Utc::now())?;
    registers::create(&state, &req, actor, &p, format!("/api/v1/psks/{id}")).await
}

/// List PSKS
///
/// Caller: every role within its territory except integrasi without the personal-data grant; a
/// board member for its own WKSBM. The read is audited. Filters: name, type as `kind`, active,
/// WKSBM, region (400 `kode_wilayah_invalid`), `updated_since`. Cursor pages: `page_size` 1-200
/// (default 50), `page_token` from `next_page_token` (400 `query_invalid` /
/// `page_token_invalid` when malformed), a `Link: rel="next"` header.
#[utoipa::path(
    tag = "jejaring",
    operation_id = "listPsks",
    params(PartnerQuery, PsksScope, PageParams),
    security(("bearer" = [])),
    responses(
        (status = 200, description = "One page", body = Page<PartnerDto>),
        SearchErrors
    )
)]
#[get("/psks")]
pub async fn list(
    state: web::Data<AppState>,
    req: HttpRequest,
    auth: AuthUser,
    q: web::Query<PartnerQuery>,
    scope: web::Query<PsksScope>,
    page: web::Query<PageParams>,
) -> Result<HttpResponse, ApiError> {
    crate::guards::require(&auth.actor, Action::PartnerRead)?;
    let wilayah = scope
        .wilayah_code
        .as_deref()
        .map(|w| crate::validation::query_wilayah_code("wilayah_code", w))
        .transpose()?;
    registers::list(
        &state,
        &req,
        &auth,
        Register::Psks,
        &q,
        &page,
        scope.wksbm_id,
        wilayah,
    )
    .await
}

/// Get one PSKS
///
/// Caller: every role within its territory except integrasi without the personal-data grant; a
/// board member for its own WKSBM. The read is audited. Returns the `ETag`. Outside the
/// caller's territory, or unknown: 404 `not_found`.
#[utoipa::path(
    tag = "jejaring",
    operation_id = "getPsks",
    params(("id" = Uuid, Path, description = "PSKS id")),
    security(("bearer" = [])),
    responses(
        (status = 200, description = "The PSKS", body = PartnerDto, headers(("ETag" = String))),
        ReadErrors
    )
)]
#[get("/psks/{id}")]
pub async fn get(
    state: web::Data<AppState>,
    req: HttpRequest,
    auth: AuthUser,
    id: web::Path<Uuid>,
) -> Result<HttpResponse, ApiError> {
    registers::read(&state, &req, &auth.actor, Register::Psks, *id, None).await
}

/// Replace a PSKS's details
///
/// Caller: kalurahan and admin within their territory, or the board of this WKSBM except
/// anggota; others 403 `forbidden`, outside the territory 404 `not_found`. The WKSBM does not
/// change (422 `field_not_settable`).
///
/// Requires `If-Match` with the `ETag` of the last read: 428 `precondition_required` without
/// it, 412 `precondition_failed` when someone changed it first.
#[utoipa::path(
    tag = "jejaring",
    operation_id = "updatePsks",
    params(("id" = Uuid, Path, description = "PSKS id"), ("If-Match" = String, Header, description = "The ETag of the version being changed")),
    request_body = PsksRequest,
    security(("bearer" = [])),
    responses(
        (status = 200, description = "The changed PSKS", body = PartnerDto, headers(("ETag" = String))),
        UpdateErrors
    )
)]
#[patch("/psks/{id}")]
pub async fn update(
    state: web::Data<AppState>,
    req: HttpRequest,
    auth: AuthUser,
    id: web::Path<Uuid>,
    body: web::Json<PsksRequest>,
) -> Result<HttpResponse, ApiError> {
    let actor = &auth.actor;
    let current = registers::load(
        &state,
        actor,
        Register::Psks,
        *id,
        None,
        Action::PartnerManage,
    )
    .await?;
    validation::check(&*body)?;
    registers::same_id(body.id, *id)?;
    if body.wksbm_id != current.wksbm_id {
        return Err(ApiError::field(
            "wksbm_id",
            "field_not_settable",
            Text::new(
                "WKSBM sebuah PSKS tidak dapat diubah; daftarkan di WKSBM lain.",
                "A PSKS's WKSBM cannot change; register it with the other WKSBM.",
            ),
        ));
    }
    let w = registers::writable_wksbm(&state, actor, current.wksbm_id)
        .await?
        .ok_or_else(|| registers::not_found(Register::Psks, &id.to_string()))?;
    let next = registers::build(Register::Psks, &w, *id, fields(&body), current.created_at)?;
    registers::update(&state, &req, actor, &current, next).await
}

/// Deactivate a PSKS
///
/// Caller: kalurahan and admin within their territory, or the board of this WKSBM except
/// anggota; others 403 `forbidden`, outside the territory 404 `not_found`. A reason is
/// required; the PSKS is never deleted. 409 `already_inactive` the second time.
#[utoipa::path(
    tag = "jejaring",
    operation_id = "deactivatePsks",
    params(("id" = Uuid, Path, description = "PSKS id")),
    request_body = DeactivatePartnerRequest,
    security(("bearer" = [])),
    responses(
        (status = 200, description = "The deactivated PSKS", body = PartnerDto, headers(("ETag" = String))),
        WriteErrors
    )
)]
#[post("/psks/{id}/nonaktifkan")]
pub async fn deactivate(
    state: web::Data<AppState>,
    req: HttpRequest,
    auth: AuthUser,
    id: web::Path<Uuid>,
    body: web::Json<DeactivatePartnerRequest>,
) -> Result<HttpResponse, ApiError> {
    registers::deactivate(
        &state,
        &req,
        &auth.actor,
        Register::Psks,
        (*id, None),
        &body,
    )
    .await
}

/// Registers this module's routes (and their documentation) under `/api/v1`.
pub fn configure(cfg: &mut ServiceConfig) {
    cfg.service(create)
        .service(list)
        .service(get)
        .service(update)
        .service(deactivate);
}
