//! `/wksbm/{id}/usaha`: business units and what each earned over a period.

use crate::auth::extract::AuthUser;
use crate::clock::today;
use crate::error::ApiError;
use crate::guards::{audit, readable, writable};
use crate::state::AppState;
use crate::validation;
use actix_web::{HttpRequest, HttpResponse, get, post, web};
use chrono::Datelike;
use utoipa_actix_web::service_config::ServiceConfig;
use uuid::Uuid;
use wksbm_openapi::fundraising::{Usaha, UsahaList, UsahaQuery, UsahaRequest};
use wksbm_openapi::responses::{ListErrors, WriteErrors};
use wksbm_persistence::fundraising_repo::{self as repo};

/// List business units with their results
///
/// Caller: admin, dinsos, kapanewon and kalurahan within their territory, the board of this
/// WKSBM (403 for another WKSBM's board), integrasi only with the personal-data grant. Outside
/// the territory 404 `not_found`. Each unit with its income, expense and net over a period
/// (default: this year).
#[utoipa::path(
    tag = "dana",
    operation_id = "listUsaha",
    params(("id" = Uuid, Path, description = "WKSBM id"), UsahaQuery),
    security(("bearer" = [])),
    responses(
        (status = 200, description = "Every unit", body = UsahaList),
        ListErrors
    )
)]
#[get("/wksbm/{id}/usaha")]
pub async fn list_usaha(
    state: web::Data<AppState>,
    auth: AuthUser,
    id: web::Path<Uuid>,
    q: web::Query<UsahaQuery>,
) -> Result<HttpResponse, ApiError> {
    let w = readable(&state, &auth.actor, id.into_inner()).await?;
    crate::validation::query_dates(&[("from", q.from), ("to", q.to)])?;
    let t = today();
    let from = q
        .from
        .unwrap_or_else(|| chrono::NaiveDate::from_ymd_opt(t.year(), 1, 1).unwrap_or(t));
    let to = q.to.unwrap_or(t);
    let units = repo::usaha_summary(&state.db, w.id, from, to).await?;
    Ok(HttpResponse::Ok().json(UsahaList {
        items: units.iter().map(Usaha::from).collect(),
    }))
}

/// Open a business unit
///
/// Caller: the bendahara of this WKSBM, or its ketua while no bendahara serves (403
/// `bendahara_keeps_books` when one does); any other role or jabatan 403 `forbidden`; a WKSBM
/// outside the caller's territory 404 `not_found`. A unit (persewaan tenda, warung, catering,
/// …) whose income and expense the cash book links by `usaha_id`; its name is unique in the
/// WKSBM (409 `usaha_name_taken`).
#[utoipa::path(
    tag = "dana",
    operation_id = "createUsaha",
    params(("id" = Uuid, Path, description = "WKSBM id")),
    request_body = UsahaRequest,
    security(("bearer" = [])),
    responses(
        (status = 201, description = "The unit", body = Usaha),
        WriteErrors
    )
)]
#[post("/wksbm/{id}/usaha")]
pub async fn create_usaha(
    state: web::Data<AppState>,
    req: HttpRequest,
    auth: AuthUser,
    id: web::Path<Uuid>,
    body: web::Json<UsahaRequest>,
) -> Result<HttpResponse, ApiError> {
    let w = writable(&state, &auth.actor, id.into_inner()).await?;
    validation::check(&*body)?;
    let u = repo::create_usaha(
        &state.db,
        w.id,
        body.name.trim(),
        body.kind.trim(),
        &audit(&auth.actor, "usaha.create", &w, &req),
    )
    .await?;
    Ok(HttpResponse::Created().json(Usaha::from(&u)))
}

/// Registers this module's routes (and their documentation) under `/api/v1`.
pub fn configure(cfg: &mut ServiceConfig) {
    cfg.service(list_usaha).service(create_usaha);
}
