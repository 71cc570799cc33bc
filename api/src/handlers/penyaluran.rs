//! Distribution rounds (`/api/v1/wksbm/{id}/penyaluran`): prepared by the board, approved
//! by the ketua citing a meeting decision, paid recipient by recipient by the bendahara.

use crate::auth::extract::AuthUser;
use crate::error::ApiError;
use crate::guards::own_wksbm;
use crate::guards::{audit, readable, writable};
use crate::idempotency::{created_in, post_once, rendered};
use crate::pagination::PageRequest;
use crate::state::AppState;
use crate::validation;
use actix_web::{HttpRequest, HttpResponse, get, post, web};
use utoipa_actix_web::service_config::ServiceConfig;
use uuid::Uuid;
use wksbm_domain::access::Action;
use wksbm_domain::penyaluran::{self as dom, NewPenerima};
use wksbm_openapi::dana::IdempotencyKeyHeader;
use wksbm_openapi::page::{Page, PageParams};
use wksbm_openapi::penyaluran::{
    ApproveRequest, CancelRequest, DisburseRequest, Disbursed, RecipientRequest, RecipientsRequest,
    Round, RoundQuery, RoundRequest,
};
use wksbm_openapi::responses::{
    Conflict, Forbidden, InternalError, ListErrors, NotFound, ReadErrors, ServiceUnavailable,
    Unauthorized, WriteErrors,
};
use wksbm_persistence::penyaluran_repo::{self as repo, Change};

const LIST: &str = "penyaluran";

fn recipients(given: &[RecipientRequest]) -> Vec<NewPenerima> {
    given.iter().map(Into::into).collect()
}

fn not_found(id: Uuid) -> ApiError {
    ApiError::not_found("Penyaluran", "Distribution round", &id.to_string())
}

/// Prepare a distribution round
///
/// Caller: the ketua, wakil ketua, sekretaris or bendahara of this WKSBM (not anggota),
/// kalurahan and admin have no part in it; others 403 `forbidden`. The round starts as a draft
/// from one fund, with a planned date in range (422 `date_out_of_range`). Each recipient is an
/// active PPKS of this WKSBM (422 `ppks_not_active_here`), listed once (422
/// `recipient_repeated`), with an asnaf when paid from zakat (422 `zakat_without_asnaf`).
///
/// Accepts `Idempotency-Key`: the same key with the same body replays the first answer, another
/// body is 422 `idempotency_key_reused`, a first request still running 409
/// `idempotency_key_in_flight`.
#[utoipa::path(
    tag = "penyaluran",
    operation_id = "createPenyaluran",
    params(
        ("id" = Uuid, Path, description = "WKSBM id"),
        IdempotencyKeyHeader
    ),
    request_body = RoundRequest,
    security(("bearer" = [])),
    responses(
        (status = 201, description = "The draft round", body = Round, headers(("Location" = String))),
        WriteErrors
    )
)]
#[post("/wksbm/{id}/penyaluran")]
pub async fn create(
    state: web::Data<AppState>,
    req: HttpRequest,
    auth: AuthUser,
    id: web::Path<Uuid>,
    body: web::Json<RoundRequest>,
) -> Result<HttpResponse, ApiError> {
    let w = own_wksbm(
        &state,
        &auth.actor,
        id.into_inner(),
        Action::DistributionPlan,
    )
    .await?;
    validation::check(&*body)?;
    if !(2000..=9999).contains(&chrono::Datelike::year(&body.planned_date)) {
        return Err(ApiError::field(
            "planned_date",
            "date_out_of_range",
            crate::i18n::Text::new(
                "Tahun harus 2000 sampai 9999.",
                "The year must be 2000 to 9999.",
            ),
        ));
    }
    let now = chrono::Utc::now();
    let r = dom::Penyaluran {
        id: Uuid::now_v7(),
        wksbm_id: w.id,
        name: body.name.trim().to_owned(),
        tahap: body.tahap,
        category: body.category.as_str().to_owned(),
        fund_id: body.fund_id,
        planned_date: body.planned_date,
        status: dom::RoundStatus::Draft,
        created_by: auth.actor.user_id,
        approved_by: None,
        rapat_id: None,
        decision_number: None,
        status_reason: None,
        version: 1,
        created_at: now,
        updated_at: now,
        recipients: Vec::new(),
    };
    let people = recipients(&body.recipients);
    let render = |r: &dom::Penyaluran| created_in("penyaluran", r.wksbm_id, r.id, &Round::from(r));
    post_once(
        &state,
        &req,
        &auth,
        (&w, "penyaluran.create"),
        &*body,
        &render,
        |write| async move {
            repo::create(write.db, &r, &people, &write.record, write.sealer.as_ref()).await
        },
    )
    .await
}

/// List distribution rounds
///
/// Caller: admin, dinsos, kapanewon and kalurahan within their territory, the board of this
/// WKSBM (403 for another WKSBM's board), integrasi only with the personal-data grant. Outside
/// the territory 404 `not_found`. Rounds without their recipients (see the detail). Cursor
/// pages: `page_size` 1-200 (default 50), `page_token` from `next_page_token` (400
/// `query_invalid` / `page_token_invalid` when malformed), a `Link: rel="next"` header.
#[utoipa::path(
    tag = "penyaluran",
    operation_id = "listPenyaluran",
    params(("id" = Uuid, Path, description = "WKSBM id"), RoundQuery, PageParams),
    security(("bearer" = [])),
    responses(
        (status = 200, description = "One page", body = Page<Round>),
        ListErrors
    )
)]
#[get("/wksbm/{id}/penyaluran")]
pub async fn list(
    state: web::Data<AppState>,
    req: HttpRequest,
    auth: AuthUser,
    id: web::Path<Uuid>,
    q: web::Query<RoundQuery>,
    page: web::Query<PageParams>,
) -> Result<HttpResponse, ApiError> {
    let w = readable(&state, &auth.actor, id.into_inner()).await?;
    let page = PageRequest::<Uuid>::parse(LIST, &page)?;
    let rows = repo::list(
        &state.db,
        w.id,
        q.status.map(Into::into),
        page.after,
        page.limit(),
    )
    .await?;
    Ok(page.respond(&req, rows, |r| r.id.to_string(), |r| Round::from(r)))
}

/// Get a distribution round
///
/// Caller: admin, dinsos, kapanewon and kalurahan within their territory, the board of this
/// WKSBM (403 for another WKSBM's board), integrasi only with the personal-data grant. Outside
/// the territory 404 `not_found`. The round with every recipient.
#[utoipa::path(
    tag = "penyaluran",
    operation_id = "getPenyaluran",
    params(("id" = Uuid, Path, description = "WKSBM id"), ("penyaluran_id" = Uuid, Path, description = "Distribution round id")),
    security(("bearer" = [])),
    responses(
        (status = 200, description = "The round", body = Round),
        ReadErrors
    )
)]
#[get("/wksbm/{id}/penyaluran/{penyaluran_id}")]
pub async fn get(
    state: web::Data<AppState>,
    auth: AuthUser,
    path: web::Path<(Uuid, Uuid)>,
) -> Result<HttpResponse, ApiError> {
    let (id, round) = path.into_inner();
    let w = readable(&state, &auth.actor, id).await?;
    let r = repo::get(&state.db, w.id, round)
        .await?
        .ok_or_else(|| not_found(round))?;
    Ok(HttpResponse::Ok().json(Round::from(&r)))
}

async fn exists(state: &AppState, wksbm: Uuid, round: Uuid) -> Result<(), ApiError> {
    repo::get(&state.db, wksbm, round)
        .await?
        .map(|_| ())
        .ok_or_else(|| not_found(round))
}

/// Add recipients to a draft round
///
/// Caller: the ketua, wakil ketua, sekretaris or bendahara of this WKSBM (not anggota),
/// kalurahan and admin have no part in it; others 403 `forbidden`. Only while the round is a
/// draft (409 `round_not_draft`); the recipient rules of the create apply (422
/// `ppks_not_active_here`, `recipient_repeated`).
#[utoipa::path(
    tag = "penyaluran",
    operation_id = "addPenerima",
    params(("id" = Uuid, Path, description = "WKSBM id"), ("penyaluran_id" = Uuid, Path, description = "Distribution round id")),
    request_body = RecipientsRequest,
    security(("bearer" = [])),
    responses(
        (status = 200, description = "The round", body = Round),
        WriteErrors
    )
)]
#[post("/wksbm/{id}/penyaluran/{penyaluran_id}/penerima")]
pub async fn add_recipients(
    state: web::Data<AppState>,
    req: HttpRequest,
    auth: AuthUser,
    path: web::Path<(Uuid, Uuid)>,
    body: web::Json<RecipientsRequest>,
) -> Result<HttpResponse, ApiError> {
    let (id, round) = path.into_inner();
    let w = own_wksbm(&state, &auth.actor, id, Action::DistributionPlan).await?;
    exists(&state, w.id, round).await?;
    validation::check(&*body)?;
    let r = repo::add_recipients(
        &state.db,
        w.id,
        round,
        &recipients(&body.recipients),
        &audit(&auth.actor, "penyaluran.penerima", &w, &req),
    )
    .await?;
    Ok(HttpResponse::Ok().json(Round::from(&r)))
}

/// Submit a round for the ketua's approval
///
/// Caller: the ketua, wakil ketua, sekretaris or bendahara of this WKSBM (not anggota),
/// kalurahan and admin have no part in it; others 403 `forbidden`. Only a draft (409
/// `round_not_draft`) with at least one recipient (409 `round_without_recipients`). The round
/// becomes `diajukan`.
#[utoipa::path(
    tag = "penyaluran",
    operation_id = "submitPenyaluran",
    params(("id" = Uuid, Path, description = "WKSBM id"), ("penyaluran_id" = Uuid, Path, description = "Distribution round id")),
    security(("bearer" = [])),
    responses(
        (status = 200, description = "The round, `diajukan`", body = Round),
        (status = 401, response = Unauthorized),
        (status = 403, response = Forbidden),
        (status = 404, response = NotFound),
        (status = 409, response = Conflict),
        (status = 500, response = InternalError),
        (status = 503, response = ServiceUnavailable)
    )
)]
#[post("/wksbm/{id}/penyaluran/{penyaluran_id}/ajukan")]
pub async fn submit(
    state: web::Data<AppState>,
    req: HttpRequest,
    auth: AuthUser,
    path: web::Path<(Uuid, Uuid)>,
) -> Result<HttpResponse, ApiError> {
    let (id, round) = path.into_inner();
    let w = own_wksbm(&state, &auth.actor, id, Action::DistributionPlan).await?;
    exists(&state, w.id, round).await?;
    let r = repo::change(
        &state.db,
        w.id,
        round,
        Change::Submit,
        &audit(&auth.actor, "penyaluran.ajukan", &w, &req),
    )
    .await?;
    Ok(HttpResponse::Ok().json(Round::from(&r)))
}

/// Approve a submitted round
///
/// Caller: the ketua of this WKSBM alone; others 403 `forbidden`. Only a submitted round (409
/// `round_not_submitted`), not one the ketua created (409 `approving_own_round`), citing an
/// approved decision of one of this WKSBM's meetings (422 `decision_unknown`). The round
/// becomes `disetujui`.
#[utoipa::path(
    tag = "penyaluran",
    operation_id = "approvePenyaluran",
    params(("id" = Uuid, Path, description = "WKSBM id"), ("penyaluran_id" = Uuid, Path, description = "Distribution round id")),
    request_body = ApproveRequest,
    security(("bearer" = [])),
    responses(
        (status = 200, description = "The round, `disetujui`", body = Round),
        WriteErrors
    )
)]
#[post("/wksbm/{id}/penyaluran/{penyaluran_id}/setujui")]
pub async fn approve(
    state: web::Data<AppState>,
    req: HttpRequest,
    auth: AuthUser,
    path: web::Path<(Uuid, Uuid)>,
    body: web::Json<ApproveRequest>,
) -> Result<HttpResponse, ApiError> {
    let (id, round) = path.into_inner();
    let w = own_wksbm(&state, &auth.actor, id, Action::DistributionApprove).await?;
    exists(&state, w.id, round).await?;
    validation::check(&*body)?;
    let c = Change::Approve {
        approver: auth.actor.user_id,
        rapat_id: body.rapat_id,
        decision_number: body.decision_number,
    };
    let r = repo::change(
        &state.db,
        w.id,
        round,
        c,
        &audit(&auth.actor, "penyaluran.setujui", &w, &req),
    )
    .await?;
    Ok(HttpResponse::Ok().json(Round::from(&r)))
}

/// Cancel a round
///
/// Caller: the ketua, wakil ketua, sekretaris or bendahara of this WKSBM (not anggota),
/// kalurahan and admin have no part in it; others 403 `forbidden`. Only before anyone was paid
/// (409 `round_not_cancellable`). The round becomes `dibatalkan`.
#[utoipa::path(
    tag = "penyaluran",
    operation_id = "cancelPenyaluran",
    params(("id" = Uuid, Path, description = "WKSBM id"), ("penyaluran_id" = Uuid, Path, description = "Distribution round id")),
    request_body = CancelRequest,
    security(("bearer" = [])),
    responses(
        (status = 200, description = "The round, `dibatalkan`", body = Round),
        WriteErrors
    )
)]
#[post("/wksbm/{id}/penyaluran/{penyaluran_id}/batalkan")]
pub async fn cancel(
    state: web::Data<AppState>,
    req: HttpRequest,
    auth: AuthUser,
    path: web::Path<(Uuid, Uuid)>,
    body: web::Json<CancelRequest>,
) -> Result<HttpResponse, ApiError> {
    let (id, round) = path.into_inner();
    let w = own_wksbm(&state, &auth.actor, id, Action::DistributionPlan).await?;
    exists(&state, w.id, round).await?;
    validation::check(&*body)?;
    let c = Change::Cancel {
        reason: body.reason.trim().to_owned(),
    };
    let r = repo::change(
        &state.db,
        w.id,
        round,
        c,
        &audit(&auth.actor, "penyaluran.batalkan", &w, &req),
    )
    .await?;
    Ok(HttpResponse::Ok().json(Round::from(&r)))
}

fn paid_rendered(p: &dom::Disbursed) -> wksbm_persistence::idempotency_repo::Rendered {
    rendered(200, &Disbursed::from(p), None)
}

/// Pay one recipient of an approved round
///
/// Caller: the bendahara of this WKSBM, or its ketua while no bendahara serves (403
/// `bendahara_keeps_books` when one does); any other role or jabatan 403 `forbidden`; a WKSBM
/// outside the caller's territory 404 `not_found`. The ledger entry from the round's fund and
/// the handover record in one transaction: 409 `insufficient_funds` and nothing changes when
/// the fund cannot cover it; 409 `already_disbursed` the second time; 409 `round_not_approved`
/// before approval; 409 `ppks_inactive` when the person was set inactive meanwhile; 409
/// `zakat_without_asnaf` when a zakat recipient has no asnaf any more (checked at payment; the
/// asnaf paid under is stored as `paid_asnaf`); 409
/// `cap_exceeded` when the payment would pass the per-person cap for the period. A payment from
/// another WKSBM in the period is a `received_elsewhere` warning. The round is `selesai` after
/// its last recipient.
///
/// Accepts `Idempotency-Key`: the same key with the same body replays the first answer, another
/// body is 422 `idempotency_key_reused`, a first request still running 409
/// `idempotency_key_in_flight`.
#[utoipa::path(
    tag = "penyaluran",
    operation_id = "disbursePenerima",
    params(
        ("id" = Uuid, Path, description = "WKSBM id"),
        ("penyaluran_id" = Uuid, Path, description = "Distribution round id"),
        ("penerima_id" = Uuid, Path, description = "Recipient id"),
        IdempotencyKeyHeader
    ),
    request_body = DisburseRequest,
    security(("bearer" = [])),
    responses(
        (status = 200, description = "Paid", body = Disbursed),
        WriteErrors
    )
)]
#[post("/wksbm/{id}/penyaluran/{penyaluran_id}/penerima/{penerima_id}/salurkan")]
pub async fn disburse(
    state: web::Data<AppState>,
    req: HttpRequest,
    auth: AuthUser,
    path: web::Path<(Uuid, Uuid, Uuid)>,
    body: web::Json<DisburseRequest>,
) -> Result<HttpResponse, ApiError> {
    let (id, round, rid) = path.into_inner();
    let w = writable(&state, &auth.actor, id).await?;
    // An unknown round or recipient is a 404 from the payment's own read.
    validation::check(&*body)?;
    let b = &*body;
    let h = dom::Handover::from(b);
    let cap = state.distribution_cap.map(|amount| dom::Cap {
        amount,
        days: state.distribution_cap_days,
    });
    post_once(
        &state,
        &req,
        &auth,
        (&w, "penyaluran.salurkan"),
        b,
        &paid_rendered,
        |write| async move {
            repo::disburse(
                write.db,
                write.wksbm_id,
                round,
                rid,
                &h,
                write.user,
                cap,
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
    cfg.service(create)
        .service(list)
        .service(get)
        .service(add_recipients)
        .service(submit)
        .service(approve)
        .service(cancel)
        .service(disburse);
}
