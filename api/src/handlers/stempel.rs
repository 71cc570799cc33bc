use crate::auth::extract::AuthUser;
use crate::error::ApiError;
use crate::guards::own_wksbm;
use crate::i18n::Text;
use crate::middleware::request_id;
use crate::state::AppState;
use actix_web::http::{StatusCode, header};
use actix_web::{HttpRequest, HttpResponse, get, post, web};
use utoipa_actix_web::service_config::ServiceConfig;
use uuid::Uuid;
use wksbm_domain::access::Action;
use wksbm_domain::audit::AuditEntry;
use wksbm_domain::stempel::{StampError, sniff};
use wksbm_openapi::responses::{
    Conflict, Forbidden, InternalError, NotFound, PayloadTooLarge, ReadErrors, ServiceUnavailable,
    Unauthorized, Unprocessable,
};
use wksbm_persistence::stempel_repo;

fn stamp_error(e: StampError) -> ApiError {
    let (status, id) = match e {
        StampError::TooLarge => (StatusCode::PAYLOAD_TOO_LARGE, "Cap paling besar 512 KiB."),
        StampError::NotAnImage => (
            StatusCode::UNPROCESSABLE_ENTITY,
            "Isi berkas bukan gambar PNG atau JPEG.",
        ),
    };
    ApiError::new(status, e.code(), Text::new(id, e.to_string()))
}

/// Upload the WKSBM's stamp
///
/// Caller: the ketua or sekretaris of this WKSBM. The body is the raw bytes of a PNG or JPEG
/// image, recognised by content (422 `stamp_not_image`), at most 512 KiB (413
/// `stamp_too_large`). Each upload is kept; the newest is current. The `ETag` is the image's
/// SHA-256.
#[utoipa::path(
    tag = "wksbm",
    operation_id = "uploadStempel",
    params(("id" = Uuid, Path, description = "WKSBM id")),
    request_body(content(
        (Vec<u8> = "image/png"),
        (Vec<u8> = "image/jpeg")
    ), description = "The image bytes"),
    security(("bearer" = [])),
    responses(
        (status = 204, description = "Stored", headers(("ETag" = String, description = "SHA-256 of the image"))),
        (status = 401, response = Unauthorized),
        (status = 403, response = Forbidden),
        (status = 404, response = NotFound),
        (status = 409, response = Conflict),
        (status = 413, response = PayloadTooLarge),
        (status = 422, response = Unprocessable),
        (status = 500, response = InternalError),
        (status = 503, response = ServiceUnavailable)
    )
)]
#[post("/wksbm/{id}/stempel")]
pub async fn upload(
    state: web::Data<AppState>,
    req: HttpRequest,
    auth: AuthUser,
    id: web::Path<Uuid>,
    body: web::Bytes,
) -> Result<HttpResponse, ApiError> {
    let w = own_wksbm(&state, &auth.actor, id.into_inner(), Action::StampManage).await?;
    let kind = sniff(&body).map_err(stamp_error)?;
    let entry = AuditEntry::by(&auth.actor, "wksbm.stempel", "wksbm", w.kalurahan.clone())
        .resource(w.id)
        .request(&request_id::of(&req))
        .fields(&["stempel"]);
    let sha = stempel_repo::store(
        &state.db,
        w.id,
        kind.media_type(),
        body.to_vec(),
        auth.actor.user_id,
        &entry,
    )
    .await?;
    Ok(HttpResponse::NoContent()
        .insert_header((header::ETAG, format!("\"{sha}\"")))
        .finish())
}

/// Download the WKSBM's current stamp
///
/// Caller: every role within its territory. The newest uploaded image with its content type;
/// 404 `not_found` while none was uploaded.
#[utoipa::path(
    tag = "wksbm",
    operation_id = "downloadStempel",
    params(("id" = Uuid, Path, description = "WKSBM id")),
    security(("bearer" = [])),
    responses(
        (status = 200, description = "The image", content(
            (Vec<u8> = "image/png"),
            (Vec<u8> = "image/jpeg")
        ), headers(("ETag" = String, description = "SHA-256 of the image"))),
        ReadErrors
    )
)]
#[get("/wksbm/{id}/stempel")]
pub async fn download(
    state: web::Data<AppState>,
    auth: AuthUser,
    id: web::Path<Uuid>,
) -> Result<HttpResponse, ApiError> {
    // Reading follows the WKSBM's own read rule.
    let w = crate::guards::wksbm(&state, &auth.actor, id.into_inner(), Action::WksbmRead).await?;
    let s = stempel_repo::current(&state.db, w.id)
        .await?
        .ok_or_else(|| ApiError::not_found("Cap", "Stamp", &w.id.to_string()))?;
    Ok(HttpResponse::Ok()
        .content_type(s.content_type)
        .insert_header((header::ETAG, format!("\"{}\"", s.sha256)))
        .insert_header((header::X_CONTENT_TYPE_OPTIONS, "nosniff"))
        .body(s.bytes))
}

/// Registers this module's routes (and their documentation) under `/api/v1`.
pub fn configure(cfg: &mut ServiceConfig) {
    cfg.service(upload).service(download);
}
