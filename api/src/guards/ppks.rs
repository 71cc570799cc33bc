//! The guards of the PPKS register: a person loaded only inside the caller's territory
//! and only where the policy lets the caller act on them, where a new person may be
//! placed, what a search may filter on, and no change to an anonymised record.

use crate::error::ApiError;
use crate::guards::decide;
use crate::i18n::Text;
use crate::state::AppState;
use uuid::Uuid;
use wksbm_domain::access::{
    Action, Actor, may, may_at_all, may_on_person, may_search_identity, may_see_personal,
};
use wksbm_domain::padukuhan::Padukuhan;
use wksbm_domain::ppks::{Ppks, is_sensitive_type};
use wksbm_openapi::ppks::{PpksQuery, PpksStatus, VerificationStatus};
use wksbm_persistence::padukuhan_repo;
use wksbm_persistence::ppks_repo::{self, PpksFilter};

/// Exact NIK searches an account may make: enough for a desk verifying people one by one,
/// far too few to try the hidden digits of a masked NIK.
pub const NIK_SEARCH_LIMITS: crate::auth::ratelimit::Limits = crate::auth::ratelimit::Limits {
    per_minute: 20,
    per_hour: 200,
};

pub fn not_found(id: &str) -> ApiError {
    ApiError::not_found("PPKS", "PPKS", id)
}

/// 409 for any change to an anonymised record: its identity is gone for good.
pub fn not_anonymised(p: &Ppks) -> Result<(), ApiError> {
    if p.anonymised_at.is_some() {
        return Err(ApiError::conflict(
            "ppks_anonymised",
            Text::new(
                "Data ini sudah dianonimkan dan tidak dapat diubah.",
                "This record is anonymised and cannot change.",
            ),
        ));
    }
    Ok(())
}

/// The padukuhan a person is placed in, where `actor` may write, and its live WKSBM.
/// Board members write only for their own WKSBM.
pub async fn placement(
    state: &AppState,
    actor: &Actor,
    padukuhan_id: Uuid,
) -> Result<(Padukuhan, Option<Uuid>), ApiError> {
    let unknown = || {
        ApiError::field(
            "padukuhan_id",
            "padukuhan_unknown",
            Text::new(
                "Padukuhan tidak ada di wilayah Anda atau sudah nonaktif.",
                "No active padukuhan with this id in your territory.",
            ),
        )
    };
    let p = padukuhan_repo::get_any(&state.db, &actor.territory, padukuhan_id)
        .await?
        .filter(|p| p.active)
        .ok_or_else(unknown)?;
    decide(may(actor, Action::PpksWrite, &p.territory()), unknown)?;
    let wksbm = ppks_repo::live_wksbm(&state.db, p.id).await?;
    decide(
        may_on_person(actor, Action::PpksWrite, wksbm, &p.territory()),
        unknown,
    )?;
    Ok((p, wksbm))
}

/// Loads a person inside the caller's territory and checks `action` on it.
pub async fn load(
    state: &AppState,
    actor: &Actor,
    id: Uuid,
    action: Action,
) -> Result<Ppks, ApiError> {
    let key = id.to_string();
    let p = ppks_repo::get(&state.db, &state.vault, &actor.territory, id)
        .await?
        .ok_or_else(|| not_found(&key))?;
    decide(
        may_on_person(actor, action, p.wksbm_id, &p.territory()),
        || not_found(&key),
    )?;
    Ok(p)
}

/// An exact NIK search: only with the full-view right (403 `forbidden` otherwise), and at
/// most `NIK_SEARCH_LIMITS` per account (429 `rate_limited` with `Retry-After`).
pub fn nik_search(state: &AppState, actor: &Actor, q: &PpksQuery) -> Result<(), ApiError> {
    if q.nik.is_none() {
        return Ok(());
    }
    if !may_search_identity(actor) {
        return Err(ApiError::new(
            actix_web::http::StatusCode::FORBIDDEN,
            "forbidden",
            Text::new(
                "Pencarian NIK hanya untuk yang boleh melihat data pribadi lengkap.",
                "Searching by NIK needs the right to see personal data in full.",
            ),
        ));
    }
    state
        .nik_search
        .attempt(&actor.user_id.to_string(), std::time::Instant::now())
        .map_err(|seconds| {
            ApiError::new(
                actix_web::http::StatusCode::TOO_MANY_REQUESTS,
                "rate_limited",
                Text::new(
                    format!("Terlalu banyak pencarian NIK. Coba lagi dalam {seconds} detik."),
                    format!("Too many NIK searches. Try again in {seconds} seconds."),
                ),
            )
            .with_header("retry-after", seconds.to_string())
        })
}

/// The hits of a NIK search the caller may see: only people it sees in full, so that a
/// hit never confirms a NIK the caller sees masked.
pub fn nik_hits(actor: &Actor, q: &PpksQuery, rows: Vec<Ppks>) -> Vec<Ppks> {
    if q.nik.is_none() {
        return rows;
    }
    rows.into_iter()
        .filter(|p| may_see_personal(actor, p.wksbm_id, &p.territory()))
        .collect()
}

/// What a search's audit row says it was: the row count and, for a NIK search, the NIK's
/// keyed hash (the register's look-up hash, never the NIK), so that a search that found
/// nothing is on record too.
pub fn search_fields(state: &AppState, q: &PpksQuery, rows: usize) -> Vec<String> {
    let mut fields = vec![format!("rows={rows}")];
    if let Some(nik) = &q.nik {
        fields.push(format!("nik_hash={}", state.vault.lookup_hash("nik", nik)));
    }
    fields
}

/// The filter of a search, with the rule that sensitive types are searched only by
/// those who may see them.
pub fn filter_of(actor: &Actor, q: &PpksQuery) -> Result<PpksFilter, ApiError> {
    let full = may_at_all(actor, Action::PpksReadFull);
    if let Some(t) = &q.r#type
        && is_sensitive_type(t)
        && !full
    {
        return Err(ApiError::forbidden());
    }
    Ok(PpksFilter {
        name: q.q.as_deref().map(wksbm_domain::text::search_key),
        nik: q.nik.clone(),
        type_code: q.r#type.clone(),
        private_too: full,
        active: q.status.map(|s| s == PpksStatus::Aktif),
        verified: q
            .verification
            .map(|v| v == VerificationStatus::Terverifikasi),
        rt: q.rt.clone(),
        rw: q.rw.clone(),
        padukuhan_id: q.padukuhan_id,
        wksbm_id: q.wksbm_id,
        // A board member sees its own WKSBM's people (and those no WKSBM registered).
        board_of: actor
            .wksbm_id
            .filter(|_| actor.role == wksbm_domain::access::Role::Pengurus),
        wilayah: q
            .wilayah_code
            .as_deref()
            .map(|c| crate::validation::query_wilayah_code("wilayah_code", c))
            .transpose()?,
        updated_since: q.updated_since,
    })
}
