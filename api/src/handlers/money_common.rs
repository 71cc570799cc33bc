//! What the money endpoints share: who may read and write a WKSBM's books, the
//! `Idempotency-Key` protocol (GUIDE.md section 2), and JSON answers that are stored
//! with the key and replayed.

use super::auth::request_id;
use super::wksbm::load_own;
use crate::auth::extract::AuthUser;
use crate::error::ApiError;
use crate::i18n::Text;
use crate::state::AppState;
use actix_web::http::StatusCode;
use actix_web::{HttpRequest, HttpResponse};
use serde::Serialize;
use std::future::Future;
use uuid::Uuid;
use wksbm_domain::access::{Action, Actor, Decision, Jabatan, Role, Territory, may_in_wksbm};
use wksbm_domain::audit::Entry;
use wksbm_domain::board::Position;
use wksbm_domain::formation::Wksbm;
use wksbm_domain::wilayah::KodeWilayah;
use wksbm_persistence::StoreError;
use wksbm_persistence::idempotency_repo::{self, Claim, Rendered, Seal, Sealer};
use wksbm_persistence::wksbm_repo;

/// The WKSBM whose books are read (entries, rounds, jimpitan: they name people).
pub async fn readable(state: &AppState, actor: &Actor, id: Uuid) -> Result<Wksbm, ApiError> {
    load_own(state, actor, id, Action::MoneyRead).await
}

/// The WKSBM whose balances and reports are read (figures only).
pub async fn reportable(state: &AppState, actor: &Actor, id: Uuid) -> Result<Wksbm, ApiError> {
    load_own(state, actor, id, Action::MoneyReport).await
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
                .ok_or_else(|| ApiError::not_found("WKSBM", "WKSBM", &id.to_string()))?;
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
    match may_in_wksbm(actor, Action::MoneyWrite, id, &place.territory) {
        Decision::Allow => {}
        Decision::Forbidden => return Err(ApiError::forbidden()),
        Decision::NotFound => {
            return Err(ApiError::not_found("WKSBM", "WKSBM", &id.to_string()));
        }
    }
    if actor.role == Role::Pengurus
        && actor.jabatan == Some(Jabatan::Ketua)
        && wksbm_repo::seat_held(&state.db, id, Position::Bendahara).await?
    {
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

pub fn audit<W: Located>(actor: &Actor, action: &'static str, w: &W, req: &HttpRequest) -> Entry {
    Entry::by(actor, action, "dana", w.kalurahan().clone())
        .resource(w.wksbm_id())
        .request(&request_id(req))
}

/// A JSON answer as stored with an idempotency key.
pub fn rendered<T: Serialize>(status: u16, body: &T, location: Option<String>) -> Rendered {
    Rendered {
        status,
        body: serde_json::to_string(body).unwrap_or_else(|_| "{}".into()),
        location,
    }
}

pub fn respond(r: &Rendered, replayed: bool) -> HttpResponse {
    let mut b = HttpResponse::build(StatusCode::from_u16(r.status).unwrap_or(StatusCode::OK));
    b.content_type("application/json");
    if let Some(l) = &r.location {
        b.insert_header((actix_web::http::header::LOCATION, l.clone()));
    }
    if replayed {
        b.insert_header(("Idempotent-Replayed", "true"));
    }
    b.body(r.body.clone())
}

fn key_of(req: &HttpRequest) -> Result<Option<String>, ApiError> {
    let Some(v) = req.headers().get("idempotency-key") else {
        return Ok(None);
    };
    let ok = v
        .to_str()
        .ok()
        .filter(|s| (1..=255).contains(&s.len()) && s.bytes().all(|b| (0x21..=0x7e).contains(&b)));
    ok.map(|s| Some(s.to_owned())).ok_or_else(|| {
        ApiError::new(
            StatusCode::BAD_REQUEST,
            "idempotency_key_invalid",
            Text::new(
                "Idempotency-Key harus 1-255 karakter ASCII yang terlihat.",
                "Idempotency-Key must be 1-255 visible ASCII characters.",
            ),
        )
    })
}

/// Runs a money-moving request once per `Idempotency-Key`: a replay answers with the
/// stored response; otherwise `run` gets the sealer to commit the answer with the write.
/// A refusal gives the key back (nothing was written, so a retry runs afresh).
pub async fn once<'r, T, B, F, Fut>(
    state: &AppState,
    req: &HttpRequest,
    auth: &AuthUser,
    body: &B,
    render: &'r (dyn Fn(&T) -> Rendered + Sync),
    run: F,
) -> Result<HttpResponse, ApiError>
where
    B: Serialize,
    F: FnOnce(Option<Sealer<'r, T>>) -> Fut,
    Fut: Future<Output = Result<T, StoreError>>,
{
    let seal: Option<Seal> = match key_of(req)? {
        None => None,
        Some(key) => {
            let hash = wksbm_persistence::audit_repo::hash(&format!(
                "{} {}\n{}",
                req.method(),
                req.path(),
                serde_json::to_string(body).unwrap_or_default()
            ));
            match idempotency_repo::claim(&state.db, auth.actor.user_id, &key, &hash).await? {
                Claim::Fresh(s) => Some(s),
                Claim::Replay(r) => return Ok(respond(&r, true)),
                Claim::Mismatch => {
                    return Err(ApiError::new(
                        StatusCode::UNPROCESSABLE_ENTITY,
                        "idempotency_key_reused",
                        Text::new(
                            "Idempotency-Key ini sudah dipakai untuk permintaan lain.",
                            "This Idempotency-Key was used for a different request.",
                        ),
                    ));
                }
                Claim::Running => {
                    return Err(ApiError::conflict(
                        "idempotency_key_in_flight",
                        Text::new(
                            "Permintaan pertama dengan Idempotency-Key ini masih berjalan.",
                            "The first request with this Idempotency-Key is still running.",
                        ),
                    ));
                }
            }
        }
    };
    let sealer = seal.clone().map(|seal| Sealer { seal, render });
    match run(sealer).await {
        Ok(v) => Ok(respond(&render(&v), false)),
        Err(e) => {
            if let Some(s) = &seal {
                // Best effort: an abandoned claim is taken over after a minute anyway.
                let _ = idempotency_repo::release(&state.db, s).await;
            }
            Err(e.into())
        }
    }
}

/// 201 with the posted entry and its `Location`.
pub fn entry_created(e: &wksbm_domain::money::LedgerEntry) -> Rendered {
    rendered(
        201,
        &wksbm_openapi::money::Entry::from(e),
        Some(format!("/api/v1/wksbm/{}/buku-kas/{}", e.wksbm_id, e.id)),
    )
}

/// 201 with the entries one request posted (a pair, or the legs of a reversal).
#[allow(clippy::ptr_arg)] // the render of a `Vec` result
pub fn entries_created(es: &Vec<wksbm_domain::money::LedgerEntry>) -> Rendered {
    rendered(
        201,
        &wksbm_openapi::money::EntryList {
            items: es.iter().map(wksbm_openapi::money::Entry::from).collect(),
        },
        None,
    )
}

/// Dates in a query are years 1 to 9999 (what both databases store); 400 otherwise.
pub fn query_dates(dates: &[(&str, Option<chrono::NaiveDate>)]) -> Result<(), ApiError> {
    use chrono::Datelike;
    for (name, d) in dates {
        if let Some(d) = d
            && !(1..=9999).contains(&d.year())
        {
            return Err(ApiError::query(
                name,
                "date_out_of_range",
                Text::new("Tahun harus 1 sampai 9999.", "The year must be 1 to 9999."),
            ));
        }
    }
    Ok(())
}
