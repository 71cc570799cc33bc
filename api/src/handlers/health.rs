use crate::error::ApiError;
use crate::state::AppState;
use actix_web::{HttpResponse, get, web};
use wksbm_openapi::health::{Health, HealthState};

/// The process is up. Does not look at the database.
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

/// Ready to serve: the database answers. 503 while it does not; recovers by itself.
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
