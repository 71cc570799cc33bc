use crate::auth::extract::AuthUser;
use crate::error::ApiError;
use crate::guards::decide;
use crate::i18n::Text;
use crate::middleware::request_id;
use crate::pagination::PageRequest;
use crate::precondition::created_with_etag;
use crate::state::AppState;
use crate::validation;
use actix_web::{HttpRequest, HttpResponse, get, patch, post, web};
use std::collections::BTreeMap;
use utoipa_actix_web::service_config::ServiceConfig;
use uuid::Uuid;
use wksbm_domain::access::{Action, may, may_in_region};
use wksbm_domain::audit::AuditEntry;
use wksbm_domain::formation::{Status, Wksbm};
use wksbm_domain::wilayah::Level;
use wksbm_openapi::formation::{
    CreateWksbmRequest, StatusRequest, Summary, SummaryQuery, SummaryRow, UpdateWksbmRequest,
    Wksbm as WksbmDto, WksbmQuery,
};
use wksbm_openapi::page::{Page, PageParams};
use wksbm_openapi::responses::{CreateErrors, ListErrors, ReadErrors, SearchErrors, WriteErrors};
use wksbm_persistence::wksbm_repo::{self, WksbmFilter};
use wksbm_persistence::{StoreError, padukuhan_repo};

const LIST: &str = "wksbm";

fn with_etag(w: &Wksbm) -> HttpResponse {
    crate::precondition::with_etag(w.version, &WksbmDto::from(w))
}

/// Form a WKSBM in a padukuhan
///
/// Caller: kalurahan within its kalurahan, or admin; others 403 `forbidden`. The WKSBM starts
/// in status `pembentukan` at the first growth step. At most one WKSBM that is not dissolved
/// per padukuhan (409 `wksbm_exists_in_padukuhan`); the padukuhan must exist in the caller's
/// territory (422 `padukuhan_unknown`) and be active (409 `padukuhan_inactive`).
///
/// A body that breaks a field rule is 422 `validation_failed` with `errors` per field.
#[utoipa::path(
    tag = "wksbm",
    operation_id = "createWksbm",
    request_body = CreateWksbmRequest,
    security(("bearer" = [])),
    responses(
        (status = 201, description = "Created, status `pembentukan`", body = WksbmDto, headers(("ETag" = String), ("Location" = String))),
        CreateErrors
    )
)]
#[post("/wksbm")]
pub async fn create(
    state: web::Data<AppState>,
    req: HttpRequest,
    auth: AuthUser,
    body: web::Json<CreateWksbmRequest>,
) -> Result<HttpResponse, ApiError> {
    let actor = &auth.actor;
    crate::guards::require(actor, Action::WksbmCreate)?;
    validation::check(&*body)?;
    let unknown = || {
        ApiError::field(
            "padukuhan_id",
            "padukuhan_unknown",
            Text::new(
                "padukuhan tidak dikenal di wilayah Anda",
                "no such padukuhan in your territory",
            ),
        )
    };
    let p = padukuhan_repo::get_any(&state.db, &actor.territory, body.padukuhan_id)
        .await?
        .ok_or_else(unknown)?;
    decide(may(actor, Action::WksbmCreate, &p.territory()), unknown)?;
    if !p.active {
        return Err(ApiError::conflict(
            "padukuhan_inactive",
            Text::new(
                "Padukuhan ini sudah dinonaktifkan.",
                "This padukuhan has been deactivated.",
            ),
        ));
    }
    let now = chrono::Utc::now();
    let w = Wksbm {
        id: body.id.unwrap_or_else(Uuid::now_v7),
        padukuhan_id: p.id,
        kalurahan: p.kalurahan.clone(),
        name: body.name.trim().to_owned(),
        address: body.address.as_ref().map(|a| a.trim().to_owned()),
        contact_phone: body.phone.clone(),
        status: Status::Pembentukan,
        status_reason: None,
        sk: None,
        version: 1,
        created_at: now,
        updated_at: now,
    };
    let entry = AuditEntry::by(actor, "wksbm.create", "wksbm", p.kalurahan.clone())
        .resource(w.id)
        .request(&request_id::of(&req))
        .fields(&["padukuhan_id", "name", "address", "phone"]);
    let saved = wksbm_repo::insert(&state.db, &w, &entry).await.map_err(|e| match e {
        StoreError::Conflict("wksbm_exists_in_padukuhan") => ApiError::conflict(
            "wksbm_exists_in_padukuhan",
            Text::new(crate::i18n::rule_id("wksbm_exists_in_padukuhan"), "This padukuhan already has a WKSBM that is not dissolved (or the id is taken)."),
        ),
        other => other.into(),
    })?;
    Ok(created_with_etag(
        format!("/api/v1/wksbm/{}", saved.id),
        saved.version,
        &WksbmDto::from(&saved),
    ))
}

/// List WKSBM
///
/// Caller: every role; the WKSBM inside the caller's territory, filtered by status, stage or
/// region. Cursor pages: `page_size` 1-200 (default 50), `page_token` from `next_page_token`
/// (400 `query_invalid` / `page_token_invalid` when malformed), a `Link: rel="next"` header.
#[utoipa::path(
    tag = "wksbm",
    operation_id = "listWksbm",
    params(WksbmQuery, PageParams),
    security(("bearer" = [])),
    responses(
        (status = 200, description = "One page", body = Page<WksbmDto>),
        SearchErrors
    )
)]
#[get("/wksbm")]
pub async fn list(
    state: web::Data<AppState>,
    req: HttpRequest,
    auth: AuthUser,
    q: web::Query<WksbmQuery>,
    page: web::Query<PageParams>,
) -> Result<HttpResponse, ApiError> {
    crate::guards::require(&auth.actor, Action::WksbmRead)?;
    let page = PageRequest::<Uuid>::parse(LIST, &page)?;
    let f = WksbmFilter {
        status: q.status.map(Into::into),
        stage: q.stage.map(|s| match s {
            wksbm_openapi::formation::StageName::Persiapan => {
                wksbm_domain::formation::Stage::Persiapan
            }
            wksbm_openapi::formation::StageName::Pelaksanaan => {
                wksbm_domain::formation::Stage::Pelaksanaan
            }
        }),
        within: q
            .wilayah_code
            .as_deref()
            .map(|w| crate::validation::query_wilayah_code("wilayah_code", w))
            .transpose()?,
        updated_since: q.updated_since,
    };
    let rows = wksbm_repo::list(
        &state.db,
        &auth.actor.territory,
        &f,
        page.after,
        page.limit(),
    )
    .await?;
    Ok(page.respond(&req, rows, |w| w.id.to_string(), |r| WksbmDto::from(r)))
}

/// Count WKSBM by status and stage per region
///
/// Caller: every role. One row per region one level below `wilayah` (per kapanewon for a
/// kabupaten, per kalurahan for a kapanewon or kalurahan), counted inside the caller's
/// territory only. A region outside it is 404 `not_found`.
///
/// Example: `GET /api/v1/wksbm/ringkasan?wilayah=34.02`.
#[utoipa::path(
    tag = "wksbm",
    operation_id = "wksbmSummary",
    params(SummaryQuery),
    security(("bearer" = [])),
    responses(
        (status = 200, description = "Counts", body = Summary),
        ListErrors
    )
)]
#[get("/wksbm/ringkasan")]
pub async fn summary(
    state: web::Data<AppState>,
    auth: AuthUser,
    q: web::Query<SummaryQuery>,
) -> Result<HttpResponse, ApiError> {
    let actor = &auth.actor;
    crate::guards::require(actor, Action::WksbmRead)?;
    let within = match &q.wilayah_code {
        Some(w) => crate::validation::query_wilayah_code("wilayah_code", w)?,
        None => actor.territory.wilayah().clone(),
    };
    let unknown = || ApiError::not_found("Wilayah", "Region", within.as_str());
    if state.wilayah.get(&within).is_none() {
        return Err(unknown());
    }
    decide(may_in_region(actor, Action::WksbmRead, &within), unknown)?;
    let group_depth = match within.level() {
        Level::Provinsi | Level::Kabupaten => 3,
        Level::Kapanewon | Level::Kalurahan => 4,
    };
    let mut rows: BTreeMap<String, SummaryRow> = BTreeMap::new();
    let blank = |code: &str| SummaryRow {
        wilayah_code: code.to_owned(),
        persiapan: 0,
        pelaksanaan: 0,
        pembentukan: 0,
        aktif: 0,
        dibekukan: 0,
        dibubarkan: 0,
    };
    let mut total = blank(within.as_str());
    for (kal, status, n) in wksbm_repo::counts(&state.db, &actor.territory, &within).await? {
        let group: String = kal
            .split('.')
            .take(group_depth)
            .collect::<Vec<_>>()
            .join(".");
        let row = rows.entry(group.clone()).or_insert_with(|| blank(&group));
        for r in [row, &mut total] {
            match Status::parse(&status) {
                Some(Status::Pembentukan) => r.pembentukan += n,
                Some(Status::Aktif) => r.aktif += n,
                Some(Status::Dibekukan) => r.dibekukan += n,
                Some(Status::Dibubarkan) => r.dibubarkan += n,
                None => {}
            }
        }
    }
    for (kal, stage, n) in wksbm_repo::stage_counts(&state.db, &actor.territory, &within).await? {
        let group: String = kal
            .split('.')
            .take(group_depth)
            .collect::<Vec<_>>()
            .join(".");
        let row = rows.entry(group.clone()).or_insert_with(|| blank(&group));
        for r in [row, &mut total] {
            if stage == "persiapan" {
                r.persiapan += n;
            } else {
                r.pelaksanaan += n;
            }
        }
    }
    Ok(HttpResponse::Ok().json(Summary {
        wilayah_code: within.to_string(),
        items: rows.into_values().collect(),
        total,
    }))
}

/// Get one WKSBM
///
/// Caller: every role within its territory. Returns the `ETag` for a later update. Outside the
/// caller's territory, or unknown: 404 `not_found`.
#[utoipa::path(
    tag = "wksbm",
    operation_id = "getWksbm",
    params(("id" = Uuid, Path, description = "WKSBM id")),
    security(("bearer" = [])),
    responses(
        (status = 200, description = "The WKSBM", body = WksbmDto, headers(("ETag" = String))),
        ReadErrors
    )
)]
#[get("/wksbm/{id}")]
pub async fn get(
    state: web::Data<AppState>,
    auth: AuthUser,
    id: web::Path<Uuid>,
) -> Result<HttpResponse, ApiError> {
    let w = crate::guards::wksbm(&state, &auth.actor, id.into_inner(), Action::WksbmRead).await?;
    Ok(with_etag(&w))
}

/// Suspend, reactivate or dissolve a WKSBM
///
/// Caller: a kalurahan user of the WKSBM's own kalurahan only (admin included is 403
/// `forbidden`). Moves between `aktif`, `dibekukan` and `dibubarkan` with a reason; a move the
/// lifecycle does not allow, such as out of `dibubarkan`, is 409
/// `status_transition_not_allowed`.
///
/// Example: `{"status": "dibekukan", "reason": "Pengurus tidak aktif 6 bulan"}`.
#[utoipa::path(
    tag = "wksbm",
    operation_id = "setWksbmStatus",
    params(("id" = Uuid, Path, description = "WKSBM id")),
    request_body = StatusRequest,
    security(("bearer" = [])),
    responses(
        (status = 200, description = "The WKSBM in its new status", body = WksbmDto, headers(("ETag" = String))),
        WriteErrors
    )
)]
#[post("/wksbm/{id}/status")]
pub async fn set_status(
    state: web::Data<AppState>,
    req: HttpRequest,
    auth: AuthUser,
    id: web::Path<Uuid>,
    body: web::Json<StatusRequest>,
) -> Result<HttpResponse, ApiError> {
    let w = crate::guards::wksbm(&state, &auth.actor, id.into_inner(), Action::WksbmStatus).await?;
    validation::check(&*body)?;
    let to: Status = body.status.into();
    let action = match to {
        Status::Dibekukan => "wksbm.suspend",
        Status::Aktif => "wksbm.reactivate",
        _ => "wksbm.dissolve",
    };
    let entry = AuditEntry::by(&auth.actor, action, "wksbm", w.kalurahan.clone())
        .resource(w.id)
        .request(&request_id::of(&req))
        .fields(&["status", "status_reason"]);
    let (saved, ended) =
        wksbm_repo::set_status(&state.db, w.id, to, body.reason.trim(), &entry).await?;
    for account in ended {
        state.users.forget(account);
    }
    Ok(with_etag(&saved))
}

/// Change a WKSBM's name, address or contact
///
/// Caller: kalurahan within its kalurahan, or admin. A suspended or dissolved WKSBM is
/// read-only (409 `wksbm_read_only`).
///
/// Requires `If-Match` with the `ETag` of the last read: 428 `precondition_required` without
/// it, 412 `precondition_failed` when someone changed it first. A body that breaks a field rule
/// is 422 `validation_failed` with `errors` per field.
#[utoipa::path(
    tag = "wksbm",
    operation_id = "updateWksbm",
    params(("id" = Uuid, Path, description = "WKSBM id"), ("If-Match" = String, Header, description = "The ETag of the version being changed")),
    request_body = UpdateWksbmRequest,
    security(("bearer" = [])),
    responses(
        (status = 200, description = "The changed WKSBM", body = WksbmDto, headers(("ETag" = String))),
        (status = 412, response = wksbm_openapi::responses::PreconditionFailed),
        (status = 428, response = wksbm_openapi::responses::PreconditionRequired),
        WriteErrors
    )
)]
#[patch("/wksbm/{id}")]
pub async fn update(
    state: web::Data<AppState>,
    req: HttpRequest,
    auth: AuthUser,
    id: web::Path<Uuid>,
    body: web::Json<UpdateWksbmRequest>,
) -> Result<HttpResponse, ApiError> {
    let w = crate::guards::wksbm(&state, &auth.actor, id.into_inner(), Action::WksbmUpdate).await?;
    validation::check(&*body)?;
    let expected = crate::precondition::required_version(&req, w.version)?;
    let b = body.into_inner();
    let mut fields = Vec::new();
    if b.name.is_some() {
        fields.push("name");
    }
    if b.address.is_some() {
        fields.push("address");
    }
    if b.phone.is_some() {
        fields.push("phone");
    }
    let entry = AuditEntry::by(&auth.actor, "wksbm.update", "wksbm", w.kalurahan.clone())
        .resource(w.id)
        .request(&request_id::of(&req))
        .fields(&fields);
    let saved = wksbm_repo::update_details(
        &state.db,
        w.id,
        expected,
        b.name.map(|n| n.trim().to_owned()),
        b.address.map(|a| a.trim().to_owned()),
        b.phone,
        &entry,
    )
    .await?;
    Ok(with_etag(&saved))
}

/// Registers this module's routes (and their documentation) under `/api/v1`.
pub fn configure(cfg: &mut ServiceConfig) {
    cfg.service(create)
        .service(list)
        .service(summary)
        .route(
            "/wksbm/ringkasan",
            web::route().to(super::fallback::fallback),
        )
        .service(get)
        .service(update)
        .service(set_status);
}
