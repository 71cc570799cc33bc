use crate::error::ApiError;
use crate::state::AppState;
use actix_web::{HttpResponse, get, web};
use wksbm_openapi::health::{Health, HealthState};

/// Check that the process is up
///
/// Public. Answers 200 `{"status": "ok"}` while the process runs; does not look at the
/// database, so an orchestrator restarts only a hung process.
#[utoipa::path(
    tag = "operasional",
    operation_id = "healthLive",
    responses(
        (status = 200, description = "The process answers", body = Health, example = json!({"status": "ok"})),
        (status = 500, response = wksbm_openapi::responses::InternalError)
    )
)]
#[get("/health/live")]
pub async fn live() -> HttpResponse {
    HttpResponse::Ok().json(Health {
        status: HealthState::Ok,
        database: None,
    })
}

/// Check that the service is ready to serve
///
/// Public. 200 when the database answers; 503 `database_unavailable` while it does not.
/// Recovers by itself when the database comes back, without a restart.
#[utoipa::path(
    tag = "operasional",
    operation_id = "healthReady",
    responses(
        (status = 200, description = "Ready", body = Health, example = json!({"status": "ok", "database": "ok"})),
        (status = 500, response = wksbm_openapi::responses::InternalError),
        (status = 503, response = wksbm_openapi::responses::ServiceUnavailable)
    )
)]
#[get("/health/ready")]
pub async fn ready(state: web::Data<AppState>) -> Result<HttpResponse, ApiError> {
    if state.db.is_ready().await {
        Ok(HttpResponse::Ok().json(Health {
            status: HealthState::Ok,
            database: Some(HealthState::Ok),
        }))
    } else {
        Err(ApiError::unavailable(
            "readiness check: database did not answer",
        ))
    }
}
