use super::wksbm::with_etag;
use crate::auth::extract::AuthUser;
use crate::error::ApiError;
use crate::guards;
use crate::middleware::request_id;
use crate::state::AppState;
use crate::validation;
use actix_web::{HttpRequest, HttpResponse, get, post, web};
use uuid::Uuid;
use wksbm_domain::access::Action;
use wksbm_domain::audit::Entry;
use wksbm_domain::formation::{Sk, Stage, Step, StepRecord, next_step};
use wksbm_openapi::formation::{
    CompleteStepRequest, PengesahanRequest, StepDto, StepName, Tahapan, Wksbm as WksbmDto,
};
use wksbm_openapi::responses::{ReadErrors, WriteErrors};
use wksbm_persistence::wksbm_repo;

/// Progress through the six growth steps.
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

/// Complete a growth step, in order (kalurahan of the WKSBM, or admin). The sixth,
/// `pengesahan`, is completed by legalising.
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
    let entry = Entry::by(&auth.actor, "wksbm.tahapan", "wksbm", w.kalurahan.clone())
        .resource(w.id)
        .request(&request_id::of(&req))
        .fields(&[record.step.as_str()]);
    let saved = wksbm_repo::complete_step(&state.db, w.id, &record, &entry).await?;
    Ok(with_etag(&saved))
}

/// Legalise (pengesahan): only a kalurahan user of the WKSBM's own kalurahan; needs the
/// five earlier steps and a ketua, sekretaris and bendahara who are three different
/// people. The WKSBM becomes `aktif`.
#[utoipa::path(
    tag = "wksbm",
    operation_id = "legaliseWksbm",
    params(("id" = Uuid, Path, description = "WKSBM id")),
    request_body = PengesahanRequest,
    security(("bearer" = [])),
    responses(
        (status = 200, description = "The legalised WKSBM", body = WksbmDto, headers(("ETag" = String))),
        WriteErrors
    )
)]
#[post("/wksbm/{id}/pengesahan")]
pub async fn legalise(
    state: web::Data<AppState>,
    req: HttpRequest,
    auth: AuthUser,
    id: web::Path<Uuid>,
    body: web::Json<PengesahanRequest>,
) -> Result<HttpResponse, ApiError> {
    let w = guards::wksbm(&state, &auth.actor, id.into_inner(), Action::WksbmLegalise).await?;
    validation::check(&*body)?;
    let sk = Sk {
        number: body.sk_number.trim().to_owned(),
        date: body.sk_date,
        signed_by: body.signed_by.trim().to_owned(),
    };
    let record = StepRecord {
        step: Step::Pengesahan,
        date: body.sk_date,
        notes: None,
        evidence_ref: Some(sk.number.clone()),
        done_by: auth.actor.user_id,
    };
    let entry = Entry::by(
        &auth.actor,
        "wksbm.pengesahan",
        "wksbm",
        w.kalurahan.clone(),
    )
    .resource(w.id)
    .request(&request_id::of(&req))
    .fields(&["status", "sk_number", "sk_date", "sk_signed_by"]);
    let saved = wksbm_repo::legalise(&state.db, w.id, &sk, &record, &entry).await?;
    Ok(with_etag(&saved))
}
