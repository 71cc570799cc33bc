use crate::auth::extract::AuthUser;
use crate::error::{ApiError, account_error};
use crate::guards::require;
use crate::guards::users::{assignment, grant_check, load};
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
use wksbm_domain::access::{Action, Role, Territory};
use wksbm_domain::account::{User, Username, check_name, check_password};
use wksbm_domain::audit::AuditEntry;
use wksbm_openapi::page::{Page, PageParams};
use wksbm_openapi::responses::{
    BadRequest, Conflict, CreateErrors, Forbidden, InternalError, NotFound, PayloadTooLarge,
    PreconditionFailed, PreconditionRequired, ReadErrors, SearchErrors, ServiceUnavailable,
    Unauthorized, Unprocessable, UnsupportedMediaType,
};
use wksbm_openapi::users::{
    CreateUserRequest, DeactivateRequest, ResetPasswordRequest, UpdateUserRequest, User as UserDto,
    UserQuery,
};
use wksbm_persistence::user_repo::{self, NewUser, UserChanges, UserFilter};

const LIST: &str = "users";

fn with_etag(status: StatusCode, u: &User) -> HttpResponse {
    HttpResponse::build(status)
        .insert_header((header::ETAG, etag(u.version)))
        .json(UserDto::from(u))
}

/// Create an account
///
/// Caller: admin, or kalurahan within its kalurahan (role `user.create`); others 403
/// `forbidden`. The account gets a role below the caller's own (422 `role_not_below_own`) and a
/// region inside the caller's territory (422 `territory_outside_own`) of the level the role
/// needs (422 `role_level_mismatch`); `pengurus` accounts are given through a board seat (422
/// `role_requires_board_seat`).
///
/// Errors: 409 `username_taken`; 422 `username_invalid` or a password rule. A body that breaks
/// a field rule is 422 `validation_failed` with `errors` per field.
#[utoipa::path(
    tag = "users",
    operation_id = "createUser",
    request_body = CreateUserRequest,
    security(("bearer" = [])),
    responses(
        (status = 201, description = "Created", body = UserDto, headers(("ETag" = String), ("Location" = String))),
        CreateErrors
    )
)]
#[post("/users")]
pub async fn create(
    state: web::Data<AppState>,
    req: HttpRequest,
    auth: AuthUser,
    body: web::Json<CreateUserRequest>,
) -> Result<HttpResponse, ApiError> {
    let actor = &auth.actor;
    require(actor, Action::UserCreate)?;
    validation::check(&*body)?;
    let b = body.into_inner();
    let role: Role = b.role.into();
    let username = Username::parse(&b.username).map_err(|e| account_error("username", e))?;
    let name = check_name(&b.name).map_err(|e| account_error("name", e))?;
    check_password(&b.password, &username).map_err(|e| account_error("password", e))?;
    let kode = assignment(&state, actor, role, &b.wilayah_code)?;
    grant_check(actor, role, b.personal_data_grant)?;
    let id = b.id.unwrap_or_else(Uuid::now_v7);
    let hash = state
        .hasher
        .hash(b.password)
        .await
        .map_err(ApiError::internal)?;
    let new = NewUser {
        id,
        username: username.clone(),
        name,
        role,
        territory: Territory::Wilayah(kode.clone()),
        wksbm_id: None,
        jabatan: None,
        personal_data_grant: b.personal_data_grant.unwrap_or(false),
    };
    let entry = AuditEntry::by(actor, "user.create", "user", kode)
        .resource(id)
        .request(&request_id::of(&req))
        .fields(&[
            "username",
            "name",
            "role",
            "wilayah_code",
            "personal_data_grant",
            "password",
        ]);
    let user = user_repo::insert(&state.db, &new, hash, &entry)
        .await
        .map_err(|e| match e {
            wksbm_persistence::StoreError::Conflict(_) => ApiError::conflict(
                "username_taken",
                Text::new(
                    format!(
                        "Nama pengguna {} sudah dipakai, atau id sudah ada.",
                        username.as_str()
                    ),
                    format!(
                        "The username {} (or the id) is already taken.",
                        username.as_str()
                    ),
                ),
            ),
            other => other.into(),
        })?;
    Ok(created_with_etag(
        format!("/api/v1/users/{}", user.id),
        user.version,
        &UserDto::from(&user),
    ))
}

/// List accounts
///
/// Caller: admin, dinsos, kapanewon and kalurahan; the accounts inside the caller's territory,
/// in creation order. Others 403 `forbidden`. Cursor pages: `page_size` 1-200 (default 50),
/// `page_token` from `next_page_token` (400 `query_invalid` / `page_token_invalid` when
/// malformed), a `Link: rel="next"` header.
#[utoipa::path(
    tag = "users",
    operation_id = "listUsers",
    params(UserQuery, PageParams),
    security(("bearer" = [])),
    responses(
        (status = 200, description = "One page of accounts", body = Page<UserDto>),
        SearchErrors
    )
)]
#[get("/users")]
pub async fn list(
    state: web::Data<AppState>,
    req: HttpRequest,
    auth: AuthUser,
    q: web::Query<UserQuery>,
    page: web::Query<PageParams>,
) -> Result<HttpResponse, ApiError> {
    require(&auth.actor, Action::UserRead)?;
    let page = PageRequest::<Uuid>::parse(LIST, &page)?;
    validation::check_query(&*q)?;
    let f = UserFilter {
        role: q.role.map(Into::into),
        active: q.active,
        q: q.q.clone(),
        updated_since: q.updated_since,
    };
    let rows = user_repo::list(
        &state.db,
        &auth.actor.territory,
        &f,
        page.after,
        page.limit(),
    )
    .await?;
    Ok(page.respond(&req, rows, |u| u.id.to_string(), |r| UserDto::from(r)))
}

/// Get one account
///
/// Caller: admin, dinsos, kapanewon and kalurahan, for accounts inside their territory. Returns
/// the `ETag` for a later update. Outside the caller's territory, or unknown: 404 `not_found`.
#[utoipa::path(
    tag = "users",
    operation_id = "getUser",
    params(("id" = Uuid, Path, description = "Account id")),
    security(("bearer" = [])),
    responses(
        (status = 200, description = "The account", body = UserDto, headers(("ETag" = String))),
        ReadErrors
    )
)]
#[get("/users/{id}")]
pub async fn get(
    state: web::Data<AppState>,
    auth: AuthUser,
    id: web::Path<Uuid>,
) -> Result<HttpResponse, ApiError> {
    let user = load(&state, &auth.actor, id.into_inner(), Action::UserRead).await?;
    Ok(with_etag(StatusCode::OK, &user))
}

/// Change an account's name, role, region or grant
///
/// Caller: admin, or a more senior role for an account in its territory (403 `forbidden` for an
/// equal or senior account, or to change oneself). The new role and region follow the same
/// rules as on create (422 `role_not_below_own`, `territory_outside_own`,
/// `role_level_mismatch`, `role_requires_board_seat`). A new role or region ends the account's
/// current tokens.
///
/// Requires `If-Match` with the `ETag` of the last read: 428 `precondition_required` without
/// it, 412 `precondition_failed` when someone changed it first.
#[utoipa::path(
    tag = "users",
    operation_id = "updateUser",
    params(("id" = Uuid, Path, description = "Account id"), ("If-Match" = String, Header, description = "The ETag of the version being changed")),
    request_body = UpdateUserRequest,
    security(("bearer" = [])),
    responses(
        (status = 200, description = "The changed account", body = UserDto, headers(("ETag" = String))),
        (status = 400, response = BadRequest),
        (status = 401, response = Unauthorized),
        (status = 403, response = Forbidden),
        (status = 404, response = NotFound),
        (status = 412, response = PreconditionFailed),
        (status = 413, response = PayloadTooLarge),
        (status = 415, response = UnsupportedMediaType),
        (status = 422, response = Unprocessable),
        (status = 428, response = PreconditionRequired),
        (status = 500, response = InternalError),
        (status = 503, response = ServiceUnavailable)
    )
)]
#[patch("/users/{id}")]
pub async fn update(
    state: web::Data<AppState>,
    req: HttpRequest,
    auth: AuthUser,
    id: web::Path<Uuid>,
    body: web::Json<UpdateUserRequest>,
) -> Result<HttpResponse, ApiError> {
    let actor = &auth.actor;
    let user = load(&state, actor, id.into_inner(), Action::UserUpdate).await?;
    validation::check(&*body)?;
    let b = body.into_inner();
    let role = b.role.map(Role::from).unwrap_or(user.role);
    let mut fields = Vec::new();
    let name = match &b.name {
        Some(n) => {
            fields.push("name");
            Some(check_name(n).map_err(|e| account_error("name", e))?)
        }
        None => None,
    };
    let wilayah = if b.role.is_some() || b.wilayah_code.is_some() {
        let code = b
            .wilayah_code
            .clone()
            .unwrap_or_else(|| user.territory.wilayah().to_string());
        if user.territory.padukuhan_id().is_some() {
            return Err(ApiError::field(
                "role",
                "role_requires_board_seat",
                Text::new(
                    "akun pengurus diatur lewat kursi pengurus",
                    "board accounts are managed through their board seat",
                ),
            ));
        }
        let kode = assignment(&state, actor, role, &code)?;
        if b.role.is_some() {
            fields.push("role");
        }
        if b.wilayah_code.is_some() {
            fields.push("wilayah_code");
        }
        Some(kode)
    } else {
        None
    };
    grant_check(actor, role, b.personal_data_grant)?;
    if b.personal_data_grant.is_some() {
        fields.push("personal_data_grant");
    }
    // Checked after the body, so that a bad body is a 422 whatever the ETag.
    let expected = required_version(&req, user.version)?;
    let changes = UserChanges {
        name,
        role: b.role.map(Into::into),
        wilayah: wilayah.clone(),
        personal_data_grant: b.personal_data_grant,
    };
    let territory = wilayah.unwrap_or_else(|| user.territory.wilayah().clone());
    let entry = AuditEntry::by(actor, "user.update", "user", territory)
        .resource(user.id)
        .request(&request_id::of(&req))
        .fields(&fields);
    let updated = user_repo::update(&state.db, user.id, expected, changes, &entry).await?;
    state.users.forget(user.id);
    Ok(with_etag(StatusCode::OK, &updated))
}

/// Deactivate an account
///
/// Caller: admin, or a more senior role for an account in its territory; nobody deactivates
/// itself (403 `forbidden`). A reason is required. The account's tokens stop working at once;
/// it is never deleted. 409 `already_inactive` the second time; `If-Match` is checked when sent
/// (412 `precondition_failed`).
#[utoipa::path(
    tag = "users",
    operation_id = "deactivateUser",
    params(("id" = Uuid, Path, description = "Account id")),
    request_body = DeactivateRequest,
    security(("bearer" = [])),
    responses(
        (status = 200, description = "The deactivated account", body = UserDto, headers(("ETag" = String))),
        (status = 400, response = BadRequest),
        (status = 401, response = Unauthorized),
        (status = 403, response = Forbidden),
        (status = 404, response = NotFound),
        (status = 409, response = Conflict),
        (status = 412, response = PreconditionFailed),
        (status = 413, response = PayloadTooLarge),
        (status = 415, response = UnsupportedMediaType),
        (status = 422, response = Unprocessable),
        (status = 500, response = InternalError),
        (status = 503, response = ServiceUnavailable)
    )
)]
#[post("/users/{id}/deactivate")]
pub async fn deactivate(
    state: web::Data<AppState>,
    req: HttpRequest,
    auth: AuthUser,
    id: web::Path<Uuid>,
    body: web::Json<DeactivateRequest>,
) -> Result<HttpResponse, ApiError> {
    let actor = &auth.actor;
    let user = load(&state, actor, id.into_inner(), Action::UserDeactivate).await?;
    validation::check(&*body)?;
    let reason = body.reason.trim();
    if !user.active {
        return Err(ApiError::conflict(
            "already_inactive",
            Text::new(
                "Akun ini sudah nonaktif.",
                "This account is already inactive.",
            ),
        ));
    }
    let expected = if req.headers().contains_key(header::IF_MATCH) {
        Some(required_version(&req, user.version)?)
    } else {
        None
    };
    let entry = AuditEntry::by(
        actor,
        "user.deactivate",
        "user",
        user.territory.wilayah().clone(),
    )
    .resource(user.id)
    .request(&request_id::of(&req))
    .fields(&["active", "status_reason"]);
    let updated =
        user_repo::deactivate(&state.db, user.id, expected, reason.to_owned(), &entry).await?;
    state.users.forget(user.id);
    Ok(with_etag(StatusCode::OK, &updated))
}

/// Set a new password for another account
///
/// Caller: admin, or kalurahan for the accounts below it in its kalurahan; nobody resets its
/// own here (403 `forbidden`; use `POST /auth/password`). The password rules apply (422
/// `password_too_short`, `password_too_long`, `password_is_username`). The account's tokens
/// stop working, and its first login afterwards is audited as `auth.login_after_reset`
/// with who reset it.
///
/// The account of a board member who keeps the books (the bendahara, or the ketua while no
/// bendahara serves) is not reset by anyone else: 409 `keeps_books_password`, since whoever
/// reset it could post money under the holder's name. End the seat and appoint the holder
/// again with a new account, which the board's history then shows.
#[utoipa::path(
    tag = "users",
    operation_id = "resetUserPassword",
    params(("id" = Uuid, Path, description = "Account id")),
    request_body = ResetPasswordRequest,
    security(("bearer" = [])),
    responses(
        (status = 204, description = "Reset; the account's sessions ended"),
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
#[post("/users/{id}/reset-password")]
pub async fn reset_password(
    state: web::Data<AppState>,
    req: HttpRequest,
    auth: AuthUser,
    id: web::Path<Uuid>,
    body: web::Json<ResetPasswordRequest>,
) -> Result<HttpResponse, ApiError> {
    let actor = &auth.actor;
    let user = load(&state, actor, id.into_inner(), Action::UserResetPassword).await?;
    validation::check(&*body)?;
    crate::guards::users::not_keeping_books(&state, &user).await?;
    check_password(&body.new_password, &user.username)
        .map_err(|e| account_error("new_password", e))?;
    let hash = state
        .hasher
        .hash(body.new_password.clone())
        .await
        .map_err(ApiError::internal)?;
    let entry = AuditEntry::by(
        actor,
        "user.reset_password",
        "user",
        user.territory.wilayah().clone(),
    )
    .resource(user.id)
    .request(&request_id::of(&req))
    .fields(&["password"]);
    user_repo::set_password(&state.db, user.id, hash, Some(actor.user_id), &entry).await?;
    state.users.forget(user.id);
    Ok(HttpResponse::NoContent().finish())
}

/// Registers this module's routes (and their documentation) under `/api/v1`.
pub fn configure(cfg: &mut ServiceConfig) {
    cfg.service(create)
        .service(list)
        .service(get)
        .service(update)
        .service(deactivate)
        .service(reset_password);
}
