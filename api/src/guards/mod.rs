//! Guards: the one place handlers turn the access policy's answer into 404/403, and load
//! the WKSBM a request acts on (GUIDE.md section 3). Handlers call these first thing.

pub mod ppks;
pub mod users;

use crate::error::ApiError;
use crate::i18n::Text;
use crate::middleware::request_id;
use crate::state::AppState;
use actix_web::HttpRequest;
use actix_web::http::StatusCode;
use uuid::Uuid;
use wksbm_domain::access::{
    Action, Actor, Decision, Territory, books_wait_on_bendahara, may, may_at_all, may_in_wksbm,
    may_keep_books,
};
use wksbm_domain::audit::AuditEntry;
use wksbm_domain::formation::Wksbm;
use wksbm_domain::pengurus::Position;
use wksbm_domain::wilayah::KodeWilayah;
use wksbm_persistence::wksbm_repo;

/// Turns the policy's answer into the status the caller sees: outside the territory is
/// the resource's own 404 (its existence never leaks), inside but not permitted is 403.
pub fn decide(d: Decision, not_found: impl FnOnce() -> ApiError) -> Result<(), ApiError> {
    match d {
        Decision::Allow => Ok(()),
        Decision::Forbidden => Err(ApiError::forbidden()),
        Decision::NotFound => Err(not_found()),
    }
}

/// 403 unless the role may do `action` somewhere (list endpoints, creates at large).
pub fn require(actor: &Actor, action: Action) -> Result<(), ApiError> {
    if may_at_all(actor, action) {
        Ok(())
    } else {
        Err(ApiError::forbidden())
    }
}

fn wksbm_not_found(id: Uuid) -> ApiError {
    ApiError::not_found("WKSBM", "WKSBM", &id.to_string())
}

/// A WKSBM in the caller's territory that `action` may touch, or 404/403.
pub async fn wksbm(
    state: &AppState,
    actor: &Actor,
    id: Uuid,
    action: Action,
) -> Result<Wksbm, ApiError> {
    located(state, actor, id, |w| may(actor, action, &w.territory())).await
}

/// Like [`wksbm`], for what belongs to the board itself (minutes, the stamp, the books):
/// a board member may only act for its own WKSBM.
pub async fn own_wksbm(
    state: &AppState,
    actor: &Actor,
    id: Uuid,
    action: Action,
) -> Result<Wksbm, ApiError> {
    located(state, actor, id, |w| {
        may_in_wksbm(actor, action, w.id, &w.territory())
    })
    .await
}

/// The WKSBM in the caller's territory, if the policy's `decision` on it allows.
async fn located(
    state: &AppState,
    actor: &Actor,
    id: Uuid,
    decision: impl FnOnce(&Wksbm) -> Decision,
) -> Result<Wksbm, ApiError> {
    let w = wksbm_repo::get(&state.db, &actor.territory, id)
        .await?
        .ok_or_else(|| wksbm_not_found(id))?;
    decide(decision(&w), || wksbm_not_found(id))?;
    Ok(w)
}

/// The WKSBM whose books are read (entries, rounds, jimpitan: they name people).
pub async fn readable(state: &AppState, actor: &Actor, id: Uuid) -> Result<Wksbm, ApiError> {
    own_wksbm(state, actor, id, Action::DanaRead).await
}

/// The WKSBM whose balances and reports are read (figures only).
pub async fn reportable(state: &AppState, actor: &Actor, id: Uuid) -> Result<Wksbm, ApiError> {
    own_wksbm(state, actor, id, Action::DanaReport).await
}

/// Where a WKSBM is. Its padukuhan and kalurahan never change, so the write path keeps
/// them in memory instead of reading the WKSBM for every payment (its status is checked
/// inside the money transaction).
#[derive(Debug, Clone)]
pub struct Place {
    pub id: Uuid,
    pub kalurahan: KodeWilayah,
    pub territory: Territory,
}

/// What an audit row needs of the WKSBM it is about.
pub trait Located {
    fn wksbm_id(&self) -> Uuid;
    fn kalurahan(&self) -> &KodeWilayah;
}

impl Located for Place {
    fn wksbm_id(&self) -> Uuid {
        self.id
    }
    fn kalurahan(&self) -> &KodeWilayah {
        &self.kalurahan
    }
}

impl Located for Wksbm {
    fn wksbm_id(&self) -> Uuid {
        self.id
    }
    fn kalurahan(&self) -> &KodeWilayah {
        &self.kalurahan
    }
}

/// The WKSBM whose books are written: its bendahara, or its ketua while no bendahara
/// serves.
pub async fn writable(state: &AppState, actor: &Actor, id: Uuid) -> Result<Place, ApiError> {
    let cached = state.places.lock().ok().and_then(|m| m.get(&id).cloned());
    let place = match cached {
        Some(p) => p,
        None => {
            let w = wksbm_repo::get(&state.db, &actor.territory, id)
                .await?
                .ok_or_else(|| wksbm_not_found(id))?;
            let p = Place {
                id,
                kalurahan: w.kalurahan.clone(),
                territory: w.territory(),
            };
            if let Ok(mut m) = state.places.lock() {
                m.insert(id, p.clone());
            }
            p
        }
    };
    match may_in_wksbm(actor, Action::DanaWrite, id, &place.territory) {
        Decision::Allow => {}
        Decision::Forbidden => return Err(ApiError::forbidden()),
        Decision::NotFound => return Err(wksbm_not_found(id)),
    }
    // The board is read only when the answer depends on it (a ketua posting).
    let bendahara_serves = books_wait_on_bendahara(actor)
        && wksbm_repo::seat_held(&state.db, id, Position::Bendahara).await?;
    if !may_keep_books(actor, bendahara_serves) {
        return Err(ApiError::new(
            StatusCode::FORBIDDEN,
            "bendahara_keeps_books",
            Text::new(
                "Buku kas dicatat bendahara; ketua hanya mencatat selama tidak ada bendahara.",
                "The bendahara keeps the books; the ketua records only while no bendahara serves.",
            ),
        ));
    }
    Ok(place)
}

pub fn audit<W: Located>(
    actor: &Actor,
    action: &'static str,
    w: &W,
    req: &HttpRequest,
) -> AuditEntry {
    AuditEntry::by(actor, action, "dana", w.kalurahan().clone())
        .resource(w.wksbm_id())
        .request(&request_id::of(req))
}
