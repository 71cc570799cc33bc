use crate::auth::extract::AuthUser;
use crate::error::ApiError;
use crate::guards::decide;
use crate::i18n::Text;
use crate::middleware::request_id;
use crate::pagination::PageRequest;
use crate::precondition::{created_with_etag, etag, required_version};
use crate::state::AppState;
use crate::validation;
use actix_web::http::{StatusCode, header};
use actix_web::{HttpRequest, HttpResponse, get, patch, post, web};
use utoipa_actix_web::service_config::ServiceConfig;
use uuid::Uuid;
use wksbm_domain::access::{Action, Actor, may, may_at_region, may_in_region};
use wksbm_domain::audit::AuditEntry;
use wksbm_domain::padukuhan::{Padukuhan, check_location, check_rw_rt};
use wksbm_domain::wilayah::{KodeWilayah, Level};
use wksbm_openapi::padukuhan::{
    DeactivatePadukuhanRequest, Padukuhan as PadukuhanDto, PadukuhanRequest,
};
use wksbm_openapi::page::{Page, PageParams};
use wksbm_openapi::responses::{ListErrors, ReadErrors, UpdateErrors, WriteErrors};
use wksbm_persistence::padukuhan_repo;

const LIST: &str = "padukuhan";

/// The kalurahan named in the path; 404 when it is not a stored kalurahan.
fn kalurahan(state: &AppState, code: &str) -> Result<KodeWilayah, ApiError> {
    KodeWilayah::parse(code)
        .ok()
        .filter(|k| k.level() == Level::Kalurahan && state.wilayah.get(k).is_some())
        .ok_or_else(|| ApiError::not_found("Kalurahan", "Kalurahan", code))
}

/// Checks the body's domain rules and fills a record.
fn record(
    b: &PadukuhanRequest,
    id: Uuid,
    kal: KodeWilayah,
    now: chrono::DateTime<chrono::Utc>,
) -> Result<Padukuhan, ApiError> {
    let rw_rt: Vec<_> = b.rw_rt.iter().map(Into::into).collect();
    check_rw_rt(&rw_rt).map_err(|e| {
        ApiError::field(
            "rw_rt",
            e.code(),
            Text::new("nomor RW/RT 1-3 angka dan tidak boleh ganda", e.to_string()),
        )
    })?;
    check_location(b.latitude, b.longitude).map_err(|e| {
        ApiError::field(
            "latitude",
            e.code(),
            Text::new(
                "lintang -90..90 dan bujur -180..180, keduanya atau tidak sama sekali",
                e.to_string(),
            ),
        )
    })?;
    Ok(Padukuhan {
        id,
        kalurahan: kal,
        name: b.name.trim().to_owned(),
        dukuh: b.dukuh.as_ref().map(|d| d.trim().to_owned()),
        rw_rt,
        latitude: b.latitude,
        longitude: b.longitude,
        active: true,
        status_reason: None,
        version: 1,
        created_at: now,
        updated_at: now,
    })
}

fn name_taken() -> ApiError {
    ApiError::conflict(
        "padukuhan_name_taken",
        Text::new(
            crate::i18n::rule_id("padukuhan_name_taken"),
            "The padukuhan name is already used in this kalurahan.",
        ),
    )
}

fn map_store(e: wksbm_persistence::StoreError) -> ApiError {
    match e {
        wksbm_persistence::StoreError::Conflict(_) => name_taken(),
        other => other.into(),
    }
}

/// Add a padukuhan to a kalurahan
///
/// Caller: kalurahan of that kalurahan, or admin; others 403 `forbidden`, a kalurahan outside
/// the territory 404 `not_found`. The name is unique within the kalurahan ignoring case and
/// accents (409 `padukuhan_name_taken`); RW/RT pairs are valid and not repeated (422
/// `rw_rt_invalid`, `rw_rt_duplicate`). A client may supply the id.
///
/// A body that breaks a field rule is 422 `validation_failed` with `errors` per field.
#[utoipa::path(
    tag = "padukuhan",
    operation_id = "createPadukuhan",
    params(("code" = String, Path, description = "Kalurahan code", example = "34.02.01.2001")),
    request_body = PadukuhanRequest,
    security(("bearer" = [])),
    responses(
        (status = 201, description = "Created", body = PadukuhanDto, headers(("ETag" = String), ("Location" = String))),
        WriteErrors
    )
)]
#[post("/kalurahan/{code}/padukuhan")]
pub async fn create(
    state: web::Data<AppState>,
    req: HttpRequest,
    auth: AuthUser,
    code: web::Path<String>,
    body: web::Json<PadukuhanRequest>,
) -> Result<HttpResponse, ApiError> {
    let kal = kalurahan(&state, &code)?;
    decide(
        may_at_region(&auth.actor, Action::PadukuhanManage, &kal),
        || ApiError::not_found("Kalurahan", "Kalurahan", &code),
    )?;
    validation::check(&*body)?;
    let p = record(
        &body,
        body.id.unwrap_or_else(Uuid::now_v7),
        kal.clone(),
        chrono::Utc::now(),
    )?;
    let entry = AuditEntry::by(&auth.actor, "padukuhan.create", "padukuhan", kal)
        .resource(p.id)
        .request(&request_id::of(&req))
        .fields(&["name", "dukuh", "rw_rt", "location"]);
    let saved = padukuhan_repo::insert(&state.db, &p, &entry)
        .await
        .map_err(map_store)?;
    Ok(created_with_etag(
        format!(
            "/api/v1/kalurahan/{}/padukuhan/{}",
            saved.kalurahan, saved.id
        ),
        saved.version,
        &PadukuhanDto::from(&saved),
    ))
}

/// List the padukuhan of a kalurahan
///
/// Caller: every role within its territory; a board member sees its own padukuhan only. A
/// kalurahan outside the territory is 404 `not_found`. Cursor pages: `page_size` 1-200 (default
/// 50), `page_token` from `next_page_token` (400 `query_invalid` / `page_token_invalid` when
/// malformed), a `Link: rel="next"` header.
#[utoipa::path(
    tag = "padukuhan",
    operation_id = "listPadukuhan",
    params(("code" = String, Path, description = "Kalurahan code", example = "34.02.01.2001"), PageParams),
    security(("bearer" = [])),
    responses(
        (status = 200, description = "One page", body = Page<PadukuhanDto>),
        ListErrors
    )
)]
#[get("/kalurahan/{code}/padukuhan")]
pub async fn list(
    state: web::Data<AppState>,
    req: HttpRequest,
    auth: AuthUser,
    code: web::Path<String>,
    page: web::Query<PageParams>,
) -> Result<HttpResponse, ApiError> {
    let kal = kalurahan(&state, &code)?;
    let actor = &auth.actor;
    // A board member's territory is one padukuhan inside the kalurahan: it may list.
    decide(may_in_region(actor, Action::PadukuhanRead, &kal), || {
        ApiError::not_found("Kalurahan", "Kalurahan", &code)
    })?;
    let page = PageRequest::<Uuid>::parse(LIST, &page)?;
    let rows =
        padukuhan_repo::list(&state.db, &actor.territory, &kal, page.after, page.limit()).await?;
    Ok(page.respond(&req, rows, |p| p.id.to_string(), |r| PadukuhanDto::from(r)))
}

async fn load(
    state: &AppState,
    actor: &Actor,
    code: &str,
    id: Uuid,
    action: Action,
) -> Result<Padukuhan, ApiError> {
    let kal = kalurahan(state, code)?;
    let key = id.to_string();
    let p = padukuhan_repo::get(&state.db, &actor.territory, &kal, id)
        .await?
        .ok_or_else(|| ApiError::not_found("Padukuhan", "Padukuhan", &key))?;
    decide(may(actor, action, &p.territory()), || {
        ApiError::not_found("Padukuhan", "Padukuhan", &key)
    })?;
    Ok(p)
}

/// Get one padukuhan
///
/// Caller: every role within its territory. Returns the `ETag` for a later update. Outside the
/// caller's territory, or unknown: 404 `not_found`.
#[utoipa::path(
    tag = "padukuhan",
    operation_id = "getPadukuhan",
    params(("code" = String, Path, description = "Kalurahan code"), ("padukuhan_id" = Uuid, Path, description = "Padukuhan id")),
    security(("bearer" = [])),
    responses(
        (status = 200, description = "The padukuhan", body = PadukuhanDto, headers(("ETag" = String))),
        ReadErrors
    )
)]
#[get("/kalurahan/{code}/padukuhan/{padukuhan_id}")]
pub async fn get(
    state: web::Data<AppState>,
    auth: AuthUser,
    path: web::Path<(String, Uuid)>,
) -> Result<HttpResponse, ApiError> {
    let (code, id) = path.into_inner();
    let p = load(&state, &auth.actor, &code, id, Action::PadukuhanRead).await?;
    Ok(HttpResponse::Ok()
        .insert_header((header::ETAG, etag(p.version)))
        .json(PadukuhanDto::from(&p)))
}

/// Replace a padukuhan's details
///
/// Caller: kalurahan of that kalurahan, or admin. Replaces name, dukuh, RW/RT list and
/// location; `active` is not settable here (422 `field_not_settable`). Same rules as on create
/// (409 `padukuhan_name_taken`, 422 `rw_rt_invalid`, `rw_rt_duplicate`).
///
/// Requires `If-Match` with the `ETag` of the last read: 428 `precondition_required` without
/// it, 412 `precondition_failed` when someone changed it first.
#[utoipa::path(
    tag = "padukuhan",
    operation_id = "updatePadukuhan",
    params(("code" = String, Path, description = "Kalurahan code"), ("padukuhan_id" = Uuid, Path, description = "Padukuhan id"), ("If-Match" = String, Header, description = "The ETag of the version being changed")),
    request_body = PadukuhanRequest,
    security(("bearer" = [])),
    responses(
        (status = 200, description = "The changed padukuhan", body = PadukuhanDto, headers(("ETag" = String))),
        UpdateErrors
    )
)]
#[patch("/kalurahan/{code}/padukuhan/{padukuhan_id}")]
pub async fn update(
    state: web::Data<AppState>,
    req: HttpRequest,
    auth: AuthUser,
    path: web::Path<(String, Uuid)>,
    body: web::Json<PadukuhanRequest>,
) -> Result<HttpResponse, ApiError> {
    let (code, id) = path.into_inner();
    let current = load(&state, &auth.actor, &code, id, Action::PadukuhanManage).await?;
    validation::check(&*body)?;
    if body.id.is_some_and(|given| given != id) {
        return Err(ApiError::field(
            "id",
            "field_not_settable",
            Text::new("id tidak dapat diubah", "the id cannot change"),
        ));
    }
    let mut p = record(&body, id, current.kalurahan.clone(), current.created_at)?;
    p.version = current.version;
    let expected = required_version(&req, current.version)?;
    let entry = AuditEntry::by(
        &auth.actor,
        "padukuhan.update",
        "padukuhan",
        current.kalurahan.clone(),
    )
    .resource(id)
    .request(&request_id::of(&req))
    .fields(&["name", "dukuh", "rw_rt", "location"]);
    let saved = padukuhan_repo::update(&state.db, &p, expected, &entry)
        .await
        .map_err(map_store)?;
    Ok(HttpResponse::build(StatusCode::OK)
        .insert_header((header::ETAG, etag(saved.version)))
        .json(PadukuhanDto::from(&saved)))
}

/// Deactivate a padukuhan
///
/// Caller: kalurahan of that kalurahan, or admin. A reason is required; the padukuhan is never
/// deleted. Refused while it has a WKSBM that is not dissolved (409 `padukuhan_has_wksbm`) and
/// the second time (409 `already_inactive`).
#[utoipa::path(
    tag = "padukuhan",
    operation_id = "deactivatePadukuhan",
    params(("code" = String, Path, description = "Kalurahan code"), ("padukuhan_id" = Uuid, Path, description = "Padukuhan id")),
    request_body = DeactivatePadukuhanRequest,
    security(("bearer" = [])),
    responses(
        (status = 200, description = "The deactivated padukuhan", body = PadukuhanDto, headers(("ETag" = String))),
        WriteErrors
    )
)]
#[post("/kalurahan/{code}/padukuhan/{padukuhan_id}/nonaktifkan")]
pub async fn deactivate(
    state: web::Data<AppState>,
    req: HttpRequest,
    auth: AuthUser,
    path: web::Path<(String, Uuid)>,
    body: web::Json<DeactivatePadukuhanRequest>,
) -> Result<HttpResponse, ApiError> {
    let (code, id) = path.into_inner();
    let p = load(&state, &auth.actor, &code, id, Action::PadukuhanManage).await?;
    validation::check(&*body)?;
    let entry = AuditEntry::by(
        &auth.actor,
        "padukuhan.deactivate",
        "padukuhan",
        p.kalurahan.clone(),
    )
    .resource(id)
    .request(&request_id::of(&req))
    .fields(&["active", "status_reason"]);
    let saved = padukuhan_repo::deactivate(&state.db, id, body.reason.trim(), &entry).await?;
    Ok(HttpResponse::Ok()
        .insert_header((header::ETAG, etag(saved.version)))
        .json(PadukuhanDto::from(&saved)))
}

/// Registers this module's routes (and their documentation) under `/api/v1`.
pub fn configure(cfg: &mut ServiceConfig) {
    cfg.service(create)
        .service(list)
        .service(get)
        .service(update)
        .service(deactivate);
}
