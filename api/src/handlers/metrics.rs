use crate::error::ApiError;
use crate::state::AppState;
use actix_web::{HttpResponse, get, web};

/// Get Prometheus metrics
///
/// Public, for the scraper. Prometheus text exposition 0.0.4:
/// `wksbm_http_requests_total{method,route,status}`,
/// `wksbm_http_request_duration_seconds{method,route}` and the database pool.
#[utoipa::path(
    tag = "operasional",
    operation_id = "metrics",
    responses(
        (status = 200, description = "Prometheus text format 0.0.4", body = String, content_type = "text/plain; version=0.0.4",
         example = "wksbm_http_requests_total{method=\"GET\",route=\"/health/live\",status=\"200\"} 1\n"),
        (status = 500, response = wksbm_openapi::responses::InternalError)
    )
)]
#[get("/metrics")]
pub async fn metrics(state: web::Data<AppState>) -> Result<HttpResponse, ApiError> {
    let text = state
        .metrics
        .render(&state.db)
        .map_err(ApiError::internal)?;
    Ok(HttpResponse::Ok()
        .content_type("text/plain; version=0.0.4; charset=utf-8")
        .body(text))
}
