//! `/wksbm/{id}/tahapan`: the growth steps of a WKSBM (persiapan, pelaksanaan) and
//! completing one. The legalisation that ends them is in `pengesahan`.

use crate::auth::extract::AuthUser;
use crate::error::ApiError;
use crate::guards;
use crate::middleware::request_id;
use crate::state::AppState;
use crate::validation;
use actix_web::{HttpRequest, HttpResponse, get, post, web};
use utoipa_actix_web::service_config::ServiceConfig;
use uuid::Uuid;
use wksbm_domain::access::Action;
use wksbm_domain::audit::AuditEntry;
use wksbm_domain::formation::{Stage, Step, StepRecord, next_step};
use wksbm_openapi::formation::{
    CompleteStepRequest, Step as StepDto, StepName, Tahapan, Wksbm as WksbmDto,
};
use wksbm_openapi::responses::{ReadErrors, WriteErrors};
use wksbm_persistence::wksbm_repo;

/// Get a WKSBM's progress through the growth steps
///
/// Caller: every role within its territory. Done x of 6, the current stage and each completed
/// step with its date, notes and evidence. Outside the caller's territory, or unknown: 404
/// `not_found`.
#[utoipa::path(
    tag = "wksbm",
    operation_id = "getTahapan",
    params(("id" = Uuid, Path, description = "WKSBM id")),
    security(("bearer" = [])),
    responses(
        (status = 200, description = "Done x of 6, the current stage and each completed step", body = Tahapan),
        ReadErrors
    )
)]
#[get("/wksbm/{id}/tahapan")]
pub async fn list(
    state: web::Data<AppState>,
    auth: AuthUser,
    id: web::Path<Uuid>,
) -> Result<HttpResponse, ApiError> {
    let w = guards::wksbm(&state, &auth.actor, id.into_inner(), Action::WksbmRead).await?;
    let steps = wksbm_repo::steps(&state.db, w.id).await?;
    let done: Vec<Step> = steps.iter().map(|s| s.step).collect();
    let next = next_step(&done);
    Ok(HttpResponse::Ok().json(Tahapan {
        done: done.len(),
        total: Step::ALL.len(),
        current_stage: next.map_or(Stage::Pelaksanaan, Step::stage).into(),
        next_step: next.map(StepName::from),
        steps: steps.iter().map(StepDto::from).collect(),
    }))
}

/// Complete a growth step
///
/// Caller: kalurahan of the WKSBM's kalurahan, or admin. Steps are completed in order (409
/// `step_out_of_order`) and once (409 `step_already_done`), only while the WKSBM is in
/// formation (409 `wksbm_not_in_formation`). The sixth, `pengesahan`, is completed by
/// legalising (409 `step_needs_legalisation`).
///
/// Example: `POST /api/v1/wksbm/{id}/tahapan/sosialisasi` with `{"date": "2026-11-20"}`.
#[utoipa::path(
    tag = "wksbm",
    operation_id = "completeTahapan",
    params(("id" = Uuid, Path, description = "WKSBM id"), ("tahapan_id" = StepName, Path, description = "The step")),
    request_body = CompleteStepRequest,
    security(("bearer" = [])),
    responses(
        (status = 200, description = "The WKSBM after the step", body = WksbmDto, headers(("ETag" = String))),
        WriteErrors
    )
)]
#[post("/wksbm/{id}/tahapan/{tahapan_id}")]
pub async fn complete(
    state: web::Data<AppState>,
    req: HttpRequest,
    auth: AuthUser,
    path: web::Path<(Uuid, StepName)>,
    body: web::Json<CompleteStepRequest>,
) -> Result<HttpResponse, ApiError> {
    let (id, step) = path.into_inner();
    let w = guards::wksbm(&state, &auth.actor, id, Action::WksbmStep).await?;
    validation::check(&*body)?;
    let record = StepRecord {
        step: step.into(),
        date: body.date,
        notes: body.notes.clone(),
        evidence_ref: body.evidence_ref.clone().map(Into::into),
        done_by: auth.actor.user_id,
    };
    let entry = AuditEntry::by(&auth.actor, "wksbm.tahapan", "wksbm", w.kalurahan.clone())
        .resource(w.id)
        .request(&request_id::of(&req))
        .fields(&[record.step.as_str()]);
    let saved = wksbm_repo::complete_step(&state.db, w.id, &record, &entry).await?;
    Ok(crate::precondition::with_etag(
        saved.version,
        &WksbmDto::from(&saved),
    ))
}

/// Registers this module's routes (and their documentation) under `/api/v1`.
pub fn configure(cfg: &mut ServiceConfig) {
    cfg.service(list).service(complete);
}
