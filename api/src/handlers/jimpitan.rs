//! `/wksbm/{id}/jimpitan`: jimpitan rounds (rice or coins per household) and their public count.

use crate::auth::extract::AuthUser;
use crate::error::{ApiError, FieldErr};
use crate::guards::{readable, writable};
use crate::i18n::Text;
use crate::idempotency::{created_in, post_once, rendered};
use crate::pagination::PageRequest;
use crate::state::AppState;
use crate::validation;
use actix_web::http::StatusCode;
use actix_web::{HttpRequest, HttpResponse, get, post, web};
use utoipa_actix_web::service_config::ServiceConfig;
use uuid::Uuid;
use wksbm_domain::jimpitan::{self as dom, NewJimpitan};
use wksbm_openapi::dana::IdempotencyKeyHeader;
use wksbm_openapi::fundraising::{CloseJimpitanRequest, Jimpitan, JimpitanRequest};
use wksbm_openapi::page::{Page, PageParams};
use wksbm_openapi::responses::{ListErrors, ReadErrors, WriteErrors};
use wksbm_openapi::text::Printable;
use wksbm_persistence::fundraising_repo::{self as repo};

fn names(field: &str, list: &[Printable<200>]) -> Result<Vec<String>, ApiError> {
    let bad: Vec<FieldErr> = list
        .iter()
        .enumerate()
        .filter(|(_, n)| !n.is_valid())
        .map(|(i, _)| FieldErr {
            field: format!("{field}[{i}]"),
            code: "printable",
            message: Text::new(
                "harus berisi teks yang dapat dicetak (1-200)",
                "must contain printable text (1-200)",
            ),
        })
        .collect();
    if bad.is_empty() {
        Ok(list.iter().map(|n| n.trim().to_owned()).collect())
    } else {
        Err(ApiError::new(
            StatusCode::UNPROCESSABLE_ENTITY,
            "validation_failed",
            Text::new("Ada isian yang tidak valid.", "Some fields are invalid."),
        )
        .with_errors(bad))
    }
}

/// Record a jimpitan round
///
/// Caller: the bendahara of this WKSBM, or its ketua while no bendahara serves (403
/// `bendahara_keeps_books` when one does); any other role or jabatan 403 `forbidden`; a WKSBM
/// outside the caller's territory 404 `not_found`. A round has a date, an RT, its collectors
/// and one line per household (422 `jimpitan_household_repeated`): a household gave, did not,
/// or is exempt, and only a household that gave has an amount (422
/// `jimpitan_amount_without_giving`, `jimpitan_nothing_given`). The round stays open until
/// counted.
///
/// Accepts `Idempotency-Key`: the same key with the same body replays the first answer, another
/// body is 422 `idempotency_key_reused`, a first request still running 409
/// `idempotency_key_in_flight`.
#[utoipa::path(
    tag = "dana",
    operation_id = "createJimpitan",
    params(
        ("id" = Uuid, Path, description = "WKSBM id"),
        IdempotencyKeyHeader
    ),
    request_body = JimpitanRequest,
    security(("bearer" = [])),
    responses(
        (status = 201, description = "The open round", body = Jimpitan),
        WriteErrors
    )
)]
#[post("/wksbm/{id}/jimpitan")]
pub async fn create_jimpitan(
    state: web::Data<AppState>,
    req: HttpRequest,
    auth: AuthUser,
    id: web::Path<Uuid>,
    body: web::Json<JimpitanRequest>,
) -> Result<HttpResponse, ApiError> {
    let w = writable(&state, &auth.actor, id.into_inner()).await?;
    validation::check(&*body)?;
    let collectors = names("collectors", &body.collectors)?;
    validation::books_date("date", body.date)?;
    let new = NewJimpitan {
        wksbm_id: w.id,
        date: body.date,
        rt: format!("{:0>3}", body.rt),
        collectors,
        lines: body.lines.iter().map(Into::into).collect(),
        created_by: auth.actor.user_id,
    };
    let round =
        dom::Jimpitan::open(new, Uuid::now_v7(), chrono::Utc::now()).map_err(|(i, e)| {
            ApiError::field(
                &format!("lines[{i}]"),
                e.code(),
                Text::new("Baris jimpitan tidak valid.", e.to_string()),
            )
        })?;
    let render = |r: &dom::Jimpitan| created_in("jimpitan", r.wksbm_id, r.id, &Jimpitan::from(r));
    post_once(
        &state,
        &req,
        &auth,
        (&w, "jimpitan.create"),
        &*body,
        &render,
        |write| async move {
            repo::create_jimpitan(write.db, &round, &write.record, write.sealer.as_ref()).await
        },
    )
    .await
}

/// List jimpitan rounds
///
/// Caller: admin, dinsos, kapanewon and kalurahan within their territory, the board of this
/// WKSBM (403 for another WKSBM's board), integrasi only with the personal-data grant. Outside
/// the territory 404 `not_found`. Cursor pages: `page_size` 1-200 (default 50), `page_token`
/// from `next_page_token` (400 `query_invalid` / `page_token_invalid` when malformed), a `Link:
/// rel="next"` header.
#[utoipa::path(
    tag = "dana",
    operation_id = "listJimpitan",
    params(("id" = Uuid, Path, description = "WKSBM id"), PageParams),
    security(("bearer" = [])),
    responses(
        (status = 200, description = "One page", body = Page<Jimpitan>),
        ListErrors
    )
)]
#[get("/wksbm/{id}/jimpitan")]
pub async fn list_jimpitan(
    state: web::Data<AppState>,
    req: HttpRequest,
    auth: AuthUser,
    id: web::Path<Uuid>,
    page: web::Query<PageParams>,
) -> Result<HttpResponse, ApiError> {
    let w = readable(&state, &auth.actor, id.into_inner()).await?;
    let page = PageRequest::<Uuid>::parse("jimpitan", &page)?;
    let rows = repo::list_jimpitan(&state.db, w.id, page.after, page.limit()).await?;
    Ok(page.respond(&req, rows, |r| r.id.to_string(), |r| Jimpitan::from(r)))
}

/// Get one jimpitan round
///
/// Caller: admin, dinsos, kapanewon and kalurahan within their territory, the board of this
/// WKSBM (403 for another WKSBM's board), integrasi only with the personal-data grant. Outside
/// the territory 404 `not_found`.
#[utoipa::path(
    tag = "dana",
    operation_id = "getJimpitan",
    params(("id" = Uuid, Path, description = "WKSBM id"), ("jimpitan_id" = Uuid, Path, description = "Jimpitan round id")),
    security(("bearer" = [])),
    responses(
        (status = 200, description = "The round", body = Jimpitan),
        ReadErrors
    )
)]
#[get("/wksbm/{id}/jimpitan/{jimpitan_id}")]
pub async fn get_jimpitan(
    state: web::Data<AppState>,
    auth: AuthUser,
    path: web::Path<(Uuid, Uuid)>,
) -> Result<HttpResponse, ApiError> {
    let (id, rid) = path.into_inner();
    let w = readable(&state, &auth.actor, id).await?;
    let r = repo::get_jimpitan(&state.db, w.id, rid)
        .await?
        .ok_or_else(|| ApiError::not_found("Jimpitan", "Jimpitan round", &rid.to_string()))?;
    Ok(HttpResponse::Ok().json(Jimpitan::from(&r)))
}

/// Close a jimpitan round after the public count
///
/// Caller: the bendahara of this WKSBM, or its ketua while no bendahara serves (403
/// `bendahara_keeps_books` when one does); any other role or jabatan 403 `forbidden`; a WKSBM
/// outside the caller's territory 404 `not_found`. Its rice goes into `beras` and its coins
/// into `umum` in one transaction, once (409 `jimpitan_closed` the second time). Posting needs
/// an `aktif` WKSBM (409 `wksbm_not_active`).
///
/// Accepts `Idempotency-Key`: the same key with the same body replays the first answer, another
/// body is 422 `idempotency_key_reused`, a first request still running 409
/// `idempotency_key_in_flight`.
#[utoipa::path(
    tag = "dana",
    operation_id = "closeJimpitan",
    params(
        ("id" = Uuid, Path, description = "WKSBM id"),
        ("jimpitan_id" = Uuid, Path, description = "Jimpitan round id"),
        IdempotencyKeyHeader
    ),
    request_body = CloseJimpitanRequest,
    security(("bearer" = [])),
    responses(
        (status = 200, description = "The closed round", body = Jimpitan),
        WriteErrors
    )
)]
#[post("/wksbm/{id}/jimpitan/{jimpitan_id}/tutup")]
pub async fn close_jimpitan(
    state: web::Data<AppState>,
    req: HttpRequest,
    auth: AuthUser,
    path: web::Path<(Uuid, Uuid)>,
    body: web::Json<CloseJimpitanRequest>,
) -> Result<HttpResponse, ApiError> {
    let (id, rid) = path.into_inner();
    let w = writable(&state, &auth.actor, id).await?;
    if repo::get_jimpitan(&state.db, w.id, rid).await?.is_none() {
        return Err(ApiError::not_found(
            "Jimpitan",
            "Jimpitan round",
            &rid.to_string(),
        ));
    }
    validation::check(&*body)?;
    let witnesses = names("witnesses", &body.witnesses)?;
    let render = |r: &dom::Jimpitan| rendered(200, &Jimpitan::from(r), None);
    post_once(
        &state,
        &req,
        &auth,
        (&w, "jimpitan.close"),
        &*body,
        &render,
        |write| async move {
            repo::close_jimpitan(
                write.db,
                write.wksbm_id,
                rid,
                &witnesses,
                write.user,
                &write.record,
                write.sealer.as_ref(),
            )
            .await
        },
    )
    .await
}

/// Registers this module's routes (and their documentation) under `/api/v1`.
pub fn configure(cfg: &mut ServiceConfig) {
    cfg.service(list_jimpitan)
        .service(create_jimpitan)
        .service(get_jimpitan)
        .service(close_jimpitan);
}
