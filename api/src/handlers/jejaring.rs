//! Donors (`/api/v1/wksbm/{id}/donatur`) and partner organisations
//! (`/api/v1/wksbm/{id}/mitra`) of a WKSBM. Giving history arrives with the money issue.

use super::partner::{self, Fields};
use crate::auth::extract::AuthUser;
use crate::error::ApiError;
use crate::guards;
use crate::state::AppState;
use crate::validation;
use actix_web::{HttpRequest, HttpResponse, get, patch, post, web};
use uuid::Uuid;
use wksbm_domain::access::Action;
use wksbm_domain::partner::Register;
use wksbm_openapi::page::{Page, PageParams};
use wksbm_openapi::partner::{
    DeactivatePartnerRequest, DonaturRequest, MitraRequest, Partner as PartnerDto, PartnerQuery,
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

async fn create_in(
    state: &AppState,
    req: &HttpRequest,
    auth: &AuthUser,
    register: Register,
    wksbm_id: Uuid,
    id: Option<Uuid>,
    fields: Fields,
) -> Result<HttpResponse, ApiError> {
    let w = partner::writable_wksbm(state, &auth.actor, wksbm_id)
        .await?
        .ok_or_else(|| ApiError::not_found("WKSBM", "WKSBM", &wksbm_id.to_string()))?;
    let id = id.unwrap_or_else(Uuid::now_v7);
    let p = partner::build(register, &w, id, fields, chrono::Utc::now())?;
    let at = format!("/api/v1/wksbm/{wksbm_id}/{}/{id}", register.as_str());
    partner::create(state, req, &auth.actor, &p, at).await
}

async fn list_in(
    state: &AppState,
    req: &HttpRequest,
    auth: &AuthUser,
    register: Register,
    wksbm_id: Uuid,
    q: &PartnerQuery,
    page: &PageParams,
) -> Result<HttpResponse, ApiError> {
    guards::wksbm(state, &auth.actor, wksbm_id, Action::PartnerRead).await?;
    partner::list(state, req, auth, register, q, page, Some(wksbm_id), None).await
}

async fn update_in(
    state: &AppState,
    req: &HttpRequest,
    auth: &AuthUser,
    register: Register,
    (wksbm_id, id): (Uuid, Uuid),
    body_id: Option<Uuid>,
    fields: Fields,
) -> Result<HttpResponse, ApiError> {
    let actor = &auth.actor;
    let current = partner::load(
        state,
        actor,
        register,
        id,
        Some(wksbm_id),
        Action::PartnerManage,
    )
    .await?;
    partner::same_id(body_id, id)?;
    let w = partner::writable_wksbm(state, actor, wksbm_id)
        .await?
        .ok_or_else(|| partner::not_found(register, &id.to_string()))?;
    let next = partner::build(register, &w, id, fields, current.created_at)?;
    partner::update(state, req, actor, &current, next).await
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
    create_in(
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
    list_in(&state, &req, &auth, Register::Donatur, *id, &q, &page).await
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
    update_in(
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

/// Register a partner organisation (Puskesmas, LKS, BAZNAS/UPZ, Dinas Sosial, school, Karang Taruna, …) with its services and MoU.
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
    create_in(
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

/// The partners of a WKSBM (filters: name, kind, active, `updated_since`); their services are what referrals use.
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
    list_in(&state, &req, &auth, Register::Mitra, *id, &q, &page).await
}

/// One partner with its `ETag` (the read is audited).
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
    let p = partner::load(
        &state,
        &auth.actor,
        Register::Mitra,
        id,
        Some(w),
        Action::PartnerRead,
    )
    .await?;
    partner::read(&state, &req, &auth.actor, &p).await
}

/// Replace a partner's details. Requires `If-Match`.
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
    update_in(
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

/// Deactivate a partner with a reason (never deleted).
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
    let p = partner::load(
        &state,
        &auth.actor,
        Register::Mitra,
        id,
        Some(w),
        Action::PartnerManage,
    )
    .await?;
    validation::check(&*body)?;
    partner::deactivate(&state, &req, &auth.actor, &p, &body.reason).await
}
