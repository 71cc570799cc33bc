//! `/wksbm/{id}/dana`: a WKSBM's funds and their balances, and opening a donor-restricted
//! (`terikat`) fund. Postings are in `buku_kas`, transfers in `transfer_dana`.

use crate::auth::extract::AuthUser;
use crate::error::ApiError;
use crate::guards::{audit, reportable, writable};
use crate::state::AppState;
use crate::validation;
use actix_web::{HttpRequest, HttpResponse, get, post, web};
use utoipa_actix_web::service_config::ServiceConfig;
use uuid::Uuid;
use wksbm_openapi::dana::{Fund, FundList, OpenFundRequest};
use wksbm_openapi::responses::{ReadErrors, WriteErrors};
use wksbm_persistence::dana_repo::{self};

/// List a WKSBM's funds with their balances
///
/// Caller: every role within its territory (figures only, no names); a board member only for
/// its own WKSBM. Outside the territory 404 `not_found`. Balances in rupiah, in grams for
/// `beras`. The standard funds are opened on the first read.
#[utoipa::path(
    tag = "dana",
    operation_id = "listDana",
    params(("id" = Uuid, Path, description = "WKSBM id")),
    security(("bearer" = [])),
    responses(
        (status = 200, description = "Every fund", body = FundList),
        ReadErrors
    )
)]
#[get("/wksbm/{id}/dana")]
pub async fn list_funds(
    state: web::Data<AppState>,
    auth: AuthUser,
    id: web::Path<Uuid>,
) -> Result<HttpResponse, ApiError> {
    let w = reportable(&state, &auth.actor, id.into_inner()).await?;
    let funds = dana_repo::funds(&state.db, w.id, w.sk.is_some()).await?;
    Ok(HttpResponse::Ok().json(FundList {
        items: funds.iter().map(Fund::from).collect(),
    }))
}

/// Open a restricted fund
///
/// Caller: the bendahara of this WKSBM, or its ketua while no bendahara serves (403
/// `bendahara_keeps_books` when one does); any other role or jabatan 403 `forbidden`; a WKSBM
/// outside the caller's territory 404 `not_found`. A `terikat` fund holds a donor's money for
/// one purpose; its name is unique in the WKSBM (409 `fund_name_taken`).
#[utoipa::path(
    tag = "dana",
    operation_id = "openDanaTerikat",
    params(("id" = Uuid, Path, description = "WKSBM id")),
    request_body = OpenFundRequest,
    security(("bearer" = [])),
    responses(
        (status = 201, description = "The new fund", body = Fund, headers(("Location" = String))),
        WriteErrors
    )
)]
#[post("/wksbm/{id}/dana")]
pub async fn open_fund(
    state: web::Data<AppState>,
    req: HttpRequest,
    auth: AuthUser,
    id: web::Path<Uuid>,
    body: web::Json<OpenFundRequest>,
) -> Result<HttpResponse, ApiError> {
    let w = writable(&state, &auth.actor, id.into_inner()).await?;
    validation::check(&*body)?;
    let f = dana_repo::open_restricted(
        &state.db,
        w.id,
        body.name.trim(),
        body.purpose.trim(),
        body.donor_id,
        &audit(&auth.actor, "dana.open", &w, &req),
    )
    .await?;
    Ok(HttpResponse::Created()
        .insert_header(("Location", format!("/api/v1/wksbm/{}/dana", w.id)))
        .json(Fund::from(&f)))
}

/// Registers this module's routes (and their documentation) under `/api/v1`.
pub fn configure(cfg: &mut ServiceConfig) {
    cfg.service(list_funds).service(open_fund);
}
