//! `/wksbm/{id}/transfer-dana`: moving money between a WKSBM's funds (the amil share, among others).

use crate::auth::extract::AuthUser;
use crate::error::ApiError;
use crate::guards::writable;
use crate::idempotency::{entries_created, post_once};
use crate::state::AppState;
use crate::validation;
use actix_web::{HttpRequest, HttpResponse, post, web};
use utoipa_actix_web::service_config::ServiceConfig;
use uuid::Uuid;
use wksbm_openapi::dana::IdempotencyKeyHeader;
use wksbm_openapi::dana::{EntryList, TransferRequest};
use wksbm_openapi::responses::WriteErrors;
use wksbm_persistence::dana_repo::{self, Transfer};

/// Transfer money between two funds
///
/// Caller: the bendahara of this WKSBM, or its ketua while no bendahara serves (403
/// `bendahara_keeps_books` when one does); any other role or jabatan 403 `forbidden`; a WKSBM
/// outside the caller's territory 404 `not_found`. One pair of entries, out and in. Zakat moves
/// only to amil (422 `zakat_only_to_amil`), at most 12.5% of the zakat received in the year
/// (409 `amil_share_exceeded`); a `terikat` fund never moves (422 `restricted_fund_transfer`,
/// `inbound_restricted`); rice is sold, not transferred (422 `transfer_unit`); the two funds
/// differ (422 `transfer_same_fund`); the source covers it (409 `insufficient_funds`).
///
/// Accepts `Idempotency-Key`: the same key with the same body replays the first answer, another
/// body is 422 `idempotency_key_reused`, a first request still running 409
/// `idempotency_key_in_flight`.
#[utoipa::path(
    tag = "dana",
    operation_id = "createTransferDana",
    params(
        ("id" = Uuid, Path, description = "WKSBM id"),
        IdempotencyKeyHeader
    ),
    request_body = TransferRequest,
    security(("bearer" = [])),
    responses(
        (status = 201, description = "The two entries (out, in)", body = EntryList),
        WriteErrors
    )
)]
#[post("/wksbm/{id}/transfer-dana")]
pub async fn transfer(
    state: web::Data<AppState>,
    req: HttpRequest,
    auth: AuthUser,
    id: web::Path<Uuid>,
    body: web::Json<TransferRequest>,
) -> Result<HttpResponse, ApiError> {
    let w = writable(&state, &auth.actor, id.into_inner()).await?;
    validation::check(&*body)?;
    let b = &*body;
    let t = Transfer {
        from: b.from_fund_id,
        to: b.to_fund_id,
        amount: b.amount,
        unit: b.unit.into(),
        date: b.date,
        description: b.description.trim().to_owned(),
    };
    post_once(
        &state,
        &req,
        &auth,
        (&w, "dana.transfer"),
        b,
        &entries_created,
        |write| async move {
            dana_repo::transfer(
                write.db,
                write.wksbm_id,
                &t,
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
    cfg.service(transfer);
}
