//! The PPKS register. Identity and sensitive fields are sealed by the vault on the way in
//! and opened on the way out; every read goes through the territory filter.
//!
//! - this file: a record sealed and opened, written and read by id;
//! - `search`: the register searched (by filters, by NIK, by household);
//! - `erase`: anonymisation, with the name scrubbed from the books' free text.

mod erase;
mod search;

pub use erase::{anonymise, vacuum_erased};
pub use search::{PpksFilter, household, list, locate_niks};

use crate::entity::ppks::{ActiveModel, Column, Entity, Model};
use crate::vault::Vault;
use crate::{Db, StoreError, audit_repo, scope};
use sea_orm::{
    ActiveValue::Set, ColumnTrait, ConnectionTrait, EntityTrait, QueryFilter, QueryOrder,
};
use serde::{Deserialize, Serialize};
use uuid::Uuid;
use wksbm_domain::access::Territory;
use wksbm_domain::audit::AuditEntry;
use wksbm_domain::nik::Sex;
use wksbm_domain::ppks::{
    Basis, ConsentBy, InactiveReason, LawfulBasis, Ppks, Private, Verification,
};
use wksbm_domain::text::search_key;
use wksbm_domain::wilayah::KodeWilayah;

/// What is sealed: the private part plus free text that may describe health or a child.
#[derive(Serialize, Deserialize)]
struct Sealed {
    #[serde(flatten)]
    private: Private,
    needs: Option<String>,
    notes: Option<String>,
}

fn bad(id: &str, what: &str) -> StoreError {
    StoreError::Db(sea_orm::DbErr::Custom(format!(
        "stored ppks {id} has an invalid {what}"
    )))
}

fn types_index(vault: &Vault, p: &Ppks) -> String {
    let mut parts: Vec<String> = p.public_types.clone();
    if let Some(private) = &p.private {
        parts.extend(private.sensitive_types.iter().map(|t| vault.type_tag(t)));
    }
    format!("|{}|", parts.join("|"))
}

fn to_active(vault: &Vault, p: &Ppks) -> Result<ActiveModel, StoreError> {
    let id = p.id.to_string();
    let (key_id, enc, nik_hash, kk_hash) = match &p.private {
        Some(private) => {
            let sealed = Sealed {
                private: private.clone(),
                needs: p.needs.clone(),
                notes: p.notes.clone(),
            };
            let plain = serde_json::to_vec(&sealed)
                .map_err(|e| StoreError::Db(sea_orm::DbErr::Custom(e.to_string())))?;
            let (kid, blob) = vault.seal(&plain, id.as_bytes())?;
            (
                Some(kid),
                Some(blob),
                Some(vault.lookup_hash("nik", &private.nik)),
                private.no_kk.as_ref().map(|k| vault.lookup_hash("kk", k)),
            )
        }
        None => (None, None, None, None),
    };
    Ok(ActiveModel {
        id: Set(id),
        padukuhan_id: Set(p.padukuhan_id.to_string()),
        kalurahan_code: Set(p.kalurahan.to_string()),
        wksbm_id: Set(p.wksbm_id.map(|w| w.to_string())),
        key_id: Set(key_id),
        private_enc: Set(enc),
        nik_hash: Set(nik_hash),
        kk_hash: Set(kk_hash),
        name: Set(p.name.clone()),
        name_key: Set(search_key(&p.name)),
        birth_place: Set(p.birth_place.clone()),
        birth_date: Set(p.birth_date),
        sex: Set(p.sex.map(|s| s.as_str().to_owned())),
        rt: Set(p.rt.clone()),
        rw: Set(p.rw.clone()),
        address: Set(p.address.clone()),
        types_index: Set(types_index(vault, p)),
        asnaf: Set(p.asnaf.clone()),
        lawful_basis: Set(p.basis.basis.as_str().to_owned()),
        consent_proof: Set(p.basis.consent_proof.clone()),
        consent_by: Set(p.basis.consent_by.map(|c| c.as_str().to_owned())),
        consent_name: Set(p.basis.consent_name.clone()),
        verified: Set(p.verification.verified),
        verified_by: Set(p.verification.by.map(|u| u.to_string())),
        verified_role: Set(p.verification.by_role.clone()),
        verified_at: Set(p.verification.at),
        active: Set(p.active),
        status_reason: Set(p.status_reason.map(|r| r.as_str().to_owned())),
        status_date: Set(p.status_date),
        status_note: Set(p.status_note.clone()),
        anonymised_at: Set(p.anonymised_at),
        version: Set(p.version),
        created_by: Set(p.created_by.to_string()),
        created_at: Set(p.created_at),
        updated_at: Set(p.updated_at),
    })
}

pub(super) fn to_domain(vault: &Vault, m: Model) -> Result<Ppks, StoreError> {
    let uuid = |s: &str, what: &str| Uuid::parse_str(s).map_err(|_| bad(&m.id, what));
    let sealed: Option<Sealed> = match (&m.key_id, &m.private_enc) {
        (Some(kid), Some(blob)) => {
            let plain = vault.open(kid, blob, m.id.as_bytes())?;
            Some(serde_json::from_slice(&plain).map_err(|_| bad(&m.id, "private document"))?)
        }
        _ => None,
    };
    let public_types = m
        .types_index
        .split('|')
        .filter(|t| t.starts_with("PPKS-"))
        .map(str::to_owned)
        .collect();
    let (private, needs, notes) = match sealed {
        Some(s) => (Some(s.private), s.needs, s.notes),
        None => (None, None, None),
    };
    Ok(Ppks {
        id: uuid(&m.id, "id")?,
        padukuhan_id: uuid(&m.padukuhan_id, "padukuhan_id")?,
        kalurahan: KodeWilayah::parse(&m.kalurahan_code).map_err(|_| bad(&m.id, "kalurahan"))?,
        wksbm_id: m
            .wksbm_id
            .as_deref()
            .map(|w| uuid(w, "wksbm_id"))
            .transpose()?,
        private,
        name: m.name.clone(),
        birth_place: m.birth_place.clone(),
        birth_date: m.birth_date,
        sex: m.sex.as_deref().and_then(Sex::parse),
        rt: m.rt.clone(),
        rw: m.rw.clone(),
        address: m.address.clone(),
        public_types,
        asnaf: m.asnaf.clone(),
        needs,
        notes,
        basis: Basis {
            basis: LawfulBasis::parse(&m.lawful_basis).ok_or_else(|| bad(&m.id, "basis"))?,
            consent_proof: m.consent_proof.clone(),
            consent_by: m.consent_by.as_deref().and_then(ConsentBy::parse),
            consent_name: m.consent_name.clone(),
        },
        verification: Verification {
            verified: m.verified,
            by: m
                .verified_by
                .as_deref()
                .map(|v| uuid(v, "verified_by"))
                .transpose()?,
            by_role: m.verified_role.clone(),
            at: m.verified_at,
        },
        active: m.active,
        status_reason: m.status_reason.as_deref().and_then(InactiveReason::parse),
        status_date: m.status_date,
        status_note: m.status_note.clone(),
        anonymised_at: m.anonymised_at,
        version: m.version,
        created_by: uuid(&m.created_by, "created_by")?,
        created_at: m.created_at,
        updated_at: m.updated_at,
    })
}

fn nik_taken(e: StoreError) -> StoreError {
    match e {
        StoreError::Conflict(_) => StoreError::Conflict("nik_taken"),
        other => other,
    }
}

/// The WKSBM of a padukuhan that is not dissolved, if any: who a new person belongs to.
pub async fn live_wksbm(db: &Db, padukuhan_id: Uuid) -> Result<Option<Uuid>, StoreError> {
    use crate::entity::wksbm;
    let w = wksbm::Entity::find()
        .filter(wksbm::Column::PadukuhanId.eq(padukuhan_id.to_string()))
        .filter(wksbm::Column::Status.ne("dibubarkan"))
        .one(db.conn())
        .await?;
    Ok(w.and_then(|w| Uuid::parse_str(&w.id).ok()))
}

pub async fn insert(
    db: &Db,
    vault: &Vault,
    p: &Ppks,
    audit: &AuditEntry,
) -> Result<Ppks, StoreError> {
    let txn = db.begin_write().await?;
    Entity::insert(to_active(vault, p)?)
        .exec(&txn)
        .await
        .map_err(|e| nik_taken(e.into()))?;
    audit_repo::append(&txn, audit).await?;
    let stored = Entity::find_by_id(p.id.to_string()).one(&txn).await?;
    txn.commit().await?;
    to_domain(vault, stored.ok_or(StoreError::Stale)?)
}

/// Inserts every record in one transaction with the audit entries: all or nothing.
pub async fn insert_all(
    db: &Db,
    vault: &Vault,
    rows: &[Ppks],
    audit: &[AuditEntry],
) -> Result<(), StoreError> {
    let txn = db.begin_write().await?;
    for chunk in rows.chunks(200) {
        let models = chunk
            .iter()
            .map(|p| to_active(vault, p))
            .collect::<Result<Vec<_>, _>>()?;
        Entity::insert_many(models)
            .exec(&txn)
            .await
            .map_err(|e| nik_taken(e.into()))?;
    }
    audit_repo::append_many(&txn, audit).await?;
    txn.commit().await?;
    Ok(())
}

pub async fn get(
    db: &Db,
    vault: &Vault,
    territory: &Territory,
    id: Uuid,
) -> Result<Option<Ppks>, StoreError> {
    Entity::find_by_id(id.to_string())
        .filter(scope::condition(
            territory,
            Column::KalurahanCode,
            Some(Column::PadukuhanId),
        ))
        .one(db.conn())
        .await?
        .map(|m| to_domain(vault, m))
        .transpose()
}

/// Writes the whole record when the row is still at `expected_version` (the new
/// version is `expected_version + 1`).
pub async fn save(
    db: &Db,
    vault: &Vault,
    p: &Ppks,
    expected_version: i64,
    audit: &AuditEntry,
) -> Result<Ppks, StoreError> {
    let txn = db.begin_write().await?;
    let saved = save_in(&txn, vault, p, expected_version).await?;
    audit_repo::append(&txn, audit).await?;
    txn.commit().await?;
    Ok(saved)
}

pub(super) async fn save_in<C: ConnectionTrait>(
    conn: &C,
    vault: &Vault,
    p: &Ppks,
    expected_version: i64,
) -> Result<Ppks, StoreError> {
    let mut next = p.clone();
    next.version = expected_version + 1;
    next.updated_at = chrono::Utc::now();
    let mut am = to_active(vault, &next)?;
    am.id = sea_orm::ActiveValue::NotSet;
    am.created_at = sea_orm::ActiveValue::NotSet;
    am.created_by = sea_orm::ActiveValue::NotSet;
    let res = Entity::update_many()
        .set(am)
        .filter(Column::Id.eq(p.id.to_string()))
        .filter(Column::Version.eq(expected_version))
        .exec(conn)
        .await
        .map_err(|e| nik_taken(e.into()))?;
    if res.rows_affected != 1 {
        return Err(StoreError::Stale);
    }
    let stored = Entity::find_by_id(p.id.to_string()).one(conn).await?;
    to_domain(vault, stored.ok_or(StoreError::Stale)?)
}

/// Inactive, not yet anonymised people whose inactivity began before `before`.
pub async fn past_retention(
    db: &Db,
    vault: &Vault,
    before: chrono::NaiveDate,
) -> Result<Vec<Ppks>, StoreError> {
    Entity::find()
        .filter(Column::Active.eq(false))
        .filter(Column::AnonymisedAt.is_null())
        .filter(Column::StatusDate.lt(before))
        .order_by_asc(Column::Id)
        .all(db.conn())
        .await?
        .into_iter()
        .map(|m| to_domain(vault, m))
        .collect()
}
