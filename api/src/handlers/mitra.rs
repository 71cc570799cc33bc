//! `/wksbm/{id}/mitra`: the WKSBM's network partners (book 11, jejaring kerja).

use crate::auth::extract::AuthUser;
use crate::error::ApiError;
use crate::registers::{self, Fields};
use crate::state::AppState;
use crate::validation;
use actix_web::{HttpRequest, HttpResponse, get, patch, post, web};
use utoipa_actix_web::service_config::ServiceConfig;
use uuid::Uuid;
use wksbm_domain::jejaring::Register;
use wksbm_openapi::jejaring::{
    DeactivatePartnerRequest, MitraRequest, Partner as PartnerDto, PartnerQuery,
};
use wksbm_openapi::page::{Page, PageParams};
use wksbm_openapi::responses::{ListErrors, ReadErrors, UpdateErrors, WriteErrors};

fn mitra_fields(b: &MitraRequest) -> Fields {
    Fields {
        kind: b.kind.as_str().to_owned(),
        name: b.name.clone(),
        form: None,
        within_area: None,
        contact: b.contact.clone(),
        services: b.services.clone(),
        capacity: None,
        mou_number: b.mou_number.clone(),
        mou_start: b.mou_start,
        mou_end: b.mou_end,
        notes: b.notes.clone(),
    }
}

/// Register a partner organisation
///
/// Caller: kalurahan and admin within their territory, or the board of this WKSBM except
/// anggota; others 403 `forbidden`, outside the territory 404 `not_found`. A partner
/// (Puskesmas, LKS, BAZNAS/UPZ, Dinas Sosial, school, Karang Taruna, …) with its services and
/// MoU: services are listed once (422 `service_repeated`), an MoU has a number (422
/// `mou_number_missing`) and ends after it starts (422 `mou_dates`).
///
/// A body that breaks a field rule is 422 `validation_failed` with `errors` per field.
#[utoipa::path(
    tag = "jejaring",
    operation_id = "createMitra",
    params(("id" = Uuid, Path, description = "WKSBM id")),
    request_body = MitraRequest,
    security(("bearer" = [])),
    responses(
        (status = 201, description = "Registered", body = PartnerDto, headers(("ETag" = String), ("Location" = String))),
        WriteErrors
    )
)]
#[post("/wksbm/{id}/mitra")]
pub async fn create_mitra(
    state: web::Data<AppState>,
    req: HttpRequest,
    auth: AuthUser,
    id: web::Path<Uuid>,
    body: web::Json<MitraRequest>,
) -> Result<HttpResponse, ApiError> {
    validation::check(&*body)?;
    registers::create_in(
        &state,
        &req,
        &auth,
        Register::Mitra,
        *id,
        body.id,
        mitra_fields(&body),
    )
    .await
}

/// List a WKSBM's partners
///
/// Caller: every role within its territory except integrasi without the personal-data grant; a
/// board member for its own WKSBM. The read is audited. Their services are what referrals use.
/// Filters: name, kind, active, `updated_since`. Cursor pages: `page_size` 1-200 (default 50),
/// `page_token` from `next_page_token` (400 `query_invalid` / `page_token_invalid` when
/// malformed), a `Link: rel="next"` header.
#[utoipa::path(
    tag = "jejaring",
    operation_id = "listMitra",
    params(("id" = Uuid, Path, description = "WKSBM id"), PartnerQuery, PageParams),
    security(("bearer" = [])),
    responses(
        (status = 200, description = "One page", body = Page<PartnerDto>),
        ListErrors
    )
)]
#[get("/wksbm/{id}/mitra")]
pub async fn list_mitra(
    state: web::Data<AppState>,
    req: HttpRequest,
    auth: AuthUser,
    id: web::Path<Uuid>,
    q: web::Query<PartnerQuery>,
    page: web::Query<PageParams>,
) -> Result<HttpResponse, ApiError> {
    registers::list_in(&state, &req, &auth, Register::Mitra, *id, &q, &page).await
}

/// Get one partner
///
/// Caller: every role within its territory except integrasi without the personal-data grant; a
/// board member for its own WKSBM. The read is audited. Returns the `ETag`. Outside the
/// caller's territory, or unknown: 404 `not_found`.
#[utoipa::path(
    tag = "jejaring",
    operation_id = "getMitra",
    params(("id" = Uuid, Path, description = "WKSBM id"), ("mitra_id" = Uuid, Path, description = "Partner id")),
    security(("bearer" = [])),
    responses(
        (status = 200, description = "The partner", body = PartnerDto, headers(("ETag" = String))),
        ReadErrors
    )
)]
#[get("/wksbm/{id}/mitra/{mitra_id}")]
pub async fn get_mitra(
    state: web::Data<AppState>,
    req: HttpRequest,
    auth: AuthUser,
    path: web::Path<(Uuid, Uuid)>,
) -> Result<HttpResponse, ApiError> {
    let (w, id) = path.into_inner();
    registers::read(&state, &req, &auth.actor, Register::Mitra, id, Some(w)).await
}

/// Replace a partner's details
///
/// Caller: kalurahan and admin within their territory, or the board of this WKSBM except
/// anggota; others 403 `forbidden`, outside the territory 404 `not_found`. The same rules as on
/// create (422 `service_repeated`, `mou_number_missing`, `mou_dates`).
///
/// Requires `If-Match` with the `ETag` of the last read: 428 `precondition_required` without
/// it, 412 `precondition_failed` when someone changed it first.
#[utoipa::path(
    tag = "jejaring",
    operation_id = "updateMitra",
    params(("id" = Uuid, Path, description = "WKSBM id"), ("mitra_id" = Uuid, Path, description = "Partner id"), ("If-Match" = String, Header, description = "The ETag of the version being changed")),
    request_body = MitraRequest,
    security(("bearer" = [])),
    responses(
        (status = 200, description = "The changed partner", body = PartnerDto, headers(("ETag" = String))),
        UpdateErrors
    )
)]
#[patch("/wksbm/{id}/mitra/{mitra_id}")]
pub async fn update_mitra(
    state: web::Data<AppState>,
    req: HttpRequest,
    auth: AuthUser,
    path: web::Path<(Uuid, Uuid)>,
    body: web::Json<MitraRequest>,
) -> Result<HttpResponse, ApiError> {
    validation::check(&*body)?;
    registers::update_in(
        &state,
        &req,
        &auth,
        Register::Mitra,
        path.into_inner(),
        body.id,
        mitra_fields(&body),
    )
    .await
}

/// Deactivate a partner
///
/// Caller: kalurahan and admin within their territory, or the board of this WKSBM except
/// anggota; others 403 `forbidden`, outside the territory 404 `not_found`. A reason is
/// required; the partner is never deleted. 409 `already_inactive` the second time.
#[utoipa::path(
    tag = "jejaring",
    operation_id = "deactivateMitra",
    params(("id" = Uuid, Path, description = "WKSBM id"), ("mitra_id" = Uuid, Path, description = "Partner id")),
    request_body = DeactivatePartnerRequest,
    security(("bearer" = [])),
    responses(
        (status = 200, description = "The deactivated partner", body = PartnerDto, headers(("ETag" = String))),
        WriteErrors
    )
)]
#[post("/wksbm/{id}/mitra/{mitra_id}/nonaktifkan")]
pub async fn deactivate_mitra(
    state: web::Data<AppState>,
    req: HttpRequest,
    auth: AuthUser,
    path: web::Path<(Uuid, Uuid)>,
    body: web::Json<DeactivatePartnerRequest>,
) -> Result<HttpResponse, ApiError> {
    let (w, id) = path.into_inner();
    registers::deactivate(
        &state,
        &req,
        &auth.actor,
        Register::Mitra,
        (id, Some(w)),
        &body,
    )
    .await
}

/// Registers this module's routes (and their documentation) under `/api/v1`.
pub fn configure(cfg: &mut ServiceConfig) {
    cfg.service(create_mitra)
        .service(list_mitra)
        .service(get_mitra)
        .service(update_mitra)
        .service(deactivate_mitra);
}
