use crate::auth::extract::AuthUser;
use crate::error::ApiError;
use crate::guards::own_wksbm;
use crate::middleware::request_id;
use crate::pagination::PageRequest;
use crate::state::AppState;
use crate::validation;
use actix_web::http::header;
use actix_web::{HttpRequest, HttpResponse, get, post, web};
use utoipa_actix_web::service_config::ServiceConfig;
use uuid::Uuid;
use wksbm_domain::access::Action;
use wksbm_domain::audit::AuditEntry;
use wksbm_domain::rapat::{Attendee, Quorum, Rapat, number};
use wksbm_openapi::page::Page;
use wksbm_openapi::page::PageParams;
use wksbm_openapi::rapat::{Rapat as RapatDto, RapatRequest};
use wksbm_openapi::responses::{ListErrors, ReadErrors, WriteErrors};
use wksbm_persistence::rapat_repo;

const LIST: &str = "rapat";

/// Record a meeting and its decisions
///
/// Caller: the ketua or sekretaris of this WKSBM only (buku notulensi rapat). Attendees are
/// board members (by `seat_id`) or guests, each listed once (422 `attendee_listed_twice`,
/// `attendee_not_on_board`). The quorum, more than half of the active board, is computed;
/// decisions are numbered in order.
///
/// A body that breaks a field rule is 422 `validation_failed` with `errors` per field.
#[utoipa::path(
    tag = "wksbm",
    operation_id = "createRapat",
    params(("id" = Uuid, Path, description = "WKSBM id")),
    request_body = RapatRequest,
    security(("bearer" = [])),
    responses(
        (status = 201, description = "The recorded meeting", body = RapatDto, headers(("Location" = String))),
        WriteErrors
    )
)]
#[post("/wksbm/{id}/rapat")]
pub async fn create(
    state: web::Data<AppState>,
    req: HttpRequest,
    auth: AuthUser,
    id: web::Path<Uuid>,
    body: web::Json<RapatRequest>,
) -> Result<HttpResponse, ApiError> {
    let w = own_wksbm(&state, &auth.actor, id.into_inner(), Action::MeetingWrite).await?;
    validation::check(&*body)?;
    let b = body.into_inner();
    let decisions = number(
        b.decisions
            .into_iter()
            .map(|d| (d.text.trim().to_owned(), d.outcome.into()))
            .collect(),
    );
    let r = Rapat {
        id: b.id.unwrap_or_else(Uuid::now_v7),
        wksbm_id: w.id,
        date: b.date,
        place: b.place.trim().to_owned(),
        agenda: b.agenda.trim().to_owned(),
        minutes: b.minutes,
        attendees: b
            .attendees
            .into_iter()
            .map(|a| Attendee {
                name: a.name.trim().to_owned(),
                seat_id: a.seat_id,
            })
            .collect(),
        quorum: Quorum {
            present: 0,
            board_size: 0,
            reached: false,
        },
        decisions: decisions.into_iter().map(|d| (Uuid::now_v7(), d)).collect(),
        created_by: auth.actor.user_id,
        created_at: chrono::Utc::now(),
    };
    let entry = AuditEntry::by(&auth.actor, "rapat.create", "rapat", w.kalurahan.clone())
        .resource(r.id)
        .request(&request_id::of(&req))
        .fields(&[
            "date",
            "place",
            "agenda",
            "minutes",
            "attendees",
            "decisions",
        ]);
    let saved = rapat_repo::record(&state.db, &r, &entry).await?;
    Ok(HttpResponse::Created()
        .insert_header((
            header::LOCATION,
            format!("/api/v1/wksbm/{}/rapat/{}", w.id, saved.id),
        ))
        .json(RapatDto::from(&saved)))
}

/// List a WKSBM's meetings
///
/// Caller: every role within its territory; a board member for its own WKSBM. Newest first.
/// Cursor pages: `page_size` 1-200 (default 50), `page_token` from `next_page_token` (400
/// `query_invalid` / `page_token_invalid` when malformed), a `Link: rel="next"` header.
#[utoipa::path(
    tag = "wksbm",
    operation_id = "listRapat",
    params(("id" = Uuid, Path, description = "WKSBM id"), PageParams),
    security(("bearer" = [])),
    responses(
        (status = 200, description = "One page", body = Page<RapatDto>),
        ListErrors
    )
)]
#[get("/wksbm/{id}/rapat")]
pub async fn list(
    state: web::Data<AppState>,
    req: HttpRequest,
    auth: AuthUser,
    id: web::Path<Uuid>,
    page: web::Query<PageParams>,
) -> Result<HttpResponse, ApiError> {
    let w = own_wksbm(&state, &auth.actor, id.into_inner(), Action::MeetingRead).await?;
    let page = PageRequest::<Uuid>::parse(LIST, &page)?;
    let rows = rapat_repo::list(&state.db, w.id, page.after, page.limit()).await?;
    Ok(page.respond(&req, rows, |r| r.id.to_string(), |r| RapatDto::from(r)))
}

/// Get one meeting
///
/// Caller: as for the list. The meeting with attendees, quorum and decisions. Outside the
/// caller's territory, or unknown: 404 `not_found`.
#[utoipa::path(
    tag = "wksbm",
    operation_id = "getRapat",
    params(("id" = Uuid, Path, description = "WKSBM id"), ("rapat_id" = Uuid, Path, description = "Meeting id")),
    security(("bearer" = [])),
    responses(
        (status = 200, description = "The meeting", body = RapatDto),
        ReadErrors
    )
)]
#[get("/wksbm/{id}/rapat/{rapat_id}")]
pub async fn get(
    state: web::Data<AppState>,
    auth: AuthUser,
    path: web::Path<(Uuid, Uuid)>,
) -> Result<HttpResponse, ApiError> {
    let (id, rapat_id) = path.into_inner();
    let w = own_wksbm(&state, &auth.actor, id, Action::MeetingRead).await?;
    let r = rapat_repo::get(&state.db, w.id, rapat_id)
        .await?
        .ok_or_else(|| ApiError::not_found("Rapat", "Meeting", &rapat_id.to_string()))?;
    Ok(HttpResponse::Ok().json(RapatDto::from(&r)))
}

/// Registers this module's routes (and their documentation) under `/api/v1`.
pub fn configure(cfg: &mut ServiceConfig) {
    cfg.service(create).service(list).service(get);
}
