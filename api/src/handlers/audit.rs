use crate::auth::extract::AuthUser;
use crate::error::ApiError;
use crate::pagination::PageRequest;
use crate::state::AppState;
use crate::validation;
use actix_web::{HttpRequest, HttpResponse, get, web};
use utoipa_actix_web::service_config::ServiceConfig;
use wksbm_domain::access::Action;
use wksbm_openapi::audit::{AuditCheckpoint, AuditEntry, AuditQuery};
use wksbm_openapi::page::{Page, PageParams};
use wksbm_openapi::responses::{ReadErrors, SearchErrors};
use wksbm_persistence::audit_checkpoint_repo;
use wksbm_persistence::audit_repo::{self, AuditFilter};

const LIST: &str = "audit";

/// List the audit log
///
/// Caller: admin and dinsos, and kalurahan for its own kalurahan; others 403 `forbidden`. Every
/// write and every read of personal data, newest first, filtered by actor, action, entity or
/// period. Cursor pages: `page_size` 1-200 (default 50), `page_token` from `next_page_token`
/// (400 `query_invalid` / `page_token_invalid` when malformed), a `Link: rel="next"` header.
#[utoipa::path(
    tag = "audit",
    operation_id = "listAudit",
    params(AuditQuery, PageParams),
    security(("bearer" = [])),
    responses(
        (status = 200, description = "One page of audit rows", body = Page<AuditEntry>),
        SearchErrors
    )
)]
#[get("/audit")]
pub async fn list(
    state: web::Data<AppState>,
    req: HttpRequest,
    auth: AuthUser,
    q: web::Query<AuditQuery>,
    page: web::Query<PageParams>,
) -> Result<HttpResponse, ApiError> {
    crate::guards::require(&auth.actor, Action::AuditRead)?;
    validation::check_query(&*q)?;
    let page = PageRequest::<i64>::parse(LIST, &page)?;
    let f = AuditFilter {
        actor_id: q.actor_id,
        action: q.action.clone(),
        resource_type: q.resource_type.clone(),
        resource_id: q.resource_id.clone(),
        since: q
            .since
            .map(|s| s.to_rfc3339_opts(chrono::SecondsFormat::Micros, true)),
    };
    let rows = audit_repo::list(
        &state.db,
        &auth.actor.territory,
        &f,
        page.after,
        page.limit(),
    )
    .await?;
    Ok(page.respond(&req, rows, |r| r.seq.to_string(), |r| AuditEntry::from(r)))
}

/// Get the signed head of the audit chain
///
/// Caller: admin and dinsos, and kalurahan; others 403 `forbidden`. The chain's last row
/// number and hash, signed with the access-token key (a compact JWS, audience
/// `wksbm-audit-checkpoint`, verifiable with `/.well-known/jwks.json`), for keeping outside
/// this server: `wksbm-api audit-verify` finds a log whose last rows were removed after a
/// checkpoint. Signed now when the chain grew since the last checkpoint (the server also
/// signs one every `WKSBM_AUDIT_CHECKPOINT_SECS` and logs it); 404 `not_found` while the log
/// is empty.
#[utoipa::path(
    tag = "audit",
    operation_id = "getAuditCheckpoint",
    security(("bearer" = [])),
    responses(
        (status = 200, description = "The latest checkpoint", body = AuditCheckpoint),
        ReadErrors
    )
)]
#[get("/audit/checkpoint")]
pub async fn checkpoint(
    state: web::Data<AppState>,
    auth: AuthUser,
) -> Result<HttpResponse, ApiError> {
    crate::guards::require(&auth.actor, Action::AuditRead)?;
    let issuer = state.tokens.issuer().to_owned();
    crate::audit_checkpoint::take(&state.db, state.tokens.keys(), &issuer)
        .await
        .map_err(ApiError::internal)?;
    let c = audit_checkpoint_repo::latest(&state.db)
        .await?
        .ok_or_else(|| ApiError::not_found("Titik periksa audit", "Audit checkpoint", "latest"))?;
    Ok(HttpResponse::Ok()
        .insert_header(("cache-control", "no-store"))
        .json(AuditCheckpoint {
            seq: c.seq,
            hash: c.hash,
            at: c.at,
            token: c.token,
        }))
}

/// Registers this module's routes (and their documentation) under `/api/v1`.
pub fn configure(cfg: &mut ServiceConfig) {
    // The literal /audit/checkpoint is its own path; /audit has no child by id.
    cfg.service(list).service(checkpoint);
}
