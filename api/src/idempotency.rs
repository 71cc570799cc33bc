//! The `Idempotency-Key` protocol (GUIDE.md section 2): a money-moving or record-creating
//! POST runs once per key; its JSON answer is stored with the key and replayed.

use crate::auth::extract::AuthUser;
use crate::error::ApiError;
use crate::guards::Located;
use crate::i18n::Text;
use crate::state::AppState;
use actix_web::http::StatusCode;
use actix_web::{HttpRequest, HttpResponse};
use serde::Serialize;
use std::future::Future;
use uuid::Uuid;
use wksbm_domain::audit::AuditEntry;
use wksbm_persistence::idempotency_repo::{self, Claim, Rendered, Seal, Sealer};
use wksbm_persistence::{Db, StoreError};

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

/// What a money write gets from [`post_once`]: the database, the WKSBM, who writes,
/// today's local date, its audit record and the sealer that stores the answer with it.
pub struct Write<'r, T> {
    pub db: &'r Db,
    pub wksbm_id: Uuid,
    pub user: Uuid,
    pub today: chrono::NaiveDate,
    pub record: AuditEntry,
    pub sealer: Option<Sealer<'r, T>>,
}

/// The money POST on a WKSBM's books (after its guard and body checks): audited as
/// `action`, run once per `Idempotency-Key`; `run` states only the write itself.
pub async fn post_once<'r, T, W, B, F, Fut>(
    state: &'r AppState,
    req: &HttpRequest,
    auth: &AuthUser,
    (w, action): (&W, &'static str),
    body: &B,
    render: &'r (dyn Fn(&T) -> Rendered + Sync),
    run: F,
) -> Result<HttpResponse, ApiError>
where
    W: Located,
    B: Serialize,
    F: FnOnce(Write<'r, T>) -> Fut,
    Fut: Future<Output = Result<T, StoreError>>,
{
    let record = crate::guards::audit(&auth.actor, action, w, req);
    let (db, wksbm_id, user) = (&state.db, w.wksbm_id(), auth.actor.user_id);
    once(state, req, auth, body, render, move |sealer| {
        run(Write {
            db,
            wksbm_id,
            user,
            today: crate::clock::today(),
            record,
            sealer,
        })
    })
    .await
}

/// 201 with a record created in a WKSBM's `noun` collection and its `Location`.
pub fn created_in<T: Serialize>(noun: &str, wksbm_id: Uuid, id: Uuid, body: &T) -> Rendered {
    rendered(
        201,
        body,
        Some(format!("/api/v1/wksbm/{wksbm_id}/{noun}/{id}")),
    )
}

/// 201 with the posted entry and its `Location`.
pub fn entry_created(e: &wksbm_domain::dana::LedgerEntry) -> Rendered {
    created_in(
        "buku-kas",
        e.wksbm_id,
        e.id,
        &wksbm_openapi::dana::Entry::from(e),
    )
}

/// 201 with the entries one request posted (a pair, or the legs of a reversal).
#[allow(clippy::ptr_arg)] // the render of a `Vec` result
pub fn entries_created(es: &Vec<wksbm_domain::dana::LedgerEntry>) -> Rendered {
    rendered(
        201,
        &wksbm_openapi::dana::EntryList {
            items: es.iter().map(wksbm_openapi::dana::Entry::from).collect(),
        },
        None,
    )
}
