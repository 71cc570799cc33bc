//! `/wksbm/{id}/donatur`: the WKSBM's donors (book 10).

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
    DeactivatePartnerRequest, DonaturRequest, Partner as PartnerDto, PartnerQuery,
};
use wksbm_openapi::page::{Page, PageParams};
use wksbm_openapi::responses::{ListErrors, ReadErrors, UpdateErrors, WriteErrors};

fn donatur_fields(b: &DonaturRequest) -> Fields {
    Fields {
        kind: b.kind.as_str().to_owned(),
        name: b.name.clone(),
        form: None,
        within_area: None,
        contact: b.contact.clone(),
        services: Vec::new(),
        capacity: None,
        mou_number: None,
        mou_start: None,
        mou_end: None,
        notes: b.notes.clone(),
    }
}

/// Register a donor
///
/// Caller: kalurahan and admin within their territory, or the board of this WKSBM except
/// anggota; others 403 `forbidden`, outside the territory 404 `not_found`. A donor is a person,
/// organisation or business that gives to this WKSBM.
///
/// A body that breaks a field rule is 422 `validation_failed` with `errors` per field.
#[utoipa::path(
    tag = "jejaring",
    operation_id = "createDonatur",
    params(("id" = Uuid, Path, description = "WKSBM id")),
    request_body = DonaturRequest,
    security(("bearer" = [])),
    responses(
        (status = 201, description = "Registered", body = PartnerDto, headers(("ETag" = String), ("Location" = String))),
        WriteErrors
    )
)]
#[post("/wksbm/{id}/donatur")]
pub async fn create_donatur(
    state: web::Data<AppState>,
    req: HttpRequest,
    auth: AuthUser,
    id: web::Path<Uuid>,
    body: web::Json<DonaturRequest>,
) -> Result<HttpResponse, ApiError> {
    validation::check(&*body)?;
    registers::create_in(
        &state,
        &req,
        &auth,
        Register::Donatur,
        *id,
        body.id,
        donatur_fields(&body),
    )
    .await
}

/// List a WKSBM's donors
///
/// Caller: every role within its territory except integrasi without the personal-data grant; a
/// board member for its own WKSBM. The read is audited. Filters: name, kind, active,
/// `updated_since`. Cursor pages: `page_size` 1-200 (default 50), `page_token` from
/// `next_page_token` (400 `query_invalid` / `page_token_invalid` when malformed), a `Link:
/// rel="next"` header.
#[utoipa::path(
    tag = "jejaring",
    operation_id = "listDonatur",
    params(("id" = Uuid, Path, description = "WKSBM id"), PartnerQuery, PageParams),
    security(("bearer" = [])),
    responses(
        (status = 200, description = "One page", body = Page<PartnerDto>),
        ListErrors
    )
)]
#[get("/wksbm/{id}/donatur")]
pub async fn list_donatur(
    state: web::Data<AppState>,
    req: HttpRequest,
    auth: AuthUser,
    id: web::Path<Uuid>,
    q: web::Query<PartnerQuery>,
    page: web::Query<PageParams>,
) -> Result<HttpResponse, ApiError> {
    registers::list_in(&state, &req, &auth, Register::Donatur, *id, &q, &page).await
}

/// Get one donor
///
/// Caller: every role within its territory except integrasi without the personal-data grant; a
/// board member for its own WKSBM. The read is audited. Returns the `ETag`. Outside the
/// caller's territory, or unknown: 404 `not_found`.
#[utoipa::path(
    tag = "jejaring",
    operation_id = "getDonatur",
    params(("id" = Uuid, Path, description = "WKSBM id"), ("donatur_id" = Uuid, Path, description = "Donor id")),
    security(("bearer" = [])),
    responses(
        (status = 200, description = "The donor", body = PartnerDto, headers(("ETag" = String))),
        ReadErrors
    )
)]
#[get("/wksbm/{id}/donatur/{donatur_id}")]
pub async fn get_donatur(
    state: web::Data<AppState>,
    req: HttpRequest,
    auth: AuthUser,
    path: web::Path<(Uuid, Uuid)>,
) -> Result<HttpResponse, ApiError> {
    let (w, id) = path.into_inner();
    registers::read(&state, &req, &auth.actor, Register::Donatur, id, Some(w)).await
}

/// Replace a donor's details
///
/// Caller: kalurahan and admin within their territory, or the board of this WKSBM except
/// anggota; others 403 `forbidden`, outside the territory 404 `not_found`.
///
/// Requires `If-Match` with the `ETag` of the last read: 428 `precondition_required` without
/// it, 412 `precondition_failed` when someone changed it first. A body that breaks a field rule
/// is 422 `validation_failed` with `errors` per field.
#[utoipa::path(
    tag = "jejaring",
    operation_id = "updateDonatur",
    params(("id" = Uuid, Path, description = "WKSBM id"), ("donatur_id" = Uuid, Path, description = "Donor id"), ("If-Match" = String, Header, description = "The ETag of the version being changed")),
    request_body = DonaturRequest,
    security(("bearer" = [])),
    responses(
        (status = 200, description = "The changed donor", body = PartnerDto, headers(("ETag" = String))),
        UpdateErrors
    )
)]
#[patch("/wksbm/{id}/donatur/{donatur_id}")]
pub async fn update_donatur(
    state: web::Data<AppState>,
    req: HttpRequest,
    auth: AuthUser,
    path: web::Path<(Uuid, Uuid)>,
    body: web::Json<DonaturRequest>,
) -> Result<HttpResponse, ApiError> {
    validation::check(&*body)?;
    registers::update_in(
        &state,
        &req,
        &auth,
        Register::Donatur,
        path.into_inner(),
        body.id,
        donatur_fields(&body),
    )
    .await
}

/// Deactivate a donor
///
/// Caller: kalurahan and admin within their territory, or the board of this WKSBM except
/// anggota; others 403 `forbidden`, outside the territory 404 `not_found`. A reason is
/// required; the donor is never deleted and its giving history stays. 409 `already_inactive`
/// the second time.
#[utoipa::path(
    tag = "jejaring",
    operation_id = "deactivateDonatur",
    params(("id" = Uuid, Path, description = "WKSBM id"), ("donatur_id" = Uuid, Path, description = "Donor id")),
    request_body = DeactivatePartnerRequest,
    security(("bearer" = [])),
    responses(
        (status = 200, description = "The deactivated donor", body = PartnerDto, headers(("ETag" = String))),
        WriteErrors
    )
)]
#[post("/wksbm/{id}/donatur/{donatur_id}/nonaktifkan")]
pub async fn deactivate_donatur(
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
        Register::Donatur,
        (id, Some(w)),
        &body,
    )
    .await
}

/// Registers this module's routes (and their documentation) under `/api/v1`.
pub fn configure(cfg: &mut ServiceConfig) {
    cfg.service(create_donatur)
        .service(list_donatur)
        .service(get_donatur)
        .service(update_donatur)
        .service(deactivate_donatur);
}
