//! What the three registers of resources (PSKS, donatur, mitra) share: building an entry
//! from a request, and the create / list / read / change / deactivate steps. The
//! endpoints themselves are in `psks`, `donatur` and `mitra`.

use crate::auth::extract::AuthUser;
use crate::error::ApiError;
use crate::i18n::Text;
use crate::middleware::request_id;
use crate::pagination::PageRequest;
use crate::precondition::{etag, required_version};
use crate::state::AppState;
use actix_web::http::{StatusCode, header};
use actix_web::{HttpRequest, HttpResponse};
use uuid::Uuid;
use wksbm_domain::access::{Action, Actor, Decision, may, may_in_wksbm};
use wksbm_domain::audit::AuditEntry;
use wksbm_domain::formation::Wksbm;
use wksbm_domain::jejaring::{Partner, Register, check};
use wksbm_openapi::jejaring::{
    Contact, DeactivatePartnerRequest, Partner as PartnerDto, PartnerQuery,
};
use wksbm_openapi::page::PageParams;
use wksbm_openapi::text::Printable;
use wksbm_persistence::jejaring_repo::{self, PartnerFilter};
use wksbm_persistence::wksbm_repo;

/// The fields a request gives, whichever register.
pub struct Fields {
    pub kind: String,
    pub name: Printable<200>,
    pub form: Option<String>,
    pub within_area: Option<bool>,
    pub contact: Option<Contact>,
    pub services: Vec<Printable<200>>,
    pub capacity: Option<i64>,
    pub mou_number: Option<Printable<100>>,
    pub mou_start: Option<chrono::NaiveDate>,
    pub mou_end: Option<chrono::NaiveDate>,
    pub notes: Option<Printable<2000>>,
}

fn label(r: Register) -> (&'static str, &'static str) {
    match r {
        Register::Psks => ("PSKS", "PSKS"),
        Register::Donatur => ("Donatur", "Donor"),
        Register::Mitra => ("Mitra", "Partner"),
    }
}

pub fn not_found(r: Register, id: &str) -> ApiError {
    let (i, e) = label(r);
    ApiError::not_found(i, e, id)
}

fn trimmed<S: AsRef<str>>(s: &Option<S>) -> Option<String> {
    s.as_ref().map(|v| v.as_ref().trim().to_owned())
}

/// An entry of `register` for WKSBM `w`, checked against the domain rules.
pub fn build(
    register: Register,
    w: &Wksbm,
    id: Uuid,
    f: Fields,
    created_at: chrono::DateTime<chrono::Utc>,
) -> Result<Partner, ApiError> {
    let c = f.contact.unwrap_or_default();
    let p = Partner {
        id,
        register,
        wksbm_id: w.id,
        padukuhan_id: w.padukuhan_id,
        kalurahan: w.kalurahan.clone(),
        kind: f.kind,
        name: f.name.trim().to_owned(),
        form: f.form,
        within_area: f.within_area,
        contact_person: trimmed(&c.person),
        phone: c.phone,
        email: c.email,
        address: trimmed(&c.address),
        services: f
            .services
            .into_iter()
            .map(|s| s.trim().to_owned())
            .collect(),
        capacity: f.capacity,
        mou_number: trimmed(&f.mou_number),
        mou_start: f.mou_start,
        mou_end: f.mou_end,
        notes: trimmed(&f.notes),
        active: true,
        status_reason: None,
        version: 1,
        created_at,
        updated_at: created_at,
    };
    check(&p).map_err(|e| {
        let id_msg = match e.code() {
            "mou_dates" => "Tanggal akhir MoU tidak boleh sebelum tanggal mulai.",
            "mou_number_missing" => "Tanggal MoU memerlukan nomor MoU.",
            _ => "Layanan tercantum dua kali.",
        };
        ApiError::field(e.field(), e.code(), Text::new(id_msg, e.to_string()))
    })?;
    Ok(p)
}

fn entry(actor: &Actor, action: &'static str, p: &Partner, req: &HttpRequest) -> AuditEntry {
    AuditEntry::by(actor, action, p.register.as_str(), p.kalurahan.clone())
        .resource(p.id)
        .request(&request_id::of(req))
}

fn with_etag(status: StatusCode, p: &Partner) -> HttpResponse {
    HttpResponse::build(status)
        .insert_header((header::ETAG, etag(p.version)))
        .json(PartnerDto::from(p))
}

/// The WKSBM an entry is written for; board members only for their own.
pub async fn writable_wksbm(
    state: &AppState,
    actor: &Actor,
    wksbm_id: Uuid,
) -> Result<Option<Wksbm>, ApiError> {
    let Some(w) = wksbm_repo::get(&state.db, &actor.territory, wksbm_id).await? else {
        return Ok(None);
    };
    match may_in_wksbm(actor, Action::PartnerManage, w.id, &w.territory()) {
        Decision::Allow => Ok(Some(w)),
        Decision::Forbidden => Err(ApiError::forbidden()),
        Decision::NotFound => Ok(None),
    }
}

pub async fn create(
    state: &AppState,
    req: &HttpRequest,
    actor: &Actor,
    p: &Partner,
    location: String,
) -> Result<HttpResponse, ApiError> {
    let audit = entry(actor, "mitra.create", p, req).fields(&["details"]);
    let saved = jejaring_repo::insert(&state.db, p, &audit)
        .await
        .map_err(|e| match e {
            wksbm_persistence::StoreError::Conflict(_) => ApiError::conflict(
                "id_taken",
                Text::new("id sudah dipakai.", "The id is already used."),
            ),
            other => other.into(),
        })?;
    let mut res = with_etag(StatusCode::CREATED, &saved);
    res.headers_mut().insert(
        header::LOCATION,
        header::HeaderValue::from_str(&location).map_err(|e| ApiError::internal(e.to_string()))?,
    );
    Ok(res)
}

fn list_token(r: Register) -> &'static str {
    r.as_str()
}

#[allow(clippy::too_many_arguments)]
pub async fn list(
    state: &AppState,
    req: &HttpRequest,
    auth: &AuthUser,
    register: Register,
    q: &PartnerQuery,
    page: &PageParams,
    wksbm_id: Option<Uuid>,
    wilayah: Option<wksbm_domain::wilayah::KodeWilayah>,
) -> Result<HttpResponse, ApiError> {
    let actor = &auth.actor;
    crate::validation::check_query(q)?;
    let page = PageRequest::<Uuid>::parse(list_token(register), page)?;
    let f = PartnerFilter {
        wksbm_id,
        name: q.q.as_deref().map(wksbm_domain::text::search_key),
        kind: q.kind.clone(),
        active: q.active,
        wilayah,
        updated_since: q.updated_since,
    };
    let rows = jejaring_repo::list(
        &state.db,
        &actor.territory,
        register,
        &f,
        page.after,
        page.limit(),
    )
    .await?;
    let paged = page.split(rows, |p| p.id.to_string());
    let audit = AuditEntry::by(
        actor,
        "mitra.list",
        register.as_str(),
        actor.territory.wilayah().clone(),
    )
    .request(&request_id::of(req))
    .fields(&[format!("rows={}", paged.rows.len()).as_str()]);
    state.audit.record(audit).await?;
    Ok(paged.respond(req, |r| PartnerDto::from(r)))
}

/// Loads an entry inside the caller's territory (and, when `wksbm_id` is given, of that
/// WKSBM) and checks `action`; board members change only their own WKSBM's entries.
pub async fn load(
    state: &AppState,
    actor: &Actor,
    register: Register,
    id: Uuid,
    wksbm_id: Option<Uuid>,
    action: Action,
) -> Result<Partner, ApiError> {
    let key = id.to_string();
    let p = jejaring_repo::get(&state.db, &actor.territory, register, id)
        .await?
        .filter(|p| wksbm_id.is_none_or(|w| w == p.wksbm_id))
        .ok_or_else(|| not_found(register, &key))?;
    let d = if action == Action::PartnerManage {
        may_in_wksbm(actor, action, p.wksbm_id, &p.territory())
    } else {
        may(actor, action, &p.territory())
    };
    crate::guards::decide(d, || not_found(register, &key))?;
    Ok(p)
}

/// Reads one entry (in the given WKSBM, when the path names one), audited.
pub async fn read(
    state: &AppState,
    req: &HttpRequest,
    actor: &Actor,
    register: Register,
    id: Uuid,
    wksbm_id: Option<Uuid>,
) -> Result<HttpResponse, ApiError> {
    let p = load(state, actor, register, id, wksbm_id, Action::PartnerRead).await?;
    state
        .audit
        .record(entry(actor, "mitra.read", &p, req))
        .await?;
    Ok(with_etag(StatusCode::OK, &p))
}

pub async fn update(
    state: &AppState,
    req: &HttpRequest,
    actor: &Actor,
    current: &Partner,
    next: Partner,
) -> Result<HttpResponse, ApiError> {
    let expected = required_version(req, current.version)?;
    let mut next = next;
    next.active = current.active;
    next.status_reason = current.status_reason.clone();
    let audit = entry(actor, "mitra.update", &next, req).fields(&["details"]);
    let saved = jejaring_repo::update(&state.db, &next, expected, &audit).await?;
    Ok(with_etag(StatusCode::OK, &saved))
}

/// Deactivates one entry; access is checked before the body, so an outsider learns
/// nothing from a 422.
pub async fn deactivate(
    state: &AppState,
    req: &HttpRequest,
    actor: &Actor,
    register: Register,
    (id, wksbm_id): (Uuid, Option<Uuid>),
    body: &DeactivatePartnerRequest,
) -> Result<HttpResponse, ApiError> {
    let p = load(state, actor, register, id, wksbm_id, Action::PartnerManage).await?;
    crate::validation::check(body)?;
    let audit = entry(actor, "mitra.deactivate", &p, req).fields(&["active", "reason"]);
    let saved = jejaring_repo::deactivate(&state.db, &p, body.reason.trim(), &audit).await?;
    Ok(with_etag(StatusCode::OK, &saved))
}

/// 400 for an id in the body that is not the path's.
pub fn same_id(body: Option<Uuid>, path: Uuid) -> Result<(), ApiError> {
    if body.is_some_and(|b| b != path) {
        return Err(ApiError::field(
            "id",
            "field_not_settable",
            Text::new("id tidak dapat diubah", "the id cannot change"),
        ));
    }
    Ok(())
}

/// Creates a record in a WKSBM's own register (donatur, mitra).
pub async fn create_in(
    state: &AppState,
    req: &HttpRequest,
    auth: &AuthUser,
    register: Register,
    wksbm_id: Uuid,
    id: Option<Uuid>,
    fields: Fields,
) -> Result<HttpResponse, ApiError> {
    let w = writable_wksbm(state, &auth.actor, wksbm_id)
        .await?
        .ok_or_else(|| ApiError::not_found("WKSBM", "WKSBM", &wksbm_id.to_string()))?;
    let id = id.unwrap_or_else(Uuid::now_v7);
    let p = build(register, &w, id, fields, chrono::Utc::now())?;
    let at = format!("/api/v1/wksbm/{wksbm_id}/{}/{id}", register.as_str());
    create(state, req, &auth.actor, &p, at).await
}

/// Lists a WKSBM's own register.
pub async fn list_in(
    state: &AppState,
    req: &HttpRequest,
    auth: &AuthUser,
    register: Register,
    wksbm_id: Uuid,
    q: &PartnerQuery,
    page: &PageParams,
) -> Result<HttpResponse, ApiError> {
    crate::guards::wksbm(state, &auth.actor, wksbm_id, Action::PartnerRead).await?;
    list(state, req, auth, register, q, page, Some(wksbm_id), None).await
}

/// Updates a record of a WKSBM's own register.
pub async fn update_in(
    state: &AppState,
    req: &HttpRequest,
    auth: &AuthUser,
    register: Register,
    (wksbm_id, id): (Uuid, Uuid),
    body_id: Option<Uuid>,
    fields: Fields,
) -> Result<HttpResponse, ApiError> {
    let actor = &auth.actor;
    let current = load(
        state,
        actor,
        register,
        id,
        Some(wksbm_id),
        Action::PartnerManage,
    )
    .await?;
    same_id(body_id, id)?;
    let w = writable_wksbm(state, actor, wksbm_id)
        .await?
        .ok_or_else(|| not_found(register, &id.to_string()))?;
    let next = build(register, &w, id, fields, current.created_at)?;
    update(state, req, actor, &current, next).await
}
