//! The zakat legal basis a WKSBM records before it receives zakat maal.

use crate::entity::zakat_basis;
use crate::{Db, StoreError};
use sea_orm::{ActiveValue::Set, EntityTrait};
use uuid::Uuid;
use wksbm_domain::audit::AuditEntry;
use wksbm_domain::fundraising::ZakatBasis;

pub async fn zakat_basis(db: &Db, wksbm_id: Uuid) -> Result<Option<ZakatBasis>, StoreError> {
    Ok(zakat_basis::Entity::find_by_id(wksbm_id.to_string())
        .one(db.conn())
        .await?
        .map(|m| ZakatBasis {
            kind: m.kind,
            number: m.number,
            date: m.date,
            issuer: m.issuer,
            recorded_by: Uuid::parse_str(&m.recorded_by).unwrap_or_default(),
            recorded_at: m.created_at,
        }))
}

/// Records (or replaces) the legal basis; the WKSBM must be writable.
pub async fn set_zakat_basis(
    db: &Db,
    wksbm_id: Uuid,
    b: &ZakatBasis,
    audit: &AuditEntry,
) -> Result<ZakatBasis, StoreError> {
    let (txn, w) = crate::wksbm_repo::lock(db, wksbm_id).await?;
    crate::wksbm_repo::writable(&w)?;
    zakat_basis::Entity::delete_by_id(wksbm_id.to_string())
        .exec(&txn)
        .await?;
    zakat_basis::Entity::insert(zakat_basis::ActiveModel {
        wksbm_id: Set(wksbm_id.to_string()),
        kind: Set(b.kind.clone()),
        number: Set(b.number.clone()),
        date: Set(b.date),
        issuer: Set(b.issuer.clone()),
        recorded_by: Set(b.recorded_by.to_string()),
        created_at: Set(b.recorded_at),
    })
    .exec(&txn)
    .await?;
    crate::wksbm_repo::finish(txn, wksbm_id, audit).await?;
    Ok(b.clone())
}
