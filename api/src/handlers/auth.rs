use crate::auth::extract::AuthUser;
use crate::auth::random_bytes;
use crate::error::ApiError;
use crate::i18n::Text;
use crate::middleware::request_id;
use crate::state::AppState;
use crate::validation;
use actix_web::http::StatusCode;
use actix_web::{HttpRequest, HttpResponse, get, post, web};
use base64::Engine;
use base64::engine::general_purpose::URL_SAFE_NO_PAD;
use std::time::Instant;
use utoipa_actix_web::service_config::ServiceConfig;
use uuid::Uuid;
use wksbm_domain::access::{Action, Role, may_at_all};
use wksbm_domain::account::{User, Username, check_password};
use wksbm_domain::audit::AuditEntry;
use wksbm_openapi::auth::{
    ClientCredentialsRequest, Jwks, LoginRequest, Me, PasswordChangeRequest, RefreshRequest,
    TokenResponse,
};
use wksbm_openapi::responses::{
    InternalError, LoginErrors, ServiceUnavailable, SessionErrors, TooManyRequests, Unauthorized,
};
use wksbm_persistence::token_repo::{self, Rotation};
use wksbm_persistence::{audit_repo, user_repo};

/// An audit entry in the account's own name (login, logout, password change).
fn own_entry(u: &User, action: &'static str) -> AuditEntry {
    AuditEntry::own(
        u.id,
        u.role,
        u.territory.claim(),
        action,
        u.territory.wilayah().clone(),
    )
}

/// The token body; `refresh_token` is absent for client credentials.
fn bearer(state: &AppState, access: String, refresh_token: Option<String>) -> TokenResponse {
    TokenResponse {
        access_token: access,
        refresh_token,
        token_type: "Bearer".into(),
        expires_in: state.tokens.ttl_secs(),
    }
}

fn login_failed() -> ApiError {
    ApiError::unauthenticated(
        "login_failed",
        Text::new(
            "Nama pengguna atau kata sandi salah.",
            "Wrong username or password.",
        ),
        false,
    )
}

fn rate_limited(seconds: u64) -> ApiError {
    ApiError::new(
        StatusCode::TOO_MANY_REQUESTS,
        "rate_limited",
        Text::new(
            format!("Terlalu banyak percobaan masuk. Coba lagi dalam {seconds} detik."),
            format!("Too many login attempts. Try again in {seconds} seconds."),
        ),
    )
    .with_header("retry-after", seconds.to_string())
}

fn hash_token(raw: &str) -> String {
    wksbm_persistence::audit_repo::hash(raw)
}

fn new_refresh_token() -> Result<String, ApiError> {
    Ok(URL_SAFE_NO_PAD.encode(random_bytes::<32>().map_err(ApiError::internal)?))
}

fn address(req: &HttpRequest) -> String {
    req.peer_addr()
        .map(|a| a.ip().to_string())
        .unwrap_or_default()
}

/// A login checked against the limits and the credentials (`auth::login_limits`): a
/// failure is counted and answered after its growing delay, as 401 `login_failed`.
async fn attempt_login(
    state: &AppState,
    req: &HttpRequest,
    username: &str,
    password: &str,
    accept: impl Fn(&User) -> bool,
) -> Result<User, ApiError> {
    let attempt = state
        .login
        .before(username, &address(req), Instant::now())
        .map_err(rate_limited)?;
    match check_credentials(state, username, password)
        .await?
        .filter(|u| accept(u))
    {
        Some(u) => Ok(u),
        None => {
            let wait = state.login.failed(&attempt, Instant::now());
            tokio::time::sleep(wait).await;
            Err(login_failed())
        }
    }
}

/// Checks a username and password with the same work whether or not the account exists.
async fn check_credentials(
    state: &AppState,
    username: &str,
    password: &str,
) -> Result<Option<User>, ApiError> {
    let found = match Username::parse(username) {
        Ok(u) => user_repo::find_for_login(&state.db, &u).await?,
        Err(_) => None,
    };
    let (user, hash) = match found {
        Some((u, h)) => (Some(u), Some(h)),
        None => (None, None),
    };
    let ok = state
        .hasher
        .verify(password.to_owned(), hash)
        .await
        .map_err(ApiError::internal)?;
    Ok(user.filter(|u| ok && u.active))
}

async fn token_pair(
    state: &AppState,
    user: &User,
    family: Uuid,
) -> Result<TokenResponse, ApiError> {
    let access = state.tokens.issue(user).map_err(ApiError::internal)?;
    let refresh_token = new_refresh_token()?;
    token_repo::issue(
        &state.db,
        user.id,
        family,
        hash_token(&refresh_token),
        state.refresh_ttl,
    )
    .await?;
    Ok(bearer(state, access, Some(refresh_token)))
}

/// Log in with username and password
///
/// Public. Returns an access token and a refresh token. An unknown account, a wrong password
/// and a deactivated account get the same 401 `login_failed` in comparable time, so accounts
/// cannot be probed. Failed attempts are limited per account, per address and per pair of
/// both (429 `rate_limited` with `Retry-After`), and answered more slowly after the third
/// from one address. The username counts in the form the look-up reads it (trimmed,
/// lower-case). An account over its limit still lets its owner in from an address that has
/// not been failing against it.
///
/// Example: `{"username": "kalurahan.sumberagung", "password": "…"}`.
#[utoipa::path(
    tag = "auth",
    operation_id = "login",
    request_body = LoginRequest,
    responses(
        (status = 200, description = "Access and refresh token", body = TokenResponse),
        LoginErrors
    )
)]
#[post("/auth/login")]
pub async fn login(
    state: web::Data<AppState>,
    req: HttpRequest,
    body: web::Json<LoginRequest>,
) -> Result<HttpResponse, ApiError> {
    validation::check(&*body)?;
    let user = attempt_login(&state, &req, &body.username, &body.password, |_| true).await?;
    let pair = token_pair(&state, &user, Uuid::now_v7()).await?;
    // The first login after someone else reset the password says who did.
    let entry = match user_repo::take_reset_by(&state.db, user.id).await? {
        Some(by) => {
            own_entry(&user, "auth.login_after_reset").fields(&[format!("reset_by={by}").as_str()])
        }
        None => own_entry(&user, "auth.login"),
    }
    .request(&request_id::of(&req));
    audit_repo::append_alone(&state.db, &entry).await?;
    Ok(HttpResponse::Ok()
        .insert_header(("cache-control", "no-store"))
        .json(pair))
}

/// Exchange a refresh token for a new token pair
///
/// Public (the refresh token is the credential). Each refresh token works once: the answer
/// carries a new pair. Presenting a used one again is 401 `refresh_token_reused` and revokes
/// every token of that login (theft detection); an expired, revoked or unknown token is 401
/// `refresh_token_invalid`.
#[utoipa::path(
    tag = "auth",
    operation_id = "refreshToken",
    request_body = RefreshRequest,
    responses(
        (status = 200, description = "A new access and refresh token", body = TokenResponse),
        SessionErrors
    )
)]
#[post("/auth/refresh")]
pub async fn refresh(
    state: web::Data<AppState>,
    req: HttpRequest,
    body: web::Json<RefreshRequest>,
) -> Result<HttpResponse, ApiError> {
    validation::check(&*body)?;
    let invalid = || {
        ApiError::unauthenticated(
            "refresh_token_invalid",
            Text::new(
                "Refresh token tidak sah atau kedaluwarsa; masuk lagi.",
                "The refresh token is invalid or expired; log in again.",
            ),
            true,
        )
    };
    let next = new_refresh_token()?;
    match token_repo::rotate(
        &state.db,
        &hash_token(&body.refresh_token),
        hash_token(&next),
        state.refresh_ttl,
    )
    .await?
    {
        Rotation::Invalid => Err(invalid()),
        Rotation::Reused { user_id } => {
            if let Some((u, _)) = user_repo::get_self(&state.db, user_id).await? {
                let entry = own_entry(&u, "auth.refresh_reuse").request(&request_id::of(&req));
                audit_repo::append_alone(&state.db, &entry).await?;
            }
            Err(ApiError::unauthenticated(
                "refresh_token_reused",
                Text::new(
                    "Refresh token ini sudah pernah dipakai; semua sesi dari login itu dicabut. Masuk lagi.",
                    "This refresh token was already used; every session of that login is revoked. Log in again.",
                ),
                true,
            ))
        }
        Rotation::Rotated { user_id, .. } => {
            let Some((user, _)) = user_repo::get_self(&state.db, user_id)
                .await?
                .filter(|(u, _)| u.active)
            else {
                return Err(invalid());
            };
            let access = state.tokens.issue(&user).map_err(ApiError::internal)?;
            Ok(HttpResponse::Ok()
                .insert_header(("cache-control", "no-store"))
                .json(bearer(&state, access, Some(next))))
        }
    }
}

/// Log out
///
/// Any authenticated caller. Revokes the family of the given refresh token, so neither it nor
/// any token refreshed from it works again. 204 also when it was already revoked.
#[utoipa::path(
    tag = "auth",
    operation_id = "logout",
    request_body = RefreshRequest,
    security(("bearer" = [])),
    responses(
        (status = 204, description = "Logged out (also when the token was already revoked)"),
        SessionErrors
    )
)]
#[post("/auth/logout")]
pub async fn logout(
    state: web::Data<AppState>,
    req: HttpRequest,
    auth: AuthUser,
    body: web::Json<RefreshRequest>,
) -> Result<HttpResponse, ApiError> {
    validation::check(&*body)?;
    if token_repo::revoke_family_of(&state.db, auth.user.id, &hash_token(&body.refresh_token))
        .await?
    {
        let u = &auth.user;
        let entry = own_entry(u, "auth.logout").request(&request_id::of(&req));
        audit_repo::append_alone(&state.db, &entry).await?;
    }
    Ok(HttpResponse::NoContent().finish())
}

/// Get the caller's account and permissions
///
/// Any authenticated caller. The account, its role, scope, WKSBM and jabatan for a board
/// member, and every action the policy grants it, for a client to show or hide its menus.
#[utoipa::path(
    tag = "auth",
    operation_id = "me",
    security(("bearer" = [])),
    responses(
        (status = 200, description = "The caller", body = Me),
        (status = 401, response = Unauthorized),
        (status = 500, response = InternalError),
        (status = 503, response = ServiceUnavailable)
    )
)]
#[get("/auth/me")]
pub async fn me(auth: AuthUser) -> HttpResponse {
    let u = &auth.user;
    HttpResponse::Ok().json(Me {
        id: u.id,
        username: u.username.as_str().to_owned(),
        name: u.name.clone(),
        role: u.role.into(),
        wilayah_code: u.territory.wilayah().to_string(),
        padukuhan_id: u.territory.padukuhan_id(),
        wksbm_id: u.wksbm_id,
        jabatan: u.jabatan.map(Into::into),
        permissions: Action::ALL
            .into_iter()
            .filter(|a| may_at_all(&auth.actor, *a))
            .map(|a| a.as_str().to_owned())
            .collect(),
    })
}

/// Issue an access token for a service account
///
/// OAuth 2.0 client credentials grant for `integrasi` service accounts: `client_id` is the
/// account's username, `client_secret` its password. Returns an access token only, no refresh
/// token.
///
/// Errors: 401 `login_failed` for wrong credentials or a non-`integrasi` account; 429
/// `rate_limited` with `Retry-After`. A body that breaks a field rule is 422
/// `validation_failed` with `errors` per field.
#[utoipa::path(
    tag = "auth",
    operation_id = "clientCredentialsToken",
    request_body(content = ClientCredentialsRequest, content_type = "application/x-www-form-urlencoded"),
    responses(
        (status = 200, description = "An access token", body = TokenResponse),
        LoginErrors
    )
)]
#[post("/auth/token")]
pub async fn token(
    state: web::Data<AppState>,
    req: HttpRequest,
    form: web::Form<ClientCredentialsRequest>,
) -> Result<HttpResponse, ApiError> {
    validation::check(&*form)?;
    let user = attempt_login(&state, &req, &form.client_id, &form.client_secret, |u| {
        u.role == Role::Integrasi
    })
    .await?;
    let access = state.tokens.issue(&user).map_err(ApiError::internal)?;
    let entry = own_entry(&user, "auth.token").request(&request_id::of(&req));
    audit_repo::append_alone(&state.db, &entry).await?;
    Ok(HttpResponse::Ok()
        .insert_header(("cache-control", "no-store"))
        .json(bearer(&state, access, None)))
}

/// Change one's own password
///
/// Any authenticated caller. The current password is required (422 `current_password_wrong`).
/// The new one has 10-128 characters and differs from the username (422 `password_too_short`,
/// `password_too_long`, `password_is_username`).
///
/// Afterwards every token of the account stops working: log in again with the new password.
///
/// A wrong current password counts as a failed login (the same limits, the same growing
/// delay) and is audited (`auth.password_change_failed`). At the limit the answer is 429
/// `rate_limited` with `Retry-After`, and the account's refresh tokens end
/// (`auth.password_guess_limit`), so a stolen access token cannot keep guessing.
#[utoipa::path(
    tag = "auth",
    operation_id = "changePassword",
    request_body = PasswordChangeRequest,
    security(("bearer" = [])),
    responses(
        (status = 204, description = "Changed; all sessions ended"),
        (status = 429, response = TooManyRequests),
        SessionErrors
    )
)]
#[post("/auth/password")]
pub async fn change_password(
    state: web::Data<AppState>,
    req: HttpRequest,
    auth: AuthUser,
    body: web::Json<PasswordChangeRequest>,
) -> Result<HttpResponse, ApiError> {
    validation::check(&*body)?;
    let u = &auth.user;
    let attempt = state
        .login
        .before(u.username.as_str(), &address(&req), Instant::now())
        .map_err(rate_limited)?;
    let (_, hash) = user_repo::get_self(&state.db, u.id)
        .await?
        .ok_or_else(|| ApiError::internal("caller vanished"))?;
    if !state
        .hasher
        .verify(body.current_password.clone(), Some(hash))
        .await
        .map_err(ApiError::internal)?
    {
        return Err(wrong_current_password(&state, &req, u, &attempt).await?);
    }
    check_password(&body.new_password, &u.username)
        .map_err(|e| crate::error::account_error("new_password", e))?;
    let hash = state
        .hasher
        .hash(body.new_password.clone())
        .await
        .map_err(ApiError::internal)?;
    let entry = own_entry(u, "auth.password_change")
        .request(&request_id::of(&req))
        .fields(&["password"]);
    user_repo::set_password(&state.db, u.id, hash, None, &entry).await?;
    state.users.forget(u.id);
    Ok(HttpResponse::NoContent().finish())
}

/// A wrong current password is a guess like a failed login: counted by the same limits,
/// slowed down, audited, and once the limit is reached the account's refresh tokens end,
/// so that a stolen access token cannot keep guessing past its 15 minutes.
async fn wrong_current_password(
    state: &AppState,
    req: &HttpRequest,
    u: &User,
    attempt: &crate::auth::login_limits::Attempt,
) -> Result<ApiError, ApiError> {
    let wait = state.login.failed(attempt, Instant::now());
    let over = state
        .login
        .before(u.username.as_str(), &address(req), Instant::now())
        .is_err();
    let action = if over {
        token_repo::revoke_user(&state.db, u.id).await?;
        "auth.password_guess_limit"
    } else {
        "auth.password_change_failed"
    };
    let entry = own_entry(u, action).request(&request_id::of(req));
    audit_repo::append_alone(&state.db, &entry).await?;
    tokio::time::sleep(wait).await;
    Ok(ApiError::field(
        "current_password",
        "current_password_wrong",
        Text::new("kata sandi saat ini salah", "the current password is wrong"),
    ))
}

/// Get the public keys that verify access tokens
///
/// Public. A JSON Web Key Set (RFC 7517) for verifying the API's access tokens offline. Rotated
/// keys stay listed until they are removed from the configuration, so tokens signed before a
/// rotation keep verifying until they expire.
#[utoipa::path(
    tag = "auth",
    operation_id = "jwks",
    responses(
        (status = 200, description = "JSON Web Key Set", body = Jwks),
        (status = 500, response = InternalError)
    )
)]
#[get("/.well-known/jwks.json")]
pub async fn jwks(state: web::Data<AppState>) -> HttpResponse {
    HttpResponse::Ok()
        .insert_header(("cache-control", "public, max-age=300"))
        .json(state.tokens.keys().jwks())
}

/// Registers this module's routes (and their documentation) under `/api/v1`.
pub fn configure(cfg: &mut ServiceConfig) {
    cfg.service(login)
        .service(refresh)
        .service(logout)
        .service(me)
        .service(token)
        .service(change_password);
}
