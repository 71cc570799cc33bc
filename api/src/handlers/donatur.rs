//! `/wksbm/{id}/donatur`: the WKSBM's donors (book 10).

use super::partner::{self, Fields};
use crate::auth::extract::AuthUser;
use crate::error::ApiError;
use crate::state::AppState;
use crate::validation;
use actix_web::{HttpRequest, HttpResponse, get, patch, post, web};
use utoipa_actix_web::service_config::ServiceConfig;
use uuid::Uuid;
use wksbm_domain::access::Action;
use wksbm_domain::partner::Register;
use wksbm_openapi::page::{Page, PageParams};
use wksbm_openapi::partner::{
    DeactivatePartnerRequest, DonaturRequest, Partner as PartnerDto, PartnerQuery,
};
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

/// Register a donor (person, organisation or business) of a WKSBM: kalurahan, admin, or that WKSBM's board except anggota.
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
    partner::create_in(
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

/// The donors of a WKSBM (filters: name, kind, active, `updated_since`).
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
    partner::list_in(&state, &req, &auth, Register::Donatur, *id, &q, &page).await
}

/// One donor with its `ETag` (the read is audited).
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
    let p = partner::load(
        &state,
        &auth.actor,
        Register::Donatur,
        id,
        Some(w),
        Action::PartnerRead,
    )
    .await?;
    partner::read(&state, &req, &auth.actor, &p).await
}

/// Replace a donor's details. Requires `If-Match`.
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
    partner::update_in(
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

/// Deactivate a donor with a reason (never deleted).
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
    let p = partner::load(
        &state,
        &auth.actor,
        Register::Donatur,
        id,
        Some(w),
        Action::PartnerManage,
    )
    .await?;
    validation::check(&*body)?;
    partner::deactivate(&state, &req, &auth.actor, &p, &body.reason).await
}

/// Registers this module's routes (and their documentation) under `/api/v1`.
pub fn configure(cfg: &mut ServiceConfig) {
    cfg.service(create_donatur)
        .service(list_donatur)
        .service(get_donatur)
        .service(update_donatur)
        .service(deactivate_donatur);
}
