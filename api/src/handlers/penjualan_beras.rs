//! `/wksbm/{id}/penjualan-beras`: selling stored jimpitan rice (grams out of the rice fund, rupiah in).

use crate::auth::extract::AuthUser;
use crate::error::ApiError;
use crate::guards::writable;
use crate::idempotency::{entries_created, post_once};
use crate::state::AppState;
use crate::validation;
use actix_web::{HttpRequest, HttpResponse, post, web};
use utoipa_actix_web::service_config::ServiceConfig;
use uuid::Uuid;
use wksbm_openapi::dana::EntryList;
use wksbm_openapi::dana::IdempotencyKeyHeader;
use wksbm_openapi::fundraising::RiceSaleRequest;
use wksbm_openapi::responses::WriteErrors;
use wksbm_persistence::fundraising_repo::{self as repo};

/// Sell rice from the rice fund
///
/// Caller: the bendahara of this WKSBM, or its ketua while no bendahara serves (403
/// `bendahara_keeps_books` when one does); any other role or jabatan 403 `forbidden`; a WKSBM
/// outside the caller's territory 404 `not_found`. Grams out of `beras`, rupiah (grams × price
/// per kg ÷ 1000, rounded half up) into `umum`, as one pair of entries. More rice than the fund
/// holds is 409 `insufficient_funds`. Posting needs an `aktif` WKSBM (409 `wksbm_not_active`).
///
/// Accepts `Idempotency-Key`: the same key with the same body replays the first answer, another
/// body is 422 `idempotency_key_reused`, a first request still running 409
/// `idempotency_key_in_flight`.
#[utoipa::path(
    tag = "dana",
    operation_id = "sellBeras",
    params(
        ("id" = Uuid, Path, description = "WKSBM id"),
        IdempotencyKeyHeader
    ),
    request_body = RiceSaleRequest,
    security(("bearer" = [])),
    responses(
        (status = 201, description = "The two entries (beras out, umum in)", body = EntryList),
        WriteErrors
    )
)]
#[post("/wksbm/{id}/penjualan-beras")]
pub async fn sell_rice(
    state: web::Data<AppState>,
    req: HttpRequest,
    auth: AuthUser,
    id: web::Path<Uuid>,
    body: web::Json<RiceSaleRequest>,
) -> Result<HttpResponse, ApiError> {
    let w = writable(&state, &auth.actor, id.into_inner()).await?;
    validation::check(&*body)?;
    let b = &*body;
    post_once(
        &state,
        &req,
        &auth,
        (&w, "beras.sell"),
        b,
        &entries_created,
        |write| async move {
            repo::sell_rice(
                write.db,
                write.wksbm_id,
                b.grams,
                b.price_per_kg,
                b.date,
                b.buyer.trim(),
                write.user,
                write.today,
                &write.record,
                write.sealer.as_ref(),
            )
            .await
        },
    )
    .await
}

/// Registers this module's routes (and their documentation) under `/api/v1`.
pub fn configure(cfg: &mut ServiceConfig) {
    cfg.service(sell_rice);
}
