use crate::auth::extract::AuthUser;
use crate::error::ApiError;
use crate::error::account_error;
use crate::guards;
use crate::i18n::Text;
use crate::middleware::request_id;
use crate::state::AppState;
use crate::validation;
use actix_web::http::header;
use actix_web::{HttpRequest, HttpResponse, get, post, web};
use utoipa_actix_web::service_config::ServiceConfig;
use uuid::Uuid;
use wksbm_domain::access::Action;
use wksbm_domain::access::Role;
use wksbm_domain::account::{Username, check_password};
use wksbm_domain::audit::AuditEntry;
use wksbm_domain::pengurus::Seat;
use wksbm_domain::text::search_key;
use wksbm_openapi::pengurus::{
    AppointRequest, Board, EndSeatRequest, Seat as SeatDto, SeatAccountRequest,
};
use wksbm_openapi::responses::{ReadErrors, WriteErrors};
use wksbm_openapi::users::User as UserDto;
use wksbm_persistence::user_repo::NewUser;
use wksbm_persistence::wksbm_repo;

/// List a WKSBM's board
///
/// Caller: every role within its territory; integrasi only with the personal-data grant.
/// Current seats and their history, newest first. Outside the caller's territory, or unknown:
/// 404 `not_found`.
#[utoipa::path(
    tag = "wksbm",
    operation_id = "listPengurus",
    params(("id" = Uuid, Path, description = "WKSBM id")),
    security(("bearer" = [])),
    responses(
        (status = 200, description = "Seats", body = Board),
        ReadErrors
    )
)]
#[get("/wksbm/{id}/pengurus")]
pub async fn list(
    state: web::Data<AppState>,
    auth: AuthUser,
    id: web::Path<Uuid>,
) -> Result<HttpResponse, ApiError> {
    let w = guards::wksbm(&state, &auth.actor, id.into_inner(), Action::BoardRead).await?;
    let seats = wksbm_repo::seats(&state.db, w.id).await?;
    Ok(HttpResponse::Ok().json(Board {
        items: seats.iter().map(SeatDto::from).collect(),
    }))
}

/// Appoint a board member
///
/// Caller: kalurahan of the WKSBM's kalurahan, or admin. A single-seat jabatan (ketua, wakil
/// ketua, sekretaris, bendahara) has one holder: appointing a new one ends the previous term
/// and its account. The ketua and the bendahara are never the same person (409
/// `ketua_is_bendahara`); one person holds one seat (409 `seat_already_held`).
///
/// Errors: 422 `date_out_of_range` or `term_end_before_start` for the term dates; a suspended
/// or dissolved WKSBM is 409 `wksbm_read_only`. A body that breaks a field rule is 422
/// `validation_failed` with `errors` per field.
#[utoipa::path(
    tag = "wksbm",
    operation_id = "appointPengurus",
    params(("id" = Uuid, Path, description = "WKSBM id")),
    request_body = AppointRequest,
    security(("bearer" = [])),
    responses(
        (status = 201, description = "The new seat", body = SeatDto, headers(("Location" = String))),
        WriteErrors
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
    let w = guards::wksbm(&state, &auth.actor, id.into_inner(), Action::BoardManage).await?;
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
        position: body.jabatan.into(),
        holder_name: body.holder_name.trim().to_owned(),
        term_start: body.term_start,
        term_end,
        sk: body.sk.as_ref().map(Into::into),
        ended_at: None,
        status_reason: None,
        account_id: None,
    };
    let entry = AuditEntry::by(
        &auth.actor,
        "pengurus.appoint",
        "pengurus",
        w.kalurahan.clone(),
    )
    .resource(seat.id)
    .request(&request_id::of(&req))
    .fields(&[
        "position",
        "holder_name",
        "term_start",
        "term_end",
        "sk.number",
        "sk.date",
        "sk.signed_by",
    ]);
    let (saved, ended_accounts) = wksbm_repo::appoint(
        &state.db,
        &seat,
        &search_key(&seat.holder_name),
        body.replace,
        &entry,
    )
    .await?;
    for account in ended_accounts {
        state.users.forget(account);
    }
    Ok(HttpResponse::Created()
        .insert_header((header::LOCATION, format!("/api/v1/wksbm/{}/pengurus", w.id)))
        .json(SeatDto::from(&saved)))
}

/// End a board member's term
///
/// Caller: kalurahan of the WKSBM's kalurahan, or admin. Ends an active seat early with a
/// reason; the history is kept and the seat's account stops working. A seat that is not active
/// is 404 `not_found`.
#[utoipa::path(
    tag = "wksbm",
    operation_id = "endPengurus",
    params(("id" = Uuid, Path, description = "WKSBM id"), ("pengurus_id" = Uuid, Path, description = "Board seat id")),
    request_body = EndSeatRequest,
    security(("bearer" = [])),
    responses(
        (status = 200, description = "The ended seat", body = SeatDto),
        WriteErrors
    )
)]
#[post("/wksbm/{id}/pengurus/{pengurus_id}/akhiri")]
pub async fn end(
    state: web::Data<AppState>,
    req: HttpRequest,
    auth: AuthUser,
    path: web::Path<(Uuid, Uuid)>,
    body: web::Json<EndSeatRequest>,
) -> Result<HttpResponse, ApiError> {
    let (id, seat_id) = path.into_inner();
    let w = guards::wksbm(&state, &auth.actor, id, Action::BoardManage).await?;
    validation::check(&*body)?;
    let entry = AuditEntry::by(&auth.actor, "pengurus.end", "pengurus", w.kalurahan.clone())
        .resource(seat_id)
        .request(&request_id::of(&req))
        .fields(&["ended_at", "status_reason"]);
    let seat = wksbm_repo::end_seat(&state.db, w.id, seat_id, body.reason.trim(), &entry)
        .await?
        .ok_or_else(|| ApiError::not_found("Jabatan aktif", "Active seat", &seat_id.to_string()))?;
    if let Some(account) = seat.account_id {
        state.users.forget(account);
    }
    Ok(HttpResponse::Ok().json(SeatDto::from(&seat)))
}

/// Give a board member a login
///
/// Caller: kalurahan of the WKSBM's kalurahan, or admin. Creates an account with role
/// `pengurus`, scoped to this WKSBM's padukuhan, with the seat's jabatan. Ending or replacing
/// the seat ends the account at once.
///
/// Errors: 404 `not_found` for a seat that is not active; 409 `seat_has_account`; 409
/// `username_taken`; 422 `username_invalid` or a password rule.
#[utoipa::path(
    tag = "wksbm",
    operation_id = "createSeatAccount",
    params(("id" = Uuid, Path, description = "WKSBM id"), ("pengurus_id" = Uuid, Path, description = "Board seat id")),
    request_body = SeatAccountRequest,
    security(("bearer" = [])),
    responses(
        (status = 201, description = "The account", body = UserDto, headers(("Location" = String))),
        WriteErrors
    )
)]
#[post("/wksbm/{id}/pengurus/{pengurus_id}/akun")]
pub async fn create_account(
    state: web::Data<AppState>,
    req: HttpRequest,
    auth: AuthUser,
    path: web::Path<(Uuid, Uuid)>,
    body: web::Json<SeatAccountRequest>,
) -> Result<HttpResponse, ApiError> {
    let (id, seat_id) = path.into_inner();
    let w = guards::wksbm(&state, &auth.actor, id, Action::BoardManage).await?;
    validation::check(&*body)?;
    let username = Username::parse(&body.username).map_err(|e| account_error("username", e))?;
    check_password(&body.password, &username).map_err(|e| account_error("password", e))?;
    let seats = wksbm_repo::seats(&state.db, w.id).await?;
    let not_found = || ApiError::not_found("Jabatan aktif", "Active seat", &seat_id.to_string());
    let seat = seats
        .iter()
        .find(|s| s.id == seat_id && s.ended_at.is_none())
        .ok_or_else(not_found)?;
    let jabatan = seat.position.account_jabatan().ok_or_else(|| {
        ApiError::field(
            "seat_id",
            "seat_without_account",
            Text::new(
                "pelindung dan penasehat tidak diberi akun",
                "pelindung and penasehat seats get no account",
            ),
        )
    })?;
    let account = NewUser {
        id: Uuid::now_v7(),
        username: username.clone(),
        name: seat.holder_name.clone(),
        role: Role::Pengurus,
        territory: w.territory(),
        wksbm_id: Some(w.id),
        jabatan: Some(jabatan),
        personal_data_grant: false,
    };
    let hash = state
        .hasher
        .hash(body.password.clone())
        .await
        .map_err(ApiError::internal)?;
    let entry = AuditEntry::by(&auth.actor, "pengurus.account", "user", w.kalurahan.clone())
        .resource(account.id)
        .request(&request_id::of(&req))
        .fields(&["username", "role", "jabatan", "wksbm_id", "password"]);
    let (_, user) = wksbm_repo::link_account(&state.db, w.id, seat_id, &account, hash, &entry)
        .await
        .map_err(|e| match e {
            wksbm_persistence::StoreError::Conflict(_) => ApiError::conflict(
                "username_taken",
                Text::new(
                    format!("Nama pengguna {} sudah dipakai.", username.as_str()),
                    format!("The username {} is already taken.", username.as_str()),
                ),
            ),
            other => other.into(),
        })?
        .ok_or_else(not_found)?;
    Ok(HttpResponse::Created()
        .insert_header((header::LOCATION, format!("/api/v1/users/{}", user.id)))
        .json(UserDto::from(&user)))
}

/// Registers this module's routes (and their documentation) under `/api/v1`.
pub fn configure(cfg: &mut ServiceConfig) {
    cfg.service(list)
        .service(appoint)
        .service(end)
        .service(create_account);
}
