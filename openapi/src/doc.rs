//! The base document: info, tags and shared components. Paths come from the handlers.

use crate::{health, katalog, problem, responses, wilayah};
use utoipa::OpenApi;

#[derive(OpenApi)]
#[openapi(
    info(
        title = "wksbm API",
        description = "Backend for Wahana Kesejahteraan Sosial Berbasis Masyarakat (WKSBM): community social-welfare networks in Indonesian padukuhan. Errors are RFC 9457 problem details (`application/problem+json`) with a stable `code`; messages are in Bahasa Indonesia, or English with `Accept-Language: en`. Every response carries `X-Request-Id`.",
        license(name = "Apache-2.0", identifier = "Apache-2.0")
    ),
    servers((url = "/", description = "This server")),
    tags(
        (name = "wilayah", description = "The territory tree: provinsi, kabupaten, kapanewon, kalurahan (Kepmendagri codes)."),
        (name = "katalog", description = "Fixed reference lists: PPKS and PSKS types, activities, fundraising methods, distribution categories, asnaf, jabatan."),
        (name = "operasional", description = "Liveness, readiness, metrics and this specification.")
    ),
    components(
        schemas(
            problem::Problem, problem::FieldError, health::Health, health::HealthState,
            wilayah::Wilayah, wilayah::WilayahDetail, wilayah::WilayahPage, wilayah::WilayahLevel,
            katalog::Katalog, katalog::KatalogItem, katalog::KatalogName, katalog::KatalogList,
            katalog::KatalogSummary, katalog::ResolveRequest, katalog::ResolveValue,
            katalog::Resolved, katalog::ResolveResponse
        ),
        responses(
            responses::BadRequest, responses::NotFound, responses::PayloadTooLarge,
            responses::UnsupportedMediaType, responses::Unprocessable, responses::InternalError,
            responses::ServiceUnavailable
        )
    )
)]
pub struct ApiDoc;
