use super::auth::request_id;
use super::wksbm::load;
use crate::auth::extract::AuthUser;
use crate::error::ApiError;
use crate::i18n::Text;
use crate::state::AppState;
use crate::validation;
use actix_web::http::header;
use actix_web::{HttpRequest, HttpResponse, get, post, web};
use uuid::Uuid;
use wksbm_domain::access::Action;
use wksbm_domain::audit::Entry;
use wksbm_domain::board::Seat;
use wksbm_domain::text::search_key;
use wksbm_openapi::formation::{AppointRequest, Board, EndSeatRequest, Seat as SeatDto};
use wksbm_openapi::responses::{
    BadRequest, Conflict, Forbidden, InternalError, NotFound, PayloadTooLarge, ServiceUnavailable,
    Unauthorized, Unprocessable, UnsupportedMediaType,
};
use wksbm_persistence::wksbm_repo;

/// The board: current seats and their history, newest first.
#[utoipa::path(
    tag = "wksbm",
    operation_id = "listPengurus",
    params(("id" = Uuid, Path, description = "WKSBM id")),
    security(("bearer" = [])),
    responses(
        (status = 200, description = "Seats", body = Board),
        (status = 401, response = Unauthorized),
        (status = 403, response = Forbidden),
        (status = 404, response = NotFound),
        (status = 500, response = InternalError),
        (status = 503, response = ServiceUnavailable)
    )
)]
#[get("/wksbm/{id}/pengurus")]
pub async fn list(
    state: web::Data<AppState>,
    auth: AuthUser,
    id: web::Path<Uuid>,
) -> Result<HttpResponse, ApiError> {
    let w = load(&state, &auth.actor, id.into_inner(), Action::BoardRead).await?;
    let seats = wksbm_repo::seats(&state.db, w.id).await?;
    Ok(HttpResponse::Ok().json(Board {
        items: seats.iter().map(SeatDto::from).collect(),
    }))
}

/// Appoint a board member. A single-seat position (ketua, wakil ketua, sekretaris,
/// bendahara) has one holder: appointing a new one ends the previous term. The ketua and
/// the bendahara are never the same person.
#[utoipa::path(
    tag = "wksbm",
    operation_id = "appointPengurus",
    params(("id" = Uuid, Path, description = "WKSBM id")),
    request_body = AppointRequest,
    security(("bearer" = [])),
    responses(
        (status = 201, description = "The new seat", body = SeatDto, headers(("Location" = String))),
        (status = 400, response = BadRequest),
        (status = 401, response = Unauthorized),
        (status = 403, response = Forbidden),
        (status = 404, response = NotFound),
        (status = 409, response = Conflict),
        (status = 413, response = PayloadTooLarge),
        (status = 415, response = UnsupportedMediaType),
        (status = 422, response = Unprocessable),
        (status = 500, response = InternalError),
        (status = 503, response = ServiceUnavailable)
    )
)]
#[post("/wksbm/{id}/pengurus")]
pub async fn appoint(
    state: web::Data<AppState>,
    req: HttpRequest,
    auth: AuthUser,
    id: web::Path<Uuid>,
    body: web::Json<AppointRequest>,
) -> Result<HttpResponse, ApiError> {
    let w = load(&state, &auth.actor, id.into_inner(), Action::BoardManage).await?;
    validation::check(&*body)?;
    let years = state.board_term_years;
    let default_end = body
        .term_start
        .checked_add_months(chrono::Months::new(12 * years));
    let term_end = body.term_end.or(default_end).ok_or_else(|| {
        ApiError::field(
            "term_start",
            "date_out_of_range",
            Text::new("tanggal di luar jangkauan", "date out of range"),
        )
    })?;
    if term_end <= body.term_start {
        return Err(ApiError::field(
            "term_end",
            "term_end_before_start",
            Text::new(
                "akhir masa jabatan harus setelah awalnya",
                "the term must end after it starts",
            ),
        ));
    }
    let seat = Seat {
        id: body.id.unwrap_or_else(Uuid::now_v7),
        wksbm_id: w.id,
        position: body.position.into(),
        holder_name: body.holder_name.trim().to_owned(),
        term_start: body.term_start,
        term_end,
        sk_reference: body.sk_reference.clone(),
        ended_at: None,
        end_reason: None,
    };
    let entry = Entry::by(
        &auth.actor,
        "pengurus.appoint",
        "pengurus",
        w.kalurahan.clone(),
    )
    .resource(seat.id)
    .request(&request_id(&req))
    .fields(&[
        "position",
        "holder_name",
        "term_start",
        "term_end",
        "sk_reference",
    ]);
    let saved =
        wksbm_repo::appoint(&state.db, &seat, &search_key(&seat.holder_name), &entry).await?;
    Ok(HttpResponse::Created()
        .insert_header((header::LOCATION, format!("/api/v1/wksbm/{}/pengurus", w.id)))
        .json(SeatDto::from(&saved)))
}

/// End a seat's term early, with a reason (history is kept).
#[utoipa::path(
    tag = "wksbm",
    operation_id = "endPengurus",
    params(("id" = Uuid, Path, description = "WKSBM id"), ("seat_id" = Uuid, Path, description = "Seat id")),
    request_body = EndSeatRequest,
    security(("bearer" = [])),
    responses(
        (status = 200, description = "The ended seat", body = SeatDto),
        (status = 400, response = BadRequest),
        (status = 401, response = Unauthorized),
        (status = 403, response = Forbidden),
        (status = 404, response = NotFound),
        (status = 409, response = Conflict),
        (status = 413, response = PayloadTooLarge),
        (status = 415, response = UnsupportedMediaType),
        (status = 422, response = Unprocessable),
        (status = 500, response = InternalError),
        (status = 503, response = ServiceUnavailable)
    )
)]
#[post("/wksbm/{id}/pengurus/{seat_id}/end")]
pub async fn end(
    state: web::Data<AppState>,
    req: HttpRequest,
    auth: AuthUser,
    path: web::Path<(Uuid, Uuid)>,
    body: web::Json<EndSeatRequest>,
) -> Result<HttpResponse, ApiError> {
    let (id, seat_id) = path.into_inner();
    let w = load(&state, &auth.actor, id, Action::BoardManage).await?;
    validation::check(&*body)?;
    let entry = Entry::by(&auth.actor, "pengurus.end", "pengurus", w.kalurahan.clone())
        .resource(seat_id)
        .request(&request_id(&req))
        .fields(&["ended_at", "end_reason"]);
    let seat = wksbm_repo::end_seat(&state.db, w.id, seat_id, body.reason.trim(), &entry)
        .await?
        .ok_or_else(|| ApiError::not_found("Jabatan aktif", "Active seat", &seat_id.to_string()))?;
    Ok(HttpResponse::Ok().json(SeatDto::from(&seat)))
}
