//! The `Idempotency-Key` protocol (GUIDE.md section 2): a money-moving or record-creating
//! POST runs once per key; its JSON answer is stored with the key and replayed.

use crate::auth::extract::AuthUser;
use crate::error::ApiError;
use crate::i18n::Text;
use crate::state::AppState;
use actix_web::http::StatusCode;
use actix_web::{HttpRequest, HttpResponse};
use serde::Serialize;
use std::future::Future;
use wksbm_persistence::StoreError;
use wksbm_persistence::idempotency_repo::{self, Claim, Rendered, Seal, Sealer};

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
pub fn entry_created(e: &wksbm_domain::dana::LedgerEntry) -> Rendered {
    rendered(
        201,
        &wksbm_openapi::dana::Entry::from(e),
        Some(format!("/api/v1/wksbm/{}/buku-kas/{}", e.wksbm_id, e.id)),
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
