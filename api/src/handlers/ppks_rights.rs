//! The data subject's rights over a PPKS record (UU 27/2022): access to everything held
//! and to who processed it, erasure by anonymisation; and the household view.

use crate::auth::extract::AuthUser;
use crate::clock::today;
use crate::error::ApiError;
use crate::guards::ppks::{load, not_found};
use crate::middleware::request_id;
use crate::state::AppState;
use crate::validation;
use actix_web::http::header;
use actix_web::{HttpRequest, HttpResponse, get, post, web};
use utoipa_actix_web::service_config::ServiceConfig;
use uuid::Uuid;
use wksbm_domain::access::{Action, may_see_personal};
use wksbm_domain::audit::AuditEntry;
use wksbm_domain::ppks::{Ppks, household_no_kk};
use wksbm_openapi::ppks_rights::{AccessRecord, AnonymiseRequest, DataSubjectExport, Household};
use wksbm_openapi::ppks_view::{Ppks as PpksDto, PpksSummary};
use wksbm_openapi::responses::{ReadErrors, WriteErrors};
use wksbm_persistence::audit_repo::{self, AuditFilter};
use wksbm_persistence::ppks_repo;

const ACCESS_LOG_LIMIT: u64 = 1000;

/// Export everything held about a person
///
/// Caller: only those who may see the person's full record (403 `forbidden` otherwise). The
/// person's data and every processing of it in the audit log, reads included, for answering a
/// data subject's request within 3×24 hours. The export itself is audited.
#[utoipa::path(
    tag = "ppks",
    operation_id = "exportPpksDataSubject",
    params(("id" = Uuid, Path, description = "PPKS id")),
    security(("bearer" = [])),
    responses(
        (status = 200, description = "The person's data and access log", body = DataSubjectExport),
        ReadErrors
    )
)]
#[get("/ppks/{id}/data-pribadi")]
pub async fn data_subject_export(
    state: web::Data<AppState>,
    req: HttpRequest,
    auth: AuthUser,
    id: web::Path<Uuid>,
) -> Result<HttpResponse, ApiError> {
    let actor = &auth.actor;
    let p = load(&state, actor, *id, Action::PpksRead).await?;
    if !may_see_personal(actor, p.wksbm_id, &p.territory()) {
        return Err(ApiError::forbidden());
    }
    let audit = AuditEntry::by(
        actor,
        "ppks.data_subject_export",
        "ppks",
        p.kalurahan.clone(),
    )
    .resource(p.id)
    .request(&request_id::of(&req));
    state.audit.record(audit).await?;
    let f = AuditFilter {
        resource_type: Some("ppks".into()),
        resource_id: Some(p.id.to_string()),
        ..AuditFilter::default()
    };
    let mut rows =
        audit_repo::list(&state.db, &p.log_territory(), &f, None, ACCESS_LOG_LIMIT).await?;
    let truncated = rows.len() as u64 > ACCESS_LOG_LIMIT;
    rows.truncate(ACCESS_LOG_LIMIT as usize);
    let body = DataSubjectExport {
        generated_at: chrono::Utc::now(),
        person: PpksDto::view(&p, true, today()),
        access_log: rows
            .into_iter()
            .map(|r| AccessRecord {
                at: r.at,
                actor_id: r.entry.actor_id,
                actor_role: r.entry.actor_role,
                action: r.entry.action.into_owned(),
                request_id: r.entry.request_id,
            })
            .collect(),
        access_log_truncated: truncated,
    };
    Ok(HttpResponse::Ok()
        .insert_header((header::CACHE_CONTROL, "no-store"))
        .insert_header((
            header::CONTENT_DISPOSITION,
            format!("attachment; filename=\"ppks-{}.json\"", p.id),
        ))
        .json(body))
}

/// The record with identity erased today (see [`Ppks::anonymised`]).
pub fn anonymised(p: &Ppks) -> Ppks {
    p.anonymised(today(), chrono::Utc::now())
}

/// Erase a person's identity
///
/// Caller: kalurahan or admin within their territory. Replaces name, NIK, No. KK and contact
/// with anonymous values on the data subject's request; financial history stays. Cannot be
/// undone; a second time is 409 `ppks_anonymised`.
#[utoipa::path(
    tag = "ppks",
    operation_id = "anonymisePpks",
    params(("id" = Uuid, Path, description = "PPKS id")),
    request_body = AnonymiseRequest,
    security(("bearer" = [])),
    responses(
        (status = 200, description = "The anonymised record", body = PpksDto, headers(("ETag" = String))),
        WriteErrors
    )
)]
#[post("/ppks/{id}/anonimkan")]
pub async fn anonymise(
    state: web::Data<AppState>,
    req: HttpRequest,
    auth: AuthUser,
    id: web::Path<Uuid>,
    body: web::Json<AnonymiseRequest>,
) -> Result<HttpResponse, ApiError> {
    let actor = &auth.actor;
    let current = load(&state, actor, *id, Action::PpksAnonymise).await?;
    validation::check(&*body)?;
    crate::guards::ppks::not_anonymised(&current)?;
    let mut a = anonymised(&current);
    a.status_note = Some(body.reason.trim().to_owned());
    let audit = AuditEntry::by(actor, "ppks.anonymise", "ppks", a.kalurahan.clone())
        .resource(a.id)
        .request(&request_id::of(&req))
        .fields(&["identity"]);
    let saved = ppks_repo::anonymise(
        &state.db,
        &state.vault,
        &a,
        &current.name,
        current.version,
        &audit,
    )
    .await?;
    vacuum_later(&state);
    Ok(HttpResponse::Ok()
        .insert_header((header::ETAG, crate::precondition::etag(saved.version)))
        .json(PpksDto::view(&saved, true, today())))
}

/// Vacuums what an erasure touched, after the answer (PostgreSQL; a no-op on SQLite).
pub fn vacuum_later(state: &AppState) {
    let db = state.db.clone();
    actix_web::rt::spawn(async move {
        if let Err(e) = ppks_repo::vacuum_erased(&db).await {
            tracing::warn!(error = %e, "vacuum after anonymisation failed");
        }
    });
}

/// Get a person's household
///
/// Caller: every role within its territory. The people with the same No. KK that the caller may
/// see, masked as in the search for those it may not see in full. Outside the caller's
/// territory, or unknown: 404 `not_found`.
#[utoipa::path(
    tag = "ppks",
    operation_id = "getPpksHousehold",
    params(("id" = Uuid, Path, description = "PPKS id")),
    security(("bearer" = [])),
    responses(
        (status = 200, description = "The household", body = Household),
        ReadErrors
    )
)]
#[get("/ppks/{id}/keluarga")]
pub async fn household(
    state: web::Data<AppState>,
    req: HttpRequest,
    auth: AuthUser,
    id: web::Path<Uuid>,
) -> Result<HttpResponse, ApiError> {
    let actor = &auth.actor;
    let p = load(&state, actor, *id, Action::PpksRead).await?;
    let kk = p.no_kk().map(str::to_owned);
    // Without a recorded No. KK the household is the person alone.
    let members = match &kk {
        Some(kk) => ppks_repo::household(&state.db, &state.vault, &actor.territory, kk).await?,
        None => vec![p.clone()],
    };
    if members.is_empty() {
        return Err(not_found(&id.to_string()));
    }
    let full = may_see_personal(actor, p.wksbm_id, &p.territory());
    let audit = AuditEntry::by(actor, "ppks.household", "ppks", p.kalurahan.clone())
        .resource(p.id)
        .request(&request_id::of(&req))
        .fields(&[format!("members={}", members.len()).as_str()]);
    state.audit.record(audit).await?;
    Ok(HttpResponse::Ok()
        .insert_header((header::CACHE_CONTROL, "no-store"))
        .json(Household {
            no_kk: kk.map(|kk| household_no_kk(&kk, full)),
            members: members.iter().map(PpksSummary::from).collect(),
        }))
}

/// Registers this module's routes (and their documentation) under `/api/v1`.
pub fn configure(cfg: &mut ServiceConfig) {
    cfg.service(data_subject_export)
        .service(anonymise)
        .service(household);
}
