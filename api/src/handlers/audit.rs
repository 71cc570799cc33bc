use crate::auth::extract::AuthUser;
use crate::error::ApiError;
use crate::pagination;
use crate::state::AppState;
use crate::validation;
use actix_web::{HttpRequest, HttpResponse, get, web};
use wksbm_domain::access::{Action, may_at_all};
use wksbm_openapi::audit::{AuditEntry, AuditPage, AuditQuery};
use wksbm_openapi::page::PageParams;
use wksbm_openapi::responses::{
    BadRequest, Forbidden, InternalError, ServiceUnavailable, Unauthorized,
};
use wksbm_persistence::audit_repo::{self, AuditFilter};

const LIST: &str = "audit";

/// The audit log of the caller's territory, newest first (admin, dinsos; kalurahan for
/// its own kalurahan).
#[utoipa::path(
    tag = "audit",
    operation_id = "listAudit",
    params(AuditQuery, PageParams),
    security(("bearer" = [])),
    responses(
        (status = 200, description = "One page of audit rows", body = AuditPage),
        (status = 400, response = BadRequest),
        (status = 401, response = Unauthorized),
        (status = 403, response = Forbidden),
        (status = 500, response = InternalError),
        (status = 503, response = ServiceUnavailable)
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
    if !may_at_all(&auth.actor, Action::AuditRead) {
        return Err(ApiError::forbidden());
    }
    validation::check_query(&*q)?;
    let size = pagination::page_size(page.page_size)?;
    let before = match &page.page_token {
        Some(t) => Some(
            pagination::decode(LIST, t)?
                .parse::<i64>()
                .map_err(|_| pagination::bad_token())?,
        ),
        None => None,
    };
    let f = AuditFilter {
        actor_id: q.actor_id,
        action: q.action.clone(),
        resource_type: q.resource_type.clone(),
        resource_id: q.resource_id.clone(),
        since: q
            .since
            .map(|s| s.to_rfc3339_opts(chrono::SecondsFormat::Micros, true)),
    };
    let limit = size.get() as usize;
    let rows = audit_repo::list(&state.db, &auth.actor.territory, &f, before, limit as u64).await?;
    let (rows, next) = pagination::split_page(rows, limit, LIST, |r| r.seq.to_string());
    let mut res = pagination::page_response(&req, next.as_deref());
    Ok(res.json(AuditPage {
        items: rows.iter().map(AuditEntry::from).collect(),
        next_page_token: next,
    }))
}
