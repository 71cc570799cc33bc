use crate::auth::extract::AuthUser;
use crate::error::ApiError;
use crate::pagination::PageRequest;
use crate::state::AppState;
use crate::validation;
use actix_web::{HttpRequest, HttpResponse, get, web};
use utoipa_actix_web::service_config::ServiceConfig;
use wksbm_domain::access::Action;
use wksbm_openapi::audit::{AuditEntry, AuditQuery};
use wksbm_openapi::page::{Page, PageParams};
use wksbm_openapi::responses::SearchErrors;
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

/// Registers this module's routes (and their documentation) under `/api/v1`.
pub fn configure(cfg: &mut ServiceConfig) {
    cfg.service(list);
}
