//! `/wksbm/{id}/pengesahan`: the Lurah's legalisation of a WKSBM (an SK with number and date).
use crate::auth::extract::AuthUser;
use crate::error::ApiError;
use crate::guards;
use crate::middleware::request_id;
use crate::state::AppState;
use crate::validation;
use actix_web::{HttpRequest, HttpResponse, post, web};
use utoipa_actix_web::service_config::ServiceConfig;
use uuid::Uuid;
use wksbm_domain::access::Action;
use wksbm_domain::audit::AuditEntry;
use wksbm_domain::formation::{Sk, Step, StepRecord};
use wksbm_openapi::formation::{PengesahanRequest, Wksbm as WksbmDto};
use wksbm_openapi::responses::WriteErrors;
use wksbm_persistence::wksbm_repo;

/// Legalise a WKSBM (pengesahan)
///
/// Caller: a kalurahan user of the WKSBM's own kalurahan only. Needs the five earlier steps
/// (409 `legalisation_steps_missing`) and a ketua, sekretaris and bendahara in office (409
/// `legalisation_board_incomplete`) who are three different people (409
/// `legalisation_board_not_distinct`). Records the SK; the WKSBM becomes `aktif`.
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
    let sk = Sk::from(&body.sk);
    let record = StepRecord {
        step: Step::Pengesahan,
        date: body.sk.date,
        notes: None,
        evidence_ref: Some(sk.number.clone()),
        done_by: auth.actor.user_id,
    };
    let entry = AuditEntry::by(
        &auth.actor,
        "wksbm.pengesahan",
        "wksbm",
        w.kalurahan.clone(),
    )
    .resource(w.id)
    .request(&request_id::of(&req))
    .fields(&["status", "sk.number", "sk.date", "sk.signed_by"]);
    let saved = wksbm_repo::legalise(&state.db, w.id, &sk, &record, &entry).await?;
    Ok(crate::precondition::with_etag(
        saved.version,
        &WksbmDto::from(&saved),
    ))
}

/// Registers this module's routes (and their documentation) under `/api/v1`.
pub fn configure(cfg: &mut ServiceConfig) {
    cfg.service(legalise);
}
