//! `/wksbm/{id}/dasar-zakat`: the WKSBM's legal basis for collecting zakat (UU 23/2011).

use crate::auth::extract::AuthUser;
use crate::clock::today;
use crate::error::ApiError;
use crate::guards::own_wksbm;
use crate::guards::{audit, reportable};
use crate::i18n::Text;
use crate::state::AppState;
use crate::validation;
use actix_web::{HttpRequest, HttpResponse, get, put, web};
use utoipa_actix_web::service_config::ServiceConfig;
use uuid::Uuid;
use wksbm_domain::access::Action;
use wksbm_openapi::fundraising::{ZakatBasis, ZakatBasisRequest};
use wksbm_openapi::responses::{ReadErrors, WriteErrors};
use wksbm_persistence::fundraising_repo::{self as repo};

/// Get the legal basis for collecting zakat
///
/// Caller: every role within its territory (figures only, no names); a board member only for
/// its own WKSBM. Outside the territory 404 `not_found`. The recorded basis (UU 23/2011); 404
/// `not_found` while none is recorded.
#[utoipa::path(
    tag = "dana",
    operation_id = "getDasarZakat",
    params(("id" = Uuid, Path, description = "WKSBM id")),
    security(("bearer" = [])),
    responses(
        (status = 200, description = "The basis", body = ZakatBasis),
        ReadErrors
    )
)]
#[get("/wksbm/{id}/dasar-zakat")]
pub async fn get_basis(
    state: web::Data<AppState>,
    auth: AuthUser,
    id: web::Path<Uuid>,
) -> Result<HttpResponse, ApiError> {
    let w = reportable(&state, &auth.actor, id.into_inner()).await?;
    let b = repo::zakat_basis(&state.db, w.id)
        .await?
        .ok_or_else(|| ApiError::not_found("Dasar zakat", "Zakat basis", &w.id.to_string()))?;
    Ok(HttpResponse::Ok().json(ZakatBasis::from(&b)))
}

/// Record the legal basis for collecting zakat
///
/// Caller: kalurahan and admin within their territory, or the ketua of this WKSBM; others 403
/// `forbidden`. The basis is UPZ of BAZNAS, or a KUA/BAZNAS decree, with a date not in the
/// future (422 `date_out_of_range`). Zakat income is refused (409 `zakat_basis_missing`) until
/// it exists; recording again replaces it.
#[utoipa::path(
    tag = "dana",
    operation_id = "setDasarZakat",
    params(("id" = Uuid, Path, description = "WKSBM id")),
    request_body = ZakatBasisRequest,
    security(("bearer" = [])),
    responses(
        (status = 200, description = "The basis", body = ZakatBasis),
        WriteErrors
    )
)]
#[put("/wksbm/{id}/dasar-zakat")]
pub async fn set_basis(
    state: web::Data<AppState>,
    req: HttpRequest,
    auth: AuthUser,
    id: web::Path<Uuid>,
    body: web::Json<ZakatBasisRequest>,
) -> Result<HttpResponse, ApiError> {
    let w = own_wksbm(&state, &auth.actor, id.into_inner(), Action::ZakatBasis).await?;
    validation::check(&*body)?;
    if body.date > today() + chrono::Days::new(1) || chrono::Datelike::year(&body.date) < 1945 {
        return Err(ApiError::field(
            "date",
            "date_out_of_range",
            Text::new(
                "Tanggal keputusan antara 1945 dan besok.",
                "The decree's date is between 1945 and tomorrow.",
            ),
        ));
    }
    let b = wksbm_domain::fundraising::ZakatBasis {
        kind: body.kind.as_str().to_owned(),
        number: body.number.trim().to_owned(),
        date: body.date,
        issuer: body.issuer.trim().to_owned(),
        recorded_by: auth.actor.user_id,
        recorded_at: chrono::Utc::now(),
    };
    let saved = repo::set_zakat_basis(
        &state.db,
        w.id,
        &b,
        &audit(&auth.actor, "zakat.basis", &w, &req),
    )
    .await?;
    Ok(HttpResponse::Ok().json(ZakatBasis::from(&saved)))
}

/// Registers this module's routes (and their documentation) under `/api/v1`.
pub fn configure(cfg: &mut ServiceConfig) {
    cfg.service(get_basis).service(set_basis);
}
