//! `AuthUser`: the caller behind `Authorization: Bearer`. A missing, malformed, expired,
//! revoked or foreign token is a 401, never "anonymous".

use super::tokens::TokenError;
use crate::error::ApiError;
use crate::i18n::Text;
use crate::state::AppState;
use actix_web::dev::Payload;
use actix_web::http::header::AUTHORIZATION;
use actix_web::{FromRequest, HttpRequest, web};
use std::future::Future;
use std::pin::Pin;
use uuid::Uuid;
use wksbm_domain::access::{Actor, Role};
use wksbm_domain::account::User;
use wksbm_persistence::{user_repo, wksbm_repo};

/// The authenticated account and the actor it acts as.
pub struct AuthUser {
    pub user: User,
    pub actor: Actor,
}

fn missing() -> ApiError {
    ApiError::unauthenticated(
        "unauthenticated",
        Text::new(
            "Kirim token akses yang sah di header Authorization: Bearer.",
            "Send a valid access token in the Authorization: Bearer header.",
        ),
        false,
    )
}

fn invalid(why: &str) -> ApiError {
    ApiError::unauthenticated(
        "token_invalid",
        Text::new(
            format!("Token akses tidak sah: {why}."),
            format!("The access token is not valid: {why}."),
        ),
        true,
    )
}

fn bearer(req: &HttpRequest) -> Result<Option<String>, ApiError> {
    let Some(value) = req.headers().get(AUTHORIZATION) else {
        return Ok(None);
    };
    let value = value.to_str().map_err(|_| invalid("header is not text"))?;
    match value.split_once(' ') {
        Some((scheme, token))
            if scheme.eq_ignore_ascii_case("bearer") && !token.trim().is_empty() =>
        {
            Ok(Some(token.trim().to_owned()))
        }
        _ => Err(invalid("use the Bearer scheme")),
    }
}

pub async fn authenticate(state: &AppState, token: &str) -> Result<AuthUser, ApiError> {
    let claims = state.tokens.verify(token).map_err(|e| match e {
        TokenError::Expired => invalid("expired"),
        TokenError::UnknownKey => invalid("signed by an unknown key"),
        TokenError::Invalid | TokenError::Signing => invalid("malformed or bad signature"),
    })?;
    let id = Uuid::parse_str(&claims.sub).map_err(|_| invalid("bad subject"))?;
    let user = match state.users.get(id) {
        Some(u) => u,
        None => {
            let (u, _) = user_repo::get_self(&state.db, id)
                .await?
                .ok_or_else(|| invalid("unknown account"))?;
            state.users.put(u.clone());
            u
        }
    };
    if !user.active {
        return Err(invalid("the account is deactivated"));
    }
    if user.token_version != claims.ver {
        return Err(invalid("revoked"));
    }
    Ok(AuthUser {
        actor: user.actor(),
        user,
    })
}

/// A request that changes something the WKSBM keeps: any method but a read, outside the
/// caller's own session (`/auth/…`: logging out, changing its password).
fn is_write(req: &HttpRequest) -> bool {
    !req.method().is_safe() && !req.path().starts_with("/api/v1/auth/")
}

/// A board member writes nothing while its WKSBM is suspended or dissolved (issue 21):
/// one gate for every write, so that no new endpoint can forget it. 409
/// `wksbm_read_only`.
async fn board_may_write(state: &AppState, actor: &Actor) -> Result<(), ApiError> {
    let (Role::Pengurus, Some(id)) = (actor.role, actor.wksbm_id) else {
        return Ok(());
    };
    let status = wksbm_repo::get(&state.db, &actor.territory, id)
        .await?
        .map(|w| w.status);
    match status {
        // No such WKSBM in its territory: the handler's own checks answer.
        None => Ok(()),
        Some(s) if s.board_may_write() => Ok(()),
        Some(_) => Err(ApiError::conflict(
            "wksbm_read_only",
            Text::new(
                "WKSBM ini dibekukan atau dibubarkan; datanya hanya dapat dibaca.",
                "This WKSBM is suspended or dissolved; its data is read-only.",
            ),
        )),
    }
}

impl FromRequest for AuthUser {
    type Error = ApiError;
    type Future = Pin<Box<dyn Future<Output = Result<Self, Self::Error>>>>;

    fn from_request(req: &HttpRequest, _: &mut Payload) -> Self::Future {
        let state = req.app_data::<web::Data<AppState>>().cloned();
        let token = bearer(req);
        let writes = is_write(req);
        Box::pin(async move {
            let state = state.ok_or_else(|| ApiError::internal("application state missing"))?;
            let token = token?.ok_or_else(missing)?;
            let auth = authenticate(&state, &token).await?;
            if writes {
                board_may_write(&state, &auth.actor).await?;
            }
            Ok(auth)
        })
    }
}
