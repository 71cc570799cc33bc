//! The guards of the PPKS register: a person loaded only inside the caller's territory
//! and only where the policy lets the caller act on them, where a new person may be
//! placed, what a search may filter on, and no change to an anonymised record.

use crate::error::ApiError;
use crate::guards::decide;
use crate::i18n::Text;
use crate::state::AppState;
use uuid::Uuid;
use wksbm_domain::access::{Action, Actor, may, may_at_all, may_on_person};
use wksbm_domain::padukuhan::Padukuhan;
use wksbm_domain::ppks::{Ppks, is_sensitive_type};
use wksbm_openapi::ppks::{PpksQuery, PpksStatus, VerificationStatus};
use wksbm_persistence::padukuhan_repo;
use wksbm_persistence::ppks_repo::{self, PpksFilter};

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
        wilayah: q
            .wilayah_code
            .as_deref()
            .map(|c| crate::validation::query_wilayah_code("wilayah_code", c))
            .transpose()?,
        updated_since: q.updated_since,
    })
}
