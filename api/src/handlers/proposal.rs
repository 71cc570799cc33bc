//! `/wksbm/{id}/proposal`: proposals to donors, their pledges and what was received.

use crate::auth::extract::AuthUser;
use crate::error::ApiError;
use crate::guards::{audit, readable, writable};
use crate::idempotency::{created_in, entry_created, post_once};
use crate::pagination::PageRequest;
use crate::state::AppState;
use crate::validation;
use actix_web::{HttpRequest, HttpResponse, get, post, web};
use utoipa_actix_web::service_config::ServiceConfig;
use uuid::Uuid;
use wksbm_domain::fundraising::{self as dom, ProposalStatus};
use wksbm_openapi::dana::Entry;
use wksbm_openapi::dana::IdempotencyKeyHeader;
use wksbm_openapi::fundraising::{PledgeRequest, Proposal, ProposalRequest, ReceiveRequest};
use wksbm_openapi::page::{Page, PageParams};
use wksbm_openapi::responses::{ListErrors, WriteErrors};
use wksbm_persistence::fundraising_repo::{self as repo};

/// List donor proposals
///
/// Caller: admin, dinsos, kapanewon and kalurahan within their territory, the board of this
/// WKSBM (403 for another WKSBM's board), integrasi only with the personal-data grant. Outside
/// the territory 404 `not_found`. Cursor pages: `page_size` 1-200 (default 50), `page_token`
/// from `next_page_token` (400 `query_invalid` / `page_token_invalid` when malformed), a `Link:
/// rel="next"` header.
#[utoipa::path(
    tag = "dana",
    operation_id = "listProposal",
    params(("id" = Uuid, Path, description = "WKSBM id"), PageParams),
    security(("bearer" = [])),
    responses(
        (status = 200, description = "One page", body = Page<Proposal>),
        ListErrors
    )
)]
#[get("/wksbm/{id}/proposal")]
pub async fn list_proposals(
    state: web::Data<AppState>,
    req: HttpRequest,
    auth: AuthUser,
    id: web::Path<Uuid>,
    page: web::Query<PageParams>,
) -> Result<HttpResponse, ApiError> {
    let w = readable(&state, &auth.actor, id.into_inner()).await?;
    let page = PageRequest::<Uuid>::parse("proposal", &page)?;
    let rows = repo::proposals(&state.db, w.id, page.after, page.limit()).await?;
    Ok(page.respond(&req, rows, |p| p.id.to_string(), |p| Proposal::from(p)))
}

/// Record a proposal sent to a donor
///
/// Caller: the bendahara of this WKSBM, or its ketua while no bendahara serves (403
/// `bendahara_keeps_books` when one does); any other role or jabatan 403 `forbidden`; a WKSBM
/// outside the caller's territory 404 `not_found`. The donor belongs to this WKSBM (422
/// `donor_unknown`); the sent date is not in the future. The proposal starts as `dikirim`.
///
/// Accepts `Idempotency-Key`: the same key with the same body replays the first answer, another
/// body is 422 `idempotency_key_reused`, a first request still running 409
/// `idempotency_key_in_flight`.
#[utoipa::path(
    tag = "dana",
    operation_id = "createProposal",
    params(
        ("id" = Uuid, Path, description = "WKSBM id"),
        IdempotencyKeyHeader
    ),
    request_body = ProposalRequest,
    security(("bearer" = [])),
    responses(
        (status = 201, description = "The proposal", body = Proposal, headers(("Location" = String))),
        WriteErrors
    )
)]
#[post("/wksbm/{id}/proposal")]
pub async fn create_proposal(
    state: web::Data<AppState>,
    req: HttpRequest,
    auth: AuthUser,
    id: web::Path<Uuid>,
    body: web::Json<ProposalRequest>,
) -> Result<HttpResponse, ApiError> {
    let w = writable(&state, &auth.actor, id.into_inner()).await?;
    validation::check(&*body)?;
    validation::rupiah("requested", body.requested)?;
    validation::books_date("sent_date", body.sent_date)?;
    let now = chrono::Utc::now();
    let p = dom::Proposal {
        id: Uuid::now_v7(),
        wksbm_id: w.id,
        donor_id: body.donor_id,
        title: body.title.trim().to_owned(),
        requested: body.requested,
        pledged: None,
        status: ProposalStatus::Dikirim,
        sent_date: body.sent_date,
        pledged_date: None,
        entry_id: None,
        created_at: now,
    };
    let render = |p: &dom::Proposal| created_in("proposal", p.wksbm_id, p.id, &Proposal::from(p));
    let b = &*body;
    post_once(
        &state,
        &req,
        &auth,
        (&w, "proposal.create"),
        b,
        &render,
        |write| async move {
            repo::create_proposal(write.db, &p, &write.record, write.sealer.as_ref()).await
        },
    )
    .await
}

async fn proposal_exists(state: &AppState, w: Uuid, pid: Uuid) -> Result<(), ApiError> {
    repo::proposal(&state.db, w, pid)
        .await?
        .map(|_| ())
        .ok_or_else(|| ApiError::not_found("Proposal", "Proposal", &pid.to_string()))
}

/// Record a donor's pledge on a proposal
///
/// Caller: the bendahara of this WKSBM, or its ketua while no bendahara serves (403
/// `bendahara_keeps_books` when one does); any other role or jabatan 403 `forbidden`; a WKSBM
/// outside the caller's territory 404 `not_found`. Only a sent proposal is pledged (409
/// `proposal_not_sent`); the amount is positive and the date not in the future. The proposal
/// becomes `dijanjikan`.
#[utoipa::path(
    tag = "dana",
    operation_id = "pledgeProposal",
    params(("id" = Uuid, Path, description = "WKSBM id"), ("proposal_id" = Uuid, Path, description = "Proposal id")),
    request_body = PledgeRequest,
    security(("bearer" = [])),
    responses(
        (status = 200, description = "The proposal", body = Proposal),
        WriteErrors
    )
)]
#[post("/wksbm/{id}/proposal/{proposal_id}/janji")]
pub async fn pledge(
    state: web::Data<AppState>,
    req: HttpRequest,
    auth: AuthUser,
    path: web::Path<(Uuid, Uuid)>,
    body: web::Json<PledgeRequest>,
) -> Result<HttpResponse, ApiError> {
    let (id, pid) = path.into_inner();
    let w = writable(&state, &auth.actor, id).await?;
    proposal_exists(&state, w.id, pid).await?;
    validation::rupiah("amount", body.amount)?;
    validation::books_date("date", body.date)?;
    let p = repo::pledge(
        &state.db,
        w.id,
        pid,
        body.amount,
        body.date,
        &audit(&auth.actor, "proposal.pledge", &w, &req),
    )
    .await?;
    Ok(HttpResponse::Ok().json(Proposal::from(&p)))
}

/// Receive a pledged proposal
///
/// Caller: the bendahara of this WKSBM, or its ketua while no bendahara serves (403
/// `bendahara_keeps_books` when one does); any other role or jabatan 403 `forbidden`; a WKSBM
/// outside the caller's territory 404 `not_found`. Posts the income (`proposal_donatur`, with
/// the donor, so it appears in the donor's giving history) and sets the proposal `diterima`;
/// only a pledged proposal is received (409 `proposal_not_pledged`). Posting needs an `aktif`
/// WKSBM (409 `wksbm_not_active`).
///
/// Accepts `Idempotency-Key`: the same key with the same body replays the first answer, another
/// body is 422 `idempotency_key_reused`, a first request still running 409
/// `idempotency_key_in_flight`.
#[utoipa::path(
    tag = "dana",
    operation_id = "receiveProposal",
    params(
        ("id" = Uuid, Path, description = "WKSBM id"),
        ("proposal_id" = Uuid, Path, description = "Proposal id"),
        IdempotencyKeyHeader
    ),
    request_body = ReceiveRequest,
    security(("bearer" = [])),
    responses(
        (status = 201, description = "The income entry", body = Entry),
        WriteErrors
    )
)]
#[post("/wksbm/{id}/proposal/{proposal_id}/terima")]
pub async fn receive(
    state: web::Data<AppState>,
    req: HttpRequest,
    auth: AuthUser,
    path: web::Path<(Uuid, Uuid)>,
    body: web::Json<ReceiveRequest>,
) -> Result<HttpResponse, ApiError> {
    let (id, pid) = path.into_inner();
    let w = writable(&state, &auth.actor, id).await?;
    proposal_exists(&state, w.id, pid).await?;
    let b = &*body;
    post_once(
        &state,
        &req,
        &auth,
        (&w, "proposal.receive"),
        b,
        &entry_created,
        |write| async move {
            repo::receive(
                write.db,
                write.wksbm_id,
                pid,
                b.fund_id,
                b.amount,
                b.date,
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
    cfg.service(list_proposals)
        .service(create_proposal)
        .service(pledge)
        .service(receive);
}
