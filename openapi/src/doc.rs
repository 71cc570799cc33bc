//! The base document: info, tags and shared components. Paths come from the handlers.

use crate::{
    audit, auth, formation, health, katalog, padukuhan, pengurus, ppks_io, problem, rapat,
    responses, users, wilayah,
};
use utoipa::Modify;
use utoipa::OpenApi;
use utoipa::openapi::security::{HttpAuthScheme, HttpBuilder, SecurityScheme};

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
        (name = "auth", description = "Login, tokens (EdDSA JWT, 15 minutes; opaque refresh tokens rotated on use), the caller's own account, signing keys."),
        (name = "users", description = "Accounts, scoped to a territory; never deleted, deactivated instead."),
        (name = "padukuhan", description = "Hamlets of a kalurahan, managed by the kalurahan; never deleted."),
        (name = "wksbm", description = "WKSBM: formation in six steps, legalisation by the lurah, suspension and dissolution, and the board."),
        (name = "ppks", description = "The register of people the WKSBM serves (PPKS), with personal data protected under UU 27/2022: encrypted at rest, NIK masked unless the policy allows, every read audited, data-subject export and anonymisation, import and export."),
        (name = "jejaring", description = "The resources around a WKSBM: PSKS (the 12 types of social welfare potential), donors (donatur) and partner organisations (mitra) with their services and MoU. Deactivated with a reason, never deleted."),
        (name = "dana", description = "Money and rice (books 2, 3 and 7): funds with balances that never go below zero, the append-only cash book (corrected by reversal), transfers, the zakat legal basis, business units, donor proposals, jimpitan rounds, rice sales and the period report (ISAK 35). Whole rupiah and grams, integers. Money-moving POSTs accept Idempotency-Key."),
        (name = "penyaluran", description = "Distribution to PPKS: rounds prepared by the board, approved by the ketua citing a meeting decision, paid recipient by recipient with a handover record."),
        (name = "audit", description = "The append-only, hash-chained record of every write and every read of personal data."),
        (name = "operasional", description = "Liveness, readiness, metrics and this specification.")
    ),
    modifiers(&BearerAuth),
    components(
        schemas(
            problem::Problem, problem::FieldError, health::Health, health::HealthState,
            wilayah::Wilayah, wilayah::WilayahDetail, wilayah::WilayahLevel,
            katalog::Katalog, katalog::KatalogItem, katalog::KatalogName, katalog::KatalogList,
            katalog::KatalogSummary, katalog::ResolveRequest, katalog::ResolveValue,
            katalog::Resolved, katalog::ResolveResponse,
            auth::Role, auth::LoginRequest, auth::TokenResponse, auth::RefreshRequest,
            auth::ClientCredentialsRequest, auth::PasswordChangeRequest, auth::Me, auth::Jwks, auth::Jwk,
            users::User, users::CreateUserRequest, users::UpdateUserRequest, users::DeactivateRequest,
            users::ResetPasswordRequest,
            audit::AuditEntry, audit::AuditCheckpoint, ppks_io::ExportFormat,
            padukuhan::RwRt, padukuhan::RtNumber, padukuhan::Padukuhan, padukuhan::PadukuhanRequest,
            formation::WksbmStatus, formation::Sk, formation::Wksbm,
            formation::CreateWksbmRequest, formation::SummaryRow, formation::Summary,
            formation::StepName, formation::StageName, formation::Step, formation::Tahapan,
            formation::CompleteStepRequest, formation::PengesahanRequest, formation::StatusTarget,
            formation::StatusRequest, pengurus::Jabatan, pengurus::Seat, pengurus::Board,
            pengurus::AppointRequest, pengurus::EndSeatRequest, pengurus::SeatAccountRequest, formation::UpdateWksbmRequest, padukuhan::DeactivatePadukuhanRequest,
            rapat::Outcome, rapat::Attendee, rapat::DecisionRequest, rapat::RapatRequest,
            rapat::Quorum, rapat::Decision, rapat::Rapat
        ),
        responses(
            responses::BadRequest, responses::NotFound, responses::PayloadTooLarge,
            responses::UnsupportedMediaType, responses::Unprocessable, responses::InternalError,
            responses::ServiceUnavailable, responses::Unauthorized, responses::Forbidden,
            responses::Conflict, responses::PreconditionFailed, responses::PreconditionRequired,
            responses::TooManyRequests
        )
    )
)]
pub struct ApiDoc;

/// The `bearer` security scheme: an access token from `/api/v1/auth/login`.
pub struct BearerAuth;

impl Modify for BearerAuth {
    fn modify(&self, openapi: &mut utoipa::openapi::OpenApi) {
        if let Some(components) = openapi.components.as_mut() {
            components.add_security_scheme(
                "bearer",
                SecurityScheme::Http(
                    HttpBuilder::new()
                        .scheme(HttpAuthScheme::Bearer)
                        .bearer_format("JWT")
                        .description(Some("Access token (EdDSA JWT) from POST /api/v1/auth/login or /api/v1/auth/token"))
                        .build(),
                ),
            );
        }
    }
}
